import type { RefundLevel } from '@pacjent/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MedicineEntity } from '../catalog/medicine.entity';
import { PrescriptionEntity } from './prescription.entity';

/** One product on a prescription, with its dosage and quantity. */
@Entity({ name: 'prescription_items' })
@Unique('UQ_prescription_items_prescription_id_position', ['prescriptionId', 'position'])
@Check('CHK_prescription_items_position', `"position" BETWEEN 1 AND 5`)
@Check('CHK_prescription_items_quantity', `"quantity" BETWEEN 1 AND 30`)
@Check('CHK_prescription_items_refund_level', `"refund_level" IN ('100%', '50%', '30%', 'R', 'B')`)
@Check('CHK_prescription_items_supply_days', `"supply_days" BETWEEN 1 AND 360`)
@Index('IDX_prescription_items_medicine_id', ['medicineId'])
export class PrescriptionItemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_prescription_items' })
  id: string;

  @Column('uuid', { name: 'prescription_id' })
  prescriptionId: string;

  @Column('smallint')
  position: number;

  @Column('uuid', { name: 'medicine_id' })
  medicineId: string;

  @Column('text')
  dosage: string;

  /** Packs. */
  @Column('integer')
  quantity: number;

  @Column('text', { name: 'refund_level' })
  refundLevel: RefundLevel;

  @Column('boolean', { name: 'no_substitution', default: false })
  noSubstitution: boolean;

  @Column('integer', { name: 'supply_days', nullable: true })
  supplyDays: number | null;

  @ManyToOne(() => PrescriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'prescription_id', foreignKeyConstraintName: 'FK_prescription_items_prescription_id' })
  prescription?: PrescriptionEntity;

  @ManyToOne(() => MedicineEntity)
  @JoinColumn({ name: 'medicine_id', foreignKeyConstraintName: 'FK_prescription_items_medicine_id' })
  medicine?: MedicineEntity;
}
