/**
 * `npm run probe:security`: replays the attacks of issue 10 ("Hardening")
 * against a running portal, from outside, as an attacker would, and prints one
 * row per check, then `N passed, M failed` (exit 1 when any failed).
 *
 *   PROBE_BASE_URL   the portal (default http://localhost:3000; BASE_URL works too)
 *   PROBE_STAFF_EMAIL / PROBE_STAFF_PASSWORD   a staff account (default: the demo staff of the README)
 *
 * It registers a few accounts, confirms one through the (mock) bank's sandbox
 * login (any valid PESEL, password `demo`), and uses up its address's
 * registration and contact-form budgets for the hour: run it against a fresh
 * `npm start`, or again after the Retry-After it reports. The upload race runs
 * last: on a portal that still has that bug, the gateway dies there.
 * Use the host the portal sends the bank back to (PORTAL_URL; `localhost`
 * under `npm start`): the probe keeps cookies per host, as a browser does.
 * Attacks that do not go over HTTP (the bus) are reported as not probed, with
 * the test that covers them. Results: docs/security.md ("Probe").
 */
import { randomBytes, randomInt } from 'node:crypto';
import process from 'node:process';

const BASE_URL = (process.env.PROBE_BASE_URL || process.env.BASE_URL || 'http://localhost:3000').replace(/\/$/, '');
const STAFF = {
  email: process.env.PROBE_STAFF_EMAIL || 'staff@demo.test',
  password: process.env.PROBE_STAFF_PASSWORD || 'Staff#Demo2026',
};
const TIMEOUT_MS = 20_000;
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);
/** The race sends small PNGs (as the issue did) and larger ones (a refusal then meets an upload still being received). */
const BIG_PNG = Buffer.concat([PNG, Buffer.alloc(512 * 1024, 9)]);
const RACE_ROUNDS = 10;
const NUL = '\u0000';

// ---------------------------------------------------------------- a browser

/** A client with its own cookies (by host, as a browser keeps them) and, once logged in, a bearer token. */
class Browser {
  constructor(name) {
    this.name = name;
    this.cookies = new Map(); // host → Map(name → { value, path })
    this.token = undefined;
  }

  cookieHeader(url) {
    const jar = this.cookies.get(url.hostname);
    if (!jar) return undefined;
    const pairs = [...jar].filter(([, c]) => url.pathname.startsWith(c.path)).map(([k, c]) => `${k}=${c.value}`);
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }

  remember(url, response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) || '/';
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=.*1970/i.test(a)) || value === '';
      if (!this.cookies.has(url.hostname)) this.cookies.set(url.hostname, new Map());
      const jar = this.cookies.get(url.hostname);
      if (expired) jar.delete(name);
      else jar.set(name, { value, path });
    }
  }

  /** One request, no redirects followed; answers { status, headers, text, json }. */
  async request(method, pathOrUrl, { json, body, headers = {}, token = this.token } = {}) {
    const url = new URL(pathOrUrl, BASE_URL);
    const sent = { ...headers };
    const cookie = this.cookieHeader(url);
    if (cookie) sent.cookie = cookie;
    if (token && url.origin === new URL(BASE_URL).origin) sent.authorization = `Bearer ${token}`;
    let payload = body;
    if (json !== undefined) {
      sent['content-type'] = 'application/json';
      payload = typeof json === 'string' ? json : JSON.stringify(json);
    }
    const response = await fetch(url, {
      method,
      headers: sent,
      body: payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    this.remember(url, response);
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, json: parsed };
  }

  get(path, options) {
    return this.request('GET', path, options);
  }

  post(path, json, options = {}) {
    return this.request('POST', path, { ...options, json });
  }
}

// ---------------------------------------------------------------- helpers

const strongPassword = () => `Probe-${randomBytes(6).toString('hex')}-Kx7!`;
const email = (tag) => `probe.${tag}.${Date.now()}.${randomBytes(3).toString('hex')}@example.test`;

/** A valid PESEL of an adult born 1950–1999 (random, so every run confirms a new identity). */
function randomPesel() {
  const year = randomInt(50, 100);
  const month = randomInt(1, 13);
  const day = randomInt(1, 29);
  const digits = [
    ...String(year).padStart(2, '0'),
    ...String(month).padStart(2, '0'),
    ...String(day).padStart(2, '0'),
    ...String(randomInt(0, 10000)).padStart(4, '0'),
  ].map(Number);
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = digits.reduce((total, digit, i) => total + digit * weights[i], 0);
  return [...digits, (10 - (sum % 10)) % 10].join('');
}

const describe = (response) =>
  `${response.status}${response.json?.code ? ` ${response.json.code}` : ''}${
    response.headers.get('content-type')?.startsWith('application/problem+json') ? ' (problem+json)' : ''
  }`;
const isProblem = (response) => /^application\/problem\+json/.test(response.headers.get('content-type') ?? '');

async function register(browser, overrides = {}) {
  const account = { email: email(browser.name), password: strongPassword() };
  const response = await browser.post('/api/auth/register', {
    ...account,
    firstName: 'Sonda',
    lastName: 'Bezpieczeństwa',
    acceptTerms: true,
    ...overrides,
  });
  if (response.status === 429) {
    throw new Error(
      `registration refused with 429 (Retry-After ${response.headers.get('retry-after')} s): ` +
        'this address used its registration budget; run against a fresh stack or later',
    );
  }
  if (response.status !== 201)
    throw new Error(`registration failed: ${describe(response)} ${response.text.slice(0, 200)}`);
  await logIn(browser, account);
  return { ...account, id: response.json.id };
}

async function logIn(browser, account) {
  const response = await browser.post('/api/auth/login', { email: account.email, password: account.password });
  if (response.status !== 200) throw new Error(`login failed: ${describe(response)}`);
  browser.token = response.json.accessToken;
}

/** Follows redirects inside the bank (same origin) in `browser`; answers the page or the URL that left it. */
async function followAtBank(browser, response, from) {
  const bankOrigin = new URL(from).origin;
  let current = response;
  let url = from;
  for (let hops = 0; hops < 10; hops++) {
    const location = current.headers.get('location');
    if (!location) return { page: current.text, url };
    const next = new URL(location, url).toString();
    if (new URL(next).origin !== bankOrigin) return { url: next, left: next };
    url = next;
    current = await browser.get(next);
  }
  throw new Error('too many redirects at the bank');
}

/** The bank's sandbox login (PESEL, password `demo`) and consent, done in `browser`; answers the callback URL. */
async function loginAtBank(browser, authorizationUrl, pesel) {
  let step = await followAtBank(browser, await browser.get(authorizationUrl), authorizationUrl);
  for (let screens = 0; screens < 4 && !step.left; screens++) {
    const action = /<form method="post" action="([^"]+)"/.exec(step.page ?? '')?.[1];
    if (!action) throw new Error(`unexpected page at the bank: ${(step.page ?? '').slice(0, 200)}`);
    const target = new URL(action, step.url).toString();
    const form = action.endsWith('/login') ? { pesel, password: 'demo' } : {};
    const response = await browser.request('POST', target, {
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    step = await followAtBank(browser, response, step.url);
  }
  if (!step.left) throw new Error('the bank never sent the browser back');
  return step.left;
}

/** Starts a bank confirmation in `starter` and lets `finisher` log in at the bank and open the callback. */
async function bankRoundTrip(starter, finisher, pesel) {
  const started = await starter.post('/api/identity/verification/bank');
  if (started.status !== 200) throw new Error(`bank start answered ${describe(started)}`);
  const callbackUrl = await loginAtBank(finisher, started.json.authorizationUrl, pesel);
  const callback = await finisher.get(callbackUrl);
  return { callback, location: callback.headers.get('location') ?? '' };
}

async function levelOf(browser) {
  const me = await browser.get('/api/me');
  if (me.status !== 200) throw new Error(`GET /api/me answered ${describe(me)}`);
  return me.json.level;
}

async function upload(browser, description = 'Wynik badania krwi', bytes = PNG) {
  const form = new FormData();
  form.append('description', description);
  form.append('consent', 'true');
  form.append('file', new Blob([bytes], { type: 'image/png' }), 'skan.png');
  return browser.request('POST', '/api/files', { body: form });
}

// ---------------------------------------------------------------- the checks

const results = [];
function record(item, check, outcome, detail) {
  results.push({ item, check, outcome, detail });
  const mark = { pass: 'PASS', fail: 'FAIL', skip: 'NOT PROBED' }[outcome];
  process.stderr.write(`  ${mark.padEnd(10)} ${item}. ${check}: ${detail}\n`);
}

/** Runs a check; `run` answers [passed, detail]. An exception is a failure with its message. */
async function check(item, name, run) {
  try {
    const [passed, detail] = await run();
    record(item, name, passed ? 'pass' : 'fail', detail);
  } catch (error) {
    record(item, name, 'fail', `error: ${error.cause?.code ?? error.message}`);
  }
}

const nested = (depth, open, close) => `${open.repeat(depth)}1${close.repeat(depth)}`;

async function main() {
  process.stderr.write(`Probing ${BASE_URL}\n`);
  const health = await new Browser('health').get('/api/health').catch((error) => ({ error }));
  if (health.error || health.status !== 200) {
    process.stderr.write(`The portal does not answer GET ${BASE_URL}/api/health with 200: start it (npm start).\n`);
    process.exit(2);
  }

  // The accounts: A (basic, the bank attacker's), V (confirmed through the bank, for uploads).
  const attacker = new Browser('attacker');
  const victim = new Browser('victim');
  const verified = new Browser('verified');
  const staff = new Browser('staff');
  await register(attacker);
  const verifiedAccount = await register(verified);
  await logIn(staff, STAFF);

  // 2 (control). V confirms their own identity at the bank: the probe can drive the bank, and V may upload.
  let bankWorks = false;
  await check(2, 'control: a patient confirms their own identity through the bank → full', async () => {
    const { location } = await bankRoundTrip(verified, verified, randomPesel());
    await logIn(verified, verifiedAccount); // a token that carries the new level
    const level = await levelOf(verified);
    bankWorks = level === 'full';
    return [bankWorks, `outcome ${new URL(location, BASE_URL).search || location}, level ${level}`];
  });

  // 7. Weak passwords
  await check(7, 'register with the weak password `password12` → 400', async () => {
    const response = await new Browser('weak').post('/api/auth/register', {
      email: email('weak'),
      password: 'password12',
      firstName: 'Sonda',
      lastName: 'Hasło',
      acceptTerms: true,
    });
    return [response.status === 400, describe(response)];
  });

  // 3. Deeply nested JSON
  const depthTargets = [
    ['/api/auth/register', null],
    ['/api/auth/login', null],
    ['/api/identity/contact-requests', null],
    ['/api/appointments', attacker.token],
    ['/api/slot-alerts', attacker.token],
  ];
  for (const [path, token] of depthTargets) {
    await check(3, `object nested 3,000 deep to POST ${path} → 400 VALIDATION_FAILED`, async () => {
      const response = await new Browser('depth').post(path, nested(3000, '{"a":', '}'), { token });
      return [response.status === 400 && response.json?.code === 'VALIDATION_FAILED', describe(response)];
    });
  }
  await check(3, 'array nested 3,000 deep to POST /api/slot-alerts → 400 VALIDATION_FAILED', async () => {
    const response = await new Browser('depth').post('/api/slot-alerts', `{"serviceId":${nested(3000, '[', ']')}}`, {
      token: attacker.token,
    });
    return [response.status === 400 && response.json?.code === 'VALIDATION_FAILED', describe(response)];
  });

  // 4. NUL (U+0000) in the 12 places of the issue → 400
  const anonymous = new Browser('anonymous');
  const services = (await anonymous.get('/api/catalog/services')).json ?? [];
  const consultation = services.find((s) => s.kind === 'consultation' && s.basicAllowed) ?? services[0];
  const occupational = services.find((s) => s.kind === 'occupational');
  const occupationalSlot = occupational
    ? ((await anonymous.get(`/api/slots?serviceId=${occupational.id}&limit=1`)).json ?? [])[0]
    : undefined;
  const until = new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString();
  const nulPlaces = [
    [
      'register: firstName',
      () =>
        anonymous.post('/api/auth/register', {
          email: email('nul'),
          password: strongPassword(),
          firstName: `Jan${NUL}`,
          lastName: 'Nul',
          acceptTerms: true,
        }),
    ],
    [
      'register: lastName',
      () =>
        anonymous.post('/api/auth/register', {
          email: email('nul'),
          password: strongPassword(),
          firstName: 'Jan',
          lastName: `Nul${NUL}`,
          acceptTerms: true,
        }),
    ],
    [
      'login: email',
      () => anonymous.post('/api/auth/login', { email: `jan${NUL}@example.test`, password: strongPassword() }),
    ],
    [
      'contact request: message',
      () =>
        anonymous.post('/api/identity/contact-requests', {
          name: 'Jan Nul',
          email: email('nul'),
          phone: '+48 600 100 200',
          message: `Proszę o kontakt${NUL}`,
        }),
    ],
    ['file: description', () => upload(verified, `Wynik${NUL} badania`)],
    [
      'slot alert: city',
      () => attacker.post('/api/slot-alerts', { serviceId: consultation?.id, until, city: `Warszawa${NUL}` }),
    ],
    [
      'occupational referral: employer',
      () =>
        verified.post('/api/appointments', {
          slotId: occupationalSlot?.id ?? '00000000-0000-4000-8000-000000000000',
          occupationalReferral: { employer: `Firma${NUL}`, position: 'Spawacz', referralNumber: 'MP/1/2026' },
        }),
    ],
    ['staff patient search: query', () => staff.get(`/api/staff/patients?query=${encodeURIComponent(`ko${NUL}`)}`)],
    ['slots: city', () => anonymous.get(`/api/slots?city=${encodeURIComponent(`Warszawa${NUL}`)}`)],
    ['slots: language', () => anonymous.get(`/api/slots?language=${encodeURIComponent(`pl${NUL}`)}`)],
    ['catalog services: q', () => anonymous.get(`/api/catalog/services?q=${encodeURIComponent(`kardio${NUL}`)}`)],
    [
      'catalog facilities: city',
      () => anonymous.get(`/api/catalog/facilities?city=${encodeURIComponent(`Kraków${NUL}`)}`),
    ],
  ];
  for (const [place, send] of nulPlaces) {
    await check(4, `NUL in ${place} → 400`, async () => {
      const response = await send();
      return [response.status === 400, describe(response)];
    });
  }

  // 5. Errors outside the handlers are problem+json, without echoing the input
  await check(5, 'GET /api/appointments/ + 300 × "a" → problem+json with a code, path not echoed', async () => {
    const response = await anonymous.get(`/api/appointments/${'a'.repeat(300)}`);
    const echoed = response.text.includes('a'.repeat(100));
    return [
      isProblem(response) && typeof response.json?.code === 'string' && !echoed,
      `${describe(response)}${echoed ? ', echoes the path' : ''}`,
    ];
  });

  // 2. The bank callback bound to the browser that started it (the control ran first, above)
  await check(
    2,
    'attack: A starts, another browser (no session) completes the bank login → A stays basic',
    async () => {
      if (!bankWorks) return [false, 'inconclusive: the probe could not complete a legitimate confirmation'];
      const { location } = await bankRoundTrip(attacker, victim, randomPesel());
      const level = await levelOf(attacker);
      return [level === 'basic', `outcome ${new URL(location, BASE_URL).search || location}, A is ${level}`];
    },
  );

  // 8. Logout ends access at once
  await check(8, 'access token used after POST /api/auth/logout → 401', async () => {
    const session = new Browser('session');
    await register(session);
    const before = await session.get('/api/me');
    const logout = await session.post('/api/auth/logout');
    const after = await session.get('/api/me');
    return [
      before.status === 200 && logout.status >= 200 && logout.status < 300 && after.status === 401,
      `before ${before.status}, logout ${logout.status}, after ${describe(after)}`,
    ];
  });

  // 6. Rate limits → 429 problem+json with Retry-After
  const untilRefused = async (send, max) => {
    for (let i = 1; i <= max; i++) {
      const response = await send(i);
      if (response.status === 429) return { response, sent: i };
    }
    return { response: undefined, sent: max };
  };
  const limited = ({ response, sent }) => {
    if (!response) return [false, `no 429 after ${sent} requests`];
    const retryAfter = Number(response.headers.get('retry-after'));
    const ok = isProblem(response) && Number.isInteger(retryAfter) && retryAfter > 0;
    return [ok, `429 after ${sent}: ${describe(response)}, Retry-After ${response.headers.get('retry-after')}`];
  };
  await check(6, 'registrations from one address → 429 within 11', async () =>
    limited(
      await untilRefused(
        () =>
          new Browser('flood').post('/api/auth/register', {
            email: email('flood'),
            password: strongPassword(),
            firstName: 'Sonda',
            lastName: 'Limit',
            acceptTerms: true,
          }),
        11,
      ),
    ),
  );
  await check(6, 'contact-form requests from one address → 429 within 6', async () =>
    limited(
      await untilRefused(
        () =>
          anonymous.post('/api/identity/contact-requests', {
            name: 'Sonda Limit',
            email: email('contact'),
            phone: '+48 600 100 200',
            message: 'Proszę o potwierdzenie tożsamości.',
          }),
        6,
      ),
    ),
  );
  await check(6, 'bank starts by one account → 429 within 11', async () =>
    limited(await untilRefused(() => attacker.post('/api/identity/verification/bank'), 11)),
  );
  await check(6, 'slot search and catalog reads from one address → 429 (limit 120 a minute)', async () => {
    let refused;
    let sent = 0;
    while (!refused && sent < 241) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, 241 - sent) }, (_, i) =>
          anonymous.get(i % 2 === 0 ? '/api/catalog/cities' : `/api/slots?limit=1&serviceId=${consultation?.id ?? ''}`),
        ),
      );
      sent += batch.length;
      refused = batch.find((response) => response.status === 429);
    }
    return limited({ response: refused, sent });
  });

  // 9. The bus
  record(
    9,
    'a service cannot call what it has no permission for on the bus',
    'skip',
    'not probed over HTTP (covered by libs/testing/src/bus-permissions.int-spec.ts and test/e2e/bus-permissions.e2e-spec.ts)',
  );

  // 1. Uploads over the file limit, in parallel (last: a portal with the bug loses its gateway here)
  await check(
    1,
    `10 parallel uploads over the 5-file limit, ${RACE_ROUNDS} rounds (a delete before each but the first) → gateway still answers`,
    async () => {
      if (!bankWorks) return [false, 'inconclusive: no confirmed account to upload with'];
      const statuses = [];
      const files = (await verified.get('/api/files')).json ?? [];
      for (let i = files.length; i < 5; i++) statuses.push((await upload(verified)).status);
      const race = async () =>
        Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            upload(verified, 'Wynik badania krwi', i % 2 === 0 ? PNG : BIG_PNG).then(
              (r) => r.status,
              (e) => `error ${e.cause?.code ?? e.message}`,
            ),
          ),
        );
      let stopped;
      for (let round = 0; round < RACE_ROUNDS && !stopped; round++) {
        try {
          if (round > 0) {
            const [first] = (await verified.get('/api/files')).json ?? [];
            if (first) statuses.push((await verified.request('DELETE', `/api/files/${first.id}`)).status);
          }
          statuses.push(...(await race()));
        } catch (error) {
          stopped = `the gateway stopped answering in round ${round + 1} (${error.cause?.code ?? error.message})`;
        }
      }
      const after = await new Browser('health')
        .get('/api/health')
        .catch((error) => ({ status: `error ${error.cause?.code ?? error.message}` }));
      const unexpected = statuses.filter((status) => typeof status !== 'number' || status >= 500);
      const counts = statuses.reduce((all, status) => ({ ...all, [status]: (all[status] ?? 0) + 1 }), {});
      return [
        after.status === 200 && unexpected.length === 0,
        `${stopped ? `${stopped}; ` : ''}answers ${JSON.stringify(counts)}; health afterwards ${after.status}`,
      ];
    },
  );
}

function printTable() {
  const escape = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '| item | check | result | detail |',
    '|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.item} | ${escape(r.check)} | ${{ pass: 'pass', fail: '**FAIL**', skip: 'not probed' }[r.outcome]} | ${escape(r.detail)} |`,
    ),
  ];
  const passed = results.filter((r) => r.outcome === 'pass').length;
  const failed = results.filter((r) => r.outcome === 'fail').length;
  process.stdout.write(`${lines.join('\n')}\n\n${passed} passed, ${failed} failed\n`);
  return failed;
}

main()
  .catch((error) => {
    record('-', 'setup', 'fail', error.message);
  })
  .finally(() => {
    process.exitCode = printTable() > 0 ? 1 : 0;
  });
