import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A "confirm my identity" request from the public contact form, waiting in the staff queue. */
@Entity({ name: 'contact_requests' })
@Index('IDX_contact_requests_status', ['status', 'createdAt'])
@Check('CHK_contact_requests_status', `"status" IN ('open', 'confirmed', 'rejected', 'unreachable')`)
export class ContactRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_contact_requests' })
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  email: string;

  @Column('text')
  phone: string;

  @Column('text', { nullable: true })
  pesel: string | null;

  @Column('text')
  message: string;

  @Column('text', { default: 'open' })
  status: string;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { name: 'resolved_by', nullable: true })
  resolvedBy: string | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

/** Who did what to whose data, and how it ended: the start of the patient's access history. Kept when accounts go. */
@Entity({ name: 'access_log' })
@Index('IDX_access_log_patient_id', ['patientId', 'createdAt'])
export class AccessLogEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_access_log' })
  id: string;

  @Column('uuid', { name: 'actor_id' })
  actorId: string;

  @Column('uuid', { name: 'patient_id', nullable: true })
  patientId: string | null;

  @Column('text')
  action: string;

  @Column('text')
  outcome: string;

  @Column('jsonb', { nullable: true })
  details: Record<string, unknown> | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
