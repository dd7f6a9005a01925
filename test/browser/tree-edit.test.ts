/**
 * The tree screen as an editor (issue 15): an administrator moves a cell to another commune from a
 * date, sees the preview sentence, confirms and sees the tree changed; a viewer sees no buttons.
 * Screenshots go to test-results/screenshots (tree-edit-*).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import { listOrganizations } from '../../src/server/modules/organizations/organizations.service.ts';
import { createDemoUsers, type DemoLogin } from '../../src/sample/demo/accounts.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

describeBrowser('tree editing on the demo (Chromium)', () => {
  let h: BrowserHarness;
  let viewer: DemoLogin;
  beforeAll(async () => {
    h = await startBrowserHarness();
    const found = (await createDemoUsers(h.ctx)).find((l) => l.role === 'viewer');
    if (!found) throw new Error('the demo has no viewer');
    viewer = found;
  });
  afterAll(async () => h?.close());

  it('an administrator moves a cell to another commune from a date, seeing the effect first', async (test) => {
    if (!h.signedIn) {
      test.skip('the server has no accounts');
      return;
    }
    const system = systemActor('test');
    const today = await listOrganizations(h.ctx, system, { asOf: '2026-11-27' });
    const cell = today.find((o) => o.kind === 'cell' && o.parentCode === 'X-ML');
    const target = today.find((o) => o.code === 'X-NS');
    if (!cell || !target) throw new Error('the demo has no cell under X-ML or no X-NS');
    const members = await h.ctx.db
      .selectFrom('memberPeriods')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .innerJoin('organizations as o', 'o.id', 'memberPeriods.organizationId')
      .where('o.code', '=', cell.code)
      .where('memberPeriods.validFrom', '<=', '2026-11-01')
      .where('memberPeriods.validTo', '>', '2026-11-01')
      .executeTakeFirstOrThrow();

    const page = await h.open(`/organizations?node=${encodeURIComponent(cell.code)}`);
    await page.getByTestId('tree-edit-actions').waitFor();
    await h.screenshot(page, 'tree-edit-node');
    await page.getByTestId('tree-edit-move').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Có hiệu lực từ ngày').fill('01/11/2026');
    await dialog.getByLabel('Có hiệu lực từ ngày').press('Enter');
    await dialog.locator('#tree-edit-target').click();
    await page.keyboard.type('Na Son');
    await page
      .locator('.ant-select-tree-node-content-wrapper')
      .filter({ hasText: target.name })
      .first()
      .click();
    // Without a reason the server names the field.
    await dialog.getByTestId('tree-edit-preview').click();
    await dialog.getByText('Cần ghi lý do').waitFor();
    expect(await dialog.getByTestId('tree-edit-confirm').isDisabled()).toBe(true);
    await dialog.getByLabel('Lý do').fill('Điều chỉnh địa giới thôn');
    await dialog.getByTestId('tree-edit-preview').click();
    const answer = dialog.getByTestId('tree-edit-preview-answer');
    await answer.waitFor();
    const sentence = await answer.innerText();
    expect(sentence).toContain(`Chuyển ${cell.name} sang ${target.name} từ ngày 01/11/2026`);
    expect(sentence).toContain(`1 chi bộ, ${Number(members.n)} đảng viên`);
    expect(sentence).toContain(`sẽ chuyển sang ${target.name}`);
    await h.screenshot(page, 'tree-edit-move-preview');
    // The preview wrote nothing: the cell is still under X-ML.
    expect(
      (await listOrganizations(h.ctx, system, { asOf: '2026-11-27' })).find(
        (o) => o.code === cell.code,
      )?.parentCode,
    ).toBe('X-ML');

    await dialog.getByTestId('tree-edit-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    // The tree now shows the cell under its new commune (the node stays selected).
    const tree = page.locator('.ant-tree');
    await tree.getByText(cell.name).first().waitFor();
    const parentNode = page
      .locator('.ant-tree-treenode')
      .filter({ has: page.locator(`text=${target.name}`) })
      .first();
    await parentNode.waitFor();
    const after = await listOrganizations(h.ctx, system, { asOf: '2026-11-27' });
    expect(after.find((o) => o.code === cell.code)?.parentCode).toBe('X-NS');
    const before = await listOrganizations(h.ctx, system, { asOf: '2026-10-31' });
    expect(before.find((o) => o.code === cell.code)?.parentCode).toBe('X-ML');
    // In the tree, the cell is listed after X-NS's node, at one level deeper.
    const titles = await tree.locator('.ant-tree-treenode').allInnerTexts();
    const targetAt = titles.findIndex((s) => s.includes(`(${target.code})`));
    const cellAt = titles.findIndex((s) => s.includes(`(${cell.code})`));
    expect(targetAt).toBeGreaterThanOrEqual(0);
    expect(cellAt).toBeGreaterThan(targetAt);
    await h.screenshot(page, 'tree-edit-moved');
    await page.close();
  });

  it('creating a sub-organization offers a suggested code', async (test) => {
    if (!h.signedIn) {
      test.skip('the server has no accounts');
      return;
    }
    const page = await h.open('/organizations?node=X-NS');
    await page.getByTestId('tree-edit-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên tổ chức mới').fill('Chi bộ bản Huổi Hốc');
    await expect.poll(() => dialog.getByLabel('Mã').inputValue()).toBe('X-NS-BHH');
    await dialog.getByLabel('Lý do').fill('Thành lập chi bộ bản mới');
    await dialog.getByTestId('tree-edit-preview').click();
    await dialog.getByTestId('tree-edit-preview-answer').waitFor();
    expect(await dialog.getByTestId('tree-edit-preview-answer').innerText()).toContain(
      'Thành lập Chi bộ bản Huổi Hốc trực thuộc',
    );
    await h.screenshot(page, 'tree-edit-create-preview');
    await dialog.getByTestId('tree-edit-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('tree-edit-actions').waitFor();
    // The screen moves to the new organization once the tree has reloaded.
    // (its card, among the cards of the screen: the area kinds of units have one too)
    await expect
      .poll(() => page.locator('.ant-card-head-title').allInnerTexts())
      .toContain('Chi bộ bản Huổi Hốc');
    // The new cell is in the tree, under Na Son (found with the filter, typed without accents).
    await page.getByLabel('Lọc theo tên hoặc mã').fill('huoi hoc');
    await page.locator('.ant-tree').getByText('Chi bộ bản Huổi Hốc').first().waitFor();
    expect(await page.locator('.ant-tree').innerText()).toContain('Đảng bộ xã Na Son');
    await h.screenshot(page, 'tree-edit-created');
    await page.close();
  });

  it('a viewer sees the tree without any edit button', async () => {
    const signIn = await h.context.request.post(`${h.baseUrl}/api/v1/session`, {
      data: { username: viewer.username, password: viewer.password },
    });
    expect(signIn.ok()).toBe(true);
    const page = await h.open(`/organizations?node=${encodeURIComponent(viewer.organization)}`);
    await page.locator('.ant-descriptions').first().waitFor();
    expect(await page.getByTestId('tree-edit-actions').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Đổi tên' }).count()).toBe(0);
    await h.screenshot(page, 'tree-edit-viewer');
    await page.close();
  });
});
