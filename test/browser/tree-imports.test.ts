import { copyFileSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTreeFixture, fillSheet } from '../support/tree-fixture.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/**
 * The import screen offers the tree's two kinds with their templates: the administrator
 * downloads both templates, fills them (30 organizations, 60 units under DB from 01/08/2025),
 * previews and confirms each.
 */
describeBrowser('tree imports on the import screen', () => {
  let h: BrowserHarness;
  const shots = process.env.SHOTS_DIR;
  const shoot = async (page: Page, name: string) => {
    const file = await h.screenshot(page, name);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      copyFileSync(file, `${shots}/${basename(file)}`);
    }
  };
  beforeAll(async () => {
    h = await startBrowserHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('offers organizations and units with their templates, previews and imports them', async () => {
    const page = await h.open('/import');
    await page.getByTestId('import-template').waitFor();
    for (const label of ['Người (hồ sơ cá nhân)', 'Tổ chức đảng', 'Đơn vị (bản, trường…)'])
      await page.getByTitle(label, { exact: true }).waitFor();

    const templates: Record<string, Buffer> = {};
    for (const [kind, label] of [
      ['organizations', 'Tổ chức đảng'],
      ['units', 'Đơn vị (bản, trường…)'],
    ] as const) {
      await page.getByTitle(label, { exact: true }).click();
      const href = await page.getByTestId('import-template').getAttribute('href');
      expect(href).toContain(`/api/v1/imports/${kind}/template`);
      const answer = await h.context.request.get(`${h.baseUrl}${href ?? ''}`);
      expect(answer.ok()).toBe(true);
      templates[kind] = await answer.body();
    }
    const fixture = await buildTreeFixture({
      parentCode: 'DB',
      prefix: 'BT',
      from: '2025-08-01',
      templates: { organizations: templates.organizations, units: templates.units },
    });

    await page.getByTitle('Tổ chức đảng', { exact: true }).click();
    await page.getByTestId('tree-import-hint').waitFor();
    await shoot(page, 'org-imports-organizations-kind');
    await page.setInputFiles('#import-file', {
      name: 'to-chuc.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: fixture.organizations,
    });
    await page.getByTestId('import-confirm').waitFor();
    expect(await page.getByTestId('import-counts').innerText()).toContain('Thêm mới: 30');
    expect(await page.getByTestId('import-preview').innerText()).toContain('Đảng bộ xã Na Son 1');
    await shoot(page, 'org-imports-organizations-preview');
    await page.getByTestId('import-confirm').click();
    await page.getByText('Đã nhập xong 30 dòng').waitFor();
    await shoot(page, 'org-imports-organizations-done');

    await page.getByTitle('Đơn vị (bản, trường…)', { exact: true }).click();
    await page.setInputFiles('#import-file', {
      name: 'don-vi.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: fixture.units,
    });
    await page.getByTestId('import-confirm').waitFor();
    expect(await page.getByTestId('import-counts').innerText()).toContain('Thêm mới: 60');
    await shoot(page, 'org-imports-units-preview');
    await page.getByTestId('import-confirm').click();
    await page.getByText('Đã nhập xong 60 dòng').waitFor();

    // The same file again: every row unchanged.
    await page.getByText('Nhập tệp khác').click();
    await page.setInputFiles('#import-file', {
      name: 'don-vi.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: fixture.units,
    });
    await page.getByTestId('import-confirm').waitFor();
    expect(await page.getByTestId('import-counts').innerText()).toContain('Không đổi: 60');
    await shoot(page, 'org-imports-units-again');

    // A bad row: named with its column and message beside it, and nothing can be confirmed.
    await page.getByTitle('Tổ chức đảng', { exact: true }).click();
    await page.setInputFiles('#import-file', {
      name: 'to-chuc-sai.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await fillSheet('organizations', [
        {
          'Mã tổ chức': 'BT-X9',
          'Tên tổ chức đảng': 'Đảng bộ xã Mới',
          'Cấp tổ chức': 'Đảng bộ xã',
          'Mã tổ chức cấp trên': 'DB',
          'Ngày thành lập': '01/08/2025',
        },
        {
          'Mã tổ chức': 'BT-X9-C1',
          'Tên tổ chức đảng': 'Chi bộ bản Mới',
          'Cấp tổ chức': 'Chi bộ xóm núi',
          'Mã tổ chức cấp trên': 'BT-X9',
          'Ngày thành lập': '01/08/2025',
        },
        {
          'Mã tổ chức': 'BT-X1',
          'Tên tổ chức đảng': 'Đảng bộ xã Đổi Tên',
          'Cấp tổ chức': 'Đảng bộ xã',
          'Mã tổ chức cấp trên': 'DB',
          'Ngày thành lập': '01/08/2025',
        },
      ]),
    });
    await page.getByTestId('import-blocked').waitFor();
    const errors = await page.locator('tr.import-row-error').allInnerTexts();
    expect(errors.join('\n')).toContain('Cấp tổ chức: Cấp tổ chức "Chi bộ xóm núi" không có');
    expect(errors.join('\n')).toContain('Đã có tổ chức mã BT-X1 với tên khác');
    await shoot(page, 'org-imports-organizations-errors');
    await page.close();
  });
});
