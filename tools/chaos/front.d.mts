/** Types of front.mjs, for the TypeScript tests. */
export interface Front {
  url: string;
  open(): Promise<void>;
  close(): Promise<void>;
}

export function roundRobinRelay(port: number, upstreamPorts: number[]): Front;
