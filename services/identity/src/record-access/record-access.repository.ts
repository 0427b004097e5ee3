import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { peselBirthDate, type PatientSummary } from '@pacjent/contracts';
import type { DataSource } from 'typeorm';
import { rowsOf } from '../database';

@Injectable()
export class RecordAccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Names, PESELs and birth dates (from the PESEL, else the bank's confirmation) of patient accounts. */
  async summaries(patientIds: string[]): Promise<PatientSummary[]> {
    if (patientIds.length === 0) return [];
    const result: unknown = await this.dataSource.query(
      `SELECT a."id", a."first_name" AS "firstName", a."last_name" AS "lastName", a."pesel",
              v."birth_date"::text AS "bankBirthDate"
         FROM "identity"."accounts" a
         LEFT JOIN "identity"."verified_identities" v ON v."account_id" = a."id"
        WHERE a."id" = ANY($1::uuid[]) AND 'patient' = ANY(a."roles")`,
      [patientIds],
    );
    return rowsOf<{
      id: string;
      firstName: string;
      lastName: string;
      pesel: string | null;
      bankBirthDate: string | null;
    }>(result).map((row) => ({
      id: row.id,
      firstName: row.firstName,
      lastName: row.lastName,
      birthDate: (row.pesel ? peselBirthDate(row.pesel) : null) ?? row.bankBirthDate,
      pesel: row.pesel,
    }));
  }
}
