/**
 * The signed-in officer's to-do list ("Việc cần làm", GET /todo): what is overdue and what falls
 * due in the next 30 days (the alerts as of today, then the stored due dates of the window), the
 * dossiers idle too long, and the dossiers waiting on a document of the checklist — within the
 * officer's subtree (or an organization of it), most urgent first.
 *
 * A dossier at stage `trained` or `dossier` (being assembled for the cell's vote) waits on the application, the biography, the background check
 * and the introducers' letters; the introducers' letters count as received once introducers are
 * recorded. The other documents depend on the person (youth union, trade union, residence) and
 * are judged by the rules when the cell votes.
 */
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, resolveScopedOrganization } from '../../access/access.ts';
import { parseInput } from '../../lib/validation.ts';
import { addDays, daysBetween, formatDate } from '../../../shared/dates.ts';
import { todoQuery, type TodoAnswer, type TodoItem } from '../../../shared/daily.ts';
import {
  ALERT_LABELS,
  DOCUMENT_LABELS,
  PIPELINE_STATE_LABELS,
  type DocumentKind,
  type PipelineStateName,
} from '../../../shared/pipeline.ts';
import { recordRead } from '../audit/audit.service.ts';
import { computeAlerts } from './alerts.service.ts';
import { ruleSetOn } from '../candidates/rule-versions.ts';
import {
  candidatesDueWithin,
  dossiersWithDocuments,
  dossiersWithFailedVotes,
} from './todo.repository.ts';

/** How far ahead the list looks. */
export const TODO_WINDOW_DAYS = 30;

/** Most rows each part of the list reads (a whole province's list is a report, not a to-do). */
const PART_LIMIT = 2000;

/** The documents every dossier needs before the cell votes. */
const CORE_DOCUMENTS: DocumentKind[] = [
  'application',
  'biography',
  'background_verification',
  'member_introduction',
];

/** What each stored due date asks for, in Vietnamese. */
const DUE_LABELS: Record<string, string> = {
  certificate_expiry: 'Giấy chứng nhận lớp nhận thức về Đảng hết hạn',
  decision_due: 'Hạn ra quyết định kết nạp',
  ceremony_due: 'Hạn tổ chức lễ kết nạp',
  probation_end: 'Hết thời gian dự bị, xét công nhận chính thức',
  recognition_decision_due: 'Hạn ra quyết định công nhận đảng viên chính thức',
};

const KIND_ORDER: Record<TodoItem['kind'], number> = {
  escalation: -1,
  overdue: 0,
  due_soon: 1,
  idle: 2,
  waiting_document: 3,
};

const stageLabel = (stage: string) => PIPELINE_STATE_LABELS[stage as PipelineStateName] ?? stage;

/** The to-do list of the actor's subtree (or of one organization of it). */
export async function todoList(ctx: AppContext, actor: Actor, raw: unknown): Promise<TodoAnswer> {
  assertCan(actor, 'read');
  const query = parseInput(todoQuery, raw);
  const today = ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, query.org, today);
  const through = addDays(today, TODO_WINDOW_DAYS);
  const [alerts, due, dossiers, failed] = await Promise.all([
    computeAlerts(ctx.db, root.id, today, today),
    candidatesDueWithin(ctx.db, root.id, today, today, through, PART_LIMIT),
    dossiersWithDocuments(ctx.db, root.id, today, ['trained', 'dossier'], PART_LIMIT),
    dossiersWithFailedVotes(ctx.db, root.id, today, PART_LIMIT),
  ]);
  const items: TodoItem[] = [];
  const seen = new Set<string>();
  for (const a of alerts) {
    const kind = a.kind === 'stage_idle' ? 'idle' : a.daysOverdue > 0 ? 'overdue' : 'due_soon';
    seen.add(`${a.candidateId}:${a.dueOn}`);
    const late =
      a.kind === 'stage_idle'
        ? ` — ở bước «${stageLabel(a.stage)}» từ ${formatDate(a.dueOn)}`
        : a.daysOverdue > 0
          ? ` — quá hạn ${a.daysOverdue} ngày (hạn ${formatDate(a.dueOn)})`
          : ` — hạn ${formatDate(a.dueOn)}`;
    items.push({
      kind,
      dueOn: a.dueOn,
      candidateId: a.candidateId,
      organizationCode: a.organization.code,
      organizationName: a.organization.name,
      text: `${ALERT_LABELS[a.kind]}: ${a.person.fullName}${late}`,
    });
  }
  for (const d of due) {
    if (d.dueOn === null || seen.has(`${d.candidateId}:${d.dueOn}`)) continue;
    const label = (d.dueKind && DUE_LABELS[d.dueKind]) ?? 'Đến hạn';
    items.push({
      kind: 'due_soon',
      dueOn: d.dueOn,
      candidateId: d.candidateId,
      organizationCode: d.organizationCode,
      organizationName: d.organizationName,
      text: `${label}: ${d.fullName} — hạn ${formatDate(d.dueOn)}, còn ${daysBetween(today, d.dueOn)} ngày`,
    });
  }
  for (const d of failed) {
    const limit = ruleSetOn(d.stageOn).maxFailedVotesBeforeEscalation;
    if (d.failedVotes < limit) continue;
    items.push({
      kind: 'escalation',
      dueOn: null,
      candidateId: d.candidateId,
      organizationCode: d.organizationCode,
      organizationName: d.organizationName,
      text: `${d.fullName}: đã ${d.failedVotes} lần biểu quyết không đạt — báo cáo cấp ủy cấp trên trực tiếp và cấp ủy có thẩm quyền xem xét, quyết định`,
    });
  }
  for (const d of dossiers) {
    const missing = CORE_DOCUMENTS.filter(
      (kind) => !d.received.has(kind) && !(kind === 'member_introduction' && d.introduced),
    );
    if (missing.length === 0) continue;
    items.push({
      kind: 'waiting_document',
      dueOn: null,
      candidateId: d.candidateId,
      organizationCode: d.organizationCode,
      organizationName: d.organizationName,
      text: `Hồ sơ ${d.fullName} chờ: ${missing.map((k) => DOCUMENT_LABELS[k]).join('; ')}`,
    });
  }
  items.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
      (a.candidateId ?? 0) - (b.candidateId ?? 0),
  );
  await recordRead(ctx, actor, {
    action: 'todo.list',
    entity: 'candidate',
    organizationId: root.id,
    effectiveOn: today,
    query,
    returned: items.length,
    total: items.length,
  });
  return { items, total: items.length };
}
