/**
 * The one date module of server, CLI and web: calendar arithmetic on ISO dates ('YYYY-MM-DD',
 * proleptic Gregorian, years 0000–9999), and dates as people write them (dd/mm/yyyy).
 *
 * Dates are civil dates, not instants: everything is computed on a count of days since
 * 1970-01-01 with integer arithmetic, so the host's time zone and daylight saving never enter
 * (the same as working in UTC). Every function rejects malformed or impossible dates
 * ('2018-02-30') with a RangeError instead of rolling them over the way `Date` does.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_EPOCH_DAY = daysFromCivil(0, 1, 1);
const MAX_EPOCH_DAY = daysFromCivil(9999, 12, 31);

interface Civil {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date, no Date.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(epochDay: number): Civil {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function parse(date: string): Civil {
  const match = ISO_DATE.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return { year, month, day };
    }
  }
  throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

function format({ year, month, day }: Civil): string {
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range (years 0000–9999): ${year}`);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function assertInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/** The number of days from 1970-01-01 to `date` (negative before it): a compact, sortable key. */
export function toEpochDay(date: string): number {
  const { year, month, day } = parse(date);
  return daysFromCivil(year, month, day);
}

/** The ISO date `epochDay` days after 1970-01-01; the inverse of {@link toEpochDay}. */
export function fromEpochDay(epochDay: number): string {
  assertInteger(epochDay, 'epochDay');
  if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
    throw new RangeError(`Date out of range (years 0000–9999): epoch day ${epochDay}`);
  }
  return format(civilFromDays(epochDay));
}

/** `date` moved by `n` calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  assertInteger(n, 'n');
  return fromEpochDay(toEpochDay(date) + n);
}

/**
 * `date` moved by `n` calendar months (n may be negative), clamped to the last day of the target
 * month when it is shorter: 2016-01-31 + 1 month = 2016-02-29. This is how the Civil Code ends a
 * period counted in months, so probation "12 months from the ceremony" uses it.
 */
export function addMonths(date: string, n: number): string {
  assertInteger(n, 'n');
  const { year, month, day } = parse(date);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const clampedDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return format({ year: targetYear, month: targetMonth, day: clampedDay });
}

/** `date` moved by `n` years (n may be negative); 29 February becomes 28 February if need be. */
export function addYears(date: string, n: number): string {
  assertInteger(n, 'n');
  return addMonths(date, n * 12);
}

/**
 * Completed months from `from` to `to`, as in an age in months: the largest k with
 * addMonths(from, k) <= to. Born 2000-03-15: 215 months on 2018-03-14, 216 on 2018-03-15.
 * When `to` is before `from` the result is the negated count from `to` to `from`.
 */
export function fullMonthsBetween(from: string, to: string): number {
  if (to < from) return -fullMonthsBetween(to, from);
  const start = parse(from);
  const end = parse(to);
  const months = (end.year - start.year) * 12 + (end.month - start.month);
  return addMonths(from, months) > to ? months - 1 : months;
}

/** Completed years from `from` to `to` (an age in years); negative when `to` is before `from`. */
export function fullYearsBetween(from: string, to: string): number {
  return Math.trunc(fullMonthsBetween(from, to) / 12);
}

/** Calendar days from `a` to `b`: 1 from a day to the next, negative when `b` is before `a`. */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Day of the week of `date`: 0 = Sunday, 1 = Monday, … 6 = Saturday (as `Date#getUTCDay`). */
export function weekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

/** The earliest of the given dates. */
export function minDate(first: string, ...rest: string[]): string {
  // Valid ISO dates sort as strings, so only validation needs parsing.
  let min = first;
  parse(first);
  for (const date of rest) {
    parse(date);
    if (date < min) min = date;
  }
  return min;
}

/** The latest of the given dates. */
export function maxDate(first: string, ...rest: string[]): string {
  let max = first;
  parse(first);
  for (const date of rest) {
    parse(date);
    if (date > max) max = date;
  }
  return max;
}

// Dates as people write them (dd/mm/yyyy) and as the API carries them (YYYY-MM-DD).

/** The ISO date for year, month, day if that day exists in the Gregorian calendar, else null. */
function toIsoDate(year: number, month: number, day: number): string | null {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const ISO_DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;
const VIETNAMESE_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;

/** Shows 'YYYY-MM-DD' or a timestamp as dd/mm/yyyy (date as written, no zone shift; else as is). */
export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '';
  const match = ISO_DATE_PREFIX.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  return `${day}/${month}/${year}`;
}

/** Parses dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd to ISO; null if no such day. */
export function parseDate(input: string): string | null {
  const text = input.trim();
  const iso = ISO_DATE.exec(text);
  if (iso) return toIsoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const vietnamese = VIETNAMESE_DATE.exec(text);
  if (vietnamese) {
    return toIsoDate(Number(vietnamese[4]), Number(vietnamese[3]), Number(vietnamese[1]));
  }
  return null;
}

/** True for a strict 'YYYY-MM-DD' string naming a real calendar day. */
export function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && parseDate(s) !== null;
}

/** The installation's time zone unless a setting says otherwise (Vietnam: UTC+7, no daylight saving). */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** An instant (ISO timestamp) as the local date 'YYYY-MM-DD' and time 'HH:MM' of a time zone. */
export function localDateTime(
  instant: string,
  timeZone: string = DEFAULT_TIME_ZONE,
): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** Whether a time zone name is known to the runtime ("Asia/Ho_Chi_Minh"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
