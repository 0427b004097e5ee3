import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  DoctorDayDto,
  Role,
  Subjects,
  type Actor,
  type DoctorDayAppointmentView,
  type DoctorPatientRecordView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { recordId } from '../record/record-id';

/** "Mój dzień" and the record of a patient the doctor has a relation with. */
@ApiTags('doctor')
@ApiBearerAuth()
@Roles(Role.DOCTOR)
@Controller('doctor')
export class DoctorDayController {
  constructor(private readonly bus: BusClient) {}

  @Get('appointments')
  @ApiOkResponse({
    description: 'Your visits of a Warsaw day by time: patient name and age, service, channel, status',
  })
  day(@CurrentActor() actor: Actor, @Query() query: DoctorDayDto): Promise<DoctorDayAppointmentView[]> {
    return this.bus.request(Subjects.booking.doctorDay, { actor, data: query });
  }

  @Get('patients/:id/record')
  @ApiOkResponse({
    description:
      'The patient’s record (visits with notes, referrals) while you have a relation with them (else 404); every read is shown in the patient’s access history',
  })
  record(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DoctorPatientRecordView> {
    return this.bus.request(Subjects.consultations.doctorPatientRecord, { actor, data: { patientId: recordId(id) } });
  }
}
