import { ErrorCode, Subjects } from '@pacjent/contracts';
import { startServiceProbes, type ProbeServer } from '@pacjent/platform';
import { startBooking, type BookingTestKit } from './testing/booking-test-kit';

/** The value of one series in Prometheus text (labels in any order), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe("a service's Prometheus metrics", () => {
  let kit: BookingTestKit;
  let probes: ProbeServer;

  beforeAll(async () => {
    kit = await startBooking();
    probes = await startServiceProbes(kit.service, 0, '127.0.0.1');
    await kit.factory.newSlot();
  });
  afterAll(async () => {
    await probes.close();
    await kit.close();
  });

  it('exposes bus latency by subject and outcome, the pool, the outbox and the process', async () => {
    for (let i = 0; i < 3; i += 1) await kit.request(Subjects.booking.searchSlots, null, {});
    expect(await kit.failure(Subjects.booking.searchSlots, null, { limit: -1 })).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });

    const response = await fetch(`http://127.0.0.1:${probes.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();

    const search = { service: 'booking', subject: Subjects.booking.searchSlots };
    expect(sample(text, 'pacjent_bus_handler_duration_seconds_count', { ...search, outcome: 'ok' })).toBe(3);
    expect(
      sample(text, 'pacjent_bus_handler_duration_seconds_count', { ...search, outcome: 'VALIDATION_FAILED' }),
    ).toBe(1);
    const seconds = sample(text, 'pacjent_bus_handler_duration_seconds_sum', { ...search, outcome: 'ok' })!;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(15);

    const connections = sample(text, 'pacjent_db_pool_connections', { service: 'booking' })!;
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(10);
    expect(sample(text, 'pacjent_db_pool_idle_connections', { service: 'booking' })).toBeLessThanOrEqual(connections);
    expect(sample(text, 'pacjent_db_pool_waiting_requests', { service: 'booking' })).toBeGreaterThanOrEqual(0);

    expect(sample(text, 'pacjent_outbox_backlog_events', { service: 'booking' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'pacjent_outbox_oldest_age_seconds', { service: 'booking' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes', { service: 'booking' })).toBeGreaterThan(10_000_000);
    expect(sample(text, 'nodejs_eventloop_lag_seconds', { service: 'booking' })).toBeGreaterThanOrEqual(0);
  });
});
