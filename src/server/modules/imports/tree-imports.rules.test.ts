import { describe, expect, it } from 'vitest';
import {
  mapHeaders,
  parseLevel,
  parseSector,
  parseUnitKind,
  parseYesNo,
} from './imports.columns.ts';
import { parentsFirst, parseOrganizationRow, parseUnitRow } from './tree-imports.rules.ts';

const TODAY = '2026-11-27';

describe('tree import rules', () => {
  it('reads levels, unit kinds and sectors by Vietnamese name, usual other names or code', () => {
    expect(parseLevel('Đảng bộ xã')).toBe('grassroots');
    expect(parseLevel('DANG BO CO SO')).toBe('grassroots');
    expect(parseLevel('Chi bộ thôn/bản')).toBe('cell');
    expect(parseLevel('chi bo truc thuoc')).toBe('cell');
    expect(parseLevel('Chi bộ cơ sở')).toBe('grassroots_cell');
    expect(parseLevel('grassroots_cell')).toBe('grassroots_cell');
    expect(parseLevel('Đảng bộ huyện')).toBe('upper');
    expect(parseLevel('Chi bộ xóm núi')).toBeNull();
    expect(parseUnitKind('Thôn')).toBe('village');
    expect(parseUnitKind('trường')).toBe('school');
    expect(parseUnitKind('Cơ sở y tế')).toBe('health');
    expect(parseUnitKind('Làng nghề')).toBeNull();
    expect(parseSector('Giáo dục')).toBe('education');
    expect(parseSector('xa, thi tran')).toBe('commune');
    expect(parseYesNo('Có')).toBe(true);
    expect(parseYesNo('không')).toBe(false);
    expect(parseYesNo('có lẽ')).toBeNull();
  });

  it('reads an organizations row; the kind follows from the level', () => {
    const headers = ['Mã tổ chức', 'Tên tổ chức đảng', 'Cấp tổ chức', 'Cấp trên', 'Từ ngày'];
    const { byKey, missing } = mapHeaders('organizations', headers);
    expect(missing).toEqual([]);
    const ok = parseOrganizationRow(
      byKey,
      ['NS-C1', 'Chi bộ bản Huổi Sói', 'Chi bộ thôn/bản', 'NS', '01/07/2025'],
      2,
      TODAY,
    );
    expect(ok.record).toMatchObject({
      code: 'NS-C1',
      level: 'cell',
      kind: 'cell',
      parentCode: 'NS',
      establishedOn: '2025-07-01',
      combined: null,
    });
    const bad = parseOrganizationRow(
      byKey,
      ['NS C1', 'Chi bộ', 'Đảng bộ thôn', 'NS', '01/07/2030'],
      3,
      TODAY,
    );
    expect(bad.record).toBeNull();
    expect(bad.errors.map((e) => e.column)).toEqual([
      'Mã tổ chức',
      'Cấp tổ chức',
      'Ngày thành lập',
    ]);
    expect(bad.errors[2]?.message).toBe('Ngày 01/07/2030 ở tương lai');
  });

  it('reads a units row with several covering organizations', () => {
    const headers = ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Từ ngày', 'Tổ chức đảng phụ trách'];
    const { byKey } = mapHeaders('units', headers);
    const row = parseUnitRow(
      byKey,
      ['U1', 'Trường Tiểu học Na Son', 'Trường', '01/01/2020', 'C1; C2'],
      2,
      TODAY,
    );
    expect(row.record).toMatchObject({ kind: 'school', organizationCodes: ['C1', 'C2'] });
  });

  it('orders parents first and writes out loops', () => {
    const rows = [
      { code: 'C1', parent: 'X1' },
      { code: 'X1', parent: 'T' },
      { code: 'A', parent: 'B' },
      { code: 'B', parent: 'A' },
      { code: 'D', parent: 'A' },
    ];
    const { ordered, loops } = parentsFirst(
      rows,
      (r) => r.code,
      (r) => r.parent,
    );
    expect(ordered.map((r) => r.code)).toEqual(['X1', 'C1', 'D']);
    expect([...loops.values()]).toEqual(['A → B → A', 'A → B → A']);
  });
});
