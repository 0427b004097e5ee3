import type { PrescriptionView } from '@pacjent/contracts';
import { FixedClock } from '@pacjent/platform';
import { browserSuite, logInToConsole } from '../support/browser';
import { eventually, MINUTE, RecordScenario } from '../support/record';

/** The ten digits with their PESEL check digit. */
const validPesel = (digits: string): string => {
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return `${digits}${(10 - (sum % 10)) % 10}`;
};

const warsawDay = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(instant);

/** The doctor's workspace in the console, in Chromium: complete a visit, answer a question. */
describe('doctor’s workspace in the browser', () => {
  const clock = new FixedClock(new Date());
  const suite = browserSuite({ console: true, timeoutMs: 8000, stack: { consultationsClock: clock } });
  const { byTestId } = suite;

  it('completes a visit with a diagnosis, a recommendation and a rehabilitation referral; answers the patient’s question', async () => {
    const scenario = new RecordScenario(suite.stack);
    const { client: patient } = await scenario.fullPatient();
    const visit = await scenario.book(patient);
    clock.set(new Date(visit.startsAt.getTime() + 5 * MINUTE));

    await logInToConsole(suite, { email: 'doctor@demo.test', password: 'Doctor#Demo2026' });
    await byTestId('doctor-day-date').fill(warsawDay(visit.startsAt));
    const row = suite.page.locator(`[data-testid="doctor-visit"][data-id="${visit.id}"]`);
    await row.locator('[data-testid="doctor-visit-patient"]').waitFor();
    await expect(row.locator('[data-testid="doctor-visit-patient"]').textContent()).resolves.toContain('Jan Testowy');

    await row.locator('[data-testid="doctor-visit-complete"]').click();
    await byTestId('outcome-notes').fill('Ból lędźwiowy od tygodnia.');
    await byTestId('outcome-icd10-search').fill('M54');
    await suite.page.locator('[data-testid="outcome-icd10-option"][data-code="M54.5"]').click();
    await expect(byTestId('outcome-diagnosis').textContent()).resolves.toContain('M54.5');
    await byTestId('outcome-recommendations').fill('Ćwiczenia rozciągające codziennie.');
    await byTestId('outcome-referral-service').selectOption({ label: 'Kinezyterapia' });
    await byTestId('outcome-referral-sessions').fill('5');
    await byTestId('outcome-submit').click();
    await suite.page.locator(`[data-testid="doctor-visit"][data-id="${visit.id}"][data-status="completed"]`).waitFor();

    await row.locator('[data-testid="doctor-visit-history"]').click();
    await expect(
      suite.page.locator(`[data-testid="patient-record-visit"][data-id="${visit.id}"]`).textContent(),
    ).resolves.toContain('Ćwiczenia rozciągające codziennie.');

    const record = await patient.get('/api/record/visits');
    expect(record.body.items[0]).toMatchObject({
      id: visit.id,
      recommendations: 'Ćwiczenia rozciągające codziennie.',
      diagnoses: [{ code: 'M54.5', name: 'Ból okolicy lędźwiowo-krzyżowej kręgosłupa' }],
      referrals: [
        expect.objectContaining({
          kind: 'rehabilitation',
          service: expect.objectContaining({ name: 'Kinezyterapia' }),
          sessionsLeft: 5,
        }),
      ],
    });

    const asked = await patient.post(`/api/record/visits/${visit.id}/questions`, { text: 'Czy mogę biegać?' });
    expect(asked.status).toBe(201);
    await byTestId('console-nav-questions').click();
    const question = suite.page.locator(`[data-testid="doctor-question"][data-id="${asked.body.id}"]`);
    await expect(question.locator('[data-testid="doctor-question-text"]').textContent()).resolves.toBe(
      'Czy mogę biegać?',
    );
    await question.locator('[data-testid="doctor-answer-text"]').fill('Tak, po zakończeniu zabiegów.');
    await question.locator('[data-testid="doctor-answer-submit"]').click();
    await question.waitFor({ state: 'detached' });
    await eventually(
      async () => (await patient.get('/api/questions')).body[0]?.answer === 'Tak, po zakończeniu zabiegów.',
    );
  });

  it('prescribes two medicines in the outcome form; each becomes an e-prescription of the visit, which the patient reads', async () => {
    const scenario = new RecordScenario(suite.stack);
    const { client: patient, id: patientId } = await scenario.fullPatient();
    const pesel = validPesel(`880620${String(Date.now() % 10_000).padStart(4, '0')}`);
    await scenario.sql(`UPDATE "identity"."accounts" SET pesel = $2 WHERE id = $1`, [patientId, pesel]);
    const visit = await scenario.book(patient);
    clock.set(new Date(visit.startsAt.getTime() + 5 * MINUTE));

    await logInToConsole(suite, { email: 'doctor@demo.test', password: 'Doctor#Demo2026' });
    await byTestId('doctor-day-date').fill(warsawDay(visit.startsAt));
    const row = suite.page.locator(`[data-testid="doctor-visit"][data-id="${visit.id}"]`);
    await row.locator('[data-testid="doctor-visit-complete"]').click();
    // The PESEL hint: the doctor confirms who the prescriptions will name (born 1988-06-20: 38 in Dec 2026).
    await expect(byTestId('outcome-patient-hint').textContent()).resolves.toContain(`PESEL ${pesel}`);
    await expect(byTestId('outcome-patient-hint').textContent()).resolves.toContain('Jan Testowy');
    await byTestId('outcome-notes').fill('Nadciśnienie, zapalenie oskrzeli.');
    await byTestId('outcome-recommendations').fill('Leki wg e-recept.');

    // Catalog search by prefix, without diacritics.
    await byTestId('outcome-medicine-search').fill('bisoc');
    await suite.page
      .locator('[data-testid="outcome-medicine-option"][data-name="Bisocard"][data-strength="5 mg"]')
      .first()
      .click();
    const bisocard = suite.page.locator('[data-testid="outcome-prescription"][data-medicine="Bisocard"]');
    await bisocard.getByTestId('outcome-prescription-dosage').fill('1 tabl. rano');
    await bisocard.getByTestId('outcome-prescription-quantity').fill('3');
    await bisocard.getByTestId('outcome-prescription-valid-days').fill('90');
    await bisocard.getByTestId('outcome-prescription-supply-days').fill('90');
    await bisocard.getByTestId('outcome-prescription-refund').selectOption('30%');

    await byTestId('outcome-medicine-search').fill('amoks');
    await suite.page.locator('[data-testid="outcome-medicine-option"][data-name="Amoksiklav"]').first().click();
    const amoksiklav = suite.page.locator('[data-testid="outcome-prescription"][data-medicine="Amoksiklav"]');
    await amoksiklav.getByTestId('outcome-prescription-dosage').fill('1 tabl. co 12 h');
    await expect(byTestId('outcome-prescription').count()).resolves.toBe(2);

    await byTestId('outcome-submit').click();
    await suite.page.locator(`[data-testid="doctor-visit"][data-id="${visit.id}"][data-status="completed"]`).waitFor();
    await expect(row.getByTestId('doctor-visit-prescribed').textContent()).resolves.toContain('2 e-Recepty');

    let issued: PrescriptionView[] = [];
    await eventually(async () => {
      issued = (await patient.get('/api/prescriptions')).body;
      return issued.length === 2;
    });
    expect(
      issued
        .map((p) => [p.appointmentId, p.items[0]!.medicine.name, p.items[0]!.dosage, p.items[0]!.quantity, p.validDays])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual([
      [visit.id, 'Amoksiklav', '1 tabl. co 12 h', 1, 7],
      [visit.id, 'Bisocard', '1 tabl. rano', 3, 90],
    ]);
    expect(issued.every((p) => /^\d{4}$/.test(p.accessCode))).toBe(true);
  });
});
