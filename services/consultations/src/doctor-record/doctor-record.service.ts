import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type Actor, type DoctorPatientRecordView } from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { BookingClient } from '../clients/booking.client';
import { IdentityClient } from '../clients/identity.client';
import { OnlineRepository } from '../online/online.repository';
import { QuestionsRepository } from '../questions/questions.repository';
import { mapReferral, mapVisitOutcome } from '../record/record-views';
import { RecordRepository } from '../record/record.repository';
import { ReferralsRepository } from '../referrals/referrals.repository';
import { VisitsRepository } from '../visits/visits.repository';

/** How many of the latest visits a doctor's view of a record holds. */
const DOCTOR_RECORD_VISITS = 100;

/**
 * A patient's record as a doctor reads it: only while a relation exists (a
 * visit with this doctor in the window booking keeps, an open question
 * to this doctor, or an online consultation they took), otherwise NOT_FOUND; every read goes to the patient's
 * access log first (no log, no read).
 */
@Injectable()
export class DoctorRecordService {
  constructor(
    private readonly booking: BookingClient,
    private readonly identity: IdentityClient,
    private readonly questions: QuestionsRepository,
    private readonly record: RecordRepository,
    private readonly visits: VisitsRepository,
    private readonly referrals: ReferralsRepository,
    private readonly online: OnlineRepository,
    private readonly clock: Clock,
  ) {}

  async read(doctor: Actor, patientId: string): Promise<DoctorPatientRecordView> {
    const related =
      (await this.questions.hasOpenQuestion(doctor.id, patientId)) ||
      (await this.online.hasRelation(doctor.id, patientId, this.clock.now())) ||
      (await this.booking.related(doctor, patientId));
    if (!related) throw new DomainError(ErrorCode.NOT_FOUND, 'No such patient.');
    await this.identity.logRecordRead(doctor, patientId);
    const { items } = await this.record.page(patientId, {}, DOCTOR_RECORD_VISITS, 0);
    const ids = items.map((visit) => visit.appointmentId);
    const [visitReferrals, questions, referrals] = await Promise.all([
      this.visits.referralsOf(ids),
      this.visits.questionsOf(ids),
      this.referrals.listOfPatient(patientId),
    ]);
    const now = this.clock.now();
    return {
      patientId,
      visits: items.map((visit) =>
        mapVisitOutcome(
          visit,
          visitReferrals.filter((referral) => referral.appointmentId === visit.appointmentId),
          questions.filter((question) => question.appointmentId === visit.appointmentId),
          now,
        ),
      ),
      referrals: referrals.map((referral) => mapReferral(referral, now)),
    };
  }
}
