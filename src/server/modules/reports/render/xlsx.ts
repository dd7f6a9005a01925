import ExcelJS from 'exceljs';
import { formatDate } from '../../../../shared/dates.ts';
import { madeLine, type ReportDocument, type ReportTable } from './document.ts';

/** Sheet names must be unique, at most 31 characters and free of []:*?/\ . */
function sheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Bảng';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)} (${n})`;
  used.add(name.toLowerCase());
  return name;
}

function addTable(workbook: ExcelJS.Workbook, table: ReportTable, used: Set<string>): void {
  const sheet = workbook.addWorksheet(sheetName(table.sheet, used), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width:
      c.kind === 'text'
        ? Math.min(60, Math.max(14, c.header.length + 2))
        : Math.max(12, Math.min(30, c.header.length + 2)),
    style:
      c.kind === 'number' ? { numFmt: '#,##0.###' } : c.kind === 'percent' ? { numFmt: '0.0' } : {},
  }));
  for (const row of table.rows) {
    sheet.addRow(
      Object.fromEntries(
        table.columns.map((c) => {
          const value = row[c.key] ?? null;
          // Dates are written dd/mm/yyyy text: Excel's date serials would shift with time zones.
          return [
            c.key,
            c.kind === 'date' && typeof value === 'string' ? formatDate(value) : value,
          ];
        }),
      ),
    );
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
}

/** The report as an XLSX workbook: an info sheet, then one sheet per table with a frozen header. */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = doc.madeBy;
  workbook.created = new Date(doc.madeAt);
  workbook.title = doc.title;
  const used = new Set<string>();
  const info = workbook.addWorksheet(sheetName('Thông tin', used), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  info.columns = [
    { header: 'Thông tin', key: 'label', width: 24 },
    { header: 'Nội dung', key: 'value', width: 90 },
  ];
  info.getRow(1).font = { bold: true };
  const rows: [string, string][] = [
    ['Báo cáo', doc.title],
    ['Tổ chức đảng', `${doc.organization.name} (${doc.organization.code})`],
    ['Kỳ báo cáo', doc.period],
    ['Thời điểm lập', madeLine(doc)],
    ['Người lập', doc.madeBy],
    ['Cấp trên', doc.superior ?? ''],
  ];
  if (doc.prose) rows.push(['Tóm tắt', doc.prose]);
  for (const [label, value] of rows) info.addRow({ label, value });
  info.getColumn('value').alignment = { wrapText: true, vertical: 'top' };
  for (const table of doc.tables) addTable(workbook, table, used);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
