import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { foldText } from '../../src/shared/text.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/**
 * Issue 16's less common cases on screen: the dossier form's fields for a re-admission, a
 * trade-union introduction and the education case; the tree screen's dated area kinds of a unit.
 */
describeBrowser('admission cases on screen (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  });
  afterAll(async () => h?.close());

  const api = async <T>(path: string): Promise<T> => {
    const answer = await h.context.request.get(`${h.baseUrl}/api/v1${path}`);
    if (!answer.ok()) throw new Error(`${path}: ${answer.status()} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
  const shot = async (page: Page, name: string) => {
    const path = await h.screenshot(page, name);
    copyFileSync(path, `/tmp/shots-cases/${name}.png`);
  };

  it('the dossier step shows the trade-union, education and re-admission fields in Vietnamese', async () => {
    const trained = await api<{ items: { id: number }[] }>('/candidates?stage=trained&limit=1');
    const id = trained.items[0]?.id;
    if (!id) throw new Error('no candidate at trained');
    const page = await h.open(`/candidates/${id}`);
    const cases = page.getByTestId('case-fields');
    await cases.waitFor();
    expect(await cases.getByText('Số nghị quyết giới thiệu của Công đoàn (4A-KNĐ)').count()).toBe(
      1,
    );
    expect(await cases.getByText('Trường hợp học vấn riêng').count()).toBe(1);
    expect(await cases.getByText('Lý do ra khỏi Đảng trước đây').count()).toBe(0);
    await cases.getByText('Người này đã từng là đảng viên (kết nạp lại)').click();
    await cases.getByText('Lý do ra khỏi Đảng trước đây').waitFor();
    await page.locator('[aria-label="Lý do ra khỏi Đảng trước đây"]').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: 'Tự bỏ sinh hoạt đảng' })
      .click();
    await shot(page, 'dossier-cases');
    await page.close();
  });

  it('the tree screen dates a kind of area on a unit', async () => {
    const units = await api<{ items: { code: string; name: string; organizationCode: string }[] }>(
      '/units?limit=1&kind=village',
    );
    const unit = units.items[0];
    if (!unit) throw new Error('no unit');
    const page = await h.open(`/organizations?node=${encodeURIComponent(unit.organizationCode)}`);
    await page.locator('#area-unit').click();
    await page.keyboard.type(foldText(unit.name));
    await page.locator('.ant-select-item-option').filter({ hasText: unit.name }).first().click();
    const form = page.getByRole('form', { name: 'Thêm loại vùng' });
    await form.waitFor();
    await form.locator('[aria-label="Loại vùng"]').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Miền núi' }).click();
    await form.getByLabel('Lý do / căn cứ').fill('Quyết định của Thủ tướng');
    // Enter in the date field commits the date and submits the form, as a keyboard user would.
    await form.getByLabel('Từ ngày').fill('01/01/2020');
    await form.getByLabel('Từ ngày').press('Enter');
    await expect.poll(() => page.getByText('đang áp dụng').count()).toBe(1);
    expect(await page.getByRole('cell', { name: '01/01/2020' }).count()).toBe(1);
    // The form is cleared for the next kind, without complaining about the fields it cleared.
    expect(await form.locator('.ant-form-item-explain-error').count()).toBe(0);
    await shot(page, 'tree-area-kinds');
    await page.close();
  });
});
