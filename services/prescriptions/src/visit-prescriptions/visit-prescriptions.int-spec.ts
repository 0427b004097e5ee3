import {
  ErrorCode,
  EventStreams,
  Subjects,
  type Actor,
  type PrescriptionView,
  type VisitPrescriptionLineDto,
  type VisitPrescriptionsEvent,
} from '@pacjent/contracts';
import { busSubject, loadConfig, PlatformConfig } from '@pacjent/platform';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import {
  fullPatient,
  newDoctor,
  startPrescriptions,
  TEST_NOW,
  type PrescriptionsTestKit,
} from '../testing/prescriptions-test-kit';
import { VisitPrescriptionsConsumer } from './visit-prescriptions.consumer';

const { checkVisitPrescriptions, listPrescriptions } = Subjects.prescriptions;

/** Polls until `check` holds (a consumer works on its own time), failing after five seconds. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('prescriptions issued by a visit’s completion (ADR 0017)', () => {
  let kit: PrescriptionsTestKit;
  let nats: NatsConnection;
  const doctor = newDoctor();
  let bisocard: string;
  let amoksiklav: string;

  const line = (medicineId: string, overrides: Partial<VisitPrescriptionLineDto> = {}): VisitPrescriptionLineDto => ({
    medicineId,
    dosage: '1 tabl. rano',
    quantity: 2,
    refundLevel: '30%',
    ...overrides,
  });
  const eventFor = (patient: Actor, prescriptions: VisitPrescriptionLineDto[]): VisitPrescriptionsEvent => ({
    appointmentId: randomUUID(),
    patientId: patient.id,
    doctorAccountId: doctor.id,
    issuedAt: TEST_NOW.toISOString(),
    prescriptions,
  });
  const prescriptionsOf = (patient: Actor) => kit.request<PrescriptionView[]>(listPrescriptions, patient);
  const countFor = async (appointmentId: string): Promise<number> => {
    const [row]: Array<{ count: number }> = await kit.dataSource.query(
      `SELECT count(*)::int AS count FROM "prescriptions"."prescriptions" WHERE appointment_id = $1`,
      [appointmentId],
    );
    return row!.count;
  };

  beforeAll(async () => {
    kit = await startPrescriptions();
    nats = await connect({ servers: loadConfig(PlatformConfig).NATS_URL });
    bisocard = await kit.medicineId('Bisocard', '5 mg');
    amoksiklav = await kit.medicineId('Amoksiklav', '875 mg + 125 mg');
  });
  afterAll(async () => {
    await nats?.drain();
    await kit?.close();
  });

  it('tells consultations whether the lines would be issued, naming the refused line', async () => {
    const issuedAt = TEST_NOW.toISOString();
    await expect(
      kit.request(checkVisitPrescriptions, doctor, {
        issuedAt,
        prescriptions: [line(bisocard, { validDays: 90, supplyDays: 90 }), line(amoksiklav)],
      }),
    ).resolves.toEqual({ ok: true });
    await expect(
      kit.failure(checkVisitPrescriptions, doctor, {
        issuedAt,
        prescriptions: [line(bisocard), line(amoksiklav, { validDays: 8 })],
      }),
    ).resolves.toMatchObject({
      code: ErrorCode.PRESCRIPTION_VALIDITY_INVALID,
      details: { line: 1, field: 'validDays' },
    });
    await expect(
      kit.failure(checkVisitPrescriptions, doctor, { issuedAt, prescriptions: [line(bisocard), line(randomUUID())] }),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      details: { errors: [{ field: 'prescriptions.1.medicineId' }] },
    });
    await expect(
      kit.failure(checkVisitPrescriptions, doctor, {
        issuedAt,
        prescriptions: [line(bisocard, { dosage: '1 tabl.\u0007' })],
      }),
    ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    await expect(
      kit.failure(checkVisitPrescriptions, fullPatient(), { issuedAt, prescriptions: [line(bisocard)] }),
    ).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });

  it('issues one prescription per line with the appointment id, however often and concurrently the event arrives', async () => {
    const patient = fullPatient();
    const event = eventFor(patient, [
      line(bisocard, { validDays: 90, supplyDays: 90 }),
      line(amoksiklav, { dosage: '1 tabl. co 12 h' }),
    ]);
    const consumer = kit.service.get(VisitPrescriptionsConsumer);
    await Promise.all(Array.from({ length: 8 }, () => consumer.apply(JSON.parse(JSON.stringify(event)))));
    await consumer.apply(event);

    const issued = await prescriptionsOf(patient);
    expect(issued).toHaveLength(2);
    expect(
      issued
        .map((p) => [p.appointmentId, p.visitLine, p.doctorId, p.items[0]!.medicine.name, p.validDays, p.issuedAt])
        .sort((a, b) => Number(a[1]) - Number(b[1])),
    ).toEqual([
      [event.appointmentId, 1, doctor.id, 'Bisocard', 90, TEST_NOW.toISOString()],
      [event.appointmentId, 2, doctor.id, 'Amoksiklav', 7, TEST_NOW.toISOString()],
    ]);
    expect(issued.every((p) => /^\d{4}$/.test(p.accessCode))).toBe(true);
  });

  it('reads the event from consultations’ stream and ignores a republished copy', async () => {
    const patient = fullPatient();
    const event = eventFor(patient, [line(bisocard)]);
    const jetstream = nats.jetstream();
    const subject = busSubject(Subjects.consultations.visitPrescriptionsEvent);
    const codec = JSONCodec<VisitPrescriptionsEvent>();
    await jetstream.publish(subject, codec.encode(event), { msgID: randomUUID() });
    await eventually(async () => (await countFor(event.appointmentId)) === 1);
    // The same event again under another message id (an outbox row published twice past JetStream's dedup window).
    await jetstream.publish(subject, codec.encode(event), { msgID: randomUUID() });
    const manager = await nats.jetstreamManager();
    await eventually(async () => {
      const info = await manager.consumers.info(
        EventStreams.consultations,
        `${process.env.BUS_PREFIX || 'pacjent'}-prescriptions-visit-prescriptions`,
      );
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    expect(await countFor(event.appointmentId)).toBe(1);
    await expect(prescriptionsOf(patient)).resolves.toMatchObject([
      { appointmentId: event.appointmentId, visitLine: 1 },
    ]);
  });

  it('decides validity on the completion time the event carries, not on when it is read', async () => {
    const patient = fullPatient();
    const event = eventFor(patient, [line(bisocard)]);
    kit.clock.set(new Date(TEST_NOW.getTime() + 3 * 24 * 3600 * 1000));
    try {
      await kit.service.get(VisitPrescriptionsConsumer).apply(event);
    } finally {
      kit.clock.set(TEST_NOW);
    }
    await expect(prescriptionsOf(patient)).resolves.toMatchObject([
      { validFrom: '2026-03-03', validUntil: '2026-04-01', issuedAt: TEST_NOW.toISOString() },
    ]);
  });
});
