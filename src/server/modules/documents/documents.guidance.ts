/**
 * The guidance texts that publish the forms of the admission dossier (Mẫu 1-KNĐ … 18-KNĐ), as
 * data: which guidance was in force on a document's date, and where its forms differ. A form's
 * text that differs by guidance is looked up here, never branched on dates in a form.
 *
 * What was read (public copies, not the Party's own gazette):
 * - 12-HD/BTCTW of 17/5/2012: the forms' annex "Các mẫu tài liệu về công tác đảng viên" (text of
 *   1-KNĐ read: "Kính gửi: Chi ủy …, Đảng ủy …", "Tôi là …, sinh ngày …", nơi sinh, quê quán, dân
 *   tộc, tôn giáo, trình độ học vấn, nơi cư trú, nghề nghiệp) — confirmed. Its other forms:
 *   unconfirmed beyond their titles.
 * - 09-HD/BTCTW of 05/6/2017 (replaced 12-HD/BTCTW 2012): dossier list read from a third-party
 *   summary: 3-KNĐ (3A-KNĐ when two members introduce), 4-KNĐ, 5-KNĐ summary with the residence
 *   cell's comments on 5B-KNĐ and the workplace organizations' on 5C-KNĐ, 6, 8, 9-KNĐ; 10, 11,
 *   12, 13, 15-KNĐ for recognition — confirmed as titles; wording of the bodies unconfirmed.
 * - 12-HD/BTCTW of 2022 (replaced 09-HD/BTCTW): 1.4 on the background record (2-KNĐ items 01–10
 *   read) and the annex's 18-KNĐ (columns 1, 2, 4, 9, 10 read: số thứ tự, họ và tên, số lý lịch,
 *   ngày chi bộ tổ chức lễ kết nạp, ghi chú kết nạp lại / xóa tên / từ trần / ngày chính thức) —
 *   confirmed. Its day of signature: see regulations.data.ts (18/01/2022); the
 *   names of 4A-KNĐ, 5A-KNĐ, 5B-KNĐ and 17-KNĐ are unconfirmed.
 * - 2025: no new forms guidance found; 12-HD/BTCTW (2022) is taken to stay in force — unconfirmed.
 */

import type { RegulationItem } from '../../../shared/regulations.ts';
import {
  inForceOn,
  mergeRegulations,
  regulationKey,
  shortLabel,
} from '../regulations/regulations.rules.ts';

/** A form of the dossier, by its number as printed ("6-KNĐ"). */
export type FormNumber =
  | '1-KNĐ'
  | '2-KNĐ'
  | '3-KNĐ'
  | '4-KNĐ'
  | '4A-KNĐ'
  | '5-KNĐ'
  | '5A-KNĐ'
  | '5B-KNĐ'
  | '6-KNĐ'
  | '7-KNĐ'
  | '8-KNĐ'
  | '9-KNĐ'
  | '10-KNĐ'
  | '11-KNĐ'
  | '12-KNĐ'
  | '13-KNĐ'
  | '14-KNĐ'
  | '15-KNĐ'
  | '16-KNĐ'
  | '17-KNĐ'
  | '18-KNĐ';

/**
 * The forms guidance in force on a date, from the regulations register (the one list of texts and
 * their dates, regulations.data.ts), with where its forms differ from 12-HD/BTCTW (2022).
 */
export interface FormsGuidance {
  /** As printed: "12-HD/BTCTW". */
  number: string;
  /** With its year where the number repeats: "12-HD/BTCTW (2022)". */
  label: string;
  signedOn: string;
  effectiveFrom: string;
  /**
   * The number printed on a form where this guidance numbers it differently from 12-HD/BTCTW
   * (2022) (the workplace organizations' comments were 5C-KNĐ in 2017).
   */
  printedAs: Partial<Record<FormNumber, string>>;
  /** Forms this guidance does not have (the trade-union introduction before 2022 — unconfirmed). */
  absent: readonly FormNumber[];
}

type FormDifferences = Pick<FormsGuidance, 'printedAs' | 'absent'>;

/** Where a forms guidance's forms differ, keyed by the text (number and date of signing). */
const DIFFERENCES: Record<string, FormDifferences> = {
  [regulationKey('12-HD/BTCTW', '2012-05-17')]: {
    printedAs: { '5A-KNĐ': '5C-KNĐ' }, // unconfirmed for 2012: carried from the 2017 list
    absent: ['4A-KNĐ'], // unconfirmed
  },
  [regulationKey('09-HD/BTCTW', '2017-06-05')]: {
    printedAs: { '5A-KNĐ': '5C-KNĐ' }, // confirmed as a title in the 2017 dossier list
    absent: ['4A-KNĐ'], // unconfirmed
  },
};

const SAME_AS_2022: FormDifferences = { printedAs: {}, absent: [] };

/** The forms guidance in force on a date (the oldest one before the first). */
export function formsGuidanceOn(
  date: string,
  register: readonly RegulationItem[] = mergeRegulations([]),
): FormsGuidance {
  const forms = register.filter((r) => r.governs === 'forms');
  const text = inForceOn(date, 'forms', register).at(-1) ?? forms[0];
  if (!text) throw new Error('the regulations register has no forms guidance');
  return {
    number: text.number,
    label: shortLabel(text, register),
    signedOn: text.signedOn,
    effectiveFrom: text.effectiveFrom,
    ...(DIFFERENCES[regulationKey(text.number, text.signedOn)] ?? SAME_AS_2022),
  };
}

/** The number a form bears under a guidance ("5C-KNĐ" for the workplace comments in 2017). */
export function printedNumber(guidance: FormsGuidance, form: FormNumber): string {
  return guidance.printedAs[form] ?? form;
}
