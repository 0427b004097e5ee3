import type { OnlineConsultationView, OnlineSpecialtyView, RecordVisitView } from '@pacjent/contracts';
import { startTestService } from '@pacjent/testing';
import type { INestMicroservice } from '@nestjs/common';
import { ConsultationsDefinition } from '../../services/consultations/src/app';
import type { ApiClient } from '../support/http';
import { OnlineScenario } from '../support/online';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(120_000);

describe('online consultations: the queue, take next, the end in the record (HTTP)', () => {
  let stack: Stack;
  let scenario: OnlineScenario;
  let doctor: ApiClient;

  beforeAll(async () => {
    stack = await startStack();
    scenario = new OnlineScenario(stack);
    doctor = await scenario.demoDoctor();
  }, 180_000);
  afterAll(() => stack?.close(), 60_000);

  /** Empties the Internista queue (left over by an earlier test) by leaving as nobody: straight in the database. */
  async function clearQueue(): Promise<void> {
    await scenario.sql(`UPDATE "consultations"."online_consultations" SET status = 'left' WHERE status = 'waiting'`);
  }

  it('puts the demo doctor on duty for Internista at start, and lists the specialties offered online', async () => {
    const patient = await scenario.fullPatient();
    const { status, body } = await patient.client.get<OnlineSpecialtyView[]>('/api/online/specialties');
    expect(status).toBe(200);
    const internist = body.find((item) => item.specialty === 'Internista');
    expect(internist).toEqual({
      specialty: 'Internista',
      forms: ['chat', 'voice', 'video'],
      doctorsOnDuty: 1,
      waiting: expect.any(Number),
      estimatedWaitMinutes: expect.any(Number),
    });
    expect(body.find((item) => item.specialty === 'Kardiolog')).toMatchObject({
      forms: ['chat', 'voice'],
      doctorsOnDuty: 0,
      estimatedWaitMinutes: null,
    });
    // Only consultations by phone or video are offered online.
    expect(body.map((item) => item.specialty)).not.toContain('Okulista');
    const duty = await doctor.get('/api/doctor/online/duty');
    expect(duty.body).toMatchObject({ onDuty: true, specialties: ['Internista'], forms: ['chat', 'voice', 'video'] });
  });

  it('gives both ends of a call the ICE servers: the patient and the doctor', async () => {
    const patient = await scenario.fullPatient();
    for (const client of [patient.client, doctor]) {
      const { status, body } = await client.get('/api/online/config');
      expect(status).toBe(200);
      expect(body).toMatchObject({ iceServers: [], chatMessageMaxLength: 2000 });
    }
  });

  it('queues patients oldest first with their positions; one open consultation each; leaving moves the others up', async () => {
    await clearQueue();
    const first = await scenario.waiting();
    const second = await scenario.waiting();
    expect(first.consultation).toMatchObject({ status: 'waiting', position: 1, specialty: 'Internista', form: 'chat' });
    expect(second.consultation).toMatchObject({ status: 'waiting', position: 2, doctor: null });
    // One doctor, ten minutes each until measured: the second waits about one consultation.
    expect(second.consultation.estimatedWaitMinutes).toBe(10);

    const again = await first.client.post('/api/online/consultations', { specialty: 'Internista', form: 'video' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ONLINE_CONSULTATION_OPEN');

    const queue = await doctor.get<OnlineConsultationView[]>('/api/doctor/online/queue');
    expect(queue.body.map((item) => item.id)).toEqual([first.consultation.id, second.consultation.id]);
    const list = await first.client.get<OnlineSpecialtyView[]>('/api/online/specialties');
    expect(list.body.find((item) => item.specialty === 'Internista')!.waiting).toBe(2);

    const left = await first.client.call('DELETE', `/api/online/consultations/${first.consultation.id}`);
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ status: 'left', position: null });
    const moved = await second.client.get(`/api/online/consultations/${second.consultation.id}`);
    expect(moved.body).toMatchObject({ status: 'waiting', position: 1, estimatedWaitMinutes: 0 });
    // Having left, the patient may start again.
    const restarted = await first.client.post('/api/online/consultations', { specialty: 'Internista', form: 'voice' });
    expect(restarted.status).toBe(201);
    expect(restarted.body.position).toBe(2);
  });

  it('refuses basic accounts (VERIFICATION_REQUIRED), patients on the doctor’s side, other patients (404), bad input', async () => {
    const basic = await scenario.basicPatient();
    for (const [method, path] of [
      ['GET', '/api/online/specialties'],
      ['POST', '/api/online/consultations'],
    ] as const) {
      const answer = await basic.call(method, path, {
        body: method === 'POST' ? { specialty: 'Internista', form: 'chat' } : undefined,
      });
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('VERIFICATION_REQUIRED');
    }
    const mine = await scenario.waiting();
    const stranger = await scenario.fullPatient();
    for (const path of [
      `/api/online/consultations/${mine.consultation.id}`,
      `/api/online/consultations/${mine.consultation.id}/messages`,
    ]) {
      expect((await stranger.client.get(path)).status).toBe(404);
    }
    expect((await stranger.client.call('DELETE', `/api/online/consultations/${mine.consultation.id}`)).status).toBe(
      404,
    );
    expect((await stranger.client.get('/api/online/consultations/not-a-uuid')).status).toBe(404);
    for (const path of ['/api/doctor/online/queue', '/api/doctor/online/duty']) {
      expect((await mine.client.get(path)).status).toBe(403);
    }
    expect((await mine.client.post('/api/doctor/online/take-next')).status).toBe(403);
    // A doctor who has not taken it does not see it either.
    expect((await doctor.get(`/api/doctor/online/consultations/${mine.consultation.id}`)).status).toBe(404);

    for (const body of [
      { specialty: 'Internista', form: 'fax' },
      { specialty: 'Internista\u0000', form: 'chat' },
      { specialty: 'x'.repeat(500), form: 'chat' },
      { specialty: 'Internista', form: 'chat', patientId: stranger.id },
    ]) {
      const refused = await stranger.client.post('/api/online/consultations', body);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
    const unknown = await stranger.client.post('/api/online/consultations', { specialty: 'Okulista', form: 'chat' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('SPECIALTY_NOT_OFFERED');
    const notMine = await doctor.call('PUT', '/api/doctor/online/duty', {
      body: { specialties: ['Pediatra'], forms: ['chat'] },
    });
    expect(notMine.status).toBe(422);
    expect(notMine.body.code).toBe('SPECIALTY_NOT_OFFERED');
  });

  it('proposes booking’s next free phone and video slots when nobody is on duty', async () => {
    const patient = await scenario.fullPatient();
    const refused = await patient.client.post('/api/online/consultations', { specialty: 'Pediatra', form: 'video' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('NO_DOCTOR_ON_DUTY');
    const { status, body } = await patient.client.get('/api/online/specialties/Pediatra/fallback-slots');
    expect(status).toBe(200);
    expect(body.reason).toBe('nobody_on_duty');
    expect(body.phone.length).toBeGreaterThan(0);
    expect(body.video.length).toBeGreaterThan(0);
    for (const [channel, slots] of [
      ['phone', body.phone],
      ['video', body.video],
    ] as const) {
      for (const slot of slots) {
        expect(slot).toMatchObject({ channel, service: { name: 'Konsultacja pediatryczna' } });
      }
      const starts = slots.map((slot: { startsAt: string }) => slot.startsAt);
      expect([...starts].sort()).toEqual(starts);
    }
    // The slot is bookable the usual way.
    const booked = await patient.client.post('/api/appointments', { slotId: body.video[0].id });
    expect(booked.status).toBe(201);
    const internist = await patient.client.get('/api/online/specialties/Internista/fallback-slots');
    expect(internist.body.reason).toBeNull();
    expect((await patient.client.get('/api/online/specialties/Nieznana/fallback-slots')).status).toBe(404);
  });

  it('hands the oldest waiting patient to the doctor; the end files the visit with its outcome and transcript in the history', async () => {
    await clearQueue();
    const older = await scenario.waiting('Internista', 'video');
    const newer = await scenario.waiting();
    const taken = await doctor.post<OnlineConsultationView>('/api/doctor/online/take-next');
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({
      id: older.consultation.id,
      status: 'active',
      doctor: { name: 'lek. Anna Nowak' },
    });
    const seen = await older.client.get(`/api/online/consultations/${older.consultation.id}`);
    expect(seen.body).toMatchObject({ status: 'active', position: null, doctor: { name: 'lek. Anna Nowak' } });
    expect((await newer.client.get(`/api/online/consultations/${newer.consultation.id}`)).body.position).toBe(1);
    // The consultation is a relation: the doctor may read the patient's record now.
    expect((await doctor.get(`/api/doctor/patients/${older.id}/record`)).status).toBe(200);

    const early = await doctor.post(`/api/doctor/online/consultations/${newer.consultation.id}/end`, {
      notes: '',
      diagnoses: [],
      recommendations: '',
      referrals: [],
    });
    expect(early.status).toBe(404);
    const ended = await doctor.post(`/api/doctor/online/consultations/${older.consultation.id}/end`, {
      notes: 'Kaszel od tygodnia.',
      diagnoses: ['J06.9'],
      recommendations: 'Dużo płynów, kontrola za tydzień.',
      referrals: [],
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endedAt: expect.any(String) });
    const twice = await doctor.post(`/api/doctor/online/consultations/${older.consultation.id}/end`, {
      notes: '',
      diagnoses: [],
      recommendations: '',
      referrals: [],
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ONLINE_CONSULTATION_CLOSED');

    const history = await older.client.get<{ items: RecordVisitView[] }>('/api/record/visits');
    const visit = history.body.items.find((item) => item.id === older.consultation.id);
    expect(visit).toMatchObject({
      status: 'completed',
      channel: 'video',
      service: { name: 'Konsultacja internistyczna', kind: 'consultation' },
      doctor: { name: 'lek. Anna Nowak' },
      recommendations: 'Dużo płynów, kontrola za tydzień.',
      diagnoses: [{ code: 'J06.9', name: expect.any(String) }],
      online: {
        consultationId: older.consultation.id,
        form: 'video',
        transcript: [
          { seq: 1, author: 'system', kind: 'ended', consultationId: older.consultation.id, at: expect.any(String) },
        ],
      },
    });
    const one = await older.client.get<RecordVisitView>(`/api/record/visits/${older.consultation.id}`);
    expect(one.body.online?.transcript).toHaveLength(1);
    expect((await newer.client.get(`/api/record/visits/${older.consultation.id}`)).status).toBe(404);
  });

  it('gives each of 10 waiting patients to exactly one doctor under 50 concurrent take-next on two replicas', async () => {
    await clearQueue();
    const replica: INestMicroservice = await startTestService(ConsultationsDefinition);
    try {
      const other = await scenario.otherDoctor();
      await scenario.onDuty(other.client);
      const waiting = [];
      for (let i = 0; i < 10; i += 1) waiting.push(await scenario.waiting());
      const doctors = [doctor, other.client];
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          doctors[i % 2]!.post<OnlineConsultationView>('/api/doctor/online/take-next'),
        ),
      );
      const taken = answers.filter((answer) => answer.status === 200).map((answer) => answer.body.id);
      expect(taken).toHaveLength(10);
      expect(new Set(taken).size).toBe(10);
      expect(new Set(taken)).toEqual(new Set(waiting.map((patient) => patient.consultation.id)));
      const refused = answers.filter((answer) => answer.status !== 200);
      expect(refused.map((answer) => (answer.body as unknown as { code: string }).code)).toEqual(
        Array(40).fill('ONLINE_QUEUE_EMPTY'),
      );
      const rows = await scenario.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM "consultations"."online_consultations" WHERE id = ANY($1::uuid[]) AND status = 'active'`,
        [taken],
      );
      expect(rows[0]!.n).toBe(10);
    } finally {
      await replica.close();
    }
  });

  it('takes nothing off duty, and the specialty shows nobody on duty then', async () => {
    const other = await scenario.otherDoctor();
    const refused = await other.client.post('/api/doctor/online/take-next');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('NOT_ON_DUTY');
    await scenario.onDuty(other.client);
    const off = await other.client.call('DELETE', '/api/doctor/online/duty');
    expect(off.body).toMatchObject({ onDuty: false, available: { specialties: ['Internista'] } });
  });
});
