import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTreeFixture } from '../support/tree-fixture.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/** Copies of the screenshots, looked at by hand (SCREENSHOTS is cleaned by other runs). */
const SHOTS = '/tmp/shots-first-day';

const ADMIN_PASSWORD = 'Mật-khẩu-quản-trị-huyện-2026';
const OFFICER_PASSWORD = 'Mật-khẩu-cán-bộ-xã-2026';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A real office's first day in the browser (issue 15, "Done when"), from an EMPTY database at
 * 1,366 px: the first-run screen creates the district committee and its administrator; the
 * administrator imports the tree from the two templates (30 organizations, 60 units) after their
 * previews; creates an officer for one commune on the users screen; the officer registers a person
 * found by the village's name typed without accents, with a dated target group, then corrects the
 * birth date and records a move to another village from a date, and reads both on the timeline.
 * Every step is also checked in the database. The same flow through CLI/API is
 * test/integration/first-day.test.ts.
 */
describeBrowser('the first day of an office (Chromium, empty database)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ empty: true });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => h?.close());

  const shot = async (page: Page, name: string) => {
    // Let modals, drawers and dropdowns finish their animation. The success notices of earlier
    // steps never leave under the harness's frozen clock and would stack over the page: they
    // were read when they came; drop them from the picture.
    await page.waitForTimeout(500);
    const hidden = await page.addStyleTag({ content: '.ant-message { display: none; }' });
    const file = await h.screenshot(page, `first-day-${name}`);
    await hidden.evaluate((tag) => void tag.parentNode?.removeChild(tag));
    copyFileSync(file, join(SHOTS, `${name}.png`));
  };
  const count = async (table: 'organizations' | 'units' | 'people' | 'candidates') =>
    Number(
      (
        await h.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const unitId = async (code: string) =>
    (
      await h.ctx.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;
  /** Types into an antd date field and closes its calendar. */
  const typeDate = async (page: Page, selector: string, ddmmyyyy: string) => {
    const field = page.locator(selector);
    await field.click();
    await field.fill(ddmmyyyy);
    await field.press('Enter');
  };

  it('first run, tree import, an officer, a registration, a correction and a move, seen on the timeline', async () => {
    // 1. The first-run screen: the district committee and its administrator.
    const page = await h.open('/');
    await page.getByRole('heading', { name: 'Khởi tạo hệ thống' }).waitFor();
    await page.getByLabel('Tên tổ chức đảng').fill('Đảng bộ huyện Điện Biên Đông');
    await page.getByLabel('Mã tổ chức').fill('H-DBD');
    await page.getByLabel('Cấp tổ chức').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^Đảng bộ cấp trên cơ sở$/ })
      .click();
    await typeDate(page, '#first-run-from', '01/01/2019');
    await page.getByLabel('Địa danh ghi trên văn bản').fill('Điện Biên Đông');
    await page.getByLabel('Họ và tên').fill('Lò Văn Huyện');
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Khởi tạo hệ thống' }).click();
    await shot(page, '1-first-run');
    await page.getByRole('button', { name: 'Khởi tạo và đăng nhập' }).click();
    await page.getByTestId('signed-in-user').waitFor();
    expect(await page.getByTestId('signed-in-user').innerText()).toBe('Lò Văn Huyện');
    expect(
      await h.ctx.db.selectFrom('organizations').selectAll().executeTakeFirstOrThrow(),
    ).toMatchObject({
      code: 'H-DBD',
      name: 'Đảng bộ huyện Điện Biên Đông',
      level: 'upper',
      establishedOn: '2019-01-01',
    });
    expect(await h.ctx.db.selectFrom('users').select(['username', 'role']).execute()).toEqual([
      { username: 'quantri', role: 'admin' },
    ]);

    // 2. The import screen: both templates with the page's session, filled with the tree.
    await page.getByRole('link', { name: 'Nhập dữ liệu', exact: true }).click();
    await page.getByTestId('import-template').waitFor();
    const templates: Record<string, Buffer> = {};
    for (const [kind, label] of [
      ['organizations', 'Tổ chức đảng'],
      ['units', 'Đơn vị (bản, trường…)'],
    ] as const) {
      await page.getByTitle(label, { exact: true }).click();
      const href = await page.getByTestId('import-template').getAttribute('href');
      expect(href).toContain(`/api/v1/imports/${kind}/template`);
      const answer = await h.context.request.get(`${h.baseUrl}${href ?? ''}`);
      expect(answer.ok()).toBe(true);
      templates[kind] = await answer.body();
    }
    const fixture = await buildTreeFixture({
      parentCode: 'H-DBD',
      prefix: 'T',
      templates: { organizations: templates.organizations, units: templates.units },
    });

    await page.getByTitle('Tổ chức đảng', { exact: true }).click();
    await page.setInputFiles('#import-file', {
      name: 'to-chuc.xlsx',
      mimeType: XLSX,
      buffer: fixture.organizations,
    });
    await page.getByTestId('import-confirm').waitFor();
    expect(await page.getByTestId('import-counts').innerText()).toContain('Thêm mới: 30');
    expect(await page.getByTestId('import-preview').innerText()).toContain('Đảng bộ xã Na Son 1');
    await shot(page, '2-import-preview-organizations');
    // The preview wrote nothing.
    expect(await count('organizations')).toBe(1);
    await page.getByTestId('import-confirm').click();
    await page.getByText('Đã nhập xong 30 dòng').waitFor();
    expect(await count('organizations')).toBe(31);

    await page.getByTitle('Đơn vị (bản, trường…)', { exact: true }).click();
    await page.setInputFiles('#import-file', {
      name: 'don-vi.xlsx',
      mimeType: XLSX,
      buffer: fixture.units,
    });
    await page.getByTestId('import-confirm').waitFor();
    expect(await page.getByTestId('import-counts').innerText()).toContain('Thêm mới: 60');
    await shot(page, '3-import-preview-units');
    expect(await count('units')).toBe(0);
    await page.getByTestId('import-confirm').click();
    await page.getByText('Đã nhập xong 60 dòng').waitFor();
    expect(await count('units')).toBe(60);
    const communes = await h.ctx.db
      .selectFrom('organizations as o')
      .innerJoin('organizationLinks as p', 'p.organizationId', 'o.id')
      .innerJoin('organizations as parent', 'parent.id', 'p.parentId')
      .select('o.code')
      .where('parent.code', '=', 'H-DBD')
      .orderBy('o.code')
      .execute();
    expect(communes.map((c) => c.code)).toEqual(['T-X1', 'T-X2', 'T-X3', 'T-X4', 'T-X5']);

    // 3. The tree screen shows the new communes under the district.
    await page.getByRole('link', { name: 'Cây tổ chức', exact: true }).click();
    for (let i = 1; i <= 5; i++) {
      const name = `Đảng bộ xã ${['Na Son', 'Phì Nhừ', 'Xa Dung', 'Mường Luân', 'Luân Giói'][i - 1]} ${i}`;
      await page.locator('.ant-tree-treenode', { hasText: name }).first().waitFor();
    }
    await shot(page, '4-tree');

    // 4. The users screen: an officer for one commune, the commune chosen with the picker.
    await page.getByRole('link', { name: 'Người dùng', exact: true }).click();
    await page.getByRole('heading', { name: 'Người dùng và quyền' }).waitFor();
    await page.getByRole('button', { name: 'Tạo người dùng' }).click();
    const create = page.locator('.ant-modal', { hasText: 'Tạo người dùng' });
    await create.getByLabel('Họ tên').fill('Quàng Thị Cán Bộ');
    await create.getByLabel('Tên đăng nhập').fill('canbo.naso1');
    await create.locator('#createUser_role').click();
    await page.locator('.ant-select-item-option', { hasText: 'Cán bộ nghiệp vụ' }).click();
    await create.locator('#createUser_organizationCode').click();
    await page.keyboard.type('na son 1');
    await page
      .locator('.ant-select-tree-node-content-wrapper', { hasText: 'Đảng bộ xã Na Son 1' })
      .first()
      .click();
    await create.getByLabel('Mật khẩu', { exact: true }).fill(OFFICER_PASSWORD);
    await create.getByLabel('Nhập lại mật khẩu').fill(OFFICER_PASSWORD);
    await shot(page, '5-users-create');
    await create.getByRole('button', { name: 'Tạo' }).click();
    const row = page.locator('.ant-table-row', { hasText: 'canbo.naso1' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Đảng bộ xã Na Son 1');
    expect(await row.innerText()).toContain('Cán bộ nghiệp vụ');
    await shot(page, '6-users-list');
    const officer = await h.ctx.db
      .selectFrom('users as u')
      .innerJoin('organizations as o', 'o.id', 'u.organizationId')
      .select(['u.role', 'o.code', 'u.mustChangePassword', 'u.displayName'])
      .where('u.username', '=', 'canbo.naso1')
      .executeTakeFirstOrThrow();
    expect(officer).toMatchObject({
      role: 'officer',
      code: 'T-X1',
      displayName: 'Quàng Thị Cán Bộ',
    });

    // 5. Sign out; the officer signs in.
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.getByLabel('Tên đăng nhập').fill('canbo.naso1');
    await page.getByLabel('Mật khẩu').fill(OFFICER_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    if (officer.mustChangePassword) {
      await page.getByLabel('Mật khẩu hiện tại (do quản trị viên đặt)').fill(OFFICER_PASSWORD);
      await page.getByLabel('Mật khẩu mới').fill('Mật-khẩu-riêng-của-xã-9');
      await page.getByLabel('Nhập lại mật khẩu').fill('Mật-khẩu-riêng-của-xã-9');
      await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    }
    await page.getByTestId('signed-in-user').waitFor();
    expect(await page.getByTestId('signed-in-role').innerText()).toBe('Cán bộ nghiệp vụ');

    // 6. Registration: a new person, the village by its name without accents, a dated group.
    await page.getByRole('link', { name: 'Quy trình kết nạp', exact: true }).click();
    await page.getByTestId('register-open').click();
    const dialog = page.getByRole('dialog');
    // A click during the dialog's opening animation may be lost: click until the form switched.
    await expect
      .poll(async () => {
        await dialog.getByText('Thêm người mới').click();
        return dialog.getByLabel('Họ và tên').count();
      })
      .toBeGreaterThan(0);
    await dialog.getByLabel('Họ và tên').fill('Lò Thị Mai');
    await dialog.getByLabel('Giới tính').click();
    await page.locator('.ant-select-item-option', { hasText: 'Nữ' }).click();
    await typeDate(page, '[aria-label="Ngày sinh"]', '12/04/2001');
    await dialog.getByLabel('Dân tộc').fill('Thái');
    await dialog.locator('#register-unit').click();
    await page.keyboard.type('huoi soi');
    const village = page
      .locator('.ant-select-item-option')
      .filter({ hasText: 'Bản Huổi Sói 1.1' })
      .first();
    await village.waitFor();
    // Only the officer's commune: village 1.8 of the same name pattern, none of commune 2.
    const offered = await page.locator('.ant-select-item-option').allInnerTexts();
    expect(offered.join('\n')).toContain('Bản Huổi Sói 1.8');
    expect(offered.join('\n')).not.toContain('Bản Huổi Sói 2.1');
    await shot(page, '7-registration-picker');
    await village.click();
    await dialog.getByLabel('Đối tượng', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: 'Đoàn viên thanh niên' }).click();
    await dialog.getByLabel('Đối tượng', { exact: true }).press('Escape');
    // A group date before the birth date: the server's refusal comes back next to that field,
    // and nothing is written.
    await typeDate(page, '#register-group-from-youth_union', '26/03/1999');
    await typeDate(page, '#register-unit-from', '01/09/2019');
    await dialog.locator('#register-org').click();
    await page.keyboard.type('huoi soi 1.1');
    await page
      .locator('.ant-select-tree-node-content-wrapper')
      .filter({ hasText: 'Chi bộ bản Huổi Sói 1.1' })
      .first()
      .click();
    await dialog.getByText('Đăng ký quần chúng ưu tú vào nguồn').click();
    expect(await dialog.locator('input[aria-label="Mã bản, đơn vị"]').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Đăng ký' }).click();
    const groupError = dialog
      .locator('.ant-form-item', { has: page.locator('#register-group-from-youth_union') })
      .locator('.ant-form-item-explain-error');
    await groupError.waitFor();
    expect(await groupError.innerText()).toBe('Ngày 26/03/1999 trước ngày sinh (12/04/2001)');
    expect(await count('people')).toBe(0);
    await shot(page, '8-registration-refused-date');
    await typeDate(page, '#register-group-from-youth_union', '26/03/2016');
    await dialog.getByText('Đăng ký quần chúng ưu tú vào nguồn').click();
    await shot(page, '8-registration-filled');
    await dialog.getByRole('button', { name: 'Đăng ký' }).click();
    await page.waitForURL(/\/candidates\/\d+/);

    const person = await h.ctx.db
      .selectFrom('people')
      .select(['id', 'fullName', 'birthDate', 'gender', 'unitId'])
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({
      fullName: 'Lò Thị Mai',
      birthDate: '2001-04-12',
      gender: 'female',
      unitId: await unitId('T-UX1-B1'),
    });
    expect(
      await h.ctx.db
        .selectFrom('personTargetGroups')
        .select(['targetGroup', 'validFrom'])
        .where('personId', '=', person.id)
        .execute(),
    ).toEqual([{ targetGroup: 'youth_union', validFrom: '2016-03-26' }]);
    expect(
      await h.ctx.db
        .selectFrom('candidates as c')
        .innerJoin('organizations as o', 'o.id', 'c.organizationId')
        .select(['c.personId', 'o.code', 'c.stage'])
        .execute(),
    ).toEqual([{ personId: person.id, code: 'T-X1-C1', stage: 'source' }]);

    // 7. The person's page: "Sửa" → "Đính chính" the birth date, with a reason.
    await page.getByRole('link', { name: 'Hồ sơ cá nhân' }).click();
    await page.getByRole('heading', { name: 'Lò Thị Mai' }).waitFor();
    await page.getByTestId('person-edit').click();
    const edit = page.getByRole('dialog');
    await edit.getByText('Đính chính (sửa sai)').waitFor();
    await typeDate(page, '#person-birth-date', '21/04/2001');
    await edit.getByLabel('Lý do').fill('Ghi nhầm ngày sinh khi đăng ký');
    await edit.locator('.ant-modal-title').click();
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => edit.isVisible()).toBe(false);
    await expect.poll(() => page.locator('.ant-descriptions').innerText()).toContain('21/04/2001');
    const correction = await h.ctx.db
      .selectFrom('events')
      .select(['before', 'after', 'actor'])
      .where('entity', '=', 'person')
      .where('entityId', '=', String(person.id))
      .where('reason', '=', 'Ghi nhầm ngày sinh khi đăng ký')
      .executeTakeFirstOrThrow();
    expect(correction.before).toContain('2001-04-12');
    expect(correction.after).toContain('2001-04-21');
    expect(correction.actor).toContain('canbo.naso1');

    // "Sửa" → "Thay đổi từ ngày": moved to another village of the commune on 01/06/2026.
    await page.getByTestId('person-edit').click();
    await edit.getByText('Thay đổi từ ngày', { exact: true }).first().click();
    await typeDate(page, '#person-change-on', '01/06/2026');
    await edit.locator('#person-unit').click();
    await page.keyboard.type('na su 1.2');
    const target = page
      .locator('.ant-select-item-option')
      .filter({ hasText: 'Bản Nà Sự 1.2' })
      .first();
    await target.waitFor();
    await target.click();
    await edit.getByLabel('Lý do').fill('Chuyển về bản Nà Sự');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => edit.isVisible()).toBe(false);

    // 8. The timeline: the correction, the old village up to the move, the new one from it.
    const timeline = page.locator('.ant-timeline');
    await expect
      .poll(() => timeline.innerText())
      .toContain('01/06/2026 — Ở, công tác tại Bản Nà Sự 1.2');
    const text = await timeline.innerText();
    expect(text).toContain('01/09/2019 — Ở, công tác tại Bản Huổi Sói 1.1');
    expect(text).toContain('Đính chính Ngày sinh');
    expect(text).toContain('12/04/2001 → 21/04/2001');
    expect(text).toContain('26/03/2016 — Vào nhóm: Đoàn viên thanh niên');
    expect(text).not.toMatch(/T-UX\d|T-X\d/);
    await expect
      .poll(() => page.locator('.ant-descriptions').innerText())
      .toContain('Bản Nà Sự 1.2');
    await shot(page, '9-person-timeline');
    // Names, not codes, on the person's page (the candidacy names its cell).
    const main = await page.locator('#main').innerText();
    expect(main).toContain('Chi bộ bản Huổi Sói 1.1');
    expect(main).not.toMatch(/T-U?X\d/);
    expect(
      await h.ctx.db
        .selectFrom('personPlaces')
        .select(['unitId', 'validFrom', 'validTo'])
        .where('personId', '=', person.id)
        .orderBy('validFrom')
        .execute(),
    ).toEqual([
      { unitId: await unitId('T-UX1-B1'), validFrom: '2019-09-01', validTo: '2026-06-01' },
      { unitId: await unitId('T-UX1-B2'), validFrom: '2026-06-01', validTo: '9999-12-31' },
    ]);
    expect(
      (
        await h.ctx.db
          .selectFrom('people')
          .select('unitId')
          .where('id', '=', person.id)
          .executeTakeFirstOrThrow()
      ).unitId,
    ).toBe(await unitId('T-UX1-B2'));
    await page.close();
  }, 240_000);
});
