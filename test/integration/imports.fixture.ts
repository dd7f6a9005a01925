import ExcelJS from 'exceljs';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import {
  createOrganization,
  createUnit,
} from '../../src/server/modules/organizations/organizations.service.ts';
import {
  fileFromBuffer,
  type ImportFile,
} from '../../src/server/modules/imports/imports.reader.ts';

/** A small tree for import tests: a top committee with two cells, a village and a school. */
export async function seedImportTree(ctx: AppContext): Promise<void> {
  const actor = systemActor('test');
  await createOrganization(ctx, actor, {
    code: 'T',
    name: 'Đảng bộ thử nghiệm',
    kind: 'committee',
    level: 'top',
    parentCode: null,
    decidesAdmissions: true,
    establishedOn: '1990-01-01',
  });
  for (const [code, name] of [
    ['T-C1', 'Chi bộ bản Nà Sự'],
    ['T-C2', 'Chi bộ Trường Tiểu học Na Son'],
  ] as const) {
    await createOrganization(ctx, actor, {
      code,
      name,
      kind: 'cell',
      level: 'grassroots_cell',
      parentCode: 'T',
      establishedOn: '1990-01-01',
    });
  }
  await createUnit(ctx, actor, {
    code: 'U-NS',
    name: 'Bản Nà Sự',
    kind: 'village',
    validFrom: '1990-01-01',
    organizationCode: 'T-C1',
  });
  await createUnit(ctx, actor, {
    code: 'U-TH',
    name: 'Trường Tiểu học Na Son',
    kind: 'school',
    sector: 'education',
    validFrom: '1990-01-01',
    organizationCode: 'T-C2',
  });
}

/** Builds an .xlsx import file in memory (first row = headers). */
export async function xlsxFile(
  rows: unknown[][],
  name = 'test.xlsx',
  sheetName = 'Dữ liệu',
): Promise<ImportFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return fileFromBuffer(Buffer.from(await workbook.xlsx.writeBuffer()), name);
}

/** The same file without its in-memory copy, so the importer streams it as it does files on disk. */
export function streamingOnly(file: ImportFile): ImportFile {
  return { name: file.name, format: file.format, open: file.open };
}

/** Builds a .csv import file in memory (UTF-8, optional BOM). */
export function csvFile(text: string, bom = false, name = 'test.csv'): ImportFile {
  const body = Buffer.from(text, 'utf8');
  return fileFromBuffer(bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body, name);
}

/** Reads every sheet of an .xlsx buffer as plain values (dates as ISO), for comparisons. */
export async function readWorkbook(buffer: Buffer): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(
        values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null))),
      );
    });
    out[sheet.name] = rows;
  });
  return out;
}

/** Member-file headers used by the tests (Vietnamese, in the template's order). */
export const MEMBER_HEADERS = [
  'Họ và tên',
  'Giới tính',
  'Ngày sinh',
  'Dân tộc',
  'Số định danh cá nhân',
  'Đơn vị',
  'Trình độ học vấn',
  'Đối tượng',
  'Chi bộ',
  'Ngày kết nạp',
  'Ngày công nhận chính thức',
];
