import { Injectable, Logger } from '@nestjs/common';
import { Subjects, type Actor, type DoctorDayAppointmentView, type PatientSummary } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { addDays, warsawInstant } from '../slots/warsaw-time';
import { DoctorDayRepository } from './doctor-day.repository';

/** Full years between a YYYY-MM-DD birth date and a YYYY-MM-DD day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** "Mój dzień": the doctor's visits of one Warsaw day, with the patients' names and ages from identity. */
@Injectable()
export class DoctorDayService {
  private readonly logger = new Logger(DoctorDayService.name);

  constructor(
    private readonly days: DoctorDayRepository,
    private readonly bus: BusClient,
  ) {}

  async day(doctor: Actor, date: string): Promise<DoctorDayAppointmentView[]> {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const [ny, nm, nd] = addDays(date, 1).split('-').map(Number) as [number, number, number];
    const from = warsawInstant({ year, month, day, hour: 0, minute: 0, second: 0 });
    const to = warsawInstant({ year: ny, month: nm, day: nd, hour: 0, minute: 0, second: 0 });
    const visits = await this.days.visits(doctor.id, from, to);
    const names = await this.patientNames(doctor, [...new Set(visits.map((visit) => visit.patientId))]);
    return visits.map(({ patientId, ...visit }) => {
      const person = names.get(patientId);
      return {
        ...visit,
        patient: person
          ? {
              id: patientId,
              name: `${person.firstName} ${person.lastName}`,
              age: person.birthDate ? ageOn(person.birthDate, date) : null,
            }
          : null,
      };
    });
  }

  /** Identity names them; if it cannot answer, the day still shows (without names). */
  private async patientNames(doctor: Actor, patientIds: string[]): Promise<Map<string, PatientSummary>> {
    if (patientIds.length === 0) return new Map();
    try {
      const summaries = await this.bus.request<PatientSummary[]>(Subjects.identity.doctorPatientSummaries, {
        actor: doctor,
        data: { patientIds },
      });
      return new Map(summaries.map((summary) => [summary.id, summary]));
    } catch (error) {
      this.logger.warn({ err: error }, 'patient names unavailable for the doctor’s day');
      return new Map();
    }
  }
}
