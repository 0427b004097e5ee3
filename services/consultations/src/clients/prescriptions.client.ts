import { Injectable } from '@nestjs/common';
import { Subjects, type Actor, type VisitPrescriptionLineDto } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';

/** What consultations asks prescriptions: would a visit outcome's medicines be issued. */
@Injectable()
export class PrescriptionsClient {
  constructor(private readonly bus: BusClient) {}

  /** Fails with the error issuing would give (VALIDATION_FAILED, PRESCRIPTION_VALIDITY_INVALID). */
  async checkVisitLines(doctor: Actor, prescriptions: VisitPrescriptionLineDto[], issuedAt: Date): Promise<void> {
    await this.bus.request(Subjects.prescriptions.checkVisitPrescriptions, {
      actor: doctor,
      data: { prescriptions, issuedAt: issuedAt.toISOString() },
    });
  }
}
