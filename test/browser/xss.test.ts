import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/server/access/actor.ts';
import { createPerson } from '../../src/server/modules/people/people.service.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
];

/**
 * Stored text that looks like markup is shown as text (issue 9): people named with HTML are
 * displayed on their page and in search results, and no script runs — no dialog opens, no
 * element from the name enters the page.
 */
describeBrowser('hostile stored text is shown, never executed (Chromium)', () => {
  let h: BrowserHarness;
  const ids: number[] = [];
  beforeAll(async () => {
    h = await startBrowserHarness();
    const unit = await h.ctx.db
      .selectFrom('units')
      .select('code')
      .where('kind', '=', 'village')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    for (const fullName of HOSTILE_NAMES) {
      const person = await createPerson(h.ctx, systemActor('browser-test'), {
        fullName,
        gender: 'male',
        birthDate: '1990-01-01',
        ethnicity: 'Mông',
        unitCode: unit.code,
        educationLevel: 'upper_secondary',
        targetGroups: [],
      });
      ids.push(person.id);
    }
  });
  afterAll(async () => h?.close());

  /** Records every dialog (alert/confirm/prompt) the page opens. */
  function watchDialogs(page: Page): string[] {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return dialogs;
  }

  async function expectInert(page: Page): Promise<void> {
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('svg[onload]').count()).toBe(0);
    const scripts = await page
      .locator('script')
      .evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ''));
    expect(scripts.some((text) => text.includes('alert('))).toBe(false);
  }

  it("a person's page shows the name as text and runs nothing", async () => {
    for (const [index, id] of ids.entries()) {
      const name = HOSTILE_NAMES[index] ?? '';
      const page = await h.context.newPage();
      const dialogs = watchDialogs(page);
      await page.goto(`${h.baseUrl}/people/${id}`);
      await page.getByRole('heading', { name }).waitFor();
      await page.waitForTimeout(500);
      expect(dialogs).toEqual([]);
      await expectInert(page);
      await page.close();
    }
  });

  it('search results list the names as text and run nothing', async () => {
    const page = await h.context.newPage();
    const dialogs = watchDialogs(page);
    await page.goto(`${h.baseUrl}/people`);
    await page.getByLabel('Tìm theo họ tên').fill('<img src');
    await page
      .getByText(HOSTILE_NAMES[0] ?? '')
      .first()
      .waitFor();
    await page.getByLabel('Tìm theo họ tên').fill('<script');
    await page
      .getByText(HOSTILE_NAMES[1] ?? '')
      .first()
      .waitFor();
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    await expectInert(page);
    await page.close();
  });
});
