import { Subjects, type RecordVisitPage, type RecordVisitView } from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { DAY, startConsultations, type ConsultationsTestKit } from '../testing/record-factory';

describe('the patient’s record of visits', () => {
  let kit: ConsultationsTestKit;

  beforeAll(async () => {
    kit = await startConsultations();
  });
  afterAll(() => kit?.close());

  it('lists completed visits newest first with diagnoses and referrals, filtered and paged, without notes', async () => {
    const patient = newActor({ level: 'full' });
    const now = kit.clock.now().getTime();
    const visits = [];
    for (let i = 0; i < 5; i += 1) {
      visits.push(
        await kit.factory.newVisit({
          patientId: patient.id,
          startsAt: new Date(now - (i + 1) * 30 * DAY),
          serviceKind: i === 2 ? 'test' : 'consultation',
        }),
      );
    }
    await kit.factory.newVisit({ patientId: patient.id, status: 'no_show' });
    await kit.factory.newVisit();
    const referral = await kit.factory.newReferral({ appointmentId: visits[0]!.appointmentId, patientId: patient.id });

    const page = await kit.request<RecordVisitPage>(Subjects.consultations.listRecordVisits, patient, { limit: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((visit) => visit.id)).toEqual([visits[0]!.appointmentId, visits[1]!.appointmentId]);
    expect(page.items[0]).toMatchObject({
      diagnoses: [{ code: 'I10', name: 'Samoistne (pierwotne) nadciśnienie' }],
      referrals: [expect.objectContaining({ id: referral.id, sessionsLeft: 3, status: 'active' })],
      recommendations: 'Zalecenia',
    });
    expect(page.items[0]).not.toHaveProperty('notes');

    const second = await kit.request<RecordVisitPage>(Subjects.consultations.listRecordVisits, patient, {
      limit: 2,
      offset: 2,
    });
    expect(second.items.map((visit) => visit.id)).toEqual([visits[2]!.appointmentId, visits[3]!.appointmentId]);

    const tests = await kit.request<RecordVisitPage>(Subjects.consultations.listRecordVisits, patient, {
      kind: 'test',
    });
    expect(tests.items.map((visit) => visit.id)).toEqual([visits[2]!.appointmentId]);
    const window = await kit.request<RecordVisitPage>(Subjects.consultations.listRecordVisits, patient, {
      from: new Date(now - 95 * DAY).toISOString(),
      to: new Date(now - 45 * DAY).toISOString(),
    });
    expect(window.items.map((visit) => visit.id)).toEqual([visits[1]!.appointmentId, visits[2]!.appointmentId]);
  });

  it('answers one visit to its patient only, 404 to anybody else and VERIFICATION_REQUIRED to a basic account', async () => {
    const patient = newActor({ level: 'full' });
    const visit = await kit.factory.newVisit({ patientId: patient.id });
    const own = await kit.request<RecordVisitView>(Subjects.consultations.getRecordVisit, patient, {
      id: visit.appointmentId,
    });
    expect(own).toMatchObject({ id: visit.appointmentId, doctor: { name: 'lek. Anna Testowa' } });
    const stranger = newActor({ level: 'full' });
    expect((await kit.failure(Subjects.consultations.getRecordVisit, stranger, { id: visit.appointmentId })).code).toBe(
      'NOT_FOUND',
    );
    const basic = newActor({ id: patient.id, level: 'basic' });
    expect((await kit.failure(Subjects.consultations.listRecordVisits, basic, {})).code).toBe('VERIFICATION_REQUIRED');
  });
});
