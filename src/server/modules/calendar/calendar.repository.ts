import type { Db } from '../../db/database.ts';

/** One row of the installation's holiday calendar. */
export interface HolidayRow {
  date: string;
  name: string;
  nameVi: string;
  kind: string;
  working: boolean;
}

/** Holidays and make-up working days, by date, optionally within one year. */
export async function listHolidays(db: Db, year?: number): Promise<HolidayRow[]> {
  let query = db.selectFrom('holidays').select(['date', 'name', 'nameVi', 'kind', 'working']);
  if (year !== undefined)
    query = query.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  const rows = await query.orderBy('date').execute();
  return rows.map((r) => ({ ...r, working: r.working === 1 }));
}

/** A cheap fingerprint of the table, so a process notices changes made by another one. */
export async function holidaysFingerprint(db: Db): Promise<string> {
  const row = await db
    .selectFrom('holidays')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.max('date').as('last'),
      eb.fn.min('date').as('first'),
      eb.fn.sum<number>('working').as('working'),
    ])
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}|${row.first ?? ''}|${row.last ?? ''}|${Number(row.working ?? 0)}`;
}

/** The row for a date, if any. */
export async function findHoliday(db: Db, date: string): Promise<HolidayRow | undefined> {
  const row = await db
    .selectFrom('holidays')
    .select(['date', 'name', 'nameVi', 'kind', 'working'])
    .where('date', '=', date)
    .executeTakeFirst();
  return row && { ...row, working: row.working === 1 };
}

/** Writes one day, replacing the row of the same date. */
export async function saveHoliday(db: Db, row: HolidayRow): Promise<void> {
  await db.deleteFrom('holidays').where('date', '=', row.date).execute();
  await db
    .insertInto('holidays')
    .values({ ...row, working: row.working ? 1 : 0 })
    .execute();
}

/** Inserts many days at once (seeding the table from the shipped calendar). */
export async function insertHolidays(db: Db, rows: HolidayRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('holidays')
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, working: r.working ? 1 : 0 })))
      .execute();
}
