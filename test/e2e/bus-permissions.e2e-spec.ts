import { FixedClock } from '@pacjent/platform';
import { startSecuredNats, type SecuredNats } from '@pacjent/testing';
import * as accounts from '../support/accounts';
import { ApiClient, newPatient } from '../support/http';
import { eventually, MINUTE, RecordScenario } from '../support/record';
import { startStack, type Stack } from '../support/stack';
import { OnlineScenario } from '../support/online';
import { RealtimeClient } from '../support/realtime';
import { readEvents } from '../support/sse';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);
/** Booking's demo doctor's identity account (doctor@demo.test). */
const DEMO_DOCTOR_ACCOUNT_ID = '00000000-0000-4000-8000-000000000d0c';

/**
 * The whole portal on a NATS server that requires the users and permissions
 * of deploy/nats (issue 10, item 9): every path that crosses the bus still
 * works — gateway → every service, JetStream events booking → gateway, the
 * files → booking access check — so the permissions are complete, not only
 * strict (libs/testing/src/bus-permissions.int-spec.ts shows they are strict).
 */
describe('the portal on a NATS server with per-process users', () => {
  let nats: SecuredNats;
  let stack: Stack;
  let serviceId: string;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    nats = await startSecuredNats();
    stack = await startStack({ bus: nats, consultationsClock: clock });
    const services = (await new ApiClient(stack.baseUrl).get('/api/catalog/services?kind=consultation')).body as Array<{
      id: string;
      basicAllowed: boolean;
      channels: string[];
    }>;
    serviceId = services.find((s) => s.basicAllowed && s.channels.includes('in_person'))!.id;
  });
  afterAll(async () => {
    await stack?.close();
    await nats?.close();
  });

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    accounts.sql<T>(stack, text, params);

  it('answers health with every service reachable, and registers and logs a patient in', async () => {
    const health = await new ApiClient(stack.baseUrl).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const { client, id } = await newPatient(stack.baseUrl);
    expect((await client.get('/api/me')).body).toMatchObject({ id, level: 'basic' });
  });

  it('ends a session at once on logout: identity’s broadcast reaches the gateway under its user', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const token = client.accessToken!;
    const meStatus = async () => (await new ApiClient(stack.baseUrl).get('/api/me', token)).status;
    expect(await meStatus()).toBe(200); // verified and cached by the gateway
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    // The gateway's periodic catch-up runs once a minute; only the broadcast can end it this soon.
    const deadline = Date.now() + 5000;
    let status = await meStatus();
    while (status !== 401 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await meStatus();
    }
    expect(status).toBe(401);
  });

  it('pushes a notification booking published to JetStream through the gateway’s consumer', async () => {
    const { client: holder } = await newPatient(stack.baseUrl);
    const { client: watcher } = await newPatient(stack.baseUrl);
    const [slot] = (
      await new ApiClient(stack.baseUrl).get(`/api/slots?serviceId=${serviceId}&channel=in_person&limit=1`)
    ).body as Array<{ id: string }>;
    const booked = await holder.post('/api/appointments', { slotId: slot!.id });
    expect(booked.status).toBe(201);
    const alert = await watcher.post('/api/slot-alerts', {
      serviceId,
      until: new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString(),
    });
    expect(alert.status).toBe(201);
    const stream = await fetch(`${stack.baseUrl}/api/notifications/stream`, {
      headers: { authorization: `Bearer ${watcher.accessToken}`, accept: 'text/event-stream' },
    });
    expect(stream.status).toBe(200);
    const received = readEvents(stream, (events) => events.some((e) => e.event === 'notification'), 8000);
    expect((await holder.post(`/api/appointments/${booked.body.id}/cancel`)).status).toBe(200);
    const pushed = (await received).find((e) => e.event === 'notification');
    expect(pushed?.data).toMatchObject({ kind: 'slot_available', slot: { id: slot!.id } });
  });

  it('attaches a document to a visit: the files service asks booking who the visit belongs to', async () => {
    const patient = await newPatient(stack.baseUrl);
    await sql(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
    const login = await patient.client.post('/api/auth/login', { email: patient.email, password: patient.password });
    patient.client.accessToken = login.body.accessToken;
    const [slot] = await sql<{ id: string }>(
      `SELECT s.id FROM "booking"."slots" s JOIN "booking"."doctors" d ON d.id = s.doctor_id
        WHERE d.account_id = $1 AND s.channel = 'phone' AND s.starts_at > now() + interval '1 day'
          AND NOT EXISTS (SELECT 1 FROM "booking"."appointments" a WHERE a.slot_id = s.id AND a.status = 'booked')
        ORDER BY s.starts_at LIMIT 1`,
      [DEMO_DOCTOR_ACCOUNT_ID],
    );
    const visit = await patient.client.post('/api/appointments', { slotId: slot!.id });
    expect(visit.status).toBe(201);

    const form = new FormData();
    form.append('description', 'Wynik badania krwi');
    form.append('consent', 'true');
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'skan.png');
    const uploaded = await fetch(`${stack.baseUrl}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${patient.client.accessToken}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()) as { id: string };
    const attached = await patient.client.post(`/api/files/${file.id}/attachments`, { appointmentId: visit.body.id });
    expect(attached.status).toBe(204);
  });
  it('completes a visit: consultations asks booking and identity, and booking reads the outcome from JetStream', async () => {
    const record = new RecordScenario(stack);
    const patient = await record.fullPatient();
    const doctor = await record.demoDoctor();
    const visit = await record.book(patient.client);
    clock.set(new Date(visit.startsAt.getTime() + 5 * MINUTE));

    const completed = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, {
      notes: 'Bez zmian.',
      diagnoses: ['J02.9'],
      recommendations: 'Odpoczynek.',
      referrals: [],
    });
    expect(completed.status).toBe(200);
    // Booking's durable consumer of consultations' stream marks the appointment.
    await eventually(
      async () => (await patient.client.get(`/api/appointments/${visit.id}`)).body.status === 'completed',
    );
    // The doctor's record read goes through booking (relation) and identity (the access log).
    expect((await doctor.get(`/api/doctor/patients/${patient.id}/record`)).status).toBe(200);
    expect(
      (await doctor.get(`/api/doctor/appointments?date=${visit.startsAt.toISOString().slice(0, 10)}`)).status,
    ).toBe(200);
  });
  it('runs an online consultation: duty and catalog from booking, chat through the chat stream, signals between two gateways', async () => {
    const scenario = new OnlineScenario(stack);
    const second = await stack.startGateway();
    const doctor = await scenario.demoDoctor();
    await scenario.onDuty(doctor);
    const patient = await scenario.waiting();
    const taken = await doctor.post('/api/doctor/online/take-next');
    expect(taken.body.id).toBe(patient.consultation.id);
    const id = patient.consultation.id;
    const patientPage = await RealtimeClient.signedIn(stack.baseUrl, patient.client.accessToken!);
    const doctorPage = await RealtimeClient.signedIn(second.baseUrl, doctor.accessToken!);
    try {
      for (const page of [patientPage, doctorPage]) {
        page.send({ type: 'follow', consultationId: id, afterSeq: 0 });
        await page.next((frame) => frame.type === 'consultation');
      }
      patientPage.send({ type: 'chat', consultationId: id, clientMessageId: 'c1', text: 'Dzień dobry' });
      expect(await patientPage.next((frame) => frame.type === 'ack')).toMatchObject({ seq: 1 });
      expect(await doctorPage.next((frame) => frame.type === 'message')).toMatchObject({
        message: { seq: 1, author: 'patient', text: 'Dzień dobry' },
      });
      doctorPage.send({ type: 'signal', consultationId: id, signal: { kind: 'offer', sdp: 'v=0' } });
      expect(await patientPage.next((frame) => frame.type === 'signal')).toMatchObject({ signal: { kind: 'offer' } });
    } finally {
      patientPage.close();
      doctorPage.close();
      await second.close();
    }
  });
});
