import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DoctorEntity } from './doctor.entity';
import { MedicalServiceEntity } from './medical-service.entity';

/** Which services a doctor provides. */
@Entity({ name: 'doctor_services' })
@Index('IDX_doctor_services_service_id', ['serviceId'])
export class DoctorServiceEntity {
  @PrimaryColumn('uuid', { name: 'doctor_id', primaryKeyConstraintName: 'PK_doctor_services' })
  doctorId: string;

  @PrimaryColumn('uuid', { name: 'service_id', primaryKeyConstraintName: 'PK_doctor_services' })
  serviceId: string;

  @ManyToOne(() => DoctorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'doctor_id', foreignKeyConstraintName: 'FK_doctor_services_doctor_id' })
  doctor?: DoctorEntity;

  @ManyToOne(() => MedicalServiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_doctor_services_service_id' })
  service?: MedicalServiceEntity;
}
