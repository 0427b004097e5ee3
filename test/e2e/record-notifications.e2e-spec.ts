import type { NotificationView } from '@pacjent/contracts';
import { FixedClock } from '@pacjent/platform';
import { randomUUID } from 'node:crypto';
import { ApiClient, newPatient } from '../support/http';
import { labBundle } from '../support/lab-bundles';
import { eventually, MINUTE, RecordScenario } from '../support/record';
import { startStack, type Stack } from '../support/stack';
import { readEvents, type StreamEvent } from '../support/sse';

/** How long a test waits on a stream. */
const STREAM_MS = 15_000;

const notificationsIn = (events: StreamEvent[]) =>
  events.filter((e) => e.event === 'notification').map((e) => e.data as NotificationView);

/** A valid PESEL of someone born on 20 June 1988 (serial from `n`). */
function pesel(n: number): string {
  const digits = `880620${String(n % 10_000).padStart(4, '0')}`;
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

describe('the bell for the treatment record: new results and the doctor’s answers', () => {
  let stack: Stack;
  let scenario: RecordScenario;
  let lab: ApiClient;
  const clock = new FixedClock(new Date());
  let serial = Date.now();

  beforeAll(async () => {
    stack = await startStack({ consultationsClock: clock });
    scenario = new RecordScenario(stack);
    lab = new ApiClient(stack.baseUrl);
    const login = await lab.post('/api/auth/login', { email: 'lab@demo.test', password: 'Lab#Demo2026' });
    expect(login.status).toBe(200);
    lab.accessToken = login.body.accessToken;
  });
  afterAll(() => stack?.close());

  /** A full patient with a PESEL the lab can name. */
  async function labPatient(): Promise<{ client: ApiClient; id: string; pesel: string }> {
    const number = pesel(++serial);
    const patient = await newPatient(stack.baseUrl, { pesel: number });
    // Confirmed as staff at a facility would: full level and a confirmed identity with the PESEL.
    await scenario.sql(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
    await scenario.sql(
      `INSERT INTO "identity"."verified_identities" (account_id, pesel, first_name, last_name, birth_date, method, verified_at)
       VALUES ($1, $2, 'Jan', 'Testowy', '1988-06-20', 'facility', now())`,
      [patient.id, number],
    );
    const login = await patient.client.post('/api/auth/login', { email: patient.email, password: patient.password });
    patient.client.accessToken = login.body.accessToken;
    return { client: patient.client, id: patient.id, pesel: number };
  }

  const openStream = (patient: ApiClient) =>
    fetch(`${stack.baseUrl}/api/notifications/stream`, {
      headers: { authorization: `Bearer ${patient.accessToken}`, accept: 'text/event-stream' },
    });

  const postBundle = (bundle: unknown) =>
    lab.call('POST', '/api/lab/results', { body: bundle, headers: { 'content-type': 'application/fhir+json' } });

  it('a new result and the doctor’s answer reach the patient’s open page and list once each; another patient gets neither', async () => {
    const patient = await labPatient();
    const other = await labPatient();
    const stream = await openStream(patient.client);
    expect(stream.status).toBe(200);
    const otherStream = await openStream(other.client);
    expect(otherStream.status).toBe(200);

    // The lab posts a new report: the patient's open page is told.
    const bundle = labBundle({
      pesel: patient.pesel,
      reportNumber: `BELL-${randomUUID()}`,
      panel: { code: '57698-3', display: 'Lipidogram' },
    });
    const first = await postBundle(bundle);
    expect(first.status).toBe(201);
    const reportId = first.body.id as string;
    const pushed = notificationsIn(
      await readEvents(
        stream,
        (events) => notificationsIn(events).some((n) => n.kind === 'result_available'),
        STREAM_MS,
      ),
    );
    const result = pushed.find((n) => n.kind === 'result_available');
    expect(result).toMatchObject({
      kind: 'result_available',
      title: 'Lipidogram',
      link: `/results?report=${reportId}`,
      slot: null,
      alertId: null,
    });
    // The push carries the report's name only, never its values.
    expect(JSON.stringify(result)).not.toMatch(/mg\/dL|232/);

    // The same report again changes nothing. The barrier: once consultations' outbox is
    // empty, anything the repeat announced is in the stream; a later new report's
    // notification comes after it (one consumer, stream order).
    const again = await postBundle(bundle);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(reportId);
    await eventually(
      async () =>
        (await scenario.sql(`SELECT 1 FROM "consultations"."outbox" WHERE published_at IS NULL`)).length === 0,
    );
    clock.set(new Date(clock.now().getTime() + MINUTE));
    const later = await postBundle(labBundle({ pesel: patient.pesel, reportNumber: `BELL-${randomUUID()}` }));
    expect(later.status).toBe(201);
    await eventually(async () => {
      const list = (await patient.client.get('/api/notifications')).body as NotificationView[];
      return list.some((n) => n.link === `/results?report=${later.body.id}`);
    });
    const results = ((await patient.client.get('/api/notifications')).body as NotificationView[]).filter(
      (n) => n.kind === 'result_available',
    );
    expect(results.map((n) => n.link).sort()).toEqual(
      [`/results?report=${reportId}`, `/results?report=${later.body.id}`].sort(),
    );

    // The patient asks about a completed visit; the doctor answers: the page is told.
    const doctor = await scenario.demoDoctor();
    const visit = await scenario.book(patient.client);
    clock.set(new Date(visit.startsAt.getTime() + 5 * MINUTE));
    const completed = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, {
      notes: 'Bez odchyleń.',
      diagnoses: ['M54.5'],
      recommendations: 'Kontrola za rok.',
      referrals: [],
    });
    expect(completed.status).toBe(200);
    const asked = await patient.client.post(`/api/record/visits/${visit.id}/questions`, { text: 'Jak długo?' });
    expect(asked.status).toBe(201);
    const answerStream = await openStream(patient.client);
    const answered = await doctor.post(`/api/doctor/questions/${asked.body.id}/answer`, { text: 'Miesiąc.' });
    expect(answered.status).toBe(200);
    const answerPush = notificationsIn(
      await readEvents(
        answerStream,
        (events) => notificationsIn(events).some((n) => n.kind === 'question_answered'),
        STREAM_MS,
      ),
    ).find((n) => n.kind === 'question_answered');
    expect(answerPush).toMatchObject({
      kind: 'question_answered',
      appointmentId: visit.id,
      link: `/record?visit=${visit.id}`,
      title: expect.any(String),
      slot: null,
    });
    expect(JSON.stringify(answerPush)).not.toContain('Miesiąc');
    const listed = (await patient.client.get('/api/notifications')).body as NotificationView[];
    expect(listed.filter((n) => n.kind === 'question_answered')).toEqual([answerPush]);

    // The other patient's page and list: only their own result (posted last, the barrier), none of the above.
    const own = await postBundle(labBundle({ pesel: other.pesel, reportNumber: `BELL-${randomUUID()}` }));
    expect(own.status).toBe(201);
    const otherPushed = notificationsIn(
      await readEvents(otherStream, (events) => notificationsIn(events).length > 0, STREAM_MS),
    );
    expect(otherPushed.map((n) => n.link)).toEqual([`/results?report=${own.body.id}`]);
    const otherListed = (await other.client.get('/api/notifications')).body as NotificationView[];
    expect(otherListed.map((n) => n.link)).toEqual([`/results?report=${own.body.id}`]);
  });
});
