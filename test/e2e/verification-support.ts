import { loginAtBank, type SandboxLogin } from '../../services/mock-bank/src/testing/sandbox-login';
import type { ApiClient } from '../support/http';

const WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
let serial = 0;

/** A valid PESEL of someone born on `birthDate` (YYYY-MM-DD); a different one each call. */
export function peselBornOn(birthDate: string, female = false): string {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const offset = year >= 2000 ? 20 : 0;
  serial = (serial + 1) % 1000;
  const random = (Math.floor(Math.random() * 100) * 1000 + serial) % 1000;
  const sexDigit = (random % 5) * 2 + (female ? 0 : 1);
  const body =
    String(year % 100).padStart(2, '0') +
    String(month + offset).padStart(2, '0') +
    String(day).padStart(2, '0') +
    String(random).padStart(3, '0') +
    String(sexDigit);
  const sum = [...body].reduce((acc, digit, i) => acc + WEIGHTS[i]! * Number(digit), 0);
  return body + String((10 - (sum % 10)) % 10);
}

/** YYYY-MM-DD in Warsaw, `years` years and `days` days before today. */
export function dateYearsAgo(years: number, days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, d - days));
  return date.toISOString().slice(0, 10);
}

export interface BankRoundTrip {
  authorizationUrl: string;
  /** The bank-binding cookie's value the start set in the browser. */
  binding: string;
  callbackUrl: string;
  /** Where the gateway sent the browser afterwards (the portal's outcome page). */
  location: string;
  outcome: { status: string | null; code: string | null };
}

/**
 * Follows the gateway's callback like a browser would, with `browser`'s
 * cookies (the bank-binding cookie among them) or with none at all (another
 * person's browser); answers its redirect.
 */
export async function visitCallback(
  callbackUrl: string,
  browser?: ApiClient,
): Promise<Pick<BankRoundTrip, 'location' | 'outcome'>> {
  const target = new URL(callbackUrl);
  const response = browser
    ? await browser.call('GET', `${target.pathname}${target.search}`, { token: null })
    : await fetch(callbackUrl, { redirect: 'manual' }).then(async (r) => ({
        status: r.status,
        body: await r.text(),
        headers: r.headers,
      }));
  if (response.status !== 303) throw new Error(`callback answered ${response.status}: ${String(response.body)}`);
  const location = response.headers.get('location') ?? '';
  const url = new URL(location, callbackUrl);
  return { location, outcome: { status: url.searchParams.get('status'), code: url.searchParams.get('code') } };
}

/**
 * The whole bank confirmation as the patient's browser lives it: start (which
 * sets the bank-binding cookie in `client`), bank login and consent, callback
 * in the same browser.
 */
export async function confirmThroughBank(client: ApiClient, login: SandboxLogin): Promise<BankRoundTrip> {
  const started = await startAtBank(client);
  const { callbackUrl } = await loginAtBank(started.authorizationUrl, login);
  return { ...started, callbackUrl, ...(await visitCallback(callbackUrl, client)) };
}

/** Starts a bank confirmation in `client`'s browser: answers where to send it, and the binding cookie it got. */
export async function startAtBank(client: ApiClient): Promise<{ authorizationUrl: string; binding: string }> {
  const started = await client.post('/api/identity/verification/bank');
  if (started.status !== 200) throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
  const binding = client.cookie(BANK_BINDING_COOKIE);
  if (!binding) throw new Error('the start set no bank-binding cookie');
  return { authorizationUrl: started.body.authorizationUrl as string, binding };
}

export const BANK_BINDING_COOKIE = 'pacjent_bank_binding';
