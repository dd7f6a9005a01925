import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareNames,
  compareVietnamese,
  foldText,
  formatNumber,
  formatPercent,
  nameSortKey,
  normalizeText,
  sortedVietnamese,
  vietnameseSortKey,
} from './text.ts';
import { formatDate, isIsoDate, parseDate } from './dates.ts';

/** Every Vietnamese vowel (rows in alphabet order) with tones none, huyền, hỏi, ngã, sắc, nặng. */
const VOWEL_TABLE: ReadonlyArray<readonly [string, string]> = [
  ['a', 'a à ả ã á ạ A À Ả Ã Á Ạ'],
  ['a', 'ă ằ ẳ ẵ ắ ặ Ă Ằ Ẳ Ẵ Ắ Ặ'],
  ['a', 'â ầ ẩ ẫ ấ ậ Â Ầ Ẩ Ẫ Ấ Ậ'],
  ['e', 'e è ẻ ẽ é ẹ E È Ẻ Ẽ É Ẹ'],
  ['e', 'ê ề ể ễ ế ệ Ê Ề Ể Ễ Ế Ệ'],
  ['i', 'i ì ỉ ĩ í ị I Ì Ỉ Ĩ Í Ị'],
  ['o', 'o ò ỏ õ ó ọ O Ò Ỏ Õ Ó Ọ'],
  ['o', 'ô ồ ổ ỗ ố ộ Ô Ồ Ổ Ỗ Ố Ộ'],
  ['o', 'ơ ờ ở ỡ ớ ợ Ơ Ờ Ở Ỡ Ớ Ợ'],
  ['u', 'u ù ủ ũ ú ụ U Ù Ủ Ũ Ú Ụ'],
  ['u', 'ư ừ ử ữ ứ ự Ư Ừ Ử Ữ Ứ Ự'],
  ['y', 'y ỳ ỷ ỹ ý ỵ Y Ỳ Ỷ Ỹ Ý Ỵ'],
];

/** The lower-case letters of a VOWEL_TABLE row, tone by tone. */
function lowerTones(row: string): string[] {
  return row.split(' ').slice(0, 6);
}

function sortedBy<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  return [...items].sort(compare);
}

function shuffled<T>(items: readonly T[]): T[] {
  // A fixed permutation (reverse, then interleave) keeps the test deterministic.
  const reversed = [...items].reverse();
  return [...reversed.filter((_, i) => i % 2 === 1), ...reversed.filter((_, i) => i % 2 === 0)];
}

describe('normalizeText', () => {
  it('maps the legacy look-alikes Ð, Ɖ and ð to Đ and đ', () => {
    expect(normalizeText('\u00D0iện Biên \u00D0ông')).toBe('\u0110iện Biên \u0110ông');
    expect(normalizeText('\u0189ảng')).toBe('\u0110ảng');
    expect(normalizeText('\u00F0ồng chí')).toBe('\u0111ồng chí');
    expect(normalizeText('Ðảng viên')).toBe('Đảng viên');
  });

  it('composes decomposed (NFD) input to the same string as composed input', () => {
    const composed = 'Nguyễn Thị Ánh Tuyết, Đắk Lắk, Thừa Thiên Huế';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(normalizeText(decomposed)).toBe(composed);
    expect(normalizeText('Nguye\u0302\u0303n')).toBe('Nguyễn');
    expect(normalizeText('ê\u0301')).toBe('ế');
  });

  it('removes zero-width characters, even between a letter and its accent', () => {
    expect(normalizeText('Ng\u200Buyễn\u200C \u200DVăn\uFEFF A\u00ADn')).toBe('Nguyễn Văn An');
    expect(normalizeText('\uFEFFChi bộ')).toBe('Chi bộ');
    expect(normalizeText('Nguye\u200B\u0302\u0303n')).toBe('Nguyễn');
  });

  it('turns Unicode spaces into one ASCII space and trims', () => {
    expect(normalizeText('  Nguyễn\u00A0\u00A0Văn\u2003An\u202F ')).toBe('Nguyễn Văn An');
    expect(normalizeText('Chi bộ\t\n 3')).toBe('Chi bộ 3');
    expect(normalizeText(' \u3000 ')).toBe('');
  });
});

describe('foldText', () => {
  it('folds Đ, Ð and ð to d', () => {
    expect(foldText('Ðiện Biên Ðông')).toBe('dien bien dong');
    expect(foldText('Điện Biên Đông')).toBe('dien bien dong');
    expect(foldText('ðồng Đăng')).toBe('dong dang');
  });

  it('lower-cases and strips accents from names', () => {
    expect(foldText('Giàng A Páo')).toBe('giang a pao');
    expect(foldText('  NGUYỄN\u00A0Thị  Ánh ')).toBe('nguyen thi anh');
    expect(foldText('Nguyễn'.normalize('NFD'))).toBe('nguyen');
  });

  it.each(VOWEL_TABLE)('folds every tone of every vowel to %s: %s', (base, row) => {
    const letters = row.split(' ');
    expect(letters).toHaveLength(12);
    for (const letter of letters) {
      expect(letter).toHaveLength(1);
      expect(foldText(letter)).toBe(base);
    }
  });
});

describe('vietnameseSortKey', () => {
  it('orders every vowel by letter (a ă â e ê i o ô ơ u ư y), then by tone', () => {
    const expected = VOWEL_TABLE.flatMap(([, row]) => lowerTones(row));
    expect(sortedBy(shuffled(expected), compareVietnamese)).toEqual(expected);
  });

  it('puts ă and â after a, đ after d, ư after u, and tones after all letters', () => {
    const expected = ['an', 'anh', 'ăn', 'ân', 'dung', 'dũng', 'dương', 'đa', 'thu', 'thuỷ', 'thư'];
    expect(sortedBy(shuffled(expected), compareVietnamese)).toEqual(expected);
  });

  it('follows the Vietnamese alphabet, with f j w z in their English place', () => {
    const expected = 'a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z'.split(' ');
    expect(sortedBy(shuffled(expected), compareVietnamese)).toEqual(expected);
  });

  it('orders tones none < huyền < hỏi < ngã < sắc < nặng', () => {
    const expected = ['Ma', 'Mà', 'Mả', 'Mã', 'Má', 'Mạ', 'Mai'];
    expect(sortedBy(shuffled(expected), compareVietnamese)).toEqual(expected);
  });

  it('is case-insensitive and ignores legacy look-alikes, NFD and extra spaces', () => {
    expect(vietnameseSortKey('ĐIỆN BIÊN')).toBe(vietnameseSortKey('điện biên'));
    expect(vietnameseSortKey('Ðiện  Biên')).toBe(vietnameseSortKey('Điện Biên'));
    expect(vietnameseSortKey('Điện Biên'.normalize('NFD'))).toBe(vietnameseSortKey('Điện Biên'));
  });

  it('sorts a shorter word before a longer one, word by word', () => {
    const expected = ['An', 'An Bình', 'An Khánh', 'Anh', 'Ba'];
    expect(sortedBy(shuffled(expected), compareVietnamese)).toEqual(expected);
  });

  it('sortedVietnamese orders records as the comparator orders their texts, keys computed once', () => {
    const expected = ['Chi bộ 2', 'Chi bộ 10', 'Chi bộ Ăn', 'Chi bộ Đông', 'Đảng bộ xã Ẳng'];
    const records = shuffled(expected).map((name, i) => ({ name, i }));
    expect(sortedVietnamese(records, (r) => r.name).map((r) => r.name)).toEqual(expected);
    fc.assert(
      fc.property(fc.array(fc.string()), (names) => {
        expect(sortedVietnamese(names, (n) => n)).toEqual(sortedBy(names, compareVietnamese));
      }),
    );
  });

  it('puts numbers before letters and orders them by value', () => {
    const expected = ['Chi bộ 2', 'Chi bộ 9', 'Chi bộ 10', 'Chi bộ 100', 'Chi bộ A'];
    expect(sortedBy(shuffled(expected), compareVietnamese)).toEqual(expected);
  });

  it('uses only printable ASCII so a binary ORDER BY agrees', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(vietnameseSortKey(s)).toMatch(/^[\x20-\x7E]*$/);
        expect(nameSortKey(s)).toMatch(/^[\x20-\x7E]*$/);
      }),
    );
  });
});

describe('nameSortKey', () => {
  const expectedNames = [
    'Lê An',
    'Nguyễn Văn An',
    'Trần An',
    'Phạm Văn Anh',
    'Hoàng Thị Ân',
    'Lò Thị Bình',
    'Nguyễn Thị Dung',
    'Hà Văn Dũng',
    'Mai Văn Dương',
    'Ðinh Văn Ðạt',
    'Lương Văn Đức',
    'Giàng A Páo',
    'Trần Thị Thu',
    'Vũ Thu Thuỷ',
    'Lê Thị Thư',
    'Nguyễn Thị Út',
    'Nông Thị Uyên',
    'Lê Văn Ứng',
  ];

  it('sorts by given name, then by the rest of the name', () => {
    const byKey = (a: string, b: string) => {
      const ka = nameSortKey(a);
      const kb = nameSortKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    };
    expect(sortedBy(shuffled(expectedNames), byKey)).toEqual(expectedNames);
  });

  it('agrees with compareNames', () => {
    expect(sortedBy(shuffled(expectedNames), compareNames)).toEqual(expectedNames);
  });

  it('orders given names that differ only in tone', () => {
    const expected = ['Lý Văn Ma', 'Lý Văn Mà', 'Lý Văn Mả', 'Lý Văn Mã', 'Lý Văn Má', 'Lý Văn Mạ'];
    expect(sortedBy(shuffled(expected), compareNames)).toEqual(expected);
  });

  it('keeps the examples from the spec in order', () => {
    expect(compareNames('Nguyễn Văn An', 'Lò Thị Bình')).toBe(-1);
    expect(compareNames('Lò Thị Bình', 'Giàng A Páo')).toBe(-1);
    expect(compareNames('Trần An', 'Lê An')).toBe(1);
    expect(compareNames('Ðinh Văn Ðạt', 'Đinh Văn Đạt')).toBe(0);
    expect(compareNames('An', 'Nguyễn An')).toBe(-1);
  });

  it('sorts any list the same way by key and by comparator', () => {
    const syllable = fc.constantFrom(
      'An',
      'Ân',
      'Ăn',
      'Bình',
      'Dung',
      'Dũng',
      'Đức',
      'Ma',
      'Mà',
      'Má',
      'Thu',
      'Thư',
      'Thuỷ',
      'Út',
      'Ưng',
      'Nguyễn',
      'Văn',
      'Thị',
    );
    const name = fc.array(syllable, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 20 }), (names) => {
        const byKey = names
          .map((n) => [nameSortKey(n), n] as const)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, n]) => n);
        expect(sortedBy(names, compareNames)).toEqual(byKey);
      }),
    );
  });
});

describe('text properties', () => {
  const vietnameseChar = fc.constantFrom(
    ...'aăâbdđeêioôơuưyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậềểễếệọộợụựỳỷỹýỵ',
    '\u00D0',
    '\u00F0',
    '\u0189',
    '\u0300',
    '\u0301',
    '\u0302',
    '\u0303',
    '\u0306',
    '\u0309',
    '\u031B',
    '\u0323',
    '\u200B',
    '\uFEFF',
    '\u00AD',
    '\u00A0',
    ' ',
    '\t',
  );
  const text = fc.oneof(
    fc.string({ unit: vietnameseChar, maxLength: 30 }),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
  );

  it('foldText is idempotent', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s));
      }),
    );
  });

  it('normalizeText ignores whether the input was decomposed', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(normalizeText(s.normalize('NFD'))).toBe(normalizeText(s));
      }),
    );
  });

  it('normalizeText is idempotent and the sort key ignores decomposition', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
        expect(vietnameseSortKey(s.normalize('NFD'))).toBe(vietnameseSortKey(s));
      }),
    );
  });
});

describe('formatDate', () => {
  it('shows ISO dates and timestamps as dd/mm/yyyy', () => {
    expect(formatDate('2017-02-03')).toBe('03/02/2017');
    expect(formatDate('2024-12-31T23:59:59.000Z')).toBe('31/12/2024');
    expect(formatDate('2024-01-05 08:00:00')).toBe('05/01/2024');
  });

  it('shows nothing for a missing date and other text as it is', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('không rõ')).toBe('không rõ');
  });
});

describe('parseDate', () => {
  it.each([
    ['03/02/2017', '2017-02-03'],
    ['3/2/2017', '2017-02-03'],
    ['03-02-2017', '2017-02-03'],
    ['03.02.2017', '2017-02-03'],
    ['2017-02-03', '2017-02-03'],
    [' 31/12/1999 ', '1999-12-31'],
    ['29/02/2016', '2016-02-29'],
    ['29/02/2000', '2000-02-29'],
    ['30/04/1975', '1975-04-30'],
  ])('parses %s as %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    '31/02/2017',
    '29/02/2017',
    '29/02/1900',
    '31/04/2020',
    '00/01/2020',
    '01/13/2020',
    '01/00/2020',
    '32/01/2020',
    '01/02/17',
    '03/02-2017',
    '2017-2-3',
    '2017-02-30',
    '01/01/0000',
    '123/01/2020',
    'abc',
    '',
  ])('rejects %j', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('isIsoDate', () => {
  it('accepts only strict real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2016-02-29')).toBe(true);
    expect(isIsoDate('2017-02-29')).toBe(false);
    expect(isIsoDate('2017-2-3')).toBe(false);
    expect(isIsoDate('03/02/2017')).toBe(false);
    expect(isIsoDate(' 2017-02-03')).toBe(false);
    expect(isIsoDate('2017-02-03T00:00:00Z')).toBe(false);
  });
});

describe('formatNumber', () => {
  it.each([
    [0, 0, '0'],
    [7, 0, '7'],
    [999, 0, '999'],
    [3040, 0, '3.040'],
    [100000, 0, '100.000'],
    [5600000, 0, '5.600.000'],
    [1234567890, 0, '1.234.567.890'],
    [1.5, 1, '1,5'],
    [1234.5, 2, '1.234,50'],
    [2.5, 0, '3'],
    [-3040, 0, '-3.040'],
    [-0.4, 0, '0'],
    [-1234.56, 1, '-1.234,6'],
    [1e21, 0, '1.000.000.000.000.000.000.000'],
  ])('formats %d with %d digits as %s', (n, digits, expected) => {
    expect(formatNumber(n, digits)).toBe(expected);
  });

  it('shows nothing for NaN and infinities', () => {
    expect(formatNumber(Number.NaN)).toBe('');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('formats percentages', () => {
    expect(formatPercent(160)).toBe('160%');
    expect(formatPercent(12.5, 1)).toBe('12,5%');
    expect(formatPercent(1250)).toBe('1.250%');
    expect(formatPercent(Number.NaN)).toBe('');
  });
});
