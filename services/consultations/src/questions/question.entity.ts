import type { QuestionStatus } from '@pacjent/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VisitOutcomeEntity } from '../visits/visit-outcome.entity';

/** A patient's question about a completed visit, and the doctor's answer. */
@Entity({ name: 'questions' })
@Index('IDX_questions_appointment_id', ['appointmentId'])
@Index('IDX_questions_patient_id', ['patientId'])
@Index('IDX_questions_doctor_account_id_open', ['doctorAccountId', 'askedAt'], { where: `"status" = 'open'` })
@Check('CHK_questions_status', `"status" IN ('open', 'answered')`)
@Check('CHK_questions_answer', `("status" = 'answered') = ("answer" IS NOT NULL AND "answered_at" IS NOT NULL)`)
export class QuestionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_questions' })
  id: string;

  @Column('uuid', { name: 'appointment_id' })
  appointmentId: string;

  @ManyToOne(() => VisitOutcomeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'appointment_id', foreignKeyConstraintName: 'FK_questions_appointment_id' })
  visit?: VisitOutcomeEntity;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  @Column('uuid', { name: 'doctor_account_id' })
  doctorAccountId: string;

  @Column('text')
  text: string;

  @Column('timestamptz', { name: 'asked_at' })
  askedAt: Date;

  @Column('text', { default: 'open' })
  status: QuestionStatus;

  @Column('text', { nullable: true })
  answer: string | null;

  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt: Date | null;
}
