import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/dangvien.js');

/** `dangvien regulation list|add` as an administrator uses it: a real process, JSON on stdout. */
describe('dangvien regulation', () => {
  let dir: string;
  let database: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dangvien-regulation-'));
    database = `sqlite:${join(dir, 'r.sqlite')}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const list = async (...args: string[]) =>
    JSON.parse(
      (await run('node', [bin, 'regulation', 'list', ...args, '--database', database])).stdout,
    ) as { items: { number: string; signedOn: string; origin: string }[] };

  it('lists the texts in force on a date (dd/mm/yyyy), by role', async () => {
    const { items } = await list('--governs', 'guidance', '--on', '15/08/2016');
    expect(items.map((r) => `${r.number} ${r.signedOn}`)).toEqual(['01-HD/TW 2012-01-05']);
  });

  it('adds a text that replaces the forms guidance from its effective date; refuses a bad date naming the field', async () => {
    const { stdout } = await run('node', [
      bin,
      'regulation',
      'add',
      '--number',
      '07-HD/BTCTW',
      '--title',
      'Hướng dẫn nghiệp vụ công tác đảng viên',
      '--issuer',
      'Ban Tổ chức Trung ương',
      '--signed',
      '02/03/2026',
      '--effective',
      '01/04/2026',
      '--governs',
      'forms',
      '--replaces',
      '12-HD/BTCTW@18/01/2022',
      '--reason',
      'Văn bản mới',
      '--database',
      database,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ number: '07-HD/BTCTW', origin: 'added' });
    expect((await list('--governs', 'forms', '--on', '31/03/2026')).items[0]?.number).toBe(
      '12-HD/BTCTW',
    );
    expect((await list('--governs', 'forms', '--on', '01/04/2026')).items[0]?.number).toBe(
      '07-HD/BTCTW',
    );
    const refused = await run('node', [
      bin,
      'regulation',
      'add',
      '--number',
      '08-HD/BTCTW',
      '--title',
      'x',
      '--issuer',
      'y',
      '--signed',
      '31/02/2026',
      '--effective',
      '01/04/2026',
      '--governs',
      'forms',
      '--reason',
      'thử',
      '--database',
      database,
    ]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('signedOn');
  });
});
