import type { Db } from '../../db/database.ts';
import { openOn, underOn } from '../../db/dated.ts';
import type { OrganizationTable, UnitCoverageTable, UnitTable } from '../../db/schema.ts';
import type { Insertable, Selectable } from 'kysely';
import { chunks } from '../../db/bulk.ts';
import { subtreeIdsOn } from './tree.repository.ts';

/** The open end of a validity interval. */
export const OPEN_END = '9999-12-31';

/** An organization row as stored. */
export type OrganizationRow = Selectable<OrganizationTable>;

/** An organization as the rest of the application sees it. */
export interface Organization {
  id: number;
  code: string;
  name: string;
  kind: 'committee' | 'cell';
  level: string;
  sector: string | null;
  combined: boolean;
  decidesAdmissions: boolean;
  educationException: boolean;
  hasYouthUnion: boolean;
  establishedOn: string;
  dissolvedOn: string | null;
}

/** Maps a stored row to the domain shape. */
export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    level: row.level,
    sector: row.sector,
    combined: row.combined === 1,
    decidesAdmissions: row.decidesAdmissions === 1,
    educationException: row.educationException === 1,
    hasYouthUnion: row.hasYouthUnion === 1,
    establishedOn: row.establishedOn,
    dissolvedOn: row.dissolvedOn === OPEN_END ? null : row.dissolvedOn,
  };
}

/** The organization with this code, or undefined. */
export async function findOrganizationByCode(
  db: Db,
  code: string,
): Promise<Organization | undefined> {
  const row = await db
    .selectFrom('organizations')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  return row && toOrganization(row);
}

/** Organizations whose code or folded name is one of the given keys. */
export async function findOrganizationsByKeys(
  db: Db,
  codes: string[],
  foldedNames: string[],
): Promise<
  { id: number; code: string; name: string; nameFolded: string; kind: string; endsOn: string }[]
> {
  if (codes.length === 0 && foldedNames.length === 0) return [];
  return db
    .selectFrom('organizations')
    .select(['id', 'code', 'name', 'nameFolded', 'kind', 'dissolvedOn as endsOn'])
    .where((eb) =>
      eb.or([
        eb('code', 'in', codes.length > 0 ? codes : ['']),
        eb('nameFolded', 'in', foldedNames.length > 0 ? foldedNames : ['']),
      ]),
    )
    .execute();
}

/** The organization with this id, or undefined. */
export async function findOrganizationById(db: Db, id: number): Promise<Organization | undefined> {
  const row = await db
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toOrganization(row);
}

/** The roots of the tree as of a date (organizations with no parent then). */
export async function rootsAsOf(db: Db, asOf: string): Promise<Organization[]> {
  return childrenAsOf(db, null, asOf);
}

/** Whether `organizationId` lies in root's subtree as of a date. */
export async function isInSubtree(
  db: Db,
  rootId: number,
  organizationId: number,
  asOf: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('organizationClosure')
    .select('id')
    .where('ancestorId', '=', rootId)
    .where('descendantId', '=', organizationId)
    .where(openOn('', asOf))
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether `organizationId` was ever in root's subtree (for records whose date is not the question). */
export async function wasEverInSubtree(
  db: Db,
  rootId: number,
  organizationId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('organizationClosure')
    .select('id')
    .where('ancestorId', '=', rootId)
    .where('descendantId', '=', organizationId)
    .executeTakeFirst();
  return row !== undefined;
}

/** One node of the tree as of a date, with its parent's code and its name on that date. */
export interface TreeNode extends Organization {
  parentCode: string | null;
  depth: number;
}

/** The subtree of root as of a date, parents before children. */
export async function subtreeAsOf(db: Db, rootId: number, asOf: string): Promise<TreeNode[]> {
  const rows = await db
    .selectFrom('organizationClosure as c')
    .innerJoin('organizations as o', 'o.id', 'c.descendantId')
    .innerJoin('organizationLinks as l', (join) =>
      join.onRef('l.organizationId', '=', 'o.id').on(openOn('l', asOf)),
    )
    .leftJoin('organizations as p', 'p.id', 'l.parentId')
    .leftJoin('organizationNames as n', (join) =>
      join.onRef('n.organizationId', '=', 'o.id').on(openOn('n', asOf)),
    )
    .selectAll('o')
    .select(['p.code as parentCode', 'c.depth', 'n.name as formerName'])
    .where(underOn('c', rootId, asOf))
    .orderBy('c.depth')
    .orderBy('o.code')
    .execute();
  return rows.map((row) => ({
    ...toOrganization(row),
    name: row.formerName ?? row.name,
    parentCode: row.parentCode,
    depth: row.depth,
  }));
}

/** The direct children of an organization as of a date (of no organization: the roots). */
export async function childrenAsOf(
  db: Db,
  parentId: number | null,
  asOf: string,
): Promise<Organization[]> {
  const rows = await db
    .selectFrom('organizationLinks as l')
    .innerJoin('organizations as o', 'o.id', 'l.organizationId')
    .selectAll('o')
    .where('l.parentId', parentId === null ? 'is' : '=', parentId)
    .where(openOn('l', asOf))
    .orderBy('o.code')
    .execute();
  return rows.map(toOrganization);
}

/** The parent of an organization as of a date (null for a root or before it existed). */
export async function parentIdAsOf(
  db: Db,
  organizationId: number,
  asOf: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('organizationLinks')
    .select('parentId')
    .where('organizationId', '=', organizationId)
    .where(openOn('', asOf))
    .executeTakeFirst();
  return row?.parentId ?? null;
}

/** Ancestors of an organization as of a date, nearest first (itself excluded). */
export async function ancestorsAsOf(
  db: Db,
  organizationId: number,
  asOf: string,
): Promise<Organization[]> {
  const rows = await db
    .selectFrom('organizationClosure as c')
    .innerJoin('organizations as o', 'o.id', 'c.ancestorId')
    .selectAll('o')
    .where('c.descendantId', '=', organizationId)
    .where('c.depth', '>', 0)
    .where(openOn('c', asOf))
    .orderBy('c.depth')
    .execute();
  return rows.map(toOrganization);
}

/** A stored organization as an organizations import compares a row with it. */
export interface StoredOrganization {
  id: number;
  code: string;
  name: string;
  kind: string;
  level: string;
  sector: string | null;
  combined: number;
  decidesAdmissions: number;
  educationException: number;
  hasYouthUnion: number;
  establishedOn: string;
  dissolvedOn: string;
  /** Its parent on its first day (null for a root). */
  parentCode: string | null;
}

/** The organizations with these codes, each with its parent on the day it was established. */
export async function findOrganizationsByCodes(
  db: Db,
  codes: readonly string[],
): Promise<StoredOrganization[]> {
  const out: StoredOrganization[] = [];
  for (const part of chunks([...new Set(codes)])) {
    const rows = await db
      .selectFrom('organizations as o')
      .leftJoin('organizationLinks as l', (join) =>
        join
          .onRef('l.organizationId', '=', 'o.id')
          .onRef('l.validFrom', '<=', 'o.establishedOn')
          .onRef('l.validTo', '>', 'o.establishedOn'),
      )
      .leftJoin('organizations as p', 'p.id', 'l.parentId')
      .select([
        'o.id',
        'o.code',
        'o.name',
        'o.kind',
        'o.level',
        'o.sector',
        'o.combined',
        'o.decidesAdmissions',
        'o.educationException',
        'o.hasYouthUnion',
        'o.establishedOn',
        'o.dissolvedOn',
        'p.code as parentCode',
      ])
      .where('o.code', 'in', part)
      .execute();
    out.push(...rows);
  }
  return out;
}

/** Whether the installation has any organization yet (an empty one awaits its first run). */
export async function hasAnyOrganization(db: Db): Promise<boolean> {
  const row = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Inserts an organization row and returns its id. */
export async function insertOrganization(
  db: Db,
  row: Insertable<OrganizationTable>,
): Promise<number> {
  const { id } = await db
    .insertInto('organizations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The id of the unit with this code, or undefined. */
export async function findUnitByCode(db: Db, code: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst();
}

/** Inserts a unit row and returns its id. */
export async function insertUnit(db: Db, row: Insertable<UnitTable>): Promise<number> {
  const { id } = await db.insertInto('units').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Inserts coverage rows (a unit covered by an organization from a date). */
export async function insertUnitCoverage(
  db: Db,
  rows: readonly Insertable<UnitCoverageTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('unitCoverage')
    .values([...rows])
    .execute();
}

/** Closes an organization's link to its parent from `on` (the link open then, or starting later). */
async function closeLink(db: Db, organizationId: number, on: string): Promise<void> {
  await db
    .updateTable('organizationLinks')
    .set({ validTo: on })
    .where('organizationId', '=', organizationId)
    .where('validTo', '>', on)
    .execute();
}

/**
 * Attaches an organization (and everything under it as of `on`) to a new parent from `on`,
 * closing its previous link and the closure rows that joined its subtree to its old ancestors.
 */
export async function attachSubtree(
  db: Db,
  organizationId: number,
  parentId: number | null,
  on: string,
): Promise<void> {
  const subtree = await db
    .selectFrom('organizationClosure')
    .select(['descendantId', 'depth'])
    .where(underOn('', organizationId, on))
    .execute();
  const members = subtree.length > 0 ? subtree : [{ descendantId: organizationId, depth: 0 }];
  const memberIds = members.map((m) => m.descendantId);

  const oldAncestorIds = (
    await db
      .selectFrom('organizationClosure')
      .select('ancestorId')
      .where('descendantId', '=', organizationId)
      .where('depth', '>', 0)
      .where(openOn('', on))
      .execute()
  ).map((r) => r.ancestorId);
  if (oldAncestorIds.length > 0) {
    await db
      .updateTable('organizationClosure')
      .set({ validTo: on })
      .where('ancestorId', 'in', oldAncestorIds)
      .where('descendantId', 'in', memberIds)
      .where(openOn('', on))
      .execute();
  }
  await closeLink(db, organizationId, on);
  await db
    .insertInto('organizationLinks')
    .values({ organizationId, parentId, validFrom: on })
    .execute();

  if (subtree.length === 0) {
    await db
      .insertInto('organizationClosure')
      .values({ ancestorId: organizationId, descendantId: organizationId, depth: 0, validFrom: on })
      .execute();
  }
  if (parentId === null) return;
  const newAncestors = await db
    .selectFrom('organizationClosure')
    .select(['ancestorId', 'depth'])
    .where('descendantId', '=', parentId)
    .where(openOn('', on))
    .execute();
  const rows = newAncestors.flatMap((a) =>
    members.map((m) => ({
      ancestorId: a.ancestorId,
      descendantId: m.descendantId,
      depth: a.depth + 1 + m.depth,
      validFrom: on,
    })),
  );
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('organizationClosure')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** The ids of an organization's subtree on a date (itself included). */
export async function subtreeMemberIds(db: Db, organizationId: number, on: string) {
  const rows = await db
    .selectFrom('organizationClosure')
    .select('descendantId')
    .where(underOn('', organizationId, on))
    .execute();
  return [organizationId, ...rows.map((r) => r.descendantId)];
}

/** The ids of an organization's ancestors on a date (itself excluded). */
export async function ancestorIdsOn(db: Db, organizationId: number, on: string) {
  const rows = await db
    .selectFrom('organizationClosure')
    .select('ancestorId')
    .where('descendantId', '=', organizationId)
    .where('depth', '>', 0)
    .where(openOn('', on))
    .execute();
  return rows.map((r) => r.ancestorId);
}

/** Codes of the organizations among `ids` whose parent link changes after `on`. */
export async function treeChangesAfter(db: Db, ids: number[], on: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('organizationLinks as l')
    .innerJoin('organizations as o', 'o.id', 'l.organizationId')
    .select('o.code')
    .distinct()
    .where('l.organizationId', 'in', [...new Set(ids)])
    .where((eb) =>
      eb.or([
        eb('l.validFrom', '>', on),
        eb('o.dissolvedOn', '>', on).and('o.dissolvedOn', '<', '9999-12-31'),
      ]),
    )
    .orderBy('o.code')
    .limit(5)
    .execute();
  return rows.map((r) => r.code);
}

/** Ends an organization on a date: its link, every closure row touching it, and its record. */
export async function closeOrganization(db: Db, organizationId: number, on: string): Promise<void> {
  await closeLink(db, organizationId, on);
  await db
    .updateTable('organizationClosure')
    .set({ validTo: on })
    .where((eb) =>
      eb.or([eb('descendantId', '=', organizationId), eb('ancestorId', '=', organizationId)]),
    )
    .where('validTo', '>', on)
    .execute();
  await db
    .updateTable('organizations')
    .set({ dissolvedOn: on })
    .where('id', '=', organizationId)
    .execute();
}

/** Moves the units an organization covers to another organization from a date. */
export async function moveUnitCoverage(
  db: Db,
  fromId: number,
  toId: number,
  on: string,
  unitIds?: number[],
): Promise<number> {
  let query = db
    .selectFrom('unitCoverage')
    .select(['id', 'unitId'])
    .where('organizationId', '=', fromId)
    .where(openOn('', on));
  if (unitIds) query = query.where('unitId', 'in', unitIds.length > 0 ? unitIds : [-1]);
  const rows = await query.execute();
  if (rows.length === 0) return 0;
  await db
    .updateTable('unitCoverage')
    .set({ validTo: on })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  await db
    .insertInto('unitCoverage')
    .values(rows.map((r) => ({ unitId: r.unitId, organizationId: toId, validFrom: on })))
    .execute();
  return rows.length;
}

/** How many member periods are open in an organization on a date. */
export async function countOpenMemberPeriods(
  db: Db,
  organizationId: number,
  on: string,
): Promise<number> {
  const row = await db
    .selectFrom('memberPeriods')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organizationId', '=', organizationId)
    .where(openOn('', on))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Moves the candidacies still open on a date (not yet admitted, withdrawn or rejected, or in
 * probation) from one organization to another; their history stays in candidate_transitions.
 */
export async function moveOpenCandidates(
  db: Db,
  fromId: number,
  toId: number,
  on: string,
): Promise<number> {
  const result = await db
    .updateTable('candidates')
    .set({ organizationId: toId })
    .where('organizationId', '=', fromId)
    .where((eb) =>
      eb.or([eb('closedOn', '>', on), eb('stage', 'in', ['admitted', 'probation_review'])]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A unit as listed, with the organization covering it on the date. */
export interface UnitListItem {
  code: string;
  name: string;
  kind: string;
  staffCount: number | null;
  organizationCode: string;
  organizationName: string;
}

/** Units covered on a date by organizations of root's subtree, optionally by kind and folded name, in code order. */
export async function unitsAsOf(
  db: Db,
  rootId: number,
  asOf: string,
  filters: { kind?: string | undefined; nameFolded?: string | undefined },
  limit: number,
): Promise<UnitListItem[]> {
  let query = db
    .selectFrom('unitCoverage as uc')
    .innerJoin('organizationClosure as c', 'c.descendantId', 'uc.organizationId')
    .innerJoin('units as u', 'u.id', 'uc.unitId')
    .innerJoin('organizations as o', 'o.id', 'uc.organizationId')
    .select([
      'u.code',
      'u.name',
      'u.kind',
      'u.staffCount',
      'o.code as organizationCode',
      'o.name as organizationName',
    ])
    .where(underOn('c', rootId, asOf))
    .where(openOn('uc', asOf))
    .where(openOn('u', asOf));
  if (filters.kind) query = query.where('u.kind', '=', filters.kind);
  const fragment = filters.nameFolded?.replace(/[%_\\]/g, '');
  if (fragment) {
    query = query.where((eb) =>
      eb.or([
        eb('u.nameFolded', 'like', `${fragment}%`),
        eb('u.nameFolded', 'like', `% ${fragment}%`),
        eb('u.code', '=', fragment.toUpperCase()),
      ]),
    );
  }
  return query.orderBy('u.code').limit(limit).execute();
}

/** Ids of the organizations that cover any of the units, at any date, ascending. */
export async function organizationsCoveringUnits(
  db: Db,
  unitIds: readonly number[],
): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('unitCoverage')
    .select('organizationId')
    .distinct()
    .where('unitId', 'in', [...unitIds])
    .orderBy('organizationId')
    .execute();
  return rows.map((r) => r.organizationId);
}

/** An organization's name on a date: a former name (before a rename) when one covers it, else its current name. */
export async function nameOn(db: Db, organization: Organization, on: string): Promise<string> {
  const row = await db
    .selectFrom('organizationNames')
    .select('name')
    .where('organizationId', '=', organization.id)
    .where(openOn('', on))
    .executeTakeFirst();
  return row?.name ?? organization.name;
}

/** The day an organization's current name began: its last rename's date, else its founding. */
export async function currentNameSince(db: Db, organization: Organization): Promise<string> {
  const row = await db
    .selectFrom('organizationNames')
    .select((eb) => eb.fn.max('validTo').as('since'))
    .where('organizationId', '=', organization.id)
    .executeTakeFirst();
  return row?.since ?? organization.establishedOn;
}

/**
 * Renames an organization from a date: its current name is kept as a former name over
 * [since, on), and the organization row takes the new name (and its folded form for search).
 */
export async function renameOrganization(
  db: Db,
  organization: Organization,
  since: string,
  on: string,
  name: string,
  nameFolded: string,
): Promise<void> {
  await db
    .insertInto('organizationNames')
    .values({
      organizationId: organization.id,
      name: organization.name,
      validFrom: since,
      validTo: on,
    })
    .execute();
  await db
    .updateTable('organizations')
    .set({ name, nameFolded })
    .where('id', '=', organization.id)
    .execute();
}

/** What an organization's subtree holds on a date: what moves with it when it moves. */
export interface SubtreeFigures {
  organizations: number;
  cells: number;
  members: number;
  candidates: number;
  units: number;
}

/**
 * Counts an organization's subtree on a date (itself included): its organizations and cells, the
 * member periods open then, the candidacies still open then (as `moveOpenCandidates` reads them)
 * and the units covered then.
 */
export async function subtreeFigures(
  db: Db,
  organizationId: number,
  on: string,
): Promise<SubtreeFigures> {
  const ids = subtreeIdsOn(db, organizationId, on);
  const organizations = await db
    .selectFrom('organizations')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('id', 'in', ids)
    .groupBy('kind')
    .execute();
  const members = await db
    .selectFrom('memberPeriods')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organizationId', 'in', ids)
    .where(openOn('', on))
    .executeTakeFirstOrThrow();
  const candidates = await db
    .selectFrom('candidates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organizationId', 'in', ids)
    .where((eb) =>
      eb.or([eb('closedOn', '>', on), eb('stage', 'in', ['admitted', 'probation_review'])]),
    )
    .executeTakeFirstOrThrow();
  const units = await db
    .selectFrom('unitCoverage')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organizationId', 'in', ids)
    .where(openOn('', on))
    .executeTakeFirstOrThrow();
  return {
    organizations: organizations.reduce((sum, row) => sum + Number(row.n), 0),
    cells: Number(organizations.find((row) => row.kind === 'cell')?.n ?? 0),
    members: Number(members.n),
    candidates: Number(candidates.n),
    units: Number(units.n),
  };
}
