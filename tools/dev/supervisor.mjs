/**
 * Runs the launcher's child processes: each line of their output prefixed with
 * the process name, one callback when any of them exits on its own, and an
 * orderly stop (SIGTERM, a grace period, then SIGKILL).
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
   * @param {(child: object, code: number | null, signal: string | null) => void} options.onUnexpectedExit
   */
  constructor({ labelWidth, formatLine, colorize, onUnexpectedExit }) {
    this.labelWidth = labelWidth;
    this.formatLine = formatLine;
    this.colorize = colorize;
    this.onUnexpectedExit = onUnexpectedExit;
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
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const record = { label, group, child, exited: false, code: null, signal: null };
    this.children.push(record);
    createInterface({ input: child.stdout }).on('line', (line) => this.print(label, group, line));
    createInterface({ input: child.stderr }).on('line', (line) => this.print(label, group, line, process.stderr));
    child.once('error', (error) => this.print(label, group, `cannot start: ${error.message}`, process.stderr));
    child.once('exit', (code, signal) => {
      Object.assign(record, { exited: true, code, signal });
      if (!this.stopping) this.onUnexpectedExit(record, code, signal);
    });
    return record;
  }

  running() {
    return this.children.filter((c) => !c.exited && c.child.pid !== undefined);
  }

  /** SIGTERM to every running child, then SIGKILL to those still running after `graceMs`. */
  async stopAll(graceMs) {
    this.stopping = true;
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
