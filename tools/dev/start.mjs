/**
 * `npm start`: checks PostgreSQL, NATS and Redis, builds, starts every service (and
 * N replicas where REPLICAS_<SERVICE>=N) and the gateway as child processes,
 * waits until GET /api/health answers 200, then prints where to go.
 * Ctrl-C stops everything. A process that dies is restarted with backoff
 * (1 s doubling to 30 s); one that keeps dying before it ever becomes healthy
 * (3 times in a row) stops the launcher with a message naming it.
 * Configuration: docs/running.md.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { natsAuthOptions, natsUserEnv } from '../lib/nats-users.mjs';
import { DEFAULT_DATABASE_URL, DEFAULT_NATS_URL, ensureDatabase, preflight, tcpCheck } from '../lib/preflight.mjs';
import { bold, dim, green, header, red, runStep, seconds } from '../lib/steps.mjs';
import { BusProbe, gatewayHealth, summarizeBody } from './health.mjs';
import { createLineFormatter } from './log-format.mjs';
import { Supervisor } from './supervisor.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVICES = ['identity', 'booking', 'files', 'prescriptions', 'consultations'];
const DEMO_ACCOUNTS = [
  ['staff', 'staff@demo.test', 'Staff#Demo2026'],
  ['doctor', 'doctor@demo.test', 'Doctor#Demo2026'],
  ['patient', 'patient@demo.test', 'Patient#Demo2026'],
  ['lab', 'lab@demo.test', 'Lab#Demo2026'],
];

const env = process.env;
const port = Number(env.PORT || 3000);
const busPrefix = env.BUS_PREFIX || 'pacjent';
const healthTimeoutMs = Number(env.START_TIMEOUT_S || 120) * 1000;
const graceMs = Number(env.STOP_GRACE_S || 10) * 1000;
const colorize = Boolean(process.stdout.isTTY) && !env.NO_COLOR;
const fail = (message) => {
  process.stderr.write(`${red(message)}\n`);
  process.exit(1);
};

/** `REPLICAS_BOOKING=2` → 2; 0 leaves a service out (to run it yourself, e.g. under a debugger). */
function replicasOf(service) {
  const raw = env[`REPLICAS_${service.toUpperCase()}`];
  if (raw === undefined || raw === '') return 1;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0 || count > 20) {
    fail(`✗ REPLICAS_${service.toUpperCase()}=${raw}: expected a whole number from 0 to 20`);
  }
  return count;
}

function planProcesses() {
  const plan = [];
  for (const service of SERVICES) {
    const count = replicasOf(service);
    for (let i = 1; i <= count; i++) {
      plan.push({ service, label: count > 1 ? `${service}#${i}` : service, instance: `${service}-${i}` });
    }
  }
  if (replicasOf('gateway') > 1) fail('✗ REPLICAS_GATEWAY: one gateway per port; run another with PORT=… yourself');
  if (replicasOf('gateway') === 1) plan.push({ service: 'gateway', label: 'gateway', instance: 'gateway-1' });
  return plan.map((p) => ({ ...p, script: join(ROOT, 'services', p.service, 'dist', 'main.js') }));
}

/** The local S3 server, when the files service or the gateway runs here and nobody named an S3 endpoint. */
function planS3(plan) {
  if (env.S3_ENDPOINT || !plan.some((p) => p.service === 'files' || p.service === 'gateway')) return null;
  try {
    createRequire(join(ROOT, 'package.json')).resolve('s3rver');
  } catch {
    return null;
  }
  const s3Port = Number(env.S3_PORT || 4568);
  return {
    port: s3Port,
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_BUCKET: env.S3_BUCKET || 'pacjent-files',
      S3_REGION: env.S3_REGION || 'us-east-1',
      S3_ACCESS_KEY_ID: env.S3_ACCESS_KEY_ID || 'S3RVER',
      S3_SECRET_ACCESS_KEY: env.S3_SECRET_ACCESS_KEY || 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
  };
}

/** The local mail catcher (tools/dev/mail-local.mjs) identity sends to, unless SMTP_URL names a real server. */
function planMail(plan) {
  if (env.SMTP_URL || !plan.some((p) => p.service === 'identity')) return null;
  const mailPort = Number(env.MAIL_CATCHER_PORT || 1025);
  return { port: mailPort, env: { SMTP_URL: `smtp://127.0.0.1:${mailPort}` } };
}

/** The mock bank (services/mock-bank), unless BANK_ISSUER names another bank. */
function planBank() {
  if (env.BANK_ISSUER) return null;
  const bankPort = Number(env.MOCK_BANK_PORT || 3100);
  const bankEnv = {
    BANK_ISSUER: `http://localhost:${bankPort}`,
    BANK_CLIENT_ID: env.BANK_CLIENT_ID || 'pacjent',
    BANK_CLIENT_SECRET: env.BANK_CLIENT_SECRET || 'pacjent-dev-only-bank-secret',
    BANK_REDIRECT_URI: env.BANK_REDIRECT_URI || `http://localhost:${port}/api/identity/verification/bank/callback`,
    PORTAL_URL: env.PORTAL_URL || `http://localhost:${port}`,
  };
  return { port: bankPort, env: bankEnv, script: join(ROOT, 'services/mock-bank/dist/main.js') };
}

async function build() {
  if (env.SKIP_BUILD === 'true') {
    process.stdout.write(dim('SKIP_BUILD=true: starting what is already built\n'));
    return 0;
  }
  const started = performance.now();
  const tsc = await runStep(
    'build services (tsc -b tsconfig.build.json)',
    join(ROOT, 'node_modules/.bin/tsc'),
    ['-b', 'tsconfig.build.json'],
    { cwd: ROOT },
  );
  if (tsc.code !== 0) fail('✗ The TypeScript build failed (errors above). Nothing was started.');
  const portal = await runStep(
    'build portal (npm run build -w @pacjent/portal)',
    'npm',
    ['run', 'build', '-w', '@pacjent/portal'],
    {
      cwd: ROOT,
    },
  );
  if (portal.code !== 0) fail('✗ The portal build failed (errors above). Nothing was started.');
  const staffConsole = await runStep('build staff console (npm run build:console)', 'npm', ['run', 'build:console'], {
    cwd: ROOT,
  });
  if (staffConsole.code !== 0) fail('✗ The console build failed (errors above). Nothing was started.');
  return performance.now() - started;
}

async function main() {
  const launchStarted = performance.now();
  const plan = planProcesses();
  const check = await preflight(env);
  if (!check.ok) fail(check.line);
  process.stdout.write(`${green('✓')} PostgreSQL and NATS (JetStream) answer\n`);
  if ((await tcpCheck('127.0.0.1', port, 1000)) === null) {
    fail(
      `✗ Port ${port} is already in use (another npm start?). Stop that process or choose another port: PORT=3001 npm start`,
    );
  }

  const buildMs = await build();
  const missing = plan.filter((p, i) => plan.findIndex((q) => q.service === p.service) === i && !existsSync(p.script));
  if (missing.length > 0) {
    fail(
      `✗ Missing: ${missing.map((p) => `${p.service} (services/${p.service}/dist/main.js)`).join(', ')} — ` +
        'the build did not produce it. Nothing was started.',
    );
  }
  await ensureDatabase(env.DATABASE_URL || DEFAULT_DATABASE_URL);

  const s3 = planS3(plan);
  const bank = planBank();
  const mail = planMail(plan);
  if (mail && (await tcpCheck('127.0.0.1', mail.port, 1000)) === null) {
    fail(
      `✗ Port ${mail.port} (the mail catcher) is already in use. Free it or choose another: MAIL_CATCHER_PORT=1026 npm start`,
    );
  }
  if (bank && (await tcpCheck('127.0.0.1', bank.port, 1000)) === null) {
    fail(
      `✗ Port ${bank.port} (the mock bank) is already in use. Free it or choose another: MOCK_BANK_PORT=3101 npm start`,
    );
  }
  const labels = [
    ...plan.map((p) => p.label),
    ...(s3 ? ['s3'] : []),
    ...(bank ? ['mock-bank'] : []),
    ...(mail ? ['mail'] : []),
  ];
  supervisor = new Supervisor({
    labelWidth: Math.max(...labels.map((l) => l.length)),
    formatLine: createLineFormatter({ format: env.LOG_FORMAT || 'pretty', colorize }),
    colorize,
    onGiveUp: (record, reason) => {
      void shutdown(1, red(`✗ ${reason}: it keeps dying before it becomes healthy (its log is above)`));
    },
  });
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(name, () => void shutdown(0, `${name} received`));

  header('start services');
  const childEnv = (extra) => ({ ...env, SEED_DEMO_DATA: env.SEED_DEMO_DATA ?? 'true', ...extra });
  if (s3) {
    supervisor.start({
      label: 's3',
      group: 's3',
      script: join(ROOT, 'tools/dev/s3-local.mjs'),
      cwd: ROOT,
      env: childEnv(s3.env),
    });
  }
  if (mail) {
    supervisor.start({
      label: 'mail',
      group: 'mail',
      script: join(ROOT, 'tools/dev/mail-local.mjs'),
      cwd: ROOT,
      env: childEnv({ MAIL_CATCHER_PORT: String(mail.port) }),
    });
  }
  if (bank) {
    supervisor.start({
      label: 'mock-bank',
      group: 'mock-bank',
      script: bank.script,
      cwd: ROOT,
      env: childEnv({ ...bank.env, MOCK_BANK_PORT: String(bank.port) }),
    });
  }
  const servicesStarted = performance.now();
  for (const p of plan) {
    const extra = {
      INSTANCE_ID: p.instance,
      // Identity is the bank's relying party: it must agree with the mock bank on issuer, client and callback.
      ...(p.service === 'identity' && bank ? bank.env : {}),
      // Password-reset e-mail goes to the local catcher (.data/mail/*.json).
      ...(p.service === 'identity' && mail ? mail.env : {}),
      // The gateway streams uploads to S3 and reads downloads from it; the files service deletes and expires.
      ...((p.service === 'files' || p.service === 'gateway') && s3 ? s3.env : {}),
      ...(p.service === 'gateway' ? { PORT: String(port) } : {}),
      // Its own NATS user where the server asks for one (NATS_<SERVICE>_PASSWORD set; docs/security.md).
      ...natsUserEnv(env, p.service),
    };
    supervisor.start({ label: p.label, group: p.service, script: p.script, cwd: ROOT, env: childEnv(extra) });
  }

  probe = await BusProbe.open(env.NATS_URL || DEFAULT_NATS_URL, natsAuthOptions(env, 'gateway'));
  const waiting = new Set(plan.filter((p) => p.service !== 'gateway').map((p) => p.service));
  let last = { status: 0, body: 'not asked yet' };
  let polls = 0;
  while (!shuttingDown) {
    for (const service of [...waiting]) {
      if (await probe.answers(busPrefix, service)) {
        waiting.delete(service);
        process.stdout.write(
          `${green('✓')} ${service} answers on the bus (${seconds(performance.now() - servicesStarted)})\n`,
        );
      }
    }
    if (plan.some((p) => p.service === 'gateway')) {
      // Every 503 is a logged error in the gateway: ask it often only once the services answer.
      if (waiting.size === 0 || ++polls % 10 === 0) {
        last = await gatewayHealth(port);
        if (last.status === 200) break;
      }
    } else if (waiting.size === 0) {
      break;
    }
    if (performance.now() - servicesStarted > healthTimeoutMs) {
      const silent = [...waiting];
      const gateway =
        last.status === 0
          ? `gateway not answering on :${port} (${last.body})`
          : `gateway /api/health says ${last.status}: ${summarizeBody(last.body)}`;
      return shutdown(
        1,
        red(
          `✗ Not healthy after ${seconds(healthTimeoutMs)}: ${silent.length > 0 ? `no answer from ${silent.join(', ')}; ` : ''}${gateway}`,
        ),
      );
    }
    await sleep(500);
  }
  if (shuttingDown) return shuttingDown;
  // Healthy now: from here a process that dies is restarted with a fresh backoff.
  for (const record of supervisor.children) supervisor.markHealthy(record);

  const readyMs = performance.now() - servicesStarted;
  const url = `http://localhost:${port}`;
  const replicas = plan.filter((p) => p.label.includes('#')).map((p) => p.label);
  const lines = [
    '',
    bold(`  Pacjent is running: ${url}`),
    `  healthy ${seconds(readyMs)} after start${buildMs ? `, build ${seconds(buildMs)}` : ''}, ${seconds(performance.now() - launchStarted)} in all`,
    `  API docs: ${url}/api/docs   health: ${url}/api/health   staff console: ${url}/console/`,
    ...(bank ? [`  mock bank (sandbox): http://localhost:${bank.port} — any valid PESEL, password demo`] : []),
    ...(mail ? [`  e-mail (password reset links) is caught, not sent: .data/mail/*.json`] : []),
    ...(replicas.length > 0 ? [`  replicas: ${replicas.join(', ')}`] : []),
    '  demo accounts:',
    ...DEMO_ACCOUNTS.map(([role, email, password]) => `    ${role.padEnd(7)} ${email} / ${password}`),
    dim('  Ctrl-C stops everything.'),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return undefined;
}

let supervisor = null;
let probe = null;
let shuttingDown = null;
let exitCode = 0;

/** Stops every child (once), then exits with `code`. */
function shutdown(code, reason) {
  if (shuttingDown) return shuttingDown;
  exitCode = code;
  process.stdout.write(`\n${reason} — stopping ${supervisor?.running().length ?? 0} process(es)…\n`);
  shuttingDown = (supervisor ? supervisor.stopAll(graceMs) : Promise.resolve()).then(async () => {
    await probe?.close();
    process.stdout.write(exitCode === 0 ? `${green('✓')} stopped\n` : `${red('✗')} stopped (exit ${exitCode})\n`);
    process.exit(exitCode);
  });
  return shuttingDown;
}

const crash = (error) => shutdown(1, red(`✗ npm start failed: ${error?.stack ?? error}`));
// The children run in their own process groups: never leave them behind on a launcher bug.
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
main().catch(crash);
