import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, normalizeText, refusedCharacter, refusedCharacterMessage } from './text.ts';
import { formatDate, isIsoDate, parseDate } from './dates.ts';

/**
 * Hostile-input properties of the text helpers (issue 9): folding never leaves an accent, a đ or
 * an invisible character whatever comes in (NFD, zero-width, Ð look-alikes, emoji, lone
 * surrogates), keeps substrings findable, and date parsing never throws and only ever answers a
 * real calendar day.
 */

const LETTERS = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ',
];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
const syllable = fc
  .array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 6 })
  .map((cs) => cs.join(''));
const name = fc.array(syllable, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  name.map((n) => n.normalize('NFD')),
  fc.string({
    unit: fc.constantFrom(...LETTERS, ...ZERO_WIDTH, 'Ð', 'ð', ' ', '\t', '\n'),
    maxLength: 40,
  }),
);

/** Inserts zero-width characters at random places. */
const sprinkled = fc
  .tuple(name, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ZERO_WIDTH)), { maxLength: 5 }))
  .map(([text, inserts]) => {
    let out = text;
    for (const [at, zw] of inserts) {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + zw + out.slice(i);
    }
    return { text, out };
  });

describe('foldText under hostile input', () => {
  it('never throws and leaves no combining mark, đ/Đ/Ð, zero-width character or double space', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const folded = foldText(s);
        expect(folded).not.toMatch(
          /[\u0300-\u036F\u0110\u0111\u00D0\u00F0\u200B-\u200D\u2060\uFEFF\u00AD]/,
        );
        expect(folded).not.toMatch(/\s\s|^\s|\s$/);
        expect(folded).toBe(folded.toLowerCase());
      }),
      { numRuns: 1000 },
    );
  });

  it('ignores zero-width characters, NFD and the Ð look-alike', () => {
    fc.assert(
      fc.property(sprinkled, ({ text, out }) => {
        expect(foldText(out)).toBe(foldText(text));
        expect(foldText(text.normalize('NFD'))).toBe(foldText(text));
        expect(foldText(text.replace(/Đ/g, 'Ð').replace(/đ/g, 'ð'))).toBe(foldText(text));
      }),
      { numRuns: 500 },
    );
  });

  it('finds any word-aligned part of a name by its folded, unaccented, lower-case form', () => {
    fc.assert(
      fc.property(name, fc.nat(), fc.nat(), (full, a, b) => {
        const words = full.split(' ');
        const from = a % words.length;
        const to = from + 1 + (b % (words.length - from));
        const part = words.slice(from, to).join(' ');
        expect(foldText(full).includes(foldText(part.toUpperCase()))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('normalizeText output is NFC and stable', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const once = normalizeText(s);
        expect(once).toBe(once.normalize('NFC'));
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseDate under hostile input', () => {
  const day = fc
    .integer({ min: -25_000, max: 47_000 })
    .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

  it('never throws, and answers null or a real YYYY-MM-DD day', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 20 }),
          fc.stringMatching(/^\d{1,3}[/.-]\d{1,3}[/.-]\d{1,5}$/),
          fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        ),
        (s) => {
          const parsed = parseDate(s);
          if (parsed !== null) expect(isIsoDate(parsed)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads back every day it formats, in every accepted spelling', () => {
    fc.assert(
      fc.property(day, (iso) => {
        const [y, m, d] = iso.split('-');
        expect(parseDate(iso)).toBe(iso);
        expect(parseDate(formatDate(iso))).toBe(iso);
        expect(parseDate(`${Number(d)}/${Number(m)}/${y}`)).toBe(iso);
        expect(parseDate(` ${d}.${m}.${y} `)).toBe(iso);
        expect(parseDate(`${d}-${m}-${y}`)).toBe(iso);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses days that do not exist', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        const mm = String(m).padStart(2, '0');
        expect(parseDate(`${y}-${mm}-${last + 1}`)).toBeNull();
        expect(parseDate(`${last + 1}/${mm}/${y}`)).toBeNull();
        expect(parseDate(`${y}-${mm}-00`)).toBeNull();
      }),
    );
  });
});

describe('refusedCharacter (issue 13: NUL, control and bidirectional characters)', () => {
  const REFUSED = [
    '\u0000',
    '\u0001',
    '\u0008',
    '\u000B',
    '\u000C',
    '\u000E',
    '\u001F',
    '\u061C',
    '\u200E',
    '\u200F',
    '\u202A',
    '\u202B',
    '\u202C',
    '\u202D',
    '\u202E',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
  ];

  it('never refuses Vietnamese text, NFD or not, with tabs and line breaks', () => {
    fc.assert(
      fc.property(name, fc.constantFrom('', '\t', '\n', '\r\n', ' '), (text, space) => {
        expect(refusedCharacter(text + space + text.normalize('NFD'))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('finds a refused character anywhere, with its code point and its position in characters', () => {
    fc.assert(
      fc.property(
        name,
        fc.nat(),
        fc.constantFrom(...REFUSED),
        fc.constantFrom('', '😀'),
        (text, at, bad, emoji) => {
          const chars = Array.from(emoji + text);
          const i = at % (chars.length + 1);
          const found = refusedCharacter([...chars.slice(0, i), bad, ...chars.slice(i)].join(''));
          expect(found?.codePoint).toBe(
            `U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
          );
          expect(found?.position).toBe(i + 1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names the character in Vietnamese and English', () => {
    const nul = refusedCharacter('a\u0000');
    expect(nul && refusedCharacterMessage(nul).message).toBe(
      'Chứa ký tự NUL (U+0000) ở vị trí 2, không được phép; hãy gõ lại đoạn văn bản này',
    );
    const rlo = refusedCharacter('\u202Eabc');
    expect(rlo && refusedCharacterMessage(rlo).messageEn).toBe(
      'Contains a bidirectional control character (U+202E) at position 1, which is not allowed',
    );
  });
});
