import { randomUUID } from 'node:crypto';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client for e2e tests: JSON in and out, bearer token and cookie jar per patient. */
export class ApiClient {
  accessToken?: string;
  private cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async call<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; token?: string | null } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const token = options.token === undefined ? this.accessToken : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      const text = value.join('=');
      if (text === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name!);
      else this.cookies.set(name!, text);
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }

  get<T = any>(path: string, token?: string | null) {
    return this.call<T>('GET', path, { token });
  }

  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.call<T>('POST', path, { body, headers });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

let counter = 0;

/** Registers and logs in a new patient; returns their client (token set) and id. */
export async function newPatient(
  baseUrl: string,
  overrides: Record<string, unknown> = {},
): Promise<{ client: ApiClient; id: string; email: string; password: string }> {
  const client = new ApiClient(baseUrl);
  const email = `patient.${Date.now()}.${++counter}.${randomUUID().slice(0, 6)}@example.test`;
  const password = 'Dobre-haslo-2026';
  const registered = await client.post('/api/auth/register', {
    email,
    password,
    firstName: 'Jan',
    lastName: 'Testowy',
    acceptTerms: true,
    ...overrides,
  });
  if (registered.status !== 201)
    throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  const login = await client.post('/api/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  client.accessToken = login.body.accessToken;
  return { client, id: registered.body.id, email, password };
}

/** A consultation a basic account may book in person: what the browser flows book. */
export async function openInPersonConsultation(baseUrl: string): Promise<{ id: string; name: string }> {
  const services = (await new ApiClient(baseUrl).get('/api/catalog/services?kind=consultation')).body as Array<{
    id: string;
    name: string;
    basicAllowed: boolean;
    channels: string[];
  }>;
  const service = services.find((s) => s.basicAllowed && s.channels.includes('in_person'));
  if (!service) throw new Error('the demo catalog has no in-person consultation open to basic accounts');
  return { id: service.id, name: service.name };
}
