import { Subjects, type DoctorQuestionView, type QuestionView } from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { DAY, startConsultations, type ConsultationsTestKit } from '../testing/record-factory';

describe('questions about a completed visit', () => {
  let kit: ConsultationsTestKit;

  beforeAll(async () => {
    kit = await startConsultations({ QUESTION_WINDOW_DAYS: '14' });
  });
  afterAll(() => kit?.close());

  async function visitOfPatient() {
    const patient = newActor({ level: 'full' });
    const doctor = newActor({ roles: ['doctor'], level: 'full' });
    const visit = await kit.factory.newVisit({ patientId: patient.id, doctorAccountId: doctor.id });
    const ask = (text = 'Czy mogę wrócić do pracy?') =>
      kit.request<QuestionView>(Subjects.consultations.askQuestion, patient, {
        appointmentId: visit.appointmentId,
        text,
      });
    return { patient, doctor, visit, ask };
  }

  it('takes at most 3 open questions per visit, also when 10 arrive at once', async () => {
    const { visit, ask } = await visitOfPatient();
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => ask(`Pytanie ${i}`)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
    const codes = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [(outcome.reason as { code: string }).code] : [],
    );
    expect(codes).toEqual(Array(7).fill('QUESTION_LIMIT_REACHED'));
    const stored = await kit.dataSource.query(
      `SELECT count(*)::int AS n FROM "consultations"."questions" WHERE appointment_id = $1`,
      [visit.appointmentId],
    );
    expect(stored[0].n).toBe(3);
  });

  it('reopens a place once the doctor answers, and the patient reads the answer', async () => {
    const { patient, doctor, ask } = await visitOfPatient();
    const first = await ask('Pierwsze');
    await ask('Drugie');
    await ask('Trzecie');
    const answered = await kit.request<QuestionView>(Subjects.consultations.answerQuestion, doctor, {
      questionId: first.id,
      text: 'Tak, od poniedziałku.',
    });
    expect(answered).toMatchObject({ status: 'answered', answer: 'Tak, od poniedziałku.' });
    expect(await ask('Czwarte')).toMatchObject({ status: 'open' });
    const again = await kit.failure(Subjects.consultations.answerQuestion, doctor, { questionId: first.id, text: 'x' });
    expect(again.code).toBe('QUESTION_ALREADY_ANSWERED');

    const mine = await kit.request<QuestionView[]>(Subjects.consultations.listQuestions, patient, {});
    expect(mine.find((question) => question.id === first.id)).toMatchObject({ answer: 'Tak, od poniedziałku.' });
  });

  it('closes questions QUESTION_WINDOW_DAYS after completion', async () => {
    const { ask } = await visitOfPatient();
    kit.clock.advance(14 * DAY - 1000);
    await expect(ask()).resolves.toMatchObject({ status: 'open' });
    kit.clock.advance(1000);
    await expect(ask()).rejects.toMatchObject({ code: 'QUESTION_WINDOW_CLOSED' });
    kit.clock.advance(-14 * DAY);
  });

  it('shows the doctor only questions about their own visits, oldest first; others answer 404', async () => {
    const { doctor, visit, ask } = await visitOfPatient();
    const older = await ask('Starsze');
    kit.clock.advance(60_000);
    const newer = await ask('Nowsze');
    const list = await kit.request<DoctorQuestionView[]>(Subjects.consultations.doctorListQuestions, doctor, {
      status: 'open',
    });
    expect(list.map((question) => question.id)).toEqual([older.id, newer.id]);
    expect(list[0]).toMatchObject({ patientId: visit.patientId, visit: { service: { name: visit.serviceName } } });

    const otherDoctor = newActor({ roles: ['doctor'], level: 'full' });
    expect(await kit.request(Subjects.consultations.doctorListQuestions, otherDoctor, {})).toEqual([]);
    const foreign = await kit.failure(Subjects.consultations.answerQuestion, otherDoctor, {
      questionId: older.id,
      text: 'x',
    });
    expect(foreign.code).toBe('NOT_FOUND');
  });

  it('refuses another patient’s visit (404), a basic account, control characters and 2,001 characters', async () => {
    const { visit, patient } = await visitOfPatient();
    const stranger = newActor({ level: 'full' });
    const data = { appointmentId: visit.appointmentId, text: 'Pytanie' };
    expect((await kit.failure(Subjects.consultations.askQuestion, stranger, data)).code).toBe('NOT_FOUND');
    const basic = newActor({ id: patient.id, level: 'basic' });
    expect((await kit.failure(Subjects.consultations.askQuestion, basic, data)).code).toBe('VERIFICATION_REQUIRED');
    const control = { ...data, text: 'Pytanie\u001b[31m' };
    expect((await kit.failure(Subjects.consultations.askQuestion, patient, control)).code).toBe('VALIDATION_FAILED');
    const long = { ...data, text: 'x'.repeat(2001) };
    expect((await kit.failure(Subjects.consultations.askQuestion, patient, long)).code).toBe('VALIDATION_FAILED');
    await expect(
      kit.request(Subjects.consultations.askQuestion, patient, { ...data, text: 'ż'.repeat(2000) }),
    ).resolves.toMatchObject({ status: 'open' });
  });
});
