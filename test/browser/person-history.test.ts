import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { foldText } from '../../src/shared/text.ts';
import { TARGET_GROUP_LABELS, type TargetGroup } from '../../src/shared/enums.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/** Screenshots of this feature, looked at by hand (issue 15 item 4). */
const SHOTS = '/tmp/shots-person-history';

/**
 * Correcting and changing a person on the person screen (issue 15 item 4), on the demo
 * installation (clock 2026-11-27): correct the birth date, record a move to another village from
 * a date with the unit picker (names, accent-insensitive), and see both on the timeline.
 */
describeBrowser('person screen: correction and change from a date (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => h?.close());

  const api = async <T>(path: string): Promise<T> => {
    const answer = await h.context.request.get(`${h.baseUrl}/api/v1${path}`);
    if (!answer.ok()) throw new Error(`${path}: ${answer.status()} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    await h.screenshot(page, `person-history-${name}`);
  };

  it('corrects a birth date, records a move to another village from a date, and shows both on the timeline', async () => {
    const people = await api<{
      items: {
        id: number;
        fullName: string;
        birthDate: string;
        unitCode: string | null;
        unitName: string | null;
        targetGroups: string[];
      }[];
    }>('/people?limit=20');
    const person = people.items.find((p) => p.unitCode !== null && p.targetGroups.length > 0);
    if (!person) throw new Error('no person with a unit in the demo');
    const units = await api<{ items: { code: string; name: string }[] }>('/units?limit=50');
    const target = units.items.find(
      (u) => u.code !== person.unitCode && /[^\x20-\x7e]/.test(u.name),
    );
    if (!target) throw new Error('no other unit with an accented name');

    const page = await h.open(`/people/${person.id}`, { width: 1366, height: 900 });
    await page.getByRole('heading', { name: person.fullName }).waitFor();
    await shot(page, '1-person');

    // Correction: the birth date was typed wrong.
    await page.getByTestId('person-edit').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Đính chính (sửa sai)').waitFor();
    // The from-date of the person's first target group was recorded wrong too.
    const group = person.targetGroups[0] as TargetGroup;
    const groupDate = dialog.getByLabel(`${TARGET_GROUP_LABELS[group]} từ ngày`, { exact: true });
    await groupDate.click();
    await groupDate.fill('01/01/2011');
    await groupDate.press('Enter');
    const birth = dialog.locator('#person-birth-date');
    await birth.click();
    await birth.fill('05/06/1990');
    await birth.press('Enter');
    await dialog.getByLabel('Lý do').fill('Nhập sai ngày sinh theo CCCD');
    // Typing leaves the calendars open; a click on the title closes them (a user clicks a day).
    await dialog.locator('.ant-modal-title').click();
    await shot(page, '2-correction');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.locator('.ant-descriptions').innerText()).toContain('05/06/1990');

    // Change from a date: moved to another village on 1 March 2025, picked by name without accents.
    await page.getByTestId('person-edit').click();
    await dialog.getByText('Thay đổi từ ngày', { exact: true }).first().click();
    const on = dialog.locator('#person-change-on');
    await on.click();
    await on.fill('01/03/2025');
    await on.press('Enter');
    await dialog.locator('#person-unit').click();
    const typed = foldText(target.name).split(' ').slice(-2).join(' ');
    await page.keyboard.type(typed);
    const option = page.locator('.ant-select-item-option').filter({ hasText: target.name }).first();
    await option.waitFor();
    await shot(page, '3-change-picker');
    await option.click();
    await dialog.getByLabel('Lý do').fill('Chuyển về bản mới');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const timeline = page.locator('.ant-timeline');
    await expect
      .poll(() => timeline.innerText())
      .toContain(`01/03/2025 — Ở, công tác tại ${target.name}`);
    // The village before the move stays in the history, from the (corrected) birth date.
    await expect
      .poll(() => timeline.innerText())
      .toContain(`05/06/1990 — Ở, công tác tại ${person.unitName ?? ''}`);
    await expect.poll(() => timeline.innerText()).toContain('Đính chính Ngày sinh');
    await expect.poll(() => timeline.innerText()).toContain('→ 05/06/1990');
    await expect
      .poll(() => timeline.innerText())
      .toContain(`01/01/2011 — Vào nhóm: ${TARGET_GROUP_LABELS[group]}`);
    await expect.poll(() => page.locator('.ant-descriptions').innerText()).toContain(target.name);
    await shot(page, '4-timeline');

    const detail = await api<{ places: { unitCode: string; validFrom: string }[] }>(
      `/people/${person.id}`,
    );
    expect(detail.places.at(-1)).toMatchObject({ unitCode: target.code, validFrom: '2025-03-01' });
    await page.close();
  });
});
