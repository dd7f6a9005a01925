import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/server/access/actor.ts';
import { createUser } from '../../src/server/modules/accounts/accounts.service.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/** Copies of the screenshots for the reviewer to look at (SCREENSHOTS is cleaned by other runs). */
const SHOTS = process.env.USERS_SHOTS_DIR ?? '/tmp/shots-users-screen';

const NEW_PASSWORD = 'Mật-khẩu-tạm-thời-2026';

/**
 * The users screen (issue 15 item 3): an administrator of the province creates an officer for one
 * commune (organization chosen with the picker, role in Vietnamese, password twice), resets their
 * password, and disables another user; the officer then signs in and must choose their own
 * password before anything else.
 */
describeBrowser('users and roles screen (Chromium)', () => {
  let h: BrowserHarness;
  let communeName: string;
  beforeAll(async () => {
    h = await startBrowserHarness();
    mkdirSync(SHOTS, { recursive: true });
    communeName = (
      await h.ctx.db
        .selectFrom('organizations')
        .select('name')
        .where('code', '=', 'X-NS')
        .executeTakeFirstOrThrow()
    ).name;
    await createUser(h.ctx, systemActor('browser-test'), {
      username: 'nguoi.nghi.viec',
      displayName: 'Lò Văn Nghỉ',
      role: 'viewer',
      organizationCode: 'X-ML',
      password: 'Mật-khẩu-người-nghỉ-2026',
    });
  }, 180_000);
  afterAll(async () => h?.close());

  async function shot(page: Page, name: string) {
    // Let modals and drawers finish their animation.
    await page.waitForTimeout(600);
    const file = await h.screenshot(page, `users-${name}`);
    copyFileSync(file, join(SHOTS, `${name}.png`));
  }

  function rowOf(page: Page, username: string) {
    return page.locator('.ant-table-row', { hasText: username });
  }

  it('creates an officer for one commune, resets a password, disables a user; the officer must change the password', async (test) => {
    if (!h.signedIn) {
      test.skip('the server has no accounts');
      return;
    }
    const page = await h.open('/');
    // The menu offers the screen to administrators.
    await page.getByRole('link', { name: 'Người dùng' }).click();
    await page.getByRole('heading', { name: 'Người dùng và quyền' }).waitFor();
    await rowOf(page, 'browser.admin').waitFor();
    await shot(page, '01-list');

    // Create an officer of one commune.
    await page.getByRole('button', { name: 'Tạo người dùng' }).click();
    const modal = page.locator('.ant-modal', { hasText: 'Tạo người dùng' });
    await modal.getByLabel('Họ tên').fill('Quàng Thị Cán Bộ');
    await modal.getByLabel('Tên đăng nhập').fill('can.bo.nason');
    await modal.locator('#createUser_role').click();
    await page.locator('.ant-select-item-option', { hasText: 'Cán bộ nghiệp vụ' }).click();
    await modal.locator('#createUser_organizationCode').click();
    await modal.locator('#createUser_organizationCode').fill(communeName);
    await page
      .locator('.ant-select-tree-node-content-wrapper', { hasText: communeName })
      .first()
      .click();
    // A weak password is refused next to its field, in Vietnamese.
    await modal.getByLabel('Mật khẩu', { exact: true }).fill('ngắn');
    await modal.getByLabel('Nhập lại mật khẩu').fill('khác');
    await modal.getByRole('button', { name: 'Tạo' }).click();
    await modal.getByText('Hai lần nhập mật khẩu không khớp').waitFor();
    await modal.getByLabel('Nhập lại mật khẩu').fill('ngắn');
    await modal.getByRole('button', { name: 'Tạo' }).click();
    await modal.getByText('Mật khẩu cần ít nhất 10 ký tự').waitFor();
    await shot(page, '02-create-refused');
    await modal.getByLabel('Mật khẩu', { exact: true }).fill('Mật-khẩu-cán-bộ-2026');
    await modal.getByLabel('Nhập lại mật khẩu').fill('Mật-khẩu-cán-bộ-2026');
    await modal.getByRole('button', { name: 'Tạo' }).click();
    const created = rowOf(page, 'can.bo.nason');
    await created.waitFor();
    expect(await created.innerText()).toContain('Cán bộ nghiệp vụ');
    expect(await created.innerText()).toContain(communeName);
    expect(await created.innerText()).toContain('Đang hoạt động');

    // Reset their password (typed twice) from the user's drawer.
    await created.getByRole('button', { name: 'Chi tiết' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('Quyền theo thời gian').waitFor();
    await shot(page, '03-drawer');
    await drawer.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const reset = page.locator('.ant-modal', { hasText: 'Đặt lại mật khẩu cho can.bo.nason' });
    await reset.getByLabel('Mật khẩu', { exact: true }).fill(NEW_PASSWORD);
    await reset.getByLabel('Nhập lại mật khẩu').fill(NEW_PASSWORD);
    await reset.getByLabel('Lý do').fill('quên mật khẩu');
    await shot(page, '04-reset');
    await reset.getByRole('button', { name: 'Đặt lại' }).click();
    await page.getByText('Đã đặt lại mật khẩu').waitFor();
    await drawer.locator('.ant-tag', { hasText: 'Phải đổi mật khẩu' }).waitFor();
    await page.locator('.ant-drawer-close').dispatchEvent('click');

    // Disable another user, with a reason.
    await rowOf(page, 'nguoi.nghi.viec').getByRole('button', { name: 'Chi tiết' }).click();
    await drawer.getByRole('button', { name: 'Khóa tài khoản' }).click();
    const disable = page.locator('.ant-modal', { hasText: 'Khóa tài khoản nguoi.nghi.viec?' });
    await disable.getByRole('button', { name: 'Khóa', exact: true }).click();
    await disable.getByText('Cần ghi lý do').waitFor();
    await disable.getByLabel('Lý do').fill('nghỉ việc');
    await disable.getByRole('button', { name: 'Khóa', exact: true }).click();
    await page.getByText('Đã khóa tài khoản nguoi.nghi.viec').waitFor();
    await drawer.getByRole('button', { name: 'Mở khóa tài khoản' }).waitFor();
    await page.locator('.ant-drawer-close').dispatchEvent('click');
    await rowOf(page, 'nguoi.nghi.viec').locator('.ant-tag', { hasText: 'Đã khóa' }).waitFor();
    await shot(page, '05-list-after');

    // The disabled user cannot sign in; the officer signs in with the reset password and must
    // choose their own first.
    const refused = await h.context.request.post(`${h.baseUrl}/api/v1/session`, {
      data: { username: 'nguoi.nghi.viec', password: 'Mật-khẩu-người-nghỉ-2026' },
    });
    expect(refused.status()).toBe(401);
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.getByLabel('Tên đăng nhập').fill('can.bo.nason');
    await page.getByLabel('Mật khẩu').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Quản trị viên vừa đặt lại mật khẩu của bạn').waitFor();
    await page.getByLabel('Mật khẩu hiện tại (do quản trị viên đặt)').fill(NEW_PASSWORD);
    await page.getByLabel('Mật khẩu mới').fill('Mật-khẩu-của-riêng-tôi-9');
    await page.getByLabel('Nhập lại mật khẩu').fill('Mật-khẩu-của-riêng-tôi-9');
    await shot(page, '06-must-change');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByTestId('signed-in-user').waitFor();
    expect(await page.getByTestId('signed-in-role').innerText()).toBe('Cán bộ nghiệp vụ');
    // An officer has no users screen.
    expect(await page.getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    await shot(page, '07-officer-signed-in');
  }, 120_000);
});
