/**
 * Contracts of the regulations register (issue 16): the Party texts that the admission pipeline
 * is judged by and that documents cite ("Căn cứ …"), each a dated record. A number is not unique
 * (01-HD/TW was issued in 2012, 2016 and 2021), so a text is keyed by its number and its date of
 * signing. Shared by the server, the web and the CLI; imports nothing from the server.
 */
import { z } from 'zod';
import { isoDate } from './contracts.ts';
import { isIsoDate } from './dates.ts';

/** What a text governs, i.e. the role it fills in a document's "Căn cứ" lines. */
export const REGULATION_GOVERNS = [
  'charter',
  'charter_rules',
  'guidance',
  'forms',
  'ratings',
] as const;

/** One role of a regulation. */
export type RegulationGoverns = (typeof REGULATION_GOVERNS)[number];

/** Vietnamese names of the roles. */
export const REGULATION_GOVERNS_LABELS: Record<RegulationGoverns, string> = {
  charter: 'Điều lệ Đảng',
  charter_rules: 'Quy định thi hành Điều lệ',
  guidance: 'Hướng dẫn thi hành Điều lệ',
  forms: 'Hướng dẫn nghiệp vụ công tác đảng viên',
  ratings: 'Kiểm điểm, đánh giá, xếp loại',
};

/** A number as printed on the text: "29-QĐ/TW", "01-HD/TW", "12-HD/BTCTW". */
const regulationNumber = z
  .string({ error: 'Chưa nhập số hiệu văn bản' })
  .trim()
  .min(1, 'Chưa nhập số hiệu văn bản')
  .max(40, 'Số hiệu văn bản dài quá 40 ký tự');

/** One text of the register, as `GET /api/v1/regulations` answers it. */
export const regulationItem = z.object({
  /** Number as printed, e.g. "29-QĐ/TW". */
  number: z.string(),
  title: z.string(),
  issuer: z.string(),
  /** ISO date of signing; with the number, the key of the text. */
  signedOn: z.string(),
  /** ISO date from which the text applies. */
  effectiveFrom: z.string(),
  /** Number of the text that replaced it (null while in force), and that text's date of signing. */
  replacedBy: z.string().nullable(),
  replacedBySignedOn: z.string().nullable(),
  /** ISO date from which the replacement applies (the last day of this text is the day before). */
  replacedFrom: z.string().nullable(),
  governs: z.enum(REGULATION_GOVERNS),
  /** A public copy of the text, or null where none was found. */
  source: z.string().nullable(),
  /** Whether the dates above were confirmed from the text or a reliable copy of it. */
  confirmed: z.boolean(),
  /** What was confirmed and what was not, in Vietnamese. */
  note: z.string(),
  /** 'shipped' with the release, or 'added' by an administrator. */
  origin: z.enum(['shipped', 'added']),
});

/** One text of the register. */
export type RegulationItem = z.infer<typeof regulationItem>;

/** `GET /api/v1/regulations`. */
export const regulationList = z.object({ items: z.array(regulationItem) });

/** The answer of `GET /api/v1/regulations`. */
export type RegulationList = z.infer<typeof regulationList>;

/** `POST /api/v1/regulations`: a new text (a later version of a rule, guidance or forms). */
export const regulationInput = z
  .object({
    number: regulationNumber,
    title: z
      .string({ error: 'Chưa nhập trích yếu' })
      .trim()
      .min(1, 'Chưa nhập trích yếu')
      .max(300, 'Trích yếu dài quá 300 ký tự'),
    issuer: z
      .string({ error: 'Chưa nhập cơ quan ban hành' })
      .trim()
      .min(1, 'Chưa nhập cơ quan ban hành')
      .max(200, 'Tên cơ quan ban hành dài quá 200 ký tự'),
    signedOn: isoDate,
    effectiveFrom: isoDate,
    governs: z.enum(REGULATION_GOVERNS, {
      error: `Loại văn bản phải là một trong: ${REGULATION_GOVERNS.join(', ')}`,
    }),
    /** The earlier text this one replaces from its effective date (number and date of signing). */
    replaces: z.object({ number: regulationNumber, signedOn: isoDate }).nullable().optional(),
    source: z.string().trim().max(500, 'Địa chỉ nguồn dài quá 500 ký tự').nullable().optional(),
    confirmed: z.boolean().default(true),
    note: z.string().trim().max(1000, 'Ghi chú dài quá 1000 ký tự').default(''),
    /** Why the text is added (kept in the log). */
    reason: z
      .string({ error: 'Chưa nhập lý do' })
      .trim()
      .min(1, 'Chưa nhập lý do')
      .max(500, 'Lý do dài quá 500 ký tự'),
  })
  .refine((input) => !isIsoDate(input.signedOn) || input.effectiveFrom >= input.signedOn, {
    message: 'Ngày có hiệu lực không được trước ngày ký',
    path: ['effectiveFrom'],
  });

/** The body of `POST /api/v1/regulations`. */
export type RegulationInput = z.input<typeof regulationInput>;

/** How a text is cited in a "Căn cứ" line and on a check: "01-HD/TW (2016)" where the number repeats. */
export function regulationLabel(number: string, signedOn: string): string {
  return `${number} (${signedOn.slice(0, 4)})`;
}
