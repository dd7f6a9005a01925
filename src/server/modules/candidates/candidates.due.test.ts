import { describe, expect, it } from 'vitest';
import { vietnamCalendar } from '../calendar/holidays.data.ts';
import { latestStartOverdueBy, nextDue, stageDatesFrom } from './candidates.due.ts';

const calendar = vietnamCalendar();

describe('stored due dates', () => {
  it('each stage runs against one deadline', () => {
    const dates = stageDatesFrom([
      { toStage: 'source', on: '2016-06-01' },
      { toStage: 'trained', on: '2016-09-01' },
      { toStage: 'cell_voted', on: '2017-01-05' },
      { toStage: 'decided', on: '2017-01-16' },
      { toStage: 'admitted', on: '2017-02-20' },
    ]);
    expect(nextDue('trained', dates, '2016-09-01', calendar)).toEqual({
      dueKind: 'certificate_expiry',
      dueOn: '2021-09-01',
    });
    // 60 working days from 05/01/2017 skip the Tết Đinh Dậu week (26/01–01/02).
    expect(nextDue('cell_voted', dates, null, calendar)).toEqual({
      dueKind: 'decision_due',
      dueOn: calendar.addWorkingDays('2017-01-05', 60),
    });
    expect(calendar.addWorkingDays('2017-01-05', 60)).toBe('2017-04-07');
    // The ceremony limit across the lunar new year: 30 working days from 16/01/2017.
    expect(nextDue('decided', dates, null, calendar)).toEqual({
      dueKind: 'ceremony_due',
      dueOn: '2017-03-06',
    });
    expect(nextDue('admitted', dates, null, calendar)).toEqual({
      dueKind: 'probation_end',
      dueOn: '2018-02-20',
    });
    expect(nextDue('official', dates, null, calendar)).toEqual({ dueKind: null, dueOn: null });
    expect(nextDue('withdrawn', dates, null, calendar)).toEqual({ dueKind: null, dueOn: null });
  });

  it('latestStartOverdueBy is the last probation end whose review limit is already past', () => {
    for (const asOf of ['2026-11-27', '2027-02-22', '2018-03-01']) {
      const last = latestStartOverdueBy(calendar, asOf, 30);
      expect(calendar.addWorkingDays(last, 30) < asOf).toBe(true);
      const next = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(calendar.addWorkingDays(next, 30) >= asOf).toBe(true);
    }
  });
});
