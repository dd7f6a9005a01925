import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import { createUser } from '../../src/server/modules/accounts/accounts.service.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/**
 * Issue 13 as an officer sees it: signed in for the commune Mường Luân (X-ML), a person of the
 * next commune (Na Son, X-NS) is found neither by a search nor by typing their page's address,
 * and the answer is the one a missing record gets.
 */
const PASSWORD = 'Mật-khẩu-xã-Mường-Luân-2026';
const TODAY = '2026-11-27';

describeBrowser('an officer of one commune and the next commune (Chromium)', () => {
  let h: BrowserHarness;
  let other: { id: number; fullName: string };
  let own: { id: number; fullName: string };
  beforeAll(async () => {
    h = await startBrowserHarness();
    await createUser(h.ctx, systemActor('test'), {
      username: 'can.bo.muong.luan',
      role: 'officer',
      organizationCode: 'X-ML',
      password: PASSWORD,
    });
    const memberOf = (commune: string) =>
      h.ctx.db
        .selectFrom('memberPeriods as mp')
        .innerJoin('organizationClosure as c', 'c.descendantId', 'mp.organizationId')
        .innerJoin('organizations as a', 'a.id', 'c.ancestorId')
        .innerJoin('people as p', 'p.id', 'mp.personId')
        .select(['p.id', 'p.fullName'])
        .where('a.code', '=', commune)
        .where('c.validFrom', '<=', TODAY)
        .where('c.validTo', '>', TODAY)
        .where('mp.validFrom', '<=', TODAY)
        .where('mp.validTo', '>', TODAY)
        .orderBy('p.id')
        .executeTakeFirstOrThrow();
    other = await memberOf('X-NS');
    own = await memberOf('X-ML');
  });
  afterAll(async () => h?.close());

  it("finds its own commune's people, and neither finds nor opens the next commune's", async (test) => {
    if (!h.signedIn) {
      test.skip('the server has no accounts');
      return;
    }
    const page = await h.open('/');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Tên đăng nhập').fill('can.bo.muong.luan');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('signed-in-user').waitFor();
    expect(await page.getByTestId('signed-in-user').innerText()).toContain('can.bo.muong.luan');

    await page.goto(`${h.baseUrl}/people`);
    await page.getByLabel('Tìm theo họ tên').fill(own.fullName);
    await page.getByRole('link', { name: own.fullName }).first().waitFor();
    await h.screenshot(page, 'scope-own-commune-search');

    await page.getByLabel('Tìm theo họ tên').fill(other.fullName);
    // The list has answered the new search once the own commune's person has left it.
    await expect
      .poll(() => page.getByRole('link', { name: own.fullName }).count(), { timeout: 10_000 })
      .toBe(0);
    await page.waitForLoadState('networkidle');
    expect(await page.locator(`a[href$="/people/${other.id}"]`).count()).toBe(0);
    expect(await page.getByText(other.fullName, { exact: true }).count()).toBe(0);
    await h.screenshot(page, 'scope-next-commune-search');

    await page.goto(`${h.baseUrl}/people/${other.id}`);
    await page.getByText('Không tìm thấy').first().waitFor();
    expect(await page.getByText(other.fullName).count()).toBe(0);
    await h.screenshot(page, 'scope-next-commune-person');
    await page.goto(`${h.baseUrl}/people/987654321`);
    await page.getByText('Không tìm thấy').first().waitFor();
    await page.close();
  });
});
