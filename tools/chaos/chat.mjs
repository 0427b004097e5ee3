/**
 * An online chat consultation held through the front during kill-gateway:
 * the patient's and the doctor's pages each keep the portal's own
 * RealtimeClient (libs/realtime-client, transpiled here: the chaos script runs
 * on plain Node) on GET /api/realtime; the patient writes a line every 300 ms.
 * After the fault the check compares what each page was handed with the
 * stored transcript: every message once, in order.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import ts from 'typescript';
import WebSocket from 'ws';
import { jsonClient, ROOT } from '../bench/harness.mjs';

const SPECIALTY = 'Chaos online';
const SEND_EVERY_MS = 300;

/** The portal's RealtimeClient as an ES module (it imports only types). */
async function loadRealtimeClient() {
  const source = readFileSync(join(ROOT, 'libs', 'realtime-client', 'src', 'realtime-client.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const dir = mkdtempSync(join(tmpdir(), 'pacjent-chaos-rt-'));
  const file = join(dir, 'realtime-client.mjs');
  writeFileSync(file, outputText);
  try {
    return (await import(pathToFileURL(file).href)).RealtimeClient;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A doctor on online duty for SPECIALTY, a patient waiting, the doctor taking them: the consultation id. */
async function consultation(db, gatewayUrl, doctor, patient) {
  const json = jsonClient(gatewayUrl);
  await db.query(
    `INSERT INTO booking.services (name, kind, specialty, channels, basic_allowed, requires_referral)
     VALUES ('Chaos konsultacja online', 'consultation', $1, ARRAY['video'], true, false)`,
    [SPECIALTY],
  );
  await db.query(`UPDATE identity.accounts SET roles = '{doctor}', level = 'full' WHERE id = $1`, [doctor.id]);
  await db.query(
    `INSERT INTO booking.doctors (name, specialties, languages, account_id) VALUES ('lek. Chaos Online', ARRAY[$1], ARRAY['pl'], $2)`,
    [SPECIALTY, doctor.id],
  );
  const login = await json('POST', '/api/auth/login', { email: doctor.email, password: doctor.password });
  if (login.status !== 200) throw new Error(`doctor login: ${login.status}`);
  doctor.token = login.body.accessToken;
  const duty = await json(
    'PUT',
    '/api/doctor/online/duty',
    { specialties: [SPECIALTY], forms: ['chat'] },
    doctor.token,
  );
  if (duty.status !== 200) throw new Error(`duty: ${duty.status} ${JSON.stringify(duty.body)}`);
  const started = await json(
    'POST',
    '/api/online/consultations',
    { specialty: SPECIALTY, form: 'chat' },
    patient.token,
  );
  if (started.status !== 201) throw new Error(`online consultation: ${started.status} ${JSON.stringify(started.body)}`);
  const taken = await json('POST', '/api/doctor/online/take-next', undefined, doctor.token);
  if (taken.status !== 200) throw new Error(`take-next: ${taken.status} ${JSON.stringify(taken.body)}`);
  return started.body.id;
}

/** One page's socket: the portal's client on `ws`, recording what it hands over and the acks. */
function page(RealtimeClient, frontUrl, token, consultationId) {
  const delivered = [];
  const acked = new Map();
  let closes = 0;
  const client = new RealtimeClient({
    url: `${frontUrl.replace(/^http/, 'ws')}/api/realtime`,
    createSocket: (url) => {
      const socket = new WebSocket(url);
      socket.on('error', () => undefined);
      socket.on('close', () => (closes += 1));
      return socket;
    },
    getAccessToken: () => token,
    refreshAccessToken: async () => false,
    initialDelayMs: 250,
    maxDelayMs: 2000,
  });
  client.follow(consultationId, (message) => delivered.push(message));
  client.on('ack', (frame) => acked.set(frame.clientMessageId, frame.seq));
  client.start();
  return { client, delivered, acked, closes: () => closes };
}

export async function startChat({ db, gatewayUrl, frontUrl, doctor, patient }) {
  const RealtimeClient = await loadRealtimeClient();
  const consultationId = await consultation(db, gatewayUrl, doctor, patient);
  const patientPage = page(RealtimeClient, frontUrl, patient.token, consultationId);
  const doctorPage = page(RealtimeClient, frontUrl, doctor.token, consultationId);
  const sent = [];
  let running = true;
  const writing = (async () => {
    while (running) {
      const clientMessageId = `chaos-${sent.length + 1}`;
      sent.push(clientMessageId);
      patientPage.client.send({ type: 'chat', consultationId, clientMessageId, text: clientMessageId });
      await sleep(SEND_EVERY_MS);
    }
  })();
  return {
    async stop() {
      running = false;
      await writing;
    },
    /** Waits until both pages hold the whole transcript (or 15 s), then compares. */
    async check() {
      const transcript = async () =>
        (
          await db.query(
            `SELECT seq, text FROM consultations.online_messages WHERE consultation_id = $1 ORDER BY seq`,
            [consultationId],
          )
        ).rows;
      let stored = await transcript();
      for (let i = 0; i < 30; i++) {
        if ([patientPage, doctorPage].every((p) => p.delivered.length >= stored.length)) break;
        await sleep(500);
        stored = await transcript();
      }
      const pageCheck = (p) => {
        const seqs = p.delivered.map((message) => message.seq);
        return {
          delivered: seqs.length,
          twice: seqs.length - new Set(seqs).size,
          outOfOrder: seqs.filter((seq, index) => index > 0 && seq <= seqs[index - 1]).length,
          missing: stored.filter((row) => !seqs.includes(row.seq)).length,
          reconnects: p.closes(),
        };
      };
      const texts = stored.map((row) => row.text);
      const result = {
        sent: sent.length,
        acked: patientPage.acked.size,
        stored: stored.length,
        storedTwice: texts.length - new Set(texts).size,
        // Written into a socket that died before the gateway handled it: the page shows it unsent.
        unacked: sent.filter((id) => !patientPage.acked.has(id)).length,
        unackedButStored: sent.filter((id) => !patientPage.acked.has(id) && texts.includes(id)).length,
        patient: pageCheck(patientPage),
        doctor: pageCheck(doctorPage),
      };
      patientPage.client.stop();
      doctorPage.client.stop();
      return result;
    },
  };
}
