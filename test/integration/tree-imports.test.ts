import ExcelJS from 'exceljs';
import { SECTOR_LABELS, UNIT_KIND_LABELS } from '../../src/shared/enums.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import { AppError } from '../../src/server/lib/errors.ts';
import {
  createOrganization,
  listOrganizations,
  listUnits,
} from '../../src/server/modules/organizations/organizations.service.ts';
import { findOrganizationByCode } from '../../src/server/modules/organizations/organizations.repository.ts';
import { importFile, type ImportResult } from '../../src/server/modules/imports/imports.service.ts';
import { buildTemplate } from '../../src/server/modules/imports/exports.service.ts';
import { fileFromBuffer } from '../../src/server/modules/imports/imports.reader.ts';
import type { ImportKind } from '../../src/server/modules/imports/imports.columns.ts';
import { buildApp } from '../../src/server/app.ts';
import { authHeader, createUserWithToken } from '../support/auth.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import {
  ORGANIZATION_HEADERS,
  UNIT_HEADERS,
  buildTreeFixture,
  fillSheet,
  type TreeFixture,
} from '../support/tree-fixture.ts';

const system = systemActor('test');

async function count(
  ctx: AppContext,
  table: 'organizations' | 'units' | 'unitCoverage' | 'events',
) {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function run(
  ctx: AppContext,
  actor: Actor,
  kind: ImportKind,
  buffer: Buffer,
  write: boolean,
  name = `${kind}.xlsx`,
): Promise<ImportResult> {
  return importFile(ctx, actor, kind, fileFromBuffer(buffer, name), { write });
}

async function rejected(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The text of every cell of a workbook's sheet, joined (to look for labels in the template). */
async function sheetText(buffer: Buffer, sheetName: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(sheetName);
  const texts: string[] = [];
  sheet?.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
  return texts.join('\n');
}

describeEachDialect('organization and unit imports', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let adminA: Actor;
  let officerA: Actor;
  let fixture: TreeFixture;

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await createOrganization(ctx, system, {
      code: 'T',
      name: 'Đảng bộ tỉnh thử nghiệm',
      kind: 'committee',
      level: 'top',
      parentCode: null,
      establishedOn: '2000-01-01',
    });
    for (const code of ['T-A', 'T-B'])
      await createOrganization(ctx, system, {
        code,
        name: `Đảng bộ xã ${code}`,
        kind: 'committee',
        level: 'grassroots',
        parentCode: 'T',
        establishedOn: '2000-01-01',
      });
    const a = await findOrganizationByCode(ctx.db, 'T-A');
    adminA = { username: 'admin-a', userId: null, role: 'admin', organizationId: a?.id ?? -1 };
    officerA = { ...adminA, username: 'officer-a', role: 'officer' };
    // The generated templates, filled: a 2-level tree of 30 organizations and 60 units under T-A.
    fixture = await buildTreeFixture({
      parentCode: 'T-A',
      prefix: 'NA',
      templates: {
        organizations: await buildTemplate(ctx, adminA, 'organizations'),
        units: await buildTemplate(ctx, adminA, 'units'),
      },
    });
  });
  afterAll(async () => {
    await drop();
  });

  it('writes templates with Vietnamese headers and the allowed values in Vietnamese', async () => {
    const organizations = await buildTemplate(ctx, adminA, 'organizations');
    const headers = await sheetText(organizations, 'Danh sách tổ chức đảng');
    for (const header of ORGANIZATION_HEADERS) expect(headers).toContain(header);
    const allowed = await sheetText(organizations, 'Giá trị hợp lệ');
    expect(allowed).toContain('Đảng bộ cơ sở (đảng bộ; cũng ghi được: Đảng bộ xã');
    expect(allowed).toContain('Chi bộ trực thuộc (chi bộ; cũng ghi được: Chi bộ thôn/bản');
    expect(allowed).toContain('Giáo dục');
    expect(allowed).not.toMatch(/\bgrassroots\b|\bcommittee\b/);
    const units = await buildTemplate(ctx, adminA, 'units');
    for (const header of UNIT_HEADERS)
      expect(await sheetText(units, 'Danh sách đơn vị')).toContain(header);
    expect(await sheetText(units, 'Giá trị hợp lệ')).toContain('Trường');
    expect(fixture.organizationCodes).toHaveLength(30);
    expect(fixture.unitCodes).toHaveLength(60);
  });

  it('previews a 30-organization file without writing anything', async () => {
    const before = await count(ctx, 'organizations');
    const preview = await run(ctx, adminA, 'organizations', fixture.organizations, false);
    expect(preview.dryRun).toBe(true);
    expect(preview.written).toBe(false);
    expect(preview.rows).toBe(30);
    expect(preview.counts).toEqual({ new: 30, update: 0, unchanged: 0, duplicate: 0, error: 0 });
    expect(preview.items.map((i) => i.organizationCode)).toContain('NA-X1-C1');
    expect(await count(ctx, 'organizations')).toBe(before);
  });

  it('imports the organizations in one go, parents first, with the dated closure right', async () => {
    const result = await run(ctx, adminA, 'organizations', fixture.organizations, true);
    expect(result.written).toBe(true);
    expect(result.counts.new).toBe(30);
    expect(await count(ctx, 'organizations')).toBe(33);

    const commune = await findOrganizationByCode(ctx.db, 'NA-X1');
    expect(commune).toMatchObject({
      kind: 'committee',
      level: 'grassroots',
      sector: 'commune',
      decidesAdmissions: true,
      educationException: true,
      hasYouthUnion: true,
      establishedOn: '2020-01-01',
    });
    expect(await findOrganizationByCode(ctx.db, 'NA-X2')).toMatchObject({
      decidesAdmissions: false,
    });
    expect(await findOrganizationByCode(ctx.db, 'NA-X1-TH')).toMatchObject({
      kind: 'cell',
      level: 'cell',
      sector: 'education',
      combined: false,
    });
    // The tree as of dates: T-A holds all 30 from 2020-01-01, none the day before.
    const today = await listOrganizations(ctx, adminA, {});
    expect(today.map((n) => n.code).sort()).toEqual(['T-A', ...fixture.organizationCodes].sort());
    const cell = today.find((n) => n.code === 'NA-X3-C2');
    expect(cell).toMatchObject({ parentCode: 'NA-X3', depth: 2 });
    const before = await listOrganizations(ctx, adminA, { asOf: '2019-12-31' });
    expect(before.map((n) => n.code)).toEqual(['T-A']);
    const fromTop = await listOrganizations(ctx, system, { org: 'T' });
    expect(fromTop.find((n) => n.code === 'NA-X3-C2')?.depth).toBe(3);
    const events = await ctx.db
      .selectFrom('events')
      .select(['action', 'actor', 'reason'])
      .where('action', '=', 'import.organizations')
      .execute();
    expect(events).toEqual([
      {
        action: 'import.organizations',
        actor: 'admin-a',
        reason: 'Nhập từ tệp organizations.xlsx',
      },
    ]);
  });

  it('imports 60 units with their communes and coverage', async () => {
    const preview = await run(ctx, officerA, 'units', fixture.units, false);
    expect(preview.counts).toEqual({ new: 60, update: 0, unchanged: 0, duplicate: 0, error: 0 });
    expect(await count(ctx, 'units')).toBe(0);
    const result = await run(ctx, officerA, 'units', fixture.units, true);
    expect(result.written).toBe(true);
    expect(await count(ctx, 'units')).toBe(60);
    const { items } = await listUnits(ctx, officerA, { limit: 500 });
    expect(items).toHaveLength(60);
    expect(items.find((u) => u.code === 'NA-UX2-B3')).toMatchObject({
      kind: 'village',
      organizationCode: 'NA-X2-C3',
    });
    expect(items.find((u) => u.code === 'NA-UX2-TH')).toMatchObject({
      kind: 'school',
      staffCount: 22,
      organizationCode: 'NA-X2-TH',
    });
    const village = await ctx.db
      .selectFrom('units as u')
      .innerJoin('units as c', 'c.id', 'u.communeUnitId')
      .select(['c.code', 'u.validFrom'])
      .where('u.code', '=', 'NA-UX2-B3')
      .executeTakeFirstOrThrow();
    expect(village).toEqual({ code: 'NA-UX2', validFrom: '2020-01-01' });
    // Covered from the unit's first day, not before.
    expect(await listUnits(ctx, officerA, { asOf: '2019-12-31' })).toEqual({ items: [] });
  });

  it('re-importing the same files changes nothing', async () => {
    const orgs = await count(ctx, 'organizations');
    const coverage = await count(ctx, 'unitCoverage');
    const again = await run(ctx, adminA, 'organizations', fixture.organizations, true);
    expect(again.counts).toEqual({ new: 0, update: 0, unchanged: 30, duplicate: 0, error: 0 });
    const units = await run(ctx, officerA, 'units', fixture.units, true);
    expect(units.counts).toEqual({ new: 0, update: 0, unchanged: 60, duplicate: 0, error: 0 });
    expect(await count(ctx, 'organizations')).toBe(orgs);
    expect(await count(ctx, 'units')).toBe(60);
    expect(await count(ctx, 'unitCoverage')).toBe(coverage);
  });

  it('refuses the whole file for one bad row, naming the row and column in Vietnamese', async () => {
    const rows = [
      {
        'Mã tổ chức': 'NA-X6',
        'Tên tổ chức đảng': 'Đảng bộ xã Mới',
        'Cấp tổ chức': 'dang bo xa',
        'Mã tổ chức cấp trên': 'T-A',
        'Ngày thành lập': '01/07/2025',
      },
      {
        'Mã tổ chức': 'NA-X6-C1',
        'Tên tổ chức đảng': 'Chi bộ bản Mới',
        'Cấp tổ chức': 'Chi bộ xóm núi',
        'Mã tổ chức cấp trên': 'NA-X6',
        'Ngày thành lập': '01/07/2025',
      },
      {
        'Mã tổ chức': 'NA-X1',
        'Tên tổ chức đảng': 'Đảng bộ xã Khác Tên',
        'Cấp tổ chức': 'Đảng bộ xã',
        'Mã tổ chức cấp trên': 'T-A',
        'Ngày thành lập': '01/01/2020',
      },
      {
        'Mã tổ chức': 'NA-X6-C2',
        'Tên tổ chức đảng': 'Chi bộ trước xã',
        'Cấp tổ chức': 'Chi bộ thôn/bản',
        'Mã tổ chức cấp trên': 'NA-X6',
        'Ngày thành lập': '31/02/2025',
      },
      {
        'Mã tổ chức': 'NA-X6-C3',
        'Tên tổ chức đảng': 'Chi bộ dưới chi bộ',
        'Cấp tổ chức': 'Chi bộ thôn/bản',
        'Mã tổ chức cấp trên': 'NA-X1-C1',
        'Ngày thành lập': '01/08/2025',
      },
      {
        'Mã tổ chức': 'NA-X6',
        'Tên tổ chức đảng': 'Đảng bộ xã Mới',
        'Cấp tổ chức': 'Đảng bộ xã',
        'Mã tổ chức cấp trên': 'T-A',
        'Ngày thành lập': '01/07/2025',
      },
    ];
    const file = await fillSheet('organizations', rows);
    const before = await count(ctx, 'organizations');
    const preview = await run(ctx, adminA, 'organizations', file, false);
    expect(preview.counts).toMatchObject({ new: 1, error: 4, duplicate: 1 });
    const byRow = new Map(preview.items.map((i) => [i.row, i]));
    const only = (row: number) => {
      const errors = byRow.get(row)?.errors ?? [];
      expect(errors).toHaveLength(1);
      return errors[0];
    };
    expect(only(3)?.column).toBe('Cấp tổ chức');
    expect(only(3)?.message).toContain('"Chi bộ xóm núi" không có trong danh mục');
    expect(only(4)?.column).toBe('Tên tổ chức đảng');
    expect(only(4)?.message).toContain(
      'Đã có tổ chức mã NA-X1 với tên khác: "Đảng bộ xã Na Son 1"',
    );
    expect(only(5)).toMatchObject({
      column: 'Ngày thành lập',
      message: 'Ngày không hợp lệ: 31/02/2025 (ghi theo dd/mm/yyyy)',
    });
    expect(only(6)?.column).toBe('Mã tổ chức cấp trên');
    expect(only(6)?.message).toContain('là chi bộ; chi bộ không có tổ chức cấp dưới');
    expect(byRow.get(7)).toMatchObject({ status: 'duplicate', duplicateOf: { row: 2 } });

    const error = await rejected(run(ctx, adminA, 'organizations', file, true));
    expect(error.code).toBe('rule.import_rejected');
    expect(error.message).toContain('không dòng nào được ghi');
    expect(error.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['dòng 3 · Cấp tổ chức', 'dòng 4 · Tên tổ chức đảng', 'dòng 7']),
    );
    // Nothing written, not even the good first row.
    expect(await count(ctx, 'organizations')).toBe(before);
    expect(await findOrganizationByCode(ctx.db, 'NA-X6')).toBeUndefined();
  });

  it("refuses another commune's parent or coverer exactly like one that does not exist", async () => {
    const rows = ['T-B', 'KHONG-CO'].map((parent, i) => ({
      'Mã tổ chức': `NA-OUT${i}`,
      'Tên tổ chức đảng': `Chi bộ ngoài ${i}`,
      'Cấp tổ chức': 'Chi bộ thôn/bản',
      'Mã tổ chức cấp trên': parent,
      'Ngày thành lập': '01/01/2024',
    }));
    const preview = await run(
      ctx,
      adminA,
      'organizations',
      await fillSheet('organizations', rows),
      false,
    );
    const [outside, missing] = preview.items;
    expect(outside?.errors).toEqual([
      {
        column: 'Mã tổ chức cấp trên',
        message: 'Không tìm thấy tổ chức đảng mã T-B trong phạm vi của bạn',
        messageEn: 'Parent not found in your scope',
      },
    ]);
    expect(missing?.errors[0]?.message).toBe(
      'Không tìm thấy tổ chức đảng mã KHONG-CO trong phạm vi của bạn',
    );

    const units = await fillSheet('units', [
      {
        'Mã đơn vị': 'NA-OUT-B1',
        'Tên đơn vị': 'Bản ngoài',
        'Loại đơn vị': 'Bản',
        'Từ ngày': '01/01/2024',
        'Tổ chức đảng phụ trách': 'T-B',
      },
      {
        'Mã đơn vị': 'NA-OUT-B2',
        'Tên đơn vị': 'Bản không ai phụ trách',
        'Loại đơn vị': 'Bản',
        'Từ ngày': '01/01/2024',
      },
    ]);
    const unitPreview = await run(ctx, officerA, 'units', units, false);
    expect(unitPreview.items[0]?.errors[0]).toMatchObject({
      column: 'Tổ chức đảng phụ trách',
      message: 'Không tìm thấy tổ chức đảng mã T-B trong phạm vi của bạn',
    });
    expect(unitPreview.items[1]?.errors[0]?.message).toBe(
      'Cần tổ chức đảng phụ trách (trong phạm vi của bạn)',
    );
    // A code used in another commune is "already used", without its details.
    const other = await fillSheet('organizations', [
      {
        'Mã tổ chức': 'T-B',
        'Tên tổ chức đảng': 'Tên gì cũng được',
        'Cấp tổ chức': 'Đảng bộ xã',
        'Mã tổ chức cấp trên': 'T-A',
        'Ngày thành lập': '01/01/2024',
      },
    ]);
    const used = await run(ctx, adminA, 'organizations', other, false);
    expect(used.items[0]?.errors).toEqual([
      expect.objectContaining({ column: 'Mã tổ chức', message: 'Mã T-B đã được dùng' }),
    ]);
    // Officers import units but do not create organizations (a reorganization is the admins').
    const forbidden = await rejected(run(ctx, officerA, 'organizations', other, false));
    expect(forbidden.code).toBe('forbidden');
  });

  it('over HTTP: CSV preview and import of units, refusals naming row and column', async () => {
    const { app } = await buildApp(ctx);
    try {
      const officer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'T-A' });
      const adminB = await createUserWithToken(ctx, { role: 'admin', orgCode: 'T-B' });
      const csv =
        'Mã đơn vị;Tên đơn vị;Loại đơn vị;Mã xã;Từ ngày;Tổ chức đảng phụ trách\n' +
        'NA-UX1-B99;Bản Mới Lập;Bản;NA-UX1;01/03/2024;NA-X1-C1\n';
      const send = (token: string, url: string, payload: string) =>
        app.inject({
          method: 'POST',
          url,
          headers: {
            ...authHeader(token),
            'content-type': 'text/csv',
            'x-file-name': 'don-vi-moi.csv',
          },
          payload,
        });
      const preview = await send(officer.token, '/api/v1/imports/units/preview', csv);
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json<ImportResult>()).toMatchObject({
        kind: 'units',
        format: 'csv',
        counts: { new: 1, error: 0 },
        items: [
          { row: 2, unitCode: 'NA-UX1-B99', parentCode: 'NA-UX1', organizationCode: 'NA-X1-C1' },
        ],
      });

      // Another commune's administrator: the coverer is "not found", the whole file refused.
      const refused = await send(adminB.token, '/api/v1/imports/units', csv);
      expect(refused.statusCode, refused.body).toBe(422);
      const problem = refused.json<{
        code: string;
        errors: { field: string; message: string }[];
      }>();
      expect(problem.code).toBe('rule.import_rejected');
      expect(problem.errors).toEqual([
        {
          field: 'dòng 2 · Mã xã',
          message: 'Không tìm thấy đơn vị mã NA-UX1 trong phạm vi của bạn',
          messageEn: 'row 2: Commune not found in your scope',
        },
        {
          field: 'dòng 2 · Tổ chức đảng phụ trách',
          message: 'Không tìm thấy tổ chức đảng mã NA-X1-C1 trong phạm vi của bạn',
          messageEn: 'row 2: Organization not found in your scope',
        },
      ]);

      const written = await send(officer.token, '/api/v1/imports/units', csv);
      expect(written.statusCode, written.body).toBe(201);
      expect(written.json<ImportResult>()).toMatchObject({ written: true, counts: { new: 1 } });
      const again = await send(officer.token, '/api/v1/imports/units', csv);
      expect(again.json<ImportResult>().counts).toMatchObject({ new: 0, unchanged: 1 });

      const template = await app.inject({
        method: 'GET',
        url: '/api/v1/imports/organizations/template',
        headers: authHeader(officer.token),
      });
      expect(template.statusCode).toBe(200);
      expect(template.rawPayload.subarray(0, 2).toString()).toBe('PK');
      // Vietnamese file name (RFC 5987) and Vietnamese labels, never internal codes, in the
      // reference sheets ("Bản", "Xã, thị trấn" — not `village`, `commune`).
      expect(template.headers['content-disposition']).toBe(
        `attachment; filename="mau-nhap-to-chuc-dang.xlsx"; filename*=UTF-8''${encodeURIComponent('Mẫu nhập tổ chức đảng.xlsx')}`,
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
      const column = (sheet: string, index: number): string[] => {
        const values: string[] = [];
        book.getWorksheet(sheet)?.eachRow((row, n) => {
          if (n > 1) values.push(row.getCell(index).text);
        });
        return values;
      };
      const unitKinds = column('Đơn vị', 3);
      expect(unitKinds.length).toBeGreaterThan(0);
      expect(unitKinds.every((v) => Object.values(UNIT_KIND_LABELS).includes(v as never))).toBe(
        true,
      );
      const sectors = column('Tổ chức đảng', 4).filter(Boolean);
      expect(sectors.length).toBeGreaterThan(0);
      expect(sectors.every((v) => Object.values(SECTOR_LABELS).includes(v as never))).toBe(true);
      const forbidden = await send(officer.token, '/api/v1/imports/organizations/preview', csv);
      expect(forbidden.statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});
