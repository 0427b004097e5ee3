import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay to the real NATS that a test can cut and restore: a NATS
 * outage for the processes connected through it, while the server itself
 * (shared by every test) stays up.
 */
export class NatsRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Listens (again, on the same port after a cut) and relays each connection to NATS_URL. */
  async open(): Promise<void> {
    const upstream = new URL(process.env.NATS_URL ?? 'nats://127.0.0.1:4222');
    this.server = createServer((client) => {
      const server = connect(Number(upstream.port || 4222), upstream.hostname);
      for (const socket of [client, server]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** Drops every relayed connection and refuses new ones until open() again. */
  async cut(): Promise<void> {
    const closed = new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.server = null;
  }
}
