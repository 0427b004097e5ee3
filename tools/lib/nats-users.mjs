/**
 * NATS users for the processes the dev tools start, when the NATS server asks
 * for them (deploy/nats/nats-server.conf, e.g. Compose's NATS): with
 * NATS_<PROCESS>_PASSWORD set (NATS_GATEWAY_PASSWORD, NATS_BOOKING_PASSWORD, …),
 * that process connects as user <process>. Unset: no authentication (the
 * development NATS on 127.0.0.1).
 */
export function natsUserEnv(env, processName) {
  const password = env[`NATS_${processName.toUpperCase()}_PASSWORD`];
  return password ? { NATS_USER: processName, NATS_PASSWORD: password } : {};
}

/** The same as connection options of the `nats` client: `{ user, pass }` or nothing. */
export function natsAuthOptions(env, processName) {
  const { NATS_USER: user, NATS_PASSWORD: pass } = natsUserEnv(env, processName);
  return user ? { user, pass } : {};
}
