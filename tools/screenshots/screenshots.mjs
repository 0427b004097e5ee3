/**
 * npm run screenshots — PNGs of the portal's main pages at desktop (1366×900)
 * and phone (390×844) size, into docs/screenshots/, so a reader sees the
 * portal without running it.
 *
 * Needs the portal running (`npm start` in another terminal) at PORTAL_URL
 * (default http://localhost:3000) with its demo data, and Chromium
 * (CHROME_PATH or Debian's /usr/bin/chromium). Logs in as the demo patient.
 *
 * Env: PORTAL_URL, CHROME_PATH, OUT_DIR (default docs/screenshots).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEMO_PATIENT = { email: 'patient@demo.test', password: 'Patient#Demo2026' };
export const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

/** Each shot: a file name, the path to open, what to wait for, and what to do first. */
const SHOTS = [
  { name: 'login', path: '/login', ready: '[data-testid="login-submit"]', anonymous: true },
  { name: 'dashboard', path: '/', ready: '[data-testid="upcoming-list"][data-state="ready"]' },
  {
    name: 'search',
    path: '/book',
    ready: '[data-testid="search-submit"]',
    act: async (page) => {
      await page.getByTestId('search-service').selectOption({ index: 1 });
      await page.getByTestId('search-submit').click();
      await page.getByTestId('slot-row').first().waitFor();
      // Clicking "Szukaj" scrolled the desktop page; phones scroll to the results themselves.
      if (page.viewportSize().width > 1024) await page.evaluate('window.scrollTo(0, 0)');
    },
  },
  { name: 'files', path: '/files', ready: '[data-testid="files-list"][data-state="ready"]' },
  { name: 'alerts', path: '/alerts', ready: '[data-testid="alerts-list"][data-state="ready"]' },
];

function chromiumPath() {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) throw new Error('No Chromium found: set CHROME_PATH or install Debian’s chromium.');
  return found;
}

async function logIn(page, baseUrl) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(DEMO_PATIENT.email);
  await page.getByTestId('login-password').fill(DEMO_PATIENT.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${baseUrl}/`);
}

/** Takes every shot at every size with `browser`; returns the files written. */
export async function takeScreenshots(browser, baseUrl, outDir) {
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const size of SIZES) {
    const context = await browser.newContext({
      viewport: { width: size.width, height: size.height },
      locale: 'pl-PL',
      timezoneId: 'Europe/Warsaw',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    for (const shot of SHOTS.filter((s) => s.anonymous)) {
      await page.goto(`${baseUrl}${shot.path}`);
      await page.locator(shot.ready).first().waitFor();
      written.push(await save(page, outDir, shot.name, size.name));
    }
    await logIn(page, baseUrl);
    for (const shot of SHOTS.filter((s) => !s.anonymous)) {
      await page.goto(`${baseUrl}${shot.path}`);
      await page.locator(shot.ready).first().waitFor();
      if (shot.act) await shot.act(page);
      written.push(await save(page, outDir, shot.name, size.name));
    }
    await context.close();
  }
  return written;
}

async function save(page, outDir, name, size) {
  const file = join(outDir, `${name}-${size}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function main() {
  const baseUrl = (process.env.PORTAL_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  const outDir = process.env.OUT_DIR ?? join(ROOT, 'docs/screenshots');
  try {
    await fetch(`${baseUrl}/login`);
  } catch {
    console.error(`✗ The portal does not answer at ${baseUrl}: start it with \`npm start\` (or set PORTAL_URL).`);
    process.exit(1);
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    for (const file of await takeScreenshots(browser, baseUrl, outDir)) console.log(`✓ ${file}`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
