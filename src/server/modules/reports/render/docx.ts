import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBordersOptions,
} from 'docx';
import { cellText, madeLine, type ReportDocument } from './document.ts';

/** The font of Party documents (Hướng dẫn 36-HD/VPTW): Times New Roman, body 14 pt, tables 13 pt. */
export const FONT = 'Times New Roman';
/** Body size in half-points (14 pt). */
export const BODY_SIZE = 28;
/** Table and header size in half-points (13 pt). */
export const SMALL_SIZE = 26;

const NO_BORDERS: IBordersOptions = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

/** "ngày 27 tháng 11 năm 2026" from an ISO date; dotted blanks when there is none. */
export function vietnameseDate(iso: string | null | undefined): string {
  if (!iso) return 'ngày …… tháng …… năm ……';
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/** A paragraph of runs in the document font. */
export function para(
  text: string | TextRun[],
  options: {
    bold?: boolean;
    italics?: boolean;
    underline?: boolean;
    size?: number;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: boolean;
    after?: number;
  } = {},
): Paragraph {
  const runs =
    typeof text === 'string'
      ? [
          new TextRun({
            text,
            font: FONT,
            size: options.size ?? BODY_SIZE,
            ...(options.bold ? { bold: true } : {}),
            ...(options.italics ? { italics: true } : {}),
            ...(options.underline ? { underline: {} } : {}),
          }),
        ]
      : text;
  return new Paragraph({
    children: runs,
    alignment: options.align ?? AlignmentType.LEFT,
    spacing: { after: options.after ?? 60 },
    ...(options.indent ? { indent: { firstLine: 567 } } : {}),
  });
}

/** A run in the document font. */
export function run(
  text: string,
  options: { bold?: boolean; italics?: boolean; size?: number } = {},
): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: options.size ?? BODY_SIZE,
    ...(options.bold ? { bold: true } : {}),
    ...(options.italics ? { italics: true } : {}),
  });
}

/** "ĐẢNG CỘNG SẢN VIỆT NAM", bold, underlined and centred, as it heads every Party document. */
export function partyName(): Paragraph {
  return para('ĐẢNG CỘNG SẢN VIỆT NAM', {
    bold: true,
    underline: true,
    size: 30,
    align: AlignmentType.CENTER,
    after: 120,
  });
}

/**
 * The heading block of a Party document: the issuing organization on the left (its superior
 * above it, then "*" and the number line), "ĐẢNG CỘNG SẢN VIỆT NAM" on the right with the place
 * and date line under it. A borderless two-column table keeps both sides aligned in Word.
 */
export function officialHeader(input: {
  superior?: string | null;
  organization: string;
  numberLine: string;
  place: string;
  date: string | null;
}): Table {
  const left = [
    ...(input.superior
      ? [
          para(input.superior.toUpperCase(), {
            size: SMALL_SIZE,
            align: AlignmentType.CENTER,
            after: 0,
          }),
        ]
      : []),
    para(input.organization.toUpperCase(), {
      bold: true,
      size: SMALL_SIZE,
      align: AlignmentType.CENTER,
      after: 0,
    }),
    para('*', { align: AlignmentType.CENTER, after: 0 }),
    para(input.numberLine, { size: SMALL_SIZE, align: AlignmentType.CENTER }),
  ];
  const right = [
    partyName(),
    para(`${input.place}, ${vietnameseDate(input.date)}`, {
      italics: true,
      align: AlignmentType.CENTER,
    }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { ...NO_BORDERS, insideHorizontal: NO_BORDERS.top, insideVertical: NO_BORDERS.top },
    rows: [
      new TableRow({
        children: [
          new TableCell({
            children: left,
            width: { size: 45, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
          }),
          new TableCell({
            children: right,
            width: { size: 55, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
          }),
        ],
      }),
    ],
  });
}

/**
 * The foot of a Party document (36-HD/VPTW): "Nơi nhận:" and its lines on the left in small type,
 * on the right who signs for whom ("T/M ĐẢNG ỦY" over "BÍ THƯ"), room for the signature and the
 * signer's name when known. A borderless two-column table, like the heading.
 */
export function signatureBlock(input: {
  recipients: string[];
  on: string;
  title: string;
  name?: string | null;
}): Table {
  const left = [
    para([run('Nơi nhận:', { bold: true, italics: true, size: 24 })], { after: 0 }),
    ...input.recipients.map((line) => para(`- ${line}`, { size: 22, after: 0 })),
  ];
  const right = [
    para(input.on, { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para(input.title, { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para('', { after: 0 }),
    para('', { after: 0 }),
    para('', { after: 0 }),
    para(input.name ?? '', { bold: true, align: AlignmentType.CENTER }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { ...NO_BORDERS, insideHorizontal: NO_BORDERS.top, insideVertical: NO_BORDERS.top },
    rows: [
      new TableRow({
        children: [
          new TableCell({
            children: left,
            width: { size: 50, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
          }),
          new TableCell({
            children: right,
            width: { size: 50, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
          }),
        ],
      }),
    ],
  });
}

/** A bordered table with a bold header row, numbers right-aligned. */
export function gridTable(headers: string[], rows: string[][], numeric: boolean[] = []): Table {
  const cell = (text: string, bold: boolean, right: boolean) =>
    new TableCell({
      children: [
        para(text, {
          bold,
          size: SMALL_SIZE,
          align: bold ? AlignmentType.CENTER : right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          after: 0,
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true, false)) }),
      ...rows.map(
        (r) => new TableRow({ children: r.map((v, i) => cell(v, false, numeric[i] ?? false)) }),
      ),
    ],
  });
}

/** Packs sections into a .docx (A4, Party-document margins). */
export async function packDocx(
  title: string,
  creator: string,
  children: (Paragraph | Table)[],
): Promise<Buffer> {
  const document = new Document({
    creator,
    title,
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The report as a DOCX in the layout of an official Party report. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    officialHeader({
      superior: doc.superior,
      organization: doc.organization.name,
      numberLine: 'Số …… -BC/……',
      place: doc.place,
      date: doc.madeOn,
    }),
    para('', { after: 240 }),
    para('BÁO CÁO', { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para(doc.title, { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para(doc.period, { italics: true, align: AlignmentType.CENTER, after: 240 }),
  ];
  if (doc.prose) children.push(para(doc.prose, { indent: true, align: AlignmentType.JUSTIFIED }));
  doc.tables.forEach((table, index) => {
    children.push(para(`${index + 1}. ${table.title}`, { bold: true, after: 60 }));
    children.push(
      gridTable(
        table.columns.map((c) => c.header),
        table.rows.map((row) => table.columns.map((c) => cellText(row[c.key] ?? null, c.kind))),
        table.columns.map((c) => c.kind === 'number' || c.kind === 'percent'),
      ),
    );
    children.push(para('', { after: 120 }));
  });
  children.push(
    signatureBlock({ recipients: doc.recipients, on: doc.signer.on, title: doc.signer.title }),
    para('', { after: 120 }),
    para(madeLine(doc), { italics: true, size: 22 }),
  );
  return packDocx(doc.title, doc.madeBy, children);
}
