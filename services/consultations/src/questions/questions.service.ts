import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  MAX_OPEN_QUESTIONS_PER_VISIT,
  type Actor,
  type AnswerQuestionCommand,
  type AskQuestionCommand,
  type DoctorQuestionView,
  type QuestionStatus,
  type QuestionView,
} from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { ConsultationsConfig } from '../config';
import { RecordRepository } from '../record/record.repository';
import { mapQuestion } from '../record/record-views';
import { QuestionsRepository } from './questions.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** "Zapytaj lekarza": a patient asks about a completed visit, its doctor answers. */
@Injectable()
export class QuestionsService {
  constructor(
    private readonly questions: QuestionsRepository,
    private readonly record: RecordRepository,
    private readonly config: ConsultationsConfig,
    private readonly clock: Clock,
  ) {}

  async ask(patient: Actor, command: AskQuestionCommand): Promise<QuestionView> {
    const visit = await this.record.visitOf(patient.id, command.appointmentId);
    if (!visit) throw new DomainError(ErrorCode.NOT_FOUND, 'No such visit.');
    const now = this.clock.now();
    const closesAt = new Date(visit.completedAt.getTime() + this.config.QUESTION_WINDOW_DAYS * DAY_MS);
    if (now.getTime() >= closesAt.getTime()) {
      throw new DomainError(ErrorCode.QUESTION_WINDOW_CLOSED, 'Questions about this visit are closed.', {
        closedAt: closesAt.toISOString(),
      });
    }
    const question = await this.questions.ask(
      {
        appointmentId: visit.appointmentId,
        patientId: patient.id,
        doctorAccountId: visit.doctorAccountId,
        text: command.text,
        askedAt: now,
      },
      MAX_OPEN_QUESTIONS_PER_VISIT,
    );
    if (!question) {
      throw new DomainError(ErrorCode.QUESTION_LIMIT_REACHED, 'This visit already has the most open questions.', {
        limit: MAX_OPEN_QUESTIONS_PER_VISIT,
      });
    }
    return mapQuestion(question);
  }

  async listOfPatient(patient: Actor): Promise<QuestionView[]> {
    return (await this.questions.listOfPatient(patient.id)).map(mapQuestion);
  }

  async listOfDoctor(doctor: Actor, status: QuestionStatus): Promise<DoctorQuestionView[]> {
    return (await this.questions.listOfDoctor(doctor.id, status)).map((row) => ({
      ...mapQuestion(row),
      patientId: row.patientId,
      visit: { startsAt: row.visitStartsAt.toISOString(), service: { id: row.serviceId, name: row.serviceName } },
    }));
  }

  async answer(doctor: Actor, command: AnswerQuestionCommand): Promise<QuestionView> {
    const answered = await this.questions.answer(command.questionId, doctor.id, command.text, this.clock.now());
    if (answered) return mapQuestion(answered);
    const existing = await this.questions.findOfDoctor(command.questionId, doctor.id);
    if (!existing) throw new DomainError(ErrorCode.NOT_FOUND, 'No such question.');
    throw new DomainError(ErrorCode.QUESTION_ALREADY_ANSWERED, 'The question has been answered already.');
  }
}
