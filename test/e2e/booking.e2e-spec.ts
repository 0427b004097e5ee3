import { ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

interface Service {
  id: string;
  name: string;
  kind: string;
  channels: string[];
  basicAllowed: boolean;
  requiresReferral: boolean;
}
interface Slot {
  id: string;
  startsAt: string;
  endsAt: string;
  channel: string;
  service: { id: string; name: string };
  doctor: { id: string; name: string };
  facility: { id: string; name: string; city: string } | null;
}

describe('booking through the gateway', () => {
  let stack: Stack;
  let services: Service[];
  let openConsultation: Service;
  const used = new Set<string>();

  beforeAll(async () => {
    stack = await startStack();
    services = (await new ApiClient(stack.baseUrl).get('/api/catalog/services')).body;
    openConsultation = services.find((s) => s.kind === 'consultation' && s.basicAllowed && !s.requiresReferral)!;
  });
  afterAll(() => stack?.close());

  /** Free in-person slots of the open consultation that no other test in this file has used. */
  async function freeSlots(count: number): Promise<Slot[]> {
    const response = await new ApiClient(stack.baseUrl).get(
      `/api/slots?serviceId=${openConsultation.id}&channel=in_person&limit=200`,
    );
    expect(response.status).toBe(200);
    const slots = (response.body as Slot[]).filter((slot) => !used.has(slot.id)).slice(0, count);
    expect(slots).toHaveLength(count);
    slots.forEach((slot) => used.add(slot.id));
    return slots;
  }

  it('serves the seeded catalog with every kind of service', async () => {
    expect(new Set(services.map((s) => s.kind))).toEqual(
      new Set(['consultation', 'test', 'procedure', 'rehabilitation', 'occupational']),
    );
    const api = new ApiClient(stack.baseUrl);
    const cities = (await api.get('/api/catalog/cities')).body as string[];
    expect(cities.length).toBeGreaterThanOrEqual(3);
    const tests = (await api.get('/api/catalog/services?kind=test')).body as Service[];
    expect(tests.length).toBeGreaterThan(0);
    expect(tests.every((s) => s.kind === 'test')).toBe(true);
    const facilities = (await api.get(`/api/catalog/facilities?city=${encodeURIComponent(cities[0]!)}`)).body;
    expect(facilities.length).toBeGreaterThan(0);
    expect(facilities.every((f: { city: string }) => f.city === cities[0])).toBe(true);
  });

  it('finds free slots for a service in a date range, soonest first', async () => {
    const from = new Date(Date.now() + 24 * 3600 * 1000);
    const to = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    const response = await new ApiClient(stack.baseUrl).get(
      `/api/slots?serviceId=${openConsultation.id}&from=${from.toISOString()}&to=${to.toISOString()}&limit=50`,
    );
    expect(response.status).toBe(200);
    const slots = response.body as Slot[];
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.length).toBeLessThanOrEqual(50);
    const starts = slots.map((slot) => Date.parse(slot.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts.every((t) => t >= from.getTime() && t <= to.getTime())).toBe(true);
    expect(slots.every((slot) => slot.service.id === openConsultation.id)).toBe(true);
    expect(slots[0]).toEqual({
      id: expect.any(String),
      startsAt: expect.any(String),
      endsAt: expect.any(String),
      channel: expect.stringMatching(/^(in_person|phone|video)$/),
      service: { id: openConsultation.id, name: openConsultation.name },
      doctor: { id: expect.any(String), name: expect.any(String) },
      facility:
        slots[0]!.channel === 'in_person'
          ? { id: expect.any(String), name: expect.any(String), city: expect.any(String) }
          : null,
    });
  });

  it('rejects a bad search with the offending field', async () => {
    const response = await new ApiClient(stack.baseUrl).get('/api/slots?timeOfDay=night&limit=5000');
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'timeOfDay']);
  });

  it('books a slot, lists it as upcoming, shows it, and takes it out of the search', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const [slot] = await freeSlots(1);
    const booked = await client.post('/api/appointments', { slotId: slot!.id });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ id: expect.any(String), status: 'booked', slot: { id: slot!.id } });

    const upcoming = await client.get('/api/appointments?scope=upcoming');
    expect(upcoming.body.map((a: { id: string }) => a.id)).toEqual([booked.body.id]);
    expect((await client.get('/api/appointments?scope=past')).body).toEqual([]);
    const one = await client.get(`/api/appointments/${booked.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.slot.id).toBe(slot!.id);

    const search = await client.get(`/api/slots?serviceId=${openConsultation.id}&channel=in_person&limit=200`);
    expect(search.body.map((s: Slot) => s.id)).not.toContain(slot!.id);
  });

  it('gives 20 patients racing for one slot exactly one 201 and nineteen 409 SLOT_TAKEN', async () => {
    const patients = await Promise.all(Array.from({ length: 20 }, () => newPatient(stack.baseUrl)));
    const [slot] = await freeSlots(1);
    const answers = await Promise.all(
      patients.map(({ client }) => client.post('/api/appointments', { slotId: slot!.id })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'SLOT_TAKEN')).toBe(true);
  });

  it("answers 404 for another patient's appointment, on read and on cancel", async () => {
    const owner = await newPatient(stack.baseUrl);
    const stranger = await newPatient(stack.baseUrl);
    const [slot] = await freeSlots(1);
    const booked = await owner.client.post('/api/appointments', { slotId: slot!.id });
    expect(booked.status).toBe(201);

    const peek = await stranger.client.get(`/api/appointments/${booked.body.id}`);
    expect(peek.status).toBe(404);
    expect(peek.body.code).toBe('NOT_FOUND');
    const cancel = await stranger.client.post(`/api/appointments/${booked.body.id}/cancel`);
    expect(cancel.status).toBe(404);
    expect((await stranger.client.get('/api/appointments?scope=upcoming')).body).toEqual([]);
    expect((await owner.client.get(`/api/appointments/${booked.body.id}`)).body.status).toBe('booked');
  });

  it('answers 404 for a malformed appointment id', async () => {
    const { client } = await newPatient(stack.baseUrl);
    expect((await client.get('/api/appointments/not-a-uuid')).status).toBe(404);
  });

  it('cancels: the slot is free again at once, and a second cancel is 409 NOT_CANCELLABLE', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const [slot] = await freeSlots(1);
    const booked = await client.post('/api/appointments', { slotId: slot!.id });
    const cancelled = await client.post(`/api/appointments/${booked.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });

    const search = await client.get(`/api/slots?serviceId=${openConsultation.id}&channel=in_person&limit=200`);
    expect(search.body.map((s: Slot) => s.id)).toContain(slot!.id);
    expect((await client.get('/api/appointments?scope=upcoming')).body).toEqual([]);
    expect((await client.get('/api/appointments?scope=past')).body.map((a: { id: string }) => a.id)).toEqual([
      booked.body.id,
    ]);

    const again = await client.post(`/api/appointments/${booked.body.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NOT_CANCELLABLE');

    const other = await newPatient(stack.baseUrl);
    expect((await other.client.post('/api/appointments', { slotId: slot!.id })).status).toBe(201);
  });

  it('returns the first answer for a repeated Idempotency-Key and books once', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const [slot] = await freeSlots(1);
    const key = `key-${Date.now()}`;
    const first = await client.post('/api/appointments', { slotId: slot!.id }, { 'Idempotency-Key': key });
    const second = await client.post('/api/appointments', { slotId: slot!.id }, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect((await client.get('/api/appointments?scope=upcoming')).body).toHaveLength(1);
  });

  it('stops a basic account at 10 active services (422 BOOKING_LIMIT_REACHED)', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const slots = await freeSlots(11);
    for (const slot of slots.slice(0, 10)) {
      expect((await client.post('/api/appointments', { slotId: slot.id })).status).toBe(201);
    }
    const eleventh = await client.post('/api/appointments', { slotId: slots[10]!.id });
    expect(eleventh.status).toBe(422);
    expect(eleventh.body.code).toBe('BOOKING_LIMIT_REACHED');
  });

  it('keeps video consultations for confirmed accounts (403 VERIFICATION_REQUIRED)', async () => {
    const slots = (
      await new ApiClient(stack.baseUrl).get(`/api/slots?serviceId=${openConsultation.id}&channel=video&limit=1`)
    ).body as Slot[];
    expect(slots).toHaveLength(1);
    const { client } = await newPatient(stack.baseUrl);
    const response = await client.post('/api/appointments', { slotId: slots[0]!.id });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('VERIFICATION_REQUIRED');
  });

  it('keeps services not open to basic accounts for confirmed ones (403 VERIFICATION_REQUIRED)', async () => {
    const closed = services.find((s) => !s.basicAllowed && !s.requiresReferral && s.kind !== 'occupational');
    expect(closed).toBeDefined();
    const slots = (await new ApiClient(stack.baseUrl).get(`/api/slots?serviceId=${closed!.id}&limit=1`)).body as Slot[];
    expect(slots).toHaveLength(1);
    const { client } = await newPatient(stack.baseUrl);
    const response = await client.post('/api/appointments', { slotId: slots[0]!.id });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('VERIFICATION_REQUIRED');
  });

  // REFERRAL_REQUIRED itself needs a confirmed account; the booking service's integration tests cover it.
  it('keeps rehabilitation for confirmed accounts (403 VERIFICATION_REQUIRED before any referral check)', async () => {
    const rehab = services.find((s) => s.kind === 'rehabilitation')!;
    const slots = (await new ApiClient(stack.baseUrl).get(`/api/slots?serviceId=${rehab.id}&limit=1`)).body as Slot[];
    const { client } = await newPatient(stack.baseUrl);
    const response = await client.post('/api/appointments', { slotId: slots[0]!.id });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('VERIFICATION_REQUIRED');
  });

  it('asks for the employer referral for occupational medicine, then books it', async () => {
    const occupational = services.find((s) => s.kind === 'occupational' && s.basicAllowed)!;
    const slots = (await new ApiClient(stack.baseUrl).get(`/api/slots?serviceId=${occupational.id}&limit=2`))
      .body as Slot[];
    const { client } = await newPatient(stack.baseUrl);
    const without = await client.post('/api/appointments', { slotId: slots[0]!.id });
    expect(without.status).toBe(422);
    expect(without.body.code).toBe('OCCUPATIONAL_REFERRAL_REQUIRED');
    const withReferral = await client.post('/api/appointments', {
      slotId: slots[0]!.id,
      occupationalReferral: { employer: 'ACME Sp. z o.o.', position: 'Magazynier', referralNumber: 'SK/2026/114' },
    });
    expect(withReferral.status).toBe(201);
  });

  it('requires a logged-in patient to book (401 without a token, 403 for staff)', async () => {
    const [slot] = await freeSlots(1);
    const anonymous = await new ApiClient(stack.baseUrl).post('/api/appointments', { slotId: slot!.id });
    expect(anonymous.status).toBe(401);
    const staff = new ApiClient(stack.baseUrl);
    const login = await staff.post('/api/auth/login', { email: 'staff@demo.test', password: 'Staff#Demo2026' });
    staff.accessToken = login.body.accessToken;
    const response = await staff.post('/api/appointments', { slotId: slot!.id });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });
});
