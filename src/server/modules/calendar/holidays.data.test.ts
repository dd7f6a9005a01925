import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay, weekday } from '../../../shared/dates.ts';
import { VIETNAM_HOLIDAYS, VIETNAM_MAKEUP_WORKDAYS, vietnamCalendar } from './holidays.data.ts';

const YEARS = Array.from({ length: 12 }, (_, i) => 2016 + i);

// Mùng 1 Tết and 10/3 lunar for each year (Vietnamese lunar calendar, UTC+7).
const LUNAR_NEW_YEAR: Record<number, string> = {
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
};
const HUNG_KINGS_DAY: Record<number, string> = {
  2016: '2016-04-16',
  2017: '2017-04-06',
  2018: '2018-04-25',
  2019: '2019-04-14',
  2020: '2020-04-02',
  2021: '2021-04-21',
  2022: '2022-04-10',
  2023: '2023-04-29',
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
};

const isWeekday = (date: string): boolean => weekday(date) !== 0 && weekday(date) !== 6;
const inYear = (year: number) => VIETNAM_HOLIDAYS.filter((h) => h.date.startsWith(`${year}-`));

describe('holiday data', () => {
  it('holds valid ISO dates in ascending order without duplicates', () => {
    const dates = [...VIETNAM_HOLIDAYS, ...VIETNAM_MAKEUP_WORKDAYS].map((d) => d.date);
    for (const date of dates) expect(fromEpochDay(toEpochDay(date))).toBe(date);
    expect(new Set(dates).size).toBe(dates.length);
    const holidayDates = VIETNAM_HOLIDAYS.map((h) => h.date);
    expect(holidayDates).toEqual([...holidayDates].sort());
    for (const h of VIETNAM_HOLIDAYS) {
      expect(h.name.trim()).not.toBe('');
      expect(h.nameVi.trim()).not.toBe('');
    }
  });

  it.each(YEARS)('%i has New Year, Tết, Hùng Kings, 30/4, 1/5 and 2/9', (year) => {
    const days = inYear(year);
    const has = (date: string) => days.some((h) => h.date === date);
    expect(has(`${year}-01-01`)).toBe(true);
    expect(has(`${year}-04-30`)).toBe(true);
    expect(has(`${year}-05-01`)).toBe(true);
    expect(has(`${year}-09-02`)).toBe(true);
    expect(days.filter((h) => h.kind === 'hung_kings').map((h) => h.date)).toEqual([
      HUNG_KINGS_DAY[year],
    ]);

    // One unbroken Tết period around mùng 1 with five weekdays off, like every yearly notice.
    const tet = days.filter((h) => h.kind === 'lunar_new_year').map((h) => toEpochDay(h.date));
    expect(tet.length).toBeGreaterThanOrEqual(5);
    expect(tet.at(-1)! - tet[0]! + 1).toBe(tet.length);
    expect(tet).toContain(toEpochDay(LUNAR_NEW_YEAR[year]!));
    expect(tet.map(fromEpochDay).filter(isWeekday)).toHaveLength(5);
  });

  it.each(YEARS)('%i gives the Labour Code number of weekdays off, plus bridges', (year) => {
    // 10 paid holidays a year until 2020 (Labour Code 2012), 11 from 2021 (2/9 became two days);
    // one on a weekend moves to a weekday, so the count of weekdays off is exact.
    const weekdaysOff = inYear(year).filter((h) => h.kind !== 'bridge' && isWeekday(h.date));
    expect(weekdaysOff).toHaveLength(year <= 2020 ? 10 : 11);
  });

  it('puts days in lieu and bridges on weekdays and make-up days on Saturdays', () => {
    for (const h of VIETNAM_HOLIDAYS) {
      if (h.kind === 'compensatory' || h.kind === 'bridge') expect(isWeekday(h.date)).toBe(true);
    }
    for (const m of VIETNAM_MAKEUP_WORKDAYS) expect(weekday(m.date)).toBe(6);
    const bridges = VIETNAM_HOLIDAYS.filter((h) => h.kind === 'bridge');
    expect(bridges).toHaveLength(VIETNAM_MAKEUP_WORKDAYS.length);
  });

  it('gives National Day two days from 2021 on', () => {
    for (const year of YEARS) {
      const second = inYear(year).filter(
        (h) => h.kind === 'fixed' && (h.date === `${year}-09-01` || h.date === `${year}-09-03`),
      );
      expect(second).toHaveLength(year >= 2021 ? 1 : 0);
    }
  });
});

describe('vietnamCalendar', () => {
  const calendar = vietnamCalendar();

  it('is built once', () => {
    expect(vietnamCalendar()).toBe(calendar);
  });

  it('counts deadlines across the real holidays', () => {
    // Same reckoning as in working-days.test.ts: 30 working days from Friday 20/1/2017 cross Tết
    // (26/1–1/2) and end on Friday 10/3/2017.
    expect(calendar.addWorkingDays('2017-01-20', 30)).toBe('2017-03-10');
    // Friday 26/4/2019: Monday 29/4 (bridge), 30/4 and 1/5 off; Saturday 4/5 worked.
    expect(calendar.addWorkingDays('2019-04-26', 3)).toBe('2019-05-04');
    // 2026: Monday 31/8 is off, Saturday 22/8 worked, 1/9 and 2/9 are National Day.
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false);
    expect(calendar.addWorkingDays('2026-08-28', 1)).toBe('2026-09-03');
  });

  it('has the working days a year should have', () => {
    // 2019: 261 weekdays − 11 weekdays off (1/1, five Tết days, 15/4 in lieu of Sunday 14/4, the
    // 29/4 bridge, 30/4, 1/5, 2/9) + 2 make-up Saturdays (5/1 and 4/5) = 252.
    expect(calendar.workingDaysBetween('2018-12-31', '2019-12-31')).toBe(252);
  });
});
