import { Injectable } from '@nestjs/common';
import {
  DEFAULT_REFERRAL_VALIDITY_DAYS,
  DomainError,
  ErrorCode,
  Subjects,
  type Actor,
  type CompleteVisitCommand,
  type DoctorVisitFacts,
  type IssueReferralDto,
  type ReferralKind,
  type ServiceKind,
  type VisitOutcomeEvent,
  type VisitOutcomeStatus,
  type VisitOutcomeView,
} from '@pacjent/contracts';
import { Clock, requestHash, validationFailed } from '@pacjent/platform';
import { BookingClient } from '../clients/booking.client';
import { ConsultationsEvents } from '../events/consultations-events';
import { Icd10Service } from '../icd10/icd10.service';
import { mapVisitOutcome } from '../record/record-views';
import { VisitOutcomeEntity } from './visit-outcome.entity';
import { VisitsRepository, type NewReferral } from './visits.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Which catalog services a referral of each kind may name. */
const SERVICE_KINDS_OF: Record<ReferralKind, ServiceKind[]> = {
  specialist: ['consultation', 'procedure'],
  test: ['test'],
  rehabilitation: ['rehabilitation'],
};

interface OutcomeInput {
  status: VisitOutcomeStatus;
  notes: string;
  recommendations: string;
  diagnoses: string[];
  referrals: IssueReferralDto[];
}

/**
 * Completing a visit or marking a no-show (ADR 0012): the outcome and the
 * event that tells booking are written in one transaction; the relay
 * publishes the event and booking sets the appointment's status from it.
 */
@Injectable()
export class VisitsService {
  constructor(
    private readonly visits: VisitsRepository,
    private readonly booking: BookingClient,
    private readonly icd10: Icd10Service,
    private readonly events: ConsultationsEvents,
    private readonly clock: Clock,
  ) {}

  complete(doctor: Actor, command: CompleteVisitCommand, idempotencyKey?: string): Promise<VisitOutcomeView> {
    return this.record(doctor, command.appointmentId, { status: 'completed', ...command }, idempotencyKey);
  }

  noShow(doctor: Actor, appointmentId: string, idempotencyKey?: string): Promise<VisitOutcomeView> {
    const input: OutcomeInput = { status: 'no_show', notes: '', recommendations: '', diagnoses: [], referrals: [] };
    return this.record(doctor, appointmentId, input, idempotencyKey);
  }

  private async record(
    doctor: Actor,
    appointmentId: string,
    input: OutcomeInput,
    idempotencyKey?: string,
  ): Promise<VisitOutcomeView> {
    const hash = requestHash(`visit.${input.status}`, { appointmentId, ...input });
    const existing = await this.visits.findOutcome(appointmentId);
    if (existing) return this.repeated(doctor, existing, hash, idempotencyKey);

    const facts = await this.booking.visitFacts(doctor, appointmentId);
    const now = this.clock.now();
    if (facts.status === 'cancelled') {
      throw new DomainError(ErrorCode.VISIT_NOT_COMPLETABLE, 'The visit was cancelled.');
    }
    if (facts.status !== 'booked') {
      throw new DomainError(ErrorCode.VISIT_ALREADY_COMPLETED, 'The visit already has an outcome.');
    }
    if (now.getTime() < new Date(facts.startsAt).getTime()) {
      throw new DomainError(ErrorCode.VISIT_NOT_STARTED, 'The visit has not started yet.', {
        startsAt: facts.startsAt,
      });
    }
    const diagnoses = this.icd10.resolve(input.diagnoses);
    const referrals = await this.referralsOf(facts, input.referrals, now);

    const outcome = Object.assign(new VisitOutcomeEntity(), {
      appointmentId,
      patientId: facts.patientId,
      doctorAccountId: doctor.id,
      doctorId: facts.doctor.id,
      doctorName: facts.doctor.name,
      serviceId: facts.service.id,
      serviceName: facts.service.name,
      serviceKind: facts.service.kind,
      channel: facts.channel,
      startsAt: new Date(facts.startsAt),
      status: input.status,
      notes: input.notes,
      recommendations: input.recommendations,
      diagnoses,
      completedAt: now,
      idempotencyKey: idempotencyKey ?? null,
      requestHash: idempotencyKey ? hash : null,
      openQuestions: 0,
    } satisfies VisitOutcomeEntity);
    const event: VisitOutcomeEvent = {
      appointmentId,
      status: input.status,
      patientId: facts.patientId,
      doctorAccountId: doctor.id,
      recordedAt: now.toISOString(),
    };
    const stored = await this.visits.transaction(async (tx) => {
      if (!(await this.visits.insertOutcome(tx, outcome))) return false;
      await this.visits.insertReferrals(tx, referrals);
      await this.events.record(tx, Subjects.consultations.visitOutcomeEvent, [event]);
      return true;
    });
    if (!stored) {
      // Another request completed it meanwhile: answer as for a repeat.
      const winner = await this.visits.findOutcome(appointmentId);
      return this.repeated(doctor, winner!, hash, idempotencyKey);
    }
    void this.events.flush();
    return this.view(outcome);
  }

  /**
   * A second request for a visit with an outcome: the same answer under the
   * same key and body, IDEMPOTENCY_KEY_REUSED under the same key with another
   * body, else a conflict.
   */
  private async repeated(
    doctor: Actor,
    existing: VisitOutcomeEntity,
    hash: string,
    idempotencyKey?: string,
  ): Promise<VisitOutcomeView> {
    if (existing.doctorAccountId !== doctor.id) throw new DomainError(ErrorCode.NOT_FOUND, 'No such appointment.');
    if (idempotencyKey && existing.idempotencyKey === idempotencyKey) {
      if (existing.requestHash === hash) return this.view(existing);
      throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for another request.');
    }
    throw new DomainError(ErrorCode.VISIT_ALREADY_COMPLETED, 'The visit already has an outcome.', {
      status: existing.status,
    });
  }

  private async view(outcome: VisitOutcomeEntity): Promise<VisitOutcomeView> {
    const [referrals, questions] = await Promise.all([
      this.visits.referralsOf([outcome.appointmentId]),
      this.visits.questionsOf([outcome.appointmentId]),
    ]);
    return mapVisitOutcome(outcome, referrals, questions, this.clock.now());
  }

  /** The referrals a completion asks for, checked against the catalog (also used when an online consultation ends). */
  async referralsOf(
    facts: Pick<DoctorVisitFacts, 'appointmentId' | 'patientId' | 'doctor'>,
    requested: IssueReferralDto[],
    now: Date,
  ): Promise<NewReferral[]> {
    if (requested.length === 0) return [];
    const catalog = new Map((await this.booking.services()).map((service) => [service.id, service]));
    const errors: Array<{ field: string; messages: string[] }> = [];
    const referrals = requested.map((referral, index): NewReferral => {
      const service = catalog.get(referral.serviceId);
      if (!service) errors.push({ field: `referrals.${index}.serviceId`, messages: ['no such service'] });
      else if (!SERVICE_KINDS_OF[referral.kind].includes(service.kind)) {
        errors.push({
          field: `referrals.${index}.serviceId`,
          messages: [`a ${referral.kind} referral cannot name a ${service.kind}`],
        });
      }
      const validUntil = referral.validUntil
        ? new Date(referral.validUntil)
        : new Date(now.getTime() + DEFAULT_REFERRAL_VALIDITY_DAYS * DAY_MS);
      if (validUntil.getTime() <= now.getTime()) {
        errors.push({ field: `referrals.${index}.validUntil`, messages: ['validUntil must be in the future'] });
      }
      return {
        appointmentId: facts.appointmentId,
        patientId: facts.patientId,
        doctorId: facts.doctor.id,
        doctorName: facts.doctor.name,
        kind: referral.kind,
        serviceId: referral.serviceId,
        serviceName: service?.name ?? '',
        sessionsTotal: referral.sessionsTotal ?? 1,
        issuedAt: now,
        validUntil,
      };
    });
    if (errors.length > 0) throw validationFailed(errors);
    return referrals;
  }
}
