import type { QuestionView, RecordVisitView, ReferralStatus, ReferralView, VisitOutcomeView } from '@pacjent/contracts';
import type { QuestionEntity } from '../questions/question.entity';
import type { ReferralEntity } from '../referrals/referral.entity';
import type { VisitOutcomeEntity } from '../visits/visit-outcome.entity';

export function referralStatus(
  referral: Pick<ReferralEntity, 'sessionsUsed' | 'sessionsTotal' | 'validUntil'>,
  now: Date,
): ReferralStatus {
  if (referral.sessionsUsed >= referral.sessionsTotal) return 'used';
  if (referral.validUntil.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export function mapReferral(referral: ReferralEntity, now: Date): ReferralView {
  return {
    id: referral.id,
    kind: referral.kind,
    service: { id: referral.serviceId, name: referral.serviceName },
    doctor: { id: referral.doctorId, name: referral.doctorName },
    appointmentId: referral.appointmentId,
    issuedAt: referral.issuedAt.toISOString(),
    validUntil: referral.validUntil.toISOString(),
    sessionsTotal: referral.sessionsTotal,
    sessionsUsed: referral.sessionsUsed,
    sessionsLeft: referral.sessionsTotal - referral.sessionsUsed,
    status: referralStatus(referral, now),
  };
}

export function mapQuestion(question: QuestionEntity): QuestionView {
  return {
    id: question.id,
    appointmentId: question.appointmentId,
    text: question.text,
    askedAt: question.askedAt.toISOString(),
    status: question.status,
    answer: question.answer,
    answeredAt: question.answeredAt?.toISOString() ?? null,
  };
}

/** A visit as the patient's record shows it: no doctor's notes. */
export function mapRecordVisit(
  outcome: VisitOutcomeEntity,
  referrals: ReferralEntity[],
  questions: QuestionEntity[],
  now: Date,
): RecordVisitView {
  return {
    id: outcome.appointmentId,
    status: outcome.status,
    startsAt: outcome.startsAt.toISOString(),
    completedAt: outcome.completedAt.toISOString(),
    channel: outcome.channel,
    service: { id: outcome.serviceId, name: outcome.serviceName, kind: outcome.serviceKind },
    doctor: { id: outcome.doctorId, name: outcome.doctorName },
    recommendations: outcome.recommendations,
    diagnoses: outcome.diagnoses,
    referrals: referrals.map((referral) => mapReferral(referral, now)),
    questions: questions.map(mapQuestion),
  };
}

/** The outcome as doctors see it: with the notes and the patient. */
export function mapVisitOutcome(
  outcome: VisitOutcomeEntity,
  referrals: ReferralEntity[],
  questions: QuestionEntity[],
  now: Date,
): VisitOutcomeView {
  return { ...mapRecordVisit(outcome, referrals, questions, now), notes: outcome.notes, patientId: outcome.patientId };
}
