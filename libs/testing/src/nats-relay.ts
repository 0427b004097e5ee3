import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay to a real server that a test can cut and restore: an outage of
 * that server for the processes connected through it, while the server
 * itself (shared by every test and by other people on the machine) stays up.
 */
export class TcpRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private onClientBytes: ((bytes: number) => void) | null = null;
  port = 0;

  constructor(private readonly upstream: () => { host: string; port: number }) {}

  /** Listens (again, on the same port after a cut) and relays each connection upstream; open already, nothing. */
  async open(): Promise<void> {
    if (this.server) return;
    const { host, port } = this.upstream();
    this.server = createServer((client) => {
      const server = connect(port, host);
      // One side gone (even reset, as after kill -9) ends the other, as the server would see it without a relay.
      for (const [socket, peer] of [
        [client, server],
        [server, client],
      ] as const) {
        this.sockets.add(socket);
        socket.on('close', () => {
          this.sockets.delete(socket);
          peer.destroy();
        });
        socket.on('error', () => socket.destroy());
      }
      client.on('data', (chunk: Buffer) => this.onClientBytes?.(chunk.length));
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /**
   * Cuts the relay once `bytes` more have come from its clients, from inside
   * the data event that crosses the mark: a request is cut half-way however
   * fast it is sent (e.g. an upload's body on its way to S3). Resolves once cut.
   */
  cutAfter(bytes: number): Promise<void> {
    let seen = 0;
    return new Promise((resolve) => {
      this.onClientBytes = (count) => {
        seen += count;
        if (seen < bytes) return;
        this.onClientBytes = null;
        void this.cut().then(resolve);
      };
    });
  }

  /** Drops every relayed connection and refuses new ones until open() again. */
  async cut(): Promise<void> {
    const closed = new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.server = null;
  }
}

/** A relay to the real NATS (NATS_URL): a NATS outage for the processes connected through it. */
export class NatsRelay extends TcpRelay {
  constructor() {
    super(() => {
      const upstream = new URL(process.env.NATS_URL ?? 'nats://127.0.0.1:4222');
      return { host: upstream.hostname, port: Number(upstream.port || 4222) };
    });
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }
}

/**
 * A relay to the real PostgreSQL of `databaseUrl`: `url` is the same database
 * reached through the relay, so cutting it is a PostgreSQL restart as the
 * processes using it see one (connections dropped, new ones refused).
 */
export class PostgresRelay extends TcpRelay {
  constructor(private readonly databaseUrl: string) {
    super(() => {
      const upstream = new URL(databaseUrl);
      return { host: upstream.hostname, port: Number(upstream.port || 5432) };
    });
  }

  get url(): string {
    const through = new URL(this.databaseUrl);
    through.hostname = '127.0.0.1';
    through.port = String(this.port);
    return through.toString();
  }
}
