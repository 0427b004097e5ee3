/**
 * PostgreSQL's exclusion_violation (23P01): an EXCLUDE constraint refused
 * the row (two visits of a patient, or two templates of a doctor, overlap).
 * TypeORM wraps the driver's error, so both places are checked.
 */
export function isExclusionViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  return candidate.code === '23P01' || candidate.driverError?.code === '23P01';
}
