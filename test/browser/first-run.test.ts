import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/** Where the screenshots of this part are also copied, to be looked at. */
const SHOTS = '/tmp/shots-first-run';

const PASSWORD = 'Mật-khẩu-xã-Na-Son-2026';

/**
 * The first run in the browser (issue 15 item 1): an EMPTY database shows the first-run screen
 * instead of sign-in; it refuses bad fields next to them in Vietnamese, then creates the top
 * organization and the administrator and lands signed in on the dashboard.
 */
describeBrowser('first run from an empty database (Chromium)', () => {
  let h: BrowserHarness;
  const shot = async (page: Page, name: string) => {
    const file = await h.screenshot(page, `first-run-${name}`);
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(file, join(SHOTS, `${name}.png`));
  };
  beforeAll(async () => {
    h = await startBrowserHarness({ empty: true });
  });
  afterAll(async () => h?.close());

  it('creates the top organization and the administrator, and lands signed in on the dashboard', async () => {
    const page = await h.open('/');
    await page.getByRole('heading', { name: 'Khởi tạo hệ thống' }).waitFor();
    expect(await page.getByRole('button', { name: 'Đăng nhập', exact: true }).count()).toBe(0);
    await shot(page, 'empty-form');

    // Client-side: required fields and the repeated password.
    await page.getByRole('button', { name: 'Khởi tạo và đăng nhập' }).click();
    await page.getByText('Cần nhập trường này').first().waitFor();
    expect(await page.getByText('Cần nhập trường này').count()).toBeGreaterThanOrEqual(5);

    await page.getByLabel('Tên tổ chức đảng').fill('Đảng bộ xã Na Son');
    await page.getByLabel('Mã tổ chức').fill('X-NS');
    await page.getByLabel('Cấp tổ chức').click();
    await page.locator('.ant-select-item-option', { hasText: 'Đảng bộ cơ sở' }).first().click();
    await page.getByLabel('Quản lý từ ngày').fill('01/07/2025');
    await page.getByLabel('Quản lý từ ngày').press('Enter');
    await page.getByLabel('Địa danh ghi trên văn bản').fill('Na Son');
    await page.getByLabel('Họ và tên').fill('Lò Văn Quản');
    // The server's refusals come back next to their fields: an accented username, and a
    // password holding the username.
    await page.getByLabel('Tên đăng nhập').fill('Quản Trị');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('quantri.nason-2026');
    await page.getByLabel('Nhập lại mật khẩu').fill('khác hẳn');
    await page.getByRole('button', { name: 'Khởi tạo và đăng nhập' }).click();
    await page.getByText('Hai lần nhập mật khẩu không khớp').waitFor();
    await page.getByLabel('Nhập lại mật khẩu').fill('quantri.nason-2026');
    await page.getByRole('button', { name: 'Khởi tạo và đăng nhập' }).click();
    const usernameError = page
      .locator('.ant-form-item', { has: page.getByLabel('Tên đăng nhập') })
      .locator('.ant-form-item-explain-error');
    await usernameError.waitFor();
    expect(await usernameError.innerText()).toContain('Tên đăng nhập chỉ gồm chữ không dấu');
    await shot(page, 'field-errors');
    expect(
      await h.ctx.db
        .selectFrom('organizations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ n: 0 });

    await page.getByLabel('Tên đăng nhập').fill('quantri.nason');
    await page.getByRole('button', { name: 'Khởi tạo và đăng nhập' }).click();
    const passwordError = page
      .locator('.ant-form-item', { has: page.getByLabel('Mật khẩu', { exact: true }) })
      .locator('.ant-form-item-explain-error');
    await passwordError.waitFor();
    expect(await passwordError.innerText()).toContain('Mật khẩu không được chứa tên đăng nhập');

    await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu').fill(PASSWORD);
    await shot(page, 'filled');
    await page.getByRole('button', { name: 'Khởi tạo và đăng nhập' }).click();

    // Signed in as the new administrator, on the dashboard of the new organization.
    await page.getByTestId('signed-in-user').waitFor();
    expect(await page.getByTestId('signed-in-user').innerText()).toBe('Lò Văn Quản');
    expect(await page.getByTestId('signed-in-role').innerText()).toBe('Quản trị');
    await page.getByText('Đảng bộ xã Na Son').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await shot(page, 'dashboard');
    expect(new URL(page.url()).pathname).toBe('/');

    const organization = await h.ctx.db
      .selectFrom('organizations')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(organization).toMatchObject({
      code: 'X-NS',
      name: 'Đảng bộ xã Na Son',
      level: 'grassroots',
      establishedOn: '2025-07-01',
    });
    expect(
      await h.ctx.db
        .selectFrom('users')
        .select(['username', 'displayName', 'role'])
        .executeTakeFirstOrThrow(),
    ).toEqual({ username: 'quantri.nason', displayName: 'Lò Văn Quản', role: 'admin' });

    // Signed out, the installation now shows the ordinary sign-in form.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).waitFor();
    expect(await page.getByText('Khởi tạo hệ thống').count()).toBe(0);
    await shot(page, 'sign-in-after');
    await page.close();
  });
});
