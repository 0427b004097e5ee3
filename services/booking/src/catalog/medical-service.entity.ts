import type { Channel, ServiceKind } from '@pacjent/contracts';
import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Something a patient can book: a consultation, a test, a procedure, rehabilitation, occupational medicine. */
@Entity({ name: 'services' })
@Unique('UQ_services_name', ['name'])
@Check('CHK_services_kind', `"kind" IN ('consultation', 'test', 'procedure', 'rehabilitation', 'occupational')`)
@Check(
  'CHK_services_channels',
  `cardinality("channels") > 0 AND "channels" <@ ARRAY['in_person', 'phone', 'video']::text[]`,
)
export class MedicalServiceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_services' })
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: ServiceKind;

  /** The doctor's specialty a consultation needs (e.g. "Kardiolog"); null for tests and the like. */
  @Column('text', { nullable: true })
  specialty: string | null;

  @Column('text', { array: true })
  channels: Channel[];

  /** Open to basic (unconfirmed) accounts. */
  @Column('boolean', { name: 'basic_allowed', default: false })
  basicAllowed: boolean;

  /** Booking needs a referral (rehabilitation). */
  @Column('boolean', { name: 'requires_referral', default: false })
  requiresReferral: boolean;
}
