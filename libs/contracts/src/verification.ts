import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { AccountLevel } from './actor';
import { PHONE_PATTERN } from './identity';

/** How an identity was confirmed. */
export const VerificationMethod = {
  BANK: 'bank',
  CALL_CENTER: 'call_center',
  FACILITY: 'facility',
  CONTACT_FORM: 'contact_form',
} as const;
export type VerificationMethod = (typeof VerificationMethod)[keyof typeof VerificationMethod];

export const STAFF_CHANNELS = ['call_center', 'facility', 'contact_form'] as const;
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

/** Why a confirmation did not happen (the portal explains each one). */
export const VerificationFailure = {
  UNDERAGE: 'UNDERAGE',
  PESEL_MISMATCH: 'PESEL_MISMATCH',
  IDENTITY_ALREADY_USED: 'IDENTITY_ALREADY_USED',
  ALREADY_VERIFIED: 'ALREADY_VERIFIED',
  BANK_DENIED: 'BANK_DENIED',
  BANK_ERROR: 'BANK_ERROR',
  INVALID_ID_TOKEN: 'INVALID_ID_TOKEN',
  /** The callback's state is unknown, expired or already used (a replay). */
  ATTEMPT_INVALID: 'ATTEMPT_INVALID',
  /** Staff rejected a contact-form request. */
  REJECTED: 'REJECTED',
  /**
   * The callback came to a browser other than the one that started the attempt
   * (no binding cookie, or another attempt's): refused, nothing changed.
   */
  BANK_SESSION_MISMATCH: 'BANK_SESSION_MISMATCH',
  /** Staff could not confirm by phone or form: no PESEL, or a minor's; only a facility can. */
  FACILITY_REQUIRED: 'FACILITY_REQUIRED',
  /** Staff closed a contact-form request after failing to reach the patient. */
  UNREACHABLE: 'UNREACHABLE',
} as const;
export type VerificationFailure = (typeof VerificationFailure)[keyof typeof VerificationFailure];

export interface StartBankVerificationResult {
  authorizationUrl: string;
}

/** The random value of the browser-binding cookie (32 bytes, base64url), as the gateway makes it. */
export const BANK_BINDING_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Bus payload of the bank start: the browser-binding cookie's value (identity stores only its hash). */
export class StartBankVerificationDto {
  @IsString()
  @Matches(BANK_BINDING_PATTERN, { message: 'binding must be 32 random bytes in base64url' })
  binding: string;
}

/**
 * Bus payload of the bank callback: the query string the bank sent the browser
 * back with, and the browser-binding cookie it carried (if any).
 */
export class BankCallbackDto {
  @IsString()
  @MaxLength(8192)
  query: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  binding?: string;
}

export interface BankCallbackResult {
  status: 'confirmed' | 'failed';
  code: VerificationFailure | null;
  /** The portal page that tells the patient the outcome; the gateway redirects the browser there. */
  redirectTo: string;
}

/** One confirmation or refusal, as the patient and staff see it. */
export interface VerificationEventView {
  id: string;
  at: string;
  method: VerificationMethod;
  outcome: 'confirmed' | 'refused';
  code: VerificationFailure | null;
  reason: string | null;
  /** The staff member who acted (null for the bank). */
  staff: { id: string; name: string } | null;
  documentType: string | null;
  documentNumberLast4: string | null;
}

/** `GET /api/identity/verification`: the level and the latest outcome with its code. */
export interface VerificationStatusView {
  level: AccountLevel;
  verification: { method: VerificationMethod; verifiedAt: string } | null;
  /** The latest outcome's code (null when the latest attempt succeeded or there was none). */
  code: VerificationFailure | null;
  latest: VerificationEventView | null;
  /**
   * Who the account is confirmed as (the bank's or the document's name), and
   * the name given at registration when the confirmation replaced it (ADR 0015).
   */
  confirmedAs: ConfirmedIdentityView | null;
}

export interface ConfirmedIdentityView {
  firstName: string;
  lastName: string;
  birthDate: string | null;
  /** Null when the registered name was the same (letter case and spacing aside). */
  registeredName: { firstName: string; lastName: string } | null;
}

export class SearchPatientsDto {
  @ApiProperty({ description: 'Email, PESEL or name (at least 2 characters)', example: 'kowalski' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  query: string;
}

export interface PatientSummaryView {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  pesel: string | null;
  level: AccountLevel;
  verification: { method: VerificationMethod; verifiedAt: string } | null;
  /** The name given at registration, when a bank confirmation replaced it (staff still find the patient by it). */
  registeredName: { firstName: string; lastName: string } | null;
}

export interface PatientDetailView extends PatientSummaryView {
  phone: string | null;
  birthDate: string | null;
  history: VerificationEventView[];
}

export class PatientIdDto {
  @IsUUID()
  id: string;
}

export class ConfirmIdentityDto {
  @ApiProperty({ enum: STAFF_CHANNELS })
  @IsIn(STAFF_CHANNELS)
  channel: StaffChannel;

  @ApiProperty({ example: 'id_card', description: 'e.g. id_card, passport, residence_card' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  documentType: string;

  @ApiProperty({ example: '1234', description: 'The last four characters of the document number' })
  @IsString()
  @Length(4, 4)
  @Matches(/^[A-Za-z0-9]{4}$/, { message: 'documentNumberLast4 must be 4 letters or digits' })
  documentNumberLast4: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** Bus payload of a staff confirmation: the patient and the form. */
export class StaffConfirmationDto extends ConfirmIdentityDto {
  @IsUUID()
  patientId: string;
}

export class ContactRequestDto {
  @ApiProperty({ example: 'Jan Kowalski' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'jan.kowalski@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: '+48 600 100 200' })
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a phone number' })
  phone: string;

  @ApiPropertyOptional({ example: '44051401359' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{11}$/, { message: 'pesel must be 11 digits' })
  pesel?: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  message: string;
}

export const CONTACT_REQUEST_STATUSES = ['open', 'confirmed', 'rejected', 'unreachable'] as const;
export type ContactRequestStatus = (typeof CONTACT_REQUEST_STATUSES)[number];

export interface ContactRequestView {
  id: string;
  name: string;
  email: string;
  phone: string;
  pesel: string | null;
  message: string;
  status: ContactRequestStatus;
  reason: string | null;
  /** The account with the request's email, when there is one. */
  patientId: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export class ListContactRequestsDto {
  @ApiPropertyOptional({ enum: CONTACT_REQUEST_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(CONTACT_REQUEST_STATUSES)
  status?: ContactRequestStatus;
}

export class ResolveContactRequestDto {
  @ApiProperty({ enum: ['confirmed', 'rejected', 'unreachable'] })
  @IsIn(['confirmed', 'rejected', 'unreachable'])
  outcome: 'confirmed' | 'rejected' | 'unreachable';

  @ApiPropertyOptional({ description: 'Required when rejecting', maxLength: 500 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ description: 'Required when confirming' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  documentType?: string;

  @ApiPropertyOptional({ description: 'Required when confirming' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9]{4}$/, { message: 'documentNumberLast4 must be 4 letters or digits' })
  documentNumberLast4?: string;

  @ApiPropertyOptional({ description: 'The account to confirm; defaults to the one with the request email' })
  @IsOptional()
  @IsUUID()
  patientId?: string;
}

/** Bus payload of resolving a contact request. */
export class ResolveContactRequestBusDto extends ResolveContactRequestDto {
  @IsUUID()
  id: string;
}

export interface ContactRequestCreated {
  id: string;
}

/** One entry of the patient's access history ("Historia dostępu"). */
export interface AccessHistoryEntryView {
  at: string;
  action: 'identity.confirmed' | 'identity.refused' | 'patient.viewed' | 'record.viewed';
  actor: { kind: 'staff' | 'bank' | 'doctor'; name: string };
  method: VerificationMethod | null;
  outcome: string;
}
