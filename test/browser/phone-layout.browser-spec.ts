import { Client } from 'pg';
import { browserSuite } from '../support/browser';
import { newPatient, openInPersonConsultation } from '../support/http';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(4096, 9)]);

interface Problem {
  control: string;
  height: number;
  left: number;
  right: number;
}

/** Runs in the page (a string: the tests' TypeScript has no DOM types). */
const MEASURE = `(() => {
  const selector = 'a[href], button, input, select, textarea, summary, [role="button"]';
  const controls = [];
  for (const element of document.querySelectorAll(selector)) {
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    const hidden =
      style.visibility === 'hidden' ||
      style.display === 'none' ||
      rect.width <= 1 ||
      rect.height <= 1 ||
      // The skip link waits above the page until it gets the focus.
      rect.bottom + window.scrollY <= 0;
    if (hidden) continue;
    if (rect.height < 44 || rect.left < 0 || rect.right > window.innerWidth + 0.5) {
      const name = element.dataset.testid ?? (element.textContent ?? '').trim().slice(0, 40);
      controls.push({
        control: element.tagName.toLowerCase() + ' ' + name,
        height: Math.round(rect.height),
        left: Math.round(rect.left),
        right: Math.round(rect.right),
      });
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, controls };
})()`;

/**
 * Every page at phone size (390×844): nothing scrolls sideways, and every
 * control a patient may tap — links, buttons, fields, checkboxes — is at
 * least 44 px tall and lies within the screen's width.
 */
describe('the portal on a phone', () => {
  const suite = browserSuite({ pagePer: 'suite', viewport: { width: 390, height: 844 }, timeoutMs: 10_000 });
  const { byTestId } = suite;

  /** What is wrong with the page at the current size: its scroll width and the controls that are too small or cut off. */
  async function layoutProblems(): Promise<{ scrollWidth: number; innerWidth: number; controls: Problem[] }> {
    return suite.page.evaluate<{ scrollWidth: number; innerWidth: number; controls: Problem[] }>(MEASURE);
  }

  async function expectFitsThePhone(where: string) {
    const found = await layoutProblems();
    expect({ where, scrollWidth: found.scrollWidth <= found.innerWidth, controls: found.controls }).toEqual({
      where,
      scrollWidth: true,
      controls: [],
    });
  }

  async function visit(path: string, ready: string) {
    await suite.page.goto(`${suite.stack.baseUrl}${path}`);
    await suite.page.locator(ready).first().waitFor();
  }

  it('fits every page a logged-out visitor sees', async () => {
    await visit('/login', '[data-testid="login-submit"]');
    await expectFitsThePhone('/login');
    await visit('/register', '[data-testid="register-submit"]');
    await expectFitsThePhone('/register');
    await visit('/verification/contact', '[data-testid="contact-submit"]');
    await expectFitsThePhone('/verification/contact');
    await visit('/no-such-page', 'main h1');
    await expectFitsThePhone('404');
  });

  it('fits every page of a full patient, with the header, the notifications, the files and the search', async () => {
    const patient = await newPatient(suite.stack.baseUrl);
    const db = new Client({ connectionString: suite.stack.database.url });
    await db.connect();
    await db.query(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
    await db.end();
    const service = await openInPersonConsultation(suite.stack.baseUrl);
    const [slot] = (await patient.client.get(`/api/slots?serviceId=${service.id}&channel=in_person&limit=1`))
      .body as Array<{ id: string }>;
    expect((await patient.client.post('/api/appointments', { slotId: slot!.id })).status).toBe(201);

    await visit('/login', '[data-testid="login-submit"]');
    await byTestId('login-email').fill(patient.email);
    await byTestId('login-password').fill(patient.password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
    await suite.page.locator('[data-testid="upcoming-list"][data-state="ready"]').waitFor();
    await byTestId('appointment-row').first().waitFor();
    await expectFitsThePhone('/');

    // The notifications open over the page: the header keeps its height and nothing moves down.
    const headerBefore = await suite.page.locator('header').boundingBox();
    const mainBefore = await suite.page.locator('main').boundingBox();
    await byTestId('notifications-bell').click();
    const panel = byTestId('notifications-panel');
    await panel.waitFor();
    expect(await suite.page.locator('header').boundingBox()).toEqual(headerBefore);
    expect(await suite.page.locator('main').boundingBox()).toEqual(mainBefore);
    expect(
      await panel.evaluate((element) =>
        (element as { computedStyleMap(): Map<string, unknown> }).computedStyleMap().get('position')?.toString(),
      ),
    ).toMatch(/^(fixed|absolute)$/);
    const panelBox = (await panel.boundingBox())!;
    expect(panelBox.x).toBeGreaterThanOrEqual(0);
    expect(panelBox.x + panelBox.width).toBeLessThanOrEqual(390);
    await expectFitsThePhone('/ with the notifications open');
    await byTestId('notifications-bell').click();

    await visit('/files', '[data-testid="files-list"][data-state="ready"]');
    await byTestId('file-add').click();
    await byTestId('file-input').setInputFiles({ name: 'wynik.png', mimeType: 'image/png', buffer: PNG });
    await byTestId('file-description').fill('Wynik badania krwi');
    await byTestId('file-consent').check();
    await expectFitsThePhone('/files with the form');
    await byTestId('file-submit').click();
    await byTestId('file-row').first().waitFor();
    await expectFitsThePhone('/files with a file');
    await expect(byTestId('file-download').isVisible()).resolves.toBe(true);
    await expect(byTestId('file-delete').isVisible()).resolves.toBe(true);

    await visit('/book', '[data-testid="search-submit"]');
    await expectFitsThePhone('/book');
    await byTestId('search-service').selectOption({ index: 1 });
    await byTestId('search-submit').click();
    await byTestId('slot-results').waitFor();
    // "Szukaj" brings the results into view; the filters fold away.
    // A function, not an expression: the portal's CSP refuses an expression's re-evaluation (docs/testing.md).
    await suite.page.waitForFunction(
      `() => { const top = document.querySelector('[data-testid="slot-results"]').getBoundingClientRect().top;
        return top >= -1 && top < window.innerHeight / 2; }`,
    );
    await expect(byTestId('search-channel').isVisible()).resolves.toBe(false);
    await expectFitsThePhone('/book with results');

    for (const [path, ready] of [
      ['/verification', '[data-testid="verification-page"]'],
      ['/verification/result?status=failed&code=BANK_DENIED', '[data-testid="verification-result"]'],
      ['/access-history', '[data-testid="access-history"]'],
      ['/alerts', '[data-testid="alerts-list"][data-state="ready"]'],
      ['/no-such-page', 'main h1'],
    ] as const) {
      await visit(path, ready);
      await expectFitsThePhone(path);
    }
  }, 60_000);

  it('keeps the header within 360 px with the language switch and "Wyloguj" on screen', async () => {
    await suite.page.setViewportSize({ width: 360, height: 740 });
    await visit('/', '[data-testid="upcoming-list"][data-state="ready"]');
    await expectFitsThePhone('/ at 360 px');
    await expect(byTestId('lang-switch').isVisible()).resolves.toBe(true);
    await expect(byTestId('nav-logout').isVisible()).resolves.toBe(true);
    await visit('/book', '[data-testid="search-submit"]');
    await expectFitsThePhone('/book at 360 px');
  });
});
