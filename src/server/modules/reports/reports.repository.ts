import { sql } from 'kysely';
import { openOn, openAtStartOf } from '../../db/dated.ts';
import type { Db } from '../../db/database.ts';
import {
  PERSON_ATTRIBUTES,
  PERSON_COLUMNS,
  STATUS_TALLIED_LEVELS,
  talliedScopes,
  tallyCounts,
} from './tallies.repository.ts';
import { admissionsBetween } from '../candidates/admissions.repository.ts';
import {
  childrenOrRoots,
  joinDescendants,
  joinSubtree,
  subtreeJoinSql,
  rootIds,
  subtreeOrganizations,
  type Roots,
} from '../organizations/tree.repository.ts';

/**
 * Counting queries of the reports. Every count is "as of a date within a subtree": member
 * periods open on the date joined to the dated closure rows of the subtree's root, so the
 * database answers from indexes and nothing is loaded row by row into JavaScript.
 */

type Counts = Record<string, number>;

/** Counts keyed in a stable order (GROUP BY order differs between dialects and runs). */
function toCounts(rows: { key: string | null; n: number | string }[]): Counts {
  const out: Counts = {};
  const sorted = rows
    .map((row) => ({ key: row.key ?? 'unknown', n: Number(row.n) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const row of sorted) out[row.key] = row.n;
  return out;
}

/** Member periods open on `asOf` in the subtrees of `roots` as they stood on `asOf`. */
function membersAsOf(db: Db, roots: Roots, asOf: string) {
  return db
    .selectFrom('memberPeriods as mp')
    .$call(joinSubtree('c', 'mp.organizationId', roots, asOf))
    .where(openOn('mp', asOf));
}

/** Members on a date by status. */
export async function countMembers(
  db: Db,
  roots: Roots,
  asOf: string,
): Promise<{ members: number; probationary: number; official: number }> {
  const ids = rootIds(roots);
  const single = ids.length === 1 ? ids[0] : undefined;
  const counts =
    single !== undefined && (await talliedScopes(db, [single], asOf, true)).has(single)
      ? ((await tallyCounts(db, [single], asOf, [], ['status'])).get(single)?.status ?? {})
      : await membersByStatus(db, ids, asOf);
  return statusTotals(counts);
}

/** Members on a date by status, counted from the member periods. */
export async function membersByStatus(db: Db, roots: Roots, asOf: string): Promise<Counts> {
  return toCounts(
    await membersAsOf(db, roots, asOf)
      .select(['mp.status as key', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('mp.status')
      .execute(),
  );
}

/** Members, probationary and official from counts by status. */
export function statusTotals(counts: Counts): {
  members: number;
  probationary: number;
  official: number;
} {
  const probationary = counts.probationary ?? 0;
  const official = counts.official ?? 0;
  return { members: probationary + official, probationary, official };
}

/**
 * Members on a date by every dimension of the statistics report — status, each person attribute,
 * age band (`bands` youngest first: a member falls in the first band born after its date) and
 * target group (a member in several counts in each) — in one statement: the subtree's members are
 * read once (a common table) and grouped nine ways, as the hand-written floor does.
 */
export async function membersByDimensions(
  db: Db,
  roots: Roots,
  asOf: string,
  bands: { key: string; bornAfter: string }[],
): Promise<Record<string, Counts>> {
  const band = bands.reduce(
    (acc, b) => sql`${acc} when birth_date > ${b.bornAfter} then ${b.key}`,
    sql`case`,
  );
  const byColumn = (dimension: string, column: string) =>
    sql`select ${dimension} as dimension, ${sql.ref(column)} as key, count(*) as n
        from m group by ${sql.ref(column)}`;
  const { rows } = await sql<{ dimension: string; key: string | null; n: number | string }>`
    with m as (
      select mp.person_id, mp.status,
             ${sql.join(Object.values(PERSON_COLUMNS).map((c) => sql.ref(`p.${c}`)))}
      from member_periods mp
      ${subtreeJoinSql('c', 'mp.organizationId', roots, asOf)}
      join people p on p.id = mp.person_id
      where mp.valid_from <= ${asOf} and mp.valid_to > ${asOf}
    )
    ${byColumn('status', 'status')}
    ${sql.join(
      PERSON_ATTRIBUTES.map((a) => sql`union all ${byColumn(a, PERSON_COLUMNS[a] ?? a)}`),
      sql` `,
    )}
    union all
    select 'ageBand', ${bands.length === 0 ? sql`'other'` : sql`${band} else 'other' end`}, count(*)
    from m group by 2
    union all
    select 'targetGroup', g.target_group, count(*)
    from m join person_target_groups g on g.person_id = m.person_id
      and g.valid_from <= ${asOf} and g.valid_to > ${asOf}
    group by g.target_group`.execute(db);
  const dimensions = [...new Set(rows.map((row) => row.dimension))];
  return Object.fromEntries(
    dimensions.map((d) => [d, toCounts(rows.filter((row) => row.dimension === d))]),
  );
}

/**
 * The direct children of root on a date (and the other roots of its history, see `Roots`), with
 * member counts by status in each one's subtree.
 */
export async function membersByChild(
  db: Db,
  rootId: number,
  asOf: string,
  roots: Roots = rootId,
): Promise<{ id: number; code: string; name: string; members: number; probationary: number }[]> {
  const children = await childrenOrRoots(db, rootId, roots, asOf)
    .innerJoin('organizations as o', 'o.id', 'top.descendantId')
    .select(['o.id', 'o.code', 'o.name', 'o.level'])
    .orderBy('o.code')
    .execute();
  // Children with a tally (provinces, grassroots committees) are read from it; the rest counted.
  const tallied = await talliedScopes(
    db,
    children.filter((c) => STATUS_TALLIED_LEVELS.includes(c.level)).map((c) => c.id),
    asOf,
    true,
  );
  const fromTally = await tallyCounts(db, [...tallied], asOf, [], ['status']);
  const counted = children.filter((c) => !tallied.has(c.id)).map((c) => c.id);
  const rows =
    counted.length === 0
      ? []
      : await db
          .selectFrom('memberPeriods as mp')
          .$call(joinSubtree('c', 'mp.organizationId', counted, asOf))
          .select([
            'c.ancestorId as id',
            (eb) => eb.fn.countAll<number>().as('members'),
            (eb) =>
              eb.fn
                .sum<number>(eb.case().when('mp.status', '=', 'probationary').then(1).else(0).end())
                .as('probationary'),
          ])
          .where(openOn('mp', asOf))
          .groupBy('c.ancestorId')
          .execute();
  const countedById = new Map(rows.map((r) => [r.id, r]));
  return children.map((c) => {
    const status = fromTally.get(c.id)?.status;
    const row = countedById.get(c.id);
    const totals = status
      ? statusTotals(status)
      : { members: Number(row?.members ?? 0), probationary: Number(row?.probationary ?? 0) };
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      members: totals.members,
      probationary: totals.probationary,
    };
  });
}

/** Admissions in a period by the target groups the person belonged to on the admission day. */
export async function admissionsByTargetGroup(
  db: Db,
  roots: Roots,
  from: string,
  to: string,
): Promise<Counts> {
  const rows = await admissionsBetween(db, rootIds(roots), from, to)
    .innerJoin('personTargetGroups as g', (join) =>
      join.onRef('g.personId', '=', 'mp.personId').on(openAtStartOf('g', 'mp')),
    )
    .select(['g.targetGroup as key', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('g.targetGroup')
    .execute();
  return toCounts(rows);
}

/** Admissions in a period by month ('YYYY-MM'). */
export async function admissionsByMonth(
  db: Db,
  roots: Roots,
  from: string,
  to: string,
): Promise<Counts> {
  const month = sql<string>`substr(mp.valid_from, 1, 7)`;
  const rows = await admissionsBetween(db, rootIds(roots), from, to)
    .select([month.as('key'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(sql`1`)
    .execute();
  return toCounts(rows);
}

/** Admissions in a period per direct child of root (children as of `to`; see `membersByChild`). */
export async function admissionsByChild(
  db: Db,
  rootId: number,
  from: string,
  to: string,
  roots: Roots = rootId,
): Promise<Record<number, number>> {
  const rows = await childrenOrRoots(db, rootId, roots, to)
    .$call(joinDescendants('c', 'top.descendantId'))
    .innerJoin('memberPeriods as mp', (join) =>
      join.onRef('mp.organizationId', '=', 'c.descendantId').on(openAtStartOf('c', 'mp')),
    )
    .select(['top.descendantId as id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('mp.startReason', '=', 'admitted')
    .where('mp.validFrom', '>=', from)
    .where('mp.validFrom', '<=', to)
    .groupBy('top.descendantId')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, Number(r.n)]));
}

/** Units existing on a date that belong to root's subtree (covered themselves or through their commune). */
function unitsInSubtree(db: Db, roots: Roots, asOf: string) {
  // Driven from the subtree (closure → coverage → units), never from every unit of the country:
  // a unit belongs when it is covered itself, or when its commune is.
  const covered = db
    .selectFrom('unitCoverage as uc')
    .$call(joinSubtree('c', 'uc.organizationId', roots, asOf))
    .where(openOn('uc', asOf));
  const ids = covered
    .select('uc.unitId as id')
    .union(covered.innerJoin('units as v', 'v.communeUnitId', 'uc.unitId').select('v.id as id'));
  // Joined (not `u.id in (…)`): the subtree's few thousand units are looked up by id instead of
  // hashing against a scan of every unit of the country.
  return db
    .selectFrom(ids.as('s'))
    .innerJoin('units as u', 'u.id', 's.id')
    .where(openOn('u', asOf));
}

/**
 * Units of root's subtree of the given kinds with no member attached on a date, and those not
 * covered by any cell on it, by kind: one pass over the subtree's units.
 */
export async function unitsLacking(
  db: Db,
  roots: Roots,
  asOf: string,
  kinds: string[],
): Promise<{ withoutMembers: Counts; withoutCell: Counts; covered: Counts }> {
  const rows = await unitsInSubtree(db, roots, asOf)
    .where('u.kind', 'in', kinds)
    .select((eb) => eb.fn.countAll<number>().as('covered'))
    .select(({ fn, case: when, not, exists, selectFrom }) => {
      const unitsLackingThem = (rows: Parameters<typeof exists>[0]) =>
        fn.sum<number>(
          when()
            .when(not(exists(rows)))
            .then(1)
            .else(0)
            .end(),
        );
      return [
        'u.kind as key',
        unitsLackingThem(
          selectFrom('memberPeriods as mp')
            .select('mp.id')
            .whereRef('mp.unitId', '=', 'u.id')
            .where(openOn('mp', asOf)),
        ).as('withoutMembers'),
        unitsLackingThem(
          selectFrom('unitCoverage as uc')
            .innerJoin('organizations as o', 'o.id', 'uc.organizationId')
            .select('uc.id')
            .whereRef('uc.unitId', '=', 'u.id')
            .where('o.kind', '=', 'cell')
            .where(openOn('uc', asOf)),
        ).as('withoutCell'),
      ];
    })
    .groupBy('u.kind')
    .execute();
  const zero = () => Object.fromEntries<number>(kinds.map((k) => [k, 0]));
  const pick = (column: 'withoutMembers' | 'withoutCell' | 'covered'): Counts => {
    const counts = zero();
    for (const [key, n] of Object.entries(
      toCounts(rows.map((r) => ({ key: r.key, n: r[column] ?? 0 }))),
    ))
      if (n > 0) counts[key] = n;
    return counts;
  };
  return {
    withoutMembers: pick('withoutMembers'),
    withoutCell: pick('withoutCell'),
    covered: pick('covered'),
  };
}

/** Units of root's subtree with no member attached on a date, by kind. */
export async function unitsWithoutMembers(
  db: Db,
  rootId: number,
  asOf: string,
  kinds: string[],
): Promise<Counts> {
  return (await unitsLacking(db, rootId, asOf, kinds)).withoutMembers;
}

/** Cells of a sector in root's subtree on a date: ordinary and combined, with their members and the staff of the units they cover. */
export async function sectorCells(
  db: Db,
  roots: Roots,
  asOf: string,
  sector: string,
): Promise<{ cells: number; combinedCells: number; members: number; staff: number }> {
  const cells = subtreeOrganizations(db, roots, asOf)
    .where('o.kind', '=', 'cell')
    .where('o.sector', '=', sector);
  const counts = await cells
    .select([
      (eb) =>
        eb.fn.sum<number>(eb.case().when('o.combined', '=', 1).then(0).else(1).end()).as('cells'),
      (eb) =>
        eb.fn
          .sum<number>(eb.case().when('o.combined', '=', 1).then(1).else(0).end())
          .as('combinedCells'),
    ])
    .executeTakeFirstOrThrow();
  const members = await cells
    .innerJoin('memberPeriods as mp', 'mp.organizationId', 'o.id')
    .where(openOn('mp', asOf))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const staff = await cells
    .innerJoin('unitCoverage as uc', 'uc.organizationId', 'o.id')
    .innerJoin('units as u', 'u.id', 'uc.unitId')
    .where(openOn('uc', asOf))
    .select((eb) => eb.fn.sum<number>('u.staffCount').as('n'))
    .executeTakeFirstOrThrow();
  return {
    cells: Number(counts.cells ?? 0),
    combinedCells: Number(counts.combinedCells ?? 0),
    members: Number(members.n),
    staff: Number(staff.n ?? 0),
  };
}

/** Candidates fostered in a sector's organizations of root's subtree during [from, to]. */
export async function candidatesFostered(
  db: Db,
  roots: Roots,
  from: string,
  to: string,
  sector: string | null,
): Promise<number> {
  let query = db
    .selectFrom('candidates as k')
    .$call(joinSubtree('c', 'k.organizationId', roots, { at: 'k.fosteringOn' }))
    .where('k.fosteringOn', '<=', to)
    .where('k.closedOn', '>=', from);
  if (sector !== null)
    query = query
      .innerJoin('organizations as o', 'o.id', 'k.organizationId')
      .where('o.sector', '=', sector);
  const row = await query
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
