import { Subjects, type Actor, type ReferralReservation, type ReferralView } from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import { DAY, startConsultations, type ConsultationsTestKit } from '../testing/record-factory';

describe('referral sessions (booking reserves and releases them on consultations)', () => {
  let kit: ConsultationsTestKit;

  beforeAll(async () => {
    kit = await startConsultations();
  });
  afterAll(() => kit?.close());

  const reserve = (actor: Actor, data: Record<string, unknown>) =>
    kit.request<ReferralReservation>(Subjects.consultations.reserveReferralSession, actor, data);
  const release = (actor: Actor, { referralId, reservationId, patientId }: Record<string, unknown>) =>
    kit.request<{ released: boolean }>(Subjects.consultations.releaseReferralSession, actor, {
      referralId,
      reservationId,
      patientId,
    });
  const sessionsUsed = async (referralId: string): Promise<number> =>
    (await kit.dataSource.query(`SELECT sessions_used FROM "consultations"."referrals" WHERE id = $1`, [referralId]))[0]
      .sessions_used;

  async function setUp(overrides: Parameters<ConsultationsTestKit['factory']['newReferral']>[0] = {}) {
    const patientId = randomUUID();
    const referral = await kit.factory.newReferral({ patientId, ...overrides });
    const patient = newActor({ id: patientId, level: 'full' });
    const request = (reservationId = randomUUID()) => ({
      referralId: referral.id,
      reservationId,
      patientId,
      serviceId: referral.serviceId,
      startsAt: new Date(kit.clock.now().getTime() + 3 * DAY).toISOString(),
    });
    return { referral, patient, request };
  }

  it('reserves one session per reservation id, however often it is asked', async () => {
    const { referral, patient, request } = await setUp({ sessionsTotal: 5 });
    const first = request();
    expect(await reserve(patient, first)).toEqual({
      referralId: referral.id,
      reservationId: first.reservationId,
      sessionsLeft: 4,
    });
    expect(await reserve(patient, first)).toMatchObject({ sessionsLeft: 4 });
    expect(await reserve(patient, request())).toMatchObject({ sessionsLeft: 3 });
    expect(await sessionsUsed(referral.id)).toBe(2);
  });

  it('gives a session back once, and a release that overtakes its reservation keeps the session', async () => {
    const { referral, patient, request } = await setUp({ sessionsTotal: 2 });
    const booked = request();
    await reserve(patient, booked);
    expect(await release(patient, booked)).toEqual({ released: true });
    expect(await release(patient, booked)).toEqual({ released: false });
    expect(await sessionsUsed(referral.id)).toBe(0);

    const late = request();
    expect(await release(patient, late)).toEqual({ released: false });
    expect((await kit.failure(Subjects.consultations.reserveReferralSession, patient, late)).code).toBe(
      'REFERRAL_REQUIRED',
    );
    expect(await sessionsUsed(referral.id)).toBe(0);
  });

  it('refuses with REFERRAL_REQUIRED a referral that is somebody else’s, for another service, expired or used up', async () => {
    const { patient, request } = await setUp({ sessionsTotal: 1 });
    const stranger = newActor({ level: 'full' });
    const refused = async (actor: Actor, data: Record<string, unknown>) =>
      (await kit.failure(Subjects.consultations.reserveReferralSession, actor, data)).code;

    expect(await refused(stranger, { ...request(), patientId: stranger.id })).toBe('REFERRAL_REQUIRED');
    expect(await refused(stranger, request())).toBe('REFERRAL_REQUIRED');
    expect(await refused(patient, { ...request(), serviceId: randomUUID() })).toBe('REFERRAL_REQUIRED');
    expect(await refused(patient, { ...request(), referralId: randomUUID() })).toBe('REFERRAL_REQUIRED');
    const afterExpiry = new Date(kit.clock.now().getTime() + 91 * DAY).toISOString();
    expect(await refused(patient, { ...request(), startsAt: afterExpiry })).toBe('REFERRAL_REQUIRED');
    await reserve(patient, request());
    expect(await refused(patient, request())).toBe('REFERRAL_REQUIRED');

    const expired = await setUp({
      issuedAt: new Date(kit.clock.now().getTime() - 100 * DAY),
      validUntil: new Date(kit.clock.now().getTime() - DAY),
    });
    expect(await refused(expired.patient, expired.request())).toBe('REFERRAL_REQUIRED');
  });

  it('lets exactly as many of 12 parallel reservations through as the referral has sessions', async () => {
    const { referral, patient, request } = await setUp({ sessionsTotal: 4 });
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => reserve(patient, request())));
    const reserved = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter(
      (outcome) => outcome.status === 'rejected' && (outcome.reason as { code: string }).code === 'REFERRAL_REQUIRED',
    );
    expect(reserved).toHaveLength(4);
    expect(refused).toHaveLength(8);
    expect(await sessionsUsed(referral.id)).toBe(4);
  });

  it('lists the patient’s own referrals with sessions used and left, and a status', async () => {
    const { referral, patient, request } = await setUp({ sessionsTotal: 2 });
    await reserve(patient, request());
    const other = await setUp();
    const list = await kit.request<ReferralView[]>(Subjects.consultations.listReferrals, patient, {});
    expect(list).toEqual([
      expect.objectContaining({ id: referral.id, sessionsUsed: 1, sessionsLeft: 1, status: 'active' }),
    ]);
    expect(list.map((item) => item.id)).not.toContain(other.referral.id);
    await reserve(patient, request());
    expect((await kit.request<ReferralView[]>(Subjects.consultations.listReferrals, patient, {}))[0]!.status).toBe(
      'used',
    );
    const basic = newActor({ id: patient.id, level: 'basic' });
    expect((await kit.failure(Subjects.consultations.listReferrals, basic, {})).code).toBe('VERIFICATION_REQUIRED');
  });
});
