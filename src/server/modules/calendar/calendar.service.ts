/**
 * The installation's working-day calendar, built from the `holidays` table (data, edited by the
 * organization board when the Government announces a year's days off), falling back to the
 * shipped 2016–2027 data while the table is empty.
 */
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import type { Db } from '../../db/database.ts';
import { assertCan, assertCanConfigure } from '../../access/access.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { weekday } from '../../../shared/dates.ts';
import { WorkingDayCalendar } from '../../lib/working-days.ts';
import { holidayInput, type HolidayInput } from '../../../shared/pipeline.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import {
  findHoliday,
  holidaysFingerprint,
  insertHolidays,
  listHolidays,
  saveHoliday,
  type HolidayRow,
} from './calendar.repository.ts';
import { VIETNAM_HOLIDAYS, VIETNAM_MAKEUP_WORKDAYS, vietnamCalendar } from './holidays.data.ts';

interface CachedCalendar {
  fingerprint: string;
  calendar: WorkingDayCalendar;
}

// One calendar per open database; rebuilt when this process changes the table or when the
// table's fingerprint (count, first/last date, make-up days) shows another process did.
const cache = new WeakMap<Db, CachedCalendar>();

/** Builds a calendar from holiday rows (weekday rows with working=1 are ignored as meaningless). */
export function calendarFromRows(rows: readonly HolidayRow[]): WorkingDayCalendar {
  const holidays = rows.filter((r) => !r.working).map((r) => r.date);
  const working = rows
    .filter((r) => r.working && [0, 6].includes(weekday(r.date)))
    .map((r) => r.date);
  return new WorkingDayCalendar(holidays, working);
}

/** The working-day calendar of this installation (cached per process and database). */
export async function workingDayCalendar(db: Db): Promise<WorkingDayCalendar> {
  const fingerprint = await holidaysFingerprint(db);
  const cached = cache.get(db);
  if (cached && cached.fingerprint === fingerprint) return cached.calendar;
  const rows = await listHolidays(db);
  const calendar = rows.length > 0 ? calendarFromRows(rows) : vietnamCalendar();
  cache.set(db, { fingerprint, calendar });
  return calendar;
}

/** Forgets the cached calendar of a database (after this process changed the holidays). */
export function invalidateCalendar(db: Db): void {
  cache.delete(db);
}

/** The holiday calendar, optionally for one year. */
export async function getHolidays(ctx: AppContext, actor: Actor, year?: number) {
  assertCan(actor, 'read');
  const items = await listHolidays(ctx.db, year);
  return { items, source: items.length > 0 || year !== undefined ? 'database' : 'shipped' };
}

/** Adds or replaces one day of the calendar; deadlines computed afterwards use it. */
export async function addHoliday(ctx: AppContext, actor: Actor, raw: HolidayInput) {
  // The calendar is installation-wide: only admins of the whole installation change it.
  await assertCanConfigure(ctx, actor);
  const input = parseInput(holidayInput, raw);
  const isWeekend = [0, 6].includes(weekday(input.date));
  if (input.working && !isWeekend)
    throw new AppError('validation', 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật', [
      { field: 'working', message: `${input.date} không phải thứ Bảy hoặc Chủ nhật` },
    ]);
  const row: HolidayRow = { ...input, working: input.working };
  await ctx.db.transaction().execute(async (trx) => {
    // The first edit copies the shipped calendar into the table, so that adding one day does
    // not drop the fallback's other days.
    if ((await listHolidays(trx)).length === 0) await insertHolidays(trx, shippedRows());
    const before = await findHoliday(trx, input.date);
    await saveHoliday(trx, row);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: before ? 'holiday.update' : 'holiday.create',
      entity: 'holiday',
      entityId: input.date,
      effectiveOn: input.date,
      before: before ?? null,
      after: row,
    });
  });
  invalidateCalendar(ctx.db);
  return row;
}

/** The shipped 2016–2027 calendar as table rows (one row per date). */
export function shippedRows(): HolidayRow[] {
  const rows: HolidayRow[] = [
    ...VIETNAM_HOLIDAYS.map((h) => ({
      date: h.date,
      name: h.name,
      nameVi: h.nameVi,
      kind: h.kind,
      working: false,
    })),
    ...VIETNAM_MAKEUP_WORKDAYS.map((w) => ({
      date: w.date,
      name: w.note,
      nameVi: w.note,
      kind: 'makeup_workday',
      working: true,
    })),
  ];
  return rows.filter((row, i) => rows.findIndex((r) => r.date === row.date) === i);
}
