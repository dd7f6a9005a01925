import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/server/access/actor.ts';
import { createCandidate } from '../../src/server/modules/candidates/candidates.service.ts';
import { buildPerson } from '../support/factories.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/**
 * The officer's daily work on the demo (clock 27/11/2026), issue 17 items 3–5: five dossiers
 * moved together on the board and enrolled in a class from it, results recorded, the passing four
 * moved to "trained" in one step, failed cell votes recorded up to the escalation, all of it
 * found in "Việc cần làm"; the alerts screen; the board fits a 1,366 px screen.
 */
const SHOTS = '/tmp/shots-daily';
const CELL = 'DBD-TT-B01';
const NAMES = ['Quàng Văn An', 'Lò Thị Bình', 'Cà Văn Cường', 'Tòng Thị Dung', 'Lường Văn Em'];
/** Screens over the whole district read a lot on a loaded machine. */
const slow = { timeout: 20_000 };
const COURSE = 'Lớp nhận thức về Đảng khóa 11/2026';

describeBrowser('daily work: classes, bulk moves, failed votes, to-do (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    mkdirSync(SHOTS, { recursive: true });
    const actor = systemActor('browser-test');
    for (const fullName of NAMES) {
      const person = await buildPerson(h.ctx, actor, {
        unitCode: 'U-TT-B01',
        fullName,
        birthDate: '1998-04-12',
      });
      await createCandidate(h.ctx, actor, {
        personId: person.id,
        organizationCode: CELL,
        identifiedOn: '2026-05-04',
      });
    }
  });
  afterAll(async () => h?.close());

  const shot = async (page: Page, name: string) =>
    copyFileSync(await h.screenshot(page, `daily-${name}`), join(SHOTS, `${name}.png`));

  const api = async <T>(path: string): Promise<T> => {
    const answer = await h.context.request.get(`${h.baseUrl}/api/v1${path}`);
    if (!answer.ok()) throw new Error(`${path}: ${answer.status()} ${await answer.text()}`);
    return (await answer.json()) as T;
  };

  const fillDate = async (page: Page, label: string, value: string) => {
    const field = page.getByLabel(label, { exact: true });
    await field.fill(value);
    await field.press('Enter');
  };

  let courseUrl = '';

  it('creates a class on the classes screen', async () => {
    const page = await h.open(`/courses?org=${CELL}`);
    await page.getByTestId('course-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên lớp').fill(COURSE);
    await dialog.getByLabel('Đơn vị tổ chức').fill('Trung tâm Chính trị huyện Điện Biên Đông');
    await fillDate(page, 'Ngày khai giảng', '03/11/2026');
    await fillDate(page, 'Ngày bế giảng', '10/11/2026');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/courses\/\d+/);
    courseUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId('course-view').innerText(), slow).toContain(COURSE);
    await page.close();
  });

  it('moves five dossiers together on the board, then enrols them in the class', async () => {
    const page = await h.open(`/pipeline?org=${CELL}`);
    for (const name of NAMES) await page.getByLabel(`Chọn ${name}`).check();
    await expect
      .poll(() => page.getByTestId('selected-count').innerText(), slow)
      .toBe('Đã chọn 5 hồ sơ');
    await page.getByTestId('bulk-move').click();
    const dialog = page.getByRole('dialog');
    await fillDate(page, 'Ngày', '02/11/2026');
    await shot(page, 'bulk-move-form');
    await dialog.getByTestId('bulk-move-submit').click();
    await expect
      .poll(() => dialog.getByTestId('bulk-summary').innerText(), slow)
      .toBe('Đã chuyển 5 hồ sơ, 0 hồ sơ không chuyển được');
    await shot(page, 'bulk-move-results');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();

    const fostering = page.getByRole('listitem', { name: 'Đang bồi dưỡng' });
    for (const name of NAMES) await fostering.getByLabel(`Chọn ${name}`).check();
    await page.getByTestId('bulk-enrol').click();
    const enrol = page.getByRole('dialog');
    await enrol.locator('#enrol-course').click();
    await page.locator('.ant-select-item-option').filter({ hasText: COURSE }).click();
    await shot(page, 'enrol');
    await enrol.getByRole('button', { name: 'Ghi danh' }).click();
    await expect.poll(() => page.getByText('Đã ghi danh 5 người').count(), slow).toBe(1);
    await page.close();
  });

  it('records results and moves the passing four to trained in one step', async () => {
    const page = await h.open(`${courseUrl}?org=${CELL}`);
    const rows = page.getByTestId('participants').locator('tbody tr');
    await expect.poll(() => rows.count(), slow).toBe(5);
    for (const [i, name] of NAMES.entries())
      await page
        .getByRole('radiogroup', { name: `Kết quả của ${name}` })
        .getByText(i < 4 ? 'Đạt' : 'Không đạt', { exact: true })
        .click();
    await shot(page, 'course-results');
    await page.getByTestId('save-results').click();
    await expect.poll(() => page.getByText('Đã lưu kết quả').count(), slow).toBe(1);
    await expect
      .poll(() => page.getByTestId('issue-certificates').innerText(), slow)
      .toContain('chuyển 4 người đạt');
    await page.getByTestId('issue-certificates').click();
    await expect
      .poll(() => page.getByTestId('trained-result').innerText(), slow)
      .toContain('4 hồ sơ chuyển sang «Đã học lớp nhận thức»');
    await shot(page, 'course-certificates');
    const trained = await api<{ items: { fullName: string }[] }>(
      `/candidates?org=${CELL}&stage=trained&limit=100`,
    );
    expect(trained.items.map((c) => c.fullName)).toEqual(expect.arrayContaining(NAMES.slice(0, 4)));
    expect(trained.items.map((c) => c.fullName)).not.toContain(NAMES[4]);
    await page.close();
  });

  let votedId = 0;
  it('records failed cell votes; the dossier shows the count and, at three, the escalation', async () => {
    const dossiers = await api<{ items: { id: number; fullName: string }[] }>(
      '/candidates?org=DB&stage=dossier&limit=50',
    );
    const target = dossiers.items.find((c) => c.fullName === 'Cứ Thị Chá');
    if (!target) throw new Error('demo: no dossier of Cứ Thị Chá');
    votedId = target.id;
    const page = await h.open(`/candidates/${votedId}?org=DB`);
    for (let n = 1; n <= 3; n += 1) {
      const form = page.getByRole('form', { name: 'Ghi nhận bước tiếp theo' });
      await form.getByLabel('Chuyển sang').click();
      await page
        .locator('.ant-select-item-option')
        .filter({ hasText: 'Chi bộ đã biểu quyết' })
        .click();
      await form.getByLabel('Số đảng viên chính thức của chi bộ').fill('12');
      await form.getByLabel('Số có mặt').fill('11');
      await form.getByLabel('Số tán thành').fill('5');
      await form.getByTestId('vote-failed').check();
      await form.getByRole('button', { name: 'Ghi nhận biểu quyết không đạt' }).click();
      await expect
        .poll(() => page.getByTestId('failed-votes').innerText(), slow)
        .toBe(`${n} lần (tối đa 3)`);
    }
    await expect
      .poll(() => page.getByTestId('escalation').innerText(), slow)
      .toContain('Đã 3 lần biểu quyết không đạt');
    await expect.poll(() => page.getByTestId('stage').innerText(), slow).toBe('Hoàn thiện hồ sơ');
    await shot(page, 'failed-votes');
    await page.close();
  });

  it('finds all of it in "Việc cần làm", grouped by organization', async () => {
    const page = await h.open('/todo?org=DB');
    await expect.poll(() => page.getByTestId('todo-group').count(), slow).toBeGreaterThan(0);
    const text = await page.locator('main').innerText();
    for (const name of NAMES.slice(0, 4)) expect(text).toContain(`Hồ sơ ${name} chờ`);
    expect(text).toContain('Cứ Thị Chá: đã 3 lần biểu quyết không đạt');
    const group = page.getByTestId('todo-group').filter({ hasText: 'Chi bộ tổ dân phố 1' });
    expect(await group.getByTestId('todo-item').count()).toBeGreaterThanOrEqual(4);
    await shot(page, 'todo');
    await page.close();
  });

  it('alerts screen: kinds, paging and the export', async () => {
    const page = await h.open('/alerts?org=DB');
    const table = page.getByTestId('alerts-table');
    await expect.poll(() => table.locator('tbody tr').count(), slow).toBeGreaterThan(0);
    await page.getByTestId('alert-kind-probation_ending').click();
    await expect
      .poll(() => table.locator('tbody tr').first().innerText(), slow)
      .toContain('Sắp hết thời gian dự bị');
    await page.getByTestId('alert-kind-all').click();
    await page.locator('.ant-pagination-item-2').click();
    await expect
      .poll(() => page.locator('.ant-pagination-item-active').innerText(), slow)
      .toBe('2');
    await shot(page, 'alerts');
    const download = page.waitForEvent('download');
    await page.getByTestId('alerts-export').click();
    expect((await download).suggestedFilename()).toBe('canh-bao.xlsx');
    await page.close();
  });

  it('the board fits a 1,366 px screen, and "quá hạn" keeps the overdue dossiers', async () => {
    const page = await h.open('/pipeline?org=DB', { width: 1366, height: 768 });
    await expect.poll(() => page.getByTestId('candidate-card').count(), slow).toBeGreaterThan(5);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1366,
    );
    await shot(page, 'board-1366');
    await page.getByTestId('overdue-filter').click();
    await page.waitForLoadState('networkidle');
    const dues = await page.locator('[data-testid=candidate-card] .ant-tag').allInnerTexts();
    expect(dues.length).toBeGreaterThan(0);
    for (const due of dues) {
      const [d, m, y] = (due.match(/(\d\d)\/(\d\d)\/(\d{4})/) ?? []).slice(1);
      expect(`${y}-${m}-${d}` < '2026-11-27').toBe(true);
    }
    await shot(page, 'board-overdue');
    await page.close();
  });
});
