import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack } from '../support/stack';

/** A built web app as Vite leaves it: index.html and hashed assets. */
function builtApp(root: string, title: string): string {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), `<!doctype html><title>${title}</title>`);
  writeFileSync(join(root, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
  return root;
}

describe('gateway: the web apps', () => {
  let stack: Stack;
  let dist: string;
  const consoleDistBefore = process.env.CONSOLE_DIST;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'pacjent-web-'));
    process.env.CONSOLE_DIST = builtApp(join(dist, 'console'), 'Konsola');
    stack = await startStack({ demoData: false, portalDist: builtApp(join(dist, 'portal'), 'Pacjent') });
  });
  afterAll(async () => {
    await stack?.close();
    if (consoleDistBefore === undefined) delete process.env.CONSOLE_DIST;
    else process.env.CONSOLE_DIST = consoleDistBefore;
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (path: string, accept: string) => fetch(`${stack.baseUrl}${path}`, { headers: { accept } });

  it('serves each app at its root to any client, not only to a browser (curl, uptime checks)', async () => {
    for (const [path, title] of [
      ['/', 'Pacjent'],
      ['/?utm=x', 'Pacjent'],
      ['/console/', 'Konsola'],
    ] as const) {
      const response = await get(path, '*/*');
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain(`<title>${title}</title>`);
    }
  });

  it('serves index.html for a client-side route a browser reloads, and 404 for a missing file', async () => {
    const page = await get('/leczenie', 'text/html,application/xhtml+xml');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Pacjent</title>');
    const consolePage = await get('/console/pacjenci', 'text/html');
    expect(await consolePage.text()).toContain('<title>Konsola</title>');

    const missing = await get('/assets/missing-000000.js', '*/*');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await get('/console/assets/missing-000000.js', '*/*')).status).toBe(404);

    const asset = await get('/assets/app-1a2b3c.js', '*/*');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
