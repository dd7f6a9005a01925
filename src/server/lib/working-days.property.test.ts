import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates.ts';
import { WorkingDayCalendar } from './working-days.ts';
import { vietnamCalendar, VIETNAM_HOLIDAYS } from '../modules/calendar/holidays.data.ts';

/**
 * Properties of working-day arithmetic on arbitrary holiday sets and on Vietnam's real calendar
 * (issue 9): deadlines move forward with their start, add up, never get earlier when holidays are
 * added, and never fall on a holiday such as Tết.
 */

const day = fc.integer({ min: 0, max: 12 * 365 }).map((n) => addDays('2016-01-01', n));
const n = fc.integer({ min: 0, max: 300 });
const holidaySet = fc.uniqueArray(day, { maxLength: 60 });

describe('working days on arbitrary holiday sets', () => {
  it('a later start never gives an earlier deadline', () => {
    fc.assert(
      fc.property(holidaySet, day, fc.integer({ min: 0, max: 400 }), n, (holidays, a, gap, k) => {
        const calendar = new WorkingDayCalendar(holidays);
        expect(calendar.addWorkingDays(addDays(a, gap), k) >= calendar.addWorkingDays(a, k)).toBe(
          true,
        );
      }),
    );
  });

  it('adds up: k then m working days is k + m working days', () => {
    fc.assert(
      fc.property(holidaySet, day, n, n, (holidays, start, k, m) => {
        const calendar = new WorkingDayCalendar(holidays);
        expect(calendar.addWorkingDays(calendar.addWorkingDays(start, k), m)).toBe(
          calendar.addWorkingDays(start, k + m),
        );
      }),
    );
  });

  it('more holidays never make a deadline earlier', () => {
    fc.assert(
      fc.property(holidaySet, holidaySet, day, n, (some, more, start, k) => {
        const fewer = new WorkingDayCalendar(some);
        const extra = new WorkingDayCalendar([...some, ...more]);
        expect(extra.addWorkingDays(start, k) >= fewer.addWorkingDays(start, k)).toBe(true);
        const end = addDays(start, k);
        expect(extra.workingDaysBetween(start, end)).toBeLessThanOrEqual(
          fewer.workingDaysBetween(start, end),
        );
      }),
    );
  });
});

describe("working days on Vietnam's calendar", () => {
  const calendar = vietnamCalendar();
  const holidays = new Set(VIETNAM_HOLIDAYS.map((h) => h.date));

  it('a deadline of one or more working days never falls on a public holiday or a weekend off', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 120 }), (start, k) => {
        const due = calendar.addWorkingDays(start, k);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(holidays.has(due)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('never counts more working days than calendar days', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), (start, span) => {
        const count = calendar.workingDaysBetween(start, addDays(start, span));
        expect(count).toBeGreaterThanOrEqual(0);
        expect(count).toBeLessThanOrEqual(span);
      }),
    );
  });
});
