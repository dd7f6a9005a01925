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
    { header: 'Tổ chức', key: 'organizationCode', width: 14 },
    { header: 'Ngày hiệu lực', key: 'effectiveOn', width: 14 },
    { header: 'Lý do', key: 'reason', width: 24 },
    { header: 'Trước', key: 'before', width: 50 },
    { header: 'Sau', key: 'after', width: 50 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const item of all)
    sheet.addRow({
      ...item,
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
