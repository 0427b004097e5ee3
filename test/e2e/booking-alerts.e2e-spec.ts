import { NOTIFICATIONS_PAGE_SIZE } from '@pacjent/contracts';
import { Client } from 'pg';
import { ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';
import { readEvents } from '../support/sse';

interface Slot {
  id: string;
  startsAt: string;
  service: { id: string };
}

/**
 * How long a stream is read for an event that must come. Reads stop as soon as
 * it has come; the deadline only matters on a machine busy enough to delay the
 * bus → JetStream → gateway path by seconds (the full suite on 2 cores).
 */
const PUSH_DEADLINE_MS = 15_000;

describe('earlier-slot alerts through the gateway, pushed over server-sent events', () => {
  let stack: Stack;
  let serviceId: string;

  beforeAll(async () => {
    stack = await startStack();
    const services = (await new ApiClient(stack.baseUrl).get('/api/catalog/services?kind=consultation')).body as Array<{
      id: string;
      basicAllowed: boolean;
    }>;
    serviceId = services.find((s) => s.basicAllowed)!.id;
  });
  afterAll(() => stack?.close());

  it('creates, lists and deletes alerts (201, 200, 204); another patient gets 404', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const created = await client.post('/api/slot-alerts', {
      serviceId,
      until: new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString(),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ serviceId, status: 'active' });
    expect((await client.get('/api/slot-alerts')).body).toEqual([created.body]);
    const { client: stranger } = await newPatient(stack.baseUrl);
    expect((await stranger.call('DELETE', `/api/slot-alerts/${created.body.id}`)).status).toBe(404);
    expect((await client.call('DELETE', `/api/slot-alerts/${created.body.id}`)).status).toBe(204);
    expect((await client.get('/api/slot-alerts')).body).toEqual([]);
    const bad = await client.post('/api/slot-alerts', { serviceId });
    expect(bad.status).toBe(400);
  });

  it('pushes "a slot is free" to the watcher’s open page when another patient cancels', async () => {
    const { client: holder } = await newPatient(stack.baseUrl);
    const { client: watcher } = await newPatient(stack.baseUrl);
    const [slot] = (
      await new ApiClient(stack.baseUrl).get(`/api/slots?serviceId=${serviceId}&channel=in_person&limit=1`)
    ).body as Slot[];
    const booked = await holder.post('/api/appointments', { slotId: slot!.id });
    expect(booked.status).toBe(201);
    await watcher.post('/api/slot-alerts', {
      serviceId,
      until: new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString(),
    });

    const stream = await fetch(`${stack.baseUrl}/api/notifications/stream`, {
      headers: { authorization: `Bearer ${watcher.accessToken}`, accept: 'text/event-stream' },
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const received = readEvents(stream, (events) => events.some((e) => e.event === 'notification'), PUSH_DEADLINE_MS);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await holder.post(`/api/appointments/${booked.body.id}/cancel`)).status).toBe(200);

    const events = await received;
    const pushed = events.find((e) => e.event === 'notification');
    expect(pushed?.data).toMatchObject({ kind: 'slot_available', slot: { id: slot!.id } });
    const listed = (await watcher.get('/api/notifications')).body as Array<{ id: string }>;
    expect(listed).toEqual([pushed!.data]);
    expect((await holder.get('/api/notifications')).body).toEqual([]);
    expect((await new ApiClient(stack.baseUrl).get('/api/notifications/stream')).status).toBe(401);
  });

  it('a page that reconnects with Last-Event-ID first gets what it missed, exactly once, then the live ones', async () => {
    const { client: watcher } = await newPatient(stack.baseUrl);
    const { client: stranger } = await newPatient(stack.baseUrl);
    for (let alert = 0; alert < 4; alert += 1) {
      await watcher.post('/api/slot-alerts', {
        serviceId,
        until: new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString(),
      });
    }
    /** Another patient books the first free slot and cancels it: the watcher's oldest active alert is told. */
    const freeASlot = async () => {
      const { client: holder } = await newPatient(stack.baseUrl);
      const [slot] = (
        await new ApiClient(stack.baseUrl).get(`/api/slots?serviceId=${serviceId}&channel=in_person&limit=1`)
      ).body as Slot[];
      const booked = await holder.post('/api/appointments', { slotId: slot!.id });
      expect(booked.status).toBe(201);
      expect((await holder.post(`/api/appointments/${booked.body.id}/cancel`)).status).toBe(200);
    };
    const open = (client: ApiClient, lastEventId?: string) =>
      fetch(`${stack.baseUrl}/api/notifications/stream`, {
        headers: {
          authorization: `Bearer ${client.accessToken}`,
          accept: 'text/event-stream',
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
      });
    const pushed = (events: Array<{ event: string; data: unknown }>) =>
      events.filter((e) => e.event === 'notification').map((e) => e.data as { id: string });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

    // The page sees a first notification, then its stream drops.
    const first = readEvents(await open(watcher), (events) => pushed(events).length >= 1, PUSH_DEADLINE_MS);
    await settle();
    await freeASlot();
    const [seen] = pushed(await first);
    expect(seen).toBeDefined();

    // Meanwhile another one is created: nobody is listening.
    await freeASlot();
    const [missed] = (await watcher.get('/api/notifications')).body as Array<{ id: string }>;
    expect(missed!.id).not.toBe(seen!.id);

    // Back with Last-Event-ID: the missed one first, then a live one; nothing twice (read on until the time is up).
    // Stops at two: a third (a duplicate) arriving before the live one would already fail the assertion.
    const resumed = readEvents(await open(watcher, seen!.id), (events) => pushed(events).length >= 2, PUSH_DEADLINE_MS);
    // Someone else's id gives a stranger nothing of the watcher's.
    const strangers = readEvents(await open(stranger, seen!.id), () => false, 2000);
    await settle();
    await freeASlot();
    const resumedEvents = pushed(await resumed);
    const [live] = (await watcher.get('/api/notifications')).body as Array<{ id: string }>;
    expect(resumedEvents.map((n) => n.id)).toEqual([missed!.id, live!.id]);
    expect(resumedEvents[0]).toEqual(missed);
    expect(pushed(await strangers)).toEqual([]);

    // Without the header (or with one that is not a notification id) only new ones come.
    // A replayed old one would arrive first and fail the assertion; so the first one pushed must be the newest.
    const fresh = readEvents(await open(watcher), (events) => pushed(events).length >= 1, PUSH_DEADLINE_MS);
    const badHeader = readEvents(
      await open(watcher, 'not-an-id'),
      (events) => pushed(events).length >= 1,
      PUSH_DEADLINE_MS,
    );
    await settle();
    await freeASlot();
    const [newest] = (await watcher.get('/api/notifications')).body as Array<{ id: string }>;
    expect(pushed(await fresh).map((n) => n.id)).toEqual([newest!.id]);
    expect(pushed(await badHeader).map((n) => n.id)).toEqual([newest!.id]);
  }, 90_000);

  it('a page away for more than one page of notifications gets every one it missed, in order, on resume', async () => {
    const { client: watcher, id: patientId } = await newPatient(stack.baseUrl);
    const alert = await watcher.post('/api/slot-alerts', {
      serviceId,
      until: new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString(),
    });
    expect(alert.status).toBe(201);
    const [slot] = (await new ApiClient(stack.baseUrl).get(`/api/slots?serviceId=${serviceId}&limit=1`)).body as Slot[];
    // Notifications as booking stores them (one a second, the last a minute ago): more than two pages.
    const count = 2 * NOTIFICATIONS_PAGE_SIZE + 30;
    const db = new Client({ connectionString: stack.database.url });
    await db.connect();
    const stored = await (async () => {
      try {
        await db.query(
          `INSERT INTO "booking"."notifications" (patient_id, kind, alert_id, slot_id, created_at)
           SELECT $1, 'slot_available', $2, $3, now() - make_interval(mins => 1, secs => $4 - i)
             FROM generate_series(1, $4) AS i`,
          [patientId, alert.body.id, slot!.id, count],
        );
        return await db.query<{ id: string }>(
          `SELECT id FROM "booking"."notifications" WHERE patient_id = $1 ORDER BY created_at, id`,
          [patientId],
        );
      } finally {
        await db.end();
      }
    })();
    const [seen, ...missed] = stored.rows.map((row) => row.id);

    const stream = await fetch(`${stack.baseUrl}/api/notifications/stream`, {
      headers: { authorization: `Bearer ${watcher.accessToken}`, accept: 'text/event-stream', 'last-event-id': seen! },
    });
    const notificationIds = (events: Array<{ event: string; data: unknown }>) =>
      events.filter((e) => e.event === 'notification').map((e) => (e.data as { id: string }).id);
    const resumed = notificationIds(
      await readEvents(stream, (read) => notificationIds(read).length >= missed.length, PUSH_DEADLINE_MS),
    );
    expect(resumed).toHaveLength(count - 1);
    expect(resumed).toEqual(missed);
  }, 90_000);
});
