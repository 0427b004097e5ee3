/** Types of supervisor.mjs, for the TypeScript tests. */
import type { ChildProcess } from 'node:child_process';

export interface RestartPolicy {
  initialDelayMs?: number;
  maxDelayMs?: number;
  maxStartupFailures?: number;
  stableMs?: number;
}

export interface ChildRecord {
  label: string;
  group: string;
  child: ChildProcess | null;
  exited: boolean;
  code: number | null;
  signal: string | null;
  restarts: number;
  healthy: boolean;
  startupFailures: number;
  delayMs: number;
  gaveUp: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

export class Supervisor {
  constructor(options: {
    labelWidth: number;
    formatLine: (line: string) => string[];
    colorize: boolean;
    onGiveUp?: (record: ChildRecord, reason: string) => void;
    restart?: RestartPolicy;
  });
  children: ChildRecord[];
  start(options: { label: string; group: string; script: string; env: NodeJS.ProcessEnv; cwd: string }): ChildRecord;
  markHealthy(record: ChildRecord): void;
  running(): ChildRecord[];
  stopAll(graceMs: number): Promise<void>;
}
