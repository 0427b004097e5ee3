import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  type Actor,
  type ListRecordVisitsDto,
  type RecordVisitPage,
  type RecordVisitView,
} from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { mapMessage } from '../online/online-views';
import { OnlineRepository } from '../online/online.repository';
import type { VisitOutcomeEntity } from '../visits/visit-outcome.entity';
import { VisitsRepository } from '../visits/visits.repository';
import { mapRecordVisit } from './record-views';
import { RecordRepository } from './record.repository';

const DEFAULT_PAGE = 20;

/** "Twoja historia": the patient's completed visits with what the doctor left for them. */
@Injectable()
export class RecordService {
  constructor(
    private readonly record: RecordRepository,
    private readonly visits: VisitsRepository,
    private readonly online: OnlineRepository,
    private readonly clock: Clock,
  ) {}

  async list(patient: Actor, query: ListRecordVisitsDto): Promise<RecordVisitPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const offset = query.offset ?? 0;
    const { items, total } = await this.record.page(
      patient.id,
      {
        kind: query.kind,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      limit,
      offset,
    );
    return { items: await this.views(items), total, limit, offset };
  }

  async get(patient: Actor, id: string): Promise<RecordVisitView> {
    const visit = await this.record.visitOf(patient.id, id);
    if (!visit) throw new DomainError(ErrorCode.NOT_FOUND, 'No such visit.');
    return (await this.views([visit]))[0]!;
  }

  /**
   * The visits with their referrals and questions (two queries for the whole
   * page), and for online consultations their form and transcript (two more).
   */
  async views(visits: VisitOutcomeEntity[]): Promise<RecordVisitView[]> {
    const ids = visits.map((visit) => visit.appointmentId);
    const [referrals, questions, consultations] = await Promise.all([
      this.visits.referralsOf(ids),
      this.visits.questionsOf(ids),
      this.online.endedOf(ids),
    ]);
    const transcripts = await this.online.messagesAfter(
      consultations.map((consultation) => consultation.id),
      0,
      100_000,
    );
    const now = this.clock.now();
    return visits.map((visit) => {
      const view = mapRecordVisit(
        visit,
        referrals.filter((referral) => referral.appointmentId === visit.appointmentId),
        questions.filter((question) => question.appointmentId === visit.appointmentId),
        now,
      );
      const consultation = consultations.find((item) => item.id === visit.appointmentId);
      if (!consultation) return view;
      const transcript = transcripts.filter((message) => message.consultationId === consultation.id).map(mapMessage);
      return { ...view, online: { consultationId: consultation.id, form: consultation.form, transcript } };
    });
  }
}
