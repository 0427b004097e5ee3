import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CatalogProduct } from './catalog-data';
import { MEDICINE_COLUMNS, type MedicineRow } from './medicine.mapper';

/** Escapes LIKE's wildcards so a query's `%` or `_` match themselves. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class CatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts new products and updates changed ones, in one statement, under a
   * lock so replicas starting together do it once after the other. Answers
   * how many rows were written.
   */
  upsert(products: CatalogProduct[]): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('prescriptions:catalog'))`);
      const rows: unknown[] = await tx.query(
        `INSERT INTO "prescriptions"."medicines" AS m
           (name, substance, atc_code, form, strength, pack_size, prescription_only, antibiotic, controlled)
         SELECT p.name, p.substance, p."atcCode", p.form, p.strength, p."packSize", p."prescriptionOnly",
                p.antibiotic, p.controlled
           FROM jsonb_to_recordset($1::jsonb) AS p(name text, substance text, "atcCode" text, form text,
                strength text, "packSize" integer, "prescriptionOnly" boolean, antibiotic boolean, controlled boolean)
         ON CONFLICT ON CONSTRAINT "UQ_medicines_product" DO UPDATE
            SET substance = EXCLUDED.substance, atc_code = EXCLUDED.atc_code,
                prescription_only = EXCLUDED.prescription_only, antibiotic = EXCLUDED.antibiotic,
                controlled = EXCLUDED.controlled
          WHERE (m.substance, m.atc_code, m.prescription_only, m.antibiotic, m.controlled)
                IS DISTINCT FROM (EXCLUDED.substance, EXCLUDED.atc_code, EXCLUDED.prescription_only,
                                  EXCLUDED.antibiotic, EXCLUDED.controlled)
         RETURNING m.id`,
        [JSON.stringify(products)],
      );
      return rows.length;
    });
  }

  /**
   * Products whose name, substance or strength contains every word of the query,
   * case and diacritics folded by PostgreSQL (fold_text) and matched through
   * the trigram index on fold_text(name || ' ' || substance || ' ' || strength). Names that
   * begin with the query come first, then substances that do.
   */
  search(words: string[], limit: number): Promise<MedicineRow[]> {
    const patterns = words.map(likeLiteral);
    const longest = patterns.reduce((a, b) => (b.length > a.length ? b : a));
    return this.dataSource.query(
      `SELECT ${MEDICINE_COLUMNS}
         FROM "prescriptions"."medicines" m
        WHERE "prescriptions"."fold_text"(m.name || ' ' || m.substance || ' ' || m.strength) LIKE '%' || "prescriptions"."fold_text"($1) || '%'
          AND "prescriptions"."fold_text"(m.name || ' ' || m.substance || ' ' || m.strength)
              LIKE ALL (SELECT '%' || "prescriptions"."fold_text"(w) || '%' FROM unnest($2::text[]) AS w)
        ORDER BY "prescriptions"."fold_text"(m.name) LIKE "prescriptions"."fold_text"($3) || '%' DESC,
                 "prescriptions"."fold_text"(m.substance) LIKE "prescriptions"."fold_text"($3) || '%' DESC,
                 m.name, m.form, m.strength, m.pack_size
        LIMIT $4`,
      [longest, patterns, patterns[0], limit],
    );
  }

  async findByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<MedicineRow[]> {
    return manager.query(`SELECT ${MEDICINE_COLUMNS} FROM "prescriptions"."medicines" m WHERE m.id = ANY($1::uuid[])`, [
      ids,
    ]);
  }
}
