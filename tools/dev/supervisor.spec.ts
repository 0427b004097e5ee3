import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supervisor } from './supervisor.mjs';

interface Run {
  supervisor: Supervisor;
  lines: string[];
  gaveUp: string[];
}

/** The launcher's supervisor on a tiny script, with fast backoff so the policy shows in milliseconds. */
describe('dev launcher supervisor: restart policy', () => {
  let dir: string;
  const running: Supervisor[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pacjent-supervisor-'));
    await writeFile(join(dir, 'dies.mjs'), 'process.exit(3);\n');
    // Says it is ready, then dies a moment later: a process that worked and then crashed.
    await writeFile(
      join(dir, 'works-then-dies.mjs'),
      "console.log('ready');\nsetTimeout(() => process.exit(1), 30);\n",
    );
  });
  afterAll(async () => {
    await Promise.all(running.map((supervisor) => supervisor.stopAll(1000)));
    await rm(dir, { recursive: true, force: true });
  });

  function run(script: string, restart: Record<string, number>, onLine?: (line: string, s: Supervisor) => void): Run {
    const lines: string[] = [];
    const gaveUp: string[] = [];
    const supervisor: Supervisor = new Supervisor({
      labelWidth: 8,
      colorize: false,
      formatLine: (line: string) => {
        lines.push(line);
        onLine?.(line, supervisor);
        return [];
      },
      onGiveUp: (_record, reason) => gaveUp.push(reason),
      restart,
    });
    running.push(supervisor);
    supervisor.start({ label: 'svc', group: 'svc', script: join(dir, script), env: process.env, cwd: dir });
    return { supervisor, lines, gaveUp };
  }

  async function until(condition: () => boolean, what: string, deadlineMs = 10_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('restarts a process that dies, doubling the delay up to the cap, and says so', async () => {
    const { lines, gaveUp } = run('dies.mjs', { initialDelayMs: 10, maxDelayMs: 40, maxStartupFailures: 6 });
    await until(() => gaveUp.length > 0, 'the supervisor to give up');
    const restarts = lines.filter((line) => line.includes('restarting in'));
    expect(restarts).toEqual([
      '✗ died (exit code 3); restarting in 0.01 s (restart #1)',
      '✗ died (exit code 3); restarting in 0.02 s (restart #2)',
      '✗ died (exit code 3); restarting in 0.04 s (restart #3)',
      '✗ died (exit code 3); restarting in 0.04 s (restart #4)',
      '✗ died (exit code 3); restarting in 0.04 s (restart #5)',
    ]);
  });

  it('gives up, with a message naming the process, when it keeps dying before it becomes healthy', async () => {
    const { supervisor, gaveUp } = run('dies.mjs', { initialDelayMs: 10, maxStartupFailures: 3 });
    await until(() => gaveUp.length > 0, 'the supervisor to give up');
    expect(gaveUp).toEqual(['svc died at start-up 3 times in a row (last: exit code 3); not restarting it']);
    expect(supervisor.children[0]!.restarts).toBe(2);
    expect(supervisor.running()).toHaveLength(0);
  });

  it('keeps restarting a process that became healthy before it died, from the shortest delay again', async () => {
    const { supervisor, lines, gaveUp } = run(
      'works-then-dies.mjs',
      { initialDelayMs: 10, maxStartupFailures: 2 },
      (line, s) => {
        if (line === 'ready') s.markHealthy(s.children[0]!);
      },
    );
    await until(() => supervisor.children[0]!.restarts >= 4, 'four restarts');
    expect(gaveUp).toEqual([]);
    const delays = lines.filter((line) => line.includes('restarting in')).slice(0, 4);
    expect(delays.every((line) => line.startsWith('✗ died (exit code 1); restarting in 0.01 s'))).toBe(true);
  });

  it('starts nothing again once it is stopping', async () => {
    const { supervisor } = run('works-then-dies.mjs', { initialDelayMs: 10 });
    await until(() => supervisor.running().length === 1, 'the process to start');
    await supervisor.stopAll(1000);
    expect(supervisor.children[0]!.timer).toBeNull();
    expect(supervisor.running()).toHaveLength(0);
  });
});
