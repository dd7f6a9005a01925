import { AlignmentType } from 'docx';
import { formatDate } from '../../../shared/dates.ts';
import { EDUCATION_LABELS, type EducationLevel } from '../../../shared/enums.ts';
import { formatNumber } from '../../../shared/text.ts';
import { DOSSIER_FORMS, type DossierFormKind } from '../../../shared/dossier-forms.ts';
import { gridTable, para, vietnameseDate } from '../reports/render/docx.ts';
import {
  BLANK,
  cellCommitteeOf,
  cellOf,
  centred,
  committeeOf,
  d,
  decidingBody,
  formCorner,
  isSignerKind,
  labelled,
  legalBasis,
  lines,
  p,
  pageBreak,
  partyHeading,
  personHeading,
  recipients,
  section,
  signerBlock,
  title,
  v,
  type Block,
  type SignerKind,
} from './documents.blocks.ts';
import { printedNumber, type FormNumber, type FormsGuidance } from './documents.guidance.ts';
import type {
  CandidateFacts,
  PersonPlace,
  ProbationaryRow,
  TransitionFacts,
} from './documents.repository.ts';

/**
 * Every form of the admission and recognition dossier (Mẫu 1-KNĐ … 17-KNĐ of the forms guidance
 * in force on the document's date — documents.guidance.ts says which and what was read), pre-filled
 * from what the system holds. One form is one short function over the shared blocks
 * (documents.blocks.ts); what the system does not know (who chaired, strengths and weaknesses,
 * the family, signatures) stays a dotted line for the secretary or the person to write by hand,
 * as on the paper form. Forms the person writes (1, 2, 10-KNĐ) are blanks with the heading filled.
 */

export { BLANK } from './documents.blocks.ts';

/** The organizations a document is issued by and about, as they stood on its date. */
export interface DocumentContext {
  cell: { name: string };
  /** The committee directly above the cell (null for a cell directly under the deciding committee). */
  parent: { name: string } | null;
  /** The partial committee (đảng ủy bộ phận) above the cell, if any. */
  partial?: { name: string } | null;
  /** The grassroots committee (đảng ủy cơ sở) above the cell, if any. */
  grassroots?: { name: string } | null;
  /** The committee that decides admissions, and the one above it. */
  deciding: { name: string } | null;
  decidingSuperior: { name: string } | null;
  /** Who signs the committee's decisions: "T/M ĐẢNG ỦY" (delegated grassroots committee) or "T/M BAN THƯỜNG VỤ". */
  signedAs: string;
  place: string;
  /** Regulation texts in force on the document's date, for the "Căn cứ" lines. */
  regulations: readonly string[];
  /** The forms guidance in force on the document's date. */
  guidance?: FormsGuidance;
  /** Members introducing the candidate and members assigned to help. */
  introducers?: readonly string[];
  helpers?: readonly string[];
  /** The person's dated places of work, study or residence, oldest first. */
  places?: readonly PersonPlace[];
}

/** What a form is made from. */
export interface FormInput {
  facts: CandidateFacts;
  t: Map<string, TransitionFacts>;
  ctx: DocumentContext;
}

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
  signedAs?: string;
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

function education(facts: CandidateFacts): string {
  const level = facts.person.educationLevel;
  return v(EDUCATION_LABELS[level as EducationLevel] ?? level);
}

function personLine(facts: CandidateFacts): string {
  const p = facts.person;
  return (
    `${p.gender === 'female' ? 'nữ' : 'nam'}, sinh ngày ${d(p.birthDate)}, dân tộc ${v(p.ethnicity)}, ` +
    `tôn giáo ${v(p.religion ?? 'không')}, trình độ học vấn ${education(facts)}, ` +
    `nghề nghiệp ${v(p.occupation)}, nơi cư trú ${v(p.address ?? p.unitName)}`
  );
}

/** "Ngày 12 tháng 09 năm 2017" (capitalised, to open a sentence). */
function onDay(date: string | null | undefined): string {
  return vietnameseDate(date).replace(/^n/, 'N');
}

const upper = (ctx: DocumentContext) => ctx.parent?.name ?? ctx.deciding?.name ?? BLANK;
const grassrootsName = (ctx: DocumentContext) =>
  ctx.grassroots?.name ?? ctx.parent?.name ?? ctx.deciding?.name ?? BLANK;

/**
 * Who signs a decision: `signedAs` when the decision records it, else who the deciding committee
 * is — the whole committee of a grassroots committee delegated the power to admit ("T/M ĐẢNG ỦY",
 * 29-QĐ/TW mục 4.3.2a; `ctx.signedAs` from candidates.rules' `decisionSignedAs`), else the
 * standing committee.
 */
function decisionSigner(decision: Decision, ctx: DocumentContext): SignerKind {
  const recorded = decision.signedAs ?? ctx.signedAs;
  if (isSignerKind(recorded)) return recorded;
  if (recorded === 'T/M ĐẢNG ỦY') return 'committee';
  return 'standing';
}

/** The heading of a document of the cell, dated by a transition. */
function cellHeading(input: FormInput, numberLine: string, date: string | null): Block[] {
  return partyHeading({
    superior: upper(input.ctx),
    organization: input.ctx.cell.name,
    numberLine,
    place: input.ctx.place,
    date,
  });
}

/** The heading of a document of a committee above the cell. */
function committeeHeading(
  input: FormInput,
  committee: string,
  superior: string | null,
  numberLine: string,
  date: string | null,
): Block[] {
  return partyHeading({
    superior,
    organization: committeeOf(committee),
    numberLine,
    place: input.ctx.place,
    date,
  });
}

/** "Kính gửi: Chi ủy …; Đảng ủy …" of the forms a person addresses to the cell. */
function addressed(input: FormInput): Block[] {
  return [
    p(`Kính gửi: - ${cellCommitteeOf(input.ctx.cell.name)};`),
    p(`- ${committeeOf(grassrootsName(input.ctx))}.`),
  ];
}

/** The meeting of a cell: members, attendance, chair and secretary. */
function meetingLines(vote: Vote): Block[] {
  const absent =
    vote.officialMembers !== undefined && vote.present !== undefined
      ? vote.officialMembers - vote.present
      : undefined;
  return [
    p(
      `Tổng số đảng viên của chi bộ: ${BLANK} đồng chí, trong đó chính thức ${v(vote.officialMembers)} đồng chí, dự bị ${BLANK} đồng chí.`,
    ),
    p(
      `Có mặt: ${v(vote.present)} đồng chí đảng viên chính thức. Vắng mặt: ${v(absent)} đồng chí; lý do vắng mặt: ${BLANK}`,
    ),
    p(`Chủ trì hội nghị: đồng chí ${BLANK}, chức vụ ${BLANK}`),
    p(`Thư ký hội nghị: đồng chí ${BLANK}`),
  ];
}

/** Strengths and weaknesses, written by hand. */
function strengths(): Block[] {
  return [p(`1. Ưu điểm: ${BLANK}${BLANK}${BLANK}`), p(`2. Khuyết điểm: ${BLANK}${BLANK}${BLANK}`)];
}

/** The self section of the background record (2-KNĐ items 01–12, 12-HD/BTCTW 2022 mục 1.4). */
function selfSection(facts: CandidateFacts): Block[] {
  const person = facts.person;
  return [
    section('I. SƠ LƯỢC LÝ LỊCH'),
    p(`01. Họ và tên đang dùng: ${person.fullName.toUpperCase()}`),
    p(`02. Nam, nữ: ${person.gender === 'female' ? 'Nữ' : 'Nam'}`),
    p(`03. Họ và tên khai sinh: ${person.fullName}`),
    p(`04. Các bí danh: ${BLANK}`),
    p(`05. Sinh ngày ${d(person.birthDate)}`),
    p(`06. Nơi sinh: ${BLANK}`),
    p(`07. Quê quán: ${BLANK}`),
    p(`08. Nơi cư trú: ${v(person.address ?? person.unitName)}`),
    p(`09. Dân tộc: ${v(person.ethnicity)}`),
    p(`10. Tôn giáo: ${v(person.religion ?? 'Không')}`),
    p(`11. Nghề nghiệp hiện nay: ${v(person.occupation)}`),
    p(
      `12. Trình độ hiện nay: giáo dục phổ thông ${education(facts)}; lý luận chính trị ${v(person.politicalTheory)}`,
    ),
  ];
}

/** The places the person worked, studied or lived, as the system dates them. */
function placesSection(ctx: DocumentContext): Block[] {
  const places = ctx.places ?? [];
  return [
    section('II. NHỮNG CÔNG TÁC VÀ CHỨC VỤ ĐÃ QUA'),
    gridTable(
      ['Từ ngày', 'Đến ngày', 'Làm công việc gì, ở đâu'],
      places.length > 0
        ? places.map((place) => [
            formatDate(place.validFrom),
            place.validTo < '9999-12-31' ? formatDate(place.validTo) : 'nay',
            place.unitName,
          ])
        : [[BLANK, BLANK, BLANK]],
    ),
  ];
}

/**
 * The family sections of the background record: the system holds no relatives, so each relation
 * of the form is a heading with lines to write on.
 */
const FAMILY = [
  'Cha đẻ',
  'Mẹ đẻ',
  'Ông, bà nội',
  'Ông, bà ngoại',
  'Vợ hoặc chồng',
  'Các con',
  'Anh, chị, em ruột',
] as const;

function familySections(): Block[] {
  return [
    section('III. HOÀN CẢNH GIA ĐÌNH'),
    ...FAMILY.flatMap((relation, i) => [
      para(`${i + 1}. ${relation}: họ và tên, năm sinh, quê quán, nơi cư trú, nghề nghiệp,`, {
        after: 0,
      }),
      para('hoàn cảnh kinh tế, lịch sử chính trị:', { after: 0 }),
      ...lines(2),
    ]),
    section('IV. TỰ NHẬN XÉT'),
    ...lines(3),
    section('V. CAM ĐOAN VÀ KÝ TÊN'),
    p('Tôi cam đoan đã khai đầy đủ, rõ ràng và chịu trách nhiệm về những nội dung đã khai.'),
  ];
}

// ——— The forms, one function each ———

/** 1-KNĐ: the application, written by hand; the heading and addressees filled. */
function application(input: FormInput): Block[] {
  const person = input.facts.person;
  return [
    ...personHeading(null, null),
    ...title('ĐƠN XIN VÀO ĐẢNG'),
    ...addressed(input),
    p(`Tôi là: ${person.fullName}, sinh ngày ${d(person.birthDate)}`),
    p(`Nơi sinh: ${BLANK}   Quê quán: ${BLANK}`),
    p(`Dân tộc: ${v(person.ethnicity)}   Tôn giáo: ${v(person.religion ?? 'Không')}`),
    p(`Trình độ học vấn: ${education(input.facts)}`),
    p(`Nơi cư trú: ${v(person.address ?? person.unitName)}`),
    p(`Nghề nghiệp: ${v(person.occupation)}`),
    p('Tôi tự nguyện xin vào Đảng Cộng sản Việt Nam vì (động cơ, nhận thức về Đảng):'),
    ...lines(6),
    ...personHeading(`${BLANK}`, null).slice(1),
    ...signerBlock('applicant', person.fullName),
  ];
}

/** 2-KNĐ: the background record, its self part filled, the family sections to write. */
function biography(input: FormInput): Block[] {
  return [
    ...personHeading(null, null),
    ...title('LÝ LỊCH CỦA NGƯỜI XIN VÀO ĐẢNG'),
    ...selfSection(input.facts),
    ...placesSection(input.ctx),
    ...familySections(),
    ...signerBlock('applicant', input.facts.person.fullName),
    section('NHẬN XÉT CỦA CHI ỦY (HOẶC CHI BỘ)'),
    ...lines(3),
    ...signerBlock('cellCommittee'),
  ];
}

/** 3-KNĐ: one introduction per introducing member (3A-KNĐ when two members introduce). */
function introduction(input: FormInput): Block[] {
  const names = input.ctx.introducers?.length ? input.ctx.introducers : [null];
  const name = input.facts.person.fullName;
  return names.flatMap((introducer, i) => [
    ...(i > 0 ? [pageBreak()] : []),
    ...personHeading(input.ctx.place, input.t.get('dossier')?.on ?? null),
    ...title('GIẤY GIỚI THIỆU', 'người vào Đảng'),
    p(`Kính gửi: ${cellOf(input.ctx.cell.name)}`),
    p(
      `Tôi là ${v(introducer)}, đảng viên chính thức, sinh hoạt tại ${input.ctx.cell.name}, giới thiệu quần chúng ${name} (${personLine(input.facts)}) vào Đảng.`,
    ),
    p(
      `Thời gian cùng công tác với người vào Đảng: từ ${BLANK} đến ${BLANK}. Những ưu điểm, khuyết điểm chính về lý lịch, phẩm chất chính trị, đạo đức, lối sống, năng lực công tác và quan hệ quần chúng:`,
    ),
    ...lines(4),
    p(
      'Tôi xin chịu trách nhiệm trước chi bộ về sự giới thiệu của mình và báo cáo những điều chưa rõ.',
    ),
    ...signerBlock('introducer', introducer),
  ]);
}

interface Introduction {
  resolutionNo?: string;
  on?: string;
}

function introductionOf(input: FormInput, key: string): Introduction {
  for (const transition of input.t.values()) {
    const value = transition.details[key];
    if (value && typeof value === 'object') return value;
  }
  return {};
}

/** 4-KNĐ / 4A-KNĐ: an executive committee's resolution introducing the person. */
function massIntroduction(
  key: 'youthUnionIntroduction' | 'tradeUnionIntroduction',
  organization: string,
  member: string,
  signer: SignerKind,
) {
  return (input: FormInput): Block[] => {
    const intro = introductionOf(input, key);
    const name = input.facts.person.fullName;
    return [
      ...partyHeading({
        superior: null,
        organization: `${organization} ${BLANK}`,
        numberLine: `Số ${v(intro.resolutionNo)}`,
        place: input.ctx.place,
        date: intro.on ?? null,
      }),
      ...title('NGHỊ QUYẾT', `giới thiệu ${member} ưu tú vào Đảng`),
      p(`Kính gửi: ${cellOf(input.ctx.cell.name)}`),
      p(
        `${onDay(intro.on)}, Ban Chấp hành ${organization.toLowerCase()} đã họp xét, giới thiệu ${member} ${name} (${personLine(input.facts)}) vào Đảng.`,
      ),
      ...strengths(),
      p(`Số ủy viên tán thành: ${BLANK}/${BLANK} đồng chí.`),
      ...signerBlock(signer),
    ];
  };
}

/** 5-KNĐ (admission) and 12-KNĐ (recognition): the cell committee's summary of the comments. */
function commentsSummary(subject: string, datedBy: string) {
  return (input: FormInput): Block[] => [
    ...cellHeading(input, `Số ${BLANK}`, input.t.get(datedBy)?.on ?? null),
    ...title(
      'TỔNG HỢP Ý KIẾN NHẬN XÉT',
      `của tổ chức đoàn thể chính trị - xã hội nơi làm việc và chi ủy nơi cư trú đối với ${subject}`,
    ),
    p(`Họ và tên: ${input.facts.person.fullName} (${personLine(input.facts)}).`),
    p(
      `1. Ý kiến nhận xét của tổ chức đoàn thể chính trị - xã hội nơi làm việc: số người được hỏi ý kiến ${BLANK}; số đồng ý ${BLANK}; số không đồng ý ${BLANK}. Ý kiến khác:`,
    ),
    ...lines(2),
    p(
      `2. Ý kiến nhận xét của chi ủy (chi bộ) nơi cư trú: ${input.facts.person.address ?? input.facts.person.unitName ?? BLANK}.`,
    ),
    ...lines(2),
    p('3. Chi ủy nhận xét chung:'),
    ...lines(2),
    ...signerBlock('cellCommittee'),
  ];
}

/** 5A-KNĐ: the comments of a political-social organization at the workplace (5C-KNĐ in 2017). */
function massComments(input: FormInput): Block[] {
  return [
    ...partyHeading({
      superior: null,
      organization: `Ban Chấp hành ${BLANK}`,
      numberLine: `Số ${BLANK}`,
      place: input.ctx.place,
      date: input.t.get('dossier')?.on ?? null,
    }),
    ...title('NHẬN XÉT', 'của tổ chức đoàn thể chính trị - xã hội đối với người vào Đảng'),
    p(`Kính gửi: ${cellOf(input.ctx.cell.name)}`),
    p(`Về quần chúng ${input.facts.person.fullName} (${personLine(input.facts)}):`),
    ...strengths(),
    ...signerBlock('massOrganization'),
  ];
}

/** 5B-KNĐ: the comments of the cell (committee) where the person lives. */
function residenceComments(input: FormInput): Block[] {
  return [
    ...partyHeading({
      superior: null,
      organization: `Chi bộ ${BLANK}`,
      numberLine: `Số ${BLANK}`,
      place: input.ctx.place,
      date: input.t.get('dossier')?.on ?? null,
    }),
    ...title('NHẬN XÉT', 'của chi ủy (chi bộ) nơi cư trú đối với người vào Đảng'),
    p(`Kính gửi: ${cellOf(input.ctx.cell.name)}`),
    p(
      `Quần chúng ${input.facts.person.fullName} (${personLine(input.facts)}) cư trú tại ${v(input.facts.person.address ?? input.facts.person.unitName)}.`,
    ),
    p(
      'Việc chấp hành chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và nghĩa vụ công dân nơi cư trú; quan hệ với nhân dân:',
    ),
    ...lines(3),
    ...signerBlock('residenceCell'),
  ];
}

/** "NGHỊ QUYẾT đề nghị …" and its "Căn cứ" line (Điều 4 of the Charter admits, Điều 5 recognizes). */
function resolutionOpening(kind: 'admission' | 'recognition', ctx: DocumentContext): Block[] {
  return [
    ...title(
      'NGHỊ QUYẾT',
      kind === 'admission' ? 'đề nghị kết nạp đảng viên' : 'đề nghị công nhận đảng viên chính thức',
    ),
    legalBasis(kind === 'admission' ? 'Điều 4' : 'Điều 5', ctx.regulations),
  ];
}

/** 6-KNĐ (admission) and 13-KNĐ (recognition): the cell's resolution. */
function cellResolution(kind: 'admission' | 'recognition') {
  const stage = kind === 'admission' ? 'cell_voted' : 'probation_review';
  return (input: FormInput): Block[] => {
    const { facts, t, ctx } = input;
    const voted = t.get(stage);
    const vote = voteOf(voted);
    const name = facts.person.fullName;
    const admittedOn = facts.membership?.admittedOn ?? t.get('admitted')?.on ?? null;
    const against =
      vote.inFavour !== undefined && vote.present !== undefined
        ? vote.present - vote.inFavour
        : undefined;
    const subject = kind === 'admission' ? `quần chúng ${name}` : `đồng chí ${name}`;
    return [
      ...cellHeading(input, `Số ${v(vote.resolutionNo)}`, voted?.on ?? null),
      ...resolutionOpening(kind, ctx),
      p(
        kind === 'admission'
          ? `${onDay(voted?.on)}, ${ctx.cell.name} đã họp để xét, đề nghị kết nạp quần chúng ${name} vào Đảng.`
          : `${onDay(voted?.on)}, ${ctx.cell.name} đã họp để xét, đề nghị công nhận đảng viên dự bị ${name}, được kết nạp vào Đảng ngày ${d(admittedOn)}, trở thành đảng viên chính thức.`,
      ),
      ...meetingLines(vote),
      p(
        kind === 'admission'
          ? `Sau khi nghe báo cáo và thảo luận về đơn xin vào Đảng, lý lịch, ý kiến nhận xét của các đoàn thể và chi ủy nơi cư trú đối với quần chúng ${name} (${personLine(facts)}), chi bộ thống nhất những ưu điểm, khuyết điểm chính như sau:`
          : `Sau khi nghe đồng chí ${name} báo cáo bản tự kiểm điểm trong thời gian dự bị, nghe ý kiến nhận xét của đảng viên được phân công giúp đỡ và của các đoàn thể, chi bộ thống nhất những ưu điểm, khuyết điểm chính như sau:`,
      ),
      ...strengths(),
      p(
        `Số đảng viên chính thức tán thành việc ${kind === 'admission' ? 'kết nạp' : 'công nhận'} ${subject} ${kind === 'admission' ? 'vào Đảng' : 'là đảng viên chính thức'} là ${v(vote.inFavour)} đồng chí (đạt ${percentOf(vote.inFavour, vote.officialMembers)} so với tổng số đảng viên chính thức); số không tán thành ${v(against)} đồng chí, với lý do ${BLANK}`,
      ),
      p(
        `Chi bộ đề nghị ${committeeOf(upper(ctx))} xem xét, đề nghị cấp ủy có thẩm quyền ${kind === 'admission' ? `kết nạp quần chúng ${name} vào Đảng` : `công nhận đồng chí ${name} là đảng viên chính thức`}.`,
      ),
      ...signerBlock('cell'),
      ...recipients([committeeOf(upper(ctx)), 'Lưu chi bộ']),
    ];
  };
}

/** 7-KNĐ (admission) and 14-KNĐ (recognition): the partial committee's appraisal report. */
function partialAppraisal(kind: 'admission' | 'recognition') {
  return (input: FormInput): Block[] => {
    const { facts, ctx } = input;
    const cellVote = voteOf(input.t.get(kind === 'admission' ? 'cell_voted' : 'probation_review'));
    const partial = ctx.partial?.name ?? BLANK;
    return [
      ...committeeHeading(input, partial, ctx.grassroots?.name ?? null, `Số ${BLANK}`, null),
      ...title(
        'BÁO CÁO',
        kind === 'admission'
          ? 'thẩm định hồ sơ đề nghị kết nạp đảng viên'
          : 'thẩm định hồ sơ đề nghị công nhận đảng viên chính thức',
      ),
      p(`Kính gửi: ${committeeOf(grassrootsName(ctx))}`),
      p(
        `Căn cứ Nghị quyết số ${v(cellVote.resolutionNo)} của ${ctx.cell.name} đề nghị ${kind === 'admission' ? 'kết nạp quần chúng' : 'công nhận đảng viên chính thức đối với đồng chí'} ${facts.person.fullName} (${personLine(facts)}), ${committeeOf(partial)} đã thẩm định hồ sơ và báo cáo như sau:`,
      ),
      p('1. Về hồ sơ, thủ tục:'),
      ...lines(2),
      p('2. Về tiêu chuẩn, điều kiện:'),
      ...lines(2),
      p(`3. Đề nghị: ${BLANK}`),
      ...signerBlock('partialCommittee'),
      ...recipients([committeeOf(grassrootsName(ctx)), 'Lưu']),
    ];
  };
}

/** 8-KNĐ (admission) and 15-KNĐ (recognition): the grassroots committee's resolution. */
function grassrootsResolution(kind: 'admission' | 'recognition') {
  return (input: FormInput): Block[] => {
    const { facts, t, ctx } = input;
    const reviewed = kind === 'admission' ? t.get('committee_reviewed') : undefined;
    const vote = voteOf(reviewed);
    const cellVote = voteOf(t.get(kind === 'admission' ? 'cell_voted' : 'probation_review'));
    const name = facts.person.fullName;
    return [
      ...committeeHeading(
        input,
        grassrootsName(ctx),
        ctx.deciding?.name ?? null,
        `Số ${v(vote.resolutionNo)}`,
        reviewed?.on ?? null,
      ),
      ...resolutionOpening(kind, ctx),
      p(
        `Xét Nghị quyết số ${v(cellVote.resolutionNo)} của ${ctx.cell.name} đề nghị ${kind === 'admission' ? 'kết nạp quần chúng' : 'công nhận đảng viên chính thức đối với đồng chí'} ${name} (${personLine(facts)});`,
      ),
      p(
        `${onDay(reviewed?.on)}, ${committeeOf(grassrootsName(ctx))} đã họp xét. Tổng số cấp ủy viên: ${v(vote.members)}; số tán thành: ${v(vote.inFavour)} (đạt ${percentOf(vote.inFavour, vote.members)}).`,
      ),
      p(
        `Đảng ủy đề nghị ${committeeOf(ctx.deciding?.name ?? BLANK)} xem xét, ${kind === 'admission' ? `quyết định kết nạp quần chúng ${name} vào Đảng` : `quyết định công nhận đồng chí ${name} là đảng viên chính thức`}.`,
      ),
      ...signerBlock('grassroots'),
      ...recipients([committeeOf(ctx.deciding?.name ?? BLANK), 'Lưu']),
    ];
  };
}

/** 9-KNĐ (admission) and 16-KNĐ (recognition): the deciding committee's decision. */
function decisionForm(kind: 'admission' | 'recognition') {
  return (input: FormInput): Block[] => {
    const { facts, t, ctx } = input;
    const decided = t.get(kind === 'admission' ? 'decided' : 'official');
    const decision = decisionOf(decided);
    const signer = decisionSigner(decision, ctx);
    const cellVote = voteOf(t.get(kind === 'admission' ? 'cell_voted' : 'probation_review'));
    const committeeVote = voteOf(t.get('committee_reviewed'));
    const name = facts.person.fullName;
    const number =
      decision.number ??
      (kind === 'admission'
        ? facts.membership?.admissionDecisionNo
        : facts.membership?.officialDecisionNo) ??
      null;
    const admittedOn = facts.membership?.admittedOn ?? t.get('admitted')?.on ?? null;
    const deciding = ctx.deciding?.name ?? BLANK;
    const executors = `${ctx.parent?.name ?? ctx.cell.name}, ${ctx.cell.name} và đồng chí ${name} chịu trách nhiệm thi hành Quyết định này.`;
    return [
      ...committeeHeading(
        input,
        deciding,
        ctx.decidingSuperior?.name ?? null,
        `Số ${v(number)}`,
        decision.on ?? decided?.on ?? null,
      ),
      ...title(
        'QUYẾT ĐỊNH',
        kind === 'admission' ? 'kết nạp đảng viên' : 'công nhận đảng viên chính thức',
      ),
      p(
        `- Căn cứ Điều lệ Đảng Cộng sản Việt Nam; ${ctx.regulations.map((r) => `căn cứ ${r}`).join('; ')};`,
      ),
      p(
        kind === 'admission'
          ? `- Xét Nghị quyết số ${v(cellVote.resolutionNo)} của ${ctx.cell.name}${t.has('committee_reviewed') ? ` và Nghị quyết số ${v(committeeVote.resolutionNo)} của ${grassrootsName(ctx)}` : ''} đề nghị kết nạp quần chúng ${name} vào Đảng;`
          : `- Xét Nghị quyết số ${v(cellVote.resolutionNo)} của ${ctx.cell.name} đề nghị công nhận đảng viên chính thức đối với đồng chí ${name};`,
      ),
      p(`- Xét đề nghị của Ban Tổ chức ${BLANK},`),
      centred(decidingBody(signer, deciding)),
      centred('QUYẾT ĐỊNH:'),
      ...(kind === 'admission'
        ? [
            labelled(
              'Điều 1.',
              `Kết nạp quần chúng ${name}, ${personLine(facts)}, vào Đảng Cộng sản Việt Nam. Thời gian dự bị 12 tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.`,
            ),
            labelled(
              'Điều 2.',
              `${ctx.cell.name} tổ chức lễ kết nạp cho đảng viên mới theo đúng quy định và tiếp tục giáo dục, rèn luyện đồng chí ${name} trong thời gian dự bị.`,
            ),
            labelled('Điều 3.', executors),
          ]
        : [
            labelled(
              'Điều 1.',
              `Công nhận đồng chí ${name}, ${personLine(facts)}, kết nạp vào Đảng ngày ${d(admittedOn)}, là đảng viên chính thức kể từ ngày ${d(facts.membership?.officialOn)}.`,
            ),
            labelled('Điều 2.', executors),
          ]),
      ...signerBlock(signer),
      ...recipients([
        ctx.parent?.name ?? ctx.cell.name,
        ctx.cell.name,
        `Đồng chí ${name}`,
        'Lưu hồ sơ đảng viên',
      ]),
    ];
  };
}

/** 10-KNĐ: the probationer's self-review, written by hand. */
function selfReview(input: FormInput): Block[] {
  const person = input.facts.person;
  const admittedOn = input.facts.membership?.admittedOn ?? input.t.get('admitted')?.on ?? null;
  return [
    ...personHeading(null, null),
    ...title('BẢN TỰ KIỂM ĐIỂM', 'của đảng viên dự bị'),
    p(`Kính gửi: ${cellOf(input.ctx.cell.name)}`),
    p(
      `Tôi là ${person.fullName}, sinh ngày ${d(person.birthDate)}, được kết nạp vào Đảng ngày ${d(admittedOn)}, tại ${input.ctx.cell.name}.`,
    ),
    p(
      'Sau 12 tháng phấn đấu, rèn luyện trong thời gian dự bị, tôi tự kiểm điểm như sau (ưu điểm, khuyết điểm, hướng phấn đấu):',
    ),
    ...lines(8),
    ...signerBlock('probationer', person.fullName),
  ];
}

/** 11-KNĐ: the helping member's comments on the probationer. */
function helperComments(input: FormInput): Block[] {
  const helper = input.ctx.helpers?.[0] ?? null;
  return [
    ...personHeading(input.ctx.place, input.t.get('probation_review')?.on ?? null),
    ...title('BẢN NHẬN XÉT', 'đảng viên dự bị'),
    p(`Kính gửi: ${cellOf(input.ctx.cell.name)}`),
    p(
      `Tôi là ${v(helper)}, đảng viên được chi bộ phân công giúp đỡ đảng viên dự bị ${input.facts.person.fullName}. Tôi nhận xét về đồng chí trong thời gian dự bị như sau:`,
    ),
    ...strengths(),
    p(
      `Đề nghị chi bộ xét, công nhận đồng chí ${input.facts.person.fullName} là đảng viên chính thức: ${BLANK}`,
    ),
    ...signerBlock('helper', helper),
  ];
}

/** 17-KNĐ: the decision removing a probationary member's name (not recognized). */
function removal(input: FormInput): Block[] {
  const ended = input.t.get('not_recognized');
  const decision = decisionOf(ended);
  const deciding = input.ctx.deciding?.name ?? BLANK;
  const signer = decisionSigner(decision, input.ctx);
  return [
    ...committeeHeading(
      input,
      deciding,
      input.ctx.decidingSuperior?.name ?? null,
      `Số ${v(decision.number)}`,
      decision.on ?? ended?.on ?? null,
    ),
    ...title('QUYẾT ĐỊNH', 'xóa tên đảng viên dự bị'),
    p(
      `- Căn cứ Điều lệ Đảng Cộng sản Việt Nam; ${input.ctx.regulations.map((r) => `căn cứ ${r}`).join('; ')};`,
    ),
    p(`- Xét đề nghị của ${input.ctx.cell.name} và Ban Tổ chức ${BLANK},`),
    centred(decidingBody(signer, deciding)),
    centred('QUYẾT ĐỊNH:'),
    labelled(
      'Điều 1.',
      `Xóa tên đảng viên dự bị ${input.facts.person.fullName}, ${personLine(input.facts)}, khỏi danh sách đảng viên. Lý do: ${v(ended?.details.reason as string | undefined)}.`,
    ),
    labelled(
      'Điều 2.',
      `${input.ctx.cell.name} và đồng chí ${input.facts.person.fullName} thi hành Quyết định này.`,
    ),
    ...signerBlock(signer),
  ];
}

/** One form of the dossier: its number, its title, what it is made from, when it is included. */
export interface FormDefinition extends FormBuilder {
  form: FormNumber;
  title: string;
}

/** How a form is dated, included and built. */
interface FormBuilder {
  /** The stage whose transition dates the form (its guidance and "Căn cứ" lines follow that date). */
  datedBy: string;
  /** The dossier checklist entry the form is (shared/pipeline.ts DOCUMENT_KINDS), if any. */
  checklist?: string;
  /** Whether the dossier ZIP holds it (by the organization structure and what was recorded). */
  included: (input: FormInput) => boolean;
  build: (input: FormInput) => Block[];
}

const always = () => true;
const hasPartial = (input: FormInput) => Boolean(input.ctx.partial);
const hasGrassrootsVote = (input: FormInput) =>
  input.t.has('committee_reviewed') ||
  Boolean(input.ctx.grassroots && input.ctx.grassroots.name !== input.ctx.deciding?.name);
const reached = (stage: string) => (input: FormInput) =>
  input.t.has(stage) || input.t.has('official') || input.t.has('not_recognized');

/**
 * The forms by URL kind, in the order of the dossier (the guidance's list of its documents:
 * admission 1 → 9-KNĐ, then recognition 10 → 16-KNĐ, 17-KNĐ when not recognized).
 */
const BUILDERS: Record<DossierFormKind, FormBuilder> = {
  application: {
    datedBy: 'dossier',
    checklist: 'application',
    included: always,
    build: application,
  },
  biography: {
    datedBy: 'dossier',
    checklist: 'biography',
    included: always,
    build: biography,
  },
  introduction: {
    datedBy: 'dossier',
    checklist: 'member_introduction',
    included: always,
    build: introduction,
  },
  'youth-union-introduction': {
    datedBy: 'dossier',
    checklist: 'youth_union_introduction',
    included: (input) => Object.keys(introductionOf(input, 'youthUnionIntroduction')).length > 0,
    build: massIntroduction(
      'youthUnionIntroduction',
      'Ban Chấp hành Đoàn',
      'đoàn viên',
      'youthUnion',
    ),
  },
  'trade-union-introduction': {
    datedBy: 'dossier',
    included: (input) =>
      !(input.ctx.guidance?.absent ?? []).includes('4A-KNĐ') &&
      Object.keys(introductionOf(input, 'tradeUnionIntroduction')).length > 0,
    build: massIntroduction(
      'tradeUnionIntroduction',
      'Ban Chấp hành Công đoàn',
      'đoàn viên công đoàn',
      'tradeUnion',
    ),
  },
  'comments-summary': {
    datedBy: 'dossier',
    included: always,
    build: commentsSummary('người xin vào Đảng', 'dossier'),
  },
  'mass-organization-comments': {
    datedBy: 'dossier',
    checklist: 'mass_organization_comments',
    included: always,
    build: massComments,
  },
  'residence-comments': {
    datedBy: 'dossier',
    checklist: 'residence_cell_comments',
    included: always,
    build: residenceComments,
  },
  'admission-resolution': {
    datedBy: 'cell_voted',
    included: always,
    build: cellResolution('admission'),
  },
  'partial-appraisal': {
    datedBy: 'cell_voted',
    included: hasPartial,
    build: partialAppraisal('admission'),
  },
  'grassroots-admission-resolution': {
    datedBy: 'committee_reviewed',
    included: hasGrassrootsVote,
    build: grassrootsResolution('admission'),
  },
  'admission-decision': {
    datedBy: 'decided',
    included: always,
    build: decisionForm('admission'),
  },
  'self-review': {
    datedBy: 'probation_review',
    included: reached('admitted'),
    build: selfReview,
  },
  'helper-comments': {
    datedBy: 'probation_review',
    included: reached('admitted'),
    build: helperComments,
  },
  'probation-comments-summary': {
    datedBy: 'probation_review',
    included: reached('admitted'),
    build: commentsSummary('đảng viên dự bị', 'probation_review'),
  },
  'recognition-resolution': {
    datedBy: 'probation_review',
    included: reached('admitted'),
    build: cellResolution('recognition'),
  },
  'partial-recognition-appraisal': {
    datedBy: 'probation_review',
    included: (input) => hasPartial(input) && reached('admitted')(input),
    build: partialAppraisal('recognition'),
  },
  'grassroots-recognition-resolution': {
    datedBy: 'probation_review',
    included: (input) => hasGrassrootsVote(input) && reached('admitted')(input),
    build: grassrootsResolution('recognition'),
  },
  'recognition-decision': {
    datedBy: 'official',
    included: (input) => !input.t.has('not_recognized') && reached('admitted')(input),
    build: decisionForm('recognition'),
  },
  'probation-removal': {
    datedBy: 'not_recognized',
    included: (input) => input.t.has('not_recognized'),
    build: removal,
  },
};

/**
 * The forms by URL kind, in the order of the dossier (shared/dossier-forms.ts: the guidance's
 * list of its documents, admission 1 → 9-KNĐ, then recognition 10 → 16-KNĐ, 17-KNĐ when not
 * recognized), each with its builder.
 */
export const FORMS = Object.fromEntries(
  DOSSIER_FORMS.map((f) => [f.kind, { form: f.form, title: f.title, ...BUILDERS[f.kind] }]),
) as Record<DossierFormKind, FormDefinition>;

/** A per-candidate form, by its URL kind. */
export type CandidateDocumentKind = DossierFormKind;

/** A form as a list of blocks, with the form number in the corner as its guidance prints it. */
export function renderForm(kind: CandidateDocumentKind, input: FormInput): Block[] {
  const definition: FormDefinition = FORMS[kind];
  const printed = input.ctx.guidance
    ? printedNumber(input.ctx.guidance, definition.form)
    : definition.form;
  return [formCorner(printed), ...definition.build(input)];
}

/** The number a form bears in the file name and corner, by the guidance in force. */
export function printedForm(
  kind: CandidateDocumentKind,
  guidance: FormsGuidance | undefined,
): string {
  const form = FORMS[kind].form;
  return guidance ? printedNumber(guidance, form) : form;
}

const END_NOTES: Record<string, string> = {
  removed: 'Xóa tên',
  died: 'Từ trần',
  expelled: 'Khai trừ',
  left: 'Ra khỏi Đảng',
  transferred_out: 'Chuyển sinh hoạt đi',
};

/**
 * The columns of 18-KNĐ "Sổ đảng viên dự bị" (12-HD/BTCTW 2022, Phụ lục 3). Columns 1, 2, 4, 9
 * and 10 confirmed from the form's notes (số thứ tự; họ và tên as in the record; số lý lịch; the
 * day the cell held the admission ceremony; kết nạp lại / xóa tên / từ trần and the day made
 * official); the headers of 3 and 5–8 are unconfirmed (read as the form is commonly reproduced).
 */
export const PROBATIONARY_REGISTER_COLUMNS = [
  'Số TT',
  'Họ và tên',
  'Ngày, tháng, năm sinh',
  'Số lý lịch',
  'Quê quán',
  'Chi bộ sinh hoạt',
  'Số quyết định kết nạp',
  'Ngày ký quyết định kết nạp',
  'Ngày chi bộ tổ chức lễ kết nạp',
  'Ghi chú',
] as const;

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
): Block[] {
  return [
    formCorner('18-KNĐ'),
    ...partyHeading({
      superior: ctx.superior,
      organization: ctx.organization,
      numberLine: `Số ${BLANK}`,
      place: ctx.place,
      date: ctx.madeOn,
    }),
    para('SỔ ĐẢNG VIÊN DỰ BỊ', { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para(`Từ ngày ${formatDate(ctx.from)} đến ngày ${formatDate(ctx.to)}`, {
      italics: true,
      align: AlignmentType.CENTER,
      after: 240,
    }),
    gridTable(
      [...PROBATIONARY_REGISTER_COLUMNS],
      rows.map((r, i) => [
        String(i + 1),
        r.fullName,
        formatDate(r.birthDate),
        BLANK,
        BLANK,
        r.organizationName,
        r.admissionDecisionNo ?? BLANK,
        r.decidedOn ? formatDate(r.decidedOn) : BLANK,
        formatDate(r.admittedOn),
        [
          r.readmitted ? 'Kết nạp lại' : '',
          r.officialOn
            ? `Chính thức ${formatDate(r.officialOn)}`
            : r.endReason
              ? `${END_NOTES[r.endReason] ?? r.endReason} ${formatDate(r.endedOn)}`
              : '',
        ]
          .filter(Boolean)
          .join('; '),
      ]),
      [true],
    ),
  ];
}
