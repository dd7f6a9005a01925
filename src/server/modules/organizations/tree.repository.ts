/**
 * The dated tree's queries (issue 14): the one place outside the organizations module's own
 * writes that reads `organization_closure` and `organization_links`. Other repositories ask here
 * — a named function for a question about the tree, or, where their count must join the tree
 * inside one larger statement for speed, a piece of a query (`joinSubtree`, `inSubtree`,
 * `subtreeOrganizations`) that writes the closure predicate so that they do not.
 *
 * A date says which closure rows count: a date string (`'2017-12-31'`, rows open on it) or
 * `{ at: 'mp.validFrom' }` (rows open on the date held in a column of the same query, e.g. the
 * day a member period began). `roots` is one organization or several whose subtrees are disjoint
 * (access's `historyRoots`), so a join adds no row twice.
 */
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import { openOn } from '../../db/dated.ts';
import type { Db } from '../../db/database.ts';
import type { Database, OrganizationClosureTable } from '../../db/schema.ts';

/** One organization, or the roots of an organization's history on a date (disjoint subtrees). */
export type Roots = number | readonly number[];

/** When a closure row counts: open on a date, or open on the date held in a column. */
export type TreeDate = string | { at: string };

/** The ids of `roots`; an id no organization has when there are none (SQL has no empty `in ()`). */
export function rootIds(roots: Roots): number[] {
  const ids = typeof roots === 'number' ? [roots] : [...roots];
  return ids.length > 0 ? ids : [-1];
}

/** `alias` (a closure row) is open at `when`. */
function openAt(alias: string, when: TreeDate): Expression<SqlBool> {
  if (typeof when === 'string') return openOn(alias, when);
  return sql<SqlBool>`(${sql.ref(`${alias}.validFrom`)} <= ${sql.ref(when.at)} and ${sql.ref(`${alias}.validTo`)} > ${sql.ref(when.at)})`;
}

/** The closure row `alias` puts its descendant under one of `roots` at `when`. */
export function coveredBy(alias: string, roots: Roots, when: TreeDate): Expression<SqlBool> {
  const ids = rootIds(roots);
  const ancestor =
    ids.length === 1
      ? sql<SqlBool>`${sql.ref(`${alias}.ancestorId`)} = ${ids[0]}`
      : sql<SqlBool>`${sql.ref(`${alias}.ancestorId`)} in (${sql.join(ids)})`;
  return sql<SqlBool>`(${ancestor} and ${openAt(alias, when)})`;
}

/**
 * The closure row `closure` makes the organization in the row `organization` (joined on the
 * closure's descendant) held by root today: under it today, or, dissolved by today, under it on
 * its last day (the row that ended with the dissolution). The scope rule (docs/security.md).
 */
export function heldBy(
  closure: string,
  organization: string,
  rootId: number,
  today: string,
): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${closure}.ancestorId`)} = ${rootId}
    and ${sql.ref(`${closure}.validFrom`)} <= ${today}
    and (${sql.ref(`${closure}.validTo`)} > ${today}
      or (${sql.ref(`${organization}.dissolvedOn`)} <= ${today}
        and ${sql.ref(`${closure}.validTo`)} = ${sql.ref(`${organization}.dissolvedOn`)}))`;
}

/** A query with the closure joined as `A`. */
type WithClosure<QB, A extends string> =
  QB extends SelectQueryBuilder<infer DB, infer TB, infer O>
    ? SelectQueryBuilder<DB & { [K in A]: OrganizationClosureTable }, TB | A, O>
    : never;

/** For `.$call(…)`: joins the closure as `alias` to the rows whose organization column is `organizationRef`, on `condition`. */
function joinClosure<A extends string>(
  alias: A,
  organizationRef: string,
  condition: Expression<SqlBool>,
) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query naming the column
  return <QB extends SelectQueryBuilder<any, any, any>>(qb: QB): WithClosure<QB, A> =>
    qb.innerJoin(`organizationClosure as ${alias}`, (join) =>
      join
        .on(sql<SqlBool>`${sql.ref(`${alias}.descendantId`)} = ${sql.ref(organizationRef)}`)
        .on(condition),
    ) as unknown as WithClosure<QB, A>;
}

/**
 * For `.$call(…)`: joins the closure as `alias` to the rows whose organization column is
 * `organizationRef`, keeping those under one of `roots` at `when` (the rows may then order or
 * group by `alias.depth` or `alias.ancestorId`).
 */
export function joinSubtree<A extends string>(
  alias: A,
  organizationRef: string,
  roots: Roots,
  when: TreeDate,
) {
  return joinClosure(alias, organizationRef, coveredBy(alias, roots, when));
}

/**
 * For `.$call(…)`: joins the closure as `alias` to the rows whose organization column is
 * `organizationRef`, keeping those held by root today (`heldBy`; the organization's row is
 * `organization`, joined by the caller).
 */
export function joinHeld<A extends string>(
  alias: A,
  organizationRef: string,
  organization: string,
  rootId: number,
  today: string,
) {
  return joinClosure(alias, organizationRef, heldBy(alias, organization, rootId, today));
}

/**
 * For `.$call(…)`: joins, as `alias`, every closure row below the organization in the column
 * `ancestorRef` (itself included, at any date: the caller dates `alias` by what it joins next).
 */
export function joinDescendants<A extends string>(alias: A, ancestorRef: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query naming the column
  return <QB extends SelectQueryBuilder<any, any, any>>(qb: QB): WithClosure<QB, A> =>
    qb.innerJoin(`organizationClosure as ${alias}`, (join) =>
      join.on(sql<SqlBool>`${sql.ref(`${alias}.ancestorId`)} = ${sql.ref(ancestorRef)}`),
    ) as unknown as WithClosure<QB, A>;
}

/**
 * The same join as `joinSubtree` for a statement written in SQL (a report's common table):
 * `join organization_closure <alias> on <alias>.descendant_id = <organizationColumn> and …`.
 */
export function subtreeJoinSql(
  alias: string,
  organizationColumn: string,
  roots: Roots,
  on: string,
) {
  return sql`join organization_closure ${sql.id(alias)} on ${sql.ref(`${alias}.descendantId`)} = ${sql.ref(organizationColumn)} and ${coveredBy(alias, roots, on)}`;
}

/**
 * `organizationRef` (a column) lies under one of `roots` at one of the dates `when` (a correlated
 * EXISTS, for a `.where(…)`).
 */
export function inSubtree(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query naming the column
  eb: ExpressionBuilder<any, any>,
  organizationRef: string,
  roots: Roots,
  ...when: TreeDate[]
): Expression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<Database, never>;
  return e.exists(
    e
      .selectFrom('organizationClosure as tc')
      .select('tc.id')
      .where(sql<SqlBool>`${sql.ref('tc.descendantId')} = ${sql.ref(organizationRef)}`)
      .where((w) => w.or(when.map((d) => coveredBy('tc', roots, d)))),
  );
}

/**
 * The organization in the row `organization` (an `organizations` row of the query) is held by
 * root today (`heldBy`; a correlated EXISTS, for a `.where(…)`).
 */
export function isHeldBy(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query with the row
  eb: ExpressionBuilder<any, any>,
  organization: string,
  rootId: number,
  today: string,
): Expression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<Database, never>;
  return e.exists(
    e
      .selectFrom('organizationClosure as tc')
      .select('tc.id')
      .where(sql<SqlBool>`${sql.ref('tc.descendantId')} = ${sql.ref(`${organization}.id`)}`)
      .where(heldBy('tc', organization, rootId, today)),
  );
}

/** Subquery: the ids of the organizations under one of `roots` on a date (roots included). */
export function subtreeIdsOn(db: Db, roots: Roots, on: string) {
  return db
    .selectFrom('organizationClosure as tc')
    .select('tc.descendantId')
    .where(coveredBy('tc', roots, on));
}

/**
 * The organizations under one of `roots` on a date (roots included), as `o` beside their closure
 * row `c` (for `c.depth`, `c.ancestorId`): the caller selects, filters and orders.
 */
export function subtreeOrganizations(db: Db, roots: Roots, on: string) {
  return db
    .selectFrom('organizationClosure as c')
    .innerJoin('organizations as o', 'o.id', 'c.descendantId')
    .where(coveredBy('c', roots, on));
}

/**
 * Root's direct children on a date, and the other roots of its history there (each as one row):
 * the rows of a report "by organization", as `top` (its descendant is the row's organization).
 */
export function childrenOrRoots(db: Db, rootId: number, roots: Roots, on: string) {
  const others = rootIds(roots).filter((id) => id !== rootId);
  return db
    .selectFrom('organizationClosure as top')
    .where(
      others.length === 0
        ? sql<SqlBool>`top.ancestor_id = ${rootId} and top.depth = 1`
        : sql<SqlBool>`((top.ancestor_id = ${rootId} and top.depth = 1)
        or (top.ancestor_id in (${sql.join(others)}) and top.depth = 0))`,
    )
    .where(openOn('top', on));
}

/** Of the given organizations, those in root's subtree on a date. */
export async function organizationsInSubtree(
  db: Db,
  rootId: number,
  ids: number[],
  on: string,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await subtreeIdsOn(db, rootId, on).where('tc.descendantId', 'in', ids).execute();
  return new Set(rows.map((r) => r.descendantId));
}

/** Of the given units, those covered on a date by an organization in root's subtree. */
export async function unitsCoveredInSubtree(
  db: Db,
  rootId: number,
  ids: number[],
  on: string,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('unitCoverage as uc')
    .$call(joinSubtree('c', 'uc.organizationId', rootId, on))
    .select('uc.unitId')
    .where('uc.unitId', 'in', ids)
    .where(openOn('uc', on))
    .execute();
  return new Set(rows.map((r) => r.unitId));
}

/**
 * The nearest organization at or above `organizationId` on a date whose level is one of `levels`
 * (itself first), or null.
 */
export async function nearestAncestorAtLevel(
  db: Db,
  organizationId: number,
  on: string,
  levels: readonly string[],
): Promise<number | null> {
  const row = await db
    .selectFrom('organizationClosure as c')
    .innerJoin('organizations as o', 'o.id', 'c.ancestorId')
    .select('o.id')
    .where('c.descendantId', '=', organizationId)
    .where(openOn('c', on))
    .where('o.level', 'in', [...levels])
    .orderBy('c.depth')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The parent of an organization on a date, with whether it decides admissions. */
export async function parentOn(
  db: Db,
  organizationId: number,
  on: string,
): Promise<{ id: number; kind: string; level: string; decidesAdmissions: boolean } | null> {
  const row = await db
    .selectFrom('organizationLinks as l')
    .innerJoin('organizations as p', 'p.id', 'l.parentId')
    .select(['p.id', 'p.kind', 'p.level', 'p.decidesAdmissions'])
    .where('l.organizationId', '=', organizationId)
    .where(openOn('l', on))
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        kind: row.kind,
        level: row.level,
        decidesAdmissions: row.decidesAdmissions === 1,
      }
    : null;
}

/** Whether `rootId` is the only root of the tree on a date: it then holds every record there is. */
export async function isSoleRoot(db: Db, rootId: number, on: string): Promise<boolean> {
  const roots = await db
    .selectFrom('organizationLinks')
    .select('organizationId')
    .where('parentId', 'is', null)
    .where(openOn('', on))
    .limit(2)
    .execute();
  return roots.length === 1 && roots[0]?.organizationId === rootId;
}

/** Whether an organization is held by root: under it today, or on its last day if dissolved. */
export async function isOrganizationHeld(
  db: Db,
  rootId: number,
  organizationId: number,
  today: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('organizations as o')
    .$call(joinHeld('hc', 'o.id', 'o', rootId, today))
    .select('o.id')
    .where('o.id', '=', organizationId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The roots of root's history on `asOf` (docs/security.md, "The scope rule": a read "as of D"
 * shows what root's subtree held on D, and the history of the organizations it holds today): root
 * itself when it existed on D, and each organization held by root today that came under it after
 * D, existed on D and lay then outside root's subtree and under no other such organization. Their
 * subtrees on D are disjoint, so counts over them add up. A commune committee created on
 * 2025-07-01 gets, for 2017, the cells it holds today as they stood under the former district.
 */
export async function historyRootIds(
  db: Db,
  rootId: number,
  asOf: string,
  today: string,
): Promise<number[]> {
  const existedThen = (await organizationsInSubtree(db, rootId, [rootId], asOf)).has(rootId);
  if (asOf >= today) return existedThen ? [rootId] : [];
  const cameLater = await db
    .selectFrom('organizations as ho')
    .$call(joinHeld('hc', 'ho.id', 'ho', rootId, today))
    .select('hc.descendantId as id')
    .distinct()
    .where('hc.validFrom', '>', asOf)
    .where('hc.descendantId', '<>', rootId)
    .where((eb) =>
      eb
        .exists(
          eb
            .selectFrom('organizationClosure as self')
            .select('self.id')
            .whereRef('self.ancestorId', '=', 'hc.descendantId')
            .whereRef('self.descendantId', '=', 'hc.descendantId')
            .where(openOn('self', asOf)),
        )
        .and(eb.not(inSubtree(eb, 'hc.descendantId', rootId, asOf))),
    )
    .execute();
  const candidates = cameLater.map((r) => r.id);
  if (candidates.length === 0) return existedThen ? [rootId] : [];
  // Only the topmost on D: a cell under a committee that came along with it is counted with it.
  const nested = new Set<number>();
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    const rows = await db
      .selectFrom('organizationClosure')
      .select('descendantId')
      .where('descendantId', 'in', chunk)
      .where('ancestorId', 'in', candidates)
      .where('depth', '>', 0)
      .where(openOn('', asOf))
      .execute();
    for (const row of rows) nested.add(row.descendantId);
  }
  const roots = candidates.filter((id) => !nested.has(id)).sort((a, b) => a - b);
  return existedThen ? [rootId, ...roots] : roots;
}
