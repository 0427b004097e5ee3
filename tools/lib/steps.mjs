/** Running the steps of `npm start` and `npm test`: a header per step, its output as is, its time. */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
export const paint = (code, text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
export const bold = (text) => paint('1', text);
export const red = (text) => paint('31', text);
export const green = (text) => paint('32', text);
export const dim = (text) => paint('2', text);

export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

export function header(title) {
  process.stdout.write(`\n${bold(`▶ ${title}`)}\n`);
}

/**
 * Runs `command args` with inherited output. Resolves to `{ code, ms }`; never rejects
 * (a command that cannot be spawned resolves with code 127).
 */
export function runStep(title, command, args, options = {}) {
  header(title);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.once('error', (error) => {
      process.stderr.write(`${red('✗')} cannot run ${command}: ${error.message}\n`);
      resolve({ code: 127, ms: performance.now() - started });
    });
    child.once('exit', (code, signal) => {
      const ms = performance.now() - started;
      const status = code ?? (signal ? 128 : 1);
      process.stdout.write(
        status === 0
          ? dim(`  ✓ ${title} (${seconds(ms)})\n`)
          : `${red('✗')} ${title} failed (exit ${code ?? signal})\n`,
      );
      resolve({ code: status, ms });
    });
  });
}
