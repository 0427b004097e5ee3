/**
 * CPU time per process over a benchmark scenario, read from /proc (Linux):
 * the named child processes, this process (the load generator), nats-server,
 * and the PostgreSQL backends connected to one database. Divided by the
 * requests served it says where each request's CPU goes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import process from 'node:process';

const TICKS_PER_MS = 100 / 1000; // USER_HZ is 100 on Linux

function cpuTicks(pid) {
  try {
    // Fields after the command name (which may hold spaces) start at state; utime and stime are the 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // the process is gone
  }
}

function processesWhere(matches) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (matches(commandLine)) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/**
 * The nats-server the bench talks to: the one started with NATS_URL's port
 * (`-p <port>`), else every nats-server (other servers on the machine, such
 * as private ones of tests running meanwhile, would then be counted too).
 */
function natsServers() {
  const port = new URL(process.env.NATS_URL ?? 'nats://127.0.0.1:4222').port || '4222';
  const all = processesWhere((line) => line.includes('nats-server'));
  const own = processesWhere((line) => line.includes('nats-server') && new RegExp(`(-p|--port)[ =]${port}( |$)`).test(line));
  return own.length > 0 ? own : all;
}

/**
 * `named`: { label: pid }. `database`: the database whose PostgreSQL backends count.
 * Returns start() → stop(requests) → { label: CPU ms per request, …, total }.
 */
export function cpuMeter(named, database) {
  const groups = () => ({
    ...Object.fromEntries(Object.entries(named).map(([label, pid]) => [label, [pid]])),
    'load generator': [process.pid],
    'nats-server': natsServers(),
    postgres: processesWhere((line) => line.startsWith('postgres:') && line.includes(` ${database} `)),
  });
  const sample = (pidsByLabel) =>
    Object.fromEntries(
      Object.entries(pidsByLabel).map(([label, pids]) => [label, new Map(pids.map((pid) => [pid, cpuTicks(pid)]))]),
    );
  return {
    start() {
      const before = sample(groups());
      return {
        stop(requests) {
          // Backends that connected during the run count from zero.
          const after = sample(groups());
          const perRequest = {};
          let total = 0;
          for (const [label, pids] of Object.entries(after)) {
            let ticks = 0;
            for (const [pid, value] of pids) ticks += value - (before[label]?.get(pid) ?? 0);
            const ms = ticks / TICKS_PER_MS / Math.max(requests, 1);
            perRequest[label] = Math.round(ms * 1000) / 1000;
            total += ms;
          }
          perRequest.total = Math.round(total * 1000) / 1000;
          return perRequest;
        },
      };
    },
  };
}
