import type { Insertable } from 'kysely';
import { openOn } from '../../db/dated.ts';
import { joinSubtree, subtreeOrganizations } from '../organizations/tree.repository.ts';
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
}

/** A criterion of a scheme. */
export interface RatingCriterion {
  id: number;
  subject: 'organization' | 'member';
  code: string;
  name: string;
  maxPoints: number;
  metric: string | null;
  sort: number;
}

/** Installs a scheme and its criteria unless a scheme with its code exists; returns its id. */
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
      maxPoints: scheme.maxPoints,
      excellentMin: scheme.excellentMin,
      goodMin: scheme.goodMin,
      completedMin: scheme.completedMin,
      validFrom: scheme.validFrom,
      note: scheme.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('ratingCriteria')
    .values(
      scheme.criteria.map((c, i) => ({
        schemeId: id,
        subject: c.subject,
        code: c.code,
        name: c.name,
        maxPoints: c.maxPoints,
        metric: c.metric ?? null,
        sector: c.sector ?? null,
        sort: i + 1,
      })),
    )
    .execute();
  return id;
}

/** The scheme with a code, or else the latest scheme in force on a date. */
export async function findScheme(
  db: Db,
  code: string | undefined,
  on: string,
): Promise<RatingScheme | undefined> {
  let query = db
    .selectFrom('ratingSchemes')
    .select([
      'id',
      'code',
      'name',
      'maxPoints',
      'excellentMin',
      'goodMin',
      'completedMin',
      'validFrom',
    ]);
  query = code ? query.where('code', '=', code) : query.where(openOn('', on));
  const row = await query.orderBy('validFrom', 'desc').executeTakeFirst();
  if (row || code) return row;
  // A rating of a year before any scheme came in force uses the oldest scheme installed.
  return db
    .selectFrom('ratingSchemes')
    .select([
      'id',
      'code',
      'name',
      'maxPoints',
      'excellentMin',
      'goodMin',
      'completedMin',
      'validFrom',
    ])
    .orderBy('validFrom')
    .executeTakeFirst();
}

/** The criteria of a scheme, in order. */
export async function criteriaOf(db: Db, schemeId: number): Promise<RatingCriterion[]> {
  return db
    .selectFrom('ratingCriteria')
    .select(['id', 'subject', 'code', 'name', 'maxPoints', 'metric', 'sort'])
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
