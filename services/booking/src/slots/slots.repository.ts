import { Injectable } from '@nestjs/common';
import type { Channel } from '@pacjent/contracts';
import { preparedQuery } from '@pacjent/platform';
import { DataSource } from 'typeorm';
import { SlotEntity } from './slot.entity';
import { SLOT_VIEW_COLUMNS, SLOT_VIEW_JOINS, slotViewsJsonArray } from './slots.dto';
import { CLINIC_TIME_ZONE } from './warsaw-time';

export interface SlotCriteria {
  /** Slots start strictly after this instant (they have not started yet)… */
  now: Date;
  /** …at or after this one… */
  from: Date;
  /** …and before this one. */
  to: Date;
  serviceId?: string;
  channel?: Channel;
  /** Matches in-person slots in the city; phone and video slots match wherever the patient is. */
  city?: string;
  facilityId?: string;
  /** Any of these facilities (phone and video slots have none, so they are left out). */
  facilityIds?: readonly string[];
  doctorId?: string;
  excludeDoctorIds?: readonly string[];
  language?: string;
  /** Warsaw local hours [from, to) the slot starts in. */
  hours?: readonly [number, number];
  limit: number;
  offset?: number;
}

export interface NewSlot {
  serviceId: string;
  doctorId: string;
  facilityId: string | null;
  channel: Channel;
  startsAt: Date;
  endsAt: Date;
}

/** Finds and creates slots. */
@Injectable()
export class SlotsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Free slots (no booked appointment) matching the criteria, soonest first,
   * as the JSON text of their SlotViews: PostgreSQL renders it, so a search
   * answer is never parsed into rows and objects only to be serialized again.
   */
  async searchFree(criteria: SlotCriteria): Promise<string> {
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [
      `s.starts_at > ${param(criteria.now)}`,
      `s.starts_at >= ${param(criteria.from)}`,
      `s.starts_at < ${param(criteria.to)}`,
      `NOT EXISTS (SELECT 1 FROM "booking"."appointments" a WHERE a.slot_id = s.id AND a.status = 'booked')`,
      `s.withdrawn_at IS NULL`,
    ];
    if (criteria.serviceId) where.push(`s.service_id = ${param(criteria.serviceId)}`);
    if (criteria.channel) where.push(`s.channel = ${param(criteria.channel)}`);
    // The city's facilities as a set looked up once (a hashed subplan), so slots elsewhere are skipped on the index alone.
    if (criteria.city) {
      where.push(
        `(s.facility_id IS NULL OR s.facility_id IN (SELECT id FROM "booking"."facilities" WHERE lower(city) = lower(${param(criteria.city)})))`,
      );
    }
    if (criteria.facilityId) where.push(`s.facility_id = ${param(criteria.facilityId)}`);
    if (criteria.facilityIds?.length) where.push(`s.facility_id = ANY (${param(criteria.facilityIds)}::uuid[])`);
    if (criteria.doctorId) where.push(`s.doctor_id = ${param(criteria.doctorId)}`);
    if (criteria.excludeDoctorIds?.length) {
      where.push(`s.doctor_id <> ALL (${param(criteria.excludeDoctorIds)}::uuid[])`);
    }
    if (criteria.language) where.push(`${param(criteria.language.toLowerCase())} = ANY (d.languages)`);
    if (criteria.hours) {
      const localHour = `extract(hour FROM s.starts_at AT TIME ZONE '${CLINIC_TIME_ZONE}')`;
      where.push(`${localHour} >= ${param(criteria.hours[0])} AND ${localHour} < ${param(criteria.hours[1])}`);
    }
    const [result] = await preparedQuery<{ json: string }>(
      this.dataSource,
      `SELECT ${slotViewsJsonArray('r.starts_at, r.slot_id')} AS json
         FROM (SELECT ${SLOT_VIEW_COLUMNS}
                 FROM "booking"."slots" s ${SLOT_VIEW_JOINS}
                WHERE ${where.join('\n                  AND ')}
                ORDER BY s.starts_at, s.id
                LIMIT ${param(criteria.limit)} OFFSET ${param(criteria.offset ?? 0)}) r`,
      params,
    );
    return result!.json;
  }

  create(slot: NewSlot): Promise<SlotEntity> {
    const repository = this.dataSource.getRepository(SlotEntity);
    return repository.save(repository.create(slot));
  }
}
