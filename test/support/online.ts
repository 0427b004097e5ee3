import type { OnlineConsultationView } from '@pacjent/contracts';
import { newPatient, type ApiClient } from './http';
import { RecordScenario } from './record';
import type { Stack } from './stack';

/** Helpers for the online-consultation e2e tests: full patients, doctors on duty, queues. */
export class OnlineScenario extends RecordScenario {
  constructor(private readonly online: Stack) {
    super(online);
  }

  /**
   * Another doctor of the specialty with a portal account: a new account made a doctor, linked to a
   * booking doctor of that specialty who has none (as staff would set it up), logged in again.
   */
  async otherDoctor(specialty = 'Internista'): Promise<{ client: ApiClient; id: string }> {
    const account = await newPatient(this.online.baseUrl);
    await this.sql(`UPDATE "identity"."accounts" SET roles = '{doctor}', level = 'full' WHERE id = $1`, [account.id]);
    const linked = await this.sql(
      `UPDATE "booking"."doctors" SET account_id = $1
        WHERE id = (SELECT id FROM "booking"."doctors" WHERE account_id IS NULL AND $2 = ANY(specialties) LIMIT 1)
        RETURNING id`,
      [account.id, specialty],
    );
    if (linked.length === 0) throw new Error(`no unlinked ${specialty} doctor left`);
    const login = await account.client.post('/api/auth/login', { email: account.email, password: account.password });
    account.client.accessToken = login.body.accessToken;
    return { client: account.client, id: account.id };
  }

  async onDuty(doctor: ApiClient, specialties = ['Internista'], forms = ['chat', 'voice', 'video']): Promise<void> {
    const duty = await doctor.call('PUT', '/api/doctor/online/duty', { body: { specialties, forms } });
    if (duty.status !== 200) throw new Error(`duty failed: ${duty.status} ${JSON.stringify(duty.body)}`);
  }

  /** A full patient waiting for the specialty. */
  async waiting(
    specialty = 'Internista',
    form = 'chat',
  ): Promise<{ client: ApiClient; id: string; consultation: OnlineConsultationView }> {
    const patient = await this.fullPatient();
    const started = await patient.client.post('/api/online/consultations', { specialty, form });
    if (started.status !== 201) throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
    return { ...patient, consultation: started.body };
  }
}
