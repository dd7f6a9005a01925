import { afterAll, beforeAll, expect, it } from 'vitest';
import { foldText } from '../../src/shared/text.ts';
import { describeBrowser, startBrowserHarness, type BrowserHarness } from './support.ts';

/**
 * The second pass on the web app (issue 6): member filters in the address, registering a
 * candidate, the board's "xem thêm", procedure documents, the import screen, the dedicated report
 * screens and a dissolved organization, on the demo installation (clock 2026-11-27).
 */
describeBrowser('web app workflows (Chromium)', () => {
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

  it('members list filters live in the address; a statistics figure opens the filtered list', async () => {
    const query = 'org=DBD&asOf=2017-12-31&gender=female&targetGroup=teacher&ageMin=18&ageMax=30';
    const expected = await api<{ total: number }>(`/members?${query}&limit=1`);
    expect(expected.total).toBeGreaterThan(0);
    const page = await h.open(`/members?${query}`);
    await expect
      .poll(() => page.getByTestId('members-total').innerText())
      .toContain(`Tổng số: ${expected.total} đảng viên`);
    // Typing a name without accents narrows the list and lands in the address.
    await page.getByLabel('Họ tên').fill('thi');
    await expect.poll(() => page.url()).toContain('q=thi');
    await page.waitForLoadState('networkidle');
    await h.screenshot(page, 'members-filtered');

    const stats = await h.open('/reports/statistics?org=DBD&year=2017');
    await stats
      .locator('.ant-card', { hasText: 'Giới tính' })
      .getByRole('link', { name: '1.018' })
      .click();
    await expect.poll(() => stats.url()).toContain('gender=female');
    await expect
      .poll(() => stats.getByTestId('members-total').innerText())
      .toContain('Tổng số: 1.018 đảng viên');
    await page.close();
    await stats.close();
  });

  it('registers a new person as a candidate from the board, and the board shows more cards on request', async () => {
    const today = await api<{ items: { code: string; name: string; kind: string }[] }>(
      '/organizations?asOf=2026-11-27',
    );
    const cell = today.items.find((o) => o.kind === 'cell');
    if (!cell) throw new Error('no cell today');
    const page = await h.open('/pipeline?org=DB');
    await page.getByTestId('register-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Thêm người mới').click();
    await dialog.getByLabel('Họ và tên').fill('Vàng A Thử');
    await dialog.getByLabel('Ngày sinh').fill('12/03/2000');
    await dialog.getByLabel('Ngày sinh').press('Enter');
    await dialog.getByLabel('Dân tộc').fill('Mông');
    // The unit is picked by its name (issue 15), not typed as a code.
    const unit = (await api<{ items: { name: string }[] }>('/units?q=U-TT-B01')).items[0];
    if (!unit) throw new Error('demo: no unit U-TT-B01');
    await dialog.locator('#register-unit').click();
    await page.keyboard.type(foldText(unit.name));
    await page.locator('.ant-select-item-option').filter({ hasText: unit.name }).first().click();
    await dialog.locator('#register-org').click();
    await page.keyboard.type(cell.code);
    await page
      .locator('.ant-select-tree-node-content-wrapper')
      .filter({ hasText: cell.name })
      .first()
      .click();
    await h.screenshot(page, 'pipeline-register');
    await dialog.getByRole('button', { name: 'Đăng ký' }).click();
    await page.waitForURL(/\/candidates\/\d+/);
    await expect.poll(() => page.getByTestId('stage').innerText()).toBe('Nguồn');
    await page.getByRole('heading', { name: /Vàng A Thử/ }).waitFor();

    const board = await h.open('/pipeline?org=DB');
    const column = board.getByRole('listitem', { name: 'Đã kết nạp (dự bị)' });
    await column.getByTestId('candidate-card').first().waitFor();
    expect(await column.getByTestId('candidate-card').count()).toBe(15);
    await board.getByTestId('more-admitted').click();
    await expect.poll(() => column.getByTestId('candidate-card').count()).toBeGreaterThan(15);
    await h.screenshot(board, 'pipeline-more');
    await page.close();
    await board.close();
  });

  it('a dossier past the cell vote links its procedure documents as DOCX', async () => {
    const decided = await api<{ items: { id: number }[] }>('/candidates?stage=decided&limit=1');
    const id = decided.items[0]?.id;
    if (!id) throw new Error('no candidate at decided');
    const page = await h.open(`/candidates/${id}`);
    const link = page.getByTestId('document-admission-resolution');
    await link.waitFor();
    expect(await page.getByTestId('document-admission-decision').count()).toBe(1);
    expect(await page.getByTestId('document-recognition-resolution').count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK');
    await h.screenshot(page, 'dossier-documents');
    await page.close();
  });

  it('"Tải cả hồ sơ" downloads the dossier ZIP named after the person, every form in it', async () => {
    const official = await api<{ items: { id: number; fullName: string }[] }>(
      '/candidates?stage=official&all=true&limit=1',
    );
    const candidate = official.items[0];
    if (!candidate) throw new Error('no official candidate');
    const page = await h.open(`/candidates/${candidate.id}`);
    const button = page.getByTestId('dossier-zip');
    await button.waitFor();
    expect(await button.innerText()).toContain('Tải cả hồ sơ');
    expect(await page.getByTestId('document-recognition-decision').count()).toBe(1);
    expect(await page.getByTestId('document-probation-removal').count()).toBe(0);
    await h.screenshot(page, 'dossier-zip');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const zip = Buffer.concat(chunks);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.includes(Buffer.from('16-KNĐ Quyết định công nhận đảng viên chính thức'))).toBe(
      true,
    );
    await page.close();
  });

  it('import: a bad row shows its column and message beside it; the fixed file imports', async () => {
    const header = 'Họ và tên,Giới tính,Ngày sinh,Dân tộc,Đơn vị,Trình độ học vấn';
    const good = 'Lò Văn Nhập,Nam,12/03/1995,Thái,U-TT-B01,Trung học phổ thông';
    const csv = (second: string) => Buffer.from(`${header}\n${good}\n${second}\n`, 'utf8');
    const page = await h.open('/import');
    await page.getByTestId('import-template').waitFor();
    expect(await page.getByTestId('import-template').getAttribute('href')).toContain(
      '/api/v1/imports/people/template',
    );
    await page.setInputFiles('#import-file', {
      name: 'nguoi.csv',
      mimeType: 'text/csv',
      buffer: csv('Giàng Thị Nhập,Nữ,31/02/1998,Mông,U-TT-B02,Trung học cơ sở'),
    });
    const badRow = page.locator('tr.import-row-error');
    await badRow.waitFor();
    expect(await badRow.innerText()).toContain('3');
    expect(await badRow.getByTestId('row-error').innerText()).toContain(
      'Ngày sinh: Ngày không hợp lệ: 31/02/1998',
    );
    expect(await page.getByTestId('import-confirm').count()).toBe(0);
    await page.getByTestId('import-blocked').waitFor();
    await h.screenshot(page, 'import-preview-error');

    await page.setInputFiles('#import-file', {
      name: 'nguoi.csv',
      mimeType: 'text/csv',
      buffer: csv('Giàng Thị Nhập,Nữ,28/02/1998,Mông,U-TT-B02,Trung học cơ sở'),
    });
    await page.getByTestId('import-confirm').waitFor();
    expect(await page.locator('tr.import-row-error').count()).toBe(0);
    await h.screenshot(page, 'import-preview-clean');
    await page.getByTestId('import-confirm').click();
    await page.getByText('Đã nhập xong 2 dòng').waitFor();
    await h.screenshot(page, 'import-done');
    const found = await api<{ total: number }>('/people?q=giang%20thi%20nhap');
    expect(found.total).toBe(1);
    await page.close();
  });

  it('dedicated report screens: resolution, ratings, trend and the pipeline table', async () => {
    const resolution = await h.open('/reports/resolution?org=DBD&year=2017');
    await resolution.getByTestId('indicator-charts').waitFor();
    await expect
      .poll(() => resolution.locator('canvas').count(), { timeout: 20_000 })
      .toBeGreaterThan(1);
    await resolution.waitForTimeout(500);
    await h.screenshot(resolution, 'report-resolution');
    await resolution.close();

    const ratings = await h.open('/reports/ratings?org=DBD&year=2017');
    await ratings.getByText('Hoàn thành tốt nhiệm vụ').first().waitFor();
    expect(await ratings.getByTestId('proposed').count()).toBeGreaterThan(0);
    await h.screenshot(ratings, 'report-ratings');
    await ratings.close();

    const trend = await h.open('/reports/trend?org=DBD&year=2017');
    await trend.getByText('3.040').first().waitFor();
    await expect.poll(() => trend.locator('canvas').count(), { timeout: 20_000 }).toBe(1);
    await trend.waitForTimeout(500);
    await h.screenshot(trend, 'report-trend');
    await trend.close();

    const pipeline = await h.open('/reports/pipeline?org=DB&year=2026');
    await pipeline.getByText('Số ngày trung bình (trung vị) ở mỗi bước').waitFor();
    expect(await pipeline.locator('.ant-alert-error').count()).toBe(0);
    await h.screenshot(pipeline, 'report-pipeline');
    await pipeline.close();
  });

  it('a dissolved organization says since when instead of showing zeros', async () => {
    const dashboard = await h.open('/?org=DBD&year=2026');
    await dashboard.getByTestId('dissolved').waitFor();
    expect(await dashboard.getByTestId('dissolved').innerText()).toContain(
      'Đã giải thể từ 01/07/2025',
    );
    await expect
      .poll(() => dashboard.getByTestId('members-now').innerText())
      .toContain('Đã giải thể từ 01/07/2025');
    await h.screenshot(dashboard, 'dashboard-dissolved');
    await dashboard.close();

    const tree = await h.open('/organizations?asOf=2026-01-01&node=DBD');
    await tree.getByTestId('node-not-in-tree').waitFor();
    expect(await tree.getByTestId('node-not-in-tree').innerText()).toContain(
      'Đã giải thể từ 01/07/2025',
    );
    await h.screenshot(tree, 'organizations-dissolved');
    await tree.getByRole('link', { name: /30\/06\/2025/ }).click();
    await tree.getByText('Đảng viên (30/06/2025)').waitFor();
    await tree.close();
  });
});
