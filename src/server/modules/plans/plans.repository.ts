import type { Db } from '../../db/database.ts';

const OPEN = '9999-12-31';

/** A plan target as shown: the version in force. */
export interface PlanItem {
  id: number;
  organizationCode: string;
  organizationName: string;
  year: number;
  metric: string;
  sector: string | null;
  target: number;
  targetMax: number | null;
  focusGroups: string[];
  note: string | null;
}

/** The plans in force for a year of the given organizations. */
export async function plansInForce(
  db: Db,
  organizationIds: number[],
  year: number,
): Promise<PlanItem[]> {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .selectFrom('plans as pl')
    .innerJoin('organizations as o', 'o.id', 'pl.organizationId')
    .select([
      'pl.id',
      'o.code as organizationCode',
      'o.name as organizationName',
      'pl.year',
      'pl.metric',
      'pl.sector',
      'pl.target',
      'pl.targetMax',
      'pl.focusGroups',
      'pl.note',
    ])
    .where('pl.organizationId', 'in', organizationIds)
    .where('pl.year', '=', year)
    .where('pl.validTo', '=', OPEN)
    .orderBy('o.code')
    .orderBy('pl.metric')
    .execute();
  return rows.map((r) => ({
    ...r,
    focusGroups: r.focusGroups ? (JSON.parse(r.focusGroups) as string[]) : [],
  }));
}

/** Replaces the plan in force for (organization, year, metric, sector): the old version is closed, not deleted. */
export async function replacePlan(
  db: Db,
  plan: {
    organizationId: number;
    year: number;
    metric: string;
    sector: string | null;
    target: number;
    targetMax: number | null;
    focusGroups: string[];
    note: string | null;
  },
  on: string,
): Promise<{ before: PlanItem | null; id: number }> {
  let current = db
    .selectFrom('plans')
    .selectAll()
    .where('organizationId', '=', plan.organizationId)
    .where('year', '=', plan.year)
    .where('metric', '=', plan.metric)
    .where('validTo', '=', OPEN);
  current =
    plan.sector === null
      ? current.where('sector', 'is', null)
      : current.where('sector', '=', plan.sector);
  const before = await current.executeTakeFirst();
  if (before)
    await db.updateTable('plans').set({ validTo: on }).where('id', '=', before.id).execute();
  const { id } = await db
    .insertInto('plans')
    .values({
      ...plan,
      focusGroups: plan.focusGroups.length ? JSON.stringify(plan.focusGroups) : null,
      validFrom: on,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    before: before
      ? {
          ...before,
          organizationCode: '',
          organizationName: '',
          focusGroups: before.focusGroups ? (JSON.parse(before.focusGroups) as string[]) : [],
        }
      : null,
    id,
  };
}

/** Resolutions of the given organizations with their indicators. */
export async function resolutionsOf(db: Db, organizationIds: number[]) {
  if (organizationIds.length === 0) return [];
  const resolutions = await db
    .selectFrom('resolutions as r')
    .innerJoin('organizations as o', 'o.id', 'r.organizationId')
    .select([
      'r.id',
      'r.code',
      'r.title',
      'r.adoptedOn',
      'r.fromYear',
      'r.toYear',
      'o.code as organizationCode',
      'o.name as organizationName',
    ])
    .where('r.organizationId', 'in', organizationIds)
    .orderBy('r.adoptedOn', 'desc')
    .execute();
  if (resolutions.length === 0) return [];
  const indicators = await db
    .selectFrom('resolutionIndicators')
    .selectAll()
    .where(
      'resolutionId',
      'in',
      resolutions.map((r) => r.id),
    )
    .orderBy('sort')
    .execute();
  return resolutions.map((r) => ({
    ...r,
    indicators: indicators.filter((i) => i.resolutionId === r.id),
  }));
}

/** The plan target of an organization for a year and metric (latest version in force), if any. */
export async function findPlan(
  db: Db,
  organizationId: number,
  year: number,
  metric: string,
  sector: string | null = null,
): Promise<{ target: number; targetMax: number | null; focusGroups: string[] } | undefined> {
  let query = db
    .selectFrom('plans')
    .select(['target', 'targetMax', 'focusGroups'])
    .where('organizationId', '=', organizationId)
    .where('year', '=', year)
    .where('metric', '=', metric)
    .where('validTo', '=', '9999-12-31');
  query = sector === null ? query.where('sector', 'is', null) : query.where('sector', '=', sector);
  const row = await query.orderBy('id', 'desc').executeTakeFirst();
  return (
    row && {
      target: row.target,
      targetMax: row.targetMax,
      focusGroups: row.focusGroups ? (JSON.parse(row.focusGroups) as string[]) : [],
    }
  );
}

/** Plan targets of a metric for many organizations in one query. */
export async function plansFor(
  db: Db,
  organizationIds: number[],
  year: number,
  metric: string,
): Promise<Record<number, number>> {
  if (organizationIds.length === 0) return {};
  const rows = await db
    .selectFrom('plans')
    .select(['organizationId', 'target'])
    .where('organizationId', 'in', organizationIds)
    .where('year', '=', year)
    .where('metric', '=', metric)
    .where('sector', 'is', null)
    .where('validTo', '=', '9999-12-31')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.organizationId, r.target]));
}
