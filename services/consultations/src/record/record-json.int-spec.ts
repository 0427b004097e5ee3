import { Subjects, type RecordVisitPage } from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import { QuestionEntity } from '../questions/question.entity';
import { DAY, startConsultations, type ConsultationsTestKit } from '../testing/record-factory';
import { RecordService } from './record.service';

/**
 * The record page PostgreSQL renders (what the patient's portal gets) must be
 * exactly the page the entity mappers build: same fields, values and order.
 */
describe('the record page rendered by PostgreSQL', () => {
  let kit: ConsultationsTestKit;

  beforeAll(async () => {
    kit = await startConsultations();
  });
  afterAll(() => kit?.close());

  it('equals the mapped page, with referrals of every status, questions and text that needs escaping', async () => {
    const patient = newActor({ level: 'full' });
    const now = kit.clock.now();
    const at = (days: number) => new Date(now.getTime() + days * DAY);
    const tricky = await kit.factory.newVisit({
      patientId: patient.id,
      startsAt: at(-3),
      completedAt: new Date(at(-3).getTime() + 1234),
      recommendations: 'Dawka "2 × 5 mg"\nrano\\wieczorem — żółć </script>',
      diagnoses: [
        { code: 'I10', name: 'Samoistne (pierwotne) nadciśnienie' },
        { code: 'E78.0', name: 'Czysta hipercholesterolemia' },
      ],
      channel: 'video',
      serviceKind: 'rehabilitation',
    });
    const plain = await kit.factory.newVisit({ patientId: patient.id, startsAt: at(-40), diagnoses: [] });
    // Same start as `plain`: the appointment id breaks the tie.
    const twin = await kit.factory.newVisit({ patientId: patient.id, startsAt: at(-40) });
    await kit.factory.newVisit({ patientId: patient.id, status: 'no_show', startsAt: at(-2) });
    await kit.factory.newVisit({ startsAt: at(-1) });
    await kit.factory.newReferral({ appointmentId: tricky.appointmentId, patientId: patient.id, issuedAt: at(-3) });
    await kit.factory.newReferral({
      appointmentId: tricky.appointmentId,
      patientId: patient.id,
      issuedAt: at(-3),
      sessionsUsed: 3,
      kind: 'specialist',
    });
    await kit.factory.newReferral({
      appointmentId: plain.appointmentId,
      patientId: patient.id,
      issuedAt: at(-40),
      validUntil: at(-1),
    });
    const questions = kit.dataSource.getRepository(QuestionEntity);
    await questions.insert([
      {
        id: randomUUID(),
        appointmentId: tricky.appointmentId,
        patientId: patient.id,
        doctorAccountId: tricky.doctorAccountId,
        text: 'Czy mogę "ćwiczyć"?\t',
        askedAt: at(-2),
        status: 'answered',
        answer: 'Tak, ostrożnie.',
        answeredAt: at(-1),
      },
      {
        id: randomUUID(),
        appointmentId: tricky.appointmentId,
        patientId: patient.id,
        doctorAccountId: tricky.doctorAccountId,
        text: 'A basen?',
        askedAt: at(-1),
        status: 'open',
        answer: null,
        answeredAt: null,
      },
    ]);
    const record = kit.service.get(RecordService);

    for (const query of [
      {},
      { limit: 1, offset: 1 },
      { kind: 'consultation' as const },
      { from: at(-10).toISOString() },
    ]) {
      const rendered = JSON.parse((await record.list(patient, query)).json) as RecordVisitPage;
      expect(rendered).toEqual(await record.page(patient, query));
    }
    const first = JSON.parse((await record.list(patient, {})).json) as RecordVisitPage;
    expect(first.total).toBe(3);
    expect(first.items.map((visit) => visit.id)).toEqual([
      tricky.appointmentId,
      ...[plain.appointmentId, twin.appointmentId].sort(),
    ]);
    expect(first.items[0]!.referrals.map((referral) => referral.status).sort()).toEqual(['active', 'used']);
    expect(first.items[0]!.questions.map((question) => question.status)).toEqual(['answered', 'open']);
    expect(first.items.find((visit) => visit.id === plain.appointmentId)!.referrals[0]!.status).toBe('expired');

    // Through the bus as well: the reply embeds the text and parses to the page.
    const overBus = await kit.request<RecordVisitPage>(Subjects.consultations.listRecordVisits, patient, {});
    expect(overBus).toEqual(first);
    const empty = await kit.request<RecordVisitPage>(
      Subjects.consultations.listRecordVisits,
      newActor({ level: 'full' }),
      {},
    );
    expect(empty).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
  });
});
