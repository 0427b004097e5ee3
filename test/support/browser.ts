import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Debian's Chromium (or CHROME_PATH); `npm test` installs it when missing. */
export function chromiumPath(): string {
  const path = [process.env.CHROME_PATH, ...CANDIDATES].find((candidate) => candidate && existsSync(candidate));
  if (!path)
    throw new Error("No Chromium found: set CHROME_PATH or install Debian's chromium (npm test does this as root).");
  return path;
}

export interface BrowserSession {
  browser: Browser;
  newContext(options?: { width?: number; height?: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Headless Chromium (Playwright gives each context a fresh profile) with flags for a closed network. */
export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    browser,
    newContext: ({ width = 1280, height = 900 } = {}) =>
      browser.newContext({ viewport: { width, height }, locale: 'pl-PL', timezoneId: 'Europe/Warsaw' }),
    close: () => browser.close(),
  };
}

/** The rows of a portal list (`upcoming-list`, `past-list`) once it has finished loading. */
export async function readyRows(page: Page, list: string, row: string): Promise<Locator> {
  await page.locator(`[data-testid="${list}"][data-state="ready"]`).waitFor();
  return page.getByTestId(list).getByTestId(row);
}
