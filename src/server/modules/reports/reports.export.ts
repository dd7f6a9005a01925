import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { recordRead } from '../audit/audit.service.ts';
import {
  findOrganizationByCode,
  findOrganizationById,
  nameOn,
  parentIdAsOf,
  type Organization,
} from '../organizations/organizations.repository.ts';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../../shared/dates.ts';
import type { OrganizationLevel } from '../../../shared/enums.ts';
import { findSetting } from './progress.repository.ts';
import { runReport } from './reports.registry.ts';
import { EXPORT_FORMATS, type ExportFormat, type ReportName } from '../../../shared/reports.ts';
import {
  reportDocument,
  type DocumentBody,
  type DocumentMaking,
  type ReportDocument,
} from './render/document.ts';
import { renderDocx } from './render/docx.ts';
import { renderHtml } from './render/html.ts';
import { renderXlsx } from './render/xlsx.ts';
import { fileNames, type ExportedFile } from '../../http/download.ts';

export { EXPORT_FORMATS, type ExportFormat };
export { contentDisposition, fileNames, type ExportedFile } from '../../http/download.ts';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  text: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const EXTENSIONS: Record<ExportFormat, string> = {
  text: 'txt',
  html: 'html',
  xlsx: 'xlsx',
  docx: 'docx',
};

/** The place of the date line: the `report.place` setting, else the organization's name without its kind. */
export async function placeOf(ctx: AppContext, organizationName: string): Promise<string> {
  const setting = await findSetting(ctx.db, 'report.place');
  if (setting) return setting;
  return organizationName
    .replace(/^(Đảng bộ|Chi bộ)\s+/i, '')
    .replace(/^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+/i, '');
}

/** The installation setting naming the time zone of printed times (IANA name). */
export const TIME_ZONE_SETTING = 'report.timeZone';

/**
 * How a report's document is made: now, by the caller, at the installation's place and in its
 * time zone, with the organization's superior (its parent today, by the name it bears today) and
 * its level (which decides who signs).
 */
async function documentMaking(
  ctx: AppContext,
  actor: Actor,
  body: DocumentBody,
  organization: Organization | undefined,
): Promise<DocumentMaking> {
  const today = ctx.clock.today();
  const parentId = organization ? await parentIdAsOf(ctx.db, organization.id, today) : null;
  const parent = parentId === null ? undefined : await findOrganizationById(ctx.db, parentId);
  const zone = await findSetting(ctx.db, TIME_ZONE_SETTING);
  return {
    at: ctx.clock.now(),
    by: actor.username,
    place: await placeOf(ctx, body.organization.name),
    timeZone: zone && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE,
    superior: parent ? await nameOn(ctx.db, parent, today) : null,
    level: (organization?.level ?? 'grassroots') as OrganizationLevel,
  };
}

function periodTag(doc: ReportDocument): string {
  const dates = doc.period.match(/\d{2}\/\d{2}\/\d{4}/g) ?? [];
  const years = [...new Set(dates.map((d) => d.slice(6)))];
  if (
    dates.length === 2 &&
    dates[0]?.startsWith('01/01') &&
    dates[1]?.startsWith('31/12') &&
    years.length === 1
  )
    return years[0] ?? '';
  return dates.map((d) => d.replace(/\//g, '-')).join(' đến ');
}

/**
 * Runs a report and renders it as a file, recording the download in the audit log
 * (`report.export`, with the query and the format) in the same call.
 */
export async function exportReport<N extends ReportName>(
  ctx: AppContext,
  actor: Actor,
  name: N,
  query: Record<string, unknown>,
  format: ExportFormat,
): Promise<ExportedFile> {
  const { report, answer: result } = await runReport(ctx, actor, name, query);
  // The organization the report is about: its level and superior head the document, its id files the audit event.
  const organization = await findOrganizationByCode(ctx.db, result.organization.code);
  let body: Buffer | string;
  let doc: ReportDocument | null = null;
  if (format === 'text') {
    body = report.text(result);
  } else {
    const laidOut = report.document(result);
    doc = reportDocument(
      name,
      report.title,
      laidOut,
      await documentMaking(ctx, actor, laidOut, organization),
    );
    body =
      format === 'xlsx'
        ? await renderXlsx(doc)
        : format === 'docx'
          ? await renderDocx(doc)
          : renderHtml(doc);
  }
  const names = fileNames(
    [report.title, result.organization.code, doc ? periodTag(doc) : ''].filter(Boolean).join(' - '),
    EXTENSIONS[format],
  );
  await recordRead(ctx, actor, {
    action: 'report.export',
    entity: 'report',
    entityId: name,
    organizationId: organization?.id ?? null,
    query,
    details: { format, file: names.filename },
  });
  return { body, contentType: CONTENT_TYPES[format], ...names };
}

/** The id of the organization a report is about, so that its audit event is visible to that subtree's admins. */
export async function reportOrganizationId(ctx: AppContext, code: string): Promise<number | null> {
  return (await findOrganizationByCode(ctx.db, code))?.id ?? null;
}
