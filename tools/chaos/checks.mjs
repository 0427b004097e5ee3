/**
 * What `npm run chaos` checks after each fault in the data itself, not in
 * the HTTP answers: bookings (each acknowledged one stored exactly once, no
 * slot with two live bookings), files (no stored row without its object, no
 * object without a row) and booking's outbox (every event published, each
 * once in JetStream).
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { connect } from 'nats';

/** Bookings of this scenario: each key has its own slot, so the slot tells what a key did. */
export async function checkBookings(db, bookings) {
  const slotIds = bookings.map((entry) => entry.slotId);
  const { rows } = await db.query(
    `SELECT id, slot_id, status FROM booking.appointments WHERE slot_id = ANY($1::uuid[])`,
    [slotIds],
  );
  const bySlot = new Map();
  for (const row of rows) bySlot.set(row.slot_id, [...(bySlot.get(row.slot_id) ?? []), row]);
  let lost = 0;
  let duplicated = 0;
  let unacknowledged = 0;
  for (const entry of bookings) {
    const stored = bySlot.get(entry.slotId) ?? [];
    if (stored.length > 1) duplicated += stored.length - 1;
    if (entry.status === 201 && !stored.some((row) => row.id === entry.appointmentId)) lost += 1;
    if (entry.status !== 201 && stored.length > 0) unacknowledged += 1;
  }
  const { rows: doubleBooked } = await db.query(
    `SELECT slot_id FROM booking.appointments WHERE status = 'booked' GROUP BY slot_id HAVING count(*) > 1`,
  );
  return { lost, duplicated, unacknowledged, slotsBookedTwice: doubleBooked.length };
}

export async function checkFiles(db, s3Endpoint) {
  const s3 = new S3Client({
    endpoint: s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const keys = new Set();
  let token;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: 'pacjent-files', Prefix: 'uploads/', ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) keys.add(object.Key);
    token = page.NextContinuationToken;
  } while (token);
  const { rows } = await db.query(`SELECT object_key, status FROM files.files`);
  const rowKeys = new Set(rows.map((row) => row.object_key));
  return {
    storedWithoutObject: rows.filter((row) => row.status === 'stored' && !keys.has(row.object_key)).length,
    objectsWithoutRow: [...keys].filter((key) => !rowKeys.has(key)).length,
    pending: rows.filter((row) => row.status === 'pending').length,
  };
}

/** Booking's outbox against its JetStream stream (cumulative over the run). */
export async function checkOutbox(db, natsUrl) {
  const { rows } = await db.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished FROM booking.outbox`,
  );
  const connection = await connect({ servers: natsUrl });
  try {
    const manager = await connection.jetstreamManager();
    const info = await manager.streams.info('PACJENT_BOOKING_EVENTS').catch(() => null);
    const inStream = info?.state.messages ?? 0;
    return { events: rows[0].total, unpublished: rows[0].unpublished, inStream };
  } finally {
    await connection.close();
  }
}
