/**
 * `npm run migrate [-- <service>…]`: brings every service's schema up to date
 * without starting the services (they also migrate on start; this is for
 * deploys and for looking at a fresh schema). Builds first unless SKIP_BUILD=true.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATABASE_URL, preflight } from '../lib/preflight.mjs';
import { dim, green, red, runStep, seconds } from '../lib/steps.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVICES = ['identity', 'booking', 'files', 'prescriptions', 'consultations'];
const require = createRequire(join(ROOT, 'package.json'));

const fail = (message) => {
  process.stderr.write(`${red(message)}\n`);
  process.exit(1);
};

const isServiceDatabase = (value) =>
  value !== null && typeof value === 'object' && typeof value.schema === 'string' && 'migrations' in value;

/**
 * A service's `ServiceDatabase`: the `*Database` export of its built
 * dist/database.js, else the `database` of the `*Definition` export of dist/app.js.
 */
function loadServiceDatabase(service) {
  const dist = join(ROOT, 'services', service, 'dist');
  const databaseModule = join(dist, 'database.js');
  if (existsSync(databaseModule)) {
    const found = Object.entries(require(databaseModule)).find(
      ([name, value]) => name.endsWith('Database') && isServiceDatabase(value),
    );
    if (found) return found[1];
  }
  const appModule = join(dist, 'app.js');
  if (existsSync(appModule)) {
    const found = Object.entries(require(appModule)).find(
      ([name, value]) => name.endsWith('Definition') && isServiceDatabase(value?.database),
    );
    if (found) return found[1].database;
  }
  return null;
}

async function main() {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((s) => !SERVICES.includes(s));
  if (unknown.length > 0) fail(`✗ Unknown service(s): ${unknown.join(', ')}. Known: ${SERVICES.join(', ')}`);
  const services = asked.length > 0 ? asked : SERVICES;

  const check = await preflight(process.env, { nats: false, redis: false });
  if (!check.ok) fail(check.line);

  if (process.env.SKIP_BUILD !== 'true') {
    const build = await runStep(
      'build (tsc -b tsconfig.build.json)',
      join(ROOT, 'node_modules/.bin/tsc'),
      ['-b', 'tsconfig.build.json'],
      {
        cwd: ROOT,
      },
    );
    if (build.code !== 0) fail('✗ The build failed (errors above); nothing was migrated.');
  }

  require('reflect-metadata');
  const { migrateDatabase } = require('@pacjent/platform');
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const target = new URL(url);
  process.stdout.write(`\nmigrating ${target.host}${target.pathname}\n`);
  let failures = 0;
  for (const service of services) {
    const started = performance.now();
    let database;
    try {
      database = loadServiceDatabase(service);
    } catch (error) {
      failures++;
      process.stdout.write(`${red('✗')} ${service}: cannot load its build: ${error.message}\n`);
      continue;
    }
    if (!database) {
      failures++;
      process.stdout.write(
        `${red('✗')} ${service}: no services/${service}/dist/database.js with a *Database export (not built?)\n`,
      );
      continue;
    }
    try {
      const applied = await migrateDatabase(url, database);
      const what = applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`;
      process.stdout.write(
        `${green('✓')} ${service} (schema ${database.schema}): ${what} ${dim(`(${seconds(performance.now() - started)})`)}\n`,
      );
    } catch (error) {
      failures++;
      process.stdout.write(`${red('✗')} ${service} (schema ${database.schema}): ${error.message}\n`);
    }
  }
  if (failures > 0) fail(`✗ ${failures} service(s) not migrated`);
}

main().catch((error) => fail(`✗ npm run migrate failed: ${error.stack ?? error}`));
