import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDemoUsers, type DemoLogin } from '../../src/sample/demo/accounts.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/**
 * Signing in through the form (issue 6 §8): a wrong password is refused in Vietnamese, the demo's
 * viewer (Na Son commune, read only) sees no write buttons and masked national IDs, and signing
 * out returns to the form.
 */
describeBrowser('sign-in and what a viewer sees (Chromium)', () => {
  let h: BrowserHarness;
  let viewer: DemoLogin;
  beforeAll(async () => {
    h = await startBrowserHarness();
    const logins = await createDemoUsers(h.ctx);
    const found = logins.find((l) => l.role === 'viewer');
    if (!found) throw new Error('the demo has no viewer');
    viewer = found;
  });
  afterAll(async () => h?.close());

  it('signs in as the viewer through the form; the UI offers reading only', async (test) => {
    if (!h.signedIn) {
      test.skip('the server has no accounts');
      return;
    }
    const page = await h.open('/');
    // The harness signed in as an administrator: sign out through the header first.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    const username = page.getByLabel('Tên đăng nhập');
    await username.waitFor();
    await username.fill(viewer.username);
    await page.getByLabel('Mật khẩu').fill('không-phải-mật-khẩu');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const refusal = page.locator('.ant-alert-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    await h.screenshot(page, 'sign-in-refused');

    await page.getByLabel('Mật khẩu').fill(viewer.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('signed-in-user').waitFor();
    expect(await page.getByTestId('signed-in-user').innerText()).toContain('Na Son');
    expect(await page.getByTestId('signed-in-role').innerText()).toBe('Chỉ xem');
    await page.getByTestId('members-at-end').waitFor();
    await h.screenshot(page, 'dashboard-viewer');

    // No write buttons: the board has no "register", a dossier no transition form.
    await page.goto(`${h.baseUrl}/pipeline`);
    await page.locator('.board').waitFor();
    expect(await page.getByTestId('register-open').count()).toBe(0);
    const cards = page.getByTestId('candidate-card');
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    await cards.first().getByRole('link').click();
    await page.getByTestId('stage').waitFor();
    expect(await page.getByRole('button', { name: 'Ghi nhận' }).count()).toBe(0);
    await page.getByText('tài khoản của bạn không được tải').waitFor();
    await page.goto(`${h.baseUrl}/plans`);
    await page.locator('h2').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('button', { name: 'Lưu kế hoạch' }).count()).toBe(0);
    await page.goto(`${h.baseUrl}/import`);
    await page.getByText('Tài khoản của bạn chỉ được xem').waitFor();
    expect(await page.locator('#import-file').count()).toBe(0);

    // A person of the viewer's commune: the national ID is masked to its last three digits.
    const members = await h.context.request.get(`${h.baseUrl}/api/v1/members?limit=20`);
    const list = (await members.json()) as { items: { personId: number }[] };
    let personId: number | undefined;
    for (const m of list.items) {
      const person = await h.context.request.get(`${h.baseUrl}/api/v1/people/${m.personId}`);
      if (((await person.json()) as { nationalId: string | null }).nationalId) {
        personId = m.personId;
        break;
      }
    }
    if (personId === undefined) throw new Error('no member with a national ID');
    await page.goto(`${h.baseUrl}/people/${personId}`);
    await page.getByText('Một số thông tin cá nhân được che theo quyền của bạn').waitFor();
    const idRow = page.locator('.ant-descriptions-row', { hasText: 'Số định danh' });
    expect(await idRow.innerText()).toMatch(/\*{9}\d{3}/);
    await h.screenshot(page, 'person-viewer');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Tên đăng nhập').waitFor();
    const after = await h.context.request.get(`${h.baseUrl}/api/v1/session`);
    expect(after.status()).toBe(401);
    await page.close();
  });
});
