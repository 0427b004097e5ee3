/** Running the steps of `npm start` and `npm test`: a header per step, its output as is, its time. */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';

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
 * Runs `command args` with inherited output. Resolves to `{ code, ms, timedOut }`; never rejects
 * (a command that cannot be spawned resolves with code 127). With `timeoutMs`, a command still
 * running then gets SIGTERM, and SIGKILL 5 s later.
 */
export function runStep(title, command, args, { timeoutMs, ...options } = {}) {
  header(title);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    let timedOut = false;
    const watchdog =
      timeoutMs &&
      setTimeout(() => {
        timedOut = true;
        process.stderr.write(`${red('✗')} ${title} still running after ${seconds(timeoutMs)}: stopping it\n`);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }, timeoutMs);
    child.once('error', (error) => {
      process.stderr.write(`${red('✗')} cannot run ${command}: ${error.message}\n`);
      resolve({ code: 127, ms: performance.now() - started, timedOut });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(watchdog);
      const ms = performance.now() - started;
      const status = code ?? (signal ? 128 : 1);
      process.stdout.write(
        status === 0
          ? dim(`  ✓ ${title} (${seconds(ms)})\n`)
          : `${red('✗')} ${title} failed (exit ${code ?? signal})\n`,
      );
      resolve({ code: status, ms, timedOut });
    });
  });
}
