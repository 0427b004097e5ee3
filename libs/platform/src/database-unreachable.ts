/** Socket errors of a connection to PostgreSQL that is refused, reset or times out. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
/**
 * PostgreSQL's own answers while it stops or starts: class 08 (connection
 * exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now.
 */
const SERVER_CODES = /^(08\d{3}|57P0[123])$/;
/** node-postgres says these without a code: the server closed the connection, or the pool waited too long. */
const DRIVER_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * Whether a handler failed because PostgreSQL could not be reached (it is
 * restarting, or the network to it is down) rather than because of the
 * request: such a failure is retriable and answered as SERVICE_UNAVAILABLE.
 * TypeORM wraps the driver's error, so both are looked at.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const candidates = [error, (error as { driverError?: unknown } | null)?.driverError];
  return candidates.some((candidate) => {
    if (!candidate || typeof candidate !== 'object') return false;
    const { code, message } = candidate as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_CODES.test(code))) return true;
    return typeof message === 'string' && DRIVER_MESSAGES.test(message);
  });
}
