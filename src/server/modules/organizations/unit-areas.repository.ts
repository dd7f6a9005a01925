/**
 * SQL of the dated area kinds of units (`unit_area_kinds`): mountain, border, island,
 * ethnic-minority or hardship area over [validFrom, validTo). The pipeline reads the kinds of a
 * person's place on a day; the tree screen lists and dates them. Rows are never deleted.
 */
import type { Db } from '../../db/database.ts';
import { openOn } from '../../db/dated.ts';

const OPEN = '9999-12-31';

/** A unit by code, with the commune unit it lies in. */
export async function unitByCode(db: Db, code: string) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'communeUnitId'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Every dated area kind of a unit, oldest first. */
export async function areaKindsOfUnit(db: Db, unitId: number) {
  return db
    .selectFrom('unitAreaKinds')
    .select(['id', 'kind', 'validFrom', 'validTo'])
    .where('unitId', '=', unitId)
    .orderBy('validFrom')
    .orderBy('id')
    .execute();
}

/**
 * The area kinds of a unit on a day, with those of the commune it lies in; null when neither has
 * any kind recorded at any time (the area is unknown, not "none").
 */
export async function areaKindsOn(db: Db, unitId: number, on: string): Promise<string[] | null> {
  const unit = await db
    .selectFrom('units')
    .select('communeUnitId')
    .where('id', '=', unitId)
    .executeTakeFirst();
  const ids = [unitId, ...(unit?.communeUnitId ? [unit.communeUnitId] : [])];
  const rows = await db
    .selectFrom('unitAreaKinds')
    .select(['kind', 'validFrom', 'validTo'])
    .where('unitId', 'in', ids)
    .execute();
  if (rows.length === 0) return null;
  const kinds = rows.filter((r) => r.validFrom <= on && on < r.validTo).map((r) => r.kind);
  return [...new Set(kinds)].sort();
}

/** The open period of a kind on a unit that covers a day, if any. */
export async function openAreaKind(db: Db, unitId: number, kind: string, on: string) {
  return db
    .selectFrom('unitAreaKinds')
    .select(['id', 'validFrom', 'validTo'])
    .where('unitId', '=', unitId)
    .where('kind', '=', kind)
    .where('validTo', '>', on)
    .orderBy('validFrom')
    .executeTakeFirst();
}

/** Opens a kind on a unit from a day (until ended). */
export async function insertAreaKind(db: Db, unitId: number, kind: string, from: string) {
  await db
    .insertInto('unitAreaKinds')
    .values({ unitId, kind, validFrom: from, validTo: OPEN })
    .execute();
}

/** Ends an open period of a kind on a day. */
export async function endAreaKind(db: Db, id: number, on: string) {
  await db.updateTable('unitAreaKinds').set({ validTo: on }).where('id', '=', id).execute();
}

/** An organization covering the unit on a day (for the event's organization). */
export async function coveringOrganization(db: Db, unitId: number, on: string) {
  const row = await db
    .selectFrom('unitCoverage')
    .select('organizationId')
    .where('unitId', '=', unitId)
    .where(openOn('', on))
    .executeTakeFirst();
  return row?.organizationId ?? null;
}
