import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { Channel, ServiceKind } from './booking';
import type { RecordOnlineConsultationView } from './online-consultations';

/**
 * The treatment record, owned by the consultations service: visit outcomes
 * (what the doctor wrote when the visit ended), referrals, and the patient's
 * questions to the doctor of a visit.
 */

export const VISIT_OUTCOME_STATUSES = ['completed', 'no_show'] as const;
export type VisitOutcomeStatus = (typeof VISIT_OUTCOME_STATUSES)[number];

export const REFERRAL_KINDS = ['specialist', 'test', 'rehabilitation'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

export const REFERRAL_STATUSES = ['active', 'used', 'expired'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** A referral is valid this many days from its issue unless the doctor says otherwise. */
export const DEFAULT_REFERRAL_VALIDITY_DAYS = 90;
export const MAX_REFERRAL_SESSIONS = 60;
export const VISIT_NOTES_MAX = 10_000;
export const RECOMMENDATIONS_MAX = 5_000;
export const MAX_DIAGNOSES = 20;
export const MAX_REFERRALS_PER_VISIT = 10;
export const QUESTION_MAX_LENGTH = 2_000;
export const ANSWER_MAX_LENGTH = 4_000;
/** How many unanswered questions one visit may have at once. */
export const MAX_OPEN_QUESTIONS_PER_VISIT = 3;
/** Default of QUESTION_WINDOW_DAYS: how long after completion the patient may ask. */
export const DEFAULT_QUESTION_WINDOW_DAYS = 14;

/** An ICD-10 code as written in Poland: a letter, two digits, optionally a dot and one or two more. */
export const ICD10_CODE = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$/;

/**
 * Free text typed by a person: any printable character, line breaks and tabs;
 * no other control characters (they hide text in logs and screens).
 */
// eslint-disable-next-line no-control-regex
export const FREE_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
const freeTextMessage = { message: '$property must not contain control characters' };

export class IssueReferralDto {
  @ApiProperty({ enum: REFERRAL_KINDS })
  @IsIn(REFERRAL_KINDS)
  kind: ReferralKind;

  @ApiProperty({ format: 'uuid', description: 'The catalog service the referral is for' })
  @IsUUID()
  serviceId: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_REFERRAL_SESSIONS,
    description: 'Rehabilitation: sessions (default 1)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REFERRAL_SESSIONS)
  sessionsTotal?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: `Default: ${DEFAULT_REFERRAL_VALIDITY_DAYS} days from issue`,
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  validUntil?: string;
}

/** POST /api/doctor/appointments/{id}/complete */
export class CompleteVisitDto {
  @ApiProperty({ maxLength: VISIT_NOTES_MAX, description: 'Notes for the record' })
  @IsString()
  @MaxLength(VISIT_NOTES_MAX)
  @Matches(FREE_TEXT, freeTextMessage)
  notes: string;

  @ApiProperty({ type: [String], example: ['J06.9'], description: 'ICD-10 codes (GET /api/doctor/icd10)' })
  @IsArray()
  @ArrayMaxSize(MAX_DIAGNOSES)
  @IsString({ each: true })
  @Matches(ICD10_CODE, { each: true, message: 'each diagnosis must be an ICD-10 code' })
  diagnoses: string[];

  @ApiProperty({ maxLength: RECOMMENDATIONS_MAX, description: 'What the patient reads' })
  @IsString()
  @MaxLength(RECOMMENDATIONS_MAX)
  @Matches(FREE_TEXT, freeTextMessage)
  recommendations: string;

  @ApiProperty({ type: [IssueReferralDto] })
  @IsArray()
  @ArrayMaxSize(MAX_REFERRALS_PER_VISIT)
  @ValidateNested({ each: true })
  @Type(() => IssueReferralDto)
  referrals: IssueReferralDto[];
}

/** consultations.visits.complete (bus): the HTTP body plus the appointment from the path. */
export class CompleteVisitCommand extends CompleteVisitDto {
  @IsUUID()
  appointmentId: string;
}

/** consultations.visits.no-show (bus). */
export class VisitIdDto {
  @IsUUID()
  appointmentId: string;
}

export class Icd10SearchDto {
  @ApiProperty({ description: 'Code prefix or words of the Polish name', minLength: 1, maxLength: 60 })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  @Matches(FREE_TEXT, freeTextMessage)
  q: string;
}

export interface Icd10View {
  code: string;
  name: string;
}

export interface ReferralView {
  id: string;
  kind: ReferralKind;
  service: { id: string; name: string };
  doctor: { id: string; name: string };
  /** The visit it was issued at. */
  appointmentId: string;
  issuedAt: string;
  validUntil: string;
  sessionsTotal: number;
  sessionsUsed: number;
  sessionsLeft: number;
  status: ReferralStatus;
}

/** A visit as the record shows it (the patient's view has no doctor's notes). */
export interface RecordVisitView {
  /** The appointment's id (one outcome per appointment). */
  id: string;
  status: VisitOutcomeStatus;
  startsAt: string;
  completedAt: string;
  channel: Channel;
  service: { id: string; name: string; kind: ServiceKind };
  doctor: { id: string; name: string };
  recommendations: string;
  diagnoses: Icd10View[];
  referrals: ReferralView[];
  questions: QuestionView[];
  /** Present when the visit was an online consultation ("Konsultacje online"): its form and transcript. */
  online?: RecordOnlineConsultationView;
}

/** The outcome as its doctor sees it: the record's view plus the notes. */
export interface VisitOutcomeView extends RecordVisitView {
  notes: string;
  patientId: string;
}

export class ListRecordVisitsDto {
  @ApiPropertyOptional({ enum: ['consultation', 'test', 'procedure', 'rehabilitation', 'occupational'] })
  @IsOptional()
  @IsIn(['consultation', 'test', 'procedure', 'rehabilitation', 'occupational'])
  kind?: ServiceKind;

  @ApiPropertyOptional({ format: 'date-time', description: 'Visits starting at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Visits starting before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset?: number;
}

export interface RecordVisitPage {
  items: RecordVisitView[];
  total: number;
  limit: number;
  offset: number;
}

export class RecordVisitIdDto {
  @IsUUID()
  id: string;
}

export const QUESTION_STATUSES = ['open', 'answered'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** POST /api/record/visits/{id}/questions */
export class AskQuestionDto {
  @ApiProperty({ minLength: 1, maxLength: QUESTION_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(QUESTION_MAX_LENGTH)
  @Matches(FREE_TEXT, freeTextMessage)
  text: string;
}

export class AskQuestionCommand extends AskQuestionDto {
  @IsUUID()
  appointmentId: string;
}

export class DoctorQuestionsDto {
  @ApiPropertyOptional({ enum: QUESTION_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(QUESTION_STATUSES)
  status?: QuestionStatus;
}

/** POST /api/doctor/questions/{id}/answer */
export class AnswerQuestionDto {
  @ApiProperty({ minLength: 1, maxLength: ANSWER_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(ANSWER_MAX_LENGTH)
  @Matches(FREE_TEXT, freeTextMessage)
  text: string;
}

export class AnswerQuestionCommand extends AnswerQuestionDto {
  @IsUUID()
  questionId: string;
}

export interface QuestionView {
  id: string;
  /** The visit (appointment) asked about. */
  appointmentId: string;
  text: string;
  askedAt: string;
  status: QuestionStatus;
  answer: string | null;
  answeredAt: string | null;
}

/** A question as the doctor sees it in the workspace. */
export interface DoctorQuestionView extends QuestionView {
  patientId: string;
  visit: { startsAt: string; service: { id: string; name: string } };
}

/**
 * booking.doctor.visits.facts: what booking knows about one appointment,
 * answered only to the appointment's doctor (anyone else: NOT_FOUND).
 * Consultations copies these facts into the outcome when the visit ends.
 */
export interface DoctorVisitFacts {
  appointmentId: string;
  patientId: string;
  status: 'booked' | 'cancelled' | 'completed' | 'no_show';
  startsAt: string;
  endsAt: string;
  channel: Channel;
  service: { id: string; name: string; kind: ServiceKind };
  doctor: { id: string; name: string };
}

/**
 * The event consultations publishes (JetStream, via its outbox) when a
 * doctor completes a visit or marks a no-show; booking consumes it
 * (durably, idempotently) and sets the appointment's status.
 */
export class VisitOutcomeEvent {
  @IsUUID()
  appointmentId: string;

  @IsIn(VISIT_OUTCOME_STATUSES)
  status: VisitOutcomeStatus;

  @IsUUID()
  patientId: string;

  @IsUUID()
  doctorAccountId: string;

  @IsISO8601()
  recordedAt: string;
}

/** GET /api/doctor/appointments?date=YYYY-MM-DD (a Warsaw calendar day). */
export class DoctorDayDto {
  @ApiProperty({ example: '2026-12-03', description: 'A calendar day in Warsaw' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be YYYY-MM-DD' })
  date: string;
}

/** One visit on the doctor's day ("Mój dzień"). */
export interface DoctorDayAppointmentView {
  id: string;
  startsAt: string;
  endsAt: string;
  status: 'booked' | 'cancelled' | 'completed' | 'no_show';
  channel: Channel;
  service: { id: string; name: string; kind: ServiceKind };
  facility: { id: string; name: string } | null;
  /** Null only if identity could not name the patient (the visit still shows). */
  patient: { id: string; name: string; age: number | null } | null;
}

/** identity.doctor.patients.summaries: names and birth dates of patients the asking doctor has a relation with. */
export class PatientSummariesDto {
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  patientIds: string[];
}

export interface PatientSummary {
  id: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD, from the PESEL or the bank; null when unknown. */
  birthDate: string | null;
}

/** identity.record-access.log: a doctor or staff member read a patient's record (shown in "Historia dostępu"). */
export class RecordAccessDto {
  @IsUUID()
  patientId: string;
}

/** GET /api/doctor/patients/{id}/record */
export class DoctorPatientRecordDto {
  @IsUUID()
  patientId: string;
}

/** A patient's record as a doctor with a relation reads it (visits with notes, referrals). */
export interface DoctorPatientRecordView {
  patientId: string;
  visits: VisitOutcomeView[];
  referrals: ReferralView[];
}
