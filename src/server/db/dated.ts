/**
 * The predicates every dated query uses (issue 14): a row is "open on D" when
 * `validFrom <= D < validTo` (`[validFrom, validTo)`, the open end is 9999-12-31), and an
 * organization is "in root's subtree on D" when the dated closure has a row `root → it` open on D.
 * Each is one SQL expression over a table alias, for `.where(…)` or a join's `.on(…)`, so that the
 * interval rule is written once; CamelCasePlugin maps the column names as everywhere else.
 */
import { sql, type Expression, type SqlBool } from 'kysely';

/** A column of the table alias, or unqualified when the alias is '' (a single-table query). */
function column(alias: string, name: string) {
  return sql.ref(alias ? `${alias}.${name}` : name);
}

/** `alias.validFrom <= on AND alias.validTo > on`: the row is in force on the date ('' for no alias). */
export function openOn(alias: string, on: string): Expression<SqlBool> {
  return sql<SqlBool>`(${column(alias, 'validFrom')} <= ${on} and ${column(alias, 'validTo')} > ${on})`;
}

/**
 * The closure row `alias` says root covers its descendant on the date: `alias.ancestorId = root`
 * and the row is open on the date (`depth` 0 included: root covers itself).
 */
export function underOn(alias: string, rootId: number, on: string): Expression<SqlBool> {
  return sql<SqlBool>`(${column(alias, 'ancestorId')} = ${rootId} and ${column(alias, 'validFrom')} <= ${on} and ${column(alias, 'validTo')} > ${on})`;
}

/** `alias.validFrom <= other.validFrom < alias.validTo`: the row is in force when `other` starts. */
export function openAtStartOf(alias: string, other: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.validFrom`)} <= ${sql.ref(`${other}.validFrom`)} and ${sql.ref(`${alias}.validTo`)} > ${sql.ref(`${other}.validFrom`)})`;
}
