import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import {
  listOrganizations,
  previewReorganization,
  reorganize,
} from '../../src/server/modules/organizations/organizations.service.ts';
import { createCandidate } from '../../src/server/modules/candidates/candidates.service.ts';
import { statisticsReport } from '../../src/server/modules/reports/reports.service.ts';
import type { ReorganizationInput } from '../../src/shared/contracts.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import { buildTwoCommunes } from '../support/two-communes.ts';
import { buildPerson } from '../support/factories.ts';

const actor = systemActor('test');

/** Rows of every table of the database (PostgreSQL's search and tally schemas included). */
async function rowCounts(ctx: AppContext): Promise<Record<string, number>> {
  const tables = await ctx.db.introspection.getTables();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const name =
      table.schema && table.schema !== 'public' ? `${table.schema}.${table.name}` : table.name;
    const target = table.schema
      ? sql.table(`${table.schema}.${table.name}`)
      : sql.table(table.name);
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${target}`.execute(
      ctx.db,
    );
    counts[name] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

/**
 * A province P with a district D holding communes C1 and C2, each with two cells: cell n has n
 * members in its own village; C1-1 has one open candidacy. Every expected figure is counted here.
 */
describeEachDialect('tree editing: rename from a date, preview of a reorganization', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await buildTwoCommunes(ctx, actor, {
      commune: (c) => `Đảng bộ xã ${c}`,
      cell: (code) => `Chi bộ bản ${code}`,
    });
    const candidate = await buildPerson(ctx, actor, {
      unitCode: 'U-C1-1',
      fullName: 'Quàng Thị Ứng',
      gender: 'female',
    });
    await createCandidate(ctx, actor, {
      personId: candidate.id,
      organizationCode: 'C1-1',
      identifiedOn: '2024-05-01',
      helperMemberIds: [],
    });
  });
  afterAll(async () => drop());

  const merger: ReorganizationInput = {
    on: '2025-07-01',
    reason: 'Sáp nhập xã',
    decisionNo: '01-QĐ/TU',
    steps: [
      {
        op: 'create',
        code: 'N',
        name: 'Đảng bộ xã Mới',
        kind: 'committee',
        level: 'grassroots',
        parentCode: 'P',
      },
      { op: 'merge', codes: ['C1'], intoCode: 'N' },
      { op: 'move', code: 'C2-2', toParentCode: 'N' },
    ],
  };

  it('a preview writes nothing, in no table, and counts what the operation then does', async () => {
    const before = await rowCounts(ctx);
    expect(before.organizations).toBe(8);
    if (dialect === 'postgres') {
      expect(before).toHaveProperty(['tally.member_count_deltas']);
      expect(before).toHaveProperty(['search.person_name_suffixes']);
    }
    const preview = await previewReorganization(ctx, actor, merger);
    expect(await rowCounts(ctx)).toEqual(before);

    expect(preview.preview).toBe(true);
    expect(preview.created).toEqual(['N']);
    expect(preview.dissolved).toEqual(['C1']);
    const [create, merge, move] = preview.steps;
    expect(create?.text).toBe('Thành lập Đảng bộ xã Mới trực thuộc Tỉnh từ ngày 01/07/2025.');
    // C1's two cells move with their 1 + 2 members, the open candidacy and their two villages.
    expect(merge?.moves).toEqual([
      {
        to: { code: 'N', name: 'Đảng bộ xã Mới' },
        organizations: 2,
        cells: 2,
        members: 3,
        candidates: 1,
        units: 2,
      },
    ]);
    expect(merge?.dissolved).toEqual([{ code: 'C1', name: 'Đảng bộ xã C1' }]);
    expect(merge?.text).toBe(
      'Hợp nhất Đảng bộ xã C1 vào Đảng bộ xã Mới từ ngày 01/07/2025: 2 chi bộ, 3 đảng viên, ' +
        '1 hồ sơ kết nạp, 2 đơn vị (thôn, bản, trường…) sẽ chuyển sang Đảng bộ xã Mới; ' +
        'Đảng bộ xã C1 giải thể.',
    );
    expect(move?.moves).toEqual([
      {
        to: { code: 'N', name: 'Đảng bộ xã Mới' },
        organizations: 1,
        cells: 1,
        members: 2,
        candidates: 0,
        units: 1,
      },
    ]);
    expect(move?.text).toBe(
      'Chuyển Chi bộ bản C2-2 sang Đảng bộ xã Mới từ ngày 01/07/2025: 1 chi bộ, 2 đảng viên, ' +
        '1 đơn vị (thôn, bản, trường…) sẽ chuyển sang Đảng bộ xã Mới.',
    );

    const done = await reorganize(ctx, actor, merger);
    expect(done.preview).toBe(false);
    expect(done.steps).toEqual(preview.steps);
    // Counted independently: N holds the 3 members of C1's cells and the 2 of C2-2.
    const stats = await statisticsReport(ctx, actor, { org: 'N', asOf: '2025-07-01' });
    expect(stats.members).toBe(3 + 2);
    const after = await rowCounts(ctx);
    expect(after.organizations).toBe(before.organizations! + 1);
    expect(after.events).toBe(before.events! + 1);
  });

  it('a preview that breaks a rule answers the same error as the operation, and writes nothing', async () => {
    const before = await rowCounts(ctx);
    const body: ReorganizationInput = {
      on: '2026-03-01',
      reason: 'thử',
      steps: [{ op: 'dissolve', code: 'C2-1' }],
    };
    await expect(previewReorganization(ctx, actor, body)).rejects.toMatchObject({
      code: 'rule.dissolve_not_empty',
    });
    await expect(reorganize(ctx, actor, body)).rejects.toMatchObject({
      code: 'rule.dissolve_not_empty',
    });
    expect(await rowCounts(ctx)).toEqual(before);
  });

  it('renames from a date: the tree before it keeps the former name, audited with the reason', async () => {
    const preview = await previewReorganization(ctx, actor, {
      on: '2026-01-01',
      reason: 'Đổi tên theo Nghị quyết',
      steps: [{ op: 'rename', code: 'N', name: 'Đảng bộ xã  Mường Luân' }],
    });
    expect(preview.steps[0]?.text).toBe(
      'Đổi tên Đảng bộ xã Mới thành Đảng bộ xã Mường Luân từ ngày 01/01/2026.',
    );
    expect(
      (await listOrganizations(ctx, actor, { asOf: '2026-01-01' })).find((o) => o.code === 'N')
        ?.name,
    ).toBe('Đảng bộ xã Mới');

    const done = await reorganize(ctx, actor, {
      on: '2026-01-01',
      reason: 'Đổi tên theo Nghị quyết',
      decisionNo: '12-QĐ/TU',
      steps: [{ op: 'rename', code: 'N', name: 'Đảng bộ xã Mường Luân' }],
    });
    expect(done.renamed).toEqual(['N']);
    expect(done.steps[0]?.rename).toEqual({ from: 'Đảng bộ xã Mới', to: 'Đảng bộ xã Mường Luân' });
    const nameOn = async (asOf: string) =>
      (await listOrganizations(ctx, actor, { asOf })).find((o) => o.code === 'N')?.name;
    expect(await nameOn('2025-12-31')).toBe('Đảng bộ xã Mới');
    expect(await nameOn('2026-01-01')).toBe('Đảng bộ xã Mường Luân');
    expect(await nameOn('2026-11-27')).toBe('Đảng bộ xã Mường Luân');
    // A report of a day before the rename names the organization as it was named then.
    expect(
      (await statisticsReport(ctx, actor, { org: 'N', asOf: '2025-12-31' })).organization.name,
    ).toBe('Đảng bộ xã Mới');
    expect(
      (await statisticsReport(ctx, actor, { org: 'N', asOf: '2026-01-01' })).organization.name,
    ).toBe('Đảng bộ xã Mường Luân');
    const row = await ctx.db
      .selectFrom('organizations')
      .select(['name', 'nameFolded'])
      .where('code', '=', 'N')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Đảng bộ xã Mường Luân', nameFolded: 'dang bo xa muong luan' });

    const event = await ctx.db
      .selectFrom('events')
      .selectAll()
      .where('action', '=', 'organization.reorganize')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.reason).toBe('Đổi tên theo Nghị quyết');
    expect(event.effectiveOn).toBe('2026-01-01');
    const after: unknown = typeof event.after === 'string' ? JSON.parse(event.after) : event.after;
    expect(after).toMatchObject({
      result: { steps: [{ rename: { from: 'Đảng bộ xã Mới', to: 'Đảng bộ xã Mường Luân' } }] },
    });

    // A second rename keeps both former names, each over its own dates.
    await reorganize(ctx, actor, {
      on: '2026-06-01',
      reason: 'Đổi tên lần hai',
      steps: [{ op: 'rename', code: 'N', name: 'Đảng bộ xã Mường Luân Mới' }],
    });
    expect(await nameOn('2025-12-31')).toBe('Đảng bộ xã Mới');
    expect(await nameOn('2026-05-31')).toBe('Đảng bộ xã Mường Luân');
    expect(await nameOn('2026-06-01')).toBe('Đảng bộ xã Mường Luân Mới');
  });

  it('refuses a rename out of date order, after today, or to the same name, naming the field', async () => {
    const rename = (on: string, name: string) =>
      reorganize(ctx, actor, { on, reason: 'thử', steps: [{ op: 'rename', code: 'N', name }] });
    await expect(rename('2026-03-01', 'Tên khác')).rejects.toMatchObject({
      code: 'validation',
      errors: [{ field: 'on', message: 'Ngày đổi tên phải sau ngày 01/06/2026' }],
    });
    await expect(rename('2026-12-01', 'Tên khác')).rejects.toMatchObject({
      code: 'validation',
      errors: [{ field: 'on' }],
    });
    await expect(rename('2026-11-01', 'Đảng bộ xã Mường Luân Mới')).rejects.toMatchObject({
      code: 'validation',
      errors: [{ field: 'steps.0.name', message: 'Tên mới trùng với tên hiện tại' }],
    });
  });
});
