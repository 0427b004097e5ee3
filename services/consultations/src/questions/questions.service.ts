import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  MAX_OPEN_QUESTIONS_PER_VISIT,
  NOTIFICATION_TITLE_MAX_LENGTH,
  Subjects,
  type Actor,
  type AnswerQuestionCommand,
  type AskQuestionCommand,
  type DoctorQuestionView,
  type QuestionStatus,
  type QuestionAnsweredEvent,
  type QuestionView,
} from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { ConsultationsConfig } from '../config';
import { ConsultationsEvents } from '../events/consultations-events';
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
    private readonly events: ConsultationsEvents,
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
    const now = this.clock.now();
    // The patient is notified (booking's consumer makes the notification) only when this answer is stored.
    const answered = await this.questions.answer(
      command.questionId,
      doctor.id,
      command.text,
      now,
      async (tx, question) => {
        const event: QuestionAnsweredEvent = {
          patientId: question.patientId,
          questionId: question.questionId,
          appointmentId: question.appointmentId,
          title: question.serviceName.slice(0, NOTIFICATION_TITLE_MAX_LENGTH) || 'Wizyta',
          occurredAt: now.toISOString(),
        };
        await this.events.record(tx, Subjects.consultations.questionAnsweredEvent, [event]);
      },
    );
    if (answered) {
      void this.events.flush();
      return mapQuestion(answered);
    }
    const existing = await this.questions.findOfDoctor(command.questionId, doctor.id);
    if (!existing) throw new DomainError(ErrorCode.NOT_FOUND, 'No such question.');
    throw new DomainError(ErrorCode.QUESTION_ALREADY_ANSWERED, 'The question has been answered already.');
  }
}
