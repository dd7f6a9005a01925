import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import { createOrganization } from '../../src/server/modules/organizations/organizations.service.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import { buildTreeFixture, fillSheet } from '../support/tree-fixture.ts';

const exec = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/dangvien.js');

/** `dangvien import template organizations|units` and `dangvien import organizations|units FILE`. */
describeEachDialect('dangvien import of the tree', (dialect) => {
  let ctx: AppContext;
  let url: string;
  let drop: () => Promise<void>;
  let dir: string;
  const cli = (...args: string[]) =>
    exec('node', [bin, ...args, '--database', url], { maxBuffer: 32 * 1024 * 1024 });
  const count = async (table: 'organizations' | 'units') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    ({ ctx, url, drop } = await scratchContext(dialect));
    dir = mkdtempSync(join(tmpdir(), 'dangvien-tree-cli-'));
    await createOrganization(ctx, systemActor('test'), {
      code: 'DB',
      name: 'Đảng bộ tỉnh Điện Biên',
      kind: 'committee',
      level: 'top',
      parentCode: null,
      establishedOn: '2004-01-01',
    });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await drop();
  });

  it('writes the templates, previews, imports, and re-imports as a no-op', async () => {
    const orgTemplate = join(dir, 'mau-to-chuc.xlsx');
    await cli('import', 'template', 'organizations', '--out', orgTemplate);
    // Without --out the template goes to stdout (redirected here).
    const units = await exec('node', [bin, 'import', 'template', 'units', '--database', url], {
      encoding: 'buffer',
      maxBuffer: 32 * 1024 * 1024,
    });
    expect(units.stdout.subarray(0, 2).toString()).toBe('PK');
    const fixture = await buildTreeFixture({
      parentCode: 'DB',
      prefix: 'NS',
      from: '2025-07-01',
      templates: { organizations: readFileSync(orgTemplate), units: units.stdout },
    });
    const orgFile = join(dir, 'to-chuc.xlsx');
    const unitFile = join(dir, 'don-vi.xlsx');
    writeFileSync(orgFile, fixture.organizations);
    writeFileSync(unitFile, fixture.units);

    const preview = JSON.parse(
      (await cli('import', 'organizations', orgFile, '--dry-run', '--format', 'json')).stdout,
    ) as { dryRun: boolean; written: boolean; counts: Record<string, number> };
    expect(preview).toMatchObject({ dryRun: true, written: false, counts: { new: 30, error: 0 } });
    expect(await count('organizations')).toBe(1);

    const written = JSON.parse(
      (await cli('import', 'organizations', orgFile, '--format', 'json')).stdout,
    ) as typeof preview;
    expect(written).toMatchObject({ written: true, counts: { new: 30 } });
    const unitsWritten = JSON.parse(
      (await cli('import', 'units', unitFile, '--format', 'json')).stdout,
    ) as typeof preview;
    expect(unitsWritten).toMatchObject({ written: true, counts: { new: 60 } });
    expect(await count('organizations')).toBe(31);
    expect(await count('units')).toBe(60);

    const text = (await cli('import', 'organizations', orgFile)).stdout;
    expect(text).toContain('Đã nhập to-chuc.xlsx: 30 dòng — mới 0, cập nhật 0, không đổi 30');
    expect(await count('organizations')).toBe(31);
  });

  it('refuses a bad file with a non-zero exit, the bad row named, nothing written', async () => {
    const bad = join(dir, 'sai.xlsx');
    writeFileSync(
      bad,
      await fillSheet('units', [
        {
          'Mã đơn vị': 'NS-MOI',
          'Tên đơn vị': 'Bản Mới',
          'Loại đơn vị': 'Bản',
          'Từ ngày': '01/08/2025',
          'Tổ chức đảng phụ trách': 'NS-X1-C1',
        },
        {
          'Mã đơn vị': 'NS-SAI',
          'Tên đơn vị': 'Bản Sai',
          'Loại đơn vị': 'Làng nghề',
          'Từ ngày': '01/08/2025',
          'Tổ chức đảng phụ trách': 'NS-X1-C1',
        },
      ]),
    );
    const failure = await cli('import', 'units', bad).then(
      () => null,
      (e: unknown) => e as { code: number; stdout: string; stderr: string },
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stdout).toContain(
      'dòng 3 [error] Bản Sai → NS-SAI — Loại đơn vị: Loại đơn vị "Làng nghề" không có trong danh mục',
    );
    expect(failure?.stderr.trim().split('\n')).toHaveLength(1);
    expect(failure?.stderr).toContain('không dòng nào được ghi');
    expect(await count('units')).toBe(60);
  });
});
