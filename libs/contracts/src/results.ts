import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, Matches, Max, Min } from 'class-validator';

/**
 * Laboratory results: a lab posts a FHIR R4 Bundle (a DiagnosticReport and
 * its Observations), consultations stores it for the patient named by PESEL,
 * the patient reads it back (`/api/results`) and exports the record as FHIR.
 */

/** The FHIR identifier system of the Polish PESEL (HL7 Poland's OID). */
export const PESEL_IDENTIFIER_SYSTEM = 'urn:oid:2.16.840.1.113883.3.4424.1.1.616';
export const LOINC_SYSTEM = 'http://loinc.org';

/**
 * The largest lab bundle the gateway accepts, in bytes. The bundle rides the
 * bus to consultations inside one NATS message, whose payload is capped at
 * 1 MiB by the server's default `max_payload`; half of that leaves room for
 * the request envelope and keeps a bad client from filling it.
 */
export const MAX_LAB_BUNDLE_BYTES = 512 * 1024;
/** The most Observations one report may carry. */
export const MAX_OBSERVATIONS_PER_REPORT = 200;
/** The page size of `GET /api/results`, at most. */
export const MAX_RESULTS_PAGE_SIZE = 50;
/** The page size of `GET /api/results` when none is asked for: the portal's first page (ten reports with all their values). */
export const RESULTS_PAGE_SIZE = 10;

/** A LOINC code: digits, a dash and the check digit (e.g. 2093-3). */
export const LOINC_CODE_PATTERN = /^[0-9]{1,7}-[0-9]$/;

export const RESULT_FLAGS = ['low', 'high', 'normal'] as const;
export type ResultFlag = (typeof RESULT_FLAGS)[number];

/** consultations.results.submit: the lab's FHIR Bundle, as parsed JSON (validated by the FHIR library there). */
export class SubmitLabBundleDto {
  @IsObject()
  bundle: Record<string, unknown>;

  /** The report's PDF, already in storage (the gateway took it out of presentedForm). */
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  documentId?: string;
}

/** The answer to a lab: the stored report's id; `created` false when the same report was stored before. */
export interface LabSubmission {
  id: string;
  created: boolean;
  observations: number;
}

export class ListResultsDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_RESULTS_PAGE_SIZE, default: RESULTS_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_RESULTS_PAGE_SIZE)
  pageSize?: number;
}

export class ResultIdDto {
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  id: string;
}

export class ParameterSeriesDto {
  @Matches(LOINC_CODE_PATTERN, { message: 'loincCode must be a LOINC code such as 2093-3' })
  loincCode: string;
}

/** One measured value of a report. */
export interface ObservationView {
  id: string;
  /** LOINC code. */
  code: string;
  name: string;
  value: number;
  unit: string;
  referenceLow: number | null;
  referenceHigh: number | null;
  /** From the lab's interpretation, else computed from the reference range; null without either. */
  flag: ResultFlag | null;
}

/** One lab report with every value. */
export interface ResultView {
  id: string;
  /** LOINC code of the panel, when the lab gave one. */
  code: string | null;
  name: string;
  status: string;
  /** When the sample was taken (or the report's effective time). */
  effectiveAt: string;
  issuedAt: string;
  laboratory: string | null;
  observations: ObservationView[];
  /** How many values are outside their reference range. */
  abnormal: number;
  /** The lab's PDF can be downloaded at `/api/results/{id}/pdf`. */
  hasPdf: boolean;
}

export interface ResultsPage {
  items: ResultView[];
  page: number;
  pageSize: number;
  total: number;
}

/** One point of a parameter's series (a chart). */
export interface ParameterPoint {
  resultId: string;
  effectiveAt: string;
  value: number;
  unit: string;
  referenceLow: number | null;
  referenceHigh: number | null;
  flag: ResultFlag | null;
}

/** One parameter across all the patient's results, oldest first. */
export interface ParameterSeries {
  code: string;
  name: string;
  points: ParameterPoint[];
}

/** identity.lab.patients.resolve: which confirmed (full) account holds this PESEL. Asked with a lab actor. */
export class ResolvePatientByPeselDto {
  @Matches(/^[0-9]{11}$/, { message: 'pesel must be 11 digits' })
  pesel: string;
}

export interface ResolvedPatient {
  patientId: string;
}

/** identity.record.patient: the caller's own confirmed identity, for the FHIR Patient of the export. */
export interface RecordPatientView {
  id: string;
  firstName: string;
  lastName: string;
  pesel: string | null;
  /** YYYY-MM-DD. */
  birthDate: string | null;
  email: string;
}

/**
 * The lab's PDF of a report (DiagnosticReport.presentedForm): the gateway
 * takes the bytes out of the bundle and writes them to storage under a key
 * the files service reserves (bytes never ride the bus); consultations
 * assigns the document to the patient once it knows them. Lab documents count
 * in no patient quota and never expire.
 */
export const MAX_LAB_PDF_BYTES = 2 * 1024 * 1024;
/** The largest request to `POST /api/lab/results`: the bundle plus one PDF in base64. */
export const MAX_LAB_REQUEST_BYTES = MAX_LAB_BUNDLE_BYTES + Math.ceil(MAX_LAB_PDF_BYTES / 3) * 4;

/** files.lab-documents.reserve (lab actor): a place for a PDF's bytes. */
export class ReserveLabDocumentDto {
  @IsInt()
  @Min(1)
  @Max(MAX_LAB_PDF_BYTES)
  size: number;
}

export interface ReservedLabDocument {
  documentId: string;
  objectKey: string;
}

/** files.lab-documents.assign (lab actor): the reserved, written document belongs to this patient. */
export class AssignLabDocumentDto {
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  documentId: string;

  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  patientId: string;
}

/** files.lab-documents.locate (patient actor): where the patient's own lab document is. */
export class LabDocumentIdDto {
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  documentId: string;
}

/** consultations.results.document: the PDF of a patient's own result, when there is one. */
export interface ResultDocument {
  documentId: string;
}
