import {
  ORGANIZATION_LEVEL_KINDS,
  type OrganizationKind,
  type OrganizationLevel,
  type Sector,
  type UnitKind,
} from '../../../shared/enums.ts';
import { code as codeSchema } from '../../../shared/contracts.ts';
import { formatDate } from '../../../shared/dates.ts';
import { normalizeText, refusedCharacter, refusedCharacterMessage } from '../../../shared/text.ts';
import {
  COLUMNS,
  parseLevel,
  parseSector,
  parseUnitKind,
  parseYesNo,
  type ColumnDef,
  type TreeImportKind,
} from './imports.columns.ts';
import { readCell, readingToDate, readingToText, type CellReading } from './imports.rules.ts';
import type { RowIssue } from '../../../shared/answers.ts';

/**
 * Pure reading of the rows of an organizations or units file (no database): cells to typed
 * fields with a Vietnamese message naming the column for every problem, and the order that puts
 * every parent (or commune) before the rows that name it.
 */

/** An organization as read from a row. Optional fields are null when their cell is empty. */
export interface ImportedOrganization {
  code: string;
  name: string;
  level: OrganizationLevel;
  kind: OrganizationKind;
  parentCode: string | null;
  establishedOn: string;
  sector: Sector | null;
  combined: boolean | null;
  decidesAdmissions: boolean | null;
  educationException: boolean | null;
  hasYouthUnion: boolean | null;
}

/** A unit as read from a row. */
export interface ImportedUnit {
  code: string;
  name: string;
  kind: UnitKind;
  communeCode: string | null;
  sector: Sector | null;
  staffCount: number | null;
  validFrom: string;
  /** The covering organizations' codes; null when the cell is empty. */
  organizationCodes: string[] | null;
}

/** One row of a tree file: its record when every cell was valid, and every problem found. */
export interface ParsedTreeRow<T> {
  row: number;
  /** The code and name as written, to name the row even when it has errors. */
  code: string;
  label: string;
  /** The parent's (organizations) or commune's (units) code when readable, even on a bad row. */
  parent: string | null;
  record: T | null;
  errors: RowIssue[];
}

/** The column a key reads, for messages. */
export function treeColumn(kind: TreeImportKind, key: string): ColumnDef {
  const column = COLUMNS[kind].find((c) => c.key === key);
  if (!column) throw new Error(`unknown column ${key}`);
  return column;
}

/** Reads the cells of one row; `today` bounds the dates (nothing is imported for the future). */
function rowReader(
  kind: TreeImportKind,
  byKey: ReadonlyMap<string, number>,
  cells: readonly unknown[],
  today: string,
) {
  const errors: RowIssue[] = [];
  const fail = (key: string, message: string, messageEn: string) =>
    errors.push({ column: treeColumn(kind, key).vi, message, messageEn });
  const usable = (key: string): CellReading | null => {
    const column = treeColumn(kind, key);
    const index = byKey.get(key);
    const r = index === undefined ? ({ kind: 'empty' } as const) : readCell(cells[index]);
    if (r.kind === 'formula') {
      fail(
        key,
        'Ô chứa công thức; hãy dán giá trị (Paste Special → Values)',
        'The cell holds a formula; paste values instead',
      );
      return null;
    }
    if (r.kind === 'error') {
      fail(key, 'Ô có giá trị lỗi', 'The cell holds an error value');
      return null;
    }
    if (r.kind === 'empty') {
      if (column.required) fail(key, 'Không được để trống', 'Required cell is empty');
      return null;
    }
    const refused = r.kind === 'text' ? refusedCharacter(r.text) : null;
    if (refused) {
      const { message, messageEn } = refusedCharacterMessage(refused);
      fail(key, message, messageEn);
      return null;
    }
    return r;
  };
  const text = (key: string, max = 200): string | null => {
    const r = usable(key);
    if (!r) return null;
    const value = readingToText(r);
    if (value.length > max) {
      fail(key, `Dài quá ${max} ký tự`, `Longer than ${max} characters`);
      return null;
    }
    return value;
  };
  const code = (key: string): string | null => {
    const value = text(key, 100);
    if (value === null) return null;
    const parsed = codeSchema.safeParse(value);
    if (!parsed.success) {
      fail(
        key,
        `Mã "${value}" không hợp lệ: ${parsed.error.issues[0]?.message ?? ''}`,
        'Invalid code',
      );
      return null;
    }
    return parsed.data;
  };
  const date = (key: string): string | null => {
    const r = usable(key);
    if (!r) return null;
    const iso = readingToDate(r);
    if (!iso) {
      fail(
        key,
        `Ngày không hợp lệ: ${readingToText(r)} (ghi theo dd/mm/yyyy)`,
        `Invalid date: ${readingToText(r)} (use dd/mm/yyyy)`,
      );
      return null;
    }
    if (iso > today) {
      fail(key, `Ngày ${formatDate(iso)} ở tương lai`, 'The date is in the future');
      return null;
    }
    return iso;
  };
  const choice = <T>(key: string, parse: (text: string) => T | null, what: string): T | null => {
    const value = text(key);
    if (value === null) return null;
    const parsed = parse(value);
    if (parsed === null)
      fail(
        key,
        `${what} "${value}" không có trong danh mục (xem trang "Giá trị hợp lệ" của tệp mẫu)`,
        `Unknown ${treeColumn(kind, key).en.toLowerCase()}`,
      );
    return parsed;
  };
  const yesNo = (key: string): boolean | null => choice(key, parseYesNo, 'Giá trị');
  return { errors, fail, text, code, date, choice, yesNo };
}

/** Reads one row of an organizations file whose header row was matched to `byKey`. */
export function parseOrganizationRow(
  byKey: ReadonlyMap<string, number>,
  cells: readonly unknown[],
  row: number,
  today: string,
): ParsedTreeRow<ImportedOrganization> {
  const r = rowReader('organizations', byKey, cells, today);
  const code = r.code('code');
  const name = r.text('name');
  const level = r.choice('level', parseLevel, 'Cấp tổ chức');
  const parentCode = r.code('parentCode');
  const establishedOn = r.date('establishedOn');
  const sector = r.choice('sector', parseSector, 'Khối, ngành');
  const combined = r.yesNo('combined');
  const decidesAdmissions = r.yesNo('decidesAdmissions');
  const educationException = r.yesNo('educationException');
  const hasYouthUnion = r.yesNo('hasYouthUnion');
  if (code !== null && parentCode !== null && code === parentCode)
    r.fail('parentCode', 'Tổ chức không thể là cấp trên của chính nó', 'Its own parent');
  const kind = level ? ORGANIZATION_LEVEL_KINDS[level] : null;
  if (kind === 'committee' && combined)
    r.fail('combined', 'Chỉ chi bộ mới là chi bộ ghép', 'Only a cell can be combined');
  const record =
    r.errors.length === 0 && code && name && level && kind && establishedOn
      ? {
          code,
          name,
          level,
          kind,
          parentCode,
          establishedOn,
          sector,
          combined,
          decidesAdmissions,
          educationException,
          hasYouthUnion,
        }
      : null;
  return { row, code: code ?? '', label: name ?? '', parent: parentCode, record, errors: r.errors };
}

/** Reads one row of a units file whose header row was matched to `byKey`. */
export function parseUnitRow(
  byKey: ReadonlyMap<string, number>,
  cells: readonly unknown[],
  row: number,
  today: string,
): ParsedTreeRow<ImportedUnit> {
  const r = rowReader('units', byKey, cells, today);
  const code = r.code('code');
  const name = r.text('name');
  const kind = r.choice('kind', parseUnitKind, 'Loại đơn vị');
  const communeCode = r.code('communeCode');
  const sector = r.choice('sector', parseSector, 'Khối, ngành');
  let staffCount: number | null = null;
  const staffText = r.text('staffCount', 20);
  if (staffText !== null) {
    const digits = staffText.replace(/[.\s]/g, '');
    if (/^\d{1,7}$/.test(digits)) staffCount = Number(digits);
    else
      r.fail(
        'staffCount',
        `Số cán bộ "${staffText}" phải là số nguyên không âm`,
        'Staff count must be a whole number',
      );
  }
  const validFrom = r.date('validFrom');
  let organizationCodes: string[] | null = null;
  const coverText = r.text('organizations', 1000);
  if (coverText !== null) {
    const codes = [
      ...new Set(
        coverText
          .split(/[;,\n]/)
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ];
    const bad = codes.filter((c) => !codeSchema.safeParse(c).success);
    if (bad.length > 0)
      r.fail('organizations', `Mã không hợp lệ: ${bad.join(', ')}`, 'Invalid organization code');
    else organizationCodes = codes;
  }
  if (code !== null && communeCode !== null && code === communeCode)
    r.fail('communeCode', 'Đơn vị không thể thuộc chính nó', 'Its own commune');
  const record =
    r.errors.length === 0 && code && name && kind && validFrom
      ? { code, name, kind, communeCode, sector, staffCount, validFrom, organizationCodes }
      : null;
  return {
    row,
    code: code ?? '',
    label: name ?? '',
    parent: communeCode,
    record,
    errors: r.errors,
  };
}

/**
 * The rows in an order where a row naming another row of the file (its parent, its commune)
 * comes after it; rows whose chain of parents inside the file loops are returned apart, each with
 * the loop written out ("A → B → A"). Rows keep the file's order otherwise.
 */
export function parentsFirst<T>(
  rows: readonly T[],
  codeOf: (row: T) => string,
  parentOf: (row: T) => string | null,
): { ordered: T[]; loops: Map<T, string> } {
  const byCode = new Map<string, T>();
  for (const r of rows) if (!byCode.has(codeOf(r))) byCode.set(codeOf(r), r);
  const ordered: T[] = [];
  const loops = new Map<T, string>();
  const state = new Map<T, 'visiting' | 'done'>();
  for (const start of rows) {
    if (state.has(start)) continue;
    // Walk up to the first row already placed (or the file's edge), then place the chain top-down.
    const chain: T[] = [];
    let current: T | undefined = start;
    while (current && !state.has(current)) {
      state.set(current, 'visiting');
      chain.push(current);
      const parent = parentOf(current);
      current = parent === null ? undefined : byCode.get(parent);
    }
    if (current && state.get(current) === 'visiting') {
      const loopStart = chain.indexOf(current);
      const loop = chain.slice(loopStart);
      const path = [...loop, current].map(codeOf).join(' → ');
      for (const r of loop) loops.set(r, path);
      chain.splice(loopStart);
      for (const r of loop) state.set(r, 'done');
    }
    for (const r of chain.reverse()) {
      state.set(r, 'done');
      ordered.push(r);
    }
  }
  return { ordered, loops };
}

/** Whether two names are the same once normalized (NFC, Đ for Ð, single spaces). */
export function sameName(a: string, b: string): boolean {
  return normalizeText(a) === normalizeText(b);
}
