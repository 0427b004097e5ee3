import type { PrescriptionView } from '@pacjent/contracts';
import { ApiClient, newPatient } from '../support/http';
import { readPdf } from '../support/pdf-text';
import { bookWithDemoDoctor, demoDoctor, findMedicine, fullPatient } from '../support/prescriptions';
import { startStack, type Stack } from '../support/stack';

describe('prescriptions through the gateway: catalog, issuing, the patient reading', () => {
  let stack: Stack;
  let doctor: ApiClient;
  let bisocard: string;
  let amoksiklav: string;

  beforeAll(async () => {
    stack = await startStack();
    doctor = await demoDoctor(stack);
    bisocard = await findMedicine(doctor, 'bisocard', '5 mg');
    amoksiklav = await findMedicine(doctor, 'amoksiklav', '875 mg + 125 mg');
  });
  afterAll(() => stack?.close());

  const item = (medicineId: string, overrides: Record<string, unknown> = {}) => ({
    medicineId,
    dosage: '1 tabl. 2 x dziennie',
    quantity: 1,
    refundLevel: '100%',
    ...overrides,
  });

  it('searches the catalog for doctors by prefix and without diacritics; patients get 403', async () => {
    const found = await doctor.get('/api/catalog/medicines?q=amoks');
    expect(found.status).toBe(200);
    expect(found.body[0]).toMatchObject({ name: 'Amoksiklav', atcCode: 'J01CR02', antibiotic: true });
    const substance = await doctor.get(`/api/catalog/medicines?q=${encodeURIComponent('miłorząb')}`);
    expect(substance.body.map((m: { name: string }) => m.name)).toEqual(['Bilobil']);
    expect((await doctor.get('/api/catalog/medicines?q=milorzab')).body).toEqual(substance.body);
    expect((await doctor.get('/api/catalog/medicines?q=a')).status).toBe(400);
    expect((await doctor.get(`/api/catalog/medicines?q=${'x'.repeat(61)}`)).status).toBe(400);
    expect((await doctor.get('/api/catalog/medicines?q=amo%00ks')).status).toBe(400);

    const patient = await fullPatient(stack);
    expect((await patient.client.get('/api/catalog/medicines?q=amoks')).status).toBe(403);
    expect((await new ApiClient(stack.baseUrl).get('/api/catalog/medicines?q=amoks')).status).toBe(401);
  });

  it('issues a prescription to a patient with a visit; the patient sees it, nobody else does', async () => {
    const patient = await fullPatient(stack);
    const appointmentId = await bookWithDemoDoctor(stack, patient.client);
    const issued = await doctor.post('/api/doctor/prescriptions', {
      patientId: patient.id,
      appointmentId,
      items: [item(bisocard, { noSubstitution: true })],
    });
    expect(issued.status).toBe(201);
    const prescription = issued.body as PrescriptionView;
    expect(prescription).toMatchObject({ appointmentId, validDays: 30, status: 'active', patientId: patient.id });
    expect(prescription.accessCode).toMatch(/^\d{4}$/);

    const mine = await patient.client.get(`/api/prescriptions/${prescription.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual(prescription);
    expect((await patient.client.get('/api/prescriptions')).body).toEqual([prescription]);
    const medicines = await patient.client.get('/api/medicines');
    expect(medicines.body).toEqual([
      expect.objectContaining({
        lastDosage: '1 tabl. 2 x dziennie',
        status: 'active',
        renewable: true,
        lastPrescriptionId: prescription.id,
      }),
    ]);

    const other = await fullPatient(stack);
    expect((await other.client.get(`/api/prescriptions/${prescription.id}`)).status).toBe(404);
    expect((await other.client.get('/api/prescriptions/not-an-id')).status).toBe(404);
    expect((await other.client.get('/api/prescriptions')).body).toEqual([]);
  });

  it('refuses a patient with no relation to the doctor (404), and a patient token on /api/doctor (403)', async () => {
    const stranger = await fullPatient(stack);
    const refused = await doctor.post('/api/doctor/prescriptions', { patientId: stranger.id, items: [item(bisocard)] });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const asPatient = await stranger.client.post('/api/doctor/prescriptions', {
      patientId: stranger.id,
      items: [item(bisocard)],
    });
    expect(asPatient.status).toBe(403);
  });

  it('enforces validity: antibiotics 7 days, chronic up to 365 with the supply stated, else 422', async () => {
    const patient = await fullPatient(stack);
    await bookWithDemoDoctor(stack, patient.client);
    const issue = (body: Record<string, unknown>) =>
      doctor.post('/api/doctor/prescriptions', { patientId: patient.id, ...body });
    expect((await issue({ items: [item(amoksiklav)] })).body).toMatchObject({ validDays: 7 });
    const tooLong = await issue({ items: [item(amoksiklav)], validDays: 30 });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.code).toBe('PRESCRIPTION_VALIDITY_INVALID');
    expect((await issue({ items: [item(bisocard)], validDays: 180 })).status).toBe(422);
    expect((await issue({ items: [item(bisocard, { supplyDays: 180 })], validDays: 180 })).status).toBe(201);
    expect((await issue({ items: [item(bisocard, { supplyDays: 360 })], validDays: 366 })).status).toBe(422);
    expect((await issue({ items: [item(bisocard, { dosage: 'rano\u0007' })] })).status).toBe(400);
    expect((await issue({ items: [item(bisocard, { dosage: 'x'.repeat(201) })] })).status).toBe(400);
  });

  it('shows a basic account 403 VERIFICATION_REQUIRED on prescriptions and medicines', async () => {
    const basic = await newPatient(stack.baseUrl);
    for (const path of ['/api/prescriptions', '/api/medicines']) {
      const answer = await basic.client.get(path);
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('VERIFICATION_REQUIRED');
    }
    expect((await doctor.get('/api/medicines')).status).toBe(403);
  });

  it('renders "Informacja o e-recepcie" as a PDF with the access code, in Polish', async () => {
    const patient = await fullPatient(stack);
    await bookWithDemoDoctor(stack, patient.client);
    const issued = await doctor.post('/api/doctor/prescriptions', {
      patientId: patient.id,
      items: [
        item(bisocard, { dosage: 'pół tabletki rano, łącznie z posiłkiem', refundLevel: 'R', noSubstitution: true }),
      ],
    });
    const prescription = issued.body as PrescriptionView;

    const response = await fetch(`${stack.baseUrl}/api/prescriptions/${prescription.id}/pdf`, {
      headers: { authorization: `Bearer ${patient.client.accessToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, imagesPerPage } = await readPdf(bytes);
    expect(text).toContain('Informacja o e-recepcie');
    expect(text).toContain(prescription.accessCode);
    expect(text).toContain(prescription.key);
    expect(text).toContain('Kod dostępu');
    expect(text).toContain('pół tabletki rano, łącznie z posiłkiem');
    expect(text).toContain('Odpłatność: ryczałt');
    expect(text).toContain('Nie zamieniać');
    // The barcode of the access code.
    expect(imagesPerPage).toEqual([1]);

    const other = await fullPatient(stack);
    expect((await other.client.get(`/api/prescriptions/${prescription.id}/pdf`)).status).toBe(404);
    const basic = await newPatient(stack.baseUrl);
    expect((await basic.client.get(`/api/prescriptions/${prescription.id}/pdf`)).status).toBe(403);
  });
});
