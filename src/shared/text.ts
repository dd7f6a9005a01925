/**
 * Vietnamese text helpers shared by the server and the browser (no Node imports): normalization,
 * accent-insensitive search keys, Vietnamese collation keys, dd/mm/yyyy dates and 3.040 numbers.
 */

/** Zero-width characters that legacy converters and copy-paste leave inside words. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** Look-alike letters from legacy encodings: Ð/ð (Icelandic eth) and Ɖ/ɖ (African D) for Đ/đ. */
const LOOK_ALIKES = /[\u00D0\u0189\u00F0\u0256]/g;
const LOOK_ALIKE_MAP: Readonly<Record<string, string>> = {
  '\u00D0': '\u0110',
  '\u0189': '\u0110',
  '\u00F0': '\u0111',
  '\u0256': '\u0111',
};

/** Combining marks U+0300–U+036F: what foldText strips after NFD. */
const COMBINING_MARKS = /[\u0300-\u036F]/g;

/** Normalizes single-line input: NFC, Đ look-alikes, no zero-width characters, single spaces. */
export function normalizeText(s: string): string {
  return s
    .replace(ZERO_WIDTH, '')
    .replace(LOOK_ALIKES, (c) => LOOK_ALIKE_MAP[c] ?? c)
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

// Characters refused in any text input (issue 13). normalizeText silently drops zero-width
// characters, which only hide inside words; these are refused instead, so the sender learns:
// - NUL (PostgreSQL cannot store it: a NUL used to answer 500) and the other C0 controls but tab,
//   LF and CR: invisible, XML 1.0 forbids them (the XLSX and DOCX writers drop them silently, so
//   an export no longer matches the record) and ESC sequences act on the terminal that prints a
//   text report or a log line;
// - the bidirectional embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069, which make
//   text display in another order than it is stored ("Trojan Source", CVE-2021-42574);
// - the invisible direction marks U+200E, U+200F and U+061C: they reorder nothing in Vietnamese,
//   which is written left to right only, but make two texts that look alike differ (a national ID,
//   a code or a name that escapes search and duplicate detection), so no Vietnamese text needs them.
const REFUSED_CHARACTER =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** A character text input may not hold: where it is, its code point (`U+202E`) and its name. */
export interface RefusedCharacter {
  /** 1-based position in characters (code points), as a person counts them. */
  position: number;
  codePoint: string;
  name: string;
  nameEn: string;
}

/** The first character of `s` that text input may not hold (see REFUSED_CHARACTER), or null. */
export function refusedCharacter(s: string): RefusedCharacter | null {
  const match = REFUSED_CHARACTER.exec(s);
  if (!match) return null;
  const code = match[0].charCodeAt(0);
  const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const position = Array.from(s.slice(0, match.index)).length + 1;
  if (code === 0) return { position, codePoint, name: 'ký tự NUL', nameEn: 'NUL' };
  if (code < 0x20)
    return {
      position,
      codePoint,
      name: 'ký tự điều khiển',
      nameEn: 'a control character',
    };
  return {
    position,
    codePoint,
    name: 'ký tự điều khiển hướng chữ',
    nameEn: 'a bidirectional control character',
  };
}

/** The Vietnamese and English messages naming a refused character, for field errors. */
export function refusedCharacterMessage(found: RefusedCharacter): {
  message: string;
  messageEn: string;
} {
  return {
    message: `Chứa ${found.name} (${found.codePoint}) ở vị trí ${found.position}, không được phép; hãy gõ lại đoạn văn bản này`,
    messageEn: `Contains ${found.nameEn} (${found.codePoint}) at position ${found.position}, which is not allowed`,
  };
}

/** The search key: normalized, lower-case, without diacritics, đ folded to d (`dien bien dong`). */
export function foldText(s: string): string {
  return normalizeText(s)
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/\u0111/g, 'd')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

// Vietnamese collation keys.
//
// A key is printable ASCII, so a binary collation (SQLite BINARY, PostgreSQL "C") orders rows
// the same way compareVietnamese does. It is the primary key (letters), then LEVEL_SEPARATOR,
// then the secondary key (one tone digit per letter or number), so tones only break ties between
// texts whose letters are all equal. Primary units are prefix-free:
//   letter      base letter + variant digit: a→a0 ă→a1 â→a2, d→d0 đ→d1, e→e0 ê→e1, o→o0 ô→o1
//               ơ→o2, u→u0 ư→u1 (so the extra letters follow their base, before the next letter)
//   number      '0' + two-digit length + digits without leading zeros, so 9 sorts before 10
//   other       '~' + six hex digits of the code point, after every Latin letter
// Punctuation and symbols are ignored (H'Hen sorts as Hhen). Separators sort below every unit:
// NAME_SEPARATOR < LEVEL_SEPARATOR < WORD_SEPARATOR, so "An" < "An B" < "Anh".

const NAME_SEPARATOR = '!';
const LEVEL_SEPARATOR = ',';
const WORD_SEPARATOR = '.';
const NUMBER_PREFIX = '0';
const OTHER_PREFIX = '~';
const MAX_NUMBER_DIGITS = 99;

/**
 * Tone digits in Vietnamese dictionary order: ngang (none) < huyền ` < hỏi ? < ngã ~ < sắc ´ <
 * nặng . — the order of Hoàng Phê's Từ điển tiếng Việt and of the CLDR/ICU Vietnamese tailoring.
 */
const TONE_DIGIT: Readonly<Record<string, string>> = {
  '\u0300': '1',
  '\u0309': '2',
  '\u0303': '3',
  '\u0301': '4',
  '\u0323': '5',
};

/** Variant digit of a base letter under a modifier mark (breve, circumflex, horn). */
const VARIANT_DIGIT: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  a: { '\u0306': '1', '\u0302': '2' },
  e: { '\u0302': '1' },
  o: { '\u0302': '1', '\u031B': '2' },
  u: { '\u031B': '1' },
};

const IGNORED = /^[\p{P}\p{S}\p{C}\p{M}]$/u;

/** Primary units and tone digits of one word (already lower-case NFD, no spaces). */
function encodeWord(word: string): { primary: string; secondary: string } {
  const chars = Array.from(word);
  let primary = '';
  let secondary = '';
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] ?? '';
    i += 1;
    if (c >= '0' && c <= '9') {
      let digits = c;
      while (i < chars.length && (chars[i] ?? '') >= '0' && (chars[i] ?? '') <= '9') {
        digits += chars[i] ?? '';
        i += 1;
      }
      for (const chunk of numberChunks(digits)) {
        primary += NUMBER_PREFIX + String(chunk.length).padStart(2, '0') + chunk;
        secondary += '0';
      }
      continue;
    }
    if (IGNORED.test(c)) continue;
    let variant = '0';
    let tone = '0';
    while (i < chars.length && /^\p{M}$/u.test(chars[i] ?? '')) {
      const mark = chars[i] ?? '';
      i += 1;
      variant = VARIANT_DIGIT[c]?.[mark] ?? variant;
      if (tone === '0') tone = TONE_DIGIT[mark] ?? '0';
    }
    if (c >= 'a' && c <= 'z') primary += c + variant;
    else if (c === '\u0111') primary += 'd1';
    else primary += OTHER_PREFIX + (c.codePointAt(0) ?? 0).toString(16).padStart(6, '0');
    secondary += tone;
  }
  return { primary, secondary };
}

/** A digit run without leading zeros, split into chunks short enough for a two-digit length. */
function numberChunks(digits: string): string[] {
  const significant = digits.replace(/^0+(?=\d)/, '');
  const chunks: string[] = [];
  for (let start = 0; start < significant.length; start += MAX_NUMBER_DIGITS) {
    chunks.push(significant.slice(start, start + MAX_NUMBER_DIGITS));
  }
  return chunks;
}

/**
 * A printable-ASCII key whose binary order is Vietnamese collation (a ă â b … đ … ư … y, case-
 * insensitive; tones none < huyền < hỏi < ngã < sắc < nặng as a secondary key); ORDER BY-safe.
 */
export function vietnameseSortKey(s: string): string {
  const words = normalizeText(s).toLowerCase().normalize('NFD').split(' ');
  const primaries: string[] = [];
  let secondary = '';
  for (const word of words) {
    const encoded = encodeWord(word);
    if (encoded.primary === '') continue;
    primaries.push(encoded.primary);
    secondary += encoded.secondary;
  }
  return primaries.join(WORD_SEPARATOR) + LEVEL_SEPARATOR + secondary;
}

/** Sort key for a full name the Vietnamese way: given name (last word) first, then the rest. */
export function nameSortKey(fullName: string): string {
  const words = normalizeText(fullName).split(' ');
  const givenName = words.pop() ?? '';
  return vietnameseSortKey(givenName) + NAME_SEPARATOR + vietnameseSortKey(words.join(' '));
}

function compareKeys(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Comparator for Array.prototype.sort by Vietnamese collation (see vietnameseSortKey). */
export function compareVietnamese(a: string, b: string): number {
  return compareKeys(vietnameseSortKey(a), vietnameseSortKey(b));
}

/**
 * A copy of `items` in Vietnamese order of `text(item)`, each key computed once (a comparator
 * computing keys per comparison costs n log n key computations: 0.2 s for a province's ~1,000
 * organizations).
 */
export function sortedVietnamese<T>(items: readonly T[], text: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: vietnameseSortKey(text(item)) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((keyed) => keyed.item);
}

/** Comparator for full names: by given name, then the rest (see nameSortKey). */
export function compareNames(a: string, b: string): number {
  return compareKeys(nameSortKey(a), nameSortKey(b));
}

// Numbers.

/** Vietnamese number format without Intl locale data: 3.040, 5.600.000, 1,5; '' if not finite. */
export function formatNumber(n: number, fractionDigits = 0): string {
  if (!Number.isFinite(n)) return '';
  const fixed =
    Math.abs(n) < 1e21
      ? Math.abs(n).toFixed(fractionDigits)
      : // toFixed switches to exponent notation here; such numbers have no fraction anyway.
        BigInt(Math.abs(n)).toString() +
        (fractionDigits > 0 ? '.' + '0'.repeat(fractionDigits) : '');
  const [integerPart = '0', fractionPart] = fixed.split('.');
  const grouped = integerPart.replace(/\B(?=(\d{3})+$)/g, '.');
  const body = fractionPart === undefined ? grouped : `${grouped},${fractionPart}`;
  return n < 0 && /[1-9]/.test(fixed) ? `-${body}` : body;
}

/** Formats a percentage the Vietnamese way: 160 → '160%', 12.5 with 1 digit → '12,5%'. */
export function formatPercent(n: number, fractionDigits = 0): string {
  const number = formatNumber(n, fractionDigits);
  return number === '' ? '' : `${number}%`;
}
