import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, weekday } from '../../shared/dates.ts';
import { WorkingDayCalendar } from './working-days.ts';

// Written out by hand here so that these tests check the arithmetic, not the holiday data.
const TET_2017 = [
  '2017-01-26', // Thursday, 29 Chạp Bính Thân
  '2017-01-27',
  '2017-01-28', // Saturday, mùng 1 Tết Đinh Dậu
  '2017-01-29',
  '2017-01-30',
  '2017-01-31',
  '2017-02-01', // Wednesday, mùng 5
];
const APRIL_MAY_2019 = ['2019-04-29', '2019-04-30', '2019-05-01']; // Monday 29/4 swapped…
const MAKEUP_2019 = ['2019-05-04']; // …for Saturday 4/5
// Sunday 30/4, Monday 1/5, and Tuesday 2/5 in lieu of 30/4.
const APRIL_MAY_2017 = ['2017-04-30', '2017-05-01', '2017-05-02'];

const calendar2017 = new WorkingDayCalendar([...TET_2017, ...APRIL_MAY_2017]);
const calendar2019 = new WorkingDayCalendar(APRIL_MAY_2019, MAKEUP_2019);

describe('WorkingDayCalendar.isWorkingDay', () => {
  it('works Monday to Friday only, by default', () => {
    const plain = new WorkingDayCalendar([]);
    expect(plain.isWorkingDay('2018-01-26')).toBe(true); // Friday
    expect(plain.isWorkingDay('2018-01-27')).toBe(false); // Saturday
    expect(plain.isWorkingDay('2018-01-28')).toBe(false); // Sunday
    expect(plain.isWorkingDay('2018-01-29')).toBe(true); // Monday
  });

  it('honours holidays and make-up Saturdays', () => {
    expect(calendar2019.isWorkingDay('2019-04-26')).toBe(true);
    expect(calendar2019.isWorkingDay('2019-04-29')).toBe(false);
    expect(calendar2019.isWorkingDay('2019-05-01')).toBe(false);
    expect(calendar2019.isWorkingDay('2019-05-04')).toBe(true);
    expect(calendar2019.isWorkingDay('2019-05-05')).toBe(false);
  });
});

describe('WorkingDayCalendar.addWorkingDays', () => {
  it('puts a 30-working-day deadline from just before Tết 2017 after the holiday', () => {
    // From Friday 20/1/2017, not counted: Mon 23, Tue 24, Wed 25 January are days 1–3; Tết runs
    // Thursday 26/1 to Wednesday 1/2; Thursday 2/2 and Friday 3/2 are days 4–5; the five full weeks
    // from 6/2 to 10/3 hold days 6–30. Day 30 is Friday 10/3/2017 — one week later than the
    // 3/3/2017 of a calendar without Tết, for Tết's five weekdays off.
    expect(calendar2017.addWorkingDays('2017-01-20', 30)).toBe('2017-03-10');
    expect(new WorkingDayCalendar([]).addWorkingDays('2017-01-20', 30)).toBe('2017-03-03');
  });

  it('skips 30/4–1/5 and its day in lieu (2017)', () => {
    // Friday 28/4/2017; Sunday 30/4, Monday 1/5 and Tuesday 2/5 (in lieu of 30/4) are off.
    expect(calendar2017.addWorkingDays('2017-04-28', 1)).toBe('2017-05-03');
    expect(calendar2017.addWorkingDays('2017-04-27', 2)).toBe('2017-05-03');
  });

  it('skips a bridge day and counts its make-up Saturday (2019)', () => {
    // Friday 26/4/2019; Monday 29/4 (bridge), 30/4 and 1/5 are off; Saturday 4/5 is worked.
    expect(calendar2019.addWorkingDays('2019-04-26', 1)).toBe('2019-05-02');
    expect(calendar2019.addWorkingDays('2019-04-26', 2)).toBe('2019-05-03');
    expect(calendar2019.addWorkingDays('2019-04-26', 3)).toBe('2019-05-04');
    expect(calendar2019.addWorkingDays('2019-04-26', 4)).toBe('2019-05-06');
  });

  it('starts counting after the given day, working or not', () => {
    const plain = new WorkingDayCalendar([]);
    expect(plain.addWorkingDays('2018-01-26', 0)).toBe('2018-01-26');
    expect(plain.addWorkingDays('2018-01-27', 0)).toBe('2018-01-27');
    expect(plain.addWorkingDays('2018-01-27', 1)).toBe('2018-01-29'); // Saturday → Monday
    expect(plain.addWorkingDays('2018-01-26', 5)).toBe('2018-02-02');
  });

  it('rejects a negative or fractional count', () => {
    expect(() => calendar2017.addWorkingDays('2017-01-20', -1)).toThrow(RangeError);
    expect(() => calendar2017.addWorkingDays('2017-01-20', 1.5)).toThrow(RangeError);
  });

  it('handles long spans and dense holidays', () => {
    // Every day of 2020 a holiday: the first working day after 2019 is Friday 1/1/2021.
    const year2020: string[] = [];
    for (let date = '2020-01-01'; date <= '2020-12-31'; date = addDays(date, 1))
      year2020.push(date);
    const closed = new WorkingDayCalendar(year2020);
    expect(closed.addWorkingDays('2019-12-31', 1)).toBe('2021-01-01');
    expect(closed.addWorkingDays('2019-12-30', 2)).toBe('2021-01-01');
    expect(closed.workingDaysBetween('2019-12-31', '2020-12-31')).toBe(0);
    // 260,000 weekdays are 52,000 weeks: a Friday 364,000 days later.
    expect(new WorkingDayCalendar([]).addWorkingDays('2018-01-26', 260_000)).toBe('3014-09-02');
  });
});

describe('WorkingDayCalendar.workingDaysBetween', () => {
  it('counts (a, b] and is negative backwards', () => {
    expect(calendar2017.workingDaysBetween('2017-01-20', '2017-03-10')).toBe(30);
    expect(calendar2017.workingDaysBetween('2017-03-10', '2017-01-20')).toBe(-30);
    expect(calendar2017.workingDaysBetween('2017-01-25', '2017-02-01')).toBe(0);
    expect(calendar2017.workingDaysBetween('2017-01-25', '2017-02-02')).toBe(1);
    expect(calendar2019.workingDaysBetween('2019-04-26', '2019-05-05')).toBe(3);
    expect(calendar2019.workingDaysBetween('2019-04-26', '2019-04-26')).toBe(0);
  });
});

describe('WorkingDayCalendar properties', () => {
  // A small calendar dense with exceptions, and a day-by-day reference to compare against.
  const holidays = [...TET_2017, ...APRIL_MAY_2017, '2017-09-02', '2017-09-04', '2017-12-29'];
  const makeup = ['2017-09-09', '2017-12-30'];
  const calendar = new WorkingDayCalendar(holidays, makeup);
  const referenceIsWorking = (date: string): boolean => {
    if (holidays.includes(date)) return false;
    return makeup.includes(date) || (weekday(date) !== 0 && weekday(date) !== 6);
  };
  const date = fc.integer({ min: 0, max: 3 * 365 }).map((offset) => addDays('2016-06-01', offset));
  const count = fc.integer({ min: 0, max: 400 });

  it('agrees with counting day by day', () => {
    fc.assert(
      fc.property(date, count, (start, n) => {
        let day = start;
        for (let left = n; left > 0;) {
          day = addDays(day, 1);
          if (referenceIsWorking(day)) left -= 1;
        }
        expect(calendar.addWorkingDays(start, n)).toBe(day);
        expect(calendar.isWorkingDay(start)).toBe(referenceIsWorking(start));
      }),
    );
  });

  it('workingDaysBetween undoes addWorkingDays', () => {
    fc.assert(
      fc.property(date, count, (start, n) => {
        const end = calendar.addWorkingDays(start, n);
        expect(calendar.workingDaysBetween(start, end)).toBe(n);
        expect(calendar.workingDaysBetween(end, start) + n).toBe(0);
        if (n > 0) expect(calendar.isWorkingDay(end)).toBe(true);
      }),
    );
  });

  it('addWorkingDays undoes workingDaysBetween up to a working day', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        fc.pre(calendar.isWorkingDay(to) || from === to);
        expect(calendar.addWorkingDays(from, calendar.workingDaysBetween(from, to))).toBe(to);
      }),
    );
  });
});

describe('WorkingDayCalendar construction', () => {
  it('rejects bad dates and contradictory data', () => {
    expect(() => new WorkingDayCalendar(['2017-02-30'])).toThrow(RangeError);
    expect(() => new WorkingDayCalendar([], ['2019-05-03'])).toThrow(/not a Saturday or Sunday/);
    expect(() => new WorkingDayCalendar(['2019-05-04'], ['2019-05-04'])).toThrow(/both/);
  });

  it('accepts any iterable, duplicates and weekend holidays', () => {
    const calendar = new WorkingDayCalendar(new Set(['2017-01-28', '2017-01-30', '2017-01-30']));
    expect(calendar.workingDaysBetween('2017-01-27', '2017-02-03')).toBe(4);
  });
});
