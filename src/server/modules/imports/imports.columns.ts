import {
  EDUCATION_LABELS,
  EDUCATION_LEVELS,
  ORGANIZATION_LEVEL_LABELS,
  ORGANIZATION_LEVELS,
  SECTOR_LABELS,
  SECTORS,
  TARGET_GROUP_LABELS,
  TARGET_GROUPS,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  type EducationLevel,
  type OrganizationLevel,
  type Sector,
  type TargetGroup,
  type UnitKind,
} from '../../../shared/enums.ts';
import { foldText } from '../../../shared/text.ts';
import { STAGES, type Stage } from '../candidates/candidates.rules.ts';

/**
 * The spreadsheet columns of each import kind: the template writes them, the reader matches a
 * file's headers to them (Vietnamese or English, any order, accents and case ignored) and the
 * export writes them again, so an export can be re-imported as is.
 */

/** Lists of people that can be imported and exported in the same columns. */
export const PERSON_IMPORT_KINDS = ['people', 'members', 'candidates'] as const;
/** A list of people. */
export type PersonImportKind = (typeof PERSON_IMPORT_KINDS)[number];
/** The tree and its units: imported (tree-imports.service.ts), not exported as lists. */
export const TREE_IMPORT_KINDS = ['organizations', 'units'] as const;
/** Organizations or units. */
export type TreeImportKind = (typeof TREE_IMPORT_KINDS)[number];
/** What can be imported. */
export const IMPORT_KINDS = [...PERSON_IMPORT_KINDS, ...TREE_IMPORT_KINDS] as const;
/** An import kind. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Whether a kind imports the tree (organizations, units) rather than people. */
export function isTreeKind(kind: ImportKind): kind is TreeImportKind {
  return (TREE_IMPORT_KINDS as readonly string[]).includes(kind);
}

/** How a column's cells are read. */
export type ColumnType =
  | 'text'
  | 'date'
  | 'gender'
  | 'nationalId'
  | 'education'
  | 'targetGroups'
  | 'stage'
  | 'organization'
  | 'unit'
  | 'code'
  | 'codes'
  | 'level'
  | 'unitKind'
  | 'sector'
  | 'yesNo'
  | 'count';

/** One column of a template. */
export interface ColumnDef {
  key: string;
  vi: string;
  en: string;
  type: ColumnType;
  required: boolean;
  /** Other headers offices use for the same column. */
  aliases?: readonly string[];
  /** What the template's allowed-values sheet says about it. */
  hint: string;
  width: number;
}

const PERSON_COLUMNS: readonly ColumnDef[] = [
  {
    key: 'fullName',
    vi: 'Họ và tên',
    en: 'Full name',
    type: 'text',
    required: true,
    aliases: ['Họ tên'],
    hint: 'Họ, chữ đệm và tên',
    width: 26,
  },
  {
    key: 'gender',
    vi: 'Giới tính',
    en: 'Gender',
    type: 'gender',
    required: true,
    hint: 'Nam hoặc Nữ',
    width: 10,
  },
  {
    key: 'birthDate',
    vi: 'Ngày sinh',
    en: 'Birth date',
    type: 'date',
    required: true,
    hint: 'dd/mm/yyyy',
    width: 13,
  },
  {
    key: 'ethnicity',
    vi: 'Dân tộc',
    en: 'Ethnicity',
    type: 'text',
    required: true,
    hint: 'Kinh, Thái, Mông, Khơ Mú…',
    width: 12,
  },
  {
    key: 'nationalId',
    vi: 'Số định danh cá nhân',
    en: 'National ID',
    type: 'nationalId',
    required: false,
    aliases: ['Số CCCD', 'CCCD', 'Số căn cước'],
    hint: '12 chữ số (ghi dạng văn bản để giữ số 0 đầu)',
    width: 16,
  },
  {
    key: 'unit',
    vi: 'Đơn vị',
    en: 'Unit',
    type: 'unit',
    required: false,
    aliases: ['Mã đơn vị', 'Bản', 'Nơi ở, nơi làm việc'],
    hint: 'Mã hoặc tên bản, trường, cơ quan',
    width: 24,
  },
  {
    key: 'unitFrom',
    vi: 'Ở đơn vị từ ngày',
    en: 'In the unit since',
    type: 'date',
    required: false,
    aliases: ['Đến đơn vị từ ngày', 'Từ ngày (đơn vị)'],
    hint: 'dd/mm/yyyy; để trống: người mới từ ngày sinh, người đã có từ hôm nay',
    width: 14,
  },
  {
    key: 'educationLevel',
    vi: 'Trình độ học vấn',
    en: 'Education',
    type: 'education',
    required: true,
    aliases: ['Học vấn', 'Trình độ văn hóa', 'Giáo dục phổ thông'],
    hint: 'Tiểu học, Trung học cơ sở, Trung học phổ thông (hoặc 5/12, 9/12, 12/12)',
    width: 20,
  },
  {
    key: 'religion',
    vi: 'Tôn giáo',
    en: 'Religion',
    type: 'text',
    required: false,
    hint: 'Để trống nếu không',
    width: 12,
  },
  {
    key: 'phone',
    vi: 'Điện thoại',
    en: 'Phone',
    type: 'text',
    required: false,
    aliases: ['Số điện thoại'],
    hint: '',
    width: 14,
  },
  {
    key: 'address',
    vi: 'Địa chỉ',
    en: 'Address',
    type: 'text',
    required: false,
    aliases: ['Nơi ở hiện nay'],
    hint: '',
    width: 28,
  },
  {
    key: 'politicalTheory',
    vi: 'Lý luận chính trị',
    en: 'Political theory',
    type: 'text',
    required: false,
    hint: 'Sơ cấp, Trung cấp, Cao cấp',
    width: 16,
  },
  {
    key: 'occupation',
    vi: 'Nghề nghiệp',
    en: 'Occupation',
    type: 'text',
    required: false,
    hint: '',
    width: 16,
  },
  {
    key: 'targetGroups',
    vi: 'Đối tượng',
    en: 'Target groups',
    type: 'targetGroups',
    required: false,
    hint: 'Các đối tượng, cách nhau bằng dấu chấm phẩy',
    width: 30,
  },
  {
    key: 'youthUnionFrom',
    vi: 'Đoàn viên từ ngày',
    en: 'Youth union member since',
    type: 'date',
    required: false,
    aliases: ['Ngày vào Đoàn'],
    hint: 'dd/mm/yyyy; để trống: từ ngày nhập',
    width: 14,
  },
];

const MEMBER_COLUMNS: readonly ColumnDef[] = [
  {
    key: 'organization',
    vi: 'Chi bộ',
    en: 'Party cell',
    type: 'organization',
    required: true,
    aliases: ['Mã chi bộ', 'Tổ chức đảng', 'Organization'],
    hint: 'Mã hoặc tên chi bộ',
    width: 24,
  },
  {
    key: 'admittedOn',
    vi: 'Ngày kết nạp',
    en: 'Admitted on',
    type: 'date',
    required: true,
    aliases: ['Ngày vào Đảng'],
    hint: 'dd/mm/yyyy',
    width: 13,
  },
  {
    key: 'admissionDecisionNo',
    vi: 'Số quyết định kết nạp',
    en: 'Admission decision no.',
    type: 'text',
    required: false,
    hint: '',
    width: 16,
  },
  {
    key: 'officialOn',
    vi: 'Ngày công nhận chính thức',
    en: 'Official on',
    type: 'date',
    required: false,
    aliases: ['Ngày chính thức'],
    hint: 'Để trống nếu còn dự bị',
    width: 13,
  },
  {
    key: 'officialDecisionNo',
    vi: 'Số quyết định công nhận',
    en: 'Official decision no.',
    type: 'text',
    required: false,
    hint: '',
    width: 16,
  },
];

const CANDIDATE_COLUMNS: readonly ColumnDef[] = [
  {
    key: 'organization',
    vi: 'Chi bộ',
    en: 'Party cell',
    type: 'organization',
    required: true,
    aliases: ['Mã chi bộ', 'Tổ chức đảng', 'Organization'],
    hint: 'Mã hoặc tên chi bộ',
    width: 24,
  },
  {
    key: 'identifiedOn',
    vi: 'Ngày phát hiện',
    en: 'Identified on',
    type: 'date',
    required: true,
    aliases: ['Ngày đưa vào nguồn'],
    hint: 'dd/mm/yyyy',
    width: 13,
  },
  {
    key: 'stage',
    vi: 'Giai đoạn',
    en: 'Stage',
    type: 'stage',
    required: false,
    hint: 'Để trống là quần chúng nguồn',
    width: 26,
  },
  {
    key: 'fosteringOn',
    vi: 'Ngày bắt đầu bồi dưỡng',
    en: 'Fostering since',
    type: 'date',
    required: false,
    hint: 'Cần khi giai đoạn từ "Đang bồi dưỡng"',
    width: 13,
  },
  {
    key: 'certificateNumber',
    vi: 'Số giấy chứng nhận',
    en: 'Certificate no.',
    type: 'text',
    required: false,
    hint: 'Lớp bồi dưỡng nhận thức về Đảng',
    width: 14,
  },
  {
    key: 'certificateIssuedOn',
    vi: 'Ngày cấp giấy chứng nhận',
    en: 'Certificate issued on',
    type: 'date',
    required: false,
    hint: 'dd/mm/yyyy',
    width: 13,
  },
  {
    key: 'certificateIssuer',
    vi: 'Nơi cấp giấy chứng nhận',
    en: 'Certificate issuer',
    type: 'text',
    required: false,
    hint: '',
    width: 22,
  },
];

const SECTOR_COLUMN: ColumnDef = {
  key: 'sector',
  vi: 'Khối, ngành',
  en: 'Sector',
  type: 'sector',
  required: false,
  aliases: ['Khối', 'Ngành'],
  hint: `${Object.values(SECTOR_LABELS).join(', ')}; để trống nếu không thuộc khối nào`,
  width: 16,
};

const ORGANIZATION_COLUMNS: readonly ColumnDef[] = [
  {
    key: 'code',
    vi: 'Mã tổ chức',
    en: 'Code',
    type: 'code',
    required: true,
    aliases: ['Mã', 'Mã tổ chức đảng'],
    hint: 'Chữ không dấu, số, dấu chấm, gạch ngang; không trùng trong cả hệ thống',
    width: 16,
  },
  {
    key: 'name',
    vi: 'Tên tổ chức đảng',
    en: 'Name',
    type: 'text',
    required: true,
    aliases: ['Tên', 'Tên tổ chức'],
    hint: 'Ví dụ: Đảng bộ xã Na Son, Chi bộ bản Huổi Sói',
    width: 34,
  },
  {
    key: 'level',
    vi: 'Cấp tổ chức',
    en: 'Level',
    type: 'level',
    required: true,
    aliases: ['Cấp', 'Loại hình tổ chức'],
    hint: 'Đảng bộ cơ sở (Đảng bộ xã), Chi bộ trực thuộc (Chi bộ thôn/bản)… (xem danh sách)',
    width: 24,
  },
  {
    key: 'parentCode',
    vi: 'Mã tổ chức cấp trên',
    en: 'Parent code',
    type: 'code',
    required: false,
    aliases: ['Cấp trên', 'Tổ chức cấp trên', 'Trực thuộc'],
    hint: 'Mã của một dòng trong tệp (thứ tự dòng tùy ý) hoặc tổ chức đã có trong phạm vi của bạn',
    width: 18,
  },
  {
    key: 'establishedOn',
    vi: 'Ngày thành lập',
    en: 'Valid from',
    type: 'date',
    required: true,
    aliases: ['Từ ngày', 'Hiệu lực từ ngày'],
    hint: 'dd/mm/yyyy: tổ chức có trong cây từ ngày này',
    width: 14,
  },
  SECTOR_COLUMN,
  {
    key: 'combined',
    vi: 'Chi bộ ghép',
    en: 'Combined cell',
    type: 'yesNo',
    required: false,
    hint: 'Có / Không (để trống là Không)',
    width: 12,
  },
  {
    key: 'decidesAdmissions',
    vi: 'Được ủy quyền kết nạp',
    en: 'Decides admissions',
    type: 'yesNo',
    required: false,
    aliases: ['Ủy quyền kết nạp đảng viên', 'Quyết định kết nạp'],
    hint: 'Có nếu đảng ủy được ủy quyền quyết định kết nạp đảng viên (để trống là Không)',
    width: 14,
  },
  {
    key: 'educationException',
    vi: 'Vùng khó khăn (học vấn tiểu học)',
    en: 'Hardship area',
    type: 'yesNo',
    required: false,
    aliases: ['Vùng khó khăn', 'Vùng đặc biệt khó khăn', 'Miền núi, vùng khó khăn'],
    hint: 'Có nếu ở miền núi, biên giới, vùng dân tộc, vùng đặc biệt khó khăn: người vào Đảng chỉ cần tốt nghiệp tiểu học (để trống là Không)',
    width: 16,
  },
  {
    key: 'hasYouthUnion',
    vi: 'Có tổ chức Đoàn',
    en: 'Has youth union',
    type: 'yesNo',
    required: false,
    aliases: ['Có Đoàn thanh niên'],
    hint: 'Có / Không (để trống là Có): nơi có Đoàn, người trong tuổi Đoàn do Đoàn giới thiệu',
    width: 12,
  },
];

const UNIT_COLUMNS: readonly ColumnDef[] = [
  {
    key: 'code',
    vi: 'Mã đơn vị',
    en: 'Code',
    type: 'code',
    required: true,
    aliases: ['Mã'],
    hint: 'Chữ không dấu, số, dấu chấm, gạch ngang; không trùng trong cả hệ thống',
    width: 16,
  },
  {
    key: 'name',
    vi: 'Tên đơn vị',
    en: 'Name',
    type: 'text',
    required: true,
    aliases: ['Tên'],
    hint: 'Ví dụ: Bản Huổi Sói, Trường Tiểu học Na Son',
    width: 30,
  },
  {
    key: 'kind',
    vi: 'Loại đơn vị',
    en: 'Kind',
    type: 'unitKind',
    required: true,
    aliases: ['Loại'],
    hint: `${Object.values(UNIT_KIND_LABELS).join(', ')} (Thôn, Tổ dân phố ghi như Bản)`,
    width: 16,
  },
  {
    key: 'communeCode',
    vi: 'Mã xã',
    en: 'Commune code',
    type: 'code',
    required: false,
    aliases: ['Thuộc xã', 'Xã', 'Mã đơn vị cấp trên'],
    hint: 'Với bản, thôn: mã của xã (một dòng trong tệp hoặc đơn vị đã có)',
    width: 14,
  },
  { ...SECTOR_COLUMN },
  {
    key: 'staffCount',
    vi: 'Số cán bộ, nhân viên',
    en: 'Staff count',
    type: 'count',
    required: false,
    aliases: ['Số cán bộ', 'Biên chế'],
    hint: 'Số nguyên (trường học, cơ quan): báo cáo khối ngành tính đảng viên trên số cán bộ',
    width: 12,
  },
  {
    key: 'validFrom',
    vi: 'Từ ngày',
    en: 'Valid from',
    type: 'date',
    required: true,
    aliases: ['Ngày thành lập', 'Hiệu lực từ ngày'],
    hint: 'dd/mm/yyyy: đơn vị và tổ chức đảng phụ trách có từ ngày này',
    width: 14,
  },
  {
    key: 'organizations',
    vi: 'Tổ chức đảng phụ trách',
    en: 'Covered by',
    type: 'codes',
    required: false,
    aliases: ['Mã tổ chức đảng', 'Chi bộ phụ trách', 'Mã chi bộ'],
    hint: 'Mã chi bộ hoặc đảng bộ phụ trách, cách nhau bằng dấu chấm phẩy; bắt buộc với cán bộ một đảng bộ',
    width: 22,
  },
];

/** The columns of each kind, in template order. */
export const COLUMNS: Record<ImportKind, readonly ColumnDef[]> = {
  people: PERSON_COLUMNS,
  members: [...PERSON_COLUMNS, ...MEMBER_COLUMNS],
  candidates: [...PERSON_COLUMNS, ...CANDIDATE_COLUMNS],
  organizations: ORGANIZATION_COLUMNS,
  units: UNIT_COLUMNS,
};

/**
 * Sheet names of each kind (the export of a whole organization has one sheet per list). The tree
 * kinds' sheets are not named like the reference sheets, which an import skips.
 */
export const SHEET_NAMES: Record<ImportKind, string> = {
  people: 'Người',
  members: 'Đảng viên',
  candidates: 'Quần chúng',
  organizations: 'Danh sách tổ chức đảng',
  units: 'Danh sách đơn vị',
};

/** The file names of a kind's template and export, in Vietnamese ("Mẫu nhập đảng viên.xlsx"). */
export const FILE_TITLES: Record<ImportKind | 'all', { template: string; export: string }> = {
  people: { template: 'Mẫu nhập người', export: 'Danh sách người' },
  members: { template: 'Mẫu nhập đảng viên', export: 'Danh sách đảng viên' },
  candidates: { template: 'Mẫu nhập quần chúng', export: 'Danh sách quần chúng' },
  organizations: { template: 'Mẫu nhập tổ chức đảng', export: 'Danh sách tổ chức đảng' },
  units: { template: 'Mẫu nhập đơn vị', export: 'Danh sách đơn vị' },
  all: { template: '', export: 'Dữ liệu tổ chức đảng' },
};

/** The template's sheet of allowed values and the export's reference sheets: never imported. */
export const REFERENCE_SHEET_NAMES = ['Giá trị hợp lệ', 'Tổ chức đảng', 'Đơn vị'] as const;

/** Stages a new candidacy can be imported at: before the dossier, where offices still use paper. */
export const IMPORT_STAGES = ['source', 'fostering', 'trained'] as const;
/** A stage a new candidacy may be imported at. */
export type ImportStage = (typeof IMPORT_STAGES)[number];

/** Vietnamese names of the pipeline's stages, as the template and exports write them. */
export const STAGE_LABELS: Record<Stage, string> = {
  source: 'Quần chúng nguồn',
  fostering: 'Đang bồi dưỡng',
  trained: 'Đã học lớp nhận thức về Đảng',
  dossier: 'Hoàn thiện hồ sơ',
  cell_voted: 'Chi bộ đã biểu quyết',
  committee_reviewed: 'Đảng ủy cơ sở đã xét',
  decided: 'Đã có quyết định kết nạp',
  admitted: 'Đã kết nạp',
  probation_review: 'Xét công nhận chính thức',
  official: 'Đã công nhận chính thức',
};

/** A stage's Vietnamese name (its code if unknown). */
export function stageLabel(stage: string): string {
  return STAGE_LABELS[stage as Stage] ?? stage;
}

/** Headers' matching key: folded, punctuation and required-markers removed. */
export function headerKey(header: string): string {
  return foldText(header)
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Which column of `kind` a header names, if any. */
export function matchHeader(kind: ImportKind, header: string): ColumnDef | undefined {
  const key = headerKey(header);
  if (key === '') return undefined;
  return COLUMNS[kind].find(
    (c) =>
      headerKey(c.vi) === key ||
      headerKey(c.en) === key ||
      c.key.toLowerCase() === key.replace(/ /g, '') ||
      (c.aliases ?? []).some((a) => headerKey(a) === key),
  );
}

/** Matches a header row: column index by key, the required columns missing, the headers ignored. */
export function mapHeaders(
  kind: ImportKind,
  headers: string[],
): { byKey: Map<string, number>; missing: ColumnDef[]; ignored: string[]; repeated: string[] } {
  const byKey = new Map<string, number>();
  const ignored: string[] = [];
  const repeated: string[] = [];
  headers.forEach((header, index) => {
    const column = matchHeader(kind, header);
    if (!column) {
      if (header.trim() !== '') ignored.push(header.trim());
      return;
    }
    if (byKey.has(column.key)) repeated.push(header.trim());
    else byKey.set(column.key, index);
  });
  const missing = COLUMNS[kind].filter((c) => c.required && !byKey.has(c.key));
  return { byKey, missing, ignored, repeated };
}

/** Gender from Nam/Nữ (or male/female, M/F), else null. */
export function parseGender(text: string): 'male' | 'female' | null {
  const key = foldText(text);
  if (['nam', 'male', 'm', 'trai'].includes(key)) return 'male';
  if (['nu', 'female', 'f', 'gai'].includes(key)) return 'female';
  return null;
}

/** Vietnamese for a gender, as the template and exports write it. */
export function genderLabel(gender: string): string {
  return gender === 'female' ? 'Nữ' : 'Nam';
}

const EDUCATION_ALIASES: Record<string, EducationLevel> = {
  th: 'primary',
  '5/12': 'primary',
  thcs: 'lower_secondary',
  '9/12': 'lower_secondary',
  thpt: 'upper_secondary',
  '12/12': 'upper_secondary',
  '10/10': 'upper_secondary',
};

/** An education level from its code, its Vietnamese name or a usual abbreviation (THCS, 9/12). */
export function parseEducation(text: string): EducationLevel | null {
  const key = foldText(text);
  for (const level of EDUCATION_LEVELS) {
    if (key === level || key === foldText(EDUCATION_LABELS[level])) return level;
  }
  return EDUCATION_ALIASES[key.replace(/\s/g, '')] ?? null;
}

/** Target groups from a list separated by ; or , (codes or Vietnamese names); unknown ones listed. */
export function parseTargetGroups(text: string): { groups: TargetGroup[]; unknown: string[] } {
  const groups = new Set<TargetGroup>();
  const unknown: string[] = [];
  for (const part of text.split(/[;,\n]/)) {
    const key = foldText(part);
    if (key === '') continue;
    const group = TARGET_GROUPS.find((g) => g === key || foldText(TARGET_GROUP_LABELS[g]) === key);
    if (group) groups.add(group);
    else unknown.push(part.trim());
  }
  return { groups: [...groups].sort(), unknown };
}

/** Target groups as the template writes them: Vietnamese names separated by "; ". */
export function targetGroupsLabel(groups: readonly string[]): string {
  return groups
    .map((g) => TARGET_GROUP_LABELS[g as TargetGroup] ?? g)
    .sort()
    .join('; ');
}

/** A stage from its code or Vietnamese name; empty means `source`. */
export function parseStage(text: string): Stage | null {
  const key = foldText(text);
  if (key === '') return 'source';
  return STAGES.find((s) => s === key || foldText(STAGE_LABELS[s]) === key) ?? null;
}

/** Other names offices write for a level. */
export const LEVEL_ALIASES: Record<OrganizationLevel, readonly string[]> = {
  top: ['Đảng bộ tỉnh', 'Đảng bộ thành phố trực thuộc Trung ương', 'Tỉnh ủy', 'Cấp cao nhất'],
  upper: ['Đảng bộ huyện', 'Đảng bộ quận', 'Đảng bộ thị xã', 'Đảng bộ khối', 'Huyện ủy'],
  grassroots: ['Đảng bộ xã', 'Đảng bộ phường', 'Đảng bộ thị trấn', 'Đảng bộ đặc khu', 'Đảng ủy xã'],
  partial: [],
  grassroots_cell: ['Chi bộ cơ sở trực thuộc'],
  cell: ['Chi bộ thôn/bản', 'Chi bộ thôn', 'Chi bộ bản', 'Chi bộ tổ dân phố', 'Chi bộ'],
};

/** A level from its Vietnamese name, a usual other name ("Đảng bộ xã") or its code. */
export function parseLevel(text: string): OrganizationLevel | null {
  const key = headerKey(text);
  return (
    ORGANIZATION_LEVELS.find(
      (level) =>
        key === level.replace('_', ' ') ||
        key === headerKey(ORGANIZATION_LEVEL_LABELS[level]) ||
        LEVEL_ALIASES[level].some((a) => headerKey(a) === key),
    ) ?? null
  );
}

const UNIT_KIND_ALIASES: Record<string, UnitKind> = {
  thon: 'village',
  xom: 'village',
  lang: 'village',
  ap: 'village',
  'to dan pho': 'village',
  'truong hoc': 'school',
  'quan doi': 'armed_forces',
  'cong an': 'armed_forces',
  'tram y te': 'health',
  'benh vien': 'health',
};

/** A unit kind from its Vietnamese name ("Bản", "Thôn", "Trường"…) or its code. */
export function parseUnitKind(text: string): UnitKind | null {
  const key = headerKey(text);
  return (
    UNIT_KINDS.find(
      (kind) => key === kind.replace('_', ' ') || key === headerKey(UNIT_KIND_LABELS[kind]),
    ) ??
    UNIT_KIND_ALIASES[key] ??
    null
  );
}

const SECTOR_ALIASES: Record<string, Sector> = {
  'xa thi tran': 'commune',
  xa: 'commune',
  'giao duc dao tao': 'education',
  llvt: 'armed_forces',
  'quan su': 'armed_forces',
  'co quan nha nuoc': 'agencies',
  'khoi co quan': 'agencies',
  'khoi doanh nghiep': 'enterprises',
};

/** A sector from its Vietnamese name ("Giáo dục") or its code. */
export function parseSector(text: string): Sector | null {
  const key = headerKey(text);
  return (
    SECTORS.find(
      (sector) => key === sector.replace('_', ' ') || key === headerKey(SECTOR_LABELS[sector]),
    ) ??
    SECTOR_ALIASES[key] ??
    null
  );
}

/** Có/Không (also x, yes/no, true/false, 1/0), else null. */
export function parseYesNo(text: string): boolean | null {
  const key = headerKey(text);
  if (['co', 'x', 'yes', 'y', 'true', '1', 'dung'].includes(key)) return true;
  if (['khong', 'no', 'n', 'false', '0', 'sai'].includes(key)) return false;
  return null;
}

/** How the template and the preview write a yes/no. */
export function yesNoLabel(value: boolean): string {
  return value ? 'Có' : 'Không';
}
