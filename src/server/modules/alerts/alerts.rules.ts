/**
 * Pure definition of the pipeline alerts (SPEC §3, §9): which stored due dates make which alert
 * on a date. The fast path turns these windows into indexed range scans; the history path (past
 * dates) applies `alertsOfState` to each candidate's stage on that date. Both read the same
 * windows, so they agree.
 */
import { addDays, addMonths, daysBetween } from '../../../shared/dates.ts';
import type { AlertKind } from '../../../shared/pipeline.ts';
import type { WorkingDayCalendarLike } from '../candidates/candidates.rules.ts';
import { latestStartOverdueBy } from '../candidates/candidates.due.ts';
import { ruleSetOn } from '../candidates/rule-versions.ts';

/** Days before the end of probation from which `probation_ending` is raised. */
export const PROBATION_ENDING_WITHIN_DAYS = 30;
/** Days before a certificate's expiry from which `certificate_expiring` is raised. */
export const CERTIFICATE_EXPIRING_WITHIN_DAYS = 90;
/** Months at one stage before `stage_idle`, unless the `pipeline.idleMonths` setting says otherwise. */
export const DEFAULT_IDLE_MONTHS = 6;

/** The date windows of every alert kind on one date. */
export interface AlertWindows {
  asOf: string;
  /** Last overdue due date for decision, ceremony and recognition decision (the day before asOf). */
  overdueThrough: string;
  probationEndingThrough: string;
  certificateExpiringThrough: string;
  /** Probations that ended on or before this day have their recognition review overdue. */
  recognitionReviewOverdueThrough: string;
  recognitionReviewWorkingDays: number;
  /** Open candidates whose stage began on or before this day are idle. */
  idleThrough: string;
  idleMonths: number;
}

/** The windows of a date. */
export function alertWindows(
  asOf: string,
  calendar: WorkingDayCalendarLike,
  idleMonths: number,
): AlertWindows {
  // Probations ending now began a year ago: judge the review limit by the rules of then.
  const workingDays = ruleSetOn(addMonths(asOf, -12)).recognitionReviewWithinWorkingDays;
  return {
    asOf,
    overdueThrough: addDays(asOf, -1),
    probationEndingThrough: addDays(asOf, PROBATION_ENDING_WITHIN_DAYS),
    certificateExpiringThrough: addDays(asOf, CERTIFICATE_EXPIRING_WITHIN_DAYS),
    recognitionReviewOverdueThrough: latestStartOverdueBy(calendar, asOf, workingDays),
    recognitionReviewWorkingDays: workingDays,
    idleThrough: addMonths(asOf, -idleMonths),
    idleMonths,
  };
}

/** A candidate's state as the alerts read it. */
export interface AlertState {
  stage: string;
  stageOn: string;
  /** True before the ceremony (and not withdrawn or rejected). */
  open: boolean;
  dueKind: string | null;
  dueOn: string | null;
}

/** One alert condition of a candidate, before names are attached. */
export interface AlertHit {
  kind: AlertKind;
  dueOn: string;
  daysOverdue: number;
}

/** The alerts a candidate's state raises on the windows' date. */
export function alertsOfState(
  state: AlertState,
  windows: AlertWindows,
  calendar: WorkingDayCalendarLike,
): AlertHit[] {
  const hits: AlertHit[] = [];
  const hit = (kind: AlertKind, dueOn: string) =>
    hits.push({ kind, dueOn, daysOverdue: daysBetween(dueOn, windows.asOf) });
  const { dueKind, dueOn } = state;
  if (dueKind && dueOn) {
    if (dueKind === 'decision_due' && dueOn <= windows.overdueThrough)
      hit('decision_overdue', dueOn);
    if (dueKind === 'ceremony_due' && dueOn <= windows.overdueThrough)
      hit('ceremony_overdue', dueOn);
    if (dueKind === 'recognition_decision_due' && dueOn <= windows.overdueThrough)
      hit('recognition_overdue', dueOn);
    if (dueKind === 'probation_end') {
      if (dueOn >= windows.asOf && dueOn <= windows.probationEndingThrough)
        hit('probation_ending', dueOn);
      if (dueOn <= windows.recognitionReviewOverdueThrough)
        hit(
          'recognition_overdue',
          calendar.addWorkingDays(dueOn, windows.recognitionReviewWorkingDays),
        );
    }
    if (dueKind === 'certificate_expiry' && dueOn <= windows.certificateExpiringThrough)
      hit('certificate_expiring', dueOn);
  }
  if (state.open && state.stageOn <= windows.idleThrough)
    hit('stage_idle', addMonths(state.stageOn, windows.idleMonths));
  return hits;
}
