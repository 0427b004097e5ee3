import { IsISO8601, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

/** The longest title a record notification carries (a report's or a service's name). */
export const NOTIFICATION_TITLE_MAX_LENGTH = 200;

/**
 * Published by consultations (JetStream stream `EventStreams.consultations`,
 * subject `Subjects.consultations.resultAvailableEvent`, message id = outbox
 * id) in the transaction that stores a NEW lab report for the patient (a
 * repeated post of the same report publishes nothing). Booking turns it into
 * the patient's `result_available` notification. It names the report only —
 * no values.
 */
export class ResultAvailableEvent {
  @IsUUID()
  patientId: string;

  @IsUUID()
  reportId: string;

  /** The report's name, e.g. "Lipidogram". */
  @IsString()
  @MinLength(1)
  @MaxLength(NOTIFICATION_TITLE_MAX_LENGTH)
  title: string;

  @IsISO8601()
  occurredAt: string;
}

/**
 * Published by consultations (subject `Subjects.consultations.questionAnsweredEvent`)
 * in the transaction in which the visit's doctor answers the patient's
 * question. Booking turns it into the patient's `question_answered`
 * notification. It names the visit and question only — not the answer.
 */
export class QuestionAnsweredEvent {
  @IsUUID()
  patientId: string;

  @IsUUID()
  questionId: string;

  @IsUUID()
  appointmentId: string;

  /** The visit's service name, e.g. "Konsultacja internistyczna". */
  @IsString()
  @MinLength(1)
  @MaxLength(NOTIFICATION_TITLE_MAX_LENGTH)
  title: string;

  @IsISO8601()
  occurredAt: string;
}
