/**
 * `npm run nats:config`: writes deploy/nats/nats-server.conf (NATS users and
 * their permissions) from libs/platform/src/bus-permissions.ts, for the bus
 * prefix BUS_PREFIX (default pacjent). Builds the libraries first.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const built = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'libs/platform/tsconfig.json'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);

const { deploymentNatsConfig } = createRequire(import.meta.url)(join(ROOT, 'libs/platform/dist/bus-permissions.js'));
const target = join(ROOT, 'deploy/nats/nats-server.conf');
writeFileSync(target, deploymentNatsConfig(process.env.BUS_PREFIX || 'pacjent'));
process.stdout.write(`wrote ${target}\n`);
