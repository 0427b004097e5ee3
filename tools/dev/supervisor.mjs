/**
 * Runs the launcher's child processes: each line of their output prefixed with
 * the process name, a restart (with backoff) of any that exits on its own,
 * and an orderly stop (SIGTERM, a grace period, then SIGKILL).
 *
 * Restart policy: a process that dies is started again after 1 s, then 2 s,
 * 4 s … at most 30 s; the delay returns to 1 s once it has been healthy (the
 * launcher said so, or it stayed up `stableMs`). A process that dies
 * `maxStartupFailures` times in a row without ever becoming healthy is broken,
 * not unlucky: the supervisor gives up on it (`onGiveUp`).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const PALETTE = ['36', '35', '33', '34', '32', '96', '95', '93'];

export class Supervisor {
  /**
   * @param {object} options
   * @param {number} options.labelWidth width the labels are padded to
   * @param {(line: string) => string[]} options.formatLine renders one output line
   * @param {boolean} options.colorize colour the labels
   * @param {(record: object, reason: string) => void} options.onGiveUp called when a process keeps dying at start-up
   * @param {object} [options.restart] `{ initialDelayMs = 1000, maxDelayMs = 30000, maxStartupFailures = 3, stableMs = 30000 }`
   */
  constructor({ labelWidth, formatLine, colorize, onGiveUp, restart = {} }) {
    this.labelWidth = labelWidth;
    this.formatLine = formatLine;
    this.colorize = colorize;
    this.onGiveUp = onGiveUp;
    this.policy = { initialDelayMs: 1000, maxDelayMs: 30_000, maxStartupFailures: 3, stableMs: 30_000, ...restart };
    this.children = [];
    this.stopping = false;
    this.colors = new Map();
  }

  prefix(label, group) {
    if (!this.colors.has(group)) this.colors.set(group, PALETTE[this.colors.size % PALETTE.length]);
    const padded = label.padEnd(this.labelWidth);
    return this.colorize ? `\u001b[${this.colors.get(group)}m${padded} │\u001b[0m ` : `${padded} │ `;
  }

  print(label, group, line, stream = process.stdout) {
    const prefix = this.prefix(label, group);
    for (const rendered of this.formatLine(line)) stream.write(`${prefix}${rendered}\n`);
  }

  /** Starts `node script` as its own process group, so a terminal's Ctrl-C reaches only the launcher. */
  start({ label, group, script, env, cwd }) {
    const record = {
      label,
      group,
      script,
      env,
      cwd,
      child: null,
      exited: false,
      code: null,
      signal: null,
      restarts: 0,
      healthy: false,
      startupFailures: 0,
      delayMs: this.policy.initialDelayMs,
      gaveUp: false,
      timer: null,
    };
    this.children.push(record);
    this.spawn(record);
    return record;
  }

  spawn(record) {
    const { label, group } = record;
    const child = spawn(process.execPath, [record.script], {
      cwd: record.cwd,
      env: record.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    Object.assign(record, { child, exited: false, code: null, signal: null, healthy: false, timer: null });
    createInterface({ input: child.stdout }).on('line', (line) => this.print(label, group, line));
    createInterface({ input: child.stderr }).on('line', (line) => this.print(label, group, line, process.stderr));
    child.once('error', (error) => this.print(label, group, `cannot start: ${error.message}`, process.stderr));
    // A broken pipe from a dying child must not end the launcher.
    for (const stream of [child.stdout, child.stderr]) stream?.on('error', () => undefined);
    const stable = setTimeout(() => this.markHealthy(record), this.policy.stableMs);
    stable.unref();
    child.once('exit', (code, signal) => {
      clearTimeout(stable);
      Object.assign(record, { exited: true, code, signal });
      if (!this.stopping) this.restartLater(record);
    });
  }

  /** The process works (the launcher saw it healthy, or it stayed up long enough): forget its past failures. */
  markHealthy(record) {
    if (record.exited || record.healthy) return;
    Object.assign(record, { healthy: true, startupFailures: 0, delayMs: this.policy.initialDelayMs });
  }

  restartLater(record) {
    const how = record.signal ? `signal ${record.signal}` : `exit code ${record.code}`;
    if (!record.healthy) record.startupFailures += 1;
    if (record.startupFailures >= this.policy.maxStartupFailures) {
      record.gaveUp = true;
      const reason = `${record.label} died at start-up ${record.startupFailures} times in a row (last: ${how}); not restarting it`;
      this.print(record.label, record.group, reason, process.stderr);
      this.onGiveUp?.(record, reason);
      return;
    }
    const delayMs = record.delayMs;
    record.delayMs = Math.min(delayMs * 2, this.policy.maxDelayMs);
    this.print(
      record.label,
      record.group,
      `✗ died (${how}); restarting in ${delayMs / 1000} s (restart #${record.restarts + 1})`,
      process.stderr,
    );
    record.timer = setTimeout(() => {
      record.timer = null;
      if (this.stopping) return;
      record.restarts += 1;
      this.spawn(record);
    }, delayMs);
  }

  running() {
    return this.children.filter((c) => !c.exited && c.child?.pid !== undefined);
  }

  /** SIGTERM to every running child, then SIGKILL to those still running after `graceMs`. */
  async stopAll(graceMs) {
    this.stopping = true;
    for (const record of this.children) {
      if (record.timer) clearTimeout(record.timer);
      record.timer = null;
    }
    const running = this.running();
    for (const { child } of running) signal(child, 'SIGTERM');
    const allExited = Promise.all(running.map(({ child }) => (hasExited(child) ? null : once(child, 'exit'))));
    const outcome = await Promise.race([allExited.then(() => 'exited'), sleep(graceMs).then(() => 'timeout')]);
    if (outcome === 'timeout') {
      const stubborn = this.running();
      for (const record of stubborn) {
        this.print(record.label, record.group, `still running after ${graceMs / 1000} s: SIGKILL`, process.stderr);
        signal(record.child, 'SIGKILL');
      }
      await Promise.race([Promise.all(stubborn.map(({ child }) => once(child, 'exit'))), sleep(2000)]);
    }
  }
}

const hasExited = (child) => child.exitCode !== null || child.signalCode !== null;

function signal(child, name) {
  try {
    child.kill(name);
  } catch {
    // already gone
  }
}
