import { startMockBank } from './mock-bank';

/**
 * `node dist/main.js`: the mock bank for development. Its one client is the
 * identity service (BANK_CLIENT_ID / BANK_CLIENT_SECRET / BANK_REDIRECT_URI,
 * the same variables and defaults identity reads).
 */
const env = process.env;
const port = Number(env.MOCK_BANK_PORT ?? 3100);

startMockBank({
  port,
  host: env.MOCK_BANK_HOST ?? 'localhost',
  issuer: env.BANK_ISSUER ?? `http://localhost:${port}`,
  clients: [
    {
      clientId: env.BANK_CLIENT_ID ?? 'pacjent',
      clientSecret: env.BANK_CLIENT_SECRET ?? 'pacjent-dev-only-bank-secret',
      redirectUris: [env.BANK_REDIRECT_URI ?? 'http://localhost:3000/api/identity/verification/bank/callback'],
      name: 'Pacjent',
    },
  ],
  testControls: env.MOCK_BANK_TEST_CONTROLS === 'true',
})
  .then((bank) => {
    process.stdout.write(`mock bank listening on port ${bank.port}, issuer ${bank.issuer}\n`);
    const stop = () => void bank.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })
  .catch((error: unknown) => {
    process.stderr.write(`mock bank failed to start: ${String(error)}\n`);
    process.exit(1);
  });
