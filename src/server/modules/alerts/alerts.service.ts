/**
 * Pipeline alerts as of a date for a subtree (SPEC §9 GET /alerts, `dangvien alerts`).
 *
 * For today or a later date the alerts are indexed range scans over the stored due date
 * (candidates.due_kind/due_on) and stage date, within the subtree as the tree stands on the date:
 * no dossier is loaded into JavaScript. For a past date the stored due date may be newer than the
 * date asked about, so each candidate's stage on that date is rebuilt from candidate_transitions
 * and judged in JavaScript: correct, but it reads every candidate of the subtree (slower).
 */
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import type { Db } from '../../db/database.ts';
import { resolveScopedOrganization } from '../../access/access.ts';
import { parseInput } from '../../lib/validation.ts';
import { daysBetween } from '../../../shared/dates.ts';
import {
  ALERT_KINDS,
  alertsPageQuery,
  alertsQuery,
  type AlertKind,
} from '../../../shared/pipeline.ts';
import type { WorkingDayCalendarLike } from '../candidates/candidates.rules.ts';
import { nextDue, stageDatesFrom } from '../candidates/candidates.due.ts';
import { settingValue, transitionsOf } from '../candidates/candidates.repository.ts';
import { workingDayCalendar } from '../calendar/calendar.service.ts';
import { recordRead } from '../audit/audit.service.ts';
import {
  alertsOfState,
  alertWindows,
  DEFAULT_IDLE_MONTHS,
  type AlertHit,
  type AlertWindows,
} from './alerts.rules.ts';
import {
  candidatesDueBetween,
  candidatesIdentifiedBy,
  openCandidatesIdleSince,
  overdueRequests,
  type AlertRow,
} from './alerts.repository.ts';
import type { Alert, AlertsPage } from '../../../shared/answers.ts';

export type { Alert };

const PRE_CEREMONY = new Set([
  'source',
  'fostering',
  'trained',
  'dossier',
  'cell_voted',
  'committee_reviewed',
  'decided',
]);

/** The `pipeline.idleMonths` setting (default 6). */
export async function idleMonthsSetting(db: Db): Promise<number> {
  const value = Number(await settingValue(db, 'pipeline.idleMonths'));
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_IDLE_MONTHS;
}

/** Alerts of root's subtree on a date; `history` forces the slower path that rebuilds past stages. */
export async function computeAlerts(
  db: Db,
  rootId: number,
  asOf: string,
  today: string,
  options: { history?: boolean } = {},
): Promise<Alert[]> {
  const calendar = await workingDayCalendar(db);
  const windows = alertWindows(asOf, calendar, await idleMonthsSetting(db));
  const alerts =
    options.history || asOf < today
      ? await historyAlerts(db, rootId, windows, calendar)
      : await indexedAlerts(db, rootId, windows, calendar);
  // A request to another organization (verification letter, comments, introduction) unanswered
  // past its due date: one alert per request, on either path (the request rows are dated).
  for (const row of await overdueRequests(db, rootId, asOf, windows.overdueThrough))
    alerts.push(
      toAlert(row, row.stage, {
        kind: 'request_overdue',
        dueOn: row.requestDueOn,
        daysOverdue: daysBetween(row.requestDueOn, asOf),
      }),
    );
  const order = new Map(ALERT_KINDS.map((kind, i) => [kind, i]));
  return alerts.sort(
    (a, b) =>
      (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0) ||
      b.daysOverdue - a.daysOverdue ||
      a.candidateId - b.candidateId,
  );
}

/** `dangvien alerts`: every alert of the actor's subtree (or an organization's) on a date. */
export async function listAlerts(ctx: AppContext, actor: Actor, raw: unknown): Promise<Alert[]> {
  const query = parseInput(alertsQuery, raw);
  const today = ctx.clock.today();
  const asOf = query.asOf ?? today;
  const root = await resolveScopedOrganization(ctx, actor, query.org, asOf);
  const alerts = await computeAlerts(ctx.db, root.id, asOf, today);
  return query.kind ? alerts.filter((a) => a.kind === query.kind) : alerts;
}

/**
 * GET /alerts: a page of the alerts (most urgent first; 100 unless asked), the total and the
 * count of each kind, so that a screen never receives a whole country's list (at 5.6 million
 * members: 10.9 MB of JSON, and 130 MB more in the server while it was written).
 */
export async function alertsPage(ctx: AppContext, actor: Actor, raw: unknown): Promise<AlertsPage> {
  const { limit = 100, offset = 0, ...query } = parseInput(alertsPageQuery, raw);
  const alerts = await listAlerts(ctx, actor, query);
  const byKind = Object.fromEntries(ALERT_KINDS.map((kind) => [kind, 0])) as Record<
    AlertKind,
    number
  >;
  for (const alert of alerts) byKind[alert.kind] += 1;
  const items = alerts.slice(offset, offset + limit);
  const asOf = query.asOf ?? ctx.clock.today();
  await recordRead(ctx, actor, {
    action: 'alert.list',
    entity: 'candidate',
    organizationId: (await resolveScopedOrganization(ctx, actor, query.org, asOf)).id,
    effectiveOn: asOf,
    query: { ...query, limit, offset },
    returned: items.length,
    total: alerts.length,
    personIds: items.map((alert) => alert.person.id),
  });
  return {
    items,
    total: alerts.length,
    byKind,
    limit,
    offset,
  };
}

async function indexedAlerts(
  db: Db,
  rootId: number,
  w: AlertWindows,
  calendar: WorkingDayCalendarLike,
): Promise<Alert[]> {
  const { asOf } = w;
  const batches = await Promise.all([
    candidatesDueBetween(db, rootId, asOf, 'decision_due', null, w.overdueThrough),
    candidatesDueBetween(db, rootId, asOf, 'ceremony_due', null, w.overdueThrough),
    candidatesDueBetween(db, rootId, asOf, 'recognition_decision_due', null, w.overdueThrough),
    candidatesDueBetween(db, rootId, asOf, 'probation_end', asOf, w.probationEndingThrough),
    candidatesDueBetween(
      db,
      rootId,
      asOf,
      'probation_end',
      null,
      w.recognitionReviewOverdueThrough,
    ),
    candidatesDueBetween(
      db,
      rootId,
      asOf,
      'certificate_expiry',
      null,
      w.certificateExpiringThrough,
    ),
    openCandidatesIdleSince(db, rootId, asOf, w.idleThrough),
  ]);
  // Each batch was selected by one window; alertsOfState names the kind (and dedupes a row
  // fetched by two windows, e.g. probation_end rows).
  const seen = new Set<string>();
  const alerts: Alert[] = [];
  for (const row of batches.flat()) {
    for (const hit of alertsOfState(stateOf(row), w, calendar)) {
      const key = `${hit.kind}:${row.candidateId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      alerts.push(toAlert(row, row.stage, hit));
    }
  }
  return alerts;
}

async function historyAlerts(
  db: Db,
  rootId: number,
  w: AlertWindows,
  calendar: WorkingDayCalendarLike,
): Promise<Alert[]> {
  const rows = await candidatesIdentifiedBy(db, rootId, w.asOf);
  const transitions = await transitionsOf(
    db,
    rows.map((r) => r.candidateId),
    w.asOf,
  );
  const byCandidate = new Map<number, { toStage: string; on: string }[]>();
  for (const t of transitions) {
    const list = byCandidate.get(t.candidateId) ?? [];
    list.push(t);
    byCandidate.set(t.candidateId, list);
  }
  const alerts: Alert[] = [];
  for (const row of rows) {
    const history = byCandidate.get(row.candidateId) ?? [];
    const last = history[history.length - 1];
    if (!last) continue;
    const stageDates = stageDatesFrom(history);
    const certificate =
      row.certificateIssuedOn && row.certificateIssuedOn <= w.asOf ? row.certificateIssuedOn : null;
    // A probationary member who died or left by then has no recognition to wait for.
    const ended = row.membershipEndedOn !== null && row.membershipEndedOn <= w.asOf;
    const due = ended
      ? { dueKind: null, dueOn: null }
      : nextDue(last.toStage, stageDates, certificate, calendar);
    const state = {
      stage: last.toStage,
      stageOn: last.on,
      open: PRE_CEREMONY.has(last.toStage),
      dueKind: due.dueKind,
      dueOn: due.dueOn,
    };
    for (const hit of alertsOfState(state, w, calendar))
      alerts.push(toAlert(row, last.toStage, hit));
  }
  return alerts;
}

function stateOf(row: AlertRow) {
  return {
    stage: row.stage,
    stageOn: row.stageOn,
    open: row.closedOn === '9999-12-31',
    dueKind: row.dueKind,
    dueOn: row.dueOn,
  };
}

function toAlert(row: AlertRow, stage: string, hit: AlertHit): Alert {
  return {
    kind: hit.kind,
    candidateId: row.candidateId,
    person: { id: row.personId, fullName: row.fullName },
    organization: { code: row.organizationCode, name: row.organizationName },
    stage,
    dueOn: hit.dueOn,
    daysOverdue: hit.daysOverdue,
  };
}
