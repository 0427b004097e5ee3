import {
  RealtimeCloseCode,
  type ChatMessageView,
  type OnlineConsultationView,
  type RealtimeServerFrame,
} from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import WebSocket from 'ws';
// The web apps' own client (the module, not the package index: that one also exports React components).
import {
  RealtimeClient as PageRealtimeClient,
  type RealtimeSocket,
} from '../../libs/realtime-client/src/realtime-client';
import type { ApiClient } from '../support/http';
import { OnlineScenario } from '../support/online';
import { RealtimeClient } from '../support/realtime';
import { eventually } from '../support/record';
import { startStack, type GatewayReplica, type Stack } from '../support/stack';

jest.setTimeout(120_000);

/** Identity's clock, shifted back on demand to mint access tokens that expire within seconds. */
class ShiftedClock extends Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/**
 * A `ws` socket behind the web client's socket interface that loses the connection (as a mobile network
 * does) the moment the gateway's first ack arrives: the line is stored, the page never hears so.
 */
function socketLosingFirstAck(url: string, lost: { ack: boolean }): RealtimeSocket {
  const socket = new WebSocket(url);
  const adapter: RealtimeSocket = {
    get readyState() {
      return socket.readyState;
    },
    send: (data) => socket.send(data),
    close: (code, reason) => socket.close(code, reason),
    onopen: null,
    onmessage: null,
    onclose: null,
  };
  socket.on('open', () => adapter.onopen?.());
  socket.on('message', (data) => {
    const text = data.toString();
    if (!lost.ack && (JSON.parse(text) as RealtimeServerFrame).type === 'ack') {
      lost.ack = true;
      socket.terminate();
      return;
    }
    adapter.onmessage?.({ data: text });
  });
  socket.on('close', (code) => adapter.onclose?.({ code }));
  socket.on('error', () => undefined);
  return adapter;
}

const ACCESS_TOKEN_TTL_MS = 900_000;
const GRACE_SECONDS = 4;
/** The outbox relay's poll runs hourly here: every delivery in this file proves the live path needs none. */
const RELAY_INTERVAL_MS = 3_600_000;

describe('online consultations in real time: /api/realtime over two gateway replicas', () => {
  let stack: Stack;
  let scenario: OnlineScenario;
  let doctor: ApiClient;
  let replicaB: GatewayReplica;
  const identityClock = new ShiftedClock();
  const sockets: RealtimeClient[] = [];

  const open = async (baseUrl: string, token: string) => {
    const client = await RealtimeClient.signedIn(baseUrl, token);
    sockets.push(client);
    return client;
  };

  beforeAll(async () => {
    process.env.QUEUE_GRACE_SECONDS = String(GRACE_SECONDS);
    process.env.REALTIME_AUTH_TIMEOUT_MS = '1000';
    process.env.OUTBOX_RELAY_INTERVAL_MS = String(RELAY_INTERVAL_MS);
    stack = await startStack({ identityClock });
    replicaB = await stack.startGateway();
    scenario = new OnlineScenario(stack);
    doctor = await scenario.demoDoctor();
  }, 180_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stack?.close();
    delete process.env.QUEUE_GRACE_SECONDS;
    delete process.env.REALTIME_AUTH_TIMEOUT_MS;
    delete process.env.OUTBOX_RELAY_INTERVAL_MS;
  }, 60_000);

  async function clearQueue(): Promise<void> {
    await scenario.sql(`UPDATE "consultations"."online_consultations" SET status = 'left' WHERE status <> 'ended'`);
  }

  /** A patient the demo doctor has taken: both sides' clients and the consultation. */
  async function activeConsultation(form = 'chat') {
    await clearQueue();
    const patient = await scenario.waiting('Internista', form);
    const taken = await doctor.post<OnlineConsultationView>('/api/doctor/online/take-next');
    expect(taken.body.id).toBe(patient.consultation.id);
    return { patient, id: patient.consultation.id };
  }

  describe('authentication and limits', () => {
    it('says ready with the user and the token’s expiry after a valid auth frame', async () => {
      const patient = await scenario.fullPatient();
      const client = await RealtimeClient.connect(stack.baseUrl);
      sockets.push(client);
      client.send({ type: 'auth', accessToken: patient.client.accessToken! });
      const ready = await client.next<Extract<RealtimeServerFrame, { type: 'ready' }>>((f) => f.type === 'ready');
      expect(ready.userId).toBe(patient.id);
      expect(Date.parse(ready.expiresAt)).toBeGreaterThan(Date.now());
    });

    it('closes 4408 without an auth frame in time, 4401 for a bad token or another frame first', async () => {
      const silent = await RealtimeClient.connect(stack.baseUrl);
      expect((await silent.closed).code).toBe(RealtimeCloseCode.AUTH_TIMEOUT);

      const forged = await RealtimeClient.connect(stack.baseUrl);
      forged.send({ type: 'auth', accessToken: 'eyJhbGciOiJFUzI1NiJ9.e30.c2lnbmF0dXJl' });
      expect((await forged.closed).code).toBe(RealtimeCloseCode.UNAUTHENTICATED);

      const eager = await RealtimeClient.connect(stack.baseUrl);
      eager.send({ type: 'watch', topic: 'specialties' });
      expect((await eager.closed).code).toBe(RealtimeCloseCode.UNAUTHENTICATED);
    });

    it('closes 4401 when the token expires un-refreshed, and stays open after a re-auth with a fresh token', async () => {
      const patient = await scenario.fullPatient();
      const login = async () => {
        const answer = await patient.client.post('/api/auth/refresh');
        expect(answer.status).toBe(200);
        return answer.body.accessToken as string;
      };
      identityClock.offsetMs = -(ACCESS_TOKEN_TTL_MS - 2_000);
      const shortLived = await login();
      const refreshed = await RealtimeClient.signedIn(stack.baseUrl, shortLived);
      const lapsing = await RealtimeClient.signedIn(stack.baseUrl, shortLived);
      sockets.push(refreshed, lapsing);
      identityClock.offsetMs = 0;
      refreshed.send({ type: 'auth', accessToken: await login() });
      await refreshed.next((frame) => frame.type === 'ready');
      expect((await lapsing.closed).code).toBe(RealtimeCloseCode.UNAUTHENTICATED);
      // Past the first token's expiry the refreshed page still works.
      refreshed.send({ type: 'watch', topic: 'specialties' });
      await refreshed.next((frame) => frame.type === 'specialties');

      const stranger = await scenario.fullPatient();
      refreshed.send({ type: 'auth', accessToken: stranger.client.accessToken! });
      expect((await refreshed.closed).code).toBe(RealtimeCloseCode.UNAUTHENTICATED);
    });

    it('closes 4429 past 10 frames in a second and 1009 for a frame over 64 KB', async () => {
      const patient = await scenario.fullPatient();
      const chatty = await open(stack.baseUrl, patient.client.accessToken!);
      for (let i = 0; i < 12; i += 1) chatty.send({ type: 'watch', topic: 'specialties' });
      expect((await chatty.closed).code).toBe(RealtimeCloseCode.RATE_LIMITED);

      const big = await open(stack.baseUrl, patient.client.accessToken!);
      big.sendRaw(JSON.stringify({ type: 'watch', topic: 'x'.repeat(64 * 1024) }));
      expect((await big.closed).code).toBe(RealtimeCloseCode.FRAME_TOO_LARGE);
      // Exactly 64 KB is still a frame (answered as an unknown one, the socket stays).
      const edge = await open(stack.baseUrl, patient.client.accessToken!);
      const padding = 64 * 1024 - JSON.stringify({ type: 'watch', topic: '' }).length;
      edge.sendRaw(JSON.stringify({ type: 'watch', topic: 'y'.repeat(padding) }));
      expect(await edge.next((frame) => frame.type === 'error')).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('the queue without ghosts', () => {
    it('keeps a patient whose page is connected, and takes out one whose page is gone for QUEUE_GRACE_SECONDS', async () => {
      await clearQueue();
      const absent = await scenario.waiting();
      const present = await scenario.waiting();
      const page = await open(replicaB.baseUrl, present.client.accessToken!);
      page.send({ type: 'follow', consultationId: present.consultation.id, afterSeq: 0 });
      const first = await page.next<Extract<RealtimeServerFrame, { type: 'consultation' }>>(
        (frame) => frame.type === 'consultation',
      );
      expect(first.consultation.status).toBe('waiting');

      await eventually(async () => {
        const seen = await absent.client.get(`/api/online/consultations/${absent.consultation.id}`);
        return seen.body.status === 'left';
      }, 20_000);
      // The connected patient moved up (told live, unless the other had already left when the page came).
      if (first.consultation.position !== 1) {
        const moved = await page.next<Extract<RealtimeServerFrame, { type: 'consultation' }>>(
          (frame) => frame.type === 'consultation' && frame.consultation.position === 1,
        );
        expect(moved.consultation.status).toBe('waiting');
      }
      // Well past the grace period the connected patient still waits.
      await new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 2_000));
      const kept = await present.client.get(`/api/online/consultations/${present.consultation.id}`);
      expect(kept.body).toMatchObject({ status: 'waiting', position: 1 });

      page.close();
      await eventually(async () => {
        const seen = await present.client.get(`/api/online/consultations/${present.consultation.id}`);
        return seen.body.status === 'left';
      }, 20_000);
      const queue = await doctor.get<OnlineConsultationView[]>('/api/doctor/online/queue');
      expect(queue.body).toEqual([]);
    });

    it('pushes the doctor’s queue and the patient’s take-over live', async () => {
      await clearQueue();
      const doctorPage = await open(replicaB.baseUrl, doctor.accessToken!);
      doctorPage.send({ type: 'watch', topic: 'doctor_queue' });
      await doctorPage.next((frame) => frame.type === 'doctor_queue');
      const patient = await scenario.waiting();
      const page = await open(stack.baseUrl, patient.client.accessToken!);
      page.send({ type: 'follow', consultationId: patient.consultation.id, afterSeq: 0 });
      await page.next((frame) => frame.type === 'consultation');
      const queued = await doctorPage.next<Extract<RealtimeServerFrame, { type: 'doctor_queue' }>>(
        (frame) => frame.type === 'doctor_queue' && frame.waiting.some((item) => item.id === patient.consultation.id),
      );
      expect(queued.waiting).toHaveLength(1);
      await doctor.post('/api/doctor/online/take-next');
      const active = await page.next<Extract<RealtimeServerFrame, { type: 'consultation' }>>(
        (frame) => frame.type === 'consultation' && frame.consultation.status === 'active',
      );
      expect(active.consultation.doctor).toMatchObject({ name: 'lek. Anna Nowak' });
    });
  });

  describe('only the two participants', () => {
    it('refuses another patient and another doctor on follow, chat and signal (NOT_FOUND), and they hear nothing', async () => {
      const { patient, id } = await activeConsultation();
      const stranger = await scenario.fullPatient();
      const otherDoctor = await scenario.otherDoctor();
      const patientPage = await open(stack.baseUrl, patient.client.accessToken!);
      patientPage.send({ type: 'follow', consultationId: id, afterSeq: 0 });
      await patientPage.next((frame) => frame.type === 'consultation');

      for (const intruder of [stranger.client, otherDoctor.client]) {
        const page = await open(replicaB.baseUrl, intruder.accessToken!);
        page.send({ type: 'follow', consultationId: id, afterSeq: 0 });
        expect(await page.next((frame) => frame.type === 'error')).toMatchObject({ code: 'NOT_FOUND' });
        page.send({ type: 'chat', consultationId: id, clientMessageId: 'x1', text: 'Podsłuch' });
        expect(await page.next((frame) => frame.type === 'error')).toMatchObject({
          code: 'NOT_FOUND',
          clientMessageId: 'x1',
        });
        page.send({ type: 'signal', consultationId: id, signal: { kind: 'offer', sdp: 'v=0' } });
        expect(await page.next((frame) => frame.type === 'error')).toMatchObject({ code: 'NOT_FOUND' });
        // Also over HTTP: each side's path refuses the other role (403) and answers 404 to its own.
        const isPatient = intruder === stranger.client;
        expect((await intruder.get(`/api/online/consultations/${id}/messages`)).status).toBe(isPatient ? 404 : 403);
        expect((await intruder.get(`/api/doctor/online/consultations/${id}/messages`)).status).toBe(
          isPatient ? 403 : 404,
        );
        const line = `p${[stranger.client, otherDoctor.client].indexOf(intruder)}`;
        patientPage.send({ type: 'chat', consultationId: id, clientMessageId: line, text: 'Tylko dla lekarza' });
        await patientPage.next((frame) => frame.type === 'ack');
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(page.frames.filter((frame) => frame.type === 'message' || frame.type === 'signal')).toEqual([]);
      }
      const transcript = await patient.client.get<ChatMessageView[]>(`/api/online/consultations/${id}/messages`);
      expect(transcript.body.map((message) => message.text)).toEqual(['Tylko dla lekarza', 'Tylko dla lekarza']);
    });

    it('refuses chat text over 2,000 characters and control characters, and chat after the end', async () => {
      const { patient, id } = await activeConsultation();
      const page = await open(stack.baseUrl, patient.client.accessToken!);
      page.send({ type: 'chat', consultationId: id, clientMessageId: 'long', text: 'x'.repeat(2001) });
      expect(await page.next((frame) => frame.type === 'error')).toMatchObject({
        code: 'VALIDATION_FAILED',
        clientMessageId: 'long',
      });
      page.send({ type: 'chat', consultationId: id, clientMessageId: 'esc', text: 'a\u001b[2Jb' });
      expect(await page.next((frame) => frame.type === 'error')).toMatchObject({ code: 'VALIDATION_FAILED' });
      page.send({ type: 'chat', consultationId: id, clientMessageId: 'max', text: 'ż'.repeat(2000) });
      expect(await page.next((frame) => frame.type === 'ack')).toMatchObject({ clientMessageId: 'max', seq: 1 });
      await doctor.post(`/api/doctor/online/consultations/${id}/end`, {
        notes: '',
        diagnoses: [],
        recommendations: 'Odpoczynek.',
        referrals: [],
      });
      page.send({ type: 'chat', consultationId: id, clientMessageId: 'late', text: 'Jeszcze jedno' });
      expect(await page.next((frame) => frame.type === 'error')).toMatchObject({ code: 'ONLINE_CONSULTATION_CLOSED' });
    });
  });

  describe('the live path and the outbox behind it', () => {
    const outboxRow = async (id: string, seq: number) =>
      (
        await scenario.sql(
          `SELECT id, published_at FROM "consultations"."outbox"
            WHERE subject LIKE '%' || $1 AND (payload->>'seq')::int = $2`,
          [id, seq],
        )
      )[0] as { id: string; published_at: Date | null } | undefined;

    it('delivers a message to the peer on the other replica at once, without the relay’s poll, and marks its outbox row', async () => {
      const { patient, id } = await activeConsultation();
      const patientPage = await open(stack.baseUrl, patient.client.accessToken!);
      const doctorPage = await open(replicaB.baseUrl, doctor.accessToken!);
      for (const page of [patientPage, doctorPage]) {
        page.send({ type: 'follow', consultationId: id, afterSeq: 0 });
        await page.next((frame) => frame.type === 'consultation');
      }
      const sentAt = Date.now();
      patientPage.send({ type: 'chat', consultationId: id, clientMessageId: 'live1', text: 'Czy pan mnie słyszy?' });
      const delivered = await doctorPage.next<Extract<RealtimeServerFrame, { type: 'message' }>>(
        (frame) => frame.type === 'message',
        5_000,
      );
      // Far inside the relay's hour: the publish right after the commit carried it.
      expect(Date.now() - sentAt).toBeLessThan(5_000);
      expect(delivered.message).toMatchObject({
        seq: 1,
        author: 'patient',
        kind: 'text',
        text: 'Czy pan mnie słyszy?',
      });
      await eventually(async () => (await outboxRow(id, 1))?.published_at != null);
    });

    it('after a crash between commit and publish, the restarted relay delivers the entry once, and live ones follow', async () => {
      const { patient, id } = await activeConsultation();
      const patientPage = await open(stack.baseUrl, patient.client.accessToken!);
      const doctorPage = await open(replicaB.baseUrl, doctor.accessToken!);
      for (const page of [patientPage, doctorPage]) {
        page.send({ type: 'follow', consultationId: id, afterSeq: 0 });
        await page.next((frame) => frame.type === 'consultation');
      }
      const received = (page: RealtimeClient) => page.messages(id).map((message) => message.seq);
      patientPage.send({ type: 'chat', consultationId: id, clientMessageId: 'c1', text: 'Pierwsza' });
      await eventually(async () => received(doctorPage).includes(1));
      await eventually(async () => (await outboxRow(id, 1))?.published_at != null);

      // What a process that died right after its commit leaves: seq 2 and its outbox row, never published.
      // Seq 1's row lost its mark too (a crash before the mark): the relay publishes it again, pages show it once.
      const at = new Date().toISOString();
      await scenario.sql(`UPDATE "consultations"."online_consultations" SET last_seq = 2 WHERE id = $1`, [id]);
      await scenario.sql(
        `INSERT INTO "consultations"."online_messages" (consultation_id, seq, at, author, kind, text)
         VALUES ($1, 2, $2, 'patient', 'text', 'Druga, przed awarią')`,
        [id, at],
      );
      const [chat] = await scenario.sql(`SELECT subject FROM "consultations"."outbox" WHERE id = $1`, [
        (await outboxRow(id, 1))!.id,
      ]);
      await scenario.sql(`INSERT INTO "consultations"."outbox" (subject, payload, created_at) VALUES ($1, $2, $3)`, [
        chat!.subject,
        JSON.stringify({
          consultationId: id,
          seq: 2,
          at,
          author: 'patient',
          kind: 'text',
          text: 'Druga, przed awarią',
        }),
        at,
      ]);
      await scenario.sql(`UPDATE "consultations"."outbox" SET published_at = NULL WHERE id = $1`, [
        (await outboxRow(id, 1))!.id,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received(doctorPage)).toEqual([1]);

      // The restarted service's relay does not wait for its (hourly) poll.
      await stack.restart('consultations');
      await eventually(async () => received(doctorPage).includes(2));
      expect(doctorPage.messages(id).find((message) => message.seq === 2)).toMatchObject({
        author: 'patient',
        text: 'Druga, przed awarią',
      });
      await eventually(async () => (await outboxRow(id, 2))?.published_at != null);
      patientPage.send({ type: 'chat', consultationId: id, clientMessageId: 'c3', text: 'Trzecia' });
      await eventually(async () => received(doctorPage).includes(3) && received(patientPage).includes(3));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received(doctorPage)).toEqual([1, 2, 3]);
      expect(received(patientPage)).toEqual([1, 2, 3]);
    });
  });

  describe('chat and signalling across replicas', () => {
    it('relays WebRTC signals between the participants on different replicas and records the call', async () => {
      const { patient, id } = await activeConsultation('video');
      const patientPage = await open(stack.baseUrl, patient.client.accessToken!);
      const doctorPage = await open(replicaB.baseUrl, doctor.accessToken!);
      for (const page of [patientPage, doctorPage]) {
        page.send({ type: 'follow', consultationId: id, afterSeq: 0 });
        await page.next((frame) => frame.type === 'consultation');
      }
      doctorPage.send({ type: 'signal', consultationId: id, signal: { kind: 'offer', sdp: 'v=0 offer' } });
      expect(await patientPage.next((frame) => frame.type === 'signal')).toEqual({
        type: 'signal',
        consultationId: id,
        signal: { kind: 'offer', sdp: 'v=0 offer' },
      });
      patientPage.send({ type: 'signal', consultationId: id, signal: { kind: 'answer', sdp: 'v=0 answer' } });
      expect(await doctorPage.next((frame) => frame.type === 'signal')).toMatchObject({ signal: { kind: 'answer' } });
      doctorPage.send({ type: 'signal', consultationId: id, signal: { kind: 'ice', candidate: { candidate: 'a=1' } } });
      expect(await patientPage.next((frame) => frame.type === 'signal')).toMatchObject({
        signal: { kind: 'ice', candidate: { candidate: 'a=1' } },
      });
      doctorPage.send({ type: 'signal', consultationId: id, signal: { kind: 'hangup' } });
      await patientPage.next((frame) => frame.type === 'signal');
      const kinds = async () =>
        (await patient.client.get<ChatMessageView[]>(`/api/online/consultations/${id}/messages`)).body.map(
          (m) => m.kind,
        );
      await eventually(async () => (await kinds()).join() === 'call_started,call_ended');
      // Both pages get the transcript entries live.
      await patientPage.next((frame) => frame.type === 'message' && frame.message.kind === 'call_ended');
    });

    it('resumes after a gateway dies mid-chat: on the other replica every missed message once, in order, then live ones', async () => {
      const { patient, id } = await activeConsultation();
      const doomed = await stack.startGateway();
      const doctorPage = await open(replicaB.baseUrl, doctor.accessToken!);
      let patientPage = await open(doomed.baseUrl, patient.client.accessToken!);
      for (const page of [doctorPage, patientPage]) {
        page.send({ type: 'follow', consultationId: id, afterSeq: 0 });
        await page.next((frame) => frame.type === 'consultation');
      }
      const say = async (page: RealtimeClient, text: string) => {
        page.send({ type: 'chat', consultationId: id, clientMessageId: `m${text.replace(/\W/g, '')}`, text });
        return (await page.next<Extract<RealtimeServerFrame, { type: 'ack' }>>((frame) => frame.type === 'ack')).seq;
      };
      await say(patientPage, 'Dzień dobry, boli mnie gardło.');
      await say(doctorPage, 'Od kiedy?');
      await say(patientPage, 'Od wczoraj.');
      await eventually(async () => patientPage.messages(id).length === 3 && doctorPage.messages(id).length === 3);

      // The patient's gateway goes away while the doctor keeps writing.
      const closing = doomed.close();
      expect((await patientPage.closed).code).toBe(RealtimeCloseCode.GOING_AWAY);
      await closing;
      const seenBefore = patientPage.messages(id);
      for (const text of ['Gorączka?', 'Proszę zmierzyć.', 'Kaszel?', 'Suchy czy mokry?']) await say(doctorPage, text);

      patientPage = await open(replicaB.baseUrl, patient.client.accessToken!);
      patientPage.send({ type: 'follow', consultationId: id, afterSeq: seenBefore.at(-1)!.seq });
      await eventually(async () => patientPage.messages(id).length === 4);
      await say(doctorPage, 'Proszę napisać, gdy pani zmierzy.');
      await say(patientPage, '38,2.');
      await eventually(async () => patientPage.messages(id).length === 6);
      await new Promise((resolve) => setTimeout(resolve, 300));

      const received = [...seenBefore, ...patientPage.messages(id)];
      expect(received.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(received.map((message) => message.text)).toEqual([
        'Dzień dobry, boli mnie gardło.',
        'Od kiedy?',
        'Od wczoraj.',
        'Gorączka?',
        'Proszę zmierzyć.',
        'Kaszel?',
        'Suchy czy mokry?',
        'Proszę napisać, gdy pani zmierzy.',
        '38,2.',
      ]);
      expect(received.map((message) => message.author)).toEqual([
        'patient',
        'doctor',
        'patient',
        'doctor',
        'doctor',
        'doctor',
        'doctor',
        'doctor',
        'patient',
      ]);
      expect(doctorPage.messages(id).map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

      const ended = await doctor.post(`/api/doctor/online/consultations/${id}/end`, {
        notes: '',
        diagnoses: ['J02.9'],
        recommendations: 'Płukanie gardła.',
        referrals: [],
      });
      expect(ended.status).toBe(200);
      const visit = await patient.client.get(`/api/record/visits/${id}`);
      expect(visit.body.recommendations).toBe('Płukanie gardła.');
      expect(visit.body.online.transcript.map((message: ChatMessageView) => message.seq)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
      ]);
      expect(visit.body.online.transcript.at(-1)).toMatchObject({ author: 'system', kind: 'ended' });
    });

    it('re-sends a line whose ack was lost with the connection: stored once, acked with its seq, shown once', async () => {
      const { patient, id } = await activeConsultation();
      const doctorPage = await open(replicaB.baseUrl, doctor.accessToken!);
      doctorPage.send({ type: 'follow', consultationId: id, afterSeq: 0 });
      await doctorPage.next((frame) => frame.type === 'consultation');

      const lost = { ack: false };
      const page = new PageRealtimeClient({
        url: `${stack.baseUrl.replace(/^http/, 'ws')}/api/realtime`,
        createSocket: (url) => socketLosingFirstAck(url, lost),
        getAccessToken: () => patient.client.accessToken ?? null,
        refreshAccessToken: async () => false,
        initialDelayMs: 50,
        maxDelayMs: 200,
      });
      const acks: Array<{ clientMessageId: string; seq: number }> = [];
      const shown: ChatMessageView[] = [];
      page.on('ack', ({ clientMessageId, seq }) => acks.push({ clientMessageId, seq }));
      page.follow(id, (message) => shown.push(message));
      page.start();
      try {
        await eventually(async () => page.getStatus() === 'open');
        page.send({ type: 'chat', consultationId: id, clientMessageId: 'line-1', text: 'Czy pan mnie słyszy?' });
        // The first ack is lost with the connection; the client reconnects, resumes and sends the line again.
        await eventually(async () => acks.length === 1);
        expect(lost.ack).toBe(true);
        expect(acks).toEqual([{ clientMessageId: 'line-1', seq: 1 }]);
        page.send({ type: 'chat', consultationId: id, clientMessageId: 'line-2', text: 'Halo?' });
        await eventually(async () => acks.length === 2 && shown.length === 2 && doctorPage.messages(id).length === 2);
        expect(acks[1]).toEqual({ clientMessageId: 'line-2', seq: 2 });

        const transcript = await patient.client.get<ChatMessageView[]>(`/api/online/consultations/${id}/messages`);
        expect(transcript.body.map((message) => [message.seq, message.text])).toEqual([
          [1, 'Czy pan mnie słyszy?'],
          [2, 'Halo?'],
        ]);
        expect(shown.map((message) => message.seq)).toEqual([1, 2]);
        expect(doctorPage.messages(id).map((message) => message.text)).toEqual(['Czy pan mnie słyszy?', 'Halo?']);
      } finally {
        page.stop();
      }
    });
  });
});
