import { copyFileSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { foldText } from '../../src/shared/text.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/**
 * Recording a rating from the ratings report (issue 16, finding 8): the officer picks the member
 * by name, enters points per criterion of the 366-QĐ/TW groups and the conditions of the levels,
 * and reads the level with its reason and citation; a 2023 rating asks for the meeting's level.
 */
describeBrowser('ratings screen (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  });
  afterAll(async () => h?.close());

  const shot = async (page: Parameters<BrowserHarness['screenshot']>[0], name: string) => {
    const path = await h.screenshot(page, name);
    mkdirSync('/tmp/shots-ratings', { recursive: true });
    copyFileSync(path, `/tmp/shots-ratings/${name}.png`);
  };

  it('2025: points and conditions give the level, the reason and the clause', async () => {
    const answer = await h.context.request.get(
      `${h.baseUrl}/api/v1/members?asOf=2025-12-31&status=official&limit=1`,
    );
    const member = ((await answer.json()) as { items: { fullName: string }[] }).items[0];
    if (!member) throw new Error('demo: no member in 2025');
    const page = await h.open('/reports/ratings?year=2025', { width: 1366, height: 900 });
    await page.getByRole('button', { name: 'Ghi kết quả xếp loại' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByTestId('rating-scheme').getByText('366-QĐ/TW').waitFor();
    await drawer.locator('#rating-member').click();
    await page.keyboard.type(foldText(member.fullName));
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: member.fullName })
      .first()
      .click();
    await drawer.locator('#rating-score-general').fill('28');
    await drawer.locator('#rating-score-results').fill('64');
    await drawer.locator('#rating-tasksCompletedPercent').fill('100');
    await drawer.locator('#rating-tasksLatePercent').fill('0');
    await drawer.locator('#rating-tasksExceededPercent').fill('20');
    for (const [field, answer] of [
      ['shortcomingsRemedied', 'Có'],
      ['disciplined', 'Không'],
      ['degradationConcluded', 'Không'],
    ] as const)
      await drawer.locator(`#rating-${field}`).getByText(answer, { exact: true }).click();
    await drawer.getByRole('button', { name: 'Ghi kết quả' }).click();
    const outcome = drawer.getByTestId('rating-outcome');
    await outcome.waitFor();
    expect(await outcome.getByTestId('rating-citation').innerText()).toContain(
      '366-QĐ/TW, Điều 11, khoản 2',
    );
    expect(await outcome.getByTestId('rating-reason').innerText()).toContain(
      'Hoàn thành tốt nhiệm vụ: đạt 92 điểm',
    );
    expect(await outcome.innerText()).toContain('Không đạt');
    await outcome.scrollIntoViewIfNeeded();
    await shot(page, 'rating-form-2025');
    await page.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
    await page.getByTestId('rated-reason').first().waitFor();
    await shot(page, 'rating-report-2025');
    await page.close();
  });

  it('2023: 124-QĐ/TW asks for the meeting\'s level; a forcing case gives "không hoàn thành"', async () => {
    const page = await h.open('/reports/ratings?year=2023', { width: 1366, height: 900 });
    await page.getByRole('button', { name: 'Ghi kết quả xếp loại' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByTestId('rating-scheme').getByText('124-QĐ/TW').waitFor();
    await drawer.getByText('Tổ chức đảng', { exact: true }).first().click();
    await drawer.locator('#rating-proposedLevel').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: 'Hoàn thành tốt nhiệm vụ' })
      .click();
    await drawer.locator('#rating-tasksCompletedPercent').fill('100');
    await drawer.locator('#rating-disunityConcluded').getByText('Có', { exact: true }).click();
    await drawer.getByRole('button', { name: 'Ghi kết quả' }).click();
    const outcome = drawer.getByTestId('rating-outcome');
    await outcome.waitFor();
    expect(await outcome.getByTestId('rating-citation').innerText()).toContain(
      '124-QĐ/TW, Điều 12, khoản 4',
    );
    await drawer.getByTestId('rating-scheme').scrollIntoViewIfNeeded();
    await shot(page, 'rating-form-2023');
    await page.close();
  });
});
