import { DatabaseProbe } from '@pacjent/platform';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './database';
import { PostgresRelay } from './nats-relay';

/**
 * Readiness's PostgreSQL check (libs/platform/src/database-probe.ts) against
 * the real server through a relay: a pool whose every connection is busy is
 * still ready; PostgreSQL unreachable is not, and ready again once it is back.
 */
describe('the readiness check of PostgreSQL', () => {
  let db: TestDatabase;
  let relay: PostgresRelay;
  let dataSource: DataSource;
  let probe: DatabaseProbe;

  beforeAll(async () => {
    db = await createTestDatabase();
    relay = new PostgresRelay(db.url);
    await relay.open();
    dataSource = new DataSource({ type: 'postgres', url: relay.url, extra: { max: 2 } });
    await dataSource.initialize();
    probe = new DatabaseProbe(dataSource);
  });
  afterAll(async () => {
    await probe.close();
    await relay.open();
    await dataSource.destroy();
    await relay.cut();
    await db.drop();
  });

  async function until(what: string, check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('says ready while every pool connection is held for longer than the check may take', async () => {
    expect(await probe.answers()).toBe(true);
    // Both connections of the pool busy for 1.5 s and a third query waiting for one: the old check (SELECT 1 through the pool) timed out here.
    const held = Promise.all([1, 2, 3].map(() => dataSource.query('SELECT pg_sleep(1.5)')));
    await until('the pool is exhausted', async () => {
      const pool = (dataSource.driver as unknown as { master: { waitingCount: number } }).master;
      return pool.waitingCount > 0;
    });
    const started = Date.now();
    expect(await probe.answers()).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    // The pool itself was as busy as claimed: a query through it would have waited past the check's second.
    const throughPool = Date.now();
    await dataSource.query('SELECT 1');
    expect(Date.now() - throughPool).toBeGreaterThan(1000);
    await held;
  });

  it('says not ready while PostgreSQL is unreachable and ready again once it is back, with no restart', async () => {
    // Ready first (polled: on a starved machine one check may miss its second; CI failed on that once).
    await until('the check answers', () => probe.answers());
    await relay.cut();
    try {
      // Its connection dropped and new ones refused: no answer, and quickly.
      const started = Date.now();
      expect(await probe.answers()).toBe(false);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(await probe.answers()).toBe(false);
    } finally {
      await relay.open();
    }
    await until('the check connects again', () => probe.answers());
  });

  it('says not ready once closed, and when the data source is gone', async () => {
    const other = new DatabaseProbe(dataSource);
    await until('a new check connects', () => other.answers());
    await other.close();
    expect(await other.answers()).toBe(false);
    const never = new DataSource({ type: 'postgres', url: relay.url });
    expect(await new DatabaseProbe(never).answers()).toBe(false);
  });
});
