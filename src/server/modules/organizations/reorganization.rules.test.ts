import { describe, expect, it } from 'vitest';
import { addMove, describeStep, movedCounts } from './reorganization.rules.ts';
import type { ReorganizationMove } from '../../../shared/answers.ts';

const commune = { code: 'X-NS', name: 'Đảng bộ xã Na Son' };

describe('reorganization sentences', () => {
  it('counts what moves with Vietnamese numbers, leaving zeros out', () => {
    expect(
      movedCounts({ organizations: 13, cells: 12, members: 3040, candidates: 0, units: 14 }),
    ).toBe('12 chi bộ, 1 đảng bộ, 3.040 đảng viên, 14 đơn vị (thôn, bản, trường…)');
  });
  it('adds moves to the same organization into one entry', () => {
    const moves: ReorganizationMove[] = [];
    addMove(moves, commune, { organizations: 1, cells: 1, members: 10, candidates: 1, units: 1 });
    addMove(moves, commune, { organizations: 0, cells: 0, members: 2, candidates: 0, units: 0 });
    expect(moves).toEqual([
      { to: commune, organizations: 1, cells: 1, members: 12, candidates: 1, units: 1 },
    ]);
  });
  it('says a merge, a split and an empty dissolution in one sentence each', () => {
    const subjects = [{ code: 'DBD-NS', name: 'Đảng bộ xã Na Son cũ' }];
    const moves = [
      { to: commune, organizations: 12, cells: 12, members: 340, candidates: 0, units: 0 },
    ];
    expect(describeStep({ op: 'merge', subjects, moves, dissolved: subjects }, '2025-07-01')).toBe(
      'Hợp nhất Đảng bộ xã Na Son cũ vào Đảng bộ xã Na Son từ ngày 01/07/2025: 12 chi bộ, ' +
        '340 đảng viên sẽ chuyển sang Đảng bộ xã Na Son; Đảng bộ xã Na Son cũ giải thể.',
    );
    expect(
      describeStep(
        {
          op: 'split',
          subjects,
          moves: [
            {
              to: { code: 'A', name: 'Chi bộ A' },
              organizations: 0,
              cells: 0,
              members: 5,
              candidates: 0,
              units: 1,
            },
            {
              to: { code: 'B', name: 'Chi bộ B' },
              organizations: 0,
              cells: 0,
              members: 0,
              candidates: 0,
              units: 0,
            },
          ],
          dissolved: subjects,
        },
        '2026-02-01',
      ),
    ).toBe(
      'Chia tách Đảng bộ xã Na Son cũ từ ngày 01/02/2026: 5 đảng viên, 1 đơn vị (thôn, bản, trường…) ' +
        'sẽ chuyển sang Chi bộ A; Đảng bộ xã Na Son cũ giải thể.',
    );
    expect(
      describeStep(
        {
          op: 'move',
          subjects,
          moves: [{ ...moves[0]!, cells: 0, organizations: 0, members: 0 }],
          dissolved: [],
        },
        '2026-01-01',
      ),
    ).toBe(
      'Chuyển Đảng bộ xã Na Son cũ sang Đảng bộ xã Na Son từ ngày 01/01/2026: không có chi bộ, đảng viên, hồ sơ hay đơn vị nào phải chuyển.',
    );
  });
});
