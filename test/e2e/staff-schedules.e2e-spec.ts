import { ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

const STAFF = { email: 'staff@demo.test', password: 'Staff#Demo2026' };

interface Template {
  id: string;
  doctorId: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
  generatedSlots?: number;
}

/** Staff edit doctors' weekly schedules through the gateway; slots follow at once. */
describe('staff schedules through the gateway', () => {
  let stack: Stack;
  let staff: ApiClient;
  let serviceId: string;
  let doctorId: string;

  beforeAll(async () => {
    stack = await startStack();
    staff = new ApiClient(stack.baseUrl);
    const login = await staff.post('/api/auth/login', STAFF);
    staff.accessToken = login.body.accessToken;
    // A consultation open to basic accounts by phone, and a demo doctor who offers it.
    const catalog = await staff.get('/api/catalog/services?kind=consultation');
    if (!Array.isArray(catalog.body))
      throw new Error(`catalog: ${catalog.status} ${JSON.stringify(catalog.body)} login ${login.status}`);
    const services = catalog.body as Array<{
      id: string;
      basicAllowed: boolean;
      channels: string[];
    }>;
    serviceId = services.find((s) => s.basicAllowed && s.channels.includes('phone'))!.id;
    const doctors = (await staff.get(`/api/catalog/doctors?serviceId=${serviceId}`)).body as Array<{ id: string }>;
    doctorId = doctors[0]!.id;
  }, 90_000);
  afterAll(() => stack?.close());

  // The demo doctors work Monday to Friday: weekend templates never collide with theirs.
  const saturday = (startsAt: string, endsAt: string) => ({
    doctorId,
    serviceId,
    channel: 'phone',
    weekday: 6,
    startsAt,
    endsAt,
    slotMinutes: 30,
  });

  it('lets only staff in: 401 without a token, 403 for a patient', async () => {
    const anonymous = new ApiClient(stack.baseUrl);
    expect((await anonymous.get(`/api/staff/schedules?doctorId=${doctorId}`)).status).toBe(401);
    expect((await anonymous.post('/api/staff/schedules', saturday('07:00', '08:00'))).status).toBe(401);
    const { client } = await newPatient(stack.baseUrl);
    const list = await client.get(`/api/staff/schedules?doctorId=${doctorId}`);
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('FORBIDDEN');
    expect((await client.post('/api/staff/schedules', saturday('07:00', '08:00'))).status).toBe(403);
    expect((await client.call('DELETE', `/api/staff/schedules/${doctorId}`)).status).toBe(403);
    // Nothing was created by the refused calls.
    const templates = (await staff.get(`/api/staff/schedules?doctorId=${doctorId}`)).body as Template[];
    expect(templates.filter((t) => t.weekday === 6)).toEqual([]);
  });

  it('answers a malformed request with 400 VALIDATION_FAILED and domain refusals with their codes', async () => {
    for (const body of [
      { ...saturday('07:00', '08:00'), weekday: 0 },
      { ...saturday('7:00', '08:00') },
      { ...saturday('07:00', '08:00'), slotMinutes: '30' },
      { ...saturday('07:00', '08:00'), doctorId: 'nope' },
    ]) {
      const response = await staff.post('/api/staff/schedules', body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await staff.get('/api/staff/schedules')).status).toBe(400);
    const noFacility = await staff.post('/api/staff/schedules', {
      ...saturday('07:00', '08:00'),
      channel: 'in_person',
    });
    expect(noFacility.status).toBe(422);
    expect(noFacility.body.code).toBe('SCHEDULE_FACILITY_MISMATCH');
    const noSlot = await staff.post('/api/staff/schedules', { ...saturday('07:00', '07:20') });
    expect(noSlot.status).toBe(422);
    expect(noSlot.body.code).toBe('SCHEDULE_HOURS_INVALID');
  });

  it('creates a template (201) with its slots, lists it, refuses an overlap (409), deletes it keeping a booked visit', async () => {
    const created = await staff.post<Template>('/api/staff/schedules', saturday('10:00', '11:00'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ doctorId, weekday: 6, startsAt: '10:00', endsAt: '11:00', channel: 'phone' });
    // 28 days ahead: four or five Saturdays, two slots each (fewer if today is a Saturday past 10:30).
    expect(created.body.generatedSlots).toBeGreaterThanOrEqual(6);

    const listed = await staff.get<Template[]>(`/api/staff/schedules?doctorId=${doctorId}`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((t) => t.id)).toContain(created.body.id);

    const overlap = await staff.post('/api/staff/schedules', saturday('10:30', '12:00'));
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('SCHEDULE_OVERLAP');

    // The new slots are offered to patients at 10:00 and 10:30 Warsaw time on Saturdays; one gets booked.
    const { client } = await newPatient(stack.baseUrl);
    const slots = (await client.get(`/api/slots?doctorId=${doctorId}&serviceId=${serviceId}&channel=phone&limit=200`))
      .body as Array<{ id: string; startsAt: string }>;
    const weekend = slots.filter((slot) => {
      const wall = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Warsaw',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(slot.startsAt));
      return /^Sat/.test(wall) && /10:(00|30)$/.test(wall);
    });
    expect(weekend.length).toBe(created.body.generatedSlots);
    const booked = await client.post('/api/appointments', { slotId: weekend[0]!.id });
    expect(booked.status).toBe(201);

    const removed = await staff.call('DELETE', `/api/staff/schedules/${created.body.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({
      id: created.body.id,
      removedSlots: created.body.generatedSlots! - 1,
      keptBookedSlots: 1,
    });
    const after = (await client.get(`/api/slots?doctorId=${doctorId}&serviceId=${serviceId}&channel=phone&limit=200`))
      .body as Array<{ id: string }>;
    expect(after.filter((slot) => weekend.some((w) => w.id === slot.id))).toEqual([]);
    expect((await client.get(`/api/appointments/${booked.body.id}`)).body).toMatchObject({ status: 'booked' });
    expect(
      ((await staff.get(`/api/staff/schedules?doctorId=${doctorId}`)).body as Template[]).map((t) => t.id),
    ).not.toContain(created.body.id);

    const again = await staff.call('DELETE', `/api/staff/schedules/${created.body.id}`);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('SCHEDULE_NOT_FOUND');
    expect((await staff.call('DELETE', '/api/staff/schedules/not-an-id')).status).toBe(404);
  });
});
