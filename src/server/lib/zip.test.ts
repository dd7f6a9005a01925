import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { crc32, zip } from './zip.ts';

function hasUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('zip', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('stores entries in order, names in UTF-8 with flag bit 11, readable by JSZip', async () => {
    const name = '09-KNĐ Quyết định kết nạp đảng viên - Nguyễn Thị Ánh.docx';
    const archive = zip([
      { name, data: Buffer.from('nội dung') },
      { name: 'trống.txt', data: Buffer.alloc(0), modifiedAt: new Date('2026-12-06T08:30:10Z') },
    ]);
    expect(archive.readUInt32LE(0)).toBe(0x04034b50);
    expect(archive.readUInt16LE(6) & 0x0800).toBe(0x0800);
    expect(archive.readUInt16LE(8)).toBe(0); // stored
    const read = await JSZip.loadAsync(archive);
    expect(Object.keys(read.files)).toEqual([name, 'trống.txt']);
    expect(await read.file(name)?.async('string')).toBe('nội dung');
    expect(await read.file('trống.txt')?.async('string')).toBe('');
  });

  it('refuses two entries of the same name', () => {
    const data = Buffer.from('x');
    expect(() =>
      zip([
        { name: 'a.docx', data },
        { name: 'a.docx', data },
      ]),
    ).toThrow(/trùng/);
  });

  it.skipIf(!hasUnzip())('Info-ZIP unzip tests it and extracts the Vietnamese names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    try {
      const file = join(dir, 'a.zip');
      writeFileSync(file, zip([{ name: 'Hồ sơ Đảng.txt', data: Buffer.from('ổn') }]));
      execFileSync('unzip', ['-tq', file]);
      execFileSync('unzip', ['-q', file, '-d', join(dir, 'out')]);
      expect(readdirSync(join(dir, 'out'))).toEqual(['Hồ sơ Đảng.txt']);
      expect(readFileSync(join(dir, 'out', 'Hồ sơ Đảng.txt'), 'utf8')).toBe('ổn');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
