/*
 * SQL fragments for replies PostgreSQL renders as JSON text (see JsonText):
 * the text must parse to exactly what the service's own mapper would build.
 */

/** An instant as toISOString() spells it (UTC, milliseconds, `Z`), in SQL. */
export const isoInstantSql = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A JSON string of a text that needs no escaping (a uuid, an instant from isoInstantSql), in SQL. */
export const plainJsonStringSql = (sql: string) => `'"' || ${sql} || '"'`;

/** A JSON string of any text, escaped by PostgreSQL, in SQL. */
export const jsonStringSql = (sql: string) => `to_json(${sql}::text)::text`;
