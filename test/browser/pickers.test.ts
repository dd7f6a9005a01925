import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/server/access/actor.ts';
import { createPerson } from '../../src/server/modules/people/people.service.ts';
import { createUser } from '../../src/server/modules/accounts/accounts.service.ts';
import { foldText } from '../../src/shared/text.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/**
 * Issue 15 item 5: the registration form names units, members and people by name (typed without
 * accents), never by code or id, and asks "is this the same person?" before creating a person who
 * matches one on record. Screenshots (1,366 px) also go to /tmp/shots-pickers/.
 */
const SHOTS = '/tmp/shots-pickers';

describeBrowser('pickers and the duplicate warning (Chromium)', () => {
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
    await h.screenshot(page, `pickers-${name}`);
    await page.screenshot({ path: `${SHOTS}/${name}.png` });
  };

  /** A village with an accented name covered by a cell that has official members today. */
  async function villageAndCell() {
    const cells = new Map(
      (await api<{ items: { code: string; name: string; kind: string }[] }>('/organizations')).items
        .filter((o) => o.kind === 'cell')
        .map((o) => [o.code, o]),
    );
    const units = await api<{
      items: { code: string; name: string; organizationCode: string; organizationName: string }[];
    }>('/units?kind=village&limit=200');
    for (const unit of units.items) {
      const cell = cells.get(unit.organizationCode);
      if (!cell || foldText(unit.name) === unit.name.toLowerCase()) continue;
      const members = await api<{ items: { id: number; fullName: string }[] }>(
        `/members?org=${cell.code}&status=official&limit=5`,
      );
      const member = members.items.find((m) => foldText(m.fullName) !== m.fullName.toLowerCase());
      if (member) return { unit, cell, member };
    }
    throw new Error('demo: no village with a cell and an official member');
  }

  /** Types into an antd select of the dialog and clicks the option showing `text`. */
  async function pick(page: Page, selector: string, typed: string, text: string) {
    await page.locator(selector).click();
    await page.keyboard.type(typed);
    const option = page.locator('.ant-select-item-option').filter({ hasText: text }).first();
    await option.waitFor();
    await option.click();
  }

  async function openNewPersonForm(page: Page) {
    await page.getByTestId('register-open').click();
    const dialog = page.getByRole('dialog');
    // A click during the dialog's opening animation may be lost: click until the form switched.
    await expect
      .poll(async () => {
        await dialog.getByText('Thêm người mới').click();
        return dialog.getByLabel('Họ và tên').count();
      })
      .toBeGreaterThan(0);
    return dialog;
  }

  async function chooseCell(page: Page, cell: { code: string; name: string }) {
    await page.locator('#register-org').click();
    await page.keyboard.type(cell.name);
    await page
      .locator('.ant-select-tree-node-content-wrapper')
      .filter({ hasText: cell.name })
      .first()
      .click();
  }

  it('registers a candidate with the unit picked by an accent-free search and a helper chosen by name', async () => {
    const { unit, cell, member } = await villageAndCell();
    const page = await h.open('/pipeline?org=DB');
    const dialog = await openNewPersonForm(page);
    await dialog.getByLabel('Họ và tên').fill('Hờ Thị Chọn Thử');
    await dialog.getByLabel('Ngày sinh').fill('05/06/1999');
    await dialog.getByLabel('Ngày sinh').press('Enter');
    await dialog.getByLabel('Dân tộc').fill('Mông');
    // The unit by its name typed without accents; the list shows the covering organization.
    await pick(page, '#register-unit', foldText(unit.name), unit.name);
    await expect
      .poll(() => dialog.innerText())
      .toContain(`${unit.name} — ${unit.organizationName}`);
    await chooseCell(page, cell);
    await pick(page, '#register-helpers', foldText(member.fullName), member.fullName);
    await dialog.getByText('Đăng ký quần chúng ưu tú vào nguồn').click();
    await shot(page, 'register-pickers');
    expect(await dialog.locator('input[aria-label="Mã bản, đơn vị"]').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Đăng ký' }).click();
    // Registration checks duplicates then writes: slow on a loaded machine.
    await page.waitForURL(/\/candidates\/\d+/, { timeout: 60_000 });
    const id = /\/candidates\/(\d+)/.exec(page.url())?.[1];
    const detail = await api<{
      person: { fullName: string; unitCode: string | null };
      organization: { code: string };
      helpers: { fullName: string }[];
    }>(`/candidates/${id}`);
    expect(detail.person.fullName).toBe('Hờ Thị Chọn Thử');
    expect(detail.person.unitCode).toBe(unit.code);
    expect(detail.organization.code).toBe(cell.code);
    expect(detail.helpers.map((x) => x.fullName)).toEqual([member.fullName]);
    await page.close();
  });

  it('warns of a person on record with the same name and birth date, and registers that person when chosen', async () => {
    const { unit, cell } = await villageAndCell();
    const existing = await createPerson(h.ctx, systemActor('browser-test'), {
      fullName: 'Lò Thị Trùng Tên',
      gender: 'female',
      birthDate: '2001-02-03',
      ethnicity: 'Thái',
      nationalId: '011201009876',
      unitCode: unit.code,
      educationLevel: 'upper_secondary',
      targetGroups: [],
    });
    const page = await h.open('/pipeline?org=DB');
    const dialog = await openNewPersonForm(page);
    await dialog.getByLabel('Họ và tên').fill('Lo Thi Trung Ten');
    await dialog.getByLabel('Ngày sinh').fill('03/02/2001');
    await dialog.getByLabel('Ngày sinh').press('Enter');
    await dialog.getByLabel('Dân tộc').fill('Thái');
    await pick(page, '#register-unit', foldText(unit.name), unit.name);
    await chooseCell(page, cell);
    await dialog.getByRole('button', { name: 'Đăng ký' }).click();
    const warning = dialog.getByTestId('duplicate-warning');
    await warning.waitFor();
    const text = await warning.innerText();
    expect(text).toContain('Đây có phải là người này không?');
    expect(text).toContain('Lò Thị Trùng Tên');
    expect(text).toContain('03/02/2001');
    expect(text).toContain('*********876');
    expect(text).not.toContain('011201009876');
    expect(text).toContain('Tạo người mới');
    await shot(page, 'duplicate-warning');
    await warning.getByRole('button', { name: 'Đúng, là người này' }).click();
    // Registration checks duplicates then writes: slow on a loaded machine.
    await page.waitForURL(/\/candidates\/\d+/, { timeout: 60_000 });
    const id = /\/candidates\/(\d+)/.exec(page.url())?.[1];
    const detail = await api<{ person: { id: number } }>(`/candidates/${id}`);
    expect(detail.person.id).toBe(existing.id);
    const same = await api<{ items: { id: number }[] }>('/people?q=lo%20thi%20trung%20ten');
    expect(same.items.map((p) => p.id)).toEqual([existing.id]);
    await page.close();
  });

  it('"Tạo người mới" creates a second person after the warning', async () => {
    const { unit, cell } = await villageAndCell();
    const page = await h.open('/pipeline?org=DB');
    const dialog = await openNewPersonForm(page);
    await dialog.getByLabel('Họ và tên').fill('Lò Thị Trùng Tên');
    await dialog.getByLabel('Ngày sinh').fill('03/02/2001');
    await dialog.getByLabel('Ngày sinh').press('Enter');
    await dialog.getByLabel('Dân tộc').fill('Thái');
    await pick(page, '#register-unit', foldText(unit.name), unit.name);
    await chooseCell(page, cell);
    await dialog.getByRole('button', { name: 'Đăng ký' }).click();
    await dialog.getByTestId('duplicate-warning').waitFor();
    await dialog.getByTestId('create-new-person').click();
    // Registration checks duplicates then writes: slow on a loaded machine.
    await page.waitForURL(/\/candidates\/\d+/, { timeout: 60_000 });
    const same = await api<{ items: { id: number }[] }>('/people?q=lo%20thi%20trung%20ten');
    expect(same.items).toHaveLength(2);
    await page.close();
  });

  it('introducers of a dossier are chosen by name', async () => {
    const trained = await api<{ items: { id: number }[] }>('/candidates?stage=trained&limit=5');
    const id = trained.items[0]?.id;
    if (!id) throw new Error('demo: no candidate at trained');
    const detail = await api<{ organization: { code: string } }>(`/candidates/${id}`);
    const members = await api<{ items: { fullName: string }[] }>(
      `/members?org=${detail.organization.code}&status=official&limit=1`,
    );
    const member = members.items[0];
    if (!member) throw new Error('demo: the cell has no official member');
    const page = await h.open(`/candidates/${id}`);
    await page.locator('#transition-introducers').waitFor();
    await pick(page, '#transition-introducers', foldText(member.fullName), member.fullName);
    await page.getByText('Đảng viên giới thiệu').first().click();
    await shot(page, 'introducers');
    await page.close();
  });

  // Last: it signs the browser in as another user.
  it("an officer of a commune formed in 2025 sees its cells' 2017 history in the picker and the summary", async () => {
    const password = 'Mật-khẩu-cán-bộ-xã-2026';
    await createUser(h.ctx, systemActor('browser-test'), {
      username: 'can.bo.xa',
      role: 'officer',
      organizationCode: 'X-DBD',
      password,
    });
    const signedIn = await h.context.request.post(`${h.baseUrl}/api/v1/session`, {
      data: { username: 'can.bo.xa', password },
    });
    expect(signedIn.ok()).toBe(true);
    const expected = await api<{ membersAtEnd: number; admissionsByOrganization: unknown[] }>(
      '/reports/summary?org=X-DBD&year=2017',
    );
    expect(expected.membersAtEnd).toBeGreaterThan(0);
    const page = await h.open('/reports/summary?year=2017');
    await page.getByTestId('summary-prose').waitFor();
    await page.locator('#scope-org').click();
    await page
      .locator('.ant-select-tree-node-content-wrapper')
      .filter({ hasText: 'Đảng bộ xã Điện Biên Đông' })
      .first()
      .waitFor();
    await shot(page, 'officer-2017-picker');
    expect(
      await page
        .locator('.ant-select-tree-node-content-wrapper')
        .filter({ hasText: 'Chi bộ' })
        .count(),
    ).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    const prose = await page.getByTestId('summary-prose').innerText();
    expect(prose).not.toMatch(/^\s*$/);
    await shot(page, 'officer-2017-summary');
    await page.close();
  });
});
