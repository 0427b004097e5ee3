import { Injectable } from '@nestjs/common';
import {
  AccountLevel,
  DomainError,
  ErrorCode,
  peselBirthDate,
  Role,
  VerificationFailure,
  type Actor,
  type ContactRequestCreated,
  type ContactRequestDto,
  type ContactRequestStatus,
  type ContactRequestView,
  type PatientDetailView,
  type PatientSummaryView,
  type ResolveContactRequestBusDto,
  type StaffChannel,
  type StaffConfirmationDto,
} from '@pacjent/contracts';
import { Clock, validationFailed } from '@pacjent/platform';
import { AccessLogRepository } from '../verification/access-log.repository';
import { toEventView, verificationOf } from '../verification/verification.dto';
import { VerificationRepository } from '../verification/verification.repository';
import { isAdultOn, warsawDate } from '../verification/verification-rules';
import { StaffRepository, type ContactRequestRow, type PatientRow } from './staff.repository';

interface StaffConfirmation {
  channel: StaffChannel;
  documentType: string;
  documentNumberLast4: string;
  note?: string;
}

const FAILURE_CODES: readonly string[] = Object.values(VerificationFailure);

function toSummary(row: PatientRow): PatientSummaryView {
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    pesel: row.pesel,
    level: row.level,
    verification: verificationOf(row),
    registeredName:
      row.registeredFirstName && row.registeredLastName
        ? { firstName: row.registeredFirstName, lastName: row.registeredLastName }
        : null,
  };
}

function toRequestView(row: ContactRequestRow): ContactRequestView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    pesel: row.pesel,
    message: row.message,
    status: row.status,
    reason: row.reason,
    patientId: row.patientId,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

/** The staff console's work: find patients, confirm identities, work the contact-form queue. All audited. */
@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly verifications: VerificationRepository,
    private readonly accessLog: AccessLogRepository,
    private readonly clock: Clock,
  ) {}

  async search(actor: Actor | null, query: string): Promise<PatientSummaryView[]> {
    const staff = this.requireStaff(actor);
    const rows = await this.staff.searchPatients(query);
    await this.audit(staff, null, 'patient.search', 'ok', { results: rows.length });
    return rows.map(toSummary);
  }

  async patient(actor: Actor | null, id: string): Promise<PatientDetailView> {
    const staff = this.requireStaff(actor);
    const row = await this.findPatient(id);
    const [events, birthDate] = await Promise.all([
      this.verifications.events(row.id),
      this.verifications.verifiedBirthDate(row.id),
    ]);
    await this.audit(staff, row.id, 'patient.view', 'ok');
    return {
      ...toSummary(row),
      phone: row.phone,
      birthDate: birthDate ?? (row.pesel ? peselBirthDate(row.pesel) : null),
      history: events.map(toEventView),
    };
  }

  async confirm(actor: Actor | null, input: StaffConfirmationDto): Promise<PatientDetailView> {
    const staff = this.requireStaff(actor);
    const patient = await this.findPatient(input.patientId);
    await this.confirmPatient(staff, patient, input);
    return this.patient(actor, patient.id);
  }

  async createContactRequest(input: ContactRequestDto): Promise<ContactRequestCreated> {
    return { id: await this.staff.createContactRequest(input, this.clock.now()) };
  }

  async listContactRequests(actor: Actor | null, status: ContactRequestStatus = 'open'): Promise<ContactRequestView[]> {
    this.requireStaff(actor);
    return (await this.staff.listContactRequests(status)).map(toRequestView);
  }

  async resolveContactRequest(actor: Actor | null, input: ResolveContactRequestBusDto): Promise<ContactRequestView> {
    const staff = this.requireStaff(actor);
    const request = await this.staff.findContactRequest(input.id);
    if (!request) throw new DomainError(ErrorCode.NOT_FOUND, 'No such contact request.');
    if (request.status !== 'open') {
      throw new DomainError(ErrorCode.CONTACT_REQUEST_RESOLVED, 'This request has already been resolved.');
    }
    let reason: string | null = null;
    switch (input.outcome) {
      case 'confirmed': {
        if (!input.documentType || !input.documentNumberLast4) {
          throw validationFailed([
            { field: 'documentType', messages: ['documentType and documentNumberLast4 are required to confirm'] },
          ]);
        }
        const patientId = input.patientId ?? request.patientId;
        if (!patientId) throw new DomainError(ErrorCode.NOT_FOUND, 'No account uses the email of this request.');
        const patient = await this.findPatient(patientId);
        await this.confirmPatient(staff, patient, {
          channel: 'contact_form',
          documentType: input.documentType,
          documentNumberLast4: input.documentNumberLast4,
          note: `contact request ${request.id}`,
        });
        break;
      }
      case 'rejected':
        if (!input.reason) throw validationFailed([{ field: 'reason', messages: ['reason is required to reject'] }]);
        reason = input.reason.trim();
        break;
      case 'unreachable':
        reason = input.reason?.trim() ?? null;
        break;
    }
    const closed = await this.staff.resolveContactRequest(
      request.id,
      input.outcome,
      reason,
      staff.id,
      this.clock.now(),
    );
    if (!closed) throw new DomainError(ErrorCode.CONTACT_REQUEST_RESOLVED, 'This request has already been resolved.');
    if (input.outcome !== 'confirmed' && request.patientId) {
      // The patient sees staff's decision and reason on their verification page, not only the queue.
      await this.verifications.recordRefusal({
        accountId: request.patientId,
        method: 'contact_form',
        outcome: 'refused',
        code: input.outcome === 'rejected' ? VerificationFailure.REJECTED : VerificationFailure.UNREACHABLE,
        reason,
        staffId: staff.id,
        documentType: null,
        documentLast4: null,
        note: `contact request ${request.id}`,
        at: this.clock.now(),
      });
    }
    await this.audit(staff, request.patientId, 'contact_request.resolve', input.outcome, { requestId: request.id });
    return toRequestView((await this.staff.findContactRequest(request.id))!);
  }

  /**
   * The rules of a staff confirmation: minors (or anyone whose age the PESEL
   * does not tell) only at a facility; one person, one account. A refusal is
   * recorded and audited like a confirmation, then answered as an error.
   */
  private async confirmPatient(staff: Actor, patient: PatientRow, input: StaffConfirmationDto | StaffConfirmation) {
    const now = this.clock.now();
    const event = {
      accountId: patient.id,
      method: input.channel,
      staffId: staff.id,
      documentType: input.documentType.trim(),
      documentLast4: input.documentNumberLast4.toUpperCase(),
      note: input.note?.trim() || null,
      at: now,
    };
    try {
      if (patient.level === AccountLevel.FULL) {
        throw new DomainError(ErrorCode.ALREADY_VERIFIED, 'This account is already confirmed.');
      }
      const birthDate = patient.pesel ? peselBirthDate(patient.pesel) : null;
      const adult = birthDate !== null && isAdultOn(birthDate, warsawDate(now));
      if (!adult && input.channel !== 'facility') {
        throw new DomainError(
          ErrorCode.FACILITY_REQUIRED,
          birthDate ? 'A minor can be confirmed only at a facility.' : 'Without a PESEL, confirm only at a facility.',
        );
      }
      await this.verifications.confirm({
        accountId: patient.id,
        method: input.channel,
        pesel: patient.pesel,
        firstName: patient.firstName,
        lastName: patient.lastName,
        birthDate,
        event: { ...event, outcome: 'confirmed', code: null, reason: null },
      });
      await this.audit(staff, patient.id, 'identity.confirm', 'confirmed', { channel: input.channel });
    } catch (error) {
      if (error instanceof DomainError) {
        const code = FAILURE_CODES.includes(error.code) ? error.code : null;
        if (error.code !== ErrorCode.ALREADY_VERIFIED) {
          await this.verifications.recordRefusal({ ...event, outcome: 'refused', code, reason: error.message });
        }
        await this.audit(staff, patient.id, 'identity.confirm', `refused:${error.code}`, { channel: input.channel });
      }
      throw error;
    }
  }

  private async findPatient(id: string): Promise<PatientRow> {
    const row = await this.staff.findPatient(id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'No such patient.');
    return row;
  }

  private requireStaff(actor: Actor | null): Actor {
    if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    if (!actor.roles.includes(Role.STAFF)) throw new DomainError(ErrorCode.FORBIDDEN, 'Staff only.');
    return actor;
  }

  private audit(
    staff: Actor,
    patientId: string | null,
    action: string,
    outcome: string,
    details?: Record<string, unknown>,
  ) {
    return this.accessLog.record({ actorId: staff.id, patientId, action, outcome, details, at: this.clock.now() });
  }
}
