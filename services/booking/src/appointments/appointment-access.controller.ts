import { Controller } from '@nestjs/common';
import {
  AppointmentAccessDto,
  DomainError,
  ErrorCode,
  Subjects,
  type AppointmentAccessView,
  type BusRequest,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { DataSource } from 'typeorm';

/**
 * For other services (files): the facts about one appointment that decide
 * who may see what is attached to it. Answered only to the appointment's own
 * patient or its doctor; anyone else gets NOT_FOUND.
 */
@Controller()
export class AppointmentAccessController {
  constructor(private readonly dataSource: DataSource) {}

  @BusHandler(Subjects.booking.appointmentAccessCheck)
  async check(payload: BusRequest): Promise<AppointmentAccessView> {
    const actor = payload.actor;
    if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    const { appointmentId } = validateInput(AppointmentAccessDto, payload.data);
    const rows: Array<{
      patient_id: string;
      account_id: string | null;
      channel: AppointmentAccessView['channel'];
      status: AppointmentAccessView['status'];
      starts_at: Date;
    }> = await this.dataSource.query(
      `SELECT a.patient_id, d.account_id, s.channel, a.status, s.starts_at
         FROM "booking"."appointments" a
         JOIN "booking"."slots" s ON s.id = a.slot_id
         JOIN "booking"."doctors" d ON d.id = s.doctor_id
        WHERE a.id = $1 AND (a.patient_id = $2 OR d.account_id = $2)`,
      [appointmentId, actor.id],
    );
    const row = rows[0];
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'No such appointment.');
    return {
      appointmentId,
      patientId: row.patient_id,
      doctorAccountId: row.account_id,
      channel: row.channel,
      status: row.status,
      startsAt: row.starts_at.toISOString(),
    };
  }
}
