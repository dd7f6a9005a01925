import type { EducationLevel, TargetGroup } from '../../../shared/enums.ts';
import {
  foldText,
  normalizeText,
  refusedCharacter,
  refusedCharacterMessage,
} from '../../../shared/text.ts';
import { formatDate, parseDate } from '../../../shared/dates.ts';
import { fromEpochDay, fullYearsBetween } from '../../../shared/dates.ts';
import {
  COLUMNS,
  parseEducation,
  parseGender,
  parseStage,
  parseTargetGroups,
  type ColumnDef,
  type ImportKind,
} from './imports.columns.ts';
import type { Stage } from '../candidates/candidates.rules.ts';
import type { RowIssue } from '../../../shared/answers.ts';

export type { RowIssue };

/**
 * Pure reading of one spreadsheet row: cell values (as exceljs or the CSV reader give them) to
 * typed fields, with a Vietnamese message naming the column for every problem. No database: the
 * service resolves organizations, units and existing people afterwards.
 */

/** A person's fields as read from a row (already normalized: NFC, Đ for Ð, single spaces). */
export interface ImportedPerson {
  fullName: string;
  nameFolded: string;
  gender: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  nationalId: string | null;
  /** The unit's code or name as written (required for new people, see the service). */
  unit: string | null;
  educationLevel: EducationLevel;
  religion: string | null;
  phone: string | null;
  address: string | null;
  politicalTheory: string | null;
  occupation: string | null;
  /** null when the cell is empty: the person's groups are then left as they are. */
  targetGroups: TargetGroup[] | null;
  /** Since when the person is in the unit (null: not written). */
  unitFrom: string | null;
  /** Since when the person is a youth union member (null: not written); implies the group. */
  youthUnionFrom: string | null;
}

/** A membership as read from a members row. */
export interface ImportedMembership {
  organization: string;
  admittedOn: string;
  admissionDecisionNo: string | null;
  officialOn: string | null;
  officialDecisionNo: string | null;
}

/** A candidacy as read from a candidates row. */
export interface ImportedCandidacy {
  organization: string;
  identifiedOn: string;
  stage: Stage;
  fosteringOn: string | null;
  certificateNumber: string | null;
  certificateIssuedOn: string | null;
  certificateIssuer: string | null;
}

/** One row read: its fields when every cell was valid, and every problem found. */
export interface ParsedRow {
  row: number;
  /** The name as written, to name the row in the preview even when it has errors. */
  label: string;
  person: ImportedPerson | null;
  membership: ImportedMembership | null;
  candidacy: ImportedCandidacy | null;
  errors: RowIssue[];
  warnings: RowIssue[];
}

/** A cell reduced to what the rules need. */
export type CellReading =
  | { kind: 'empty' }
  | { kind: 'formula' }
  | { kind: 'error' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; iso: string };

// Excel's day 25569 is 1970-01-01; serials below 61 straddle Lotus's phantom 29/02/1900.
const EXCEL_EPOCH_OFFSET = 25569;
const MIN_SERIAL = 61;
const MAX_SERIAL = 2958465;

/** Reduces an exceljs cell value (or a CSV string) to a reading. */
export function readCell(value: unknown): CellReading {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { kind: 'error' };
    // exceljs builds dates at UTC midnight (rounded to the millisecond); add half a day against drift.
    return { kind: 'date', iso: new Date(value.getTime() + 43_200_000).toISOString().slice(0, 10) };
  }
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (typeof value === 'string') {
    const text = normalizeText(value);
    return text === '' ? { kind: 'empty' } : { kind: 'text', text };
  }
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { kind: 'formula' };
    if ('error' in value) return { kind: 'error' };
    if ('richText' in value && Array.isArray(value.richText)) {
      const text = (value as { richText: { text?: string }[] }).richText
        .map((r) => r.text ?? '')
        .join('');
      return readCell(text);
    }
    if ('text' in value) return readCell(value.text);
  }
  return { kind: 'error' };
}

/** A date from a reading: a date cell, an Excel serial, dd/mm/yyyy or ISO text; null if invalid. */
export function readingToDate(reading: CellReading): string | null {
  switch (reading.kind) {
    case 'date':
      return reading.iso;
    case 'number':
      return Number.isInteger(reading.value) &&
        reading.value >= MIN_SERIAL &&
        reading.value <= MAX_SERIAL
        ? fromEpochDay(reading.value - EXCEL_EPOCH_OFFSET)
        : null;
    case 'text': {
      const parsed = parseDate(reading.text);
      if (parsed) return parsed;
      if (/^\d{5}$/.test(reading.text))
        return readingToDate({ kind: 'number', value: Number(reading.text) });
      return null;
    }
    default:
      return null;
  }
}

/** A reading as text (numbers without exponent), or '' for empty. */
export function readingToText(reading: CellReading): string {
  switch (reading.kind) {
    case 'text':
      return reading.text;
    case 'number':
      return Number.isInteger(reading.value)
        ? BigInt(reading.value).toString()
        : String(reading.value);
    case 'date':
      return formatDate(reading.iso);
    default:
      return '';
  }
}

function issue(column: ColumnDef, message: string, messageEn: string): RowIssue {
  return { column: column.vi, message, messageEn };
}

/** Reads one data row of a file of `kind` whose header row was matched to `byKey`. */
export function parseRow(
  kind: ImportKind,
  byKey: ReadonlyMap<string, number>,
  cells: readonly unknown[],
  row: number,
  today: string,
): ParsedRow {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const columns = new Map(COLUMNS[kind].map((c) => [c.key, c]));
  const column = (key: string): ColumnDef => {
    const c = columns.get(key);
    if (!c) throw new Error(`unknown column ${key}`);
    return c;
  };
  const reading = (key: string): CellReading => {
    const index = byKey.get(key);
    return index === undefined ? { kind: 'empty' } : readCell(cells[index]);
  };
  /** The cell's reading, or null after recording why it cannot be used. */
  const usable = (key: string): CellReading | null => {
    const c = column(key);
    const r = reading(key);
    if (r.kind === 'formula') {
      errors.push(
        issue(
          c,
          'Ô chứa công thức; hãy dán giá trị (Paste Special → Values)',
          'The cell holds a formula; paste values instead',
        ),
      );
      return null;
    }
    if (r.kind === 'error') {
      errors.push(issue(c, 'Ô có giá trị lỗi', 'The cell holds an error value'));
      return null;
    }
    if (r.kind === 'empty') {
      if (c.required) errors.push(issue(c, 'Không được để trống', 'Required cell is empty'));
      return null;
    }
    // The same characters an API body may not hold (shared/text.ts: REFUSED_CHARACTER).
    const refused = r.kind === 'text' ? refusedCharacter(r.text) : null;
    if (refused) {
      const { message, messageEn } = refusedCharacterMessage(refused);
      errors.push(issue(c, message, messageEn));
      return null;
    }
    return r;
  };
  const text = (key: string, max = 300): string | null => {
    const r = usable(key);
    if (!r) return null;
    const value = readingToText(r);
    if (value.length > max) {
      errors.push(issue(column(key), `Dài quá ${max} ký tự`, `Longer than ${max} characters`));
      return null;
    }
    return value;
  };
  const date = (key: string): string | null => {
    const r = usable(key);
    if (!r) return null;
    const iso = readingToDate(r);
    if (!iso) {
      errors.push(
        issue(
          column(key),
          `Ngày không hợp lệ: ${readingToText(r)} (ghi theo dd/mm/yyyy)`,
          `Invalid date: ${readingToText(r)} (use dd/mm/yyyy)`,
        ),
      );
      return null;
    }
    return iso;
  };
  const notFuture = (key: string, iso: string | null, what: string): string | null => {
    if (iso && iso > today) {
      errors.push(
        issue(
          column(key),
          `${what} ${formatDate(iso)} ở tương lai`,
          `${column(key).en} is in the future`,
        ),
      );
      return null;
    }
    return iso;
  };

  const fullName = text('fullName', 200);
  const genderText = text('gender');
  const gender = genderText === null ? null : parseGender(genderText);
  if (genderText !== null && gender === null)
    errors.push(
      issue(
        column('gender'),
        `Giới tính "${genderText}" không hợp lệ; ghi Nam hoặc Nữ`,
        'Gender must be Nam or Nữ',
      ),
    );
  const birthDate = notFuture('birthDate', date('birthDate'), 'Ngày sinh');
  const ethnicity = text('ethnicity', 50);
  let nationalId: string | null = null;
  const idReading = usable('nationalId');
  if (idReading) {
    if (idReading.kind === 'number' && Number.isInteger(idReading.value)) {
      // Excel turns an ID typed into a general cell into a number and drops its leading zero.
      const digits = readingToText(idReading);
      if (digits.length <= 12) {
        nationalId = digits.padStart(12, '0');
        if (digits.length < 12)
          warnings.push(
            issue(
              column('nationalId'),
              `Số định danh ở dạng số; đã thêm số 0 đầu thành ${nationalId}`,
              'National ID was a number; leading zeros restored',
            ),
          );
      }
    } else {
      nationalId = readingToText(idReading).replace(/[\s.]/g, '');
    }
    if (nationalId === null || !/^\d{12}$/.test(nationalId)) {
      errors.push(
        issue(
          column('nationalId'),
          `Số định danh cá nhân phải gồm đúng 12 chữ số (đang là "${readingToText(idReading)}")`,
          'National ID must be exactly 12 digits',
        ),
      );
      nationalId = null;
    }
  }
  const unit = text('unit', 200);
  const educationText = text('educationLevel');
  const educationLevel = educationText === null ? null : parseEducation(educationText);
  if (educationText !== null && educationLevel === null)
    errors.push(
      issue(
        column('educationLevel'),
        `Trình độ học vấn "${educationText}" không có trong danh mục`,
        'Unknown education level',
      ),
    );
  const groupsText = text('targetGroups', 1000);
  let targetGroups: TargetGroup[] | null = null;
  if (groupsText !== null) {
    const parsed = parseTargetGroups(groupsText);
    if (parsed.unknown.length > 0)
      errors.push(
        issue(
          column('targetGroups'),
          `Không có đối tượng: ${parsed.unknown.join(', ')}`,
          'Unknown target group',
        ),
      );
    else targetGroups = parsed.groups;
  }
  const unitFrom = notFuture('unitFrom', date('unitFrom'), 'Ngày bắt đầu ở đơn vị');
  const youthUnionFrom = notFuture('youthUnionFrom', date('youthUnionFrom'), 'Ngày vào Đoàn');
  if (youthUnionFrom && targetGroups && !targetGroups.includes('youth_union'))
    targetGroups = [...targetGroups, 'youth_union'];
  const phone = text('phone', 20);
  if (phone !== null && !/^[0-9+ .()-]{8,20}$/.test(phone))
    errors.push(
      issue(column('phone'), `Số điện thoại không hợp lệ: ${phone}`, 'Invalid phone number'),
    );
  const optional = {
    religion: text('religion', 50),
    address: text('address'),
    politicalTheory: text('politicalTheory', 50),
    occupation: text('occupation', 100),
  };

  let membership: ImportedMembership | null = null;
  let candidacy: ImportedCandidacy | null = null;
  if (kind === 'members') {
    const organization = text('organization', 200);
    const admittedOn = notFuture('admittedOn', date('admittedOn'), 'Ngày kết nạp');
    const officialOn = notFuture('officialOn', date('officialOn'), 'Ngày công nhận chính thức');
    if (birthDate && admittedOn && fullYearsBetween(birthDate, admittedOn) < 18)
      errors.push(
        issue(
          column('admittedOn'),
          `Kết nạp ngày ${formatDate(admittedOn)} khi chưa đủ 18 tuổi (sinh ${formatDate(birthDate)})`,
          'Admitted before the age of 18',
        ),
      );
    if (admittedOn && officialOn && officialOn < admittedOn)
      errors.push(
        issue(
          column('officialOn'),
          'Ngày công nhận chính thức trước ngày kết nạp',
          'Official date must follow admission',
        ),
      );
    const admissionDecisionNo = text('admissionDecisionNo', 100);
    const officialDecisionNo = text('officialDecisionNo', 100);
    if (organization && admittedOn)
      membership = {
        organization,
        admittedOn,
        admissionDecisionNo,
        officialOn,
        officialDecisionNo,
      };
  }
  if (kind === 'candidates') {
    const organization = text('organization', 200);
    const identifiedOn = notFuture('identifiedOn', date('identifiedOn'), 'Ngày phát hiện');
    const stageText = text('stage');
    const stage = parseStage(stageText ?? '');
    if (stage === null)
      errors.push(issue(column('stage'), `Không có giai đoạn "${stageText}"`, 'Unknown stage'));
    const fosteringOn = notFuture('fosteringOn', date('fosteringOn'), 'Ngày bắt đầu bồi dưỡng');
    const certificateNumber = text('certificateNumber', 100);
    const certificateIssuedOn = notFuture(
      'certificateIssuedOn',
      date('certificateIssuedOn'),
      'Ngày cấp giấy chứng nhận',
    );
    const certificateIssuer = text('certificateIssuer', 200);
    if (
      (stage === 'fostering' || stage === 'trained') &&
      !fosteringOn &&
      reading('fosteringOn').kind === 'empty'
    )
      errors.push(
        issue(
          column('fosteringOn'),
          'Cần ngày bắt đầu bồi dưỡng cho giai đoạn này',
          'Fostering date required',
        ),
      );
    if (stage === 'trained') {
      for (const key of ['certificateNumber', 'certificateIssuedOn', 'certificateIssuer'])
        if (reading(key).kind === 'empty')
          errors.push(
            issue(
              column(key),
              'Cần thông tin giấy chứng nhận cho giai đoạn đã học lớp',
              'Certificate required',
            ),
          );
    }
    if (identifiedOn && fosteringOn && fosteringOn < identifiedOn)
      errors.push(
        issue(
          column('fosteringOn'),
          'Ngày bắt đầu bồi dưỡng trước ngày phát hiện',
          'Fostering before identification',
        ),
      );
    if (organization && identifiedOn && stage)
      candidacy = {
        organization,
        identifiedOn,
        stage,
        fosteringOn,
        certificateNumber,
        certificateIssuedOn,
        certificateIssuer,
      };
  }
  if (birthDate) {
    for (const [key, iso] of [
      ['admittedOn', membership?.admittedOn],
      ['identifiedOn', candidacy?.identifiedOn],
    ] as const) {
      if (iso && iso <= birthDate)
        errors.push(issue(column(key), 'Ngày này trước ngày sinh', 'Date before the birth date'));
    }
    for (const [key, iso] of [
      ['unitFrom', unitFrom],
      ['youthUnionFrom', youthUnionFrom],
    ] as const)
      if (iso && iso < birthDate)
        errors.push(issue(column(key), 'Ngày này trước ngày sinh', 'Date before the birth date'));
  }

  const person =
    errors.length === 0 && fullName && gender && birthDate && ethnicity && educationLevel
      ? {
          fullName,
          nameFolded: foldText(fullName),
          gender,
          birthDate,
          ethnicity,
          nationalId,
          unit,
          educationLevel,
          phone,
          targetGroups,
          unitFrom,
          youthUnionFrom,
          ...optional,
        }
      : null;
  return {
    row,
    label: fullName ?? '',
    person,
    membership: person ? membership : null,
    candidacy: person ? candidacy : null,
    errors,
    warnings,
  };
}
