import type { ReferralKind } from '@pacjent/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VisitOutcomeEntity } from '../visits/visit-outcome.entity';

/**
 * A referral issued at a visit. `sessions_used` counts reserved sessions;
 * the check keeps it within `sessions_total`, and a reservation is one
 * conditional UPDATE, so parallel bookings never overspend a referral.
 */
@Entity({ name: 'referrals' })
@Index('IDX_referrals_patient_id_issued_at', ['patientId', 'issuedAt'])
@Index('IDX_referrals_appointment_id', ['appointmentId'])
@Check('CHK_referrals_kind', `"kind" IN ('specialist', 'test', 'rehabilitation')`)
@Check('CHK_referrals_sessions', `"sessions_total" > 0 AND "sessions_used" BETWEEN 0 AND "sessions_total"`)
@Check('CHK_referrals_valid_until', `"valid_until" > "issued_at"`)
export class ReferralEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_referrals' })
  id: string;

  @Column('uuid', { name: 'appointment_id' })
  appointmentId: string;

  @ManyToOne(() => VisitOutcomeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'appointment_id', foreignKeyConstraintName: 'FK_referrals_appointment_id' })
  visit?: VisitOutcomeEntity;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  @Column('uuid', { name: 'doctor_id' })
  doctorId: string;

  @Column('text', { name: 'doctor_name' })
  doctorName: string;

  @Column('text')
  kind: ReferralKind;

  @Column('uuid', { name: 'service_id' })
  serviceId: string;

  @Column('text', { name: 'service_name' })
  serviceName: string;

  @Column('integer', { name: 'sessions_total' })
  sessionsTotal: number;

  @Column('integer', { name: 'sessions_used', default: 0 })
  sessionsUsed: number;

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt: Date;

  @Column('timestamptz', { name: 'valid_until' })
  validUntil: Date;
}
