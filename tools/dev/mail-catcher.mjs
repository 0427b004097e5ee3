/**
 * A local SMTP server that delivers nothing: it catches the portal's e-mail
 * (password-reset links) so a developer or a test can read it. Built on
 * smtp-server (the SMTP side) and mailparser (the message); every caught
 * message is kept in memory and, given a directory, written there as one
 * JSON file (`<time>-<n>.json`: from, to, subject, text, date).
 *
 * `npm start` runs it (tools/dev/mail-local.mjs) on 127.0.0.1:1025 with the mail
 * in .data/mail; tests start their own with startMailCatcher({ port: 0 }).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** The largest message accepted: reset e-mails are ~1 KB. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export async function startMailCatcher({ port = 1025, host = '127.0.0.1', directory } = {}) {
  const messages = [];
  const waiters = new Set();
  if (directory) mkdirSync(directory, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const message = {
            from: parsed.from?.text ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            date: new Date().toISOString(),
          };
          messages.push(message);
          if (directory) {
            const name = `${message.date.replace(/[:.]/g, '-')}-${messages.length}.json`;
            writeFileSync(join(directory, name), `${JSON.stringify(message, null, 2)}\n`);
          }
          for (const waiter of waiters) waiter();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: boundPort,
    url: `smtp://${host}:${boundPort}`,
    messages,
    /** The first caught message to `to` that `match` accepts, waiting for it up to `timeoutMs`. */
    waitFor(to, match = () => true, timeoutMs = 10_000) {
      const find = () => messages.find((m) => m.to.includes(to) && match(m));
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = () => {
          const message = find();
          if (!message) return;
          cleanup();
          resolve(message);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no e-mail to ${to} within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
