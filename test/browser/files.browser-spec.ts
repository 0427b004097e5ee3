import { Client } from 'pg';
import { browserSuite } from '../support/browser';
import { ApiClient, newPatient } from '../support/http';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(4096, 9)]);

/** "Twoje pliki" in headless Chromium: add, list, attach to a phone consultation, delete; basic accounts see it locked. */
describe('your files in the browser', () => {
  const suite = browserSuite();

  const { byTestId } = suite;

  /**
   * Logs a new patient in through the login form. `full` confirms the
   * account directly in identity's table (identity confirmation is built in
   * its own issue; this stands in for a staff confirmation).
   */
  async function logIn(full: boolean) {
    const patient = await newPatient(suite.stack.baseUrl);
    if (full) {
      const db = new Client({ connectionString: suite.stack.database.url });
      await db.connect();
      await db.query(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
      await db.end();
    }
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(patient.email);
    await byTestId('login-password').fill(patient.password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
    return patient;
  }

  /** Books the patient's first free phone consultation of the demo doctor through the API. */
  async function bookPhoneConsultation(
    patient: Awaited<ReturnType<typeof newPatient>>,
  ): Promise<{ serviceName: string; appointmentId: string }> {
    const login = await patient.client.post('/api/auth/login', { email: patient.email, password: patient.password });
    patient.client.accessToken = login.body.accessToken;
    const doctors = await patient.client.get('/api/catalog/doctors');
    const demoDoctor = (doctors.body as Array<{ id: string; name: string }>).find((d) => d.name === 'lek. Anna Nowak')!;
    const slots = await patient.client.get(`/api/slots?channel=phone&doctorId=${demoDoctor.id}&limit=50`);
    const slot = (slots.body as Array<{ id: string; startsAt: string; service: { name: string } }>).find(
      (s) => new Date(s.startsAt).getTime() > Date.now() + 86_400_000,
    )!;
    const booked = await patient.client.post('/api/appointments', { slotId: slot.id });
    expect(booked.status).toBe(201);
    return { serviceName: slot.service.name, appointmentId: booked.body.id };
  }

  it('adds a file, lists it, attaches it to a phone consultation, and deletes it after confirmation', async () => {
    const patient = await logIn(true);
    const { serviceName, appointmentId } = await bookPhoneConsultation(patient);
    await byTestId('nav-files').click();
    await suite.page.waitForURL(/\/files$/);
    await suite.page.locator('[data-testid="files-list"][data-state="ready"]').waitFor();
    expect(await byTestId('file-row').count()).toBe(0);

    await byTestId('file-add').click();
    await byTestId('file-input').setInputFiles({ name: 'zdjęcie zmiany.png', mimeType: 'image/png', buffer: PNG });
    await byTestId('file-description').fill('Zmiana');
    await expect(byTestId('file-description-counter').textContent()).resolves.toBe('6/75');
    // Without the consent the form says why and sends nothing.
    await byTestId('file-submit').click();
    await expect(suite.page.locator('[data-field$="consent"]').textContent()).resolves.toContain('oświadczenie');
    await byTestId('file-description').fill('Zmiana na ręce');
    await byTestId('file-consent').check();
    await byTestId('file-submit').click();

    await byTestId('file-added').waitFor();
    const row = byTestId('file-row');
    await row.waitFor(); // the list reloads after the success message
    await expect(row.count()).resolves.toBe(1);
    await expect(row.getByTestId('file-name').textContent()).resolves.toBe('zdjęcie zmiany.png');
    await expect(row.getByTestId('file-row-description').textContent()).resolves.toBe('Zmiana na ręce');
    await expect(row.textContent()).resolves.toContain('PNG');

    await row.getByTestId('file-attach-select').selectOption({ index: 1 });
    await row.getByTestId('file-attach').click();
    await expect(row.getByTestId('file-attached-to').textContent()).resolves.toContain(serviceName);
    await row.getByTestId('file-detach').click();
    await row.getByTestId('file-attached-to').waitFor({ state: 'detached' });
    await row.getByTestId('file-attach-select').selectOption({ index: 1 });
    await row.getByTestId('file-attach').click();
    await row.getByTestId('file-attached-to').waitFor();

    await expect(byTestId('file-access-entry').count()).resolves.toBe(0);

    // The consultation's doctor (doctor@demo.test) opens the list; the patient sees it in the access history.
    const doctor = new ApiClient(suite.stack.baseUrl);
    doctor.accessToken = (
      await doctor.post('/api/auth/login', { email: 'doctor@demo.test', password: 'Doctor#Demo2026' })
    ).body.accessToken;
    expect((await doctor.get(`/api/doctor/appointments/${appointmentId}/files`)).body).toHaveLength(1);
    await suite.page.reload();
    await expect(byTestId('file-access-entry').first().textContent()).resolves.toContain('zdjęcie zmiany.png');

    await row.getByTestId('file-delete').click();
    await byTestId('file-delete-confirm').click();
    await byTestId('file-deleted').waitFor();
    await byTestId('file-row').waitFor({ state: 'detached' });
    const stored: string[] = [];
    for await (const object of suite.stack.s3.storage.list('')) stored.push(object.key);
    expect(stored).toEqual([]);
  });

  it('explains a refused file: text named .jpg is not accepted', async () => {
    await logIn(true);
    await suite.page.goto(`${suite.stack.baseUrl}/files`);
    await byTestId('file-add').click();
    await byTestId('file-input').setInputFiles({
      name: 'wynik.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('to nie jest obraz'),
    });
    await byTestId('file-description').fill('Wynik badania');
    await byTestId('file-consent').check();
    await byTestId('file-submit').click();
    await expect(byTestId('error-message').textContent()).resolves.toContain('nie jest obrazem JPG/PNG');
  });

  it('shows the feature locked to a basic account, with the way to confirm identity', async () => {
    await logIn(false);
    await byTestId('nav-files').click();
    await byTestId('files-locked').waitFor();
    await expect(byTestId('file-add').count()).resolves.toBe(0);
    await byTestId('files-confirm-identity').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
  });
});
