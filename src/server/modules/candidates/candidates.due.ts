/**
 * Pure helpers that turn a candidate's dated history into its current due date (the indexed
 * `candidates.due_kind/due_on` the alerts scan) and into alert conditions. No I/O.
 */
import { addDays } from '../../../shared/dates.ts';
import {
  deadlinesAfter,
  STAGES,
  type DeadlineKind,
  type Stage,
  type WorkingDayCalendarLike,
} from './candidates.rules.ts';
import { ruleSetOn } from './rule-versions.ts';

/** The due date stored on a candidate: the one deadline its current stage runs against. */
export interface Due {
  dueKind: DeadlineKind | null;
  dueOn: string | null;
}

// The extended decision limit and the recognition review limit are derived from the stored one
// (see alerts), so only one date per candidate needs an index.
const STORED_KINDS: ReadonlySet<DeadlineKind> = new Set<DeadlineKind>([
  'certificate_expiry',
  'decision_due',
  'ceremony_due',
  'probation_end',
  'recognition_decision_due',
]);

/** Latest date reached at each stage, from done transitions in date order. */
export function stageDatesFrom(
  transitions: readonly { toStage: string; on: string }[],
): Partial<Record<Stage, string>> {
  const dates: Partial<Record<Stage, string>> = {};
  for (const t of transitions)
    if ((STAGES as readonly string[]).includes(t.toStage)) dates[t.toStage as Stage] = t.on;
  return dates;
}

/** The date whose rule version judges the deadlines of a stage (the day its clock starts). */
function clockStart(
  stage: Stage,
  stageDates: Partial<Record<Stage, string>>,
  certificateIssuedOn: string | null,
): string | undefined {
  switch (stage) {
    case 'trained':
    case 'dossier':
      return certificateIssuedOn ?? stageDates[stage];
    case 'committee_reviewed':
      return stageDates.cell_voted ?? stageDates.committee_reviewed;
    default:
      return stageDates[stage];
  }
}

/** The due date a stage sets, or nulls when the stage runs against no deadline. */
export function nextDue(
  stage: string,
  stageDates: Partial<Record<Stage, string>>,
  certificateIssuedOn: string | null,
  calendar: WorkingDayCalendarLike,
): Due {
  if (!(STAGES as readonly string[]).includes(stage)) return { dueKind: null, dueOn: null };
  const start = clockStart(stage as Stage, stageDates, certificateIssuedOn);
  if (!start) return { dueKind: null, dueOn: null };
  const deadline = deadlinesAfter(
    stage as Stage,
    stageDates,
    ruleSetOn(start),
    calendar,
    certificateIssuedOn,
  ).find((d) => STORED_KINDS.has(d.kind));
  return deadline
    ? { dueKind: deadline.kind, dueOn: deadline.dueOn }
    : { dueKind: null, dueOn: null };
}

/**
 * The latest date E with addWorkingDays(E, n) < asOf: a probation that ended on or before E has
 * its recognition review overdue on asOf. addWorkingDays is non-decreasing in its start, so a
 * bisection finds E and the alert stays a range predicate on the indexed due date.
 */
export function latestStartOverdueBy(
  calendar: WorkingDayCalendarLike,
  asOf: string,
  workingDays: number,
): string {
  let low = addDays(asOf, -(workingDays * 3 + 60)); // surely overdue
  let high = asOf; // surely not overdue
  while (addDays(low, 1) < high) {
    const span = Math.round((Date.parse(high) - Date.parse(low)) / 86_400_000);
    const mid = addDays(low, Math.floor(span / 2));
    if (calendar.addWorkingDays(mid, workingDays) < asOf) low = mid;
    else high = mid;
  }
  return low;
}
