import { IsUUID } from 'class-validator';

/**
 * A doctor may read a patient's record, or prescribe for them, only while a
 * relation exists (see PRODUCT.md). Booking knows the visit part of it: a
 * visit of this patient with this doctor that started in the past
 * `RELATION_PAST_DAYS` days or starts in the next `RELATION_FUTURE_DAYS`
 * days (cancelled visits do not count). Consultations adds its own
 * relations (an open question, an online consultation).
 *
 * Subject: `Subjects.booking.doctorPatientRelation`. The actor is the doctor
 * (role `doctor`); booking resolves the doctor from the actor's account.
 */
export const RELATION_PAST_DAYS = 365;
export const RELATION_FUTURE_DAYS = 7;

export class DoctorPatientRelationDto {
  @IsUUID()
  patientId: string;
}

export interface DoctorPatientRelation {
  /** True when the doctor has a visit with the patient inside the window. */
  related: boolean;
}
