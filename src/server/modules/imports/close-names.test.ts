import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withinOneEdit } from '../people/duplicates.rules.ts';
import {
  CLOSE_NAME_WARNINGS,
  CloseNameGroup,
  CloseNameGroups,
  type NameHolder,
} from './close-names.ts';

/** What the preview did before the trie: every earlier holder compared in order. */
function bruteForce(
  holders: NameHolder[],
  name: string,
  birthDate: string,
  limit: number,
): NameHolder[] {
  return holders
    .filter(
      (h) =>
        !(h.nameFolded === name && h.birthDate === birthDate) && withinOneEdit(h.nameFolded, name),
    )
    .slice(0, limit);
}

const holder = (k: number, nameFolded: string, birthDate: string): NameHolder => ({
  id: null,
  row: k,
  nameFolded,
  fullName: nameFolded,
  birthDate,
});

describe('close names', () => {
  it('answer what comparing with every earlier holder answers, in the same order, small or large', () => {
    // A tiny alphabet and few dates, so close names, equal names and equal dates abound.
    const entry = fc.record({
      name: fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 6 }),
      date: fc.constantFrom('1990-01-01', '1990-02-01', '1990-03-01'),
      limit: fc.integer({ min: 1, max: CLOSE_NAME_WARNINGS }),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 300 }), (entries) => {
        const group = new CloseNameGroup();
        const earlier: NameHolder[] = [];
        entries.forEach((e, k) => {
          expect(group.closest(e.name, e.date, e.limit)).toEqual(
            bruteForce(earlier, e.name, e.date, e.limit),
          );
          const h = holder(k, e.name, e.date);
          group.add(h);
          earlier.push(h);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('find insertions, deletions and substitutions anywhere in the name, and nothing two edits away', () => {
    const group = new CloseNameGroup();
    // Two copies of the number: two names differ in at least two letters.
    for (let k = 1000; k < 1200; k++) group.add(holder(k, `nguyen van anh ${k}${k}`, '1990-01-01'));
    const dates = ['1990-02-01', '1990-03-01', '1990-04-01', '1990-05-01', '1990-06-01'];
    for (const [k, date] of [...dates, '1990-07-01', '1990-08-01'].entries())
      group.add(holder(k, 'tran thi be', date));
    const found = (name: string, birthDate = '1990-12-31') =>
      group
        .closest(name, birthDate, CLOSE_NAME_WARNINGS)
        .map((h) => `${h.nameFolded} ${h.birthDate}`);
    const anh = ['nguyen van anh 10071007 1990-01-01'];
    expect(found('nguyen van anh 10071007')).toEqual(anh);
    expect(found('nguyen van ann 10071007')).toEqual(anh);
    expect(found('guyen van anh 10071007')).toEqual(anh);
    expect(found('nguyen van anh 100710077')).toEqual(anh);
    expect(found('nguyen van anh 1007107')).toEqual(anh);
    expect(found('nguyen van ann 1007107')).toEqual([]);
    expect(found('tran thi bé')).toEqual(dates.map((d) => `tran thi be ${d}`));
    // The same name and birth date is the same person (a duplicate), not a close name.
    expect(found('tran thi be', '1990-02-01')).toEqual(
      [...dates.slice(1), '1990-07-01'].map((d) => `tran thi be ${d}`),
    );
  });

  it('a search costs about the same in a group of 100,000 near-identical names as in one of 10,000', () => {
    const timed = (n: number) => {
      const group = new CloseNameGroup();
      for (let k = 0; k < n; k++)
        group.add(holder(k, `nguyen van anh ${String(k).padStart(6, '0')}`, '1990-01-01'));
      const started = performance.now();
      for (let k = 0; k < 2000; k++)
        group.closest(`nguyen van anh ${String(k * 7).padStart(6, '0')}x`, '1990-01-02', 5);
      return performance.now() - started;
    };
    timed(10_000);
    const small = timed(10_000);
    const large = timed(100_000);
    expect(large).toBeLessThan(Math.max(200, small * 4));
  });

  it('forget the least recently used groups past the limit, never those in use', () => {
    const groups = new CloseNameGroups(100);
    for (const key of ['a', 'b', 'c']) {
      groups.set(key, new CloseNameGroup());
      for (let k = 0; k < 60; k++) groups.add(key, holder(k, `${key}${k}`, '1990-01-01'));
    }
    groups.get('a');
    groups.trim(new Set(['c']));
    expect(['a', 'b', 'c'].filter((k) => groups.has(k))).toEqual(['c']);
  });
});
