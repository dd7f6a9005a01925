/**
 * Working days of Vietnam's public service: Monday to Friday, minus public holidays (and the
 * bridge days the government swaps for a Saturday), plus those make-up Saturdays. Deadlines such as
 * "the ceremony within 30 working days of receiving the decision" are counted with it.
 *
 * The calendar is data, passed in; see modules/calendar/holidays.data.ts for Vietnam's.
 */
import { fromEpochDay, toEpochDay } from '../../shared/dates.ts';

// 1970-01-05 (epoch day 4) was a Monday; weeks are counted from it.
const FIRST_MONDAY = 4;

/** Weekdays (Mon–Fri) on or before `epochDay`, from an arbitrary origin: only differences matter. */
function weekdaysThrough(epochDay: number): number {
  const sinceMonday = epochDay - FIRST_MONDAY;
  const weeks = Math.floor(sinceMonday / 7);
  const dayOfWeek = sinceMonday - weeks * 7; // 0 = Monday … 6 = Sunday
  return weeks * 5 + Math.min(dayOfWeek + 1, 5);
}

function isWeekend(epochDay: number): boolean {
  const dayOfWeek = (((epochDay - FIRST_MONDAY) % 7) + 7) % 7;
  return dayOfWeek >= 5;
}

/** Index of the first element of the ascending array `sorted` that is greater than `value`. */
function upperBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A Monday–Friday working week with holidays and make-up weekend working days.
 *
 * Counting is O(log h) in the number of exceptions h and allocates nothing per call: the number of
 * working days up to a date is the closed-form count of weekdays plus a prefix sum over the sorted
 * exceptions (−1 for each weekday holiday, +1 for each working weekend day). Dates outside the
 * holiday data are plain Monday–Friday.
 */
export class WorkingDayCalendar {
  readonly #holidays: ReadonlySet<number>;
  readonly #workingWeekendDays: ReadonlySet<number>;
  /** Epoch days where the count departs from plain weekdays, ascending. */
  readonly #exceptionDays: Int32Array;
  /** #exceptionAdjustments[i] = sum of the adjustments of #exceptionDays[0..i). */
  readonly #exceptionAdjustments: Int32Array;

  /**
   * @param holidays ISO dates that are not working days (weekend dates are allowed and ignored
   *   for counting, so a whole announced holiday period can be passed as it is).
   * @param workingWeekendDays Saturdays or Sundays declared working days (make-up days for a
   *   bridge day off). A date may not be both a holiday and a working day.
   */
  constructor(holidays: Iterable<string>, workingWeekendDays: Iterable<string> = []) {
    const holidaySet = new Set<number>();
    for (const date of holidays) holidaySet.add(toEpochDay(date));
    const workingSet = new Set<number>();
    for (const date of workingWeekendDays) {
      const day = toEpochDay(date);
      if (!isWeekend(day)) throw new RangeError(`${date} is not a Saturday or Sunday`);
      if (holidaySet.has(day)) throw new RangeError(`${date} is both a holiday and a working day`);
      workingSet.add(day);
    }

    const exceptions = [
      ...[...holidaySet].filter((day) => !isWeekend(day)).map((day) => [day, -1] as const),
      ...[...workingSet].map((day) => [day, 1] as const),
    ].sort((a, b) => a[0] - b[0]);
    this.#exceptionDays = Int32Array.from(exceptions, ([day]) => day);
    this.#exceptionAdjustments = new Int32Array(exceptions.length + 1);
    exceptions.forEach(([, adjustment], i) => {
      this.#exceptionAdjustments[i + 1] = (this.#exceptionAdjustments[i] ?? 0) + adjustment;
    });
    this.#holidays = holidaySet;
    this.#workingWeekendDays = workingSet;
  }

  /** Whether public offices work on `date`. */
  isWorkingDay(date: string): boolean {
    return this.#isWorking(toEpochDay(date));
  }

  /**
   * The date `n` working days after `date`, which is not counted and need not be a working day:
   * "within 30 working days of X" ends on addWorkingDays(X, 30). n = 0 gives `date` itself.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`n must be a non-negative integer, got ${n}`);
    }
    const start = toEpochDay(date);
    if (n === 0) return date;
    const target = this.#workingThrough(start) + n;
    // The answer is the first day whose running count reaches target. Bracket it (five working
    // days take seven calendar days; each missing working day widens the bracket), then bisect:
    // about log2(1.4 n) steps, so 60 working days cost under ten counts.
    let low = start; // count < target
    let high = start + Math.ceil((n * 7) / 5) + 2;
    let missing = target - this.#workingThrough(high);
    while (missing > 0) {
      low = high;
      high += Math.ceil((missing * 7) / 5) + 2;
      missing = target - this.#workingThrough(high);
    }
    while (high - low > 1) {
      const mid = low + Math.floor((high - low) / 2);
      if (this.#workingThrough(mid) >= target) high = mid;
      else low = mid;
    }
    return fromEpochDay(high);
  }

  /**
   * Working days in the interval (a, b]: a not counted, b counted. Negative (the count in (b, a])
   * when b is before a, so that workingDaysBetween(d, addWorkingDays(d, n)) === n.
   */
  workingDaysBetween(a: string, b: string): number {
    return this.#workingThrough(toEpochDay(b)) - this.#workingThrough(toEpochDay(a));
  }

  #isWorking(day: number): boolean {
    return isWeekend(day) ? this.#workingWeekendDays.has(day) : !this.#holidays.has(day);
  }

  /** Working days on or before `day`, from the same arbitrary origin as weekdaysThrough. */
  #workingThrough(day: number): number {
    const index = upperBound(this.#exceptionDays, day);
    return weekdaysThrough(day) + (this.#exceptionAdjustments[index] ?? 0);
  }
}
