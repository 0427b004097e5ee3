import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DEMO_RECORD, Role, type Actor, type DoctorVisitFacts } from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { BookingClient } from '../clients/booking.client';
import { ConsultationsConfig } from '../config';
import { Icd10Service } from '../icd10/icd10.service';
import { DEMO_OUTCOMES } from './demo-record-content';

const DAY_MS = 24 * 60 * 60 * 1000;
const doctor: Actor = { id: DEMO_RECORD.doctorAccountId, roles: [Role.DOCTOR], level: 'full' };
/** Fixed ids, so seeding again adds nothing. */
const REHABILITATION_REFERRAL_ID = '00000000-0000-4000-8000-0000000e1001';
const TEST_REFERRAL_ID = '00000000-0000-4000-8000-0000000e1002';
const QUESTION_ID = '00000000-0000-4000-8000-0000000e2001';

/**
 * With SEED_DEMO_DATA=true: the outcomes of the demo patient's past visits
 * (booking seeds the visits under the same ids), two active referrals (a
 * rehabilitation one with sessions left) and one answered question. Booking
 * may start later than consultations: the seeder waits for its answers in
 * the background. Idempotent and safe from several replicas (advisory lock,
 * fixed ids).
 */
@Injectable()
export class DemoRecordSeeder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DemoRecordSeeder.name);
  private readonly stopping = new AbortController();
  /** Resolves when the background seeding has finished (for tests). */
  done: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly dataSource: DataSource,
    private readonly booking: BookingClient,
    private readonly icd10: Icd10Service,
    private readonly config: ConsultationsConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SEED_DEMO_DATA) return;
    this.done = this.seedWhenBookingAnswers().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'demo record not seeded');
      return 0;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.done;
  }

  private async seedWhenBookingAnswers(): Promise<number> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const added = await this.seed();
        this.logger.log({ added }, 'demo record ready');
        return added;
      } catch (error) {
        if (attempt >= 60 || this.stopping.signal.aborted) throw error;
        try {
          await sleep(2000, undefined, { signal: this.stopping.signal });
        } catch {
          return 0; // shutting down
        }
      }
    }
  }

  /** Adds what is missing; answers how many visit outcomes it added. */
  async seed(): Promise<number> {
    const existing: Array<{ appointment_id: string }> = await this.dataSource.query(
      `SELECT appointment_id FROM "consultations"."visit_outcomes" WHERE appointment_id = ANY($1::uuid[])`,
      [DEMO_RECORD.visits.map((visit) => visit.id)],
    );
    if (existing.length === DEMO_RECORD.visits.length) return 0;
    const facts: DoctorVisitFacts[] = [];
    for (const visit of DEMO_RECORD.visits) facts.push(await this.booking.visitFacts(doctor, visit.id));
    const services = new Map((await this.booking.services()).map((service) => [service.name, service]));
    const rehabilitation = services.get('Fizjoterapia — terapia manualna');
    const lipids = services.get('Lipidogram');
    const now = this.clock.now();

    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('consultations:demo-record', 0))`);
      let added = 0;
      for (const [i, visit] of facts.entries()) {
        const content = DEMO_OUTCOMES[i]!;
        const completedAt = new Date(new Date(visit.startsAt).getTime() + 20 * 60 * 1000);
        const rows: unknown[] = await tx.query(
          `INSERT INTO "consultations"."visit_outcomes"
             (appointment_id, patient_id, doctor_account_id, doctor_id, doctor_name, service_id, service_name,
              service_kind, channel, starts_at, status, notes, recommendations, diagnoses, completed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'completed', $11, $12, $13, $14)
           ON CONFLICT DO NOTHING RETURNING appointment_id`,
          [
            visit.appointmentId,
            visit.patientId,
            DEMO_RECORD.doctorAccountId,
            visit.doctor.id,
            visit.doctor.name,
            visit.service.id,
            visit.service.name,
            visit.service.kind,
            visit.channel,
            visit.startsAt,
            content.notes,
            content.recommendations,
            JSON.stringify(this.icd10.resolve(content.diagnoses)),
            completedAt,
          ],
        );
        added += rows.length;
      }
      const [latest, second] = facts;
      const referral = (
        id: string,
        visit: DoctorVisitFacts,
        kind: string,
        service: { id: string; name: string },
        total: number,
        used: number,
      ) =>
        tx.query(
          `INSERT INTO "consultations"."referrals"
             (id, appointment_id, patient_id, doctor_id, doctor_name, kind, service_id, service_name,
              sessions_total, sessions_used, issued_at, valid_until)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
          [
            id,
            visit.appointmentId,
            visit.patientId,
            visit.doctor.id,
            visit.doctor.name,
            kind,
            service.id,
            service.name,
            total,
            used,
            new Date(new Date(visit.startsAt).getTime() + 20 * 60 * 1000),
            new Date(now.getTime() + 60 * DAY_MS),
          ],
        );
      if (latest && rehabilitation)
        await referral(REHABILITATION_REFERRAL_ID, latest, 'rehabilitation', rehabilitation, 10, 0);
      if (second && lipids) await referral(TEST_REFERRAL_ID, second, 'test', lipids, 1, 0);
      if (latest) {
        const asked = new Date(new Date(latest.startsAt).getTime() + DAY_MS);
        await tx.query(
          `INSERT INTO "consultations"."questions"
             (id, appointment_id, patient_id, doctor_account_id, text, asked_at, status, answer, answered_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'answered', $7, $8) ON CONFLICT DO NOTHING`,
          [
            QUESTION_ID,
            latest.appointmentId,
            latest.patientId,
            DEMO_RECORD.doctorAccountId,
            'Czy mogę chodzić na basen w trakcie fizjoterapii?',
            asked,
            'Tak, pływanie na plecach jest wskazane. Proszę unikać stylu klasycznego do końca zabiegów.',
            new Date(asked.getTime() + 4 * 60 * 60 * 1000),
          ],
        );
      }
      return added;
    });
  }
}
