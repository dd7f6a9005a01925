import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import { AGE_BANDS } from '../../src/shared/enums.ts';
import { addYears } from '../../src/shared/dates.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { endMembership, transferMember } from '../../src/server/modules/members/members.service.ts';
import { reorganize } from '../../src/server/modules/organizations/organizations.service.ts';
import {
  countMembers,
  membersByDimensions,
  membersByStatus,
} from '../../src/server/modules/reports/reports.repository.ts';
import { statisticsReport } from '../../src/server/modules/reports/reports.service.ts';
import {
  compactTallies,
  rebuildTallies,
  talliedScopes,
  tallyDifferences,
} from '../../src/server/modules/reports/tallies.repository.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

const actor = systemActor('test');
const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/dangvien.js');

/**
 * The member tallies of top and upper-level committees (PostgreSQL) give the statistics report
 * exactly what counting the member periods gives, on any date, after every kind of write: the
 * demo's bulk load, a member ended and one transferred, a person's attributes and target groups
 * changed, a reorganization. On SQLite the same suite checks the counting path against itself.
 */
describeEachDialect('member tallies', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let url: string;
  let provinceId: number;

  beforeAll(async () => {
    ({ ctx, url, drop } = await scratchContext(dialect));
    await generateDemo(ctx, actor);
    provinceId = (
      await ctx.db
        .selectFrom('organizations')
        .select('id')
        .where('code', '=', 'DB')
        .executeTakeFirstOrThrow()
    ).id;
  }, 120_000);
  afterAll(() => drop());

  /** The report's figures counted from the member periods (the path without tallies). */
  async function counted(asOf: string) {
    const bands = AGE_BANDS.map((b) => ({ key: b.key, bornAfter: addYears(asOf, -(b.max + 1)) }));
    const by = await membersByDimensions(ctx.db, provinceId, asOf, bands);
    return {
      probationary: by.status?.probationary ?? 0,
      official: by.status?.official ?? 0,
      byGender: by.gender,
      byEthnicity: by.ethnicity,
      byAgeBand: by.ageBand,
      byEducation: by.educationLevel,
      byPoliticalTheory: by.politicalTheory,
      byReligion: by.religion,
      byOccupation: by.occupation,
      byTargetGroup: by.targetGroup,
    };
  }

  async function expectReportsCounted(dates: string[]) {
    for (const asOf of dates) {
      const report = await statisticsReport(ctx, actor, { org: 'DB', asOf });
      const expected = await counted(asOf);
      expect(report).toMatchObject({ asOf, ...expected });
      expect(report.members).toBe(expected.probationary + expected.official);
      expect(await countMembers(ctx.db, provinceId, asOf)).toEqual({
        members: report.members,
        probationary: expected.probationary,
        official: expected.official,
      });
      expect(report.byOrganization.reduce((sum, o) => sum + o.members, 0)).toBe(report.members);
      // The grassroots committees below are read from their status tallies.
      for (const child of report.byOrganization) {
        const { id } = await ctx.db
          .selectFrom('organizations')
          .select('id')
          .where('code', '=', child.code)
          .executeTakeFirstOrThrow();
        const status = await membersByStatus(ctx.db, id, asOf);
        expect({ asOf, code: child.code, probationary: child.probationary }).toEqual({
          asOf,
          code: child.code,
          probationary: status.probationary ?? 0,
        });
        expect(child.official).toBe(status.official ?? 0);
      }
    }
  }

  const DATES = ['2026-11-27', '2026-10-15', '2026-06-30', '2025-12-31', '2025-07-01'];

  it('answers from the tally where one applies and agrees with counting', async () => {
    const tallied = await talliedScopes(ctx.db, [provinceId], '2026-11-27');
    expect(tallied.has(provinceId)).toBe(dialect === 'postgres');
    // Before the 2025 reorganization the province's subtree was different: counted instead.
    expect((await talliedScopes(ctx.db, [provinceId], '2024-12-31')).size).toBe(0);
    expect(await tallyDifferences(ctx.db)).toEqual([]);
    await expectReportsCounted([...DATES, '2024-12-31', '2017-12-31']);
    expect((await statisticsReport(ctx, actor, { org: 'DB', asOf: '2026-11-27' })).members).toBe(
      4082,
    );
  });

  it('stays exact after members end and move, people change, and a reorganization', async () => {
    const open = await ctx.db
      .selectFrom('memberPeriods as mp')
      .innerJoin('organizations as o', 'o.id', 'mp.organizationId')
      .select(['mp.membershipId', 'mp.personId', 'o.code'])
      .where('mp.validTo', '=', '9999-12-31')
      .where('mp.validFrom', '<', '2026-01-01')
      .where('o.kind', '=', 'cell')
      .orderBy('mp.id')
      .limit(40)
      .execute();
    const [ended, moved, changed] = [open[0]!, open[1]!, open[2]!];
    const target = open.find((p) => p.code !== moved.code)!;
    await endMembership(ctx, actor, ended.membershipId, { on: '2026-06-01', reason: 'died' });
    await transferMember(ctx, actor, moved.membershipId, {
      on: '2026-05-01',
      toOrganizationCode: target.code,
    });
    // Attributes and target groups change through imports and merges; the tally follows the tables.
    await ctx.db
      .updateTable('people')
      .set({ educationLevel: 'university', religion: 'Phật giáo', birthDate: '2001-02-03' })
      .where('id', '=', changed.personId)
      .execute();
    await ctx.db
      .insertInto('personTargetGroups')
      .values({ personId: changed.personId, targetGroup: 'village_head', validFrom: '2026-03-01' })
      .execute();
    await ctx.db
      .updateTable('personTargetGroups')
      .set({ validTo: '2026-04-01' })
      .where('personId', '=', open[3]!.personId)
      .where('validTo', '=', '9999-12-31')
      .execute();
    await reorganize(ctx, actor, {
      on: '2026-10-01',
      reason: 'Thành lập đảng bộ mới',
      steps: [
        {
          op: 'create',
          code: 'X-NEW',
          name: 'Đảng bộ xã Mới',
          kind: 'committee',
          level: 'grassroots',
          parentCode: 'DB',
        },
        { op: 'move', code: target.code, toParentCode: 'X-NEW' },
      ],
    });

    expect(await tallyDifferences(ctx.db)).toEqual([]);
    await expectReportsCounted(DATES);
    await compactTallies(ctx.db);
    expect(await tallyDifferences(ctx.db)).toEqual([]);
    await rebuildTallies(ctx.db);
    expect(await tallyDifferences(ctx.db)).toEqual([]);
    await expectReportsCounted(DATES);
    if (dialect === 'postgres') {
      const { rows } = await sql<{
        n: string;
      }>`select count(*) as n from tally.member_count_deltas`.execute(ctx.db);
      expect(Number(rows[0]?.n)).toBe(0);
    }
  });

  it('dangvien tallies check finds a wrong tally, and rebuild repairs it', async () => {
    const check = async () => {
      try {
        const { stdout } = await run('node', [bin, 'tallies', 'check', '--database', url]);
        return { code: 0, ...(JSON.parse(stdout) as { count: number }) };
      } catch (error) {
        const failed = error as { code: number; stdout: string };
        return { code: failed.code, ...(JSON.parse(failed.stdout) as { count: number }) };
      }
    };
    expect(await check()).toMatchObject({ code: 0, count: 0 });
    if (dialect !== 'postgres') return;
    await sql`insert into tally.member_count_deltas (scope_id, dimension, key, n)
              values (${provinceId}, 'gender', 'female', 1)`.execute(ctx.db);
    expect(await check()).toMatchObject({ code: 1, count: 1 });
    const { stdout } = await run('node', [bin, 'tallies', 'rebuild', '--database', url]);
    expect(JSON.parse(stdout)).toMatchObject({ rebuild: 'ok' });
    expect(await check()).toMatchObject({ code: 0, count: 0 });
  });
});
