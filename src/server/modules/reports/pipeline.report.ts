/**
 * The pipeline report (SPEC §5.3, `dangvien report pipeline`, GET /reports/pipeline): candidates
 * per stage and per direct sub-organization as of a date, median days spent per stage, and overdue
 * items (the alerts of the same date).
 *
 * Counts for today or later read the candidates' current stage (one grouped query); for a past
 * date each candidate's stage then is rebuilt from its transitions (slower). Medians are over the
 * stages left during the three years up to the date, from the transitions of the subtree's
 * candidates, in calendar days.
 */
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { resolveScopedOrganization } from '../../access/access.ts';
import { parseInput } from '../../lib/validation.ts';
import { addYears, daysBetween } from '../../../shared/dates.ts';
import { reportQuery } from '../../../shared/contracts.ts';
import { formatNumber } from '../../../shared/text.ts';
import { formatDate } from '../../../shared/dates.ts';
import {
  ALERT_KINDS,
  ALERT_LABELS,
  PIPELINE_STATE_LABELS,
  type AlertKind,
} from '../../../shared/pipeline.ts';
import { subtreeAsOf } from '../organizations/organizations.repository.ts';
import type { PipelineReport } from '../../../shared/report-answers.ts';
import { computeAlerts } from '../alerts/alerts.service.ts';
import { STAGES } from '../candidates/candidates.rules.ts';
import {
  candidatesOfSubtree,
  countsByOrganizationAndStage,
  transitionsOf,
} from '../candidates/candidates.repository.ts';

/** Stages a candidate is still "in the pipeline" at (official ends it). */
const OPEN_STAGES = STAGES.filter((s) => s !== 'official');

function emptyStages(): Record<string, number> {
  return Object.fromEntries(OPEN_STAGES.map((s) => [s, 0]));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Candidates per stage and organization, time per stage and overdue items as of a date. */
export async function pipelineReport(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<PipelineReport> {
  const query = parseInput(reportQuery, raw);
  const today = ctx.clock.today();
  const asOf = query.asOf ?? query.to ?? today;
  const root = await resolveScopedOrganization(ctx, actor, query.org, asOf);
  const { db } = ctx;
  const nodes = await subtreeAsOf(db, root.id, asOf);
  // Each organization of the subtree belongs to the direct child of root above it.
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const childOf = new Map<number, number>();
  for (const node of nodes) {
    let current = node;
    while (current.parentCode !== null && current.parentCode !== root.code) {
      const parent = byCode.get(current.parentCode);
      if (!parent) break;
      current = parent;
    }
    childOf.set(node.id, current.id === root.id ? root.id : current.id);
  }
  const codeToId = new Map(nodes.map((n) => [n.code, n.id]));

  const candidates = await candidatesOfSubtree(db, root.id, asOf);
  const medianFrom = addYears(asOf, -3);
  const transitions = await transitionsOf(
    db,
    candidates.map((c) => c.id),
    asOf,
  );
  const counts: { organizationId: number; stage: string; n: number }[] = [];
  if (asOf >= today) counts.push(...(await countsByOrganizationAndStage(db, root.id, asOf)));
  const lastStage = new Map<number, string>();
  const durations = new Map<string, number[]>();
  for (let i = 0; i < transitions.length; i++) {
    const t = transitions[i];
    if (!t) continue;
    lastStage.set(t.candidateId, t.toStage);
    const next = transitions[i + 1];
    if (next && next.candidateId === t.candidateId && next.on >= medianFrom) {
      const list = durations.get(t.toStage) ?? [];
      list.push(daysBetween(t.on, next.on));
      durations.set(t.toStage, list);
    }
  }
  if (asOf < today) {
    const orgOf = new Map(candidates.map((c) => [c.id, c.organizationId]));
    const grouped = new Map<string, number>();
    for (const [candidateId, stage] of lastStage) {
      const key = `${orgOf.get(candidateId)}|${stage}`;
      grouped.set(key, (grouped.get(key) ?? 0) + 1);
    }
    for (const [key, n] of grouped) {
      const [organizationId, stage] = key.split('|');
      counts.push({ organizationId: Number(organizationId), stage: stage ?? '', n });
    }
  }

  const byStage = emptyStages();
  const perChild = new Map<number, Record<string, number>>();
  for (const row of counts) {
    if (!(row.stage in byStage)) continue;
    byStage[row.stage] = (byStage[row.stage] ?? 0) + row.n;
    const child = childOf.get(row.organizationId) ?? root.id;
    const stages = perChild.get(child) ?? emptyStages();
    stages[row.stage] = (stages[row.stage] ?? 0) + row.n;
    perChild.set(child, stages);
  }
  const alerts = await computeAlerts(db, root.id, asOf, today);
  const overdue = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>;
  const overduePerChild = new Map<number, number>();
  for (const alert of alerts) {
    overdue[alert.kind] += 1;
    const orgId = codeToId.get(alert.organization.code);
    const child = orgId === undefined ? root.id : (childOf.get(orgId) ?? root.id);
    overduePerChild.set(child, (overduePerChild.get(child) ?? 0) + 1);
  }
  const children = nodes.filter((n) => n.parentCode === root.code);
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  return {
    organization: { code: root.code, name: root.name },
    asOf,
    total: sum(byStage),
    byStage,
    byOrganization: children.map((c) => {
      const stages = perChild.get(c.id) ?? emptyStages();
      return {
        code: c.code,
        name: c.name,
        total: sum(stages),
        byStage: stages,
        overdue: overduePerChild.get(c.id) ?? 0,
      };
    }),
    medianDaysInStage: Object.fromEntries(
      OPEN_STAGES.map((s) => [s, median(durations.get(s) ?? [])]),
    ),
    stagesMeasured: Object.fromEntries(OPEN_STAGES.map((s) => [s, durations.get(s)?.length ?? 0])),
    medianFrom,
    overdue,
  };
}

/** The pipeline report as plain Vietnamese text for the terminal. */
export function pipelineReportText(r: PipelineReport): string {
  return [
    `Báo cáo tiến độ phát triển đảng viên — ${r.organization.name} tại ngày ${formatDate(r.asOf)}`,
    `Tổng số hồ sơ đang xét: ${formatNumber(r.total)}`,
    'Theo bước:',
    ...Object.entries(r.byStage).map(
      ([stage, n]) =>
        `  ${PIPELINE_STATE_LABELS[stage as keyof typeof PIPELINE_STATE_LABELS]}: ${formatNumber(n)}` +
        (r.medianDaysInStage[stage] !== null
          ? ` (trung vị ${formatNumber(r.medianDaysInStage[stage] ?? 0)} ngày)`
          : ''),
    ),
    'Quá hạn, cần chú ý:',
    ...ALERT_KINDS.map((k) => `  ${ALERT_LABELS[k]}: ${formatNumber(r.overdue[k])}`),
    'Theo tổ chức trực thuộc:',
    ...r.byOrganization.map(
      (o) => `  ${o.name}: ${formatNumber(o.total)} hồ sơ, ${formatNumber(o.overdue)} cảnh báo`,
    ),
  ].join('\n');
}
