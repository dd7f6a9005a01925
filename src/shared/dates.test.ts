import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isTimeZone,
  localDateTime,
  addDays,
  addMonths,
  addYears,
  daysBetween,
  fromEpochDay,
  fullMonthsBetween,
  fullYearsBetween,
  maxDate,
  minDate,
  toEpochDay,
  weekday,
} from './dates.ts';

/** Any date from 1900 to 2100 as an ISO string, built with Date (UTC) as an independent oracle. */
const isoDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe('epoch days', () => {
  it('counts days from 1970-01-01, negative before it', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2000-03-01')).toBe(11017);
    expect(fromEpochDay(11017)).toBe('2000-03-01');
  });

  it('agrees with Date.UTC and round-trips', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        expect(toEpochDay(date)).toBe(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
        expect(fromEpochDay(toEpochDay(date))).toBe(date);
      }),
    );
  });

  it('handles the ends of the supported range', () => {
    expect(fromEpochDay(toEpochDay('0000-01-01'))).toBe('0000-01-01');
    expect(fromEpochDay(toEpochDay('9999-12-31'))).toBe('9999-12-31');
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => fromEpochDay(0.5)).toThrow(RangeError);
  });
});

describe('input validation', () => {
  it.each([
    '2018-02-30',
    '2017-02-29',
    '2018-13-01',
    '2018-00-10',
    '2018-1-5',
    '18-01-05',
    '',
    '2018-01-05T00:00',
  ])('rejects %j', (bad) => {
    expect(() => toEpochDay(bad)).toThrow(RangeError);
    expect(() => addDays(bad, 1)).toThrow(RangeError);
    expect(() => weekday(bad)).toThrow(RangeError);
  });

  it('accepts 29 February only in leap years', () => {
    expect(addDays('2016-02-29', 0)).toBe('2016-02-29');
    expect(addDays('2000-02-29', 0)).toBe('2000-02-29');
    expect(() => addDays('1900-02-29', 0)).toThrow(RangeError);
  });

  it('rejects fractional amounts', () => {
    expect(() => addDays('2018-01-01', 1.5)).toThrow(RangeError);
    expect(() => addMonths('2018-01-01', Number.NaN)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days in both directions', () => {
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addDays('2017-02-28', 1)).toBe('2017-03-01');
    expect(addDays('2017-12-31', 1)).toBe('2018-01-01');
    expect(addDays('2018-01-01', -1)).toBe('2017-12-31');
    expect(addDays('2018-01-26', 365)).toBe('2019-01-26');
  });

  it('is undone by daysBetween', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });
});

describe('addMonths and addYears', () => {
  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2016-01-31', 1)).toBe('2016-02-29');
    expect(addMonths('2017-01-31', 1)).toBe('2017-02-28');
    expect(addMonths('2016-03-31', 1)).toBe('2016-04-30');
    expect(addMonths('2016-03-31', -1)).toBe('2016-02-29');
    expect(addMonths('2016-01-31', 2)).toBe('2016-03-31');
  });

  it('crosses year boundaries', () => {
    expect(addMonths('2017-11-15', 3)).toBe('2018-02-15');
    expect(addMonths('2018-02-15', -3)).toBe('2017-11-15');
    expect(addMonths('2016-09-30', 12)).toBe('2017-09-30');
    expect(addMonths('2018-01-26', -120)).toBe('2008-01-26');
  });

  it('moves 29 February to 28 February in a common year', () => {
    expect(addYears('2016-02-29', 1)).toBe('2017-02-28');
    expect(addYears('2016-02-29', 4)).toBe('2020-02-29');
    expect(addYears('2017-01-25', 60)).toBe('2077-01-25');
  });
});

describe('fullMonthsBetween and fullYearsBetween', () => {
  it('counts a month only once its day is reached (the 18th birthday edge)', () => {
    // Born 2000-03-15: 17 years 11 months the day before the 18th birthday, 18 years on it.
    expect(fullMonthsBetween('2000-03-15', '2018-03-14')).toBe(215);
    expect(fullYearsBetween('2000-03-15', '2018-03-14')).toBe(17);
    expect(fullMonthsBetween('2000-03-15', '2018-03-15')).toBe(216);
    expect(fullYearsBetween('2000-03-15', '2018-03-15')).toBe(18);
  });

  it('completes a month on the last day of a shorter month, as addMonths clamps', () => {
    expect(fullMonthsBetween('2016-01-31', '2016-02-28')).toBe(0);
    expect(fullMonthsBetween('2016-01-31', '2016-02-29')).toBe(1);
    expect(fullMonthsBetween('2016-01-31', '2016-03-30')).toBe(1);
    expect(fullMonthsBetween('2016-01-31', '2016-03-31')).toBe(2);
    expect(fullYearsBetween('2000-02-29', '2018-02-28')).toBe(18);
  });

  it('is zero within a month and negative backwards', () => {
    expect(fullMonthsBetween('2018-01-26', '2018-01-26')).toBe(0);
    expect(fullMonthsBetween('2018-01-26', '2018-02-25')).toBe(0);
    expect(fullMonthsBetween('2018-03-15', '2000-03-15')).toBe(-216);
    expect(fullYearsBetween('2018-03-14', '2000-03-15')).toBe(-17);
  });

  it('is the largest k with addMonths(from, k) <= to', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const k = fullMonthsBetween(from, to);
        expect(addMonths(from, k) <= to).toBe(true);
        expect(addMonths(from, k + 1) > to).toBe(true);
        expect(fullYearsBetween(from, to)).toBe(Math.floor(k / 12));
      }),
    );
  });
});

describe('weekday, daysBetween, minDate, maxDate', () => {
  it('numbers the days of the week from Sunday = 0', () => {
    expect(weekday('1970-01-01')).toBe(4); // a Thursday
    expect(weekday('1969-12-28')).toBe(0);
    expect(weekday('2017-01-28')).toBe(6); // Tết Đinh Dậu, a Saturday
    fc.assert(
      fc.property(isoDate, (date) => {
        expect(weekday(date)).toBe(new Date(`${date}T00:00:00Z`).getUTCDay());
      }),
    );
  });

  it('counts calendar days with a sign', () => {
    expect(daysBetween('2016-09-30', '2017-12-31')).toBe(457);
    expect(daysBetween('2017-12-31', '2016-09-30')).toBe(-457);
  });

  it('picks the earliest and latest date', () => {
    expect(minDate('2018-01-26')).toBe('2018-01-26');
    expect(minDate('2018-01-26', '2017-12-31', '2019-01-01')).toBe('2017-12-31');
    expect(maxDate('2018-01-26', '2017-12-31', '2019-01-01')).toBe('2019-01-01');
    expect(() => maxDate('2018-01-26', '2018-02-30')).toThrow(RangeError);
  });
});

describe('localDateTime', () => {
  it('shows an instant in Vietnam time by default: late UTC evening is the next day', () => {
    expect(localDateTime('2026-12-06T18:30:00.000Z')).toEqual({
      date: '2026-12-07',
      time: '01:30',
    });
    expect(localDateTime('2026-12-06T09:05:00.000Z')).toEqual({
      date: '2026-12-06',
      time: '16:05',
    });
  });
  it('follows another zone when asked, and knows which zones exist', () => {
    expect(localDateTime('2026-12-06T09:05:00.000Z', 'UTC')).toEqual({
      date: '2026-12-06',
      time: '09:05',
    });
    expect(isTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
