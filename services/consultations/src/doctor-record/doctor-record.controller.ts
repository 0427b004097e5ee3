import { Controller } from '@nestjs/common';
import { DoctorPatientRecordDto, Subjects, type BusRequest, type DoctorPatientRecordView } from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireDoctor } from '../actors';
import { DoctorRecordService } from './doctor-record.service';

@Controller()
export class DoctorRecordController {
  constructor(private readonly doctorRecord: DoctorRecordService) {}

  @BusHandler(Subjects.consultations.doctorPatientRecord)
  read(payload: BusRequest): Promise<DoctorPatientRecordView> {
    const doctor = requireDoctor(payload.actor);
    return this.doctorRecord.read(doctor, validateInput(DoctorPatientRecordDto, payload.data).patientId);
  }
}
