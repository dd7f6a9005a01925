import {
  AGE_BANDS,
  EDUCATION_LABELS,
  RATING_LEVEL_LABELS,
  RATING_LEVELS,
  SECTOR_LABELS,
  TARGET_GROUP_LABELS,
  type OrganizationLevel,
} from '../../../../shared/enums.ts';
import { formatNumber } from '../../../../shared/text.ts';
import { formatDate, localDateTime } from '../../../../shared/dates.ts';
import type {
  RatingsReport,
  ResolutionReport,
  SectorReport,
  StatisticsReport,
  SummaryReport,
  TrendReport,
} from '../../../../shared/report-answers.ts';

/**
 * A report laid out for files: the same tables become XLSX sheets, DOCX tables and HTML tables,
 * so the three formats cannot disagree. Cells hold numbers as numbers; formats decide display.
 */

/** How a column's values are shown. */
export type ColumnKind = 'text' | 'number' | 'percent' | 'date';

/** One column of a table. */
export interface Column {
  key: string;
  header: string;
  kind: ColumnKind;
}

/** A cell value: numbers stay numbers (XLSX sums them), null is an empty cell. */
export type Cell = string | number | null;

/** One table of a report; `sheet` is its XLSX sheet name (at most 31 characters). */
export interface ReportTable {
  sheet: string;
  title: string;
  columns: Column[];
  rows: Record<string, Cell>[];
}

/** A report ready for a file format. */
export interface ReportDocument {
  name: string;
  title: string;
  organization: { code: string; name: string };
  /** The period or date the report covers, in Vietnamese ("Từ 01/01/2017 đến 31/12/2017"). */
  period: string;
  /** The prose paragraph, where the report has one. */
  prose: string | null;
  tables: ReportTable[];
  /** When the file was made (ISO timestamp) and by whom. */
  madeAt: string;
  madeBy: string;
  /** `madeAt` in the installation's time zone: the date of the date line and the time printed. */
  madeOn: string;
  madeTime: string;
  timeZone: string;
  /** Place in the date line ("Điện Biên Đông, ngày … tháng … năm …"). */
  place: string;
  /** The superior organization's name, the heading's first line ("ĐẢNG BỘ TỈNH ĐIỆN BIÊN"); null for a root. */
  superior: string | null;
  /** Who signs for the organization: "T/M ĐẢNG ỦY" over "BÍ THƯ". */
  signer: { on: string; title: string };
  /** The "Nơi nhận" lines. */
  recipients: string[];
}

/** How a document is made: by whom, when, where, for which organization level. */
export interface DocumentMaking {
  at: string;
  by: string;
  place: string;
  timeZone: string;
  superior: string | null;
  level: OrganizationLevel;
}

/** What a report contributes to its document: everything but the title and the making. */
export type DocumentBody = Pick<ReportDocument, 'organization' | 'period' | 'prose' | 'tables'>;

/**
 * Who signs a report for an organization (Hướng dẫn 36-HD/VPTW, 03/4/2018, thể thức văn bản của
 * Đảng: "T/M" the collective that decides, then the signer's office): a cell's secretary for the
 * cell, a grassroots or partial committee's secretary for the committee (đảng ủy), the standing
 * committee above grassroots (huyện ủy, tỉnh ủy). The office line is the secretary's; a deputy
 * signing crosses it by hand.
 */
export function signerFor(level: OrganizationLevel): { on: string; title: string } {
  if (level === 'cell' || level === 'grassroots_cell') return { on: 'T/M CHI BỘ', title: 'BÍ THƯ' };
  if (level === 'grassroots' || level === 'partial') return { on: 'T/M ĐẢNG ỦY', title: 'BÍ THƯ' };
  return { on: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ' };
}

/**
 * "Nơi nhận" of a report (36-HD/VPTW): the superior it reports to, then the file copy. The wording
 * of the file-copy line varies by office ("Lưu VP", "Lưu văn thư"): unconfirmed as one rule.
 */
export function recipientsFor(level: OrganizationLevel, superior: string | null): string[] {
  const filed =
    level === 'cell' || level === 'grassroots_cell' ? 'Lưu chi bộ.' : 'Lưu văn phòng cấp ủy.';
  return [...(superior ? [`${superior} (để báo cáo),`] : []), filed];
}

const GENDER_LABELS: Record<string, string> = { male: 'Nam', female: 'Nữ', unknown: 'Chưa rõ' };

function labelOf(key: string, labels: Record<string, string>): string {
  return labels[key] ?? (key === 'unknown' ? 'Chưa rõ' : key);
}

/** A two-column table from a map of counts. */
function countsTable(
  sheet: string,
  title: string,
  header: string,
  counts: Record<string, number>,
  labels: Record<string, string> = {},
  order?: readonly string[],
): ReportTable {
  const keys = order
    ? [
        ...order.filter((k) => k in counts),
        ...Object.keys(counts).filter((k) => !order.includes(k)),
      ]
    : Object.keys(counts).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
  return {
    sheet,
    title,
    columns: [
      { key: 'label', header, kind: 'text' },
      { key: 'count', header: 'Số lượng', kind: 'number' },
    ],
    rows: keys.map((k) => ({ label: labelOf(k, labels), count: counts[k] ?? 0 })),
  };
}

function keyValueTable(
  sheet: string,
  title: string,
  rows: [string, Cell, ColumnKind?][],
): ReportTable {
  return {
    sheet,
    title,
    columns: [
      { key: 'label', header: 'Chỉ tiêu', kind: 'text' },
      { key: 'value', header: 'Giá trị', kind: 'number' },
    ],
    rows: rows.map(([label, value]) => ({ label, value })),
  };
}

export function summaryDocument(r: SummaryReport): DocumentBody {
  const c = r.comparison;
  return {
    organization: r.organization,
    period: `Từ ngày ${formatDate(r.from)} đến ngày ${formatDate(r.to)}`,
    prose: r.text,
    tables: [
      keyValueTable('Tổng hợp', 'Kết quả phát triển đảng viên', [
        ['Đảng viên đầu kỳ', r.membersAtStart],
        ['Đảng viên cuối kỳ', r.membersAtEnd],
        ['Tăng (giảm) trong kỳ', r.netChange],
        ['Kết nạp trong kỳ', r.admissions],
        ['Kế hoạch kết nạp', r.plannedAdmissions],
        ['Tỷ lệ so với kế hoạch (%)', r.planPercent],
        ['Bản chưa có đảng viên', r.unitsWithoutMembers.village ?? 0],
        ['Bản chưa có chi bộ', r.unitsWithoutCell.village ?? 0],
      ]),
      countsTable(
        'Theo đối tượng',
        'Kết nạp theo đối tượng',
        'Đối tượng',
        r.admissionsByTargetGroup,
        TARGET_GROUP_LABELS,
        Object.keys(TARGET_GROUP_LABELS),
      ),
      {
        sheet: 'Theo tổ chức',
        title: 'Kết nạp theo tổ chức đảng trực thuộc',
        columns: [
          { key: 'code', header: 'Mã', kind: 'text' },
          { key: 'name', header: 'Tổ chức đảng', kind: 'text' },
          { key: 'admissions', header: 'Kết nạp', kind: 'number' },
          { key: 'planned', header: 'Kế hoạch', kind: 'number' },
          { key: 'members', header: 'Đảng viên cuối kỳ', kind: 'number' },
        ],
        rows: r.admissionsByOrganization.map((o) => ({
          code: o.code,
          name: o.name,
          admissions: o.admissions,
          planned: o.plannedAdmissions,
          members: o.members,
        })),
      },
      {
        sheet: 'So sánh',
        title: 'So sánh với cùng kỳ năm trước, kế hoạch và nghị quyết',
        columns: [
          { key: 'label', header: 'Nội dung', kind: 'text' },
          { key: 'now', header: 'Kỳ này', kind: 'number' },
          { key: 'then', header: 'So sánh với', kind: 'number' },
          { key: 'change', header: 'Chênh lệch', kind: 'number' },
          { key: 'percent', header: 'Tỷ lệ (%)', kind: 'percent' },
        ],
        rows: [
          {
            label: `Kết nạp so với cùng kỳ (${formatDate(c.previousPeriod.from)}–${formatDate(c.previousPeriod.to)})`,
            now: r.admissions,
            then: c.previousPeriod.admissions,
            change: c.previousPeriod.admissionsChange,
            percent: c.previousPeriod.admissionsChangePercent,
          },
          {
            label: 'Đảng viên cuối kỳ so với cùng kỳ',
            now: r.membersAtEnd,
            then: c.previousPeriod.membersAtEnd,
            change: c.previousPeriod.membersChange,
            percent: null,
          },
          {
            label: 'Kết nạp so với kế hoạch',
            now: r.admissions,
            then: c.plan.plannedAdmissions,
            change: c.plan.difference,
            percent: c.plan.percent,
          },
          ...(c.baseline
            ? [
                {
                  label: `Đảng viên so với mốc Nghị quyết ${c.baseline.resolution} (${formatDate(c.baseline.on)})`,
                  now: c.baseline.membersAtEnd,
                  then: c.baseline.members,
                  change: c.baseline.change,
                  percent: c.baseline.changePercent,
                },
              ]
            : []),
        ],
      },
    ],
  };
}

export function statisticsDocument(r: StatisticsReport): DocumentBody {
  return {
    organization: r.organization,
    period: `Tại ngày ${formatDate(r.asOf)}`,
    prose:
      `Tại ngày ${formatDate(r.asOf)}, ${r.organization.name} có ${formatNumber(r.members)} đảng viên, ` +
      `trong đó ${formatNumber(r.official)} đảng viên chính thức và ${formatNumber(r.probationary)} đảng viên dự bị.`,
    tables: [
      keyValueTable('Tổng số', 'Tổng số đảng viên', [
        ['Tổng số đảng viên', r.members],
        ['Chính thức', r.official],
        ['Dự bị', r.probationary],
      ]),
      countsTable('Giới tính', 'Theo giới tính', 'Giới tính', r.byGender, GENDER_LABELS, [
        'male',
        'female',
      ]),
      countsTable('Dân tộc', 'Theo dân tộc', 'Dân tộc', r.byEthnicity),
      countsTable('Tôn giáo', 'Theo tôn giáo', 'Tôn giáo', r.byReligion, { unknown: 'Không' }),
      countsTable(
        'Độ tuổi',
        'Theo độ tuổi',
        'Độ tuổi',
        r.byAgeBand,
        { '61+': 'Trên 60', other: 'Khác' },
        AGE_BANDS.map((b) => b.key),
      ),
      countsTable(
        'Học vấn',
        'Theo trình độ học vấn',
        'Trình độ',
        r.byEducation,
        EDUCATION_LABELS,
        Object.keys(EDUCATION_LABELS),
      ),
      countsTable(
        'Lý luận chính trị',
        'Theo trình độ lý luận chính trị',
        'Trình độ',
        r.byPoliticalTheory,
        {
          unknown: 'Chưa rõ',
        },
      ),
      countsTable('Nghề nghiệp', 'Theo nghề nghiệp', 'Nghề nghiệp', r.byOccupation),
      countsTable(
        'Đối tượng',
        'Theo đối tượng',
        'Đối tượng',
        r.byTargetGroup,
        TARGET_GROUP_LABELS,
        Object.keys(TARGET_GROUP_LABELS),
      ),
      {
        sheet: 'Theo tổ chức',
        title: 'Theo tổ chức đảng trực thuộc',
        columns: [
          { key: 'code', header: 'Mã', kind: 'text' },
          { key: 'name', header: 'Tổ chức đảng', kind: 'text' },
          { key: 'members', header: 'Tổng số', kind: 'number' },
          { key: 'official', header: 'Chính thức', kind: 'number' },
          { key: 'probationary', header: 'Dự bị', kind: 'number' },
        ],
        rows: r.byOrganization.map((o) => ({ ...o })),
      },
    ],
  };
}

export function sectorDocument(r: SectorReport): DocumentBody {
  return {
    organization: r.organization,
    period: `Ngành ${SECTOR_LABELS[r.sector] ?? r.sector}, tại ngày ${formatDate(r.asOf)}`,
    prose: null,
    tables: [
      keyValueTable('Ngành', `Ngành ${SECTOR_LABELS[r.sector] ?? r.sector}`, [
        ['Số chi bộ', r.cells],
        ['Số chi bộ ghép', r.combinedCells],
        ['Đảng viên', r.members],
        ['Cán bộ, nhân viên', r.staff],
        ['Đảng viên / cán bộ', r.membersPerStaff],
        ['Quần chúng ưu tú được bồi dưỡng', r.candidatesFostered],
        ['Chỉ tiêu bồi dưỡng (tối thiểu)', r.candidatesFosteredTarget],
        ['Chỉ tiêu bồi dưỡng (tối đa)', r.candidatesFosteredTargetMax],
      ]),
    ],
  };
}

export function resolutionDocument(r: ResolutionReport): DocumentBody {
  return {
    organization: r.organization,
    period: `Tại ngày ${formatDate(r.asOf)}`,
    prose: r.resolution
      ? `Tiến độ thực hiện Nghị quyết ${r.resolution.code} của ${r.resolution.organization.name} (${r.resolution.fromYear}–${r.resolution.toYear}) tại ngày ${formatDate(r.asOf)}.`
      : 'Chưa có nghị quyết.',
    tables: [
      {
        sheet: 'Chỉ tiêu',
        title: r.resolution ? `Nghị quyết ${r.resolution.code}` : 'Chỉ tiêu',
        columns: [
          { key: 'name', header: 'Chỉ tiêu', kind: 'text' },
          { key: 'baseline', header: 'Mốc ban đầu', kind: 'number' },
          { key: 'baselineOn', header: 'Ngày mốc', kind: 'date' },
          { key: 'target', header: 'Mục tiêu', kind: 'number' },
          { key: 'current', header: 'Hiện tại', kind: 'number' },
          { key: 'progress', header: 'Tiến độ (%)', kind: 'percent' },
          { key: 'achieved', header: 'Đạt', kind: 'text' },
        ],
        rows: r.indicators.map((i) => ({
          name: i.name,
          baseline: i.baseline,
          baselineOn: i.baselineOn,
          target: i.target,
          current: i.current,
          progress: i.progressPercent,
          achieved: i.achieved === null ? '' : i.achieved ? 'Đạt' : 'Chưa đạt',
        })),
      },
      ...r.indicators
        .filter((i) => i.history.length > 0)
        .map((i, n) => ({
          sheet: `Diễn biến ${n + 1}`,
          title: `Diễn biến: ${i.name}`,
          columns: [
            { key: 'on', header: 'Ngày', kind: 'date' as const },
            { key: 'value', header: 'Giá trị', kind: 'number' as const },
          ],
          rows: i.history.map((h) => ({ on: h.on, value: h.value })),
        })),
    ],
  };
}

export function trendDocument(r: TrendReport): DocumentBody {
  return {
    organization: r.organization,
    period: `Từ ngày ${formatDate(r.from)} đến ngày ${formatDate(r.to)}`,
    prose: null,
    tables: [
      {
        sheet: 'Số đảng viên',
        title: 'Số đảng viên theo thời điểm',
        columns: [
          { key: 'on', header: 'Ngày', kind: 'date' },
          { key: 'members', header: 'Đảng viên', kind: 'number' },
        ],
        rows: r.points.map((p) => ({ ...p })),
      },
    ],
  };
}

export function ratingsDocument(r: RatingsReport): DocumentBody {
  const criteria = (subject: string) => r.criteria.filter((c) => c.subject === subject);
  const itemsTable = (
    sheet: string,
    title: string,
    subject: 'organization' | 'member',
    items: RatingsReport['organizations']['items'],
  ): ReportTable => ({
    sheet,
    title,
    columns: [
      ...(subject === 'member'
        ? [
            { key: 'name', header: 'Họ và tên', kind: 'text' as const },
            { key: 'organizationCode', header: 'Chi bộ', kind: 'text' as const },
          ]
        : [
            { key: 'code', header: 'Mã', kind: 'text' as const },
            { key: 'name', header: 'Tổ chức đảng', kind: 'text' as const },
          ]),
      ...criteria(subject).map((c) => ({
        key: `c_${c.code}`,
        header: `${c.name} (${formatNumber(c.maxPoints)})`,
        kind: 'number' as const,
      })),
      { key: 'total', header: 'Tổng điểm', kind: 'number' },
      { key: 'level', header: 'Xếp loại', kind: 'text' },
      { key: 'citation', header: 'Căn cứ', kind: 'text' },
    ],
    rows: items.map((i) => ({
      code: i.code,
      name: i.name,
      organizationCode: i.organizationCode,
      ...Object.fromEntries(
        criteria(subject).map((c) => [`c_${c.code}`, i.scores[c.code] ?? null]),
      ),
      total: i.total,
      level: RATING_LEVEL_LABELS[i.level] ?? i.level,
      citation: i.citation ?? '',
    })),
  });
  const levels = (counts: Record<string, number>) =>
    RATING_LEVELS.map((l) => [RATING_LEVEL_LABELS[l], counts[l] ?? 0] as [string, number]);
  return {
    organization: r.organization,
    period: r.quarter ? `Quý ${r.quarter} năm ${r.year}` : `Năm ${r.year}`,
    prose: r.scheme
      ? (r.scheme.scale === 'grades'
          ? `Xếp loại chất lượng theo ${r.scheme.name}: mức do hội nghị đề xuất, đối chiếu các điều kiện và các trường hợp không hoàn thành nhiệm vụ. `
          : `Xếp loại chất lượng theo ${r.scheme.name}: hoàn thành xuất sắc từ ${formatNumber(r.scheme.excellentMin)} điểm, tốt từ ${formatNumber(r.scheme.goodMin)} điểm, hoàn thành từ ${formatNumber(r.scheme.completedMin)} điểm. `) +
        `Đã xếp loại ${formatNumber(r.organizations.total)} tổ chức đảng và ${formatNumber(r.members.total)} đảng viên.`
      : 'Chưa có bộ tiêu chí xếp loại.',
    tables: [
      {
        sheet: 'Tổng hợp',
        title: 'Tổng hợp kết quả xếp loại',
        columns: [
          { key: 'label', header: 'Mức xếp loại', kind: 'text' },
          { key: 'organizations', header: 'Tổ chức đảng', kind: 'number' },
          { key: 'members', header: 'Đảng viên', kind: 'number' },
        ],
        rows: levels(r.organizations.byLevel).map(([label, n], i) => ({
          label,
          organizations: n,
          members: levels(r.members.byLevel)[i]?.[1] ?? 0,
        })),
      },
      itemsTable('Tổ chức đảng', 'Xếp loại tổ chức đảng', 'organization', r.organizations.items),
      itemsTable('Đảng viên', 'Xếp loại đảng viên', 'member', r.members.items),
    ],
  };
}

/** A report without a layout of its own (the pipeline's): its number maps and arrays of rows become tables. */
export function genericDocument(result: unknown): DocumentBody {
  const r = (result ?? {}) as Record<string, unknown>;
  const organization = (r.organization as { code: string; name: string } | undefined) ?? {
    code: '',
    name: '',
  };
  const scalars: [string, Cell][] = [];
  const tables: ReportTable[] = [];
  for (const [key, value] of Object.entries(r)) {
    if (key === 'organization' || key === 'text') continue;
    if (typeof value === 'number' || typeof value === 'string' || value === null) {
      scalars.push([key, value]);
    } else if (Array.isArray(value) && value.every((v) => v && typeof v === 'object')) {
      const rows = value as Record<string, unknown>[];
      const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((k) =>
        rows.some((row) => ['number', 'string'].includes(typeof row[k])),
      );
      tables.push({
        sheet: key.slice(0, 31),
        title: key,
        columns: keys.map((k) => ({
          key: k,
          header: k,
          kind: rows.some((row) => typeof row[k] === 'number') ? 'number' : 'text',
        })),
        rows: rows.map((row) =>
          Object.fromEntries(
            keys.map((k) => [
              k,
              typeof row[k] === 'number' || typeof row[k] === 'string' ? (row[k] as Cell) : null,
            ]),
          ),
        ),
      });
    } else if (
      value &&
      typeof value === 'object' &&
      Object.values(value).every((v) => typeof v === 'number')
    ) {
      tables.push(countsTable(key.slice(0, 31), key, key, value as Record<string, number>));
    }
  }
  if (scalars.length > 0)
    tables.unshift({
      sheet: 'Tổng hợp',
      title: 'Tổng hợp',
      columns: [
        { key: 'label', header: 'Chỉ tiêu', kind: 'text' },
        { key: 'value', header: 'Giá trị', kind: 'number' },
      ],
      rows: scalars.map(([label, value]) => ({ label, value })),
    });
  const asOf = typeof r.asOf === 'string' ? r.asOf : null;
  const from = typeof r.from === 'string' ? r.from : null;
  const to = typeof r.to === 'string' ? r.to : null;
  return {
    organization,
    period:
      from && to
        ? `Từ ngày ${formatDate(from)} đến ngày ${formatDate(to)}`
        : asOf
          ? `Tại ngày ${formatDate(asOf)}`
          : '',
    prose: typeof r.text === 'string' ? r.text : null,
    tables,
  };
}

/** A report's tables under its title and date line, ready for the file formats. */
export function reportDocument(
  name: string,
  title: string,
  body: DocumentBody,
  made: DocumentMaking,
): ReportDocument {
  const local = localDateTime(made.at, made.timeZone);
  return {
    name,
    title,
    ...body,
    madeAt: made.at,
    madeBy: made.by,
    madeOn: local.date,
    madeTime: local.time,
    timeZone: made.timeZone,
    place: made.place,
    superior: made.superior,
    signer: signerFor(made.level),
    recipients: recipientsFor(made.level, made.superior),
  };
}

/** "Lập lúc 06/12/2026 16:05 (giờ Việt Nam) bởi admin." — local time, with its zone named. */
export function madeLine(doc: ReportDocument): string {
  const zone = doc.timeZone === 'Asia/Ho_Chi_Minh' ? 'giờ Việt Nam' : `giờ ${doc.timeZone}`;
  return `Lập lúc ${formatDate(doc.madeOn)} ${doc.madeTime} (${zone}) bởi ${doc.madeBy}.`;
}

/** A cell as text, the Vietnamese way (3.040; 12,5%; dd/mm/yyyy). */
export function cellText(value: Cell, kind: ColumnKind): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (kind === 'percent') return `${formatNumber(value, Number.isInteger(value) ? 0 : 1)}%`;
    return formatNumber(value, Number.isInteger(value) ? 0 : value < 1 && value > -1 ? 3 : 1);
  }
  if (kind === 'date') return formatDate(value);
  return value;
}
