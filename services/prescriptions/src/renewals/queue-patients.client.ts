import { Injectable, Logger } from '@nestjs/common';
import { Subjects, type Actor, type DoctorLastVisit, type PatientSummary } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';

/**
 * What the doctor's renewal queue shows about who asks: names, birth dates
 * and PESELs from identity, the last visit with this doctor from booking.
 * Either may be down: the queue still shows (without them).
 */
@Injectable()
export class QueuePatientsClient {
  private readonly logger = new Logger(QueuePatientsClient.name);

  constructor(private readonly bus: BusClient) {}

  async summaries(doctor: Actor, patientIds: string[]): Promise<Map<string, PatientSummary>> {
    const answer = await this.ask<PatientSummary>(Subjects.identity.renewalPatientSummaries, doctor, patientIds);
    return new Map(answer.map((summary) => [summary.id, summary]));
  }

  async lastVisits(doctor: Actor, patientIds: string[]): Promise<Map<string, DoctorLastVisit>> {
    const answer = await this.ask<DoctorLastVisit>(Subjects.booking.doctorLastVisits, doctor, patientIds);
    return new Map(answer.map((visit) => [visit.patientId, visit]));
  }

  private async ask<T>(subject: string, doctor: Actor, patientIds: string[]): Promise<T[]> {
    if (patientIds.length === 0) return [];
    try {
      return await this.bus.request<T[]>(subject, { actor: doctor, data: { patientIds } });
    } catch (error) {
      this.logger.warn({ err: error, subject }, 'renewal queue shown without what this service knows');
      return [];
    }
  }
}
