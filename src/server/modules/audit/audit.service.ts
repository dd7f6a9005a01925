import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, coversWholeInstallation } from '../../access/access.ts';
import { parseInput } from '../../lib/validation.ts';
import { auditQuery, type AuditQuery } from '../../../shared/account-contracts.ts';
import { listEvents, recordEvent, type EventRecord } from './audit.repository.ts';

/** The audit trail as the API answers it (SPEC §9 GET /api/v1/audit). */
export interface AuditPage {
  items: EventRecord[];
  total: number;
}

/**
 * The audit trail for admins: events of organizations in their subtree (at the event's time or
 * today); events tied to no organization (unknown-user sign-ins, whole-tree operations) only for
 * admins of the whole installation.
 */
export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  raw: AuditQuery,
): Promise<AuditPage> {
  assertCan(actor, 'viewAudit');
  const query = parseInput(auditQuery, raw);
  const whole = await coversWholeInstallation(ctx, actor);
  return listEvents(ctx.db, {
    ...query,
    scope:
      whole || actor.organizationId === null
        ? null
        : { rootId: actor.organizationId, today: ctx.clock.today() },
    limit: query.limit ?? 200,
    offset: query.offset ?? 0,
  });
}

/**
 * A read of personal data, audited as one event per request (never one per row): a list, a
 * search, an export, a view of a full record, a report.
 */
export interface ReadInput {
  /** `<entity>.<verb>` like every other action: `person.list`, `member.list`, `report.view`… */
  action: string;
  entity: string;
  entityId?: string | number | null;
  /** The organization read (a list's root): the admins of its subtree see the event. */
  organizationId: number | null;
  /** Further organizations the read concerns (a record's organizations). */
  organizationIds?: readonly (number | null | undefined)[];
  /** The date the answer is as of, when it has one. */
  effectiveOn?: string | null;
  /** The query as asked: filters, search text, organization, date, page (unset ones dropped). */
  query?: Record<string, unknown>;
  /** How many records the answer holds (rows of a page, pairs of the duplicates list). */
  returned?: number;
  /** How many match in all, when the answer is a page. */
  total?: number;
  /** The people whose records the answer holds: a page is at most a few hundred ids. */
  personIds?: readonly number[];
  /** Whether personal data was shown masked (roles without `readPersonalData`). */
  masked?: boolean;
  /** What else identifies the read (an export's format and file, its rows per sheet). */
  details?: Record<string, unknown>;
}

/**
 * Records a read of personal data: who (the actor), when, from where, the query, the
 * organization, how many records and whose. The one path every audited read goes through.
 */
export async function recordRead(ctx: AppContext, actor: Actor, read: ReadInput): Promise<void> {
  const after: Record<string, unknown> = {
    ...(read.query
      ? {
          query: Object.fromEntries(
            Object.entries(read.query).filter(([, value]) => value !== undefined),
          ),
        }
      : {}),
    ...(read.returned !== undefined ? { returned: read.returned } : {}),
    ...(read.total !== undefined ? { total: read.total } : {}),
    ...(read.personIds ? { personIds: [...new Set(read.personIds)] } : {}),
    ...(read.masked !== undefined ? { masked: read.masked } : {}),
    ...read.details,
  };
  await recordEvent(ctx.db, actor, ctx.clock.now(), {
    action: read.action,
    entity: read.entity,
    entityId: read.entityId ?? null,
    organizationId: read.organizationId,
    organizationIds: read.organizationIds ?? [],
    effectiveOn: read.effectiveOn ?? null,
    ...(Object.keys(after).length > 0 ? { after } : {}),
  });
}

/** Most rows one export writes; narrower filters give the rest. */
const EXPORT_LIMIT = 100_000;

/** The filtered audit trail as an XLSX workbook; the export itself is audited. */
export async function exportAudit(ctx: AppContext, actor: Actor, raw: AuditQuery): Promise<Buffer> {
  const query = parseInput(auditQuery, raw);
  const all: EventRecord[] = [];
  for (;;) {
    const page = await listAudit(ctx, actor, { ...query, limit: 1000, offset: all.length });
    all.push(...page.items);
    if (page.items.length < 1000 || all.length >= EXPORT_LIMIT) break;
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Nhật ký');
  sheet.columns = [
    { header: 'Thời điểm', key: 'at', width: 26 },
    { header: 'Người thực hiện', key: 'actor', width: 18 },
    { header: 'Địa chỉ IP', key: 'ip', width: 16 },
    { header: 'Thao tác', key: 'action', width: 26 },
    { header: 'Đối tượng', key: 'entity', width: 16 },
    { header: 'Mã đối tượng', key: 'entityId', width: 14 },
    { header: 'Tổ chức', key: 'organizationCode', width: 20 },
    { header: 'Ngày hiệu lực', key: 'effectiveOn', width: 14 },
    { header: 'Lý do', key: 'reason', width: 24 },
    { header: 'Trước', key: 'before', width: 50 },
    { header: 'Sau', key: 'after', width: 50 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const item of all)
    sheet.addRow({
      ...item,
      organizationCode: item.organizationCodes.join(', '),
      before: item.before === null ? '' : JSON.stringify(item.before),
      after: item.after === null ? '' : JSON.stringify(item.after),
    });
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await recordEvent(ctx.db, actor, ctx.clock.now(), {
    action: 'audit.export',
    entity: 'audit',
    organizationId: actor.organizationId,
    after: { filters: query, rows: all.length },
  });
  return buffer;
}
