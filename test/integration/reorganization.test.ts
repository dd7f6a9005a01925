import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import {
  listOrganizations,
  reorganize,
} from '../../src/server/modules/organizations/organizations.service.ts';
import {
  statisticsReport,
  summaryReport,
} from '../../src/server/modules/reports/reports.service.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import { buildTwoCommunes } from '../support/two-communes.ts';
import { buildOrganization } from '../support/factories.ts';

const actor = systemActor('test');

/**
 * A province P with a district D holding communes C1 and C2, each with cells; members are placed by
 * hand, so every expected figure below is counted in the test, not by the report code.
 */
describeEachDialect('reorganization as one dated operation', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  const members: Record<string, number> = {};

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    // n members per cell: C1-1 1, C1-2 2, C2-1 1, C2-2 2 (6 in all), admitted 2015.
    Object.assign(
      members,
      await buildTwoCommunes(ctx, actor, {
        commune: (c) => `Xã ${c}`,
        cell: (code) => `Chi bộ ${code}`,
      }),
    );
  });
  afterAll(async () => drop());

  it('merge and move on 2025-07-01 leave every earlier date unchanged', async () => {
    const before = await statisticsReport(ctx, actor, { org: 'D', asOf: '2025-06-30' });
    expect(before.members).toBe(6);
    expect(before.byOrganization.map((o) => [o.code, o.members])).toEqual([
      ['C1', 3],
      ['C2', 3],
    ]);

    const result = await reorganize(ctx, actor, {
      on: '2025-07-01',
      reason: 'Sáp nhập xã, bỏ cấp huyện',
      decisionNo: '01-QĐ/TU',
      steps: [
        {
          op: 'create',
          code: 'N',
          name: 'Xã mới',
          kind: 'committee',
          level: 'grassroots',
          parentCode: 'P',
        },
        { op: 'merge', codes: ['C1', 'C2'], intoCode: 'N' },
        { op: 'dissolve', code: 'D' },
      ],
    });
    expect(result.dissolved.sort()).toEqual(['C1', 'C2', 'D']);
    expect(result.moved.sort()).toEqual(['C1-1', 'C1-2', 'C2-1', 'C2-2']);

    const tree2024 = await listOrganizations(ctx, actor, { org: 'P', asOf: '2024-12-31' });
    expect(tree2024.find((o) => o.code === 'C1-1')?.parentCode).toBe('C1');
    const tree2026 = await listOrganizations(ctx, actor, { org: 'P', asOf: '2026-01-01' });
    expect(tree2026.map((o) => o.code).sort()).toEqual(['C1-1', 'C1-2', 'C2-1', 'C2-2', 'N', 'P']);
    expect(tree2026.find((o) => o.code === 'C1-1')?.parentCode).toBe('N');

    // Counts before the day are what they were; after, the same six members sit under N.
    expect((await statisticsReport(ctx, actor, { org: 'D', asOf: '2025-06-30' })).members).toBe(6);
    expect((await statisticsReport(ctx, actor, { org: 'C1', asOf: '2025-06-30' })).members).toBe(3);
    expect((await statisticsReport(ctx, actor, { org: 'N', asOf: '2025-07-01' })).members).toBe(6);
    // N holds the cells' history: on the eve it reads them as they stood under D (issue 15).
    const eve = await statisticsReport(ctx, actor, { org: 'N', asOf: '2025-06-30' });
    expect(eve.members).toBe(6);
    expect(eve.byOrganization.map((o) => o.code).sort()).toEqual(['C1-1', 'C1-2', 'C2-1', 'C2-2']);
    expect(eve.byOrganization.reduce((sum, o) => sum + o.members, 0)).toBe(6);
    expect((await statisticsReport(ctx, actor, { org: 'D', asOf: '2025-07-01' })).members).toBe(0);
    expect((await statisticsReport(ctx, actor, { org: 'P', asOf: '2025-07-01' })).members).toBe(6);
    const summary2015 = await summaryReport(ctx, actor, { org: 'D', year: 2015 });
    expect(summary2015.admissions).toBe(6);
    expect(summary2015.membersAtStart).toBe(0);
  });

  it('split a cell by units: members follow their unit', async () => {
    await buildOrganization(ctx, actor, {
      code: 'S-A',
      name: 'Chi bộ A',
      parentCode: 'N',
      establishedOn: '2026-01-01',
    });
    await buildOrganization(ctx, actor, {
      code: 'S-B',
      name: 'Chi bộ B',
      parentCode: 'N',
      establishedOn: '2026-01-01',
    });
    // C1-2 has two members in unit U-C1-2; give one of them another unit first by a dedicated unit.
    await reorganize(ctx, actor, {
      on: '2026-02-01',
      reason: 'Chia tách chi bộ',
      steps: [
        {
          op: 'split',
          code: 'C1-2',
          into: [{ code: 'S-A', unitCodes: ['U-C1-2'] }, { code: 'S-B' }],
        },
      ],
    });
    expect((await statisticsReport(ctx, actor, { org: 'S-A', asOf: '2026-02-01' })).members).toBe(
      2,
    );
    expect((await statisticsReport(ctx, actor, { org: 'S-B', asOf: '2026-02-01' })).members).toBe(
      0,
    );
    expect((await statisticsReport(ctx, actor, { org: 'C1-2', asOf: '2026-01-31' })).members).toBe(
      2,
    );
    expect((await statisticsReport(ctx, actor, { org: 'C1-2', asOf: '2026-02-01' })).members).toBe(
      0,
    );
    expect((await statisticsReport(ctx, actor, { org: 'N', asOf: '2026-02-01' })).members).toBe(6);
  });

  it('refuses to dissolve an organization that still has members, and writes nothing', async () => {
    const eventsBefore = await ctx.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      reorganize(ctx, actor, {
        on: '2026-03-01',
        reason: 'thử',
        steps: [
          { op: 'create', code: 'TMP', name: 'Tạm', kind: 'cell', level: 'cell', parentCode: 'N' },
          { op: 'dissolve', code: 'C2-1' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'rule.dissolve_not_empty' });
    const eventsAfter = await ctx.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(eventsAfter.n)).toBe(Number(eventsBefore.n));
    expect(
      await ctx.db
        .selectFrom('organizations')
        .select('id')
        .where('code', '=', 'TMP')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('moves a subtree: a cell and its history follow, the old parent keeps its past', async () => {
    await reorganize(ctx, actor, {
      on: '2026-04-01',
      reason: 'Điều chuyển',
      steps: [{ op: 'move', code: 'C2-1', toParentCode: 'P' }],
    });
    const tree = await listOrganizations(ctx, actor, { org: 'P', asOf: '2026-04-01' });
    expect(tree.find((o) => o.code === 'C2-1')?.parentCode).toBe('P');
    expect((await statisticsReport(ctx, actor, { org: 'N', asOf: '2026-04-01' })).members).toBe(5);
    expect((await statisticsReport(ctx, actor, { org: 'N', asOf: '2026-03-31' })).members).toBe(6);
  });
});
