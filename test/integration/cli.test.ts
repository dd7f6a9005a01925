import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/dangvien.js');

/** The CLI as an administrator uses it: a real process, JSON on stdout, one-line errors. */
describe('dangvien CLI on the demo', () => {
  let dir: string;
  let database: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dangvien-cli-'));
    database = `sqlite:${join(dir, 'demo.sqlite')}`;
    const { stdout } = await run('node', [bin, 'demo', '--database', database]);
    expect(JSON.parse(stdout)).toMatchObject({ database });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('setting set checks the value, and setting list shows it', async () => {
    await expect(
      run('node', [
        bin,
        'setting',
        'set',
        'report.timeZone',
        'Mars/Olympus',
        '--database',
        database,
      ]),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('value: "Mars/Olympus" không phải múi giờ') as unknown,
    });
    await run('node', [
      bin,
      'setting',
      'set',
      'report.timeZone',
      'Asia/Bangkok',
      '--database',
      database,
    ]);
    const { stdout } = await run('node', [bin, 'setting', 'list', '--database', database]);
    expect(JSON.parse(stdout)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'report.timeZone', value: 'Asia/Bangkok' }),
        expect.objectContaining({ key: 'report.place', value: 'Điện Biên Đông' }),
      ]),
    );
  });

  it('report summary --format json gives the article’s 2017 figures', async () => {
    const { stdout } = await run('node', [
      bin,
      'report',
      'summary',
      '--org',
      'DBD',
      '--year',
      '2017',
      '--format',
      'json',
      '--database',
      database,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({
      membersAtEnd: 3040,
      admissions: 160,
      plannedAdmissions: 100,
      planPercent: 160,
      unitsWithoutMembers: { village: 0 },
    });
  });

  it('report summary --format text reads like the article', async () => {
    const { stdout } = await run('node', [
      bin,
      'report',
      'summary',
      '--org',
      'DBD',
      '--year',
      '2017',
      '--format',
      'text',
      '--database',
      database,
    ]);
    expect(stdout).toContain(
      'Năm 2017, toàn Đảng bộ đã kết nạp 160 đảng viên mới, đạt 160% kế hoạch, nâng tổng số đảng viên lên 3.040 người.',
    );
  });

  it('report statistics and sector', async () => {
    const stats = await run('node', [
      bin,
      'report',
      'statistics',
      '--org',
      'DBD',
      '--as-of',
      '2016-09-30',
      '--database',
      database,
    ]);
    expect(JSON.parse(stats.stdout)).toMatchObject({ members: 2805 });
    const sector = await run('node', [
      bin,
      'report',
      'sector',
      '--org',
      'DBD',
      '--sector',
      'education',
      '--as-of',
      '2017-12-31',
      '--database',
      database,
    ]);
    expect(JSON.parse(sector.stdout)).toMatchObject({
      cells: 56,
      combinedCells: 1,
      members: 605,
      staff: 1820,
    });
  });

  it('bad input: a one-line error naming the field and a non-zero exit', async () => {
    const failure = await run('node', [
      bin,
      'report',
      'statistics',
      '--as-of',
      '2017-02-31',
      '--database',
      database,
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    const stderr = (failure as { stderr: string }).stderr.trim();
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('asOf');
    const unknown = await run('node', [
      bin,
      'report',
      'summary',
      '--org',
      'NOPE',
      '--database',
      database,
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(unknown).toMatchObject({ code: 1 });
    expect((unknown as { stderr: string }).stderr).toContain('NOPE');
  });

  it('demo refuses a database that is not empty', async () => {
    const failure = await run('node', [bin, 'demo', '--database', database]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure).toMatchObject({ code: 1 });
  });
});
