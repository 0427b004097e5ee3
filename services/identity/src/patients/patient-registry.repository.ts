import { Injectable } from '@nestjs/common';
import type { RecordPatientView } from '@pacjent/contracts';
import { DataSource } from 'typeorm';

/** Confirmed identities, read for other services (the lab's PESEL, the record's FHIR Patient). */
@Injectable()
export class PatientRegistryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The full patient account whose confirmed identity carries this PESEL (one at most: UQ_verified_identities_pesel). */
  async confirmedAccountWithPesel(pesel: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT a.id
         FROM "identity"."verified_identities" v
         JOIN "identity"."accounts" a ON a.id = v.account_id
        WHERE v.pesel = $1 AND a.level = 'full' AND 'patient' = ANY (a.roles)`,
      [pesel],
    );
    return rows[0]?.id ?? null;
  }

  /** The account's confirmed identity (names and PESEL as confirmed, not as typed at registration). */
  async recordPatient(accountId: string): Promise<RecordPatientView | null> {
    const rows: Array<{
      id: string;
      email: string;
      first_name: string;
      last_name: string;
      pesel: string | null;
      birth_date: string | null;
    }> = await this.dataSource.query(
      `SELECT a.id, a.email, v.first_name, v.last_name, v.pesel, to_char(v.birth_date, 'YYYY-MM-DD') AS birth_date
         FROM "identity"."accounts" a
         JOIN "identity"."verified_identities" v ON v.account_id = a.id
        WHERE a.id = $1 AND a.level = 'full'`,
      [accountId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      pesel: row.pesel,
      birthDate: row.birth_date,
    };
  }
}
