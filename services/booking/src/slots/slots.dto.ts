import type { Channel, SlotView } from '@pacjent/contracts';
import { isoInstantSql, jsonStringSql, plainJsonStringSql } from '@pacjent/platform';

/** The columns every slot view is read from (see SLOT_VIEW_COLUMNS). */
export interface SlotRow {
  slot_id: string;
  starts_at: Date;
  ends_at: Date;
  channel: Channel;
  service_id: string;
  service_name: string;
  doctor_id: string;
  doctor_name: string;
  facility_id: string | null;
  facility_name: string | null;
  facility_city: string | null;
  facility_address: string | null;
}

/** Selects a SlotRow from `s` (slots) joined by SLOT_VIEW_JOINS. */
export const SLOT_VIEW_COLUMNS = `
  s.id AS slot_id, s.starts_at, s.ends_at, s.channel,
  sv.id AS service_id, sv.name AS service_name,
  d.id AS doctor_id, d.name AS doctor_name,
  f.id AS facility_id, f.name AS facility_name, f.city AS facility_city, f.address AS facility_address`;

export const SLOT_VIEW_JOINS = `
  JOIN "booking"."services" sv ON sv.id = s.service_id
  JOIN "booking"."doctors" d ON d.id = s.doctor_id
  LEFT JOIN "booking"."facilities" f ON f.id = s.facility_id`;

export function toSlotView(row: SlotRow): SlotView {
  return {
    id: row.slot_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    channel: row.channel,
    service: { id: row.service_id, name: row.service_name },
    doctor: { id: row.doctor_id, name: row.doctor_name },
    facility:
      row.facility_id === null
        ? null
        : { id: row.facility_id, name: row.facility_name ?? '', city: row.facility_city ?? '' },
  };
}

/**
 * The SlotView of a SlotRow aliased `r`, as compact JSON text: the same value
 * toSlotView() builds (slots.dto.int-spec.ts holds the two together), for
 * results sent on as JSON without being parsed into objects first. Spelled
 * out by concatenation rather than json_build_object(), which costs
 * PostgreSQL about 30 % more time per search and pads every key with
 * spaces. Every column concatenated is NOT NULL (facility names and cities
 * are read only when there is a facility), since one NULL would make the
 * whole text NULL.
 */
export const SLOT_VIEW_JSON = `'{"id":' || ${plainJsonStringSql('r.slot_id')}
    || ',"startsAt":' || ${plainJsonStringSql(isoInstantSql('r.starts_at'))}
    || ',"endsAt":' || ${plainJsonStringSql(isoInstantSql('r.ends_at'))}
    || ',"channel":' || ${jsonStringSql('r.channel')}
    || ',"service":{"id":' || ${plainJsonStringSql('r.service_id')} || ',"name":' || ${jsonStringSql('r.service_name')} || '}'
    || ',"doctor":{"id":' || ${plainJsonStringSql('r.doctor_id')} || ',"name":' || ${jsonStringSql('r.doctor_name')} || '}'
    || ',"facility":' || CASE WHEN r.facility_id IS NULL THEN 'null'
         ELSE '{"id":' || ${plainJsonStringSql('r.facility_id')}
           || ',"name":' || ${jsonStringSql("coalesce(r.facility_name, '')")}
           || ',"city":' || ${jsonStringSql("coalesce(r.facility_city, '')")} || '}' END
    || '}'`;

/** The SlotViews of the rows aliased `r`, in `orderBy` order, as one JSON array text (`[]` for none). */
export const slotViewsJsonArray = (orderBy: string) =>
  `'[' || coalesce(string_agg(${SLOT_VIEW_JSON}, ',' ORDER BY ${orderBy}), '') || ']'`;
