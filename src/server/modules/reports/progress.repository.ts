import type { Db } from '../../db/database.ts';
import { joinSubtree } from '../organizations/tree.repository.ts';

/** A resolution with its organization. */
export interface ResolutionRow {
  id: number;
  organizationId: number;
  organizationCode: string;
  organizationName: string;
  code: string;
  title: string;
  adoptedOn: string;
  fromYear: number;
  toYear: number;
}

/** An indicator of a resolution. */
export interface IndicatorRow {
  id: number;
  resolutionId: number;
  code: string;
  name: string;
  metric: string | null;
  baseline: number | null;
  baselineOn: string | null;
  target: number | null;
  direction: string;
  sort: number;
}

function resolutions(db: Db) {
  return db
    .selectFrom('resolutions as r')
    .innerJoin('organizations as o', 'o.id', 'r.organizationId')
    .select([
      'r.id',
      'r.organizationId',
      'o.code as organizationCode',
      'o.name as organizationName',
      'r.code',
      'r.title',
      'r.adoptedOn',
      'r.fromYear',
      'r.toYear',
    ]);
}

/** Resolutions adopted by an organization itself, latest first. */
export async function resolutionsOf(db: Db, organizationId: number): Promise<ResolutionRow[]> {
  return resolutions(db)
    .where('r.organizationId', '=', organizationId)
    .orderBy('r.adoptedOn', 'desc')
    .execute();
}

/** Resolutions adopted by organizations of root's subtree as it stood on `asOf`, latest first. */
export async function resolutionsInSubtree(
  db: Db,
  rootId: number,
  asOf: string,
): Promise<ResolutionRow[]> {
  return resolutions(db)
    .$call(joinSubtree('c', 'r.organizationId', rootId, asOf))
    .orderBy('c.depth')
    .orderBy('r.adoptedOn', 'desc')
    .execute();
}

/** The indicators of a resolution, in order. */
export async function indicatorsOf(db: Db, resolutionId: number): Promise<IndicatorRow[]> {
  return db
    .selectFrom('resolutionIndicators')
    .select([
      'id',
      'resolutionId',
      'code',
      'name',
      'metric',
      'baseline',
      'baselineOn',
      'target',
      'direction',
      'sort',
    ])
    .where('resolutionId', '=', resolutionId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** The latest manually recorded value of each indicator measured on or before `asOf`. */
export async function latestIndicatorValues(
  db: Db,
  indicatorIds: number[],
  asOf: string,
): Promise<Map<number, { value: number; measuredOn: string }>> {
  const out = new Map<number, { value: number; measuredOn: string }>();
  if (indicatorIds.length === 0) return out;
  const rows = await db
    .selectFrom('indicatorValues')
    .select(['indicatorId', 'value', 'measuredOn'])
    .where('indicatorId', 'in', indicatorIds)
    .where('measuredOn', '<=', asOf)
    .orderBy('measuredOn')
    .orderBy('id')
    .execute();
  // Ascending order: the last row seen for an indicator is its latest.
  for (const row of rows)
    out.set(row.indicatorId, { value: row.value, measuredOn: row.measuredOn });
  return out;
}

/** One installation setting (e.g. `report.place`), if set. */
export async function findSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

/** Sets an installation setting unless it is already set (the installation's own value wins). */
export async function setSettingIfMissing(db: Db, key: string, value: string): Promise<void> {
  if ((await findSetting(db, key)) !== undefined) return;
  await db.insertInto('settings').values({ key, value }).execute();
}

/** Sets an installation setting (insert or replace its value). */
export async function saveSetting(db: Db, key: string, value: string): Promise<void> {
  const updated = await db
    .updateTable('settings')
    .set({ value })
    .where('key', '=', key)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await db.insertInto('settings').values({ key, value }).execute();
}

/** Every installation setting, by key. */
export async function listSettings(db: Db): Promise<{ key: string; value: string }[]> {
  return db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
}
