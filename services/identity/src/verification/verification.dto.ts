import type {
  AccessHistoryEntryView,
  ConfirmedIdentityView,
  VerificationEventView,
  VerificationFailure,
  VerificationMethod,
} from '@pacjent/contracts';
import type { AccessLogRow } from './access-log.repository';
import type { ConfirmedIdentityRow, EventRow } from './verification.repository';

export function toEventView(row: EventRow): VerificationEventView {
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    method: row.method,
    outcome: row.outcome,
    code: row.code as VerificationFailure | null,
    reason: row.reason,
    staff: row.staffId ? { id: row.staffId, name: row.staffName ?? '' } : null,
    documentType: row.documentType,
    documentNumberLast4: row.documentLast4,
  };
}

export function eventToHistory(row: EventRow): AccessHistoryEntryView {
  return {
    at: row.createdAt.toISOString(),
    action: row.outcome === 'confirmed' ? 'identity.confirmed' : 'identity.refused',
    actor: row.staffId ? { kind: 'staff', name: row.staffName ?? '' } : { kind: 'bank', name: 'Bank' },
    method: row.method,
    outcome: row.outcome === 'confirmed' ? 'confirmed' : (row.code ?? 'refused'),
  };
}

export function viewToHistory(row: AccessLogRow): AccessHistoryEntryView {
  return {
    at: row.createdAt.toISOString(),
    action: row.action === 'record.view' ? 'record.viewed' : 'patient.viewed',
    actor: { kind: row.details?.role === 'doctor' ? 'doctor' : 'staff', name: row.actorName ?? '' },
    method: null,
    outcome: row.outcome,
  };
}

export function verificationOf(account: {
  verifiedAt: Date | null;
  verificationMethod: string | null;
}): { method: VerificationMethod; verifiedAt: string } | null {
  return account.verifiedAt && account.verificationMethod
    ? { method: account.verificationMethod as VerificationMethod, verifiedAt: account.verifiedAt.toISOString() }
    : null;
}

export function toConfirmedIdentityView(row: ConfirmedIdentityRow): ConfirmedIdentityView {
  return {
    firstName: row.firstName,
    lastName: row.lastName,
    birthDate: row.birthDate,
    registeredName:
      row.registeredFirstName && row.registeredLastName
        ? { firstName: row.registeredFirstName, lastName: row.registeredLastName }
        : null,
  };
}
