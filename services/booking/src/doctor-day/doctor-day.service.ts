import { Injectable, Logger } from '@nestjs/common';
import {
  ageOn,
  Subjects,
  type Actor,
  type DoctorDayAppointmentView,
  type DoctorLastVisit,
  type DoctorStanding,
  type PatientSummary,
} from '@pacjent/contracts';
import { BusClient, Clock } from '@pacjent/platform';
import { addDays, warsawInstant } from '../slots/warsaw-time';
import { DoctorDayRepository } from './doctor-day.repository';

/** "Mój dzień": the doctor's visits of one Warsaw day, with the patients' names and ages from identity. */
@Injectable()
export class DoctorDayService {
  private readonly logger = new Logger(DoctorDayService.name);

  constructor(
    private readonly days: DoctorDayRepository,
    private readonly bus: BusClient,
    private readonly clock: Clock,
  ) {}

  /** For renewals (prescriptions asks): whether these doctor accounts still work here. */
  standing(accountIds: string[]): Promise<DoctorStanding[]> {
    return this.days.standing([...new Set(accountIds)], this.clock.now());
  }

  /** For the doctor's renewal queue (prescriptions asks): the doctor's own visits only, so nothing else leaks. */
  lastVisits(doctor: Actor, patientIds: string[]): Promise<DoctorLastVisit[]> {
    return this.days.lastVisits(doctor.id, patientIds, this.clock.now());
  }

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
              pesel: person.pesel,
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
