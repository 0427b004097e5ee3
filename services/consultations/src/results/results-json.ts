import { isoInstantSql } from '@pacjent/platform';

/*
 * The patient's results rendered by PostgreSQL: the same values as
 * results.mapper.ts builds from entities (results-json.int-spec.ts holds the
 * two together), for pages sent on as JSON text.
 */

/** An observation's number as the mapper's Number() gives it (no trailing zeros of the numeric's scale). */
const number = (column: string) => `trim_scale(${column})`;

/** The ObservationViews of the report aliased `p`, in the lab's order, and how many are low or high. */
const observationsOfReport = `(
    SELECT coalesce(json_agg(json_build_object(
             'id', o.id, 'code', o.code, 'name', o.name, 'value', ${number('o.value')}, 'unit', o.unit,
             'referenceLow', ${number('o.reference_low')}, 'referenceHigh', ${number('o.reference_high')},
             'flag', o.flag) ORDER BY o.position), '[]'::json) AS list,
           count(*) FILTER (WHERE o.flag IN ('low', 'high'))::int AS abnormal
      FROM "consultations"."lab_observations" o
     WHERE o.report_id = p.id)`;

/**
 * One page of the patient ($1) reports, newest first ($2 per page from
 * offset $3, page number $4), as a ResultsPage's JSON text.
 */
export const RESULTS_PAGE_JSON = `
  WITH page AS (SELECT * FROM "consultations"."lab_reports" r
                 WHERE r.patient_id = $1
                 ORDER BY r.effective_at DESC, r.id DESC
                 LIMIT $2 OFFSET $3)
  SELECT json_build_object(
           'items', coalesce((
              SELECT json_agg(json_build_object(
                       'id', p.id, 'code', p.code, 'name', p.name, 'status', p.status,
                       'effectiveAt', ${isoInstantSql('p.effective_at')}, 'issuedAt', ${isoInstantSql('p.issued_at')},
                       'laboratory', p.laboratory, 'observations', o.list, 'abnormal', o.abnormal,
                       'hasPdf', p.document_id IS NOT NULL) ORDER BY p.effective_at DESC, p.id DESC)
                FROM page p CROSS JOIN LATERAL ${observationsOfReport} o), '[]'::json),
           'page', $4::int, 'pageSize', $2::int,
           'total', (SELECT count(*)::int FROM "consultations"."lab_reports" r WHERE r.patient_id = $1))::text AS json`;
