import { Injectable } from '@nestjs/common';
import type { ServiceKind } from '@pacjent/contracts';
import { preparedQuery } from '@pacjent/platform';
import { DataSource } from 'typeorm';
import { VisitOutcomeEntity } from '../visits/visit-outcome.entity';
import { recordVisitJson } from './record-json';

export interface RecordFilter {
  kind?: ServiceKind;
  from?: Date;
  to?: Date;
}

@Injectable()
export class RecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One page of the patient's completed visits, newest first, with the total,
   * as the JSON text of a RecordVisitPage: PostgreSQL renders it in one
   * statement (prepared, one per combination of filters).
   */
  async pageJson(patientId: string, filter: RecordFilter, limit: number, offset: number, now: Date): Promise<string> {
    const params: unknown[] = [patientId, limit, offset, now];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [`v.patient_id = $1`, `v.status = 'completed'`];
    if (filter.kind) where.push(`v.service_kind = ${param(filter.kind)}`);
    if (filter.from) where.push(`v.starts_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`v.starts_at < ${param(filter.to)}`);
    const matching = `"consultations"."visit_outcomes" v WHERE ${where.join(' AND ')}`;
    const [row] = await preparedQuery<{ json: string }>(
      this.dataSource,
      `WITH page AS (SELECT * FROM ${matching} ORDER BY v.starts_at DESC, v.appointment_id LIMIT $2 OFFSET $3)
       SELECT json_build_object(
                'items', coalesce((SELECT json_agg(${recordVisitJson('$4::timestamptz')} ORDER BY v.starts_at DESC, v.appointment_id)
                                     FROM page v), '[]'::json),
                'total', (SELECT count(*)::int FROM ${matching}),
                'limit', $2::int, 'offset', $3::int)::text AS json`,
      params,
    );
    return row!.json;
  }

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
