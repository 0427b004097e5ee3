import { Injectable } from '@nestjs/common';
import type { ServiceKind } from '@pacjent/contracts';
import { DataSource } from 'typeorm';
import { VisitOutcomeEntity } from '../visits/visit-outcome.entity';

export interface RecordFilter {
  kind?: ServiceKind;
  from?: Date;
  to?: Date;
}

@Injectable()
export class RecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The patient's completed visits, newest first, one page and the total. */
  async page(
    patientId: string,
    filter: RecordFilter,
    limit: number,
    offset: number,
  ): Promise<{ items: VisitOutcomeEntity[]; total: number }> {
    const query = this.dataSource
      .getRepository(VisitOutcomeEntity)
      .createQueryBuilder('v')
      .where('v.patient_id = :patientId', { patientId })
      .andWhere(`v.status = 'completed'`);
    if (filter.kind) query.andWhere('v.service_kind = :kind', { kind: filter.kind });
    if (filter.from) query.andWhere('v.starts_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('v.starts_at < :to', { to: filter.to });
    const [items, total] = await query
      .orderBy('v.starts_at', 'DESC')
      .addOrderBy('v.appointment_id', 'ASC')
      .limit(limit)
      .offset(offset)
      .getManyAndCount();
    return { items, total };
  }

  /** One completed visit of the patient. */
  visitOf(patientId: string, appointmentId: string): Promise<VisitOutcomeEntity | null> {
    return this.dataSource
      .getRepository(VisitOutcomeEntity)
      .findOneBy({ appointmentId, patientId, status: 'completed' });
  }
}
