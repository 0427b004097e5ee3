import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startStack, type Stack, type StackOptions } from './stack';

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

/** Chromium's own camera and microphone (a test pattern and a beep), granted without a prompt: for WebRTC calls. */
export const FAKE_MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

/** Headless Chromium (Playwright gives each context a fresh profile) with flags for a closed network. */
export async function launchBrowser(extraArgs: string[] = []): Promise<BrowserSession> {
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
      ...extraArgs,
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

export interface BrowserSuiteOptions {
  /** For startStack; the portal's build (`apps/portal/dist`) is always served. */
  stack?: Omit<StackOptions, 'portalDist'>;
  /** Serve the staff console's build (`apps/console/dist`) at `/console/` too. */
  console?: boolean;
  /** `test` (default): a fresh browser profile and page for every test; `suite`: one page for the whole file. */
  pagePer?: 'test' | 'suite';
  viewport?: { width: number; height: number };
  /** The page's default timeout for waits and actions, where Playwright's 30 s is too long. */
  timeoutMs?: number;
  /** Launch Chromium with a fake camera and microphone (FAKE_MEDIA_ARGS). */
  fakeMedia?: boolean;
}

export interface BrowserSuite {
  readonly stack: Stack;
  readonly context: BrowserContext;
  readonly page: Page;
  byTestId(id: string): Locator;
  /** Closes the page's browser profile and opens a fresh one (someone else's browser). */
  reopen(): Promise<void>;
  /** A second person's browser beside the first (say the doctor's), closed with the suite. */
  otherPage(): Promise<Page>;
}

/**
 * A browser spec's set-up, registered in the calling `describe`: the whole
 * stack and headless Chromium for the file, a browser profile and page per
 * test (or per file), all closed afterwards. A spec's own `beforeAll` runs
 * after this one, with `stack` ready.
 */
export function browserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  let stack: Stack;
  let session: BrowserSession;
  let context: BrowserContext;
  let page: Page;
  const others: BrowserContext[] = [];

  const open = async () => {
    context = await session.newContext(options.viewport);
    page = await context.newPage();
    if (options.timeoutMs) page.setDefaultTimeout(options.timeoutMs);
  };

  beforeAll(async () => {
    if (options.console) process.env.CONSOLE_DIST = resolve(__dirname, '../../apps/console/dist');
    stack = await startStack({ ...options.stack, portalDist: resolve(__dirname, '../../apps/portal/dist') });
    session = await launchBrowser(options.fakeMedia ? FAKE_MEDIA_ARGS : []);
    if (options.pagePer === 'suite') await open();
    // The whole portal plus a browser: 14 s alone, but once over 60 s late in a full in-band run (session 6).
  }, 120_000);
  if (options.pagePer !== 'suite') {
    beforeEach(open);
    afterEach(() => context?.close());
  }
  afterAll(async () => {
    for (const other of others) await other.close();
    if (options.pagePer === 'suite') await context?.close();
    await session?.close();
    await stack?.close();
  });

  return {
    get stack() {
      return stack;
    },
    get context() {
      return context;
    },
    get page() {
      return page;
    },
    byTestId: (id) => page.getByTestId(id),
    reopen: async () => {
      await context.close();
      await open();
    },
    otherPage: async () => {
      const other = await session.newContext(options.viewport);
      others.push(other);
      const otherPage = await other.newPage();
      if (options.timeoutMs) otherPage.setDefaultTimeout(options.timeoutMs);
      return otherPage;
    },
  };
}

/** The demo staff account (`npm start` and `startStack()` seed it). */
export const DEMO_STAFF = { email: 'staff@demo.test', password: 'Staff#Demo2026' };

/** Logs in through the staff console's login form (`/console/`); does not wait for the outcome. */
export async function logInToConsole(suite: BrowserSuite, { email, password } = DEMO_STAFF): Promise<void> {
  await suite.page.goto(`${suite.stack.baseUrl}/console/`);
  await suite.byTestId('console-login-email').fill(email);
  await suite.byTestId('console-login-password').fill(password);
  await suite.byTestId('console-login-submit').click();
}
