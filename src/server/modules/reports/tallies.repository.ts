import { sql } from 'kysely';
import { dialectOfDb, type Db } from '../../db/database.ts';

/**
 * Member counts of the country and of upper-level committees from the tallies kept by the
 * database (migration 2026-11-27T22-00-member-tallies, PostgreSQL only): the counts of
 * open-ended member periods, corrected to a date by the periods opened after it and those closed
 * since. Each answer equals counting the member periods open on the date in the subtree as it
 * stood that day (reports.repository.ts), which the reports fall back to wherever a tally does
 * not apply: SQLite, a committee below the upper level, or a subtree reorganized since the date.
 */

const OPEN = '9999-12-31';

/** Counts by dimension: `status`, the person attributes, `ageBand` and `targetGroup`. */
export type TallyCounts = Record<string, Record<string, number>>;

/** The person attributes the statistics report counts members by. */
export const PERSON_ATTRIBUTES = [
  'gender',
  'ethnicity',
  'educationLevel',
  'politicalTheory',
  'religion',
  'occupation',
] as const;

/** The dimensions of a tally ('birth' is reported as `ageBand`, cut by the bands asked for). */
export const DIMENSIONS: string[] = ['status', ...PERSON_ATTRIBUTES, 'birth', 'targetGroup'];

/** A band of the age dimension: members born after `bornAfter` fall in it (youngest first). */
export interface BirthBand {
  key: string;
  bornAfter: string;
}

/**
 * Of `ids`, those whose counts on `asOf` the tallies give: committees of level 'top' or 'upper'
 * (and 'grassroots' for counts by `status` only) whose subtree has not changed between `asOf` and
 * now (no closure row of theirs opened after the date or closed since it), on PostgreSQL.
 */
/** Levels of the committees that have tallies: every dimension, or the status only. */
export const TALLIED_LEVELS = ['top', 'upper'];
export const STATUS_TALLIED_LEVELS = ['top', 'upper', 'grassroots'];

export async function talliedScopes(
  db: Db,
  ids: number[],
  asOf: string,
  statusOnly = false,
): Promise<Set<number>> {
  if (ids.length === 0 || dialectOfDb(db) !== 'postgres') return new Set();
  const levels = statusOnly ? STATUS_TALLIED_LEVELS : TALLIED_LEVELS;
  const { rows } = await sql<{ id: number }>`
    select o.id from organizations o
    where o.id = any(${ids}::int[]) and o.level = any(${levels}::text[])
      and not exists (select 1 from organization_closure c
                      where c.ancestor_id = o.id and c.valid_from > ${asOf})
      and not exists (select 1 from organization_closure c
                      where c.ancestor_id = o.id and c.valid_to <> ${OPEN} and c.valid_to > ${asOf})`.execute(
    db,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Members open on `asOf` in the subtree of each of `ids` (all from talliedScopes), by every
 * dimension, in one statement: the tally, its pending deltas, and the corrections to the date.
 */
export async function tallyCounts(
  db: Db,
  ids: number[],
  asOf: string,
  bands: BirthBand[],
  dimensions: string[] = DIMENSIONS,
): Promise<Map<number, TallyCounts>> {
  const out = new Map<number, TallyCounts>(ids.map((id) => [id, {}]));
  if (ids.length === 0) return out;
  const { rows } = await tallyCountsQuery(ids, asOf, bands, dimensions).execute(db);
  // Keyed like the counts from the member periods: a missing value is 'unknown', keys in order.
  const keyed = rows
    .map((row) => ({ ...row, key: row.key === '' ? 'unknown' : row.key }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const row of keyed) {
    const counts = out.get(row.scopeId);
    if (counts) (counts[row.dimension] ??= {})[row.key] = Number(row.n);
  }
  return out;
}

/** The person attributes among the dimensions, with their columns. */
export const PERSON_COLUMNS: Record<string, string> = {
  gender: 'gender',
  ethnicity: 'ethnicity',
  educationLevel: 'education_level',
  politicalTheory: 'political_theory',
  religion: 'religion',
  occupation: 'occupation',
  birth: 'birth_date',
};

/** `(values (dimension, key), …)` of a `people` row aliased `p`, for a lateral join; '' for a missing value. */
function personValues(dimensions: string[]) {
  return sql`(values ${sql.join(
    dimensions.map((d) => sql`(${d}, coalesce(p.${sql.ref(PERSON_COLUMNS[d] ?? d)}, ''))`),
  )})`;
}

/**
 * The statement of tallyCounts (exported for EXPLAIN in the benchmarks). Only the dimensions
 * asked for are read and corrected. The corrections are driven from the scope's organizations
 * (open-ended closure rows: the subtree is the same on the date, see talliedScopes):
 * - periods opened after the date: the tally counts them, the date does not (-1), with the
 *   target-group rows the tally paired them with (ending after the period began);
 * - periods closed since the date and open on it (+1), with the target groups valid on the date;
 * - open-ended periods open on the date of people who joined a target group after it (-1).
 * Target-group keys are `group|valid_to`: only rows still valid on the date are kept.
 */
export function tallyCountsQuery(
  ids: number[],
  asOf: string,
  bands: BirthBand[],
  dimensions: string[] = DIMENSIONS,
) {
  const scope = sql`${ids}::int[]`;
  const wanted = sql`${dimensions}::text[]`;
  const personDimensions = dimensions.filter((d) => d in PERSON_COLUMNS);
  const corrections = [];
  if (dimensions.includes('status'))
    corrections.push(sql`select scope_id, 'status', status, sum(sign) from t group by 1, 2, 3`);
  if (personDimensions.length > 0)
    corrections.push(sql`
      select t.scope_id, d.dimension, d.key, sum(t.sign)
      from t join people p on p.id = t.person_id
      cross join lateral ${personValues(personDimensions)} d(dimension, key)
      group by 1, 2, 3`);
  if (dimensions.includes('targetGroup'))
    corrections.push(
      sql`
      select t.scope_id, 'targetGroup', g.target_group || '|' || g.valid_to, sum(t.sign)
      from t join person_target_groups g
        on g.person_id = t.person_id and g.valid_to > t.valid_from
      where t.sign < 0
      group by 1, 2, 3`,
      sql`
      select t.scope_id, 'targetGroup', g.target_group || '|' || g.valid_to, sum(t.sign)
      from t join person_target_groups g
        on g.person_id = t.person_id and g.valid_from <= ${asOf} and g.valid_to > ${asOf}
      where t.sign > 0
      group by 1, 2, 3`,
      sql`
      select c.ancestor_id, 'targetGroup', g.target_group || '|' || g.valid_to, -count(*)
      from person_target_groups g
      join member_periods mp on mp.person_id = g.person_id
        and mp.valid_to = ${OPEN} and mp.valid_from <= ${asOf}
      join organization_closure c on c.descendant_id = mp.organization_id
        and c.valid_to = ${OPEN} and c.ancestor_id = any(${scope})
      where g.valid_from > ${asOf}
      group by 1, 2, 3`,
    );
  const band =
    bands.length === 0
      ? sql`'other'`
      : sql`${bands.reduce(
          (acc, b) => sql`${acc} when key > ${b.bornAfter} then ${b.key}`,
          sql`case`,
        )} else 'other' end`;
  return sql<{ scopeId: number; dimension: string; key: string; n: string }>`
    with t as (
      select c.ancestor_id as scope_id, mp.person_id, mp.status, mp.valid_from, -1 as sign
      from organization_closure c
      join member_periods mp on mp.organization_id = c.descendant_id
        and mp.valid_to = ${OPEN} and mp.valid_from > ${asOf}
      where c.ancestor_id = any(${scope}) and c.valid_to = ${OPEN}
      union all
      select c.ancestor_id, mp.person_id, mp.status, mp.valid_from, 1
      from organization_closure c
      join member_periods mp on mp.organization_id = c.descendant_id
        and mp.valid_to <> ${OPEN} and mp.valid_to > ${asOf} and mp.valid_from <= ${asOf}
      where c.ancestor_id = any(${scope}) and c.valid_to = ${OPEN}
    )
    select scope_id as "scopeId",
           case when dimension = 'birth' then 'ageBand' else dimension end as dimension,
           case when dimension = 'birth' then ${band}
                when dimension = 'targetGroup' then split_part(key, '|', 1)
                else key end as key,
           sum(n) as n
    from (
      select scope_id, dimension, key, n from tally.member_counts
      where scope_id = any(${scope}) and dimension = any(${wanted})
      union all
      select scope_id, dimension, key, n from tally.member_count_deltas
      where scope_id = any(${scope}) and dimension = any(${wanted})
      ${sql.join(
        corrections.map((c) => sql`union all ${c}`),
        sql` `,
      )}
    ) x (scope_id, dimension, key, n)
    where dimension <> 'targetGroup' or split_part(key, '|', 2) > ${asOf}
    group by 1, 2, 3
    having sum(n) <> 0`;
}

/** The tallies against a count from scratch: the (scope, dimension, key) that differ (none when sound). */
export async function tallyDifferences(
  db: Db,
): Promise<{ scopeId: number; dimension: string; key: string; tally: number; actual: number }[]> {
  if (dialectOfDb(db) !== 'postgres') return [];
  const { rows } = await sql<{
    scopeId: number;
    dimension: string;
    key: string;
    tally: string;
    actual: string;
  }>`
    with tally as (
      select scope_id, dimension, key, sum(n) as n from (
        select scope_id, dimension, key, n from tally.member_counts
        union all
        select scope_id, dimension, key, n from tally.member_count_deltas) x
      group by 1, 2, 3
    ),
    open_periods as (
      select c.ancestor_id as scope_id, mp.person_id, mp.status, mp.valid_from,
             o.level in ('top', 'upper') as full
      from member_periods mp
      join organization_closure c on c.descendant_id = mp.organization_id and c.valid_to = ${OPEN}
      join organizations o on o.id = c.ancestor_id and o.level in ('top', 'upper', 'grassroots')
      where mp.valid_to = ${OPEN}
    ),
    actual as (
      select scope_id, 'status' as dimension, status as key, count(*) as n
      from open_periods group by 1, 2, 3
      union all
      select scope_id, d.dimension, d.key, count(*) as n
      from open_periods s join people p on p.id = s.person_id and s.full
      cross join lateral ${personValues(Object.keys(PERSON_COLUMNS))} d(dimension, key)
      group by 1, 2, 3
      union all
      select scope_id, 'targetGroup', g.target_group || '|' || g.valid_to, count(*)
      from open_periods s join person_target_groups g
        on g.person_id = s.person_id and g.valid_to > s.valid_from and s.full
      group by 1, 2, 3
    )
    select coalesce(t.scope_id, a.scope_id) as "scopeId",
           coalesce(t.dimension, a.dimension) as dimension, coalesce(t.key, a.key) as key,
           coalesce(t.n, 0) as tally, coalesce(a.n, 0) as actual
    from tally t full join actual a
      on a.scope_id = t.scope_id and a.dimension = t.dimension and a.key = t.key
    where coalesce(t.n, 0) <> coalesce(a.n, 0)
    order by 1, 2, 3`.execute(db);
  return rows.map((r) => ({ ...r, tally: Number(r.tally), actual: Number(r.actual) }));
}

/** Folds the pending deltas into the tallies (PostgreSQL; a no-op elsewhere). */
export async function compactTallies(db: Db): Promise<void> {
  if (dialectOfDb(db) !== 'postgres') return;
  await sql`select tally.compact()`.execute(db);
}

/** Counts every tally from scratch (PostgreSQL; a no-op elsewhere). */
export async function rebuildTallies(db: Db): Promise<void> {
  if (dialectOfDb(db) !== 'postgres') return;
  await sql`select tally.rebuild()`.execute(db);
}
