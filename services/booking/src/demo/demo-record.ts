import { DEMO_RECORD, demoRecordSlotId } from '@pacjent/contracts';
import type { EntityManager } from 'typeorm';
import { addDays, warsawDate, warsawInstant } from '../slots/warsaw-time';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The demo patient's past visits with the demo doctor (DEMO_RECORD), as
 * completed appointments on past in-person slots of her internist
 * consultation at her facility, 10:00 Warsaw time. Fixed ids and ON
 * CONFLICT DO NOTHING make it safe to run on every start; consultations
 * seeds the outcomes of the same ids.
 */
export async function seedDemoPastVisits(tx: EntityManager, now: Date): Promise<number> {
  const rows = DEMO_RECORD.visits.map((visit) => {
    const [year, month, day] = addDays(warsawDate(now), -visit.daysAgo).split('-').map(Number) as [
      number,
      number,
      number,
    ];
    const startsAt = warsawInstant({ year, month, day, hour: 10, minute: 0, second: 0 });
    return {
      appointment: visit.id,
      slot: demoRecordSlotId(visit.id),
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 20 * 60 * 1000).toISOString(),
      bookedAt: new Date(startsAt.getTime() - 7 * DAY_MS).toISOString(),
    };
  });
  const inserted: unknown[] = await tx.query(
    `WITH doctor AS (SELECT id FROM "booking"."doctors" WHERE account_id = $2),
          service AS (SELECT id FROM "booking"."services" WHERE name = 'Konsultacja internistyczna'),
          facility AS (SELECT id FROM "booking"."facilities" WHERE name = 'Centrum Medyczne Śródmieście'),
          visits AS (SELECT * FROM jsonb_to_recordset($1::jsonb)
                       AS v(appointment uuid, slot uuid, "startsAt" timestamptz, "endsAt" timestamptz, "bookedAt" timestamptz)),
          slots AS (
            INSERT INTO "booking"."slots" (id, service_id, doctor_id, facility_id, channel, starts_at, ends_at)
            SELECT v.slot, service.id, doctor.id, facility.id, 'in_person', v."startsAt", v."endsAt"
              FROM visits v, doctor, service, facility
            ON CONFLICT DO NOTHING
            RETURNING id)
     INSERT INTO "booking"."appointments"
       (id, slot_id, patient_id, status, source, booked_by, starts_at, ends_at, booked_at)
     SELECT v.appointment, v.slot, $3, 'completed', 'portal', $3, v."startsAt", v."endsAt", v."bookedAt"
       FROM visits v JOIN slots s ON s.id = v.slot
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [JSON.stringify(rows), DEMO_RECORD.doctorAccountId, DEMO_RECORD.patientId],
  );
  return inserted.length;
}
