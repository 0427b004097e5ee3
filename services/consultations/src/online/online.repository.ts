import { Injectable } from '@nestjs/common';
import { RELATION_PAST_DAYS, type ChatMessageView, type SharedFileView } from '@pacjent/contracts';
import { isUniqueViolation, preparedQuery } from '@pacjent/platform';
import { DataSource, In, type EntityManager } from 'typeorm';
import { OnlineConsultationEntity } from './online-consultation.entity';
import { OnlineDutyEntity } from './online-duty.entity';
import { OnlineMessageEntity, type ChatAuthor } from './online-message.entity';

const DAY_MS = 24 * 60 * 60 * 1000;
const T = {
  consultations: '"consultations"."online_consultations"',
  duty: '"consultations"."online_duty"',
  messages: '"consultations"."online_messages"',
  outbox: '"consultations"."outbox"',
};

export type NewOnlineConsultation = Pick<
  OnlineConsultationEntity,
  | 'patientId'
  | 'patientName'
  | 'patientBirthDate'
  | 'specialty'
  | 'form'
  | 'serviceId'
  | 'serviceName'
  | 'serviceKind'
  | 'requestedAt'
>;

/** A participant's entry as `appendByParticipant` stored it, with its outbox row (the chat stream's event). */
export interface AppendedEntry {
  repeat: false;
  seq: number;
  author: ChatAuthor;
  outboxId: string;
  event: ChatMessageView;
}

/** A line the sender had already stored under the same clientMessageId: nothing was written. */
export interface RepeatedEntry {
  repeat: true;
  seq: number;
}

/**
 * A participant's chat entry in one statement (see `appendByParticipant`), run prepared: it is the
 * hottest write of a consultation, and planning the CTE anew for every line was a third of
 * PostgreSQL's CPU per message in bench:chat (1.37–1.46 ms unprepared, 0.96 ms prepared).
 */
const APPEND_BY_PARTICIPANT_SQL = `WITH stored AS (
     SELECT m.seq, m.author FROM ${T.messages} m JOIN ${T.consultations} c ON c.id = m.consultation_id
      WHERE $10::text IS NOT NULL AND m.consultation_id = $1 AND m.client_message_id = $10
        AND m.author = CASE WHEN c.patient_id = $2 THEN 'patient' WHEN c.doctor_account_id = $2 THEN 'doctor' END
   ), taken AS (
     UPDATE ${T.consultations} SET last_seq = last_seq + 1
      WHERE id = $1 AND status = 'active' AND (patient_id = $2 OR doctor_account_id = $2)
        AND NOT EXISTS (SELECT 1 FROM stored)
      RETURNING id, last_seq, CASE WHEN patient_id = $2 THEN 'patient' ELSE 'doctor' END AS author
   ), message AS (
     INSERT INTO ${T.messages} (consultation_id, seq, at, author, kind, text, file, file_id, client_message_id)
     SELECT id, last_seq, $3, author, $4, $5, $6::jsonb, $7, $10 FROM taken
     RETURNING seq, author
   ), event AS (
     INSERT INTO ${T.outbox} (subject, payload, created_at)
     SELECT $8, $9::jsonb || jsonb_build_object('seq', seq, 'author', author), $3 FROM message
     RETURNING id
   )
   SELECT message.seq, message.author, event.id AS outbox_id FROM message, event
   UNION ALL
   SELECT seq, author, NULL FROM stored`;

/** The index that makes a line's clientMessageId unique per consultation and sender. */
const CLIENT_MESSAGE_INDEX = 'UQ_online_messages_client_message';

export interface NewChatEntry {
  author: ChatAuthor;
  kind: OnlineMessageEntity['kind'];
  text?: string;
  file?: SharedFileView;
}

/**
 * An UPDATE … RETURNING as a CTE: TypeORM answers a bare UPDATE with [rows,
 * affected] but a SELECT with the rows.
 */
function returning(update: string): string {
  return `WITH changed AS (${update}) SELECT * FROM changed`;
}

/** pg answers a raw `date` column as a Date at local midnight: back to YYYY-MM-DD, as the entity declares. */
function isoDate(value: unknown): string | null {
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return typeof value === 'string' ? value : null;
}

/** Rows as the raw SQL answers them, turned into entities. */
function toConsultation(row: Record<string, unknown>): OnlineConsultationEntity {
  return Object.assign(new OnlineConsultationEntity(), {
    id: row.id,
    patientId: row.patient_id,
    patientName: row.patient_name,
    patientBirthDate: isoDate(row.patient_birth_date),
    specialty: row.specialty,
    form: row.form,
    status: row.status,
    serviceId: row.service_id,
    serviceName: row.service_name,
    serviceKind: row.service_kind,
    doctorAccountId: row.doctor_account_id ?? null,
    doctorId: row.doctor_id ?? null,
    doctorName: row.doctor_name ?? null,
    requestedAt: row.requested_at,
    lastSeenAt: row.last_seen_at,
    startedAt: row.started_at ?? null,
    endedAt: row.ended_at ?? null,
    lastSeq: row.last_seq,
  });
}

/** The queue, the duty roster and the transcripts; every race is decided by one statement or a row lock. */
@Injectable()
export class OnlineRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // --- duty -------------------------------------------------------------------------------------------

  async goOnDuty(duty: OnlineDutyEntity): Promise<OnlineDutyEntity> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `INSERT INTO ${T.duty} (doctor_account_id, doctor_id, doctor_name, specialties, forms, since)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (doctor_account_id) DO UPDATE
         SET doctor_id = EXCLUDED.doctor_id, doctor_name = EXCLUDED.doctor_name,
             specialties = EXCLUDED.specialties, forms = EXCLUDED.forms
       RETURNING since`,
      [duty.doctorAccountId, duty.doctorId, duty.doctorName, duty.specialties, duty.forms, duty.since],
    );
    return { ...duty, since: rows[0]!.since as Date };
  }

  async goOffDuty(doctorAccountId: string): Promise<void> {
    await this.dataSource.getRepository(OnlineDutyEntity).delete({ doctorAccountId });
  }

  dutyOf(doctorAccountId: string): Promise<OnlineDutyEntity | null> {
    return this.dataSource.getRepository(OnlineDutyEntity).findOneBy({ doctorAccountId });
  }

  /** Doctors on duty per specialty (any form) and per specialty and form (key `specialty/form`). */
  async dutyCounts(): Promise<Map<string, number>> {
    const rows: Array<{ key: string; n: number }> = await this.dataSource.query(
      `SELECT s AS key, count(*)::int AS n FROM ${T.duty}, unnest(specialties) AS s GROUP BY s
       UNION ALL
       SELECT s || '/' || f AS key, count(*)::int AS n FROM ${T.duty}, unnest(specialties) AS s, unnest(forms) AS f
        GROUP BY s, f`,
    );
    return new Map(rows.map((row) => [row.key, row.n]));
  }

  /** Waiting patients per specialty and per specialty and form (key `specialty/form`). */
  async waitingCounts(): Promise<Map<string, number>> {
    const rows: Array<{ key: string; n: number }> = await this.dataSource.query(
      `SELECT specialty AS key, count(*)::int AS n FROM ${T.consultations} WHERE status = 'waiting' GROUP BY specialty
       UNION ALL
       SELECT specialty || '/' || form AS key, count(*)::int AS n FROM ${T.consultations}
        WHERE status = 'waiting' GROUP BY specialty, form`,
    );
    return new Map(rows.map((row) => [row.key, row.n]));
  }

  /** The average length in minutes of the specialty's last 50 ended consultations; null with fewer than 5. */
  async averageMinutes(specialty: string): Promise<number | null> {
    const rows: Array<{ n: number; minutes: number | null }> = await this.dataSource.query(
      `SELECT count(*)::int AS n, avg(EXTRACT(EPOCH FROM ended_at - started_at) / 60)::float8 AS minutes
         FROM (SELECT started_at, ended_at FROM ${T.consultations}
                WHERE specialty = $1 AND status = 'ended' ORDER BY ended_at DESC LIMIT 50) recent`,
      [specialty],
    );
    return rows[0] && rows[0].n >= 5 ? rows[0].minutes : null;
  }

  // --- the queue --------------------------------------------------------------------------------------

  /** Stores a waiting consultation; null when the patient already has an open one (the partial unique index). */
  async start(consultation: NewOnlineConsultation): Promise<OnlineConsultationEntity | null> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `INSERT INTO ${T.consultations}
         (patient_id, patient_name, patient_birth_date, specialty, form, status, service_id, service_name, service_kind,
          requested_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, 'waiting', $6, $7, $8, $9, $9)
       ON CONFLICT (patient_id) WHERE status IN ('waiting', 'active') DO NOTHING
       RETURNING *`,
      [
        consultation.patientId,
        consultation.patientName,
        consultation.patientBirthDate,
        consultation.specialty,
        consultation.form,
        consultation.serviceId,
        consultation.serviceName,
        consultation.serviceKind,
        consultation.requestedAt,
      ],
    );
    return rows[0] ? toConsultation(rows[0]) : null;
  }

  find(id: string): Promise<OnlineConsultationEntity | null> {
    return this.dataSource.getRepository(OnlineConsultationEntity).findOneBy({ id });
  }

  findMany(ids: string[]): Promise<OnlineConsultationEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(OnlineConsultationEntity).findBy({ id: In(ids) });
  }

  /** 1-based place in its specialty's queue, oldest first (doctors on duty take every form they chose in one order). */
  async position(consultation: OnlineConsultationEntity): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM ${T.consultations}
        WHERE status = 'waiting' AND specialty = $1 AND (requested_at, id) <= ($2, $3)`,
      [consultation.specialty, consultation.requestedAt, consultation.id],
    );
    return rows[0]!.n;
  }

  /** The patient leaves (waiting or active): answers the consultation, or null when it was not open. */
  async leave(id: string, patientId: string, now: Date): Promise<OnlineConsultationEntity | null> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      returning(
        `UPDATE ${T.consultations} SET status = 'left', ended_at = $3
        WHERE id = $1 AND patient_id = $2 AND status IN ('waiting', 'active') RETURNING *`,
      ),
      [id, patientId, now],
    );
    return rows[0] ? toConsultation(rows[0]) : null;
  }

  /** A live page of the patient holds these consultations: they stay in the queue. */
  async touch(patientId: string, ids: string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE ${T.consultations} SET last_seen_at = $3
        WHERE id = ANY($1::uuid[]) AND patient_id = $2 AND status = 'waiting'`,
      [ids, patientId, now],
    );
  }

  /** Waiting consultations not seen since `cutoff` leave the queue (one statement: replicas may run it at once). */
  async expireStale(cutoff: Date, now: Date): Promise<OnlineConsultationEntity[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      returning(
        `UPDATE ${T.consultations} SET status = 'left', ended_at = $2
        WHERE status = 'waiting' AND last_seen_at < $1 RETURNING *`,
      ),
      [cutoff, now],
    );
    return rows.map(toConsultation);
  }

  /** The waiting patients of the doctor's duty, oldest first. */
  async queueOf(doctorAccountId: string, limit = 100): Promise<OnlineConsultationEntity[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT c.* FROM ${T.consultations} c JOIN ${T.duty} d ON d.doctor_account_id = $1
        WHERE c.status = 'waiting' AND c.specialty = ANY(d.specialties) AND c.form = ANY(d.forms)
        ORDER BY c.requested_at, c.id LIMIT $2`,
      [doctorAccountId, limit],
    );
    return rows.map(toConsultation);
  }

  /**
   * Take next: the oldest waiting consultation of the doctor's duty becomes
   * theirs. The candidate row is locked with SKIP LOCKED, so two doctors (or
   * one doctor's two clicks, on two replicas) pressing at once get two
   * different patients, never the same one; null when nobody waits.
   */
  async takeNext(duty: OnlineDutyEntity, now: Date): Promise<OnlineConsultationEntity | null> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      returning(
        `UPDATE ${T.consultations} SET status = 'active', doctor_account_id = $1, doctor_id = $2, doctor_name = $3,
              started_at = $6
        WHERE id = (SELECT id FROM ${T.consultations}
                     WHERE status = 'waiting' AND specialty = ANY($4::text[]) AND form = ANY($5::text[])
                     ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
          AND status = 'waiting'
        RETURNING *`,
      ),
      [duty.doctorAccountId, duty.doctorId, duty.doctorName, duty.specialties, duty.forms, now],
    );
    return rows[0] ? toConsultation(rows[0]) : null;
  }

  /** Ends the doctor's active consultation inside `tx`; null when it is not theirs or not active. */
  async end(
    tx: EntityManager,
    id: string,
    doctorAccountId: string,
    now: Date,
  ): Promise<OnlineConsultationEntity | null> {
    const rows: Array<Record<string, unknown>> = await tx.query(
      returning(
        `UPDATE ${T.consultations} SET status = 'ended', ended_at = $3
        WHERE id = $1 AND doctor_account_id = $2 AND status = 'active' RETURNING *`,
      ),
      [id, doctorAccountId, now],
    );
    return rows[0] ? toConsultation(rows[0]) : null;
  }

  // --- transcripts ------------------------------------------------------------------------------------

  /**
   * Appends to an active consultation's transcript inside `tx`: the
   * consultation's counter goes up by one under its row lock (held to the
   * commit), so concurrent messages get consecutive seqs and commit in seq
   * order. Null when the consultation is not active.
   */
  async append(tx: EntityManager, id: string, entry: NewChatEntry, now: Date): Promise<OnlineMessageEntity | null> {
    const rows: Array<{ last_seq: number }> = await tx.query(
      returning(
        `UPDATE ${T.consultations} SET last_seq = last_seq + 1 WHERE id = $1 AND status = 'active' RETURNING last_seq`,
      ),
      [id],
    );
    if (rows.length === 0) return null;
    const message = Object.assign(new OnlineMessageEntity(), {
      consultationId: id,
      seq: rows[0]!.last_seq,
      at: now,
      author: entry.author,
      kind: entry.kind,
      text: entry.text ?? null,
      file: entry.file ?? null,
      fileId: entry.file?.fileId ?? null,
      clientMessageId: null,
    });
    await tx.getRepository(OnlineMessageEntity).insert(message);
    return message;
  }

  /**
   * The chat's hot path in one statement (no transaction round trips): takes the next seq of an active
   * consultation `actorId` takes part in (its row lock orders concurrent sends, so seqs stay gap-free),
   * inserts the entry and its outbox row for `subject` (the event: `event` plus seq and author). Null
   * when `actorId` is not a participant or the consultation is not active; the caller tells which.
   *
   * With a `clientMessageId` the send is idempotent per consultation and sender: when the sender already
   * stored a line under that id the statement takes no seq and writes nothing, and answers that line's seq
   * (also after the consultation ended: the line was delivered). Two sends of one id at once both miss the
   * other in their snapshot; the one that waited on the row lock then fails on the unique index, which undoes
   * its whole statement (the seq with it), and the second run of the statement finds the first one's line.
   */
  async appendByParticipant(
    actorId: string,
    id: string,
    entry: Omit<NewChatEntry, 'author'> & { clientMessageId?: string },
    now: Date,
    subject: string,
  ): Promise<AppendedEntry | RepeatedEntry | null> {
    try {
      return await this.appendOnce(actorId, id, entry, now, subject);
    } catch (error) {
      if (!isUniqueViolation(error, CLIENT_MESSAGE_INDEX)) throw error;
      return this.appendOnce(actorId, id, entry, now, subject);
    }
  }

  private async appendOnce(
    actorId: string,
    id: string,
    entry: Omit<NewChatEntry, 'author'> & { clientMessageId?: string },
    now: Date,
    subject: string,
  ): Promise<AppendedEntry | RepeatedEntry | null> {
    const base: Omit<ChatMessageView, 'seq' | 'author'> = {
      consultationId: id,
      at: now.toISOString(),
      kind: entry.kind,
      ...(entry.text !== undefined ? { text: entry.text } : {}),
      ...(entry.file ? { file: entry.file } : {}),
    };
    const rows = await preparedQuery<{ seq: number; author: ChatAuthor; outbox_id: string | null }>(
      this.dataSource,
      APPEND_BY_PARTICIPANT_SQL,
      [
        id,
        actorId,
        now,
        entry.kind,
        entry.text ?? null,
        entry.file ? JSON.stringify(entry.file) : null,
        entry.file?.fileId ?? null,
        subject,
        JSON.stringify(base),
        entry.clientMessageId ?? null,
      ],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.outbox_id === null) return { repeat: true, seq: row.seq };
    return {
      repeat: false,
      seq: row.seq,
      author: row.author,
      outboxId: row.outbox_id,
      event: { ...base, seq: row.seq, author: row.author },
    };
  }

  /**
   * Locks an active consultation's row inside `tx` (as `append` would) and answers the seq of the entry that
   * already shares `fileId` there: a share waiting on the lock sees a concurrent one's entry once it commits.
   * Undefined when the consultation is not active, null when the file is not shared yet.
   */
  async lockForShare(tx: EntityManager, id: string, fileId: string): Promise<number | null | undefined> {
    const locked: unknown[] = await tx.query(
      `SELECT 1 FROM ${T.consultations} WHERE id = $1 AND status = 'active' FOR UPDATE`,
      [id],
    );
    if (locked.length === 0) return undefined;
    const shared = await tx.getRepository(OnlineMessageEntity).findOneBy({ consultationId: id, fileId });
    return shared?.seq ?? null;
  }

  /** The files shared in a consultation, in the order they were shared. */
  async sharedFiles(id: string): Promise<SharedFileView[]> {
    const messages = await this.dataSource
      .getRepository(OnlineMessageEntity)
      .createQueryBuilder('m')
      .where('m.consultation_id = :id', { id })
      .andWhere('m.file_id IS NOT NULL')
      .orderBy('m.seq')
      .getMany();
    return messages.map((message) => message.file!);
  }

  /** Whether `fileId` was shared in the consultation. */
  async isShared(id: string, fileId: string): Promise<boolean> {
    return this.dataSource.getRepository(OnlineMessageEntity).existsBy({ consultationId: id, fileId });
  }

  messagesAfter(ids: string[], after: number, limit = 1000): Promise<OnlineMessageEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(OnlineMessageEntity)
      .createQueryBuilder('m')
      .where('m.consultation_id IN (:...ids)', { ids })
      .andWhere('m.seq > :after', { after })
      .orderBy('m.consultation_id')
      .addOrderBy('m.seq')
      .limit(limit)
      .getMany();
  }

  /** An online consultation opens the patient's record to its doctor for as long as a visit would. */
  async hasRelation(doctorAccountId: string, patientId: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM ${T.consultations}
        WHERE doctor_account_id = $1 AND patient_id = $2 AND status IN ('active', 'ended') AND started_at >= $3
        LIMIT 1`,
      [doctorAccountId, patientId, new Date(now.getTime() - RELATION_PAST_DAYS * DAY_MS)],
    );
    return rows.length > 0;
  }

  /** Forms of the consultations among these visit ids (the record shows their transcripts). */
  endedOf(ids: string[]): Promise<OnlineConsultationEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(OnlineConsultationEntity).findBy({ id: In(ids), status: 'ended' });
  }
}
