import { FixedClock } from '@pacjent/platform';
import { Client } from 'pg';
import { browserSuite } from '../support/browser';
import { ApiClient, newPatient } from '../support/http';
import { findMedicine } from '../support/prescriptions';
import { eventually, MINUTE, RecordScenario } from '../support/record';

/** The patient's record in the portal, in Chromium: history, a question answered, a referral booked. */
describe('treatment record in the browser', () => {
  const clock = new FixedClock(new Date());
  const suite = browserSuite({ timeoutMs: 8000, stack: { consultationsClock: clock } });
  const { byTestId } = suite;

  async function logIn(email: string, password: string) {
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(email);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
  }

  it('shows the doctor’s recommendation and referral, carries a question to the answer, and books rehabilitation with the referral', async () => {
    const scenario = new RecordScenario(suite.stack);
    const patient = await newPatient(suite.stack.baseUrl);
    const db = new Client({ connectionString: suite.stack.database.url });
    await db.connect();
    await db.query(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
    await db.end();
    const api = new ApiClient(suite.stack.baseUrl);
    api.accessToken = (
      await api.post('/api/auth/login', { email: patient.email, password: patient.password })
    ).body.accessToken;

    const visit = await scenario.book(api);
    clock.set(new Date(visit.startsAt.getTime() + 5 * MINUTE));
    const rehab = await scenario.freeSlot('rehabilitation', 'any');
    const doctor = await scenario.demoDoctor();
    const completed = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, {
      notes: 'Notatka',
      diagnoses: ['M54.5'],
      recommendations: 'Ćwiczenia rozciągające codziennie.',
      referrals: [{ kind: 'rehabilitation', serviceId: rehab.serviceId, sessionsTotal: 4 }],
    });
    expect(completed.status).toBe(200);

    const medicineId = await findMedicine(doctor, 'bisocard', '5 mg');
    const prescribed = await doctor.post('/api/doctor/prescriptions', {
      patientId: patient.id,
      appointmentId: visit.id,
      items: [{ medicineId, dosage: '1 tabl. rano', quantity: 1, refundLevel: '100%' }],
    });
    expect(prescribed.status).toBe(201);

    await logIn(patient.email, patient.password);
    await byTestId('nav-record').click();
    const card = suite.page.locator(`[data-testid="record-visit"][data-id="${visit.id}"]`);
    const prescription = card.locator('[data-testid="record-visit-prescriptions"] [data-testid="record-prescription"]');
    await expect(prescription.getAttribute('data-id')).resolves.toBe(prescribed.body.id);
    await expect(prescription.textContent()).resolves.toContain('Bisocard 5 mg — 1 tabl. rano');
    await expect(card.locator('[data-testid="record-visit-recommendations"]').textContent()).resolves.toBe(
      'Ćwiczenia rozciągające codziennie.',
    );
    await expect(card.locator('[data-testid="record-visit-diagnoses"]').textContent()).resolves.toContain(
      'M54.5 — Ból okolicy lędźwiowo-krzyżowej kręgosłupa',
    );

    await card.locator('[data-testid="record-ask-text"]').fill('Ile razy w tygodniu ćwiczyć?');
    await card.locator('[data-testid="record-ask-submit"]').click();
    await card.locator('[data-testid="record-question"][data-status="open"]').waitFor();
    const open = await doctor.get('/api/doctor/questions?status=open');
    const question = open.body.find((item: { text: string }) => item.text === 'Ile razy w tygodniu ćwiczyć?');
    await doctor.post(`/api/doctor/questions/${question.id}/answer`, { text: 'Trzy razy.' });
    await suite.page.reload();
    await expect(
      suite.page
        .locator(`[data-testid="record-visit"][data-id="${visit.id}"] [data-testid="record-question-answer"]`)
        .textContent(),
    ).resolves.toBe('Trzy razy.');
    // The bell's "answer" notice takes the patient to that visit's questions, highlighted.
    await byTestId('notifications-bell').click();
    const answered = byTestId('notifications-panel').locator('[data-kind="question_answered"]');
    await answered.waitFor({ timeout: 15_000 });
    await answered.getByTestId('notice-open').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/record?visit=${visit.id}`);
    await suite.page
      .locator(`[data-testid="record-visit"][data-id="${visit.id}"][data-linked="true"]`)
      .waitFor({ timeout: 8000 });
    await suite.page
      .locator(`[data-testid="record-visit"][data-id="${visit.id}"] [data-testid="record-visit-questions"]:focus`)
      .waitFor();
    // Not on the listed page (filtered out here): the linked visit is fetched on its own and shown, still marked.
    const fetchedAlone = suite.page.waitForResponse((response) =>
      response.url().endsWith(`/api/record/visits/${visit.id}`),
    );
    await byTestId('record-kind').selectOption('test');
    expect((await fetchedAlone).status()).toBe(200);
    await suite.page
      .locator(`[data-testid="record-visit"][data-id="${visit.id}"][data-linked="true"]`)
      .waitFor({ timeout: 8000 });
    await expect(byTestId('record-visit').count()).resolves.toBe(1);
    await byTestId('record-kind').selectOption('');

    await byTestId('nav-referrals').click();
    const referral = byTestId('referral').first();
    await expect(referral.getByTestId('referral-sessions').textContent()).resolves.toContain('pozostało: 4');
    await referral.getByTestId('referral-book').click();
    await byTestId('search-submit').click();
    const slot = suite.page.locator(`[data-testid="slot-row"][data-slot-id="${rehab.id}"]`);
    await slot.getByTestId('slot-reserve').click();
    await byTestId('booking-confirm').click();
    await byTestId('booking-success').waitFor();
    await eventually(async () => (await api.get('/api/referrals')).body[0].sessionsLeft === 3);
  });

  it('asks a basic account to confirm its identity instead of showing the record', async () => {
    const patient = await newPatient(suite.stack.baseUrl);
    await logIn(patient.email, patient.password);
    await byTestId('nav-record').click();
    await expect(byTestId('record-locked').textContent()).resolves.toContain(
      'Potwierdź swoją tożsamość, aby oglądać historię leczenia i wyniki badań',
    );
  });
});
