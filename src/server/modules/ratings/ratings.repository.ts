import type { Insertable } from 'kysely';
import { openOn } from '../../db/dated.ts';
import {
  joinSubtree,
  nearestAncestorAtLevel,
  subtreeOrganizations,
} from '../organizations/tree.repository.ts';
import type { Db } from '../../db/database.ts';
import type { RatingScoreTable, RatingTable } from '../../db/schema.ts';
import type { SchemeData } from './ratings.data.ts';

/** A rating scheme with its thresholds. */
export interface RatingScheme {
  id: number;
  code: string;
  name: string;
  maxPoints: number;
  excellentMin: number;
  goodMin: number;
  completedMin: number;
  validFrom: string;
  validTo: string;
  scale: string;
  ruleset: string | null;
  regulation: string | null;
  guidance: string | null;
}

/** A weighted group of criteria. */
export interface RatingGroup {
  id: number;
  subject: 'organization' | 'member';
  code: string;
  name: string;
  maxPoints: number;
  citation: string | null;
}

const SCHEME_COLUMNS = [
  'id',
  'code',
  'name',
  'maxPoints',
  'excellentMin',
  'goodMin',
  'completedMin',
  'validFrom',
  'validTo',
  'scale',
  'ruleset',
  'regulation',
  'guidance',
] as const;

/** A criterion of a scheme. */
export interface RatingCriterion {
  id: number;
  subject: 'organization' | 'member';
  code: string;
  name: string;
  maxPoints: number;
  metric: string | null;
  sort: number;
  groupId: number | null;
}

/** Installs a scheme, its groups and criteria unless a scheme with its code exists; returns its id. */
export async function installScheme(db: Db, scheme: SchemeData): Promise<number> {
  const existing = await db
    .selectFrom('ratingSchemes')
    .select('id')
    .where('code', '=', scheme.code)
    .executeTakeFirst();
  if (existing) return existing.id;
  const { id } = await db
    .insertInto('ratingSchemes')
    .values({
      code: scheme.code,
      name: scheme.name,
      scale: scheme.scale,
      ruleset: scheme.regulation,
      regulation: scheme.regulation,
      guidance: scheme.guidance,
      maxPoints: scheme.maxPoints,
      excellentMin: scheme.excellentMin,
      goodMin: scheme.goodMin,
      completedMin: scheme.completedMin,
      validFrom: scheme.validFrom,
      validTo: scheme.validTo,
      note: scheme.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let sort = 0;
  for (const [g, group] of scheme.groups.entries()) {
    const { id: groupId } = await db
      .insertInto('ratingGroups')
      .values({
        schemeId: id,
        subject: group.subject,
        code: group.code,
        name: group.name,
        maxPoints: group.maxPoints,
        citation: group.citation,
        sort: g + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const c of group.criteria) {
      sort += 1;
      await db
        .insertInto('ratingCriteria')
        .values({
          schemeId: id,
          groupId,
          subject: group.subject,
          code: c.code,
          name: c.name,
          maxPoints: c.maxPoints,
          metric: c.metric ?? null,
          sector: null,
          sort,
        })
        .execute();
    }
  }
  return id;
}

/** The scheme with a code, or else the latest scheme in force on a date. */
export async function findScheme(
  db: Db,
  code: string | undefined,
  on: string,
): Promise<RatingScheme | undefined> {
  let query = db.selectFrom('ratingSchemes').select(SCHEME_COLUMNS);
  query = code ? query.where('code', '=', code) : query.where(openOn('', on));
  return query.orderBy('validFrom', 'desc').executeTakeFirst();
}

/** The scheme of an id. */
export async function schemeById(db: Db, id: number): Promise<RatingScheme | undefined> {
  return db
    .selectFrom('ratingSchemes')
    .select(SCHEME_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The oldest scheme installed (a report of a year before any is in force shows its scale). */
export async function oldestScheme(db: Db): Promise<RatingScheme | undefined> {
  return db
    .selectFrom('ratingSchemes')
    .select(SCHEME_COLUMNS)
    .orderBy('validFrom')
    .executeTakeFirst();
}

/** The weighted groups of a scheme, in order. */
export async function groupsOf(db: Db, schemeId: number): Promise<RatingGroup[]> {
  return db
    .selectFrom('ratingGroups')
    .select(['id', 'subject', 'code', 'name', 'maxPoints', 'citation'])
    .where('schemeId', '=', schemeId)
    .orderBy('sort')
    .execute();
}

/** The criteria of a scheme, in order. */
export async function criteriaOf(db: Db, schemeId: number): Promise<RatingCriterion[]> {
  return db
    .selectFrom('ratingCriteria')
    .select(['id', 'subject', 'code', 'name', 'maxPoints', 'metric', 'sort', 'groupId'])
    .where('schemeId', '=', schemeId)
    .orderBy('subject')
    .orderBy('sort')
    .execute();
}

/** Whether a rating of the same subject and period exists (ratings are not silently replaced). */
export async function ratingExists(
  db: Db,
  subject: 'organization' | 'member',
  organizationId: number,
  personId: number | null,
  year: number,
  quarter: number,
): Promise<boolean> {
  let query = db
    .selectFrom('ratings')
    .select('id')
    .where('subject', '=', subject)
    .where('year', '=', year)
    .where('quarter', '=', quarter);
  query =
    personId === null
      ? query.where('organizationId', '=', organizationId).where('personId', 'is', null)
      : query.where('personId', '=', personId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Inserts a rating and its scores; returns the rating's id. */
export async function insertRating(
  db: Db,
  rating: Insertable<RatingTable>,
  scores: Omit<Insertable<RatingScoreTable>, 'ratingId'>[],
): Promise<number> {
  const { id } = await db
    .insertInto('ratings')
    .values(rating)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (scores.length > 0)
    await db
      .insertInto('ratingScores')
      .values(scores.map((s) => ({ ...s, ratingId: id })))
      .execute();
  return id;
}

/** A stored rating with what the report shows of its subject. */
export interface RatingRow {
  id: number;
  subject: 'organization' | 'member';
  schemeId: number;
  organizationId: number;
  organizationCode: string;
  organizationName: string;
  personId: number | null;
  fullName: string | null;
  nameSort: string | null;
  year: number;
  quarter: number;
  total: number;
  level: string;
  reason: string | null;
  citation: string | null;
}

/** Ratings of a period whose organization lay in root's subtree at `asOf` (the period's end). */
export async function ratingsInSubtree(
  db: Db,
  rootId: number,
  asOf: string,
  year: number,
  quarter: number,
): Promise<RatingRow[]> {
  return db
    .selectFrom('ratings as r')
    .$call(joinSubtree('c', 'r.organizationId', rootId, asOf))
    .innerJoin('organizations as o', 'o.id', 'r.organizationId')
    .leftJoin('people as p', 'p.id', 'r.personId')
    .select([
      'r.id',
      'r.subject',
      'r.schemeId',
      'r.organizationId',
      'o.code as organizationCode',
      'o.name as organizationName',
      'r.personId',
      'p.fullName',
      'p.nameSort',
      'r.year',
      'r.quarter',
      'r.total',
      'r.level',
      'r.reason',
      'r.citation',
    ])
    .where('r.year', '=', year)
    .where('r.quarter', '=', quarter)
    .orderBy('o.code')
    .orderBy('p.nameSort')
    .execute();
}

/** Scores of some ratings, by rating id then criterion code. */
export async function scoresOf(
  db: Db,
  ratingIds: number[],
): Promise<{ ratingId: number; code: string; points: number; proposedPoints: number | null }[]> {
  if (ratingIds.length === 0) return [];
  const out: { ratingId: number; code: string; points: number; proposedPoints: number | null }[] =
    [];
  // Chunked so the IN list stays under both dialects' parameter limits.
  for (let i = 0; i < ratingIds.length; i += 5000) {
    out.push(
      ...(await db
        .selectFrom('ratingScores as s')
        .innerJoin('ratingCriteria as k', 'k.id', 's.criterionId')
        .select(['s.ratingId', 'k.code', 's.points', 's.proposedPoints'])
        .where('s.ratingId', 'in', ratingIds.slice(i, i + 5000))
        .execute()),
    );
  }
  return out;
}

/** The current membership's organization of a person on a date, if they were a member then. */
export async function memberOrganizationOn(
  db: Db,
  personId: number,
  on: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('memberPeriods')
    .select('organizationId')
    .where('personId', '=', personId)
    .where(openOn('', on))
    .executeTakeFirst();
  return row?.organizationId;
}

/** Cells of a sector in root's subtree on a date, with the staff of the units they cover. */
export async function cellsOfSector(
  db: Db,
  rootId: number,
  asOf: string,
  sector: string,
): Promise<{ id: number; code: string; staff: number }[]> {
  const rows = await subtreeOrganizations(db, rootId, asOf)
    .leftJoin('unitCoverage as uc', (join) =>
      join.onRef('uc.organizationId', '=', 'o.id').on(openOn('uc', asOf)),
    )
    .leftJoin('units as u', 'u.id', 'uc.unitId')
    .select(['o.id', 'o.code', (eb) => eb.fn.sum<number>('u.staffCount').as('staff')])
    .where('o.kind', '=', 'cell')
    .where('o.sector', '=', sector)
    .groupBy(['o.id', 'o.code'])
    .orderBy('o.code')
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, staff: Number(r.staff ?? 0) }));
}

/**
 * The grassroots organization (đảng bộ cơ sở or chi bộ cơ sở) an organization belonged to on a
 * date: itself or its nearest ancestor of a grassroots level.
 */
export async function grassrootsOf(
  db: Db,
  organizationId: number,
  on: string,
): Promise<{ id: number; code: string; name: string } | undefined> {
  const id = await nearestAncestorAtLevel(db, organizationId, on, [
    'grassroots',
    'grassroots_cell',
  ]);
  if (id === null) return undefined;
  return db
    .selectFrom('organizations')
    .select(['id', 'code', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Member ratings of a year by level whose organization lay in root's subtree at `asOf`. */
export async function memberLevelsUnder(
  db: Db,
  rootId: number,
  asOf: string,
  year: number,
  quarter: number,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('ratings as r')
    .$call(joinSubtree('c', 'r.organizationId', rootId, asOf))
    .select(['r.level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.subject', '=', 'member')
    .where('r.year', '=', year)
    .where('r.quarter', '=', quarter)
    .groupBy('r.level')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}
