import { onlineChatSubject, Subjects, type ChatMessageStored, type ChatMessageView } from '@pacjent/contracts';
import { busSubject, natsConnectionOptions } from '@pacjent/platform';
import { newActor } from '@pacjent/testing';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { ConsultationsConfig } from '../config';
import { startConsultations, type ConsultationsTestKit } from '../testing/record-factory';
import { OnlineConsultationEntity } from './online-consultation.entity';

const codec = JSONCodec<ChatMessageView>();

/** Polls until `check` holds, or fails after `ms` (no fixed sleeps). */
async function eventually(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('chat lines are stored once per clientMessageId (consultation and sender)', () => {
  let kit: ConsultationsTestKit;
  let nats: NatsConnection;
  /** Everything published on the chat stream's subjects, as the gateways hear it. */
  const published: ChatMessageView[] = [];

  beforeAll(async () => {
    kit = await startConsultations();
    nats = await connect(natsConnectionOptions(kit.service.get(ConsultationsConfig), 'online-chat-int-spec'));
    nats.subscribe(`${busSubject(Subjects.consultations.onlineChatPrefix)}.>`, {
      callback: (error, message) => {
        if (!error) published.push(codec.decode(message.data));
      },
    });
    await nats.flush();
  });
  afterAll(async () => {
    await nats?.drain();
    await kit?.close();
  });

  /** An active consultation between a new patient and a new doctor, as take-next leaves it. */
  async function activeConsultation() {
    const patient = newActor({ level: 'full' });
    const doctor = newActor({ roles: ['doctor'], level: 'full' });
    const now = kit.clock.now();
    const consultation = await kit.dataSource.getRepository(OnlineConsultationEntity).save(
      Object.assign(new OnlineConsultationEntity(), {
        patientId: patient.id,
        patientName: 'Jan Testowy',
        patientBirthDate: null,
        specialty: 'Internista',
        form: 'chat' as const,
        status: 'active' as const,
        serviceId: randomUUID(),
        serviceName: 'Konsultacja online',
        serviceKind: 'consultation' as const,
        doctorAccountId: doctor.id,
        doctorId: randomUUID(),
        doctorName: 'lek. Anna Testowa',
        requestedAt: now,
        lastSeenAt: now,
        startedAt: now,
        endedAt: null,
        lastSeq: 0,
      }),
    );
    const id = consultation.id;
    const send = (actor = patient, clientMessageId: string | null = 'line-1', text = 'Dzień dobry') =>
      kit.request<ChatMessageStored>(Subjects.consultations.sendChatMessage, actor, {
        consultationId: id,
        text,
        ...(clientMessageId ? { clientMessageId } : {}),
      });
    const rows = async () =>
      (await kit.dataSource.query(
        `SELECT seq, author, text, client_message_id FROM "consultations"."online_messages"
          WHERE consultation_id = $1 ORDER BY seq`,
        [id],
      )) as Array<{ seq: number; author: string; text: string; client_message_id: string | null }>;
    const outboxEvents = async () =>
      (
        (await kit.dataSource.query(
          `SELECT (payload->>'seq')::int AS seq FROM "consultations"."outbox" WHERE subject LIKE '%' || $1 ORDER BY seq`,
          [onlineChatSubject(id)],
        )) as Array<{ seq: number }>
      ).map((row) => row.seq);
    const lastSeq = async () =>
      (
        (await kit.dataSource.query(`SELECT last_seq FROM "consultations"."online_consultations" WHERE id = $1`, [
          id,
        ])) as Array<{ last_seq: number }>
      )[0]!.last_seq;
    /** The seqs published for this consultation; a later marker line proves nothing else is still on its way. */
    const publishedSeqs = () => published.filter((m) => m.consultationId === id).map((m) => m.seq);
    return { id, patient, doctor, send, rows, outboxEvents, lastSeq, publishedSeqs };
  }

  it('answers a re-sent line with the seq it was stored under, and stores, records and publishes it once', async () => {
    const { send, rows, outboxEvents, lastSeq, publishedSeqs } = await activeConsultation();
    const first = await send();
    const again = await send();
    expect(again).toEqual(first);
    expect(first.seq).toBe(1);

    // A marker line after the repeat: once it is published, a second publish of line 1 would have come before it.
    const marker = await send(undefined, 'line-2', 'Czy pan mnie słyszy?');
    expect(marker.seq).toBe(2);
    await eventually(() => publishedSeqs().includes(2));
    expect(publishedSeqs()).toEqual([1, 2]);
    expect(await rows()).toEqual([
      { seq: 1, author: 'patient', text: 'Dzień dobry', client_message_id: 'line-1' },
      { seq: 2, author: 'patient', text: 'Czy pan mnie słyszy?', client_message_id: 'line-2' },
    ]);
    expect(await outboxEvents()).toEqual([1, 2]);
    expect(await lastSeq()).toBe(2); // the repeat took no seq: the transcript has no gap
  });

  it('stores one line when the same clientMessageId arrives 20 times at once, and all 20 answers carry its seq', async () => {
    const { send, rows, outboxEvents, lastSeq, publishedSeqs } = await activeConsultation();
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(undefined, 'burst')));
    expect(new Set(answers.map((answer) => answer.seq))).toEqual(new Set([1]));
    expect(await rows()).toHaveLength(1);
    expect(await outboxEvents()).toEqual([1]);
    expect(await lastSeq()).toBe(1);

    // The next line gets seq 2: the 19 repeats that lost the race left no gap.
    expect(await send(undefined, 'after-burst', 'Następna')).toEqual({ seq: 2 });
    await eventually(() => publishedSeqs().includes(2));
    expect(publishedSeqs()).toEqual([1, 2]);
  });

  it('deduplicates by id, not by text: another clientMessageId with the same text is another line', async () => {
    const { send, rows } = await activeConsultation();
    expect(await send(undefined, 'a', 'Tak')).toEqual({ seq: 1 });
    expect(await send(undefined, 'b', 'Tak')).toEqual({ seq: 2 });
    expect((await rows()).map((row) => row.text)).toEqual(['Tak', 'Tak']);
  });

  it('scopes the id to the consultation and the sender', async () => {
    const one = await activeConsultation();
    const other = await activeConsultation();
    // The doctor of the same consultation happens to use the patient's id: their own line.
    expect(await one.send(one.patient, 'shared-id', 'Od pacjenta')).toEqual({ seq: 1 });
    expect(await one.send(one.doctor, 'shared-id', 'Od lekarza')).toEqual({ seq: 2 });
    // A participant of another consultation with the same id: a line there.
    expect(await other.send(other.doctor, 'shared-id', 'Inna konsultacja')).toEqual({ seq: 1 });
    expect((await one.rows()).map((row) => [row.author, row.text])).toEqual([
      ['patient', 'Od pacjenta'],
      ['doctor', 'Od lekarza'],
    ]);
    expect((await other.rows()).map((row) => [row.author, row.text])).toEqual([['doctor', 'Inna konsultacja']]);
  });

  it('answers a repeat after the consultation ended with the stored seq, and still refuses new lines and strangers', async () => {
    const { id, send, rows } = await activeConsultation();
    expect(await send(undefined, 'before-end')).toEqual({ seq: 1 });
    await kit.dataSource.query(`UPDATE "consultations"."online_consultations" SET status = 'ended' WHERE id = $1`, [
      id,
    ]);
    expect(await send(undefined, 'before-end')).toEqual({ seq: 1 });
    const late = await kit.failure(Subjects.consultations.sendChatMessage, (await activeConsultation()).patient, {
      consultationId: id,
      clientMessageId: 'before-end',
      text: 'Dzień dobry',
    });
    expect(late.code).toBe('NOT_FOUND');
    await expect(send(undefined, 'after-end', 'Jeszcze jedno')).rejects.toMatchObject({
      code: 'ONLINE_CONSULTATION_CLOSED',
    });
    expect(await rows()).toHaveLength(1);
  });

  it('stores every line sent without a clientMessageId (a gateway of the previous release), and refuses a malformed one', async () => {
    const { id, patient, send, rows } = await activeConsultation();
    await send(undefined, null, 'Bez identyfikatora');
    await send(undefined, null, 'Bez identyfikatora');
    expect(await rows()).toHaveLength(2);
    const bad = await kit.failure(Subjects.consultations.sendChatMessage, patient, {
      consultationId: id,
      clientMessageId: 'a b',
      text: 'x',
    });
    expect(bad.code).toBe('VALIDATION_FAILED');
  });
});
