import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, resolveScopedOrganization } from '../../access/access.ts';
import { AppError } from '../../lib/errors.ts';
import {
  EDUCATION_LABELS,
  ORGANIZATION_LEVEL_KINDS,
  ORGANIZATION_LEVEL_LABELS,
  ORGANIZATION_LEVELS,
  SECTOR_LABELS,
  TARGET_GROUP_LABELS,
  UNIT_KIND_LABELS,
  type EducationLevel,
} from '../../../shared/enums.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { recordRead } from '../audit/audit.service.ts';
import { STAGES } from '../candidates/candidates.rules.ts';
import {
  COLUMNS,
  IMPORT_KINDS,
  LEVEL_ALIASES,
  PERSON_IMPORT_KINDS,
  REFERENCE_SHEET_NAMES,
  SHEET_NAMES,
  STAGE_LABELS,
  isTreeKind,
  genderLabel,
  stageLabel,
  targetGroupsLabel,
  type ColumnDef,
  type ImportKind,
  type PersonImportKind,
} from './imports.columns.ts';
import { currentTargetGroups } from './imports.repository.ts';
import {
  exportCandidatesPage,
  exportMembersPage,
  exportOrganizations,
  exportPeoplePage,
  exportUnits,
  type ExportPerson,
  type PageCursor,
} from './exports.repository.ts';

/**
 * XLSX export of any list (people, members, candidates) or of the whole organization (all three
 * and the reference sheets), streamed page by page through exceljs's WorkbookWriter in the
 * template's columns, so that an export can be imported again; and the import template itself.
 */

/** What can be exported: a list, or `all` (one sheet per list plus the organizations and units). */
export const EXPORT_KINDS = [...PERSON_IMPORT_KINDS, 'all'] as const;
/** An export kind. */
export type ExportKind = (typeof EXPORT_KINDS)[number];

const PAGE = 2000;
const REFERENCE_LIMIT = 20000;
/** Candidacies still before admission: later ones are members and export as such. */
const OPEN_STAGES = STAGES.slice(0, STAGES.indexOf('admitted'));

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDCE6F1' },
};
const REQUIRED_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFCE4D6' },
};

/** A civil date as the Date exceljs writes as that day (UTC midnight). */
function excelDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  return new Date(`${iso}T00:00:00.000Z`);
}

function property(column: ColumnDef): string {
  if (column.key === 'unit') return 'unitCode';
  if (column.key === 'organization') return 'organizationCode';
  return column.key;
}

/** The cell a column shows for one exported row. */
function cellOf(column: ColumnDef, row: Record<string, unknown>, groups: string[]): unknown {
  const value = row[property(column)];
  switch (column.type) {
    case 'date':
      return excelDate(value as string | null);
    case 'gender':
      return genderLabel(String(value));
    case 'education':
      return EDUCATION_LABELS[value as EducationLevel] ?? value;
    case 'targetGroups':
      return groups.length > 0 ? targetGroupsLabel(groups) : null;
    case 'stage':
      return stageLabel(String(value));
    default:
      return value ?? null;
  }
}

function sheetColumns(kind: ImportKind): Partial<ExcelJS.Column>[] {
  return COLUMNS[kind].map((c) => ({
    header: c.vi,
    key: c.key,
    width: c.width,
    style:
      c.type === 'date' ? { numFmt: 'dd/mm/yyyy' } : c.type === 'nationalId' ? { numFmt: '@' } : {},
  }));
}

function styleHeader(row: ExcelJS.Row, kind: ImportKind): void {
  row.font = { bold: true };
  COLUMNS[kind].forEach((c, i) => {
    row.getCell(i + 1).fill = c.required ? REQUIRED_FILL : HEADER_FILL;
  });
}

type PageReader = (after: PageCursor | null) => Promise<ExportPerson[]>;

/** Streams one list into a worksheet, page by page; returns the number of rows. */
async function writeList(
  ctx: AppContext,
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  kind: PersonImportKind,
  read: PageReader,
  signal?: AbortSignal,
): Promise<number> {
  const sheet = workbook.addWorksheet(SHEET_NAMES[kind], {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = sheetColumns(kind);
  styleHeader(sheet.getRow(1), kind);
  sheet.getRow(1).commit();
  const today = ctx.clock.today();
  let after: PageCursor | null = null;
  let count = 0;
  for (;;) {
    if (signal?.aborted) throw new AppError('export.cancelled', 'Đã hủy xuất tệp');
    const page = await read(after);
    if (page.length === 0) break;
    const groups = await currentTargetGroups(
      ctx.db,
      page.map((r) => r.personId),
      today,
    );
    for (const row of page) {
      const personGroups = groups.get(row.personId) ?? [];
      sheet
        .addRow(
          COLUMNS[kind].map((c) =>
            cellOf(c, row as unknown as Record<string, unknown>, personGroups),
          ),
        )
        .commit();
    }
    count += page.length;
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    after = { nameSort: last.nameSort, id: last.personId };
  }
  sheet.commit();
  return count;
}

/** Options of an export. */
export interface ExportOptions {
  kind: ExportKind;
  org?: string | undefined;
  asOf?: string | undefined;
  signal?: AbortSignal;
}

/** What an export wrote. */
export interface ExportResult {
  kind: ExportKind;
  organization: string;
  asOf: string;
  rows: Record<string, number>;
}

/**
 * Streams an XLSX export of an organization's subtree to `out` (the caller's subtree, or the
 * top organization): people, members as of a date, open candidacies, or all of them. Audited.
 */
export async function exportWorkbook(
  ctx: AppContext,
  actor: Actor,
  options: ExportOptions,
  out: Writable,
): Promise<ExportResult> {
  assertCan(actor, 'readPersonalData');
  if (!(EXPORT_KINDS as readonly string[]).includes(options.kind))
    throw new AppError('validation', `Không xuất được "${options.kind}"`, [
      { field: 'kind', message: `Chọn một trong: ${EXPORT_KINDS.join(', ')}` },
    ]);
  const asOf = options.asOf ?? ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, options.org, asOf);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'dangvien';
  const kinds: PersonImportKind[] =
    options.kind === 'all' ? [...PERSON_IMPORT_KINDS] : [options.kind];
  const rows: Record<string, number> = {};
  let failure: Error | null = null;
  try {
    for (const kind of kinds) {
      const read: PageReader =
        kind === 'people'
          ? (after) => exportPeoplePage(ctx.db, root.id, after, PAGE, ctx.clock.today())
          : kind === 'members'
            ? (after) => exportMembersPage(ctx.db, root.id, asOf, after, PAGE)
            : (after) => exportCandidatesPage(ctx.db, root.id, asOf, OPEN_STAGES, after, PAGE);
      rows[kind] = await writeList(ctx, workbook, kind, read, options.signal);
    }
    if (options.kind === 'all') {
      rows.organizations = await writeReferenceSheets(ctx, workbook, root.id, asOf);
    }
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  }
  // Audited however it ends (rows already streamed have left even if the client went away), and
  // before the workbook's last bytes: whoever holds a whole file, its export is in the log.
  await recordRead(ctx, actor, {
    action: `export.${options.kind}`,
    entity: 'export',
    entityId: root.code,
    organizationId: root.id,
    effectiveOn: asOf,
    query: { kind: options.kind, org: options.org, asOf: options.asOf },
    details: { kind: options.kind, rows, completed: failure === null },
  });
  if (failure !== null) throw failure;
  await workbook.commit();
  return { kind: options.kind, organization: root.code, asOf, rows };
}

async function writeReferenceSheets(
  ctx: AppContext,
  workbook: ExcelJS.stream.xlsx.WorkbookWriter | ExcelJS.Workbook,
  rootId: number,
  asOf: string,
): Promise<number> {
  const [, organizationsSheet, unitsSheet] = REFERENCE_SHEET_NAMES;
  const organizations = await exportOrganizations(ctx.db, rootId, asOf, REFERENCE_LIMIT);
  const orgSheet = workbook.addWorksheet(organizationsSheet);
  orgSheet.columns = [
    { header: 'Mã', key: 'code', width: 16 },
    { header: 'Tên', key: 'name', width: 40 },
    { header: 'Loại', key: 'kind', width: 12 },
    { header: 'Ngành', key: 'sector', width: 14 },
  ];
  orgSheet.getRow(1).font = { bold: true };
  for (const o of organizations)
    commitRow(
      orgSheet.addRow([
        o.code,
        o.name,
        o.kind === 'cell' ? 'Chi bộ' : 'Đảng bộ',
        o.sector ? (SECTOR_LABELS[o.sector as keyof typeof SECTOR_LABELS] ?? o.sector) : '',
      ]),
    );
  const units = await exportUnits(ctx.db, rootId, asOf, REFERENCE_LIMIT);
  const unitSheet = workbook.addWorksheet(unitsSheet);
  unitSheet.columns = [
    { header: 'Mã', key: 'code', width: 16 },
    { header: 'Tên', key: 'name', width: 36 },
    { header: 'Loại', key: 'kind', width: 12 },
    { header: 'Tổ chức đảng phụ trách', key: 'organizationCode', width: 18 },
  ];
  unitSheet.getRow(1).font = { bold: true };
  for (const u of units)
    commitRow(
      unitSheet.addRow([
        u.code,
        u.name,
        UNIT_KIND_LABELS[u.kind as keyof typeof UNIT_KIND_LABELS] ?? u.kind,
        u.organizationCode,
      ]),
    );
  commitSheet(orgSheet);
  commitSheet(unitSheet);
  return organizations.length;
}

// A streamed worksheet flushes committed rows; a plain one (the template) has no commit.
function commitRow(row: ExcelJS.Row): void {
  (row as { commit?: () => void }).commit?.();
}
function commitSheet(sheet: ExcelJS.Worksheet): void {
  (sheet as { commit?: () => void }).commit?.();
}

/** A column's drop-down list in the template (the labels a cell may hold), if it has one. */
function allowedValues(column: ColumnDef): string[] | null {
  switch (column.type) {
    case 'gender':
      return ['Nam', 'Nữ'];
    case 'education':
      return Object.values(EDUCATION_LABELS);
    case 'stage':
      return Object.values(STAGE_LABELS).slice(0, 3);
    case 'level':
      return Object.values(ORGANIZATION_LEVEL_LABELS);
    case 'unitKind':
      return Object.values(UNIT_KIND_LABELS);
    case 'sector':
      return Object.values(SECTOR_LABELS);
    case 'yesNo':
      return ['Có', 'Không'];
    default:
      return null;
  }
}

/**
 * The allowed-values sheet of the tree templates, in Vietnamese: each level with the kind it
 * makes and the other names accepted for it ("Đảng bộ xã" is an Đảng bộ cơ sở), unit kinds,
 * sectors, yes/no. Cells are matched without accents or case, and the internal codes also work.
 */
function treeLists(kind: 'organizations' | 'units'): [string, string[]][] {
  const sectors: [string, string[]] = ['Khối, ngành', Object.values(SECTOR_LABELS)];
  if (kind === 'units')
    return [
      [
        'Loại đơn vị',
        [...Object.values(UNIT_KIND_LABELS), 'Thôn, Xóm, Tổ dân phố (ghi nhận như Bản)'],
      ],
      sectors,
    ];
  return [
    [
      'Cấp tổ chức',
      ORGANIZATION_LEVELS.map((level) => {
        const aliases = LEVEL_ALIASES[level];
        const kindLabel = ORGANIZATION_LEVEL_KINDS[level] === 'cell' ? 'chi bộ' : 'đảng bộ';
        return `${ORGANIZATION_LEVEL_LABELS[level]} (${kindLabel}${aliases.length > 0 ? `; cũng ghi được: ${aliases.join(', ')}` : ''})`;
      }),
    ],
    sectors,
    ['Chi bộ ghép, Được ủy quyền kết nạp, Vùng khó khăn, Có tổ chức Đoàn', ['Có', 'Không']],
  ];
}

interface ValidationSheet {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/**
 * The import template of a kind: the columns with Vietnamese headers (required ones shaded), a
 * sheet of allowed values, and the organizations and units the actor may import into.
 */
export async function buildTemplate(
  ctx: AppContext,
  actor: Actor,
  kind: ImportKind,
  org?: string,
): Promise<Buffer> {
  assertCan(actor, 'write');
  if (!(IMPORT_KINDS as readonly string[]).includes(kind))
    throw new AppError('validation', `Không có mẫu "${kind}"`, [
      { field: 'kind', message: `Chọn một trong: ${IMPORT_KINDS.join(', ')}` },
    ]);
  const today = ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, org, today);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dangvien';
  const sheet = workbook.addWorksheet(SHEET_NAMES[kind], {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = sheetColumns(kind);
  styleHeader(sheet.getRow(1), kind);
  COLUMNS[kind].forEach((c, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.note = `${c.en}${c.required ? ' (bắt buộc / required)' : ''}${c.hint ? ` — ${c.hint}` : ''}`;
    const letter = sheet.getColumn(i + 1).letter;
    const list = allowedValues(c);
    // One range rule (exceljs types omit `dataValidations`, which writes a single sqref). A list
    // formula is comma-separated, so a list with a comma in a label ("Xã, thị trấn") gets none.
    if (list && !list.some((v) => v.includes(',')))
      (sheet as unknown as ValidationSheet).dataValidations.add(`${letter}2:${letter}5000`, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${list.join(',')}"`],
      });
  });

  const allowed = workbook.addWorksheet(REFERENCE_SHEET_NAMES[0]);
  allowed.columns = [
    { header: 'Cột', key: 'vi', width: 28 },
    { header: 'Column', key: 'en', width: 24 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Cách ghi', key: 'hint', width: 60 },
  ];
  allowed.getRow(1).font = { bold: true };
  for (const c of COLUMNS[kind]) allowed.addRow([c.vi, c.en, c.required ? 'Có' : '', c.hint]);
  allowed.addRow([]);
  const lists: [string, string[]][] = isTreeKind(kind)
    ? treeLists(kind)
    : [
        ['Giới tính', ['Nam', 'Nữ']],
        ['Trình độ học vấn', Object.values(EDUCATION_LABELS)],
        ['Đối tượng', Object.values(TARGET_GROUP_LABELS)],
        ...(kind === 'candidates'
          ? ([['Giai đoạn', Object.values(STAGE_LABELS).slice(0, 3)]] as [string, string[]][])
          : []),
      ];
  for (const [title, values] of lists) {
    allowed.addRow([title]).font = { bold: true };
    for (const v of values) allowed.addRow(['', '', '', v]);
  }
  await writeReferenceSheets(ctx, workbook, root.id, today);
  const buffer = await workbook.xlsx.writeBuffer();
  await recordEvent(ctx.db, actor, ctx.clock.now(), {
    action: 'import.template',
    entity: 'import',
    entityId: kind,
    organizationId: root.id,
  });
  return Buffer.from(buffer);
}
