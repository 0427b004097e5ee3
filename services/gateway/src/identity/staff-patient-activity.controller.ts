import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Role,
  Subjects,
  type Actor,
  type AppointmentView,
  type PatientDetailView,
  type StaffFileView,
  type StaffPatientActivityView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { patientIdOf } from './staff.controller';

/**
 * The console's patient card: the patient's visits (booking) and files
 * (files: metadata only). The patient must exist (identity answers 404
 * otherwise), and the read goes to the patient's access history the way a
 * doctor's record read does (identity.record-access.log, `record.view`).
 */
@ApiTags('staff')
@ApiBearerAuth()
@Roles(Role.STAFF)
@Controller('staff/patients')
export class StaffPatientActivityController {
  constructor(private readonly bus: BusClient) {}

  @Get(':id/activity')
  @ApiOkResponse({
    description: "{ visits: the patient's appointments, files: format, size and dates of their files }",
  })
  async activity(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<StaffPatientActivityView> {
    const patientId = patientIdOf(id);
    await this.bus.request<PatientDetailView>(Subjects.identity.getPatient, { actor, data: { id: patientId } });
    await this.bus.request(Subjects.identity.logRecordAccess, { actor, data: { patientId } });
    const [visits, files] = await Promise.all([
      this.bus.request<AppointmentView[]>(Subjects.booking.staffPatientAppointments, { actor, data: { patientId } }),
      this.bus.request<StaffFileView[]>(Subjects.files.staffPatientFiles, { actor, data: { patientId } }),
    ]);
    return { visits, files };
  }
}
