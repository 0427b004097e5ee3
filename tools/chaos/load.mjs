/**
 * The steady mixed load of `npm run chaos`, open loop at fixed rates whatever
 * the answers: slot searches, bookings with an Idempotency-Key (retried with
 * the same key on 503/504 or a dropped connection), cancellations of some of
 * them, and uploads. Requests go to the two gateways in turn; a connection
 * refused or dropped is sent again to the other gateway, as a load balancer
 * would (counted as `rerouted`, not failed).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const RETRIABLE = new Set([503, 504]);
const MAX_BOOKING_ATTEMPTS = 6;
/** The smallest valid PNG (1×1): the files service checks the bytes. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

export function createLoad({ gatewayUrls, patients, serviceId, rates }) {
  let turn = 0;
  const attempts = []; // every HTTP attempt: { kind, status, code, sentAt, ms }
  const bookings = []; // one per key: { key, slotId, patientIndex, status, appointmentId, tries }
  const uploads = []; // { status, id }
  let rerouted = 0;
  let running = false;
  const inFlight = new Set();

  async function send(kind, path, { method = 'GET', token, headers = {}, body, form } = {}) {
    // The second hop goes to the other gateway: `turn` moves on under concurrent requests, so it cannot say which.
    const first = turn++;
    for (let hop = 0; hop < 2; hop++) {
      const base = gatewayUrls[(first + hop) % gatewayUrls.length];
      const sentAt = Date.now();
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          body: form ?? (body !== undefined ? JSON.stringify(body) : undefined),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        let parsed;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        const record = { kind, status: response.status, code: parsed?.code, sentAt, ms: Date.now() - sentAt };
        attempts.push(record);
        return { ...record, body: parsed };
      } catch (error) {
        if (hop === 0 && error.name !== 'TimeoutError') {
          rerouted += 1;
          continue;
        }
        const record = {
          kind,
          status: 'network',
          code: error.cause?.code ?? error.name,
          sentAt,
          ms: Date.now() - sentAt,
        };
        attempts.push(record);
        return record;
      }
    }
  }

  function track(promise) {
    inFlight.add(promise);
    promise.finally(() => inFlight.delete(promise));
  }

  async function book(slot) {
    const key = randomUUID();
    const patient = patients[slot.patientIndex];
    const entry = {
      key,
      slotId: slot.id,
      patientIndex: slot.patientIndex,
      status: null,
      appointmentId: null,
      tries: 0,
    };
    bookings.push(entry);
    for (;;) {
      entry.tries += 1;
      const answer = await send('booking', '/api/appointments', {
        method: 'POST',
        token: patient.token,
        headers: { 'idempotency-key': key },
        body: { slotId: slot.id },
      });
      entry.status = answer.status;
      entry.code = answer.code;
      if (answer.status === 201) {
        entry.appointmentId = answer.body.id;
        if (Math.random() < rates.cancelShare) await cancel(entry, patient);
        return;
      }
      const retriable = RETRIABLE.has(answer.status) || answer.status === 'network';
      if (!retriable || entry.tries >= MAX_BOOKING_ATTEMPTS) return;
      await sleep(250 * entry.tries);
    }
  }

  async function cancel(entry, patient) {
    const key = randomUUID();
    for (let tries = 1; tries <= MAX_BOOKING_ATTEMPTS; tries++) {
      const answer = await send('cancel', `/api/appointments/${entry.appointmentId}/cancel`, {
        method: 'POST',
        token: patient.token,
        headers: { 'idempotency-key': key },
      });
      if (answer.status === 200) {
        entry.cancelled = true;
        return;
      }
      if (!(RETRIABLE.has(answer.status) || answer.status === 'network')) return;
      await sleep(250 * tries);
    }
  }

  function search() {
    const patient = patients[Math.floor(Math.random() * patients.length)];
    const from = new Date(Date.now() + 24 * 3600_000).toISOString();
    const to = new Date(Date.now() + 8 * 24 * 3600_000).toISOString();
    return send('search', `/api/slots?serviceId=${serviceId}&from=${from}&to=${to}&limit=20`, { token: patient.token });
  }

  async function upload() {
    const patient = patients.find((candidate) => candidate.files < 5);
    if (!patient) return;
    patient.files += 1;
    const form = new FormData();
    form.append('description', 'Wynik badania chaos');
    form.append('consent', 'true');
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'wynik.png');
    const answer = await send('upload', '/api/files', { method: 'POST', token: patient.token, form });
    uploads.push({ status: answer.status, code: answer.code, id: answer.body?.id });
    if (answer.status !== 201) patient.files -= 1;
  }

  /** Runs the load until stop(); `nextSlot()` hands out a fresh slot per booking. */
  function start(nextSlot) {
    running = true;
    const lanes = [
      [rates.bookings, () => book(nextSlot())],
      [rates.searches, search],
      [rates.uploads, upload],
    ];
    for (const [rate, action] of lanes) {
      if (!rate) continue;
      const period = 1000 / rate;
      const begun = Date.now();
      let sent = 0;
      void (async () => {
        while (running) {
          const due = Math.floor((Date.now() - begun) / period) - sent;
          for (let i = 0; i < due; i++) track(action());
          sent += Math.max(due, 0);
          await sleep(Math.max(5, Math.min(50, period / 2)));
        }
      })();
    }
  }

  async function stop() {
    running = false;
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  /** Everything recorded since `mark()` (an index into the logs). */
  const mark = () => ({ attempts: attempts.length, bookings: bookings.length, uploads: uploads.length, rerouted });
  const since = (from) => ({
    attempts: attempts.slice(from.attempts),
    bookings: bookings.slice(from.bookings),
    uploads: uploads.slice(from.uploads),
    rerouted: rerouted - from.rerouted,
  });
  return { start, stop, mark, since, bookings };
}
