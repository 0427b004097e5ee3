import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { QuestionEntity } from '../questions/question.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { VisitOutcomeEntity } from './visit-outcome.entity';

export type NewReferral = Omit<ReferralEntity, 'id' | 'sessionsUsed' | 'visit'>;

@Injectable()
export class VisitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findOutcome(appointmentId: string): Promise<VisitOutcomeEntity | null> {
    return this.dataSource.getRepository(VisitOutcomeEntity).findOneBy({ appointmentId });
  }

  /**
   * Stores the outcome unless the appointment already has one (the primary
   * key decides a race between two completions); answers whether it did.
   */
  async insertOutcome(tx: EntityManager, outcome: VisitOutcomeEntity): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(VisitOutcomeEntity)
      .values(outcome)
      .orIgnore()
      .returning(['appointmentId'])
      .execute();
    return result.raw.length > 0;
  }

  async insertReferrals(tx: EntityManager, referrals: NewReferral[]): Promise<void> {
    if (referrals.length === 0) return;
    await tx.getRepository(ReferralEntity).insert(referrals.map((referral) => ({ ...referral, sessionsUsed: 0 })));
  }

  referralsOf(appointmentIds: string[]): Promise<ReferralEntity[]> {
    if (appointmentIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(ReferralEntity)
      .find({ where: { appointmentId: In(appointmentIds) }, order: { issuedAt: 'ASC', id: 'ASC' } });
  }

  questionsOf(appointmentIds: string[]): Promise<QuestionEntity[]> {
    if (appointmentIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(QuestionEntity)
      .find({ where: { appointmentId: In(appointmentIds) }, order: { askedAt: 'ASC', id: 'ASC' } });
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
