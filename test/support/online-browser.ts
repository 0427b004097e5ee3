// Browser steps of an online consultation: a patient staff confirmed, a doctor on duty in the console, a queue.
import type { Page } from 'playwright-core';
import { DEMO_STAFF } from './browser';
import { ApiClient, newPatient } from './http';

type Account = Awaited<ReturnType<typeof newPatient>>;

/** A full account as staff confirm one (call centre, ID card): the doctor sees the confirmed name and age. */
export async function staffConfirmedPatient(baseUrl: string, fields: Record<string, unknown>): Promise<Account> {
  const account = await newPatient(baseUrl, fields);
  const staff = new ApiClient(baseUrl);
  staff.accessToken = (await staff.post('/api/auth/login', DEMO_STAFF)).body.accessToken;
  const confirmed = await staff.post(`/api/staff/patients/${account.id}/identity-confirmation`, {
    channel: 'call_center',
    documentType: 'id_card',
    documentNumberLast4: 'A123',
  });
  if (confirmed.body.level !== 'full') throw new Error(`confirmation failed: ${JSON.stringify(confirmed.body)}`);
  return account;
}

/** The demo doctor logs in to the console and goes on duty for one specialty only. */
export async function doctorOnDuty(doctor: Page, baseUrl: string, specialty = 'Internista'): Promise<void> {
  await doctor.goto(`${baseUrl}/console/`);
  await doctor.getByTestId('console-login-email').fill('doctor@demo.test');
  await doctor.getByTestId('console-login-password').fill('Doctor#Demo2026');
  await doctor.getByTestId('console-login-submit').click();
  await doctor.getByTestId('console-nav-online').click();
  await doctor.getByTestId('online-duty').waitFor();
  for (const box of await doctor.getByTestId('online-duty-specialty').all()) {
    if ((await box.getAttribute('value')) !== specialty) await box.uncheck();
    else await box.check();
  }
  await doctor.getByTestId('online-duty-start').click();
  await doctor.locator('[data-testid="online-duty"][data-on-duty="true"]').waitFor();
}

/** The patient logs in to the portal and opens "Konsultacje online", where the specialty has one doctor on duty. */
export async function patientAtOnline(patient: Page, baseUrl: string, account: Account, specialty = 'Internista') {
  await patient.goto(`${baseUrl}/login`);
  await patient.getByTestId('login-email').fill(account.email);
  await patient.getByTestId('login-password').fill(account.password);
  await patient.getByTestId('login-submit').click();
  await patient.getByTestId('nav-online').click();
  await specialtyCard(patient, specialty)
    .getByTestId('online-specialty-duty')
    .filter({ hasText: 'Lekarze dostępni teraz: 1' })
    .waitFor();
}

/** From "Konsultacje online": starts one in the chosen form and waits in its waiting room. */
export async function joinQueue(
  patient: Page,
  form: 'chat' | 'voice' | 'video',
  specialty = 'Internista',
): Promise<void> {
  await specialtyCard(patient, specialty).getByTestId('online-start').click();
  await patient.getByTestId(`online-form-${form}`).click();
  await patient.locator('[data-testid="online-waiting"], [data-testid="error-message"]').first().waitFor();
  const errors = await patient.getByTestId('error-message').allTextContents();
  if (errors.length > 0) throw new Error(`the consultation did not start: ${errors.join('; ')}`);
}

const specialtyCard = (patient: Page, specialty: string) =>
  patient.locator(`[data-testid="online-specialty"][data-specialty="${specialty}"]`);
