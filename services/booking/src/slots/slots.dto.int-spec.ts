import type { SlotView } from '@pacjent/contracts';
import { startBooking, type BookingTestKit } from '../testing/booking-test-kit';
import { SLOT_VIEW_COLUMNS, SLOT_VIEW_JOINS, slotViewsJsonArray, toSlotView, type SlotRow } from './slots.dto';

describe('a slot view rendered by PostgreSQL', () => {
  let kit: BookingTestKit;

  beforeAll(async () => {
    kit = await startBooking();
  });
  afterAll(() => kit?.close());

  it('is exactly what toSlotView() builds from the same row, in person and remote, to the millisecond', async () => {
    const { factory } = kit;
    const service = await factory.newService({ name: 'Konsultacja „kardiologiczna” \\ test\n\t\u0001' });
    const doctor = await factory.newDoctor({ name: 'lek. Zofia "Zosia" Wiśniewska', serviceIds: [service.id] });
    const facility = await factory.newFacility({ name: 'Centrum Medyczne Łódź', city: 'Łódź' });
    const inPerson = await factory.newSlot({
      service,
      doctor,
      facility,
      startsAt: new Date('2026-03-03T08:00:00.123Z'),
    });
    const byPhone = await factory.newSlot({
      service,
      doctor,
      channel: 'phone',
      startsAt: new Date('2026-03-03T09:30:00Z'),
    });
    const ids = [inPerson.id, byPhone.id];

    const rows: SlotRow[] = await kit.dataSource.query(
      `SELECT ${SLOT_VIEW_COLUMNS} FROM "booking"."slots" s ${SLOT_VIEW_JOINS} WHERE s.id = ANY ($1) ORDER BY s.starts_at`,
      [ids],
    );
    const render = async (slotIds: string[]) => {
      const [{ json }] = (await kit.dataSource.query(
        `SELECT ${slotViewsJsonArray('r.starts_at')} AS json
           FROM (SELECT ${SLOT_VIEW_COLUMNS} FROM "booking"."slots" s ${SLOT_VIEW_JOINS} WHERE s.id = ANY ($1)) r`,
        [slotIds],
      )) as Array<{ json: string }>;
      return json;
    };
    const json = await render(ids);

    const rendered = JSON.parse(json) as SlotView[];
    expect(rendered).toEqual(rows.map(toSlotView));
    expect(rendered.map((slot) => slot.startsAt)).toEqual(['2026-03-03T08:00:00.123Z', '2026-03-03T09:30:00.000Z']);
    expect(rendered[1]!.facility).toBeNull();
    expect(rendered[0]!.service.name).toBe('Konsultacja „kardiologiczna” \\ test\n\t\u0001');
    expect(await render([])).toBe('[]');
  });
});
