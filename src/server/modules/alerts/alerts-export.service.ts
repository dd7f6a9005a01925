/** The alerts of a subtree as an XLSX workbook (GET /alerts/export); the export is audited. */
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { resolveScopedOrganization } from '../../access/access.ts';
import { parseInput } from '../../lib/validation.ts';
import { formatDate } from '../../../shared/dates.ts';
import { alertsExportQuery } from '../../../shared/daily.ts';
import {
  ALERT_LABELS,
  PIPELINE_STATE_LABELS,
  type PipelineStateName,
} from '../../../shared/pipeline.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { listAlerts } from './alerts.service.ts';

/** Every alert of the filter as one sheet, in the screen's order (most urgent first). */
export async function exportAlerts(ctx: AppContext, actor: Actor, raw: unknown): Promise<Buffer> {
  const query = parseInput(alertsExportQuery, raw);
  const asOf = query.asOf ?? ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, query.org, asOf);
  const alerts = await listAlerts(ctx, actor, { ...query, org: root.code });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Cảnh báo');
  sheet.columns = [
    { header: 'Loại cảnh báo', key: 'kind', width: 44 },
    { header: 'Họ và tên', key: 'fullName', width: 28 },
    { header: 'Tổ chức đảng', key: 'organization', width: 36 },
    { header: 'Bước', key: 'stage', width: 30 },
    { header: 'Hạn', key: 'dueOn', width: 12 },
    { header: 'Số ngày quá hạn', key: 'daysOverdue', width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const a of alerts)
    sheet.addRow({
      kind: ALERT_LABELS[a.kind],
      fullName: a.person.fullName,
      organization: a.organization.name,
      stage: PIPELINE_STATE_LABELS[a.stage as PipelineStateName] ?? a.stage,
      dueOn: formatDate(a.dueOn),
      daysOverdue: a.daysOverdue,
    });
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await recordEvent(ctx.db, actor, ctx.clock.now(), {
    action: 'alert.export',
    entity: 'candidate',
    organizationId: root.id,
    effectiveOn: asOf,
    after: {
      filters: query,
      rows: alerts.length,
      personIds: [...new Set(alerts.map((a) => a.person.id))],
    },
  });
  return buffer;
}
