import { Controller } from '@nestjs/common';
import {
  AnswerQuestionCommand,
  AskQuestionCommand,
  DoctorQuestionsDto,
  Subjects,
  type BusRequest,
  type DoctorQuestionView,
  type QuestionView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireDoctor, requireFullPatient } from '../actors';
import { QuestionsService } from './questions.service';

@Controller()
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @BusHandler(Subjects.consultations.askQuestion)
  ask(payload: BusRequest): Promise<QuestionView> {
    const patient = requireFullPatient(payload.actor);
    return this.questions.ask(patient, validateInput(AskQuestionCommand, payload.data));
  }

  @BusHandler(Subjects.consultations.listQuestions)
  list(payload: BusRequest): Promise<QuestionView[]> {
    return this.questions.listOfPatient(requireFullPatient(payload.actor));
  }

  @BusHandler(Subjects.consultations.doctorListQuestions)
  doctorList(payload: BusRequest): Promise<DoctorQuestionView[]> {
    const doctor = requireDoctor(payload.actor);
    return this.questions.listOfDoctor(doctor, validateInput(DoctorQuestionsDto, payload.data).status ?? 'open');
  }

  @BusHandler(Subjects.consultations.answerQuestion)
  answer(payload: BusRequest): Promise<QuestionView> {
    const doctor = requireDoctor(payload.actor);
    return this.questions.answer(doctor, validateInput(AnswerQuestionCommand, payload.data));
  }
}
