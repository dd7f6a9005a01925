/**
 * Which texts are in force, as pure functions over the register (shipped texts merged with the
 * ones an administrator added). No I/O: regulations.service.ts reads the stored rows.
 */
import type { RegulationGoverns, RegulationItem } from '../../../shared/regulations.ts';
import { regulationLabel } from '../../../shared/regulations.ts';
import { SHIPPED_REGULATIONS, type ShippedRegulation } from './regulations.data.ts';

/** A text added by an administrator, as stored. */
export interface StoredRegulation {
  number: string;
  signedOn: string;
  title: string;
  issuer: string;
  effectiveFrom: string;
  governs: RegulationGoverns;
  replaces: { number: string; signedOn: string } | null;
  source: string | null;
  confirmed: boolean;
  note: string;
}

/** The key of a text: number and date of signing (numbers repeat). */
export function regulationKey(number: string, signedOn: string): string {
  return `${number}|${signedOn}`;
}

/**
 * The register: shipped texts, then stored ones (a stored text of the same key replaces the
 * shipped one), with `replacedBy` derived from the shipped links and from each stored text's
 * `replaces`. Ordered by role, then by date of effect.
 */
export function mergeRegulations(
  stored: readonly StoredRegulation[],
  shipped: readonly ShippedRegulation[] = SHIPPED_REGULATIONS,
): RegulationItem[] {
  const byKey = new Map<string, RegulationItem>();
  const replacedBy = new Map<string, { number: string; signedOn: string }>();
  for (const text of shipped) {
    byKey.set(regulationKey(text.number, text.signedOn), {
      number: text.number,
      title: text.title,
      issuer: text.issuer,
      signedOn: text.signedOn,
      effectiveFrom: text.effectiveFrom,
      replacedBy: null,
      replacedBySignedOn: null,
      replacedFrom: null,
      governs: text.governs,
      source: text.source,
      confirmed: text.confirmed,
      note: text.note,
      origin: 'shipped',
    });
    if (text.replacedBy) replacedBy.set(regulationKey(text.number, text.signedOn), text.replacedBy);
  }
  for (const text of stored) {
    byKey.set(regulationKey(text.number, text.signedOn), {
      number: text.number,
      title: text.title,
      issuer: text.issuer,
      signedOn: text.signedOn,
      effectiveFrom: text.effectiveFrom,
      replacedBy: null,
      replacedBySignedOn: null,
      replacedFrom: null,
      governs: text.governs,
      source: text.source,
      confirmed: text.confirmed,
      note: text.note,
      origin: 'added',
    });
    if (text.replaces)
      replacedBy.set(regulationKey(text.replaces.number, text.replaces.signedOn), {
        number: text.number,
        signedOn: text.signedOn,
      });
  }
  for (const [key, by] of replacedBy) {
    const item = byKey.get(key);
    const successor = byKey.get(regulationKey(by.number, by.signedOn));
    if (!item || !successor) continue;
    item.replacedBy = by.number;
    item.replacedBySignedOn = by.signedOn;
    item.replacedFrom = successor.effectiveFrom;
  }
  const roleOrder = ['charter', 'charter_rules', 'guidance', 'forms', 'ratings'];
  return [...byKey.values()].sort(
    (a, b) =>
      roleOrder.indexOf(a.governs) - roleOrder.indexOf(b.governs) ||
      a.effectiveFrom.localeCompare(b.effectiveFrom) ||
      a.signedOn.localeCompare(b.signedOn),
  );
}

/** Whether a text applies on a date: in effect, and its replacement (if any) not yet. */
export function isInForce(item: RegulationItem, date: string): boolean {
  if (item.effectiveFrom > date) return false;
  return item.replacedFrom === null || item.replacedFrom > date;
}

/**
 * The text(s) of a role in force on an ISO date, oldest first. Usually one; two where a later
 * text was added without replacing the earlier one (an amendment beside the text it amends).
 * Empty before the first text of the role.
 */
export function inForceOn(
  date: string,
  governs: RegulationGoverns,
  register: readonly RegulationItem[] = mergeRegulations([]),
): RegulationItem[] {
  return register.filter((item) => item.governs === governs && isInForce(item, date));
}

/** The roles a document's "Căn cứ" lines cite, after the Charter itself. */
export const DOCUMENT_ROLES: readonly RegulationGoverns[] = ['charter_rules', 'guidance', 'forms'];

/**
 * The "Căn cứ" texts of a document dated `date`: the implementing regulation, the guidance and
 * the forms guidance in force on that day, each as "Quy định số 29-QĐ/TW ngày 25/7/2016 của Ban
 * Chấp hành Trung ương về thi hành Điều lệ Đảng".
 */
export function documentBasis(
  date: string,
  register: readonly RegulationItem[] = mergeRegulations([]),
): string[] {
  return DOCUMENT_ROLES.flatMap((role) => inForceOn(date, role, register)).map(basisLine);
}

/** One "Căn cứ" line of a text. */
export function basisLine(item: RegulationItem): string {
  const kind = item.number.includes('-QĐ/') ? 'Quy định' : 'Hướng dẫn';
  const [year, month, day] = item.signedOn.split('-');
  const title = lowerFirst(item.title.replace(/^(Quy định|Hướng dẫn)\s+/i, ''));
  const about = title.startsWith('về ') ? title : `về ${title}`;
  return `${kind} số ${item.number} ngày ${Number(day)}/${Number(month)}/${year} của ${item.issuer} ${about}`;
}

/** The short label of a text, with its year where its number repeats in the register. */
export function shortLabel(item: RegulationItem, register: readonly RegulationItem[]): string {
  const repeats = register.filter((other) => other.number === item.number).length > 1;
  return repeats ? regulationLabel(item.number, item.signedOn) : item.number;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}
