import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/** Screenshots of this suite are also copied here for review. */
const SHOTS = '/tmp/shots-regulations';

/**
 * Issue 16: the regulations register screen (filter by kind, today's texts highlighted, an
 * administrator adds a text) and the dossier's checks with their citation ("Vì sao") and what
 * would unblock them ("Cần làm"), on the demo installation (clock 2026-11-27).
 */
describeBrowser('regulations register and cited checks (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => h?.close());

  /** The rows whose first cell (the number) is `number`: other rows may name it as "replaced by". */
  const rows = (page: Parameters<BrowserHarness['screenshot']>[0], number: string) =>
    page.locator('tbody tr', {
      has: page.locator('td:first-child', {
        hasText: new RegExp(`^${number.replace('/', '\\/')}$`),
      }),
    });

  const shot = async (page: Parameters<BrowserHarness['screenshot']>[0], name: string) => {
    const file = await h.screenshot(page, name);
    copyFileSync(file, join(SHOTS, basename(file)));
  };

  it('lists the texts with Vietnamese dates, highlights those in force today and filters by kind', async () => {
    const page = await h.open('/regulations', { width: 1366, height: 900 });
    await page.waitForLoadState('networkidle');
    await shot(page, 'regulations-first');
    const row294 = rows(page, '294-QĐ/TW');
    await expect.poll(() => row294.count(), { timeout: 20_000 }).toBe(1);
    expect(await row294.innerText()).toContain('26/05/2025');
    expect(await row294.innerText()).toContain('01/07/2025');
    expect(await row294.getAttribute('class')).toContain('regulation-in-force');
    const row232 = rows(page, '232-QĐ/TW');
    expect(await row232.getAttribute('class')).not.toContain('regulation-in-force');
    expect(await row232.innerText()).toContain('Đã được thay thế');
    // No horizontal scrolling at 1,366 px.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await shot(page, 'regulations-list');

    await page.getByLabel('Lọc theo loại văn bản').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: 'Hướng dẫn thi hành Điều lệ' })
      .click();
    await expect
      .poll(() => page.locator('tbody tr.ant-table-row').count(), { timeout: 20_000 })
      .toBe(4);
    expect(await rows(page, '01-HD/TW').count()).toBe(3);
    // Accent-insensitive search.
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    await page.getByLabel('Tìm theo số hiệu, trích yếu, cơ quan ban hành').fill('06-hd');
    await expect
      .poll(() => page.locator('tbody tr.ant-table-row').count(), { timeout: 20_000 })
      .toBe(1);
    await shot(page, 'regulations-filtered');
    await page.close();
  });

  it('an administrator adds a forms guidance replacing 12-HD/BTCTW (2022)', async () => {
    const page = await h.open('/regulations', { width: 1366, height: 900 });
    await page.getByTestId('regulation-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Số hiệu').fill('07-HD/BTCTW');
    await dialog.getByLabel('Trích yếu').fill('Hướng dẫn nghiệp vụ công tác đảng viên');
    await dialog.getByLabel('Cơ quan ban hành').fill('Ban Tổ chức Trung ương');
    await dialog.locator('#signedOn').fill('02/03/2026');
    await dialog.locator('#signedOn').press('Enter');
    await dialog.locator('#effectiveFrom').fill('01/04/2026');
    await dialog.locator('#effectiveFrom').press('Enter');
    await dialog.getByLabel('Thay thế văn bản').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: '12-HD/BTCTW (18/01/2022)' })
      .click();
    await dialog.getByLabel('Lý do thêm (ghi vào nhật ký)').fill('Văn bản mới ban hành');
    await shot(page, 'regulations-add');
    await dialog.getByRole('button', { name: 'Thêm', exact: true }).click();
    const added = rows(page, '07-HD/BTCTW');
    await expect.poll(() => added.count(), { timeout: 20_000 }).toBe(1);
    expect(await added.getAttribute('class')).toContain('regulation-in-force');
    const replaced = rows(page, '12-HD/BTCTW').filter({ hasText: '18/01/2022' });
    expect(await replaced.innerText()).toContain('07-HD/BTCTW');
    expect(await replaced.innerText()).toContain('từ 01/04/2026');
    await shot(page, 'regulations-added');
    await page.close();
  });

  it('the dossier shows each check with its citation and, where it does not pass, what to do', async () => {
    const answer = await h.context.request.get(
      `${h.baseUrl}/api/v1/candidates?org=DB&stage=fostering&limit=20`,
    );
    expect(answer.ok()).toBe(true);
    const { items } = (await answer.json()) as { items: { id: number }[] };
    const id = items[0]?.id;
    if (!id) throw new Error('demo: no candidate in fostering');
    const page = await h.open(`/candidates/${id}`, { width: 1366, height: 900 });
    await expect
      .poll(() => page.getByTestId('check-citation').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    const whys = await page.getByTestId('check-citation').allInnerTexts();
    // Checks of a 2026 dossier cite the 2025 regulation (or the Charter), never an earlier one.
    expect(whys.join('\n')).toMatch(/Vì sao: (294-QĐ\/TW|Điều lệ Đảng)/);
    expect(whys.join('\n')).not.toMatch(/29-QĐ\/TW|24-QĐ\/TW|232-QĐ\/TW|01-HD\/TW \(2021\)/);
    await shot(page, 'dossier-checks');
    await page.close();
  });
});
