import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { withinOneEdit, duplicateReason } from '../people/duplicates.rules.ts';
import { mapHeaders, parseEducation, parseGender, parseTargetGroups } from './imports.columns.ts';
import { readCsv } from './imports.reader.ts';
import { parseRow, readCell, readingToDate } from './imports.rules.ts';

describe('import rules', () => {
  it('matches headers in Vietnamese or English, any case or accents, in any order', () => {
    const { byKey, missing, ignored } = mapHeaders('people', [
      'BIRTH DATE',
      'ho va ten',
      'Giới tính (*)',
      'Dân tộc',
      'Trình độ học vấn',
      'Ghi chú',
    ]);
    expect(byKey.get('fullName')).toBe(1);
    expect(byKey.get('birthDate')).toBe(0);
    expect(missing).toEqual([]);
    expect(ignored).toEqual(['Ghi chú']);
  });

  it('reads dates as dd/mm/yyyy, ISO, Excel serials and date cells; 31/02 is invalid', () => {
    expect(readingToDate(readCell('05/06/1990'))).toBe('1990-06-05');
    expect(readingToDate(readCell('1990-06-05'))).toBe('1990-06-05');
    expect(readingToDate(readCell(33000))).toBe('1990-05-07');
    expect(readingToDate(readCell(new Date(Date.UTC(1990, 5, 5))))).toBe('1990-06-05');
    expect(readingToDate(readCell('31/02/1990'))).toBeNull();
  });

  it('reads Nam/Nữ, education names and abbreviations, target groups by name', () => {
    expect(parseGender('Nữ'.normalize('NFD'))).toBe('female');
    expect(parseGender('nam')).toBe('male');
    expect(parseEducation('THCS')).toBe('lower_secondary');
    expect(parseEducation('12/12')).toBe('upper_secondary');
    expect(parseTargetGroups('Dân tộc thiểu số; đoàn viên thanh niên')).toEqual({
      groups: ['ethnic_minority', 'youth_union'],
      unknown: [],
    });
  });

  it('names the column of every problem in a row', () => {
    const { byKey } = mapHeaders('members', [
      'Họ và tên',
      'Giới tính',
      'Ngày sinh',
      'Dân tộc',
      'Số định danh cá nhân',
      'Đơn vị',
      'Trình độ học vấn',
      'Chi bộ',
      'Ngày kết nạp',
    ]);
    const row = parseRow(
      'members',
      byKey,
      ['Ðỗ Văn A', 'X', '01/01/2010', { formula: 'A1' }, '123', 'U', 'THPT', 'C', '01/01/2020'],
      7,
      '2026-11-27',
    );
    expect(row.person).toBeNull();
    expect(row.label).toBe('Đỗ Văn A');
    expect(row.errors.map((e) => e.column)).toEqual([
      'Giới tính',
      'Dân tộc',
      'Số định danh cá nhân',
      'Ngày kết nạp',
    ]);
  });

  it('keeps the leading zero of a national ID Excel turned into a number', () => {
    const { byKey } = mapHeaders('people', [
      'Họ và tên',
      'Giới tính',
      'Ngày sinh',
      'Dân tộc',
      'CCCD',
      'Trình độ học vấn',
    ]);
    const row = parseRow(
      'people',
      byKey,
      ['A B', 'Nam', '01/01/1990', 'Kinh', 11090000001, 'THPT'],
      2,
      '2026-11-27',
    );
    expect(row.person?.nationalId).toBe('011090000001');
    expect(row.warnings).toHaveLength(1);
  });
});

describe('duplicate rules', () => {
  it('one edit apart, and different national IDs prove two people', () => {
    expect(withinOneEdit('lo van duc', 'lo van duc')).toBe(true);
    expect(withinOneEdit('lo van duc', 'lo van dua')).toBe(true);
    expect(withinOneEdit('lo van duc', 'lo van du')).toBe(true);
    expect(withinOneEdit('lo van duc', 'lo van dug x')).toBe(false);
    const a = { nationalId: null, nameFolded: 'lo van duc', birthDate: '1990-01-01', unitId: 1 };
    expect(duplicateReason(a, { ...a, birthDate: '1990-05-05', nameFolded: 'lo van dut' })).toBe(
      'close_name',
    );
    expect(duplicateReason(a, { ...a, unitId: 2, birthDate: '1990-05-05' })).toBeNull();
    expect(duplicateReason({ ...a, nationalId: '1' }, { ...a, nationalId: '2' })).toBeNull();
    expect(duplicateReason(a, { ...a, nationalId: '2' })).toBe('name_birth_date');
  });
});

describe('CSV reader', () => {
  it('handles a BOM, semicolons, quotes, line breaks in quotes and chunks split anywhere', async () => {
    const text = '\ufeffHọ và tên;Ghi chú\r\n"Lò ""Văn"" Đức";"hai\ndòng"\r\nA;B';
    const bytes = Buffer.from(text, 'utf8');
    const chunks = Array.from(bytes).map((b) => Buffer.from([b]));
    const rows = [];
    for await (const row of readCsv(Readable.from(chunks))) rows.push(row.cells);
    expect(rows).toEqual([
      ['Họ và tên', 'Ghi chú'],
      ['Lò "Văn" Đức', 'hai\ndòng'],
      ['A', 'B'],
    ]);
  });
});
