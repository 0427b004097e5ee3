import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
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

/**
 * E-prescriptions: the medicines catalog, prescriptions issued by doctors,
 * and renewal requests patients send them. Bus payloads are validated with
 * these classes in the gateway (HTTP) and again in the prescriptions service.
 */

/** Refund levels of a prescribed item: 100 %, 50 %, 30 %, ryczałt, bezpłatny. */
export const REFUND_LEVELS = ['100%', '50%', '30%', 'R', 'B'] as const;
export type RefundLevel = (typeof REFUND_LEVELS)[number];

export const PRESCRIPTION_STATUSES = ['active', 'expired', 'dispensed'] as const;
export type PrescriptionStatus = (typeof PRESCRIPTION_STATUSES)[number];

export const RENEWAL_STATUSES = ['pending', 'approved', 'declined'] as const;
export type RenewalStatus = (typeof RENEWAL_STATUSES)[number];

/** Validity rules (days counted from "realise from", that day included). */
export const PRESCRIPTION_DEFAULT_VALID_DAYS = 30;
export const ANTIBIOTIC_MAX_VALID_DAYS = 7;
export const CONTROLLED_MAX_VALID_DAYS = 30;
export const CHRONIC_MAX_VALID_DAYS = 365;
/** An item of a prescription valid longer than 30 days may cover at most this many days of treatment. */
export const CHRONIC_MAX_SUPPLY_DAYS = 360;
/** "Realise from" may be set at most this far ahead. */
export const MAX_VALID_FROM_AHEAD_DAYS = 60;
/** How far back "Moje leki" looks. */
export const MEDICINES_HISTORY_DAYS = 365;
/** Renewal requests a patient may send per calendar day (Warsaw). */
export const RENEWAL_DAILY_LIMIT = 3;
export const PRESCRIPTION_MAX_ITEMS = 5;

/** No control characters at all (one-line text: dosage). */
const ONE_LINE = /^[^\p{Cc}]*$/u;
/** No control characters but line breaks (a note or a reason may have paragraphs). */
const MULTI_LINE = /^(?:[^\p{Cc}]|\r?\n)*$/u;

export class SearchMedicinesDto {
  @ApiProperty({ description: 'Name or active substance, or their beginning (2–60 characters, diacritics optional)' })
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  @Matches(ONE_LINE, { message: 'q must not contain control characters' })
  q: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export interface MedicineView {
  id: string;
  name: string;
  substance: string;
  atcCode: string;
  form: string;
  strength: string;
  packSize: number;
  prescriptionOnly: boolean;
  /** ATC J01*: prescriptions valid 7 days. */
  antibiotic: boolean;
  /** Rpw: never renewed online. */
  controlled: boolean;
}

export class PrescriptionItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  medicineId: string;

  @ApiProperty({ example: '1 tabl. 2 x dziennie', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(ONE_LINE, { message: 'dosage must be one line without control characters' })
  dosage: string;

  @ApiProperty({ description: 'Packs', minimum: 1, maximum: 30 })
  @IsInt()
  @Min(1)
  @Max(30)
  quantity: number;

  @ApiProperty({ enum: REFUND_LEVELS, description: '100%, 50%, 30%, R (ryczałt), B (bezpłatny)' })
  @IsIn(REFUND_LEVELS)
  refundLevel: RefundLevel;

  @ApiPropertyOptional({ description: '"Nie zamieniać": no substitute may be dispensed' })
  @IsOptional()
  @IsBoolean()
  noSubstitution?: boolean;

  @ApiPropertyOptional({
    description:
      'Days of treatment the quantity covers; required when the prescription is valid longer than 30 days (then at most 360)',
    minimum: 1,
    maximum: CHRONIC_MAX_SUPPLY_DAYS,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(CHRONIC_MAX_SUPPLY_DAYS)
  supplyDays?: number;
}

/** Validity of a prescription: from when (a Warsaw date), and for how many days. */
export class PrescriptionValidityDto {
  @ApiPropertyOptional({ format: 'date', description: '"Realizacja od": today by default' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date (YYYY-MM-DD)' })
  validFrom?: string;

  @ApiPropertyOptional({
    description: 'Days from validFrom: 30 by default, 7 with an antibiotic, up to 365 for chronic treatment',
  })
  @IsOptional()
  @IsInt()
  validDays?: number;
}

export class IssuePrescriptionDto extends PrescriptionValidityDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  patientId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The visit the prescription comes from' })
  @IsOptional()
  @IsUUID()
  appointmentId?: string;

  @ApiProperty({ type: [PrescriptionItemDto], minItems: 1, maxItems: PRESCRIPTION_MAX_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PRESCRIPTION_MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => PrescriptionItemDto)
  items: PrescriptionItemDto[];
}

/**
 * One medicine prescribed in the visit outcome form (CompleteVisitDto
 * `prescriptions`): each line becomes a prescription of its own, with its
 * own validity, carrying the visit's appointment id (ADR 0017).
 */
export class VisitPrescriptionLineDto extends IntersectionType(PrescriptionItemDto, PrescriptionValidityDto) {}

/** At most this many medicines in one visit outcome. */
export const MAX_PRESCRIPTIONS_PER_VISIT = PRESCRIPTION_MAX_ITEMS;

/**
 * prescriptions.doctor.visit-prescriptions.check (asked by consultations
 * before it stores an outcome): would these lines be issued? Answers
 * `{ ok: true }` or the same errors issuing would give, under `prescriptions.N…`.
 */
export class CheckVisitPrescriptionsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PRESCRIPTIONS_PER_VISIT)
  @ValidateNested({ each: true })
  @Type(() => VisitPrescriptionLineDto)
  prescriptions: VisitPrescriptionLineDto[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When they would be issued (the completion time)' })
  @IsISO8601({ strict: true })
  issuedAt: string;
}

/**
 * The event consultations publishes (JetStream, through its outbox, in the
 * transaction that stores the outcome) when a completed visit prescribed
 * medicines; prescriptions consumes it durably and issues one prescription
 * per line, idempotent by (appointment id, line).
 */
export class VisitPrescriptionsEvent {
  @IsUUID()
  appointmentId: string;

  @IsUUID()
  patientId: string;

  @IsUUID()
  doctorAccountId: string;

  /** The completion time: the prescriptions' issue time and "today" for their validity. */
  @IsISO8601()
  issuedAt: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PRESCRIPTIONS_PER_VISIT)
  @ValidateNested({ each: true })
  @Type(() => VisitPrescriptionLineDto)
  prescriptions: VisitPrescriptionLineDto[];
}

export interface PrescriptionItemView {
  medicine: MedicineView;
  dosage: string;
  quantity: number;
  refundLevel: RefundLevel;
  noSubstitution: boolean;
  supplyDays: number | null;
}

export interface PrescriptionView {
  id: string;
  patientId: string;
  doctorId: string;
  /** The visit it was prescribed at (booking's appointment id), when there is one. */
  appointmentId: string | null;
  /** Its line in that visit's outcome form (1-based) when the visit's completion issued it. */
  visitLine: number | null;
  renewalRequestId: string | null;
  /** The 4-digit code the patient gives the pharmacy with their PESEL. */
  accessCode: string;
  /** The package key. */
  key: string;
  issuedAt: string;
  validFrom: string;
  /** Last day it can be dispensed (inclusive). */
  validUntil: string;
  validDays: number;
  status: PrescriptionStatus;
  items: PrescriptionItemView[];
}

export class PrescriptionIdDto {
  @IsUUID()
  id: string;
}

/** "Moje leki": one row per product prescribed in the last 12 months. */
export interface PatientMedicineView {
  medicine: MedicineView;
  lastDosage: string;
  lastPrescribedAt: string;
  lastPrescriptionId: string;
  /** Of the last prescription with this product. */
  status: PrescriptionStatus;
  /** May be asked for in a renewal request now (not controlled, none pending). */
  renewable: boolean;
  renewalPending: boolean;
}

export class RequestRenewalDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: PRESCRIPTION_MAX_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PRESCRIPTION_MAX_ITEMS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  medicineIds: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(MULTI_LINE, { message: 'note must not contain control characters' })
  note?: string;
}

export interface RenewalRequestView {
  id: string;
  patientId: string;
  /** The doctor it is addressed to; null = the internists' pool. */
  doctorId: string | null;
  status: RenewalStatus;
  note: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** The doctor's reason for a decline, for the patient to read. */
  declineReason: string | null;
  prescriptionId: string | null;
  medicines: MedicineView[];
}

/** One row of the doctor's queue: the request, how long it waits, and the patient's current medicines. */
export interface DoctorRenewalView extends RenewalRequestView {
  waitingSeconds: number;
  patientMedicines: PatientMedicineView[];
  /** Who asks (identity), with the PESEL to confirm it; null when identity could not answer. */
  patient: { name: string; age: number | null; pesel: string | null } | null;
  /** The patient's last visit with this doctor (booking); null when none (or booking could not answer). */
  lastVisit: { startsAt: string; service: { id: string; name: string } } | null;
}

export class ListDoctorRenewalsDto {
  @ApiPropertyOptional({ enum: RENEWAL_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(RENEWAL_STATUSES)
  status?: RenewalStatus;
}

/** What the approving doctor may change on one requested medicine. */
export class RenewalItemChangeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  medicineId: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(ONE_LINE, { message: 'dosage must be one line without control characters' })
  dosage?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  quantity?: number;

  @ApiPropertyOptional({ enum: REFUND_LEVELS })
  @IsOptional()
  @IsIn(REFUND_LEVELS)
  refundLevel?: RefundLevel;

  @ApiPropertyOptional({ minimum: 1, maximum: CHRONIC_MAX_SUPPLY_DAYS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(CHRONIC_MAX_SUPPLY_DAYS)
  supplyDays?: number;
}

export class ApproveRenewalDto extends PrescriptionValidityDto {
  @ApiPropertyOptional({
    type: [RenewalItemChangeDto],
    description: 'Changes to the last prescription of each medicine',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PRESCRIPTION_MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => RenewalItemChangeDto)
  items?: RenewalItemChangeDto[];
}

/** Bus payload of an approval: the request's id and the doctor's changes. */
export class ApproveRenewalPayloadDto extends ApproveRenewalDto {
  @IsUUID()
  id: string;
}

export class DeclineRenewalDto {
  @ApiProperty({ example: 'Proszę umówić wizytę kontrolną', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @Matches(MULTI_LINE, { message: 'reason must not contain control characters' })
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class DeclineRenewalPayloadDto extends DeclineRenewalDto {
  @IsUUID()
  id: string;
}

/**
 * Published by prescriptions (JetStream stream `EventStreams.prescriptions`,
 * message id = outbox id) in the transaction in which a doctor approves or
 * declines a renewal request. Booking turns it into the patient's
 * `renewal_approved` / `renewal_declined` notification. It names the
 * medicines only — never the access code or the decline's reason.
 */
export class RenewalDecidedEvent {
  @IsUUID()
  patientId: string;

  @IsUUID()
  renewalRequestId: string;

  @IsIn(['approved', 'declined'])
  status: 'approved' | 'declined';

  /** The medicines' names, e.g. "Euthyrox N, Bisocard". */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @IsISO8601()
  occurredAt: string;
}
