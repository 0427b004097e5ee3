import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { ApiClient, newPatient } from '../support/http';
import { CARD_FILE, patientWithVisitAndFile } from '../support/patient-card';
import { startStack, type Stack } from '../support/stack';

/** The console's patient card: a patient's visits and files as staff may see them, and the read in the patient's access history. */
describe('GET /api/staff/patients/{id}/activity', () => {
  let stack: Stack;
  let staff: ApiClient;

  beforeAll(async () => {
    stack = await startStack();
    staff = await signIn('staff@demo.test', 'Staff#Demo2026');
    // The demo data (staff account, booking catalog) takes a while on a loaded machine.
  }, 90_000);
  afterAll(() => stack?.close());

  async function signIn(email: string, password: string): Promise<ApiClient> {
    const client = new ApiClient(stack.baseUrl);
    const login = await client.post('/api/auth/login', { email, password });
    expect(login.status).toBe(200);
    client.accessToken = login.body.accessToken;
    return client;
  }

  it("shows staff the patient's visits and only the format, size and dates of their files", async () => {
    const patient = await patientWithVisitAndFile(stack);

    const response = await staff.get(`/api/staff/patients/${patient.id}/activity`);

    expect(response.status).toBe(200);
    expect(response.body.visits).toEqual([
      expect.objectContaining({
        id: patient.appointmentId,
        status: 'booked',
        source: 'portal',
        slot: expect.objectContaining({ service: expect.objectContaining({ name: patient.serviceName }) }),
      }),
    ]);
    expect(response.body.files).toEqual([
      {
        id: patient.fileId,
        contentType: 'image/png',
        size: CARD_FILE.size,
        uploadedAt: expect.any(String),
        expiresAt: expect.any(String),
      },
    ]);
    // Neither the file's name nor its description reaches staff.
    expect(JSON.stringify(response.body)).not.toContain(CARD_FILE.name);
    expect(JSON.stringify(response.body)).not.toContain(CARD_FILE.description);
  });

  it("writes the read to the patient's access history, with the staff member as the reader", async () => {
    const patient = await patientWithVisitAndFile(stack);
    expect((await staff.get(`/api/staff/patients/${patient.id}/activity`)).status).toBe(200);

    const history = await patient.client.get('/api/identity/access-history');
    expect(history.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'record.viewed', actor: expect.objectContaining({ kind: 'staff' }) }),
      ]),
    );
  });

  it('lets only staff in: 401 without a token, 403 for the patient themself and for a doctor', async () => {
    const patient = await newPatient(stack.baseUrl);
    expect((await new ApiClient(stack.baseUrl).get(`/api/staff/patients/${patient.id}/activity`)).status).toBe(401);
    expect((await patient.client.get(`/api/staff/patients/${patient.id}/activity`)).status).toBe(403);
    const doctor = await signIn('doctor@demo.test', 'Doctor#Demo2026');
    expect((await doctor.get(`/api/staff/patients/${patient.id}/activity`)).status).toBe(403);
  });

  it('answers 404 for an unknown patient or an id that is no id (414 when absurdly long, 400 with control characters), and logs nothing for them', async () => {
    const unknown = randomUUID();
    expect((await staff.get(`/api/staff/patients/${unknown}/activity`)).status).toBe(404);
    expect((await staff.get(`/api/staff/patients/${'x'.repeat(80)}/activity`)).status).toBe(404);
    // Past the router's parameter limit the gateway refuses the address itself.
    expect((await staff.get(`/api/staff/patients/${'x'.repeat(5000)}/activity`)).status).toBe(414);
    // Control characters in the address are refused before any handler (the gateway's input checks).
    expect((await staff.get(`/api/staff/patients/%00%01/activity`)).status).toBe(400);
    const db = new Client({ connectionString: stack.database.url });
    await db.connect();
    const logged = await db.query(`SELECT 1 FROM "identity"."access_log" WHERE patient_id = $1`, [unknown]);
    await db.end();
    expect(logged.rowCount).toBe(0);
  });
});
