import { DomainError, ErrorCode } from '@pacjent/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id cannot name anybody's prescription or request: answer as for a missing one. */
export function pathId(id: string, what: string): string {
  if (!UUID.test(id)) throw new DomainError(ErrorCode.NOT_FOUND, `No such ${what}.`);
  return id;
}
