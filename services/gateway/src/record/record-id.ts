import { DomainError, ErrorCode } from '@pacjent/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id cannot name anybody's visit, referral or question: answer as for a missing one. */
export function recordId(id: string): string {
  if (!UUID.test(id)) throw new DomainError(ErrorCode.NOT_FOUND, 'Not found.');
  return id;
}
