import type { NotificationView, RenewalRequestView } from '@pacjent/contracts';
import type { ApiClient } from '../support/http';
import { patientPrescribed, prescribingStack, sql } from '../support/prescriptions';
import { eventually } from '../support/record';
import { readEvents, type StreamEvent } from '../support/sse';
import type { Stack } from '../support/stack';

const notificationsIn = (events: StreamEvent[]) =>
  events.filter((e) => e.event === 'notification').map((e) => e.data as NotificationView);

/** The bell for renewal decisions: prescriptions' outbox → booking's durable consumer → the patient's page (ADR 0017). */
describe('the bell when the doctor decides a renewal request', () => {
  let stack: Stack;
  let doctor: ApiClient;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ({ stack, doctor, ids } = await prescribingStack({
      Bisocard: ['bisocard', '5 mg'],
      Euthyrox: ['euthyrox', '50 µg'],
    }));
  });
  afterAll(() => stack?.close());

  const patientWith = (names: string[]) =>
    patientPrescribed(
      stack,
      doctor,
      names.map((name) => ids[name]!),
    );
  const ask = async (patient: ApiClient, names: string[]): Promise<RenewalRequestView> => {
    const asked = await patient.post('/api/prescriptions/renewals', { medicineIds: names.map((name) => ids[name]) });
    expect(asked.status).toBe(201);
    return asked.body;
  };
  const openStream = (patient: ApiClient) =>
    fetch(`${stack.baseUrl}/api/notifications/stream`, {
      headers: { authorization: `Bearer ${patient.accessToken}`, accept: 'text/event-stream' },
    });

  it('tells the patient’s open page when the doctor approves, and lists it once; another patient hears nothing', async () => {
    const patient = await patientWith(['Bisocard', 'Euthyrox']);
    const other = await patientWith(['Bisocard']);
    const stream = await openStream(patient.client);
    expect(stream.status).toBe(200);
    const otherStream = await openStream(other.client);
    const request = await ask(patient.client, ['Bisocard', 'Euthyrox']);

    const approved = await doctor.post(`/api/doctor/renewals/${request.id}/approve`, {});
    expect(approved.status).toBe(200);
    const pushed = notificationsIn(
      await readEvents(stream, (events) => notificationsIn(events).some((n) => n.kind === 'renewal_approved'), 15_000),
    );
    const notice = pushed.find((n) => n.kind === 'renewal_approved');
    expect(notice).toMatchObject({ title: 'Bisocard, Euthyrox N', link: '/medicines', slot: null });
    // The bell names the medicines, never the access code.
    expect(JSON.stringify(notice)).not.toContain(approved.body.accessCode);
    // A second approval is refused and announces nothing more.
    expect((await doctor.post(`/api/doctor/renewals/${request.id}/approve`, {})).status).toBe(409);
    await eventually(
      async () => (await sql(stack, `SELECT 1 FROM "prescriptions"."outbox" WHERE published_at IS NULL`)).length === 0,
    );
    const listed = (await patient.client.get('/api/notifications')).body as NotificationView[];
    expect(listed.filter((n) => n.kind === 'renewal_approved')).toHaveLength(1);
    expect(notificationsIn(await readEvents(otherStream, () => false, 1500))).toEqual([]);
  });

  it('tells the patient when the doctor declines, without the reason', async () => {
    const patient = await patientWith(['Euthyrox']);
    const request = await ask(patient.client, ['Euthyrox']);
    const declined = await doctor.post(`/api/doctor/renewals/${request.id}/decline`, {
      reason: 'Proszę umówić wizytę kontrolną',
    });
    expect(declined.status).toBe(200);
    await eventually(async () => {
      const list = (await patient.client.get('/api/notifications')).body as NotificationView[];
      return list.some((n) => n.kind === 'renewal_declined');
    });
    const [notice] = ((await patient.client.get('/api/notifications')).body as NotificationView[]).filter(
      (n) => n.kind === 'renewal_declined',
    );
    expect(notice).toMatchObject({ title: 'Euthyrox N', link: '/medicines' });
    expect(JSON.stringify(notice)).not.toContain('wizytę kontrolną');
  });
});
