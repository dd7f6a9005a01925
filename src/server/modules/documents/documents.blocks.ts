/**
 * The building blocks every dossier form is made of (Hướng dẫn 36-HD/VPTW layout, Times New Roman
 * 13–14): the form's number in the corner, the heading (issuing committee, "*", number line /
 * "ĐẢNG CỘNG SẢN VIỆT NAM", place and date), the title, paragraphs, dotted lines to write on, the
 * signer block and the recipients. A form is a short list of these (documents.forms.ts).
 */
import { AlignmentType, PageBreak, Paragraph, type Table } from 'docx';
import { formatDate } from '../../../shared/dates.ts';
import { formatNumber } from '../../../shared/text.ts';
import { officialHeader, para, partyName, run, vietnameseDate } from '../reports/render/docx.ts';

/** One block of a form. */
export type Block = Paragraph | Table;

/** A dotted blank of the forms, written on by hand. */
export const BLANK = '…………………';

/** A value, or the dotted blank when there is none. */
export function v(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return BLANK;
  return typeof value === 'number' ? formatNumber(value) : value;
}

/** A date dd/mm/yyyy, or the dotted date blank. */
export function d(value: string | null | undefined): string {
  return value ? formatDate(value) : '……/……/………';
}

/** The committee of a Party organization: "Đảng bộ thị trấn X" → "Đảng ủy thị trấn X". */
export function committeeOf(organization: string): string {
  if (/^(Đảng ủy|Chi ủy|Huyện ủy|Tỉnh ủy|Thành ủy|Quận ủy|Thị ủy)\b/iu.test(organization))
    return organization;
  return /^Đảng bộ\s+/iu.test(organization)
    ? organization.replace(/^Đảng bộ\s+/iu, 'Đảng ủy ')
    : `Đảng ủy ${organization}`;
}

/** The committee of a cell: "Chi bộ tổ dân phố 6" → "Chi ủy chi bộ tổ dân phố 6". */
export function cellCommitteeOf(cell: string): string {
  return /^Chi bộ\s+/iu.test(cell)
    ? `Chi ủy ${cell.replace(/^Chi bộ/iu, 'chi bộ')}`
    : `Chi ủy ${cell}`;
}

/** A cell as addressed ("Chi bộ tổ dân phố 6", prefixing "Chi bộ" when its name lacks it). */
export function cellOf(cell: string): string {
  return /^Chi bộ\s+/iu.test(cell) ? cell : `Chi bộ ${cell}`;
}

/** "Mẫu 6-KNĐ" in the top right corner, as on the printed forms. */
export function formCorner(printed: string): Block {
  return para(`Mẫu ${printed}`, { italics: true, size: 24, align: AlignmentType.RIGHT, after: 0 });
}

/** The heading of a document issued by a Party organization. */
export function partyHeading(input: {
  superior: string | null;
  organization: string;
  numberLine: string;
  place: string;
  date: string | null;
}): Block[] {
  return [officialHeader(input), para('', { after: 240 })];
}

/** The heading of a form a person writes: the Party's name centred, the place and date line. */
export function personHeading(place: string | null, date: string | null): Block[] {
  return [
    partyName(),
    ...(place
      ? [para(`${place}, ${vietnameseDate(date)}`, { italics: true, align: AlignmentType.RIGHT })]
      : []),
    para('', { after: 120 }),
  ];
}

/** The title: a bold capital word ("NGHỊ QUYẾT") and its subject under it. */
export function title(head: string, subject?: string): Block[] {
  return [
    para(head, { bold: true, align: AlignmentType.CENTER, after: subject ? 0 : 240 }),
    ...(subject ? [para(subject, { bold: true, align: AlignmentType.CENTER, after: 240 })] : []),
  ];
}

/** A justified body paragraph with a first-line indent. */
export function p(text: string): Block {
  return para(text, { indent: true, align: AlignmentType.JUSTIFIED });
}

/** A label in bold followed by text ("Điều 1. …"). */
export function labelled(label: string, text: string): Block {
  return new Paragraph({
    children: [run(`${label} `, { bold: true }), run(text)],
    alignment: AlignmentType.JUSTIFIED,
    spacing: { after: 60 },
    indent: { firstLine: 567 },
  });
}

/** A bold centred line ("QUYẾT ĐỊNH:", "BAN THƯỜNG VỤ …"). */
export function centred(text: string): Block {
  return para(text, { bold: true, align: AlignmentType.CENTER });
}

/** Dotted lines to write on by hand. */
export function lines(count: number): Block[] {
  return Array.from({ length: count }, () => para(BLANK.repeat(5), { after: 0 }));
}

/** A heading of a section of a form ("I. Tình hình gia đình"). */
export function section(text: string): Block {
  return para(text, { bold: true, after: 60 });
}

/** The "Căn cứ" lines: the Charter's article then each text in force on the document's date. */
export function legalBasis(article: string | null, regulations: readonly string[]): Block {
  const charter = article
    ? `Căn cứ ${article}, Điều lệ Đảng Cộng sản Việt Nam`
    : 'Căn cứ Điều lệ Đảng Cộng sản Việt Nam';
  return p([charter, ...regulations.map((r) => `căn cứ ${r}`)].join('; ') + ';');
}

/** Who signs, by the body that adopts the document. */
export type SignerKind =
  | 'cell'
  | 'cellCommittee'
  | 'partialCommittee'
  | 'grassroots'
  | 'standing'
  | 'committee'
  | 'applicant'
  | 'introducer'
  | 'helper'
  | 'probationer'
  | 'youthUnion'
  | 'tradeUnion'
  | 'massOrganization'
  | 'residenceCell';

/**
 * The signer line ("T/M …") and the signer's title, and the body's name on a decision's "…
 * QUYẾT ĐỊNH" line (the standing committee decides, or the whole committee when it was
 * delegated: 29-QĐ/TW mục 3.2.1, 24-QĐ/TW mục 3.2.1 — the decision is then signed "T/M ĐẢNG ỦY").
 */
const SIGNERS: Record<SignerKind, { on: string | null; as: string; body?: string }> = {
  cell: { on: 'T/M CHI BỘ', as: 'BÍ THƯ' },
  cellCommittee: { on: 'T/M CHI ỦY', as: 'BÍ THƯ' },
  partialCommittee: { on: 'T/M ĐẢNG ỦY', as: 'BÍ THƯ' },
  grassroots: { on: 'T/M ĐẢNG ỦY', as: 'BÍ THƯ', body: 'ĐẢNG ỦY' },
  standing: { on: 'T/M BAN THƯỜNG VỤ', as: 'BÍ THƯ', body: 'BAN THƯỜNG VỤ' },
  committee: { on: 'T/M ĐẢNG ỦY', as: 'BÍ THƯ', body: 'ĐẢNG ỦY' },
  applicant: { on: null, as: 'NGƯỜI LÀM ĐƠN' },
  introducer: { on: null, as: 'NGƯỜI GIỚI THIỆU' },
  helper: { on: null, as: 'ĐẢNG VIÊN ĐƯỢC PHÂN CÔNG GIÚP ĐỠ' },
  probationer: { on: null, as: 'NGƯỜI TỰ KIỂM ĐIỂM' },
  youthUnion: { on: 'T/M BAN CHẤP HÀNH', as: 'BÍ THƯ' },
  tradeUnion: { on: 'T/M BAN CHẤP HÀNH', as: 'CHỦ TỊCH' },
  massOrganization: { on: 'T/M BAN CHẤP HÀNH', as: '(Chức vụ)' },
  residenceCell: { on: 'T/M CHI ỦY', as: 'BÍ THƯ' },
};

/** The signer kinds a decision's `signedAs` may name (s5-cases records it for delegated committees). */
export function isSignerKind(value: unknown): value is SignerKind {
  return typeof value === 'string' && value in SIGNERS;
}

/** The name of the deciding body on a decision ("BAN THƯỜNG VỤ HUYỆN ỦY …"). */
export function decidingBody(kind: SignerKind, organization: string): string {
  const committee = committeeOf(organization).toUpperCase();
  const body = SIGNERS[kind].body;
  return body && !committee.startsWith(body) ? `${body} ${committee}` : committee;
}

/** The signer block, right-aligned, with a place for the signature and the name. */
export function signerBlock(kind: SignerKind, name?: string | null): Block[] {
  const signer = SIGNERS[kind];
  return [
    para('', { after: 120 }),
    ...(signer.on ? [para(signer.on, { bold: true, align: AlignmentType.RIGHT, after: 0 })] : []),
    para(signer.as, { bold: true, align: AlignmentType.RIGHT, after: 600 }),
    para('(Ký, ghi rõ họ tên)', { italics: true, align: AlignmentType.RIGHT, after: 0 }),
    para(v(name), { bold: Boolean(name), align: AlignmentType.RIGHT }),
  ];
}

/** "Nơi nhận:" and its lines. */
export function recipients(names: readonly string[]): Block[] {
  return [
    para('Nơi nhận:', { bold: true, italics: true, size: 24, after: 0 }),
    ...names.map((l) => para(`- ${l};`, { size: 22, after: 0 })),
  ];
}

/** A page break (several copies of a form in one file). */
export function pageBreak(): Block {
  return new Paragraph({ children: [new PageBreak()] });
}
