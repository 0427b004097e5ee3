import { Client, type ClientConfig, type Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** How long the readiness query (and connecting for it) may take. */
export const DATABASE_CHECK_MS = 1000;

/**
 * Readiness's view of PostgreSQL: `SELECT 1` on a connection of its own,
 * outside the service's pool. Through the pool, a probe waited behind busy
 * requests and said `postgres` while PostgreSQL answered fine (both booking
 * replicas at 20 bookings/s): readiness took the replicas out exactly when
 * they were working hardest. Its own connection answers "can this process
 * reach PostgreSQL", whatever the pool is doing. The connection is made on
 * the first probe with the pool's own settings and made again after it failed.
 * See docs/decisions/0020-readiness-and-storage-outages.md.
 */
export class DatabaseProbe {
  private client: Promise<Client> | null = null;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly timeoutMs = DATABASE_CHECK_MS,
  ) {}

  /** True when PostgreSQL answered `SELECT 1` within the time allowed. */
  async answers(): Promise<boolean> {
    if (this.closed || !this.dataSource.isInitialized) return false;
    const connection = this.connection();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.timeoutMs)));
    const check = connection.then((client) => client.query('SELECT 1')).then(() => true);
    check.catch(() => undefined);
    try {
      const answered = await Promise.race([check, timeout]);
      // A connection that does not answer in time may be dead without knowing it: start afresh next time.
      if (!answered) this.drop(connection);
      return answered;
    } catch {
      this.drop(connection);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const connection = this.client;
    this.client = null;
    await connection?.then((client) => client.end()).catch(() => undefined);
  }

  private connection(): Promise<Client> {
    this.client ??= this.connect();
    return this.client;
  }

  private connect(): Promise<Client> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool & { options: ClientConfig };
    const client = new Client({
      ...pool.options,
      connectionTimeoutMillis: this.timeoutMs,
      application_name: `${pool.options.application_name ?? 'pacjent'}-probe`.slice(0, 63),
    });
    // A connection dropped while idle says so here; without a listener the process would crash.
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.client === connection) this.client = null;
    });
    const connection = client.connect().then(() => client);
    return connection;
  }

  /** Forgets a connection (the next probe makes a new one) and closes it. */
  private drop(connection: Promise<Client>): void {
    if (this.client === connection) this.client = null;
    connection.then((client) => client.end()).catch(() => undefined);
  }
}
