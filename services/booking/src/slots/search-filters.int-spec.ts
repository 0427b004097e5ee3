import { ErrorCode, Subjects, type SlotView } from '@pacjent/contracts';
import type { DoctorEntity } from '../catalog/doctor.entity';
import type { FacilityEntity } from '../catalog/facility.entity';
import type { MedicalServiceEntity } from '../catalog/medical-service.entity';
import type { SlotEntity } from '../slots/slot.entity';
import { DAY, HOUR, startBooking, TEST_NOW, type BookingTestKit } from '../testing/booking-test-kit';

const { searchSlots } = Subjects.booking;

describe('slot search: several facilities, excluded doctors, hour window, lead time, paging', () => {
  let kit: BookingTestKit;
  let service: MedicalServiceEntity;
  let [a, b, c]: FacilityEntity[] = [];
  let [anna, piotr]: DoctorEntity[] = [];
  const slots: SlotEntity[] = [];
  /** Tuesday 3 March 2026 at `hour` Warsaw time (UTC+1). */
  const tuesdayAt = (hour: number) => new Date(TEST_NOW.getTime() + DAY + (hour - 8) * HOUR);

  const search = async (filters: Record<string, unknown>) =>
    (await kit.request<SlotView[]>(searchSlots, null, { serviceId: service.id, ...filters })).map((slot) => slot.id);

  beforeAll(async () => {
    kit = await startBooking();
    service = await kit.factory.newService();
    [a, b, c] = [await kit.factory.newFacility(), await kit.factory.newFacility(), await kit.factory.newFacility()];
    anna = await kit.factory.newDoctor({ serviceIds: [service.id] });
    piotr = await kit.factory.newDoctor({ serviceIds: [service.id] });
    // Anna at A 8:00, B 10:00, C 14:00; Piotr at A 9:00, phone 16:00, B 18:00.
    const plan: Array<[DoctorEntity, FacilityEntity | null, number]> = [
      [anna, a!, 8],
      [piotr, a!, 9],
      [anna, b!, 10],
      [anna, c!, 14],
      [piotr, null, 16],
      [piotr, b!, 18],
    ];
    for (const [doctor, facility, hour] of plan) {
      slots.push(
        await kit.factory.newSlot({
          service,
          doctor,
          ...(facility ? { facility } : { channel: 'phone' as const }),
          startsAt: tuesdayAt(hour),
        }),
      );
    }
  });
  afterAll(() => kit.close());

  const ids = (...indexes: number[]) => indexes.map((i) => slots[i]!.id);

  it('finds slots at any of several facilities (comma-separated or a list)', async () => {
    expect(await search({ facilityIds: [a!.id, c!.id] })).toEqual(ids(0, 1, 3));
    expect(await search({ facilityIds: `${b!.id},${c!.id}` })).toEqual(ids(2, 3, 5));
  });

  it('leaves out excluded doctors', async () => {
    expect(await search({ excludeDoctorIds: [piotr!.id] })).toEqual(ids(0, 2, 3));
    expect(await search({ excludeDoctorIds: `${anna!.id},${piotr!.id}` })).toEqual([]);
  });

  it('keeps to an hour window in Warsaw time, alone or within a time of day', async () => {
    expect(await search({ hourFrom: 9, hourTo: 15 })).toEqual(ids(1, 2, 3));
    expect(await search({ hourFrom: 15 })).toEqual(ids(4, 5));
    expect(await search({ timeOfDay: 'morning', hourFrom: 10 })).toEqual(ids(2));
    await expect(kit.failure(searchSlots, null, { hourFrom: 12, hourTo: 12 })).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
  });

  it('offers only slots at least the minimum lead time away', async () => {
    // Now is Monday 8:00; Tuesday 9:00 is 25 hours away.
    expect(await search({ minLeadMinutes: 25 * 60 })).toEqual(ids(1, 2, 3, 4, 5));
    expect(await search({ minLeadMinutes: 25 * 60 + 1 })).toEqual(ids(2, 3, 4, 5));
  });

  it('pages through the results with limit and offset, soonest first', async () => {
    const pages = [
      await search({ limit: 4, offset: 0 }),
      await search({ limit: 4, offset: 4 }),
      await search({ limit: 4, offset: 8 }),
    ];
    expect(pages).toEqual([ids(0, 1, 2, 3), ids(4, 5), []]);
    await expect(kit.failure(searchSlots, null, { offset: -1 })).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
  });
});
