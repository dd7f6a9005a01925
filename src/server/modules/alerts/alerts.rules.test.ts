import { describe, expect, it } from 'vitest';
import { vietnamCalendar } from '../calendar/holidays.data.ts';
import { alertsOfState, alertWindows } from './alerts.rules.ts';

const calendar = vietnamCalendar();
const w = alertWindows('2026-11-27', calendar, 6);
const state = (over: Partial<Parameters<typeof alertsOfState>[0]>) => ({
  stage: 'cell_voted',
  stageOn: '2026-11-01',
  open: true,
  dueKind: null,
  dueOn: null,
  ...over,
});

describe('alert windows', () => {
  it('overdue from the day after the due date', () => {
    expect(
      alertsOfState(state({ dueKind: 'decision_due', dueOn: '2026-11-27' }), w, calendar),
    ).toEqual([]);
    expect(
      alertsOfState(state({ dueKind: 'decision_due', dueOn: '2026-11-26' }), w, calendar),
    ).toEqual([{ kind: 'decision_overdue', dueOn: '2026-11-26', daysOverdue: 1 }]);
  });

  it('probation ending within 30 days; recognition overdue 30 working days after it ended', () => {
    expect(
      alertsOfState(
        state({ stage: 'admitted', open: false, dueKind: 'probation_end', dueOn: '2026-12-27' }),
        w,
        calendar,
      ),
    ).toEqual([{ kind: 'probation_ending', dueOn: '2026-12-27', daysOverdue: -30 }]);
    expect(
      alertsOfState(
        state({ stage: 'admitted', open: false, dueKind: 'probation_end', dueOn: '2026-12-28' }),
        w,
        calendar,
      ),
    ).toEqual([]);
    const ended = alertsOfState(
      state({ stage: 'admitted', open: false, dueKind: 'probation_end', dueOn: '2026-09-01' }),
      w,
      calendar,
    );
    expect(ended.map((a) => [a.kind, a.dueOn])).toEqual([
      ['recognition_overdue', calendar.addWorkingDays('2026-09-01', 30)],
    ]);
  });

  it('certificate expiring within 90 days or expired; idle after the setting’s months', () => {
    expect(
      alertsOfState(
        state({ stage: 'trained', dueKind: 'certificate_expiry', dueOn: '2027-02-25' }),
        w,
        calendar,
      ),
    ).toEqual([{ kind: 'certificate_expiring', dueOn: '2027-02-25', daysOverdue: -90 }]);
    expect(alertsOfState(state({ stage: 'source', stageOn: '2026-05-27' }), w, calendar)).toEqual([
      { kind: 'stage_idle', dueOn: '2026-11-27', daysOverdue: 0 },
    ]);
    expect(alertsOfState(state({ stage: 'source', stageOn: '2026-05-28' }), w, calendar)).toEqual(
      [],
    );
  });
});
