/**
 * `npm test [-- <jest arguments>]`: everything CI checks, in order, stopping at
 * the first failure — PostgreSQL and NATS reachable, Chromium present, lint,
 * TypeScript build, typecheck of the tests, portal build (browser tests load
 * it), then Jest once for every project. Ends with one plain line:
 * `tests: N passed, N failed[, N skipped]`.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { preflight } from '../lib/preflight.mjs';
import { bold, header, red, runStep, seconds } from '../lib/steps.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROME_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const started = performance.now();
// CI must end: Jest gets this long (TEST_TIMEOUT_MIN, default 50 minutes), then it is stopped. The suite
// runs its files one after another: ~12-18 minutes on a quiet 2-core machine with 163 files (session 10);
// CI's whole run is limited to 90 minutes, with ~5 for installing.
const jestTimeoutMs = Number(process.env.TEST_TIMEOUT_MIN || 50) * 60_000;

const env = { ...process.env, NX_DAEMON: 'false', SCARF_ANALYTICS: 'false' };
const stop = (message) => {
  process.stderr.write(`${red(message)}\n`);
  process.exit(1);
};

function findChrome() {
  if (env.CHROME_PATH) return existsSync(env.CHROME_PATH) ? env.CHROME_PATH : null;
  return CHROME_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** Installs Debian's Chromium when we may (root on Debian with apt-get); else says how. */
async function ensureChrome() {
  const found = findChrome();
  if (found) return found;
  if (env.CHROME_PATH) stop(`✗ CHROME_PATH=${env.CHROME_PATH} does not exist.`);
  const canInstall = process.getuid?.() === 0 && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    stop(
      '✗ Chromium not found (browser tests need it). Install it (Debian: sudo apt-get install -y chromium) or set CHROME_PATH.',
    );
  }
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = await runStep('install Chromium: apt-get update', 'apt-get', ['update'], { env: aptEnv });
  const install =
    update.code === 0
      ? await runStep('install Chromium: apt-get install -y chromium', 'apt-get', ['install', '-y', 'chromium'], {
          env: aptEnv,
        })
      : update;
  const installed = findChrome();
  if (install.code !== 0 || !installed)
    stop('✗ Installing Chromium failed (see above). Set CHROME_PATH to a Chromium or Chrome binary.');
  return installed;
}

async function step(title, command, args) {
  const result = await runStep(title, command, args, { cwd: ROOT, env });
  if (result.code !== 0)
    stop(`✗ ${title} failed — stopped here (${seconds(performance.now() - started)} in all); no tests ran.`);
}

/** Counts from Jest's --json report, or null when there is none. */
function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function main() {
  header('preflight: PostgreSQL and NATS');
  const check = await preflight(env);
  if (!check.ok) stop(check.line);
  process.stdout.write('  ✓ PostgreSQL and NATS (JetStream) answer\n');

  header('Chromium');
  env.CHROME_PATH = await ensureChrome();
  process.stdout.write(`  ✓ CHROME_PATH=${env.CHROME_PATH}\n`);

  await step('lint (npm run lint)', 'npm', ['run', 'lint']);
  await step('typecheck and build (tsc -b tsconfig.build.json)', join(ROOT, 'node_modules/.bin/tsc'), [
    '-b',
    'tsconfig.build.json',
  ]);
  // The build leaves out tests; this checks them (and tools/, test/) too, without emitting.
  await step('typecheck tests (tsc -p tsconfig.json)', join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json']);
  await step('portal build (npm run build -w @pacjent/portal)', 'npm', ['run', 'build', '-w', '@pacjent/portal']);
  await step('console build (npm run build:console)', 'npm', ['run', 'build:console']);

  const reportFile = join(tmpdir(), `pacjent-jest-${process.pid}.json`);
  rmSync(reportFile, { force: true });
  const jest = await runStep(
    'tests (jest --ci, all projects)',
    join(ROOT, 'node_modules/.bin/jest'),
    // --forceExit: a test that leaves a handle open (a server, a connection) must not hang CI once results are in.
    ['--ci', '--forceExit', '--json', `--outputFile=${reportFile}`, ...process.argv.slice(2)],
    // Each e2e file starts the whole portal and its modules are not all freed after it: run in one process
    // (`-i`) V8's default 4 GB heap ran out near the end of the suite. Jest's worker is replaced past 1.5 GB
    // (jest.config.js), so this is the margin for a run in band. The machines have 24 GB.
    {
      cwd: ROOT,
      env: { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim() },
      timeoutMs: jestTimeoutMs,
    },
  );
  const report = readReport(reportFile);
  rmSync(reportFile, { force: true });

  process.stdout.write(`\n${bold(`done in ${seconds(performance.now() - started)}`)}\n`);
  if (jest.timedOut)
    process.stdout.write(`${red('✗')} Jest was stopped after ${seconds(jestTimeoutMs)} (TEST_TIMEOUT_MIN)\n`);
  if (!report) stop(`✗ Jest exited with ${jest.code} and wrote no report.`);
  const passed = report.numPassedTests ?? 0;
  const failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.numRuntimeErrorTestSuites > 0) {
    process.stdout.write(`${red('✗')} ${report.numRuntimeErrorTestSuites} test file(s) could not run (see above)\n`);
  }
  if (report.numTotalTests === 0) process.stdout.write(`${red('✗')} no test ran\n`);
  process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  const ok =
    !jest.timedOut &&
    jest.code === 0 &&
    failed === 0 &&
    (report.numFailedTestSuites ?? 0) === 0 &&
    report.numTotalTests > 0 &&
    report.success !== false;
  process.exit(ok ? 0 : 1);
}

main().catch((error) => stop(`✗ npm test failed: ${error.stack ?? error}`));
