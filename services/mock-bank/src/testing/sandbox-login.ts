/**
 * Plays the person's browser at the bank, for API tests: follows redirects with
 * a cookie jar, logs in with `pesel`/`password`, consents (or refuses), and stops
 * at the first redirect that leaves the bank (the relying party's callback).
 */
export interface SandboxLogin {
  pesel: string;
  password?: string;
  /** Refuse at the consent screen instead of agreeing. */
  deny?: boolean;
}

export interface SandboxOutcome {
  /** The URL the bank sent the browser to (the callback with code/state or error). */
  callbackUrl: string;
  /** Pages the bank showed, in order (for assertions on what the person saw). */
  pages: string[];
}

export async function loginAtBank(authorizationUrl: string, login: SandboxLogin): Promise<SandboxOutcome> {
  const bankOrigin = new URL(authorizationUrl).origin;
  const cookies = new Map<string, string>();
  const pages: string[] = [];

  const go = async (url: string, form?: Record<string, string>): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!, value.join('='));
    }
    return response;
  };

  /** Follows redirects inside the bank; answers the page reached, or the URL that left the bank. */
  const follow = async (response: Response, from: string): Promise<{ page?: string; url: string; left?: string }> => {
    let current = response;
    let url = from;
    for (let hops = 0; hops < 10; hops++) {
      const location = current.headers.get('location');
      if (!location) {
        const page = await current.text();
        pages.push(page);
        return { page, url };
      }
      const next = new URL(location, url).toString();
      if (!next.startsWith(bankOrigin)) return { url: next, left: next };
      url = next;
      current = await go(next);
    }
    throw new Error('too many redirects at the bank');
  };

  let step = await follow(await go(authorizationUrl), authorizationUrl);
  for (let screens = 0; screens < 4 && !step.left; screens++) {
    const page = step.page ?? '';
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`unexpected page at the bank: ${page.slice(0, 300)}`);
    if (action.endsWith('/login')) {
      step = await follow(
        await go(new URL(action, step.url).toString(), { pesel: login.pesel, password: login.password ?? 'demo' }),
        step.url,
      );
      if (!step.left && /bank-login-error/.test(step.page ?? '')) throw new Error('the bank refused the login');
    } else if (action.endsWith('/confirm')) {
      const target = login.deny ? action.replace(/\/confirm$/, '/abort') : action;
      step = await follow(await go(new URL(target, step.url).toString(), {}), step.url);
    } else {
      throw new Error(`unexpected form at the bank: ${action}`);
    }
  }
  if (!step.left) throw new Error('the bank never sent the browser back');
  return { callbackUrl: step.left, pages };
}
