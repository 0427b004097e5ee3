import { isoInstantSql, jsonStringSql, plainJsonStringSql } from '@pacjent/platform';

/*
 * The patient's results rendered by PostgreSQL: the same values as
 * results.mapper.ts builds from entities (results-json.int-spec.ts holds the
 * two together), for pages sent on as JSON text. Spelled out by
 * concatenation, like the slot search (booking's slots.dto.ts): a page holds
 * ~200 values, and json_build_object() costs PostgreSQL more time per value
 * and pads every key with spaces (44.8 KB instead of 39.4 KB for a page of 20).
 */

/** A JSON value of a nullable SQL expression rendered by `render`, or `null`. */
const orNull = (sql: string, render: (sql: string) => string) => `coalesce(${render(sql)}, 'null')`;

/** An observation's number as the mapper's Number() gives it (no trailing zeros of the numeric's scale). */
const numberSql = (column: string) => `trim_scale(${column})::text`;

/** The ObservationView of the value aliased `o` (every column but the nullable ones is NOT NULL). */
const OBSERVATION_JSON = `'{"id":' || ${plainJsonStringSql('o.id')}
    || ',"code":' || ${jsonStringSql('o.code')}
    || ',"name":' || ${jsonStringSql('o.name')}
    || ',"value":' || ${numberSql('o.value')}
    || ',"unit":' || ${jsonStringSql('o.unit')}
    || ',"referenceLow":' || ${orNull('o.reference_low', numberSql)}
    || ',"referenceHigh":' || ${orNull('o.reference_high', numberSql)}
    || ',"flag":' || ${orNull('o.flag', jsonStringSql)}
    || '}'`;

/** The ObservationViews of the report aliased `p`, in the lab's order, and how many are low or high. */
const OBSERVATIONS_OF_REPORT = `(
    SELECT '[' || coalesce(string_agg(${OBSERVATION_JSON}, ',' ORDER BY o.position), '') || ']' AS list,
           count(*) FILTER (WHERE o.flag IN ('low', 'high')) AS abnormal
      FROM "consultations"."lab_observations" o
     WHERE o.report_id = p.id)`;

/** The ResultView of the report aliased `p` with its values `o` (OBSERVATIONS_OF_REPORT). */
const RESULT_JSON = `'{"id":' || ${plainJsonStringSql('p.id')}
    || ',"code":' || ${orNull('p.code', jsonStringSql)}
    || ',"name":' || ${jsonStringSql('p.name')}
    || ',"status":' || ${jsonStringSql('p.status')}
    || ',"effectiveAt":' || ${plainJsonStringSql(isoInstantSql('p.effective_at'))}
    || ',"issuedAt":' || ${plainJsonStringSql(isoInstantSql('p.issued_at'))}
    || ',"laboratory":' || ${orNull('p.laboratory', jsonStringSql)}
    || ',"observations":' || o.list
    || ',"abnormal":' || o.abnormal
    || ',"hasPdf":' || CASE WHEN p.document_id IS NULL THEN 'false' ELSE 'true' END
    || '}'`;

/**
 * One page of the patient's ($1) reports, newest first ($2 per page from
 * offset $3, page number $4), as a ResultsPage's JSON text.
 */
export const RESULTS_PAGE_JSON = `
  WITH page AS (SELECT * FROM "consultations"."lab_reports" r
                 WHERE r.patient_id = $1
                 ORDER BY r.effective_at DESC, r.id DESC
                 LIMIT $2 OFFSET $3)
  SELECT '{"items":['
         || coalesce((SELECT string_agg(${RESULT_JSON}, ',' ORDER BY p.effective_at DESC, p.id DESC)
                        FROM page p CROSS JOIN LATERAL ${OBSERVATIONS_OF_REPORT} o), '')
         || '],"page":' || $4::int
         || ',"pageSize":' || $2::int
         || ',"total":' || (SELECT count(*) FROM "consultations"."lab_reports" r WHERE r.patient_id = $1)
         || '}' AS json`;
