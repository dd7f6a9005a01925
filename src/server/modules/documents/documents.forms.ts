import { AlignmentType, type Paragraph, type Table } from 'docx';
import { formatNumber } from '../../../shared/text.ts';
import { formatDate } from '../../../shared/dates.ts';
import { EDUCATION_LABELS, type EducationLevel } from '../../../shared/enums.ts';
import { gridTable, officialHeader, para, run, vietnameseDate } from '../reports/render/docx.ts';
import type { CandidateFacts, ProbationaryRow, TransitionFacts } from './documents.repository.ts';

/**
 * The procedure documents of guidance 12-HD/BTCTW (2022), pre-filled from what the system holds.
 * The wording follows the forms' outline (6-KNĐ, 9-KNĐ, 13-KNĐ, 16-KNĐ, 18-KNĐ); whatever the
 * system does not know (who chaired, strengths and weaknesses, signatures) stays a dotted line
 * for the secretary to write by hand, as on the paper form.
 */

/** A dotted blank of the forms. */
export const BLANK = '…………………';

/** A value, or the dotted blank when there is none. */
function v(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return BLANK;
  return typeof value === 'number' ? formatNumber(value) : value;
}

function d(value: string | null | undefined): string {
  return value ? formatDate(value) : '……/……/………';
}

/** The organizations a document is issued by and about, as they stood on its date. */
export interface DocumentContext {
  cell: { name: string };
  /** The committee directly above the cell (null for a cell directly under the deciding committee). */
  parent: { name: string } | null;
  /** The committee that decides admissions, and the one above it. */
  deciding: { name: string } | null;
  decidingSuperior: { name: string } | null;
  /** Who signs the committee's decisions: "T/M ĐẢNG ỦY" (delegated grassroots committee) or "T/M BAN THƯỜNG VỤ". */
  signedAs: string;
  place: string;
  /** Regulation texts in force on the document's date, for the "Căn cứ" lines. */
  regulations: readonly string[];
}

/** The document kinds served per candidate, with their form numbers. */
export const CANDIDATE_DOCUMENTS = {
  'admission-resolution': { form: '6-KNĐ', title: 'Nghị quyết đề nghị kết nạp đảng viên' },
  'admission-decision': { form: '9-KNĐ', title: 'Quyết định kết nạp đảng viên' },
  'recognition-resolution': {
    form: '13-KNĐ',
    title: 'Nghị quyết đề nghị công nhận đảng viên chính thức',
  },
  'recognition-decision': { form: '16-KNĐ', title: 'Quyết định công nhận đảng viên chính thức' },
} as const;

/** A per-candidate document kind. */
export type CandidateDocumentKind = keyof typeof CANDIDATE_DOCUMENTS;

interface Vote {
  officialMembers?: number;
  members?: number;
  present?: number;
  inFavour?: number;
  resolutionNo?: string;
}

interface Decision {
  number?: string;
  on?: string;
}

function voteOf(t: TransitionFacts | undefined): Vote {
  const vote = t?.details.vote;
  return vote && typeof vote === 'object' ? vote : {};
}

function decisionOf(t: TransitionFacts | undefined): Decision {
  const decision = t?.details.decision;
  return decision && typeof decision === 'object' ? decision : {};
}

function percentOf(part: number | undefined, whole: number | undefined): string {
  if (part === undefined || whole === undefined || whole === 0) return BLANK;
  return `${formatNumber(Math.round((part / whole) * 1000) / 10, (part * 1000) % whole === 0 ? 0 : 1)}%`;
}

function personLine(facts: CandidateFacts): string {
  const p = facts.person;
  return (
    `${p.gender === 'female' ? 'nữ' : 'nam'}, sinh ngày ${d(p.birthDate)}, dân tộc ${v(p.ethnicity)}, ` +
    `tôn giáo ${v(p.religion ?? 'không')}, trình độ học vấn ${v(EDUCATION_LABELS[p.educationLevel as EducationLevel] ?? p.educationLevel)}, ` +
    `nghề nghiệp ${v(p.occupation)}, nơi cư trú ${v(p.address ?? p.unitName)}`
  );
}

function signature(role: string, title: string): Paragraph[] {
  return [
    para('', { after: 120 }),
    para(role, { bold: true, align: AlignmentType.RIGHT, after: 0 }),
    para(title, { bold: true, align: AlignmentType.RIGHT, after: 600 }),
    para('(Ký, ghi rõ họ tên)', { italics: true, align: AlignmentType.RIGHT, after: 0 }),
    para(BLANK, { align: AlignmentType.RIGHT }),
  ];
}

function recipients(lines: string[]): Paragraph[] {
  return [
    para('Nơi nhận:', { bold: true, italics: true, size: 24, after: 0 }),
    ...lines.map((l) => para(`- ${l};`, { size: 22, after: 0 })),
  ];
}

function meetingLines(vote: Vote): Paragraph[] {
  const absent =
    vote.officialMembers !== undefined && vote.present !== undefined
      ? vote.officialMembers - vote.present
      : undefined;
  return [
    para(
      `Tổng số đảng viên của chi bộ: ${BLANK} đồng chí, trong đó chính thức ${v(vote.officialMembers)} đồng chí, dự bị ${BLANK} đồng chí.`,
      { indent: true },
    ),
    para(
      `Có mặt: ${v(vote.present)} đồng chí đảng viên chính thức. Vắng mặt: ${v(absent)} đồng chí; lý do vắng mặt: ${BLANK}`,
      { indent: true },
    ),
    para(`Chủ trì hội nghị: đồng chí ${BLANK}, chức vụ ${BLANK}`, { indent: true }),
    para(`Thư ký hội nghị: đồng chí ${BLANK}`, { indent: true }),
  ];
}

/** 6-KNĐ: the cell's resolution proposing the admission. */
export function admissionResolution(
  facts: CandidateFacts,
  t: Map<string, TransitionFacts>,
  ctx: DocumentContext,
): (Paragraph | Table)[] {
  const voted = t.get('cell_voted');
  const vote = voteOf(voted);
  const name = facts.person.fullName;
  const against =
    vote.officialMembers !== undefined && vote.inFavour !== undefined && vote.present !== undefined
      ? vote.present - vote.inFavour
      : undefined;
  return [
    officialHeader({
      superior: ctx.parent?.name ?? ctx.deciding?.name ?? null,
      organization: ctx.cell.name,
      numberLine: `Số ${v(vote.resolutionNo)}`,
      place: ctx.place,
      date: voted?.on ?? null,
    }),
    para('', { after: 240 }),
    para('NGHỊ QUYẾT', { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para('đề nghị kết nạp đảng viên', { bold: true, align: AlignmentType.CENTER, after: 240 }),
    para(`Căn cứ Điều 4, Điều lệ Đảng Cộng sản Việt Nam; căn cứ ${ctx.regulations.join('; ')};`, {
      indent: true,
      align: AlignmentType.JUSTIFIED,
    }),
    para(
      `${vietnameseDate(voted?.on).replace(/^n/, 'N')}, ${ctx.cell.name} đã họp để xét, đề nghị kết nạp quần chúng ${name} vào Đảng.`,
      { indent: true, align: AlignmentType.JUSTIFIED },
    ),
    ...meetingLines(vote),
    para(
      `Sau khi nghe báo cáo và thảo luận về đơn xin vào Đảng, lý lịch, ý kiến nhận xét của các đoàn thể và chi ủy nơi cư trú đối với quần chúng ${name} (${personLine(facts)}), chi bộ thống nhất những ưu điểm, khuyết điểm chính như sau:`,
      { indent: true, align: AlignmentType.JUSTIFIED },
    ),
    para(`1. Ưu điểm: ${BLANK}${BLANK}${BLANK}`, { indent: true }),
    para(`2. Khuyết điểm: ${BLANK}${BLANK}${BLANK}`, { indent: true }),
    para(
      `Số đảng viên chính thức tán thành việc kết nạp quần chúng ${name} vào Đảng là ${v(vote.inFavour)} đồng chí (đạt ${percentOf(vote.inFavour, vote.officialMembers)} so với tổng số đảng viên chính thức); số không tán thành ${v(against)} đồng chí, với lý do ${BLANK}`,
      { indent: true, align: AlignmentType.JUSTIFIED },
    ),
    para(
      `Chi bộ đề nghị ${ctx.parent ? `${ctx.parent.name}` : (ctx.deciding?.name ?? BLANK)} xem xét, đề nghị cấp ủy có thẩm quyền kết nạp quần chúng ${name} vào Đảng.`,
      { indent: true, align: AlignmentType.JUSTIFIED },
    ),
    ...signature('T/M CHI BỘ', 'BÍ THƯ'),
    ...recipients([ctx.parent?.name ?? ctx.deciding?.name ?? BLANK, 'Lưu chi bộ']),
  ];
}

/** 9-KNĐ: the admission decision of the deciding committee. */
export function admissionDecision(
  facts: CandidateFacts,
  t: Map<string, TransitionFacts>,
  ctx: DocumentContext,
): (Paragraph | Table)[] {
  const decided = t.get('decided');
  const decision = decisionOf(decided);
  const cellVote = voteOf(t.get('cell_voted'));
  const committeeVote = voteOf(t.get('committee_reviewed'));
  const name = facts.person.fullName;
  const number = decision.number ?? facts.membership?.admissionDecisionNo ?? null;
  return [
    officialHeader({
      superior: ctx.decidingSuperior?.name ?? null,
      organization: ctx.deciding?.name ?? BLANK,
      numberLine: `Số ${v(number)}`,
      place: ctx.place,
      date: decision.on ?? decided?.on ?? null,
    }),
    para('', { after: 240 }),
    para('QUYẾT ĐỊNH', { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para('kết nạp đảng viên', { bold: true, align: AlignmentType.CENTER, after: 240 }),
    para(
      `- Căn cứ Điều lệ Đảng Cộng sản Việt Nam; ${ctx.regulations.map((r) => `căn cứ ${r}`).join('; ')};`,
      {
        indent: true,
        align: AlignmentType.JUSTIFIED,
      },
    ),
    para(
      `- Xét Nghị quyết số ${v(cellVote.resolutionNo)} của ${ctx.cell.name}${t.has('committee_reviewed') ? ` và Nghị quyết số ${v(committeeVote.resolutionNo)} của ${ctx.parent?.name ?? BLANK}` : ''} đề nghị kết nạp quần chúng ${name} vào Đảng;`,
      { indent: true, align: AlignmentType.JUSTIFIED },
    ),
    para(`- Xét đề nghị của Ban Tổ chức ${BLANK},`, { indent: true }),
    para(`BAN THƯỜNG VỤ ${(ctx.deciding?.name ?? BLANK).toUpperCase()}`, {
      bold: true,
      align: AlignmentType.CENTER,
    }),
    para('QUYẾT ĐỊNH:', { bold: true, align: AlignmentType.CENTER }),
    para([
      run('Điều 1. ', { bold: true }),
      run(
        `Kết nạp quần chúng ${name}, ${personLine(facts)}, vào Đảng Cộng sản Việt Nam. Thời gian dự bị 12 tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.`,
      ),
    ]),
    para([
      run('Điều 2. ', { bold: true }),
      run(
        `${ctx.cell.name} tổ chức lễ kết nạp cho đảng viên mới theo đúng quy định và tiếp tục giáo dục, rèn luyện đồng chí ${name} trong thời gian dự bị.`,
      ),
    ]),
    para([
      run('Điều 3. ', { bold: true }),
      run(
        `${ctx.parent?.name ?? ctx.cell.name}, ${ctx.cell.name} và đồng chí ${name} chịu trách nhiệm thi hành Quyết định này.`,
      ),
    ]),
    ...signature(ctx.signedAs, `${BLANK}`),
    ...recipients([
      ctx.parent?.name ?? ctx.cell.name,
      ctx.cell.name,
      `Đồng chí ${name}`,
      'Lưu hồ sơ đảng viên',
    ]),
  ];
}

/** 13-KNĐ: the cell's resolution proposing recognition as an official member. */
export function recognitionResolution(
  facts: CandidateFacts,
  t: Map<string, TransitionFacts>,
  ctx: DocumentContext,
): (Paragraph | Table)[] {
  const review = t.get('probation_review');
  const vote = voteOf(review);
  const name = facts.person.fullName;
  const admittedOn = facts.membership?.admittedOn ?? t.get('admitted')?.on ?? null;
  return [
    officialHeader({
      superior: ctx.parent?.name ?? ctx.deciding?.name ?? null,
      organization: ctx.cell.name,
      numberLine: `Số ${v(vote.resolutionNo)}`,
      place: ctx.place,
      date: review?.on ?? null,
    }),
    para('', { after: 240 }),
    para('NGHỊ QUYẾT', { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para('đề nghị công nhận đảng viên chính thức', {
      bold: true,
      align: AlignmentType.CENTER,
      after: 240,
    }),
    para(`Căn cứ Điều 5, Điều lệ Đảng Cộng sản Việt Nam; căn cứ ${ctx.regulations.join('; ')};`, {
      indent: true,
      align: AlignmentType.JUSTIFIED,
    }),
    para(
      `${vietnameseDate(review?.on).replace(/^n/, 'N')}, ${ctx.cell.name} đã họp để xét, đề nghị công nhận đảng viên dự bị ${name}, được kết nạp vào Đảng ngày ${d(admittedOn)}, trở thành đảng viên chính thức.`,
      { indent: true, align: AlignmentType.JUSTIFIED },
    ),
    ...meetingLines(vote),
    para(
      `Sau khi nghe đồng chí ${name} báo cáo bản tự kiểm điểm trong thời gian dự bị, nghe ý kiến nhận xét của đảng viên được phân công giúp đỡ và của các đoàn thể, chi bộ thống nhất những ưu điểm, khuyết điểm chính như sau:`,
      { indent: true, align: AlignmentType.JUSTIFIED },
    ),
    para(`1. Ưu điểm: ${BLANK}${BLANK}${BLANK}`, { indent: true }),
    para(`2. Khuyết điểm: ${BLANK}${BLANK}${BLANK}`, { indent: true }),
    para(
      `Số đảng viên chính thức tán thành việc công nhận đồng chí ${name} là đảng viên chính thức là ${v(vote.inFavour)} đồng chí (đạt ${percentOf(vote.inFavour, vote.officialMembers)} so với tổng số đảng viên chính thức).`,
      { indent: true, align: AlignmentType.JUSTIFIED },
    ),
    para(
      `Chi bộ đề nghị ${ctx.parent?.name ?? ctx.deciding?.name ?? BLANK} xem xét, đề nghị cấp ủy có thẩm quyền công nhận đồng chí ${name} là đảng viên chính thức.`,
      { indent: true, align: AlignmentType.JUSTIFIED },
    ),
    ...signature('T/M CHI BỘ', 'BÍ THƯ'),
    ...recipients([ctx.parent?.name ?? ctx.deciding?.name ?? BLANK, 'Lưu chi bộ']),
  ];
}

/** 16-KNĐ: the recognition decision. */
export function recognitionDecision(
  facts: CandidateFacts,
  t: Map<string, TransitionFacts>,
  ctx: DocumentContext,
): (Paragraph | Table)[] {
  const official = t.get('official');
  const decision = decisionOf(official);
  const vote = voteOf(t.get('probation_review'));
  const name = facts.person.fullName;
  const number = decision.number ?? facts.membership?.officialDecisionNo ?? null;
  const admittedOn = facts.membership?.admittedOn ?? t.get('admitted')?.on ?? null;
  return [
    officialHeader({
      superior: ctx.decidingSuperior?.name ?? null,
      organization: ctx.deciding?.name ?? BLANK,
      numberLine: `Số ${v(number)}`,
      place: ctx.place,
      date: decision.on ?? official?.on ?? null,
    }),
    para('', { after: 240 }),
    para('QUYẾT ĐỊNH', { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para('công nhận đảng viên chính thức', { bold: true, align: AlignmentType.CENTER, after: 240 }),
    para(
      `- Căn cứ Điều lệ Đảng Cộng sản Việt Nam; ${ctx.regulations.map((r) => `căn cứ ${r}`).join('; ')};`,
      {
        indent: true,
        align: AlignmentType.JUSTIFIED,
      },
    ),
    para(
      `- Xét Nghị quyết số ${v(vote.resolutionNo)} của ${ctx.cell.name} đề nghị công nhận đảng viên chính thức đối với đồng chí ${name};`,
      { indent: true, align: AlignmentType.JUSTIFIED },
    ),
    para(`- Xét đề nghị của Ban Tổ chức ${BLANK},`, { indent: true }),
    para(`BAN THƯỜNG VỤ ${(ctx.deciding?.name ?? BLANK).toUpperCase()}`, {
      bold: true,
      align: AlignmentType.CENTER,
    }),
    para('QUYẾT ĐỊNH:', { bold: true, align: AlignmentType.CENTER }),
    para([
      run('Điều 1. ', { bold: true }),
      run(
        `Công nhận đồng chí ${name}, ${personLine(facts)}, kết nạp vào Đảng ngày ${d(admittedOn)}, là đảng viên chính thức kể từ ngày ${d(facts.membership?.officialOn)}.`,
      ),
    ]),
    para([
      run('Điều 2. ', { bold: true }),
      run(
        `${ctx.parent?.name ?? ctx.cell.name}, ${ctx.cell.name} và đồng chí ${name} chịu trách nhiệm thi hành Quyết định này.`,
      ),
    ]),
    ...signature(ctx.signedAs, BLANK),
    ...recipients([
      ctx.parent?.name ?? ctx.cell.name,
      ctx.cell.name,
      `Đồng chí ${name}`,
      'Lưu hồ sơ đảng viên',
    ]),
  ];
}

const END_NOTES: Record<string, string> = {
  removed: 'Xóa tên',
  died: 'Từ trần',
  expelled: 'Khai trừ',
  left: 'Ra khỏi Đảng',
  transferred_out: 'Chuyển sinh hoạt đi',
};

/** 18-KNĐ: the register of probationary members of a committee for a period. */
export function probationaryRegisterForm(
  rows: ProbationaryRow[],
  ctx: {
    organization: string;
    superior: string | null;
    place: string;
    from: string;
    to: string;
    madeOn: string;
  },
): (Paragraph | Table)[] {
  return [
    officialHeader({
      superior: ctx.superior,
      organization: ctx.organization,
      numberLine: 'Mẫu 18-KNĐ',
      place: ctx.place,
      date: ctx.madeOn,
    }),
    para('', { after: 240 }),
    para('SỔ ĐẢNG VIÊN DỰ BỊ', { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para(`Từ ngày ${formatDate(ctx.from)} đến ngày ${formatDate(ctx.to)}`, {
      italics: true,
      align: AlignmentType.CENTER,
      after: 240,
    }),
    gridTable(
      [
        'Số TT',
        'Họ và tên',
        'Nam/Nữ',
        'Ngày sinh',
        'Dân tộc',
        'Quê quán / nơi cư trú',
        'Chi bộ',
        'Số quyết định kết nạp',
        'Ngày kết nạp',
        'Ghi chú (ngày chính thức, thay đổi)',
      ],
      rows.map((r, i) => [
        String(i + 1),
        r.fullName,
        r.gender === 'female' ? 'Nữ' : 'Nam',
        formatDate(r.birthDate),
        r.ethnicity,
        r.address ?? r.unitName ?? BLANK,
        r.organizationName,
        r.admissionDecisionNo ?? BLANK,
        formatDate(r.admittedOn),
        r.officialOn
          ? `Chính thức ${formatDate(r.officialOn)}`
          : r.endReason
            ? `${END_NOTES[r.endReason] ?? r.endReason} ${formatDate(r.endedOn)}`
            : '',
      ]),
      [true],
    ),
  ];
}
