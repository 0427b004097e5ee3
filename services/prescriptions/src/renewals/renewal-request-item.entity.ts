import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MedicineEntity } from '../catalog/medicine.entity';
import { RenewalRequestEntity } from './renewal-request.entity';

/** A medicine asked for in a renewal request; `pending` mirrors the request's status for the unique index. */
@Entity({ name: 'renewal_request_items' })
// At most one pending request per patient and medicine, whatever races the requests.
@Index('UQ_renewal_request_items_pending', ['patientId', 'medicineId'], { unique: true, where: `"pending"` })
export class RenewalRequestItemEntity {
  @PrimaryColumn('uuid', { name: 'request_id', primaryKeyConstraintName: 'PK_renewal_request_items' })
  requestId: string;

  @PrimaryColumn('uuid', { name: 'medicine_id', primaryKeyConstraintName: 'PK_renewal_request_items' })
  medicineId: string;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  @Column('boolean', { default: true })
  pending: boolean;

  @ManyToOne(() => RenewalRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_renewal_request_items_request_id' })
  request?: RenewalRequestEntity;

  @ManyToOne(() => MedicineEntity)
  @JoinColumn({ name: 'medicine_id', foreignKeyConstraintName: 'FK_renewal_request_items_medicine_id' })
  medicine?: MedicineEntity;
}
