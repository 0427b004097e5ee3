import { Injectable, Logger } from '@nestjs/common';
import {
  Subjects,
  type Actor,
  type DoctorLastVisit,
  type DoctorStanding,
  type PatientSummary,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';

/**
 * What renewals ask other services: for the doctor's queue, who asks (names,
 * birth dates and PESELs from identity) and their last visit with this
 * doctor (booking); for addressing, whether doctors still work here and their
 * specialties (booking). Either may be down: the queue still shows (without
 * them) and a request stays with its doctor.
 */
@Injectable()
export class RenewalFactsClient {
  private readonly logger = new Logger(RenewalFactsClient.name);

  constructor(private readonly bus: BusClient) {}

  async summaries(doctor: Actor, patientIds: string[]): Promise<Map<string, PatientSummary>> {
    const answer = await this.ask<PatientSummary>(Subjects.identity.renewalPatientSummaries, doctor, { patientIds });
    return new Map(answer.map((summary) => [summary.id, summary]));
  }

  async lastVisits(doctor: Actor, patientIds: string[]): Promise<Map<string, DoctorLastVisit>> {
    const answer = await this.ask<DoctorLastVisit>(Subjects.booking.doctorLastVisits, doctor, { patientIds });
    return new Map(answer.map((visit) => [visit.patientId, visit]));
  }

  /** Booking's answer for these doctor accounts; an account missing from the map is unknown (booking silent). */
  async standing(actor: Actor, accountIds: string[]): Promise<Map<string, DoctorStanding>> {
    const answer = await this.ask<DoctorStanding>(Subjects.booking.doctorStanding, actor, { accountIds });
    return new Map(answer.map((standing) => [standing.accountId, standing]));
  }

  private async ask<T>(subject: string, actor: Actor, data: Record<string, string[]>): Promise<T[]> {
    if (Object.values(data).every((ids) => ids.length === 0)) return [];
    try {
      return await this.bus.request<T[]>(subject, { actor, data });
    } catch (error) {
      this.logger.warn({ err: error, subject }, 'renewal queue shown without what this service knows');
      return [];
    }
  }
}
