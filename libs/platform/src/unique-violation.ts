/**
 * Whether PostgreSQL refused a row with unique_violation (23505) on the named
 * constraint or index. TypeORM wraps the driver's error, so both places are checked.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const candidate = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const driver = candidate.driverError ?? candidate;
  return driver.code === '23505' && driver.constraint === constraint;
}
