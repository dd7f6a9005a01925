import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/**
 * A two-level tree to import (issue 15): commune committees under an existing committee, each
 * with its cells, and the units they cover, written as the two .xlsx files of the
 * `organizations` and `units` imports with the templates' Vietnamese headers and labels
 * ("Đảng bộ xã", "Chi bộ thôn/bản", "Bản", "Có"). The defaults make 30 organizations
 * (5 communes × (1 committee + 4 village cells + 1 school cell)) and 60 units
 * (5 × (10 villages + 1 school + the commune itself)).
 *
 * Rows come children first (cells before their commune committee, villages before their commune)
 * so an import must sort parents first. Pass the templates from `dangvien import template` (or
 * GET /imports/{kind}/template) as `templates` to fill them instead of fresh workbooks.
 */

/** How big a tree and where it hangs. */
export interface TreeFixtureOptions {
  /** An existing committee the commune committees are created under. */
  parentCode: string;
  /** Prefix of every code (codes are unique in the whole installation). */
  prefix: string;
  /** Commune committees (each also a commune unit); default 5. */
  communes?: number;
  /** Village cells per commune (plus one school cell each); default 4. */
  villageCellsPerCommune?: number;
  /** Villages per commune, spread over its village cells; default 10. */
  villagesPerCommune?: number;
  /** The first day of every organization and unit (ISO); default 2020-01-01. */
  from?: string;
  /** Templates to fill (their first data row is row 2 of the kind's sheet). */
  templates?: { organizations?: Buffer; units?: Buffer };
}

/** The two files and the codes they hold. */
export interface TreeFixture {
  organizations: Buffer;
  units: Buffer;
  organizationCodes: string[];
  unitCodes: string[];
  communeCodes: string[];
}

/** Headers of the organizations template, in its order. */
export const ORGANIZATION_HEADERS = [
  'Mã tổ chức',
  'Tên tổ chức đảng',
  'Cấp tổ chức',
  'Mã tổ chức cấp trên',
  'Ngày thành lập',
  'Khối, ngành',
  'Chi bộ ghép',
  'Được ủy quyền kết nạp',
  'Vùng khó khăn (học vấn tiểu học)',
  'Có tổ chức Đoàn',
] as const;

/** Headers of the units template, in its order. */
export const UNIT_HEADERS = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Loại đơn vị',
  'Mã xã',
  'Khối, ngành',
  'Số cán bộ, nhân viên',
  'Từ ngày',
  'Tổ chức đảng phụ trách',
] as const;

const SHEETS = { organizations: 'Danh sách tổ chức đảng', units: 'Danh sách đơn vị' } as const;
const COMMUNE_NAMES = ['Na Son', 'Phì Nhừ', 'Xa Dung', 'Mường Luân', 'Luân Giói', 'Keo Lôm'];
const VILLAGE_NAMES = ['Huổi Sói', 'Nà Sự', 'Pú Vạ', 'Phì Cao', 'Tìa Ghênh', 'Háng Tầu', 'Co Mị'];

type Row = Record<string, unknown>;

/** dd/mm/yyyy of an ISO date, as an office types it. */
function ddmmyyyy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The rows of both files. */
export function treeFixtureRows(options: TreeFixtureOptions): {
  organizations: Row[];
  units: Row[];
  communeCodes: string[];
} {
  const communes = options.communes ?? 5;
  const cells = options.villageCellsPerCommune ?? 4;
  const villages = options.villagesPerCommune ?? 10;
  const from = ddmmyyyy(options.from ?? '2020-01-01');
  const p = options.prefix;
  const organizations: Row[] = [];
  const units: Row[] = [];
  const communeCodes: string[] = [];
  for (let i = 1; i <= communes; i++) {
    const place = `${COMMUNE_NAMES[(i - 1) % COMMUNE_NAMES.length] ?? 'Xã'} ${i}`;
    const committee = `${p}-X${i}`;
    communeCodes.push(committee);
    const cellRows: Row[] = [];
    for (let j = 1; j <= cells; j++)
      cellRows.push({
        'Mã tổ chức': `${committee}-C${j}`,
        'Tên tổ chức đảng': `Chi bộ bản ${VILLAGE_NAMES[(j - 1) % VILLAGE_NAMES.length] ?? ''} ${i}.${j}`,
        'Cấp tổ chức': 'Chi bộ thôn/bản',
        'Mã tổ chức cấp trên': committee,
        'Ngày thành lập': from,
        'Khối, ngành': 'Xã, thị trấn',
      });
    cellRows.push({
      'Mã tổ chức': `${committee}-TH`,
      'Tên tổ chức đảng': `Chi bộ Trường Tiểu học ${place}`,
      'Cấp tổ chức': 'chi bo truc thuoc',
      'Mã tổ chức cấp trên': committee,
      'Ngày thành lập': from,
      'Khối, ngành': 'Giáo dục',
      'Chi bộ ghép': 'Không',
    });
    // Children first: the import must order parents before them.
    organizations.push(...cellRows, {
      'Mã tổ chức': committee,
      'Tên tổ chức đảng': `Đảng bộ xã ${place}`,
      'Cấp tổ chức': 'Đảng bộ xã',
      'Mã tổ chức cấp trên': options.parentCode,
      'Ngày thành lập': from,
      'Khối, ngành': 'Xã, thị trấn',
      'Được ủy quyền kết nạp': i === 1 ? 'Có' : 'Không',
      'Vùng khó khăn (học vấn tiểu học)': 'Có',
      'Có tổ chức Đoàn': 'Có',
    });

    const communeUnit = `${p}-UX${i}`;
    for (let k = 1; k <= villages; k++)
      units.push({
        'Mã đơn vị': `${communeUnit}-B${k}`,
        'Tên đơn vị': `Bản ${VILLAGE_NAMES[(k - 1) % VILLAGE_NAMES.length] ?? ''} ${i}.${k}`,
        'Loại đơn vị': k % 3 === 0 ? 'Thôn' : 'Bản',
        'Mã xã': communeUnit,
        'Từ ngày': from,
        'Tổ chức đảng phụ trách': `${committee}-C${((k - 1) % cells) + 1}`,
      });
    units.push(
      {
        'Mã đơn vị': `${communeUnit}-TH`,
        'Tên đơn vị': `Trường Tiểu học ${place}`,
        'Loại đơn vị': 'Trường',
        'Mã xã': communeUnit,
        'Khối, ngành': 'Giáo dục',
        'Số cán bộ, nhân viên': 20 + i,
        'Từ ngày': from,
        'Tổ chức đảng phụ trách': `${committee}-TH`,
      },
      {
        'Mã đơn vị': communeUnit,
        'Tên đơn vị': `Xã ${place}`,
        'Loại đơn vị': 'Xã',
        'Khối, ngành': 'Xã, thị trấn',
        'Từ ngày': from,
        'Tổ chức đảng phụ trách': committee,
      },
    );
  }
  return { organizations, units, communeCodes };
}

/** Writes rows under the header row of a kind's sheet (the template's, or a new one). */
export async function fillSheet(
  kind: 'organizations' | 'units',
  rows: readonly Row[],
  template?: Buffer,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet;
  if (template) {
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    const found = workbook.getWorksheet(SHEETS[kind]);
    if (!found) throw new Error(`the template has no sheet ${SHEETS[kind]}`);
    sheet = found;
  } else {
    sheet = workbook.addWorksheet(SHEETS[kind]);
    sheet.addRow([...(kind === 'organizations' ? ORGANIZATION_HEADERS : UNIT_HEADERS)]);
  }
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => columns.set(cell.text, col));
  rows.forEach((row, i) => {
    const target = sheet.getRow(i + 2);
    for (const [header, value] of Object.entries(row)) {
      const col = columns.get(header);
      if (col === undefined) throw new Error(`no column "${header}" in the ${kind} sheet`);
      target.getCell(col).value = value as ExcelJS.CellValue;
    }
    target.commit();
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Builds both files in memory. */
export async function buildTreeFixture(options: TreeFixtureOptions): Promise<TreeFixture> {
  const rows = treeFixtureRows(options);
  return {
    organizations: await fillSheet(
      'organizations',
      rows.organizations,
      options.templates?.organizations,
    ),
    units: await fillSheet('units', rows.units, options.templates?.units),
    organizationCodes: rows.organizations.map((r) => String(r['Mã tổ chức'])),
    unitCodes: rows.units.map((r) => String(r['Mã đơn vị'])),
    communeCodes: rows.communeCodes,
  };
}

/** Writes both files into a folder: `to-chuc.xlsx` and `don-vi.xlsx`; returns their paths. */
export async function writeTreeFixture(
  dir: string,
  options: TreeFixtureOptions,
): Promise<TreeFixture & { organizationsPath: string; unitsPath: string }> {
  const fixture = await buildTreeFixture(options);
  const organizationsPath = join(dir, 'to-chuc.xlsx');
  const unitsPath = join(dir, 'don-vi.xlsx');
  await writeFile(organizationsPath, fixture.organizations);
  await writeFile(unitsPath, fixture.units);
  return { ...fixture, organizationsPath, unitsPath };
}
