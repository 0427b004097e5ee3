import { Injectable } from '@nestjs/common';
import type { QuestionStatus } from '@pacjent/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { QuestionEntity } from './question.entity';

/** What an answer changed, for the event announcing it. */
export interface AnsweredQuestion {
  questionId: string;
  appointmentId: string;
  patientId: string;
  serviceName: string;
}

export type DoctorQuestionRow = QuestionEntity & { visitStartsAt: Date; serviceId: string; serviceName: string };

@Injectable()
export class QuestionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Asks a question about a visit, in one transaction: the visit's counter
   * of open questions goes up by a single conditional UPDATE (at most
   * `limit`; the check constraint backs it), then the question is stored.
   * Answers null when the visit already has `limit` open questions.
   */
  ask(question: Omit<QuestionEntity, 'id' | 'status' | 'answer' | 'answeredAt' | 'visit'>, limit: number) {
    return this.dataSource.transaction(async (tx) => {
      const counted: unknown[] = await tx.query(
        `WITH counted AS (
           UPDATE "consultations"."visit_outcomes" SET open_questions = open_questions + 1
            WHERE appointment_id = $1 AND open_questions < $2 RETURNING appointment_id)
         SELECT appointment_id FROM counted`,
        [question.appointmentId, limit],
      );
      if (counted.length === 0) return null;
      const stored = tx
        .getRepository(QuestionEntity)
        .create({ ...question, status: 'open', answer: null, answeredAt: null });
      return tx.getRepository(QuestionEntity).save(stored);
    });
  }

  listOfPatient(patientId: string): Promise<QuestionEntity[]> {
    return this.dataSource
      .getRepository(QuestionEntity)
      .find({ where: { patientId }, order: { askedAt: 'DESC', id: 'ASC' } });
  }

  /** The doctor's questions with the visit they are about, oldest first. */
  async listOfDoctor(doctorAccountId: string, status: QuestionStatus, limit = 200): Promise<DoctorQuestionRow[]> {
    const rows = await this.dataSource
      .getRepository(QuestionEntity)
      .createQueryBuilder('q')
      .innerJoin('q.visit', 'v')
      .addSelect(['v.startsAt', 'v.serviceId', 'v.serviceName'])
      .where('q.doctor_account_id = :doctorAccountId', { doctorAccountId })
      .andWhere('q.status = :status', { status })
      .orderBy('q.asked_at', 'ASC')
      .addOrderBy('q.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((row) =>
      Object.assign(row, {
        visitStartsAt: row.visit!.startsAt,
        serviceId: row.visit!.serviceId,
        serviceName: row.visit!.serviceName,
      }),
    );
  }

  /** Whether the patient has an open question to this doctor (a relation that opens the record to them). */
  async hasOpenQuestion(doctorAccountId: string, patientId: string): Promise<boolean> {
    return this.dataSource
      .getRepository(QuestionEntity)
      .exists({ where: { doctorAccountId, patientId, status: 'open' } });
  }

  /**
   * Answers an open question of this doctor and lowers its visit's open
   * counter, in one transaction (with `onAnswered`, e.g. the outbox event).
   * Answers the question, or null when it is not this doctor's open question.
   */
  answer(
    questionId: string,
    doctorAccountId: string,
    text: string,
    now: Date,
    onAnswered?: (tx: EntityManager, answered: AnsweredQuestion) => Promise<void>,
  ): Promise<QuestionEntity | null> {
    return this.dataSource.transaction(async (tx) => {
      const answered: Array<{ appointment_id: string; patient_id: string }> = await tx.query(
        `WITH answered AS (
           UPDATE "consultations"."questions" SET status = 'answered', answer = $3, answered_at = $4
            WHERE id = $1 AND doctor_account_id = $2 AND status = 'open' RETURNING appointment_id, patient_id)
         SELECT appointment_id, patient_id FROM answered`,
        [questionId, doctorAccountId, text, now],
      );
      if (answered.length === 0) return null;
      const visits: Array<{ service_name: string }> = await tx.query(
        `WITH visit AS (
           UPDATE "consultations"."visit_outcomes" SET open_questions = open_questions - 1
            WHERE appointment_id = $1 RETURNING service_name)
         SELECT service_name FROM visit`,
        [answered[0]!.appointment_id],
      );
      if (onAnswered) {
        await onAnswered(tx, {
          questionId,
          appointmentId: answered[0]!.appointment_id,
          patientId: answered[0]!.patient_id,
          serviceName: visits[0]?.service_name ?? '',
        });
      }
      return tx.getRepository(QuestionEntity).findOneBy({ id: questionId });
    });
  }

  findOfDoctor(questionId: string, doctorAccountId: string): Promise<QuestionEntity | null> {
    return this.dataSource.getRepository(QuestionEntity).findOneBy({ id: questionId, doctorAccountId });
  }
}
