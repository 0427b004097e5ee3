import { randomUUID } from 'node:crypto';
import { ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

interface Slot {
  id: string;
  startsAt: string;
  endsAt: string;
  channel: string;
  service: { id: string; name: string };
  doctor: { id: string; name: string };
  facility: { id: string; name: string; city: string } | null;
}
interface Service {
  id: string;
  kind: string;
  basicAllowed: boolean;
  requiresReferral: boolean;
}

describe('booking through the gateway: overlaps, moving, calendar, staff bookings, search filters', () => {
  let stack: Stack;
  let service: Service;
  let openServices: Set<string>;
  let staff: ApiClient;
  const used = new Set<string>();

  beforeAll(async () => {
    stack = await startStack();
    const services = (await new ApiClient(stack.baseUrl).get('/api/catalog/services')).body as Service[];
    service = services.find((s) => s.kind === 'consultation' && s.basicAllowed && !s.requiresReferral)!;
    openServices = new Set(
      services.filter((s) => s.basicAllowed && !s.requiresReferral && s.kind !== 'occupational').map((s) => s.id),
    );
    staff = new ApiClient(stack.baseUrl);
    staff.accessToken = (
      await staff.post('/api/auth/login', { email: 'staff@demo.test', password: 'Staff#Demo2026' })
    ).body.accessToken;
  });
  afterAll(() => stack?.close());

  /** Free in-person slots of the consultation, unused by other tests here, starting at distinct times. */
  async function freeSlots(count: number): Promise<Slot[]> {
    const all = (
      await new ApiClient(stack.baseUrl).get(`/api/slots?serviceId=${service.id}&channel=in_person&limit=200`)
    ).body as Slot[];
    const picked: Slot[] = [];
    for (const slot of all) {
      if (used.has(slot.id) || picked.some((p) => p.startsAt < slot.endsAt && slot.startsAt < p.endsAt)) continue;
      picked.push(slot);
      if (picked.length === count) break;
    }
    expect(picked).toHaveLength(count);
    picked.forEach((slot) => used.add(slot.id));
    return picked;
  }

  /** A free slot of another doctor at the same time as `slot`, if the demo schedule has one. */
  async function sameTimeElsewhere(slot: Slot): Promise<Slot | undefined> {
    const all = (
      await new ApiClient(stack.baseUrl).get(
        `/api/slots?from=${encodeURIComponent(slot.startsAt)}&to=${encodeURIComponent(slot.endsAt)}&limit=200`,
      )
    ).body as Slot[];
    return all.find(
      (s) =>
        s.startsAt === slot.startsAt &&
        s.doctor.id !== slot.doctor.id &&
        s.channel !== 'video' &&
        openServices.has(s.service.id) &&
        !used.has(s.id),
    );
  }

  it('refuses a second visit at the same time (409 APPOINTMENT_OVERLAP)', async () => {
    const { client } = await newPatient(stack.baseUrl);
    let other: Slot | undefined;
    let first: Slot | undefined;
    for (const candidate of await freeSlots(5)) {
      other = await sameTimeElsewhere(candidate);
      if (other) {
        first = candidate;
        break;
      }
    }
    expect(other).toBeDefined();
    used.add(other!.id);
    expect((await client.post('/api/appointments', { slotId: first!.id })).status).toBe(201);
    const second = await client.post('/api/appointments', { slotId: other!.id });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'APPOINTMENT_OVERLAP', status: 409 });
  });

  it('moves a visit in one step (200), idempotently; the old slot is free again at once', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const [from, to] = await freeSlots(2);
    const booked = await client.post('/api/appointments', { slotId: from!.id });
    const key = randomUUID();
    const moved = await client.post(
      `/api/appointments/${booked.body.id}/reschedule`,
      { slotId: to!.id },
      { 'Idempotency-Key': key },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'booked', slot: { id: to!.id } });
    const again = await client.post(
      `/api/appointments/${booked.body.id}/reschedule`,
      { slotId: to!.id },
      { 'Idempotency-Key': key },
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual(moved.body);
    const upcoming = (await client.get('/api/appointments?scope=upcoming')).body as Array<{ id: string }>;
    expect(upcoming.map((a) => a.id)).toEqual([moved.body.id]);
    const search = (
      await new ApiClient(stack.baseUrl).get(`/api/slots?serviceId=${service.id}&channel=in_person&limit=200`)
    ).body as Slot[];
    expect(search.map((s) => s.id)).toContain(from!.id);
    expect(search.map((s) => s.id)).not.toContain(to!.id);
    const noBody = await client.post(`/api/appointments/${moved.body.id}/reschedule`, {});
    expect(noBody.status).toBe(400);
    expect(noBody.body.code).toBe('VALIDATION_FAILED');
  });

  it('cancels idempotently with an Idempotency-Key', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const [slot] = await freeSlots(1);
    const booked = await client.post('/api/appointments', { slotId: slot!.id });
    const key = randomUUID();
    const first = await client.post(`/api/appointments/${booked.body.id}/cancel`, undefined, {
      'Idempotency-Key': key,
    });
    const second = await client.post(`/api/appointments/${booked.body.id}/cancel`, undefined, {
      'Idempotency-Key': key,
    });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect((await client.post(`/api/appointments/${booked.body.id}/cancel`)).status).toBe(409);
  });

  it('serves the visit as an .ics calendar file; another patient gets 404', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const [slot] = await freeSlots(1);
    const booked = await client.post('/api/appointments', { slotId: slot!.id });
    const calendar = await client.get(`/api/appointments/${booked.body.id}.ics`);
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(calendar.headers.get('content-disposition')).toMatch(
      /^attachment; filename="wizyta-\d{4}-\d{2}-\d{2}\.ics"$/,
    );
    const text = (calendar.body as string).replace(/\r\n[ \t]/g, '');
    expect(text).toMatch(/^BEGIN:VCALENDAR/);
    expect(text).toContain(`UID:${booked.body.id}@pacjent`);
    expect(text).toContain(slot!.doctor.name);
    expect(text).toContain(`LOCATION:${slot!.facility!.name}`);
    const { client: stranger } = await newPatient(stack.baseUrl);
    const foreign = await stranger.get(`/api/appointments/${booked.body.id}.ics`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    expect((await new ApiClient(stack.baseUrl).get(`/api/appointments/${booked.body.id}.ics`)).status).toBe(401);
  });

  it('lets staff book a phone or facility visit (201) that the patient cannot cancel (409 NOT_CANCELLABLE)', async () => {
    const { client, id: patientId } = await newPatient(stack.baseUrl);
    const [slot] = await freeSlots(1);
    const created = await staff.post('/api/staff/appointments', { patientId, slotId: slot!.id, source: 'facility' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'booked', source: 'facility', slot: { id: slot!.id } });
    const mine = (await client.get('/api/appointments')).body as Array<{ id: string; source: string }>;
    expect(mine).toEqual([expect.objectContaining({ id: created.body.id, source: 'facility' })]);
    const cancel = await client.post(`/api/appointments/${created.body.id}/cancel`);
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('NOT_CANCELLABLE');
    const asPatient = await client.post('/api/staff/appointments', { patientId, slotId: slot!.id, source: 'phone' });
    expect(asPatient.status).toBe(403);
    const wrongSource = await staff.post('/api/staff/appointments', { patientId, slotId: slot!.id, source: 'portal' });
    expect(wrongSource.status).toBe(400);
  });

  it('searches several facilities, leaves out doctors, keeps to an hour window and pages', async () => {
    const api = new ApiClient(stack.baseUrl);
    const query = `/api/slots?serviceId=${service.id}&channel=in_person`;
    const base = `${query}&limit=200`;
    const all = (await api.get(base)).body as Slot[];
    const facilities = [...new Set(all.map((s) => s.facility!.id))].slice(0, 2);
    const inTwo = (await api.get(`${base}&facilityIds=${facilities.join(',')}`)).body as Slot[];
    expect(inTwo.length).toBeGreaterThan(0);
    expect(inTwo.every((s) => facilities.includes(s.facility!.id))).toBe(true);
    const repeated = (await api.get(`${base}&facilityIds=${facilities[0]}&facilityIds=${facilities[1]}`)).body;
    expect(repeated).toEqual(inTwo);
    const excluded = all[0]!.doctor.id;
    const without = (await api.get(`${base}&excludeDoctorIds=${excluded}`)).body as Slot[];
    expect(without.length).toBeGreaterThan(0);
    expect(without.some((s) => s.doctor.id === excluded)).toBe(false);
    const window = (await api.get(`${base}&hourFrom=10&hourTo=12`)).body as Slot[];
    const warsawHour = (iso: string) =>
      Number(
        new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Warsaw' }).format(
          new Date(iso),
        ),
      );
    expect(window.length).toBeGreaterThan(0);
    expect(window.every((s) => warsawHour(s.startsAt) >= 10 && warsawHour(s.startsAt) < 12)).toBe(true);
    const firstPage = await api.get(`${query}&limit=3&offset=0`);
    expect(firstPage.body).toHaveLength(3);
    const page1 = firstPage.body as Slot[];
    const page2 = (await api.get(`${query}&limit=3&offset=3`)).body as Slot[];
    expect([...page1, ...page2].map((s) => s.id)).toEqual(
      ((await api.get(`${query}&limit=6`)).body as Slot[]).map((s) => s.id),
    );
    const bad = await api.get(`${base}&facilityIds=nope`);
    expect(bad.status).toBe(400);
  });
});
