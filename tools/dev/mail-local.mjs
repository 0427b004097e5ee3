/**
 * The development mail catcher, started by tools/dev/start.mjs when SMTP_URL
 * is not set: identity sends to it, nothing leaves the machine, and each
 * message lands in .data/mail as JSON (git-ignored) — the reset links are there.
 */
import process from 'node:process';
import { startMailCatcher } from './mail-catcher.mjs';

const directory = process.env.MAIL_CATCHER_DIRECTORY ?? '.data/mail';
const catcher = await startMailCatcher({ port: Number(process.env.MAIL_CATCHER_PORT ?? 1025), directory });
process.stdout.write(`Mail catcher (SMTP) listening on ${catcher.url}; caught mail in ${directory}/*.json\n`);

for (const name of ['SIGTERM', 'SIGINT']) {
  process.once(name, () => {
    catcher.close().finally(() => process.exit(0));
  });
}
