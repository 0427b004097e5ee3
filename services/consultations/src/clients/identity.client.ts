import { Injectable } from '@nestjs/common';
import { Subjects, type Actor } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';

/** What consultations asks identity: writing a record read to the patient's access log. */
@Injectable()
export class IdentityClient {
  constructor(private readonly bus: BusClient) {}

  async logRecordRead(reader: Actor, patientId: string): Promise<void> {
    await this.bus.request(Subjects.identity.logRecordAccess, { actor: reader, data: { patientId } });
  }
}
