import {
  EventStreams,
  Subjects,
  type Actor,
  type NotificationEvent,
  type NotificationView,
  type QuestionAnsweredEvent,
  type ResultAvailableEvent,
} from '@pacjent/contracts';
import { busSubject, ensureEventStream, loadConfig, PlatformConfig } from '@pacjent/platform';
import { newActor } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { startBooking, type BookingTestKit } from '../testing/booking-test-kit';
import { RecordNotificationsConsumer } from './record-notifications.consumer';

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('notifications from consultations’ events (booking’s consumer)', () => {
  let kit: BookingTestKit;
  let nats: NatsConnection;
  const pushed: NotificationEvent[] = [];

  beforeAll(async () => {
    kit = await startBooking();
    nats = await connect({ servers: loadConfig(PlatformConfig).NATS_URL });
    await ensureEventStream(await nats.jetstreamManager(), EventStreams.consultations, 'consultations', 1);
    const codec = JSONCodec<NotificationEvent>();
    const subscription = nats.subscribe(busSubject(Subjects.booking.notificationEvent));
    void (async () => {
      for await (const message of subscription) pushed.push(codec.decode(message.data));
    })();
  });
  afterAll(async () => {
    await nats.drain();
    await kit.close();
  });

  const notifications = (actor: Actor) =>
    kit.request<NotificationView[]>(Subjects.booking.listNotifications, actor, {});

  /** As consultations' outbox relay publishes: JetStream, message id = outbox id. */
  const publish = (subject: string, event: unknown, id = randomUUID()) =>
    nats.jetstream().publish(busSubject(subject), JSONCodec().encode(event), { msgID: id });

  it('makes the patient’s notification from a published result or answer, and announces it for the bell', async () => {
    const patient = newActor();
    const stranger = newActor();
    const reportId = randomUUID();
    const appointmentId = randomUUID();
    const result: ResultAvailableEvent = {
      patientId: patient.id,
      reportId,
      title: 'Lipidogram',
      occurredAt: new Date().toISOString(),
    };
    const answer: QuestionAnsweredEvent = {
      patientId: patient.id,
      questionId: randomUUID(),
      appointmentId,
      title: 'Konsultacja internistyczna',
      occurredAt: new Date().toISOString(),
    };
    await publish(Subjects.consultations.resultAvailableEvent, result);
    await publish(Subjects.consultations.questionAnsweredEvent, answer);
    await waitFor('both notifications', async () => (await notifications(patient)).length === 2);
    const listed = await notifications(patient);
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'result_available',
          title: 'Lipidogram',
          link: `/results?report=${reportId}`,
          slot: null,
          alertId: null,
          appointmentId: null,
        }),
        expect.objectContaining({
          kind: 'question_answered',
          title: 'Konsultacja internistyczna',
          link: `/record?visit=${appointmentId}`,
          slot: null,
          appointmentId,
        }),
      ]),
    );
    await waitFor('the pushes', async () => pushed.filter((e) => e.patientId === patient.id).length === 2);
    expect(pushed.filter((e) => e.patientId === patient.id).map((e) => e.notification)).toEqual(
      expect.arrayContaining(listed),
    );
    expect(await notifications(stranger)).toEqual([]);
  });

  it('makes one notification per event: a redelivered event adds nothing', async () => {
    const patient = newActor();
    const consumer = kit.service.get(RecordNotificationsConsumer);
    const notification = {
      eventId: randomUUID(),
      patientId: patient.id,
      kind: 'result_available' as const,
      title: 'Morfologia',
      link: `/results?report=${randomUUID()}`,
      appointmentId: null,
    };
    const first = await consumer.notify(notification);
    const again = await Promise.all([consumer.notify(notification), consumer.notify(notification)]);
    expect([first, ...again]).toEqual([true, false, false]);
    expect(await notifications(patient)).toHaveLength(1);
  });

  it('logs and drops an event that is not valid (a bad id, values it must not carry), making nothing from it', async () => {
    const patient = newActor();
    await publish(Subjects.consultations.resultAvailableEvent, {
      patientId: patient.id,
      reportId: 'not-a-uuid',
      title: 'x',
      occurredAt: new Date().toISOString(),
    });
    await publish(Subjects.consultations.resultAvailableEvent, {
      patientId: patient.id,
      reportId: randomUUID(),
      title: 'Lipidogram',
      occurredAt: new Date().toISOString(),
      values: [{ code: '2093-3', value: 232 }],
    });
    // A valid event after them: the consumer handles in order, so both were judged when it is listed.
    const valid = randomUUID();
    await publish(Subjects.consultations.resultAvailableEvent, {
      patientId: patient.id,
      reportId: valid,
      title: 'Lipidogram',
      occurredAt: new Date().toISOString(),
    });
    await waitFor('the valid one', async () => (await notifications(patient)).length > 0);
    expect((await notifications(patient)).map((n) => n.link)).toEqual([`/results?report=${valid}`]);
  });
});
