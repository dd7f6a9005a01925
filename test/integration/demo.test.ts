import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { DEMO_FIGURES } from '../../src/sample/demo/figures.ts';
import {
  sectorReport,
  statisticsReport,
  summaryReport,
} from '../../src/server/modules/reports/reports.service.ts';
import { listOrganizations } from '../../src/server/modules/organizations/organizations.service.ts';
import { trendReport } from '../../src/server/modules/reports/progress.service.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

const actor = systemActor('test');

describeEachDialect('demo installation reproduces the article', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await generateDemo(ctx, actor);
  });
  afterAll(async () => drop());

  it('2017 summary of DBD: 3,040 members, 160 admissions, 160% of a plan of 100, no village without a member', async () => {
    const report = await summaryReport(ctx, actor, { org: 'DBD', year: 2017 });
    expect(report.membersAtEnd).toBe(3040);
    expect(report.admissions).toBe(160);
    expect(report.plannedAdmissions).toBe(100);
    expect(report.planPercent).toBe(160);
    expect(report.unitsWithoutMembers.village).toBe(0);
    expect(report.text).toContain('3.040');
    expect(report.text).toContain('160%');
    expect(report.text).toContain('kết nạp 160 đảng viên mới');
  });

  it('members on 2016-09-30 (the resolution baseline): 2,805', async () => {
    const report = await statisticsReport(ctx, actor, { org: 'DBD', asOf: '2016-09-30' });
    expect(report.members).toBe(DEMO_FIGURES.membersAt20160930);
    expect(report.probationary + report.official).toBe(report.members);
    expect(Object.values(report.byGender).reduce((a, b) => a + b, 0)).toBe(report.members);
    expect(Object.values(report.byAgeBand).reduce((a, b) => a + b, 0)).toBe(report.members);
    expect(report.byOrganization.reduce((a, o) => a + o.members, 0)).toBe(report.members);
  });

  it('education sector at 2017-12-31: 56 cells and 1 combined cell, 605 members over 1,820 staff', async () => {
    const report = await sectorReport(ctx, actor, {
      org: 'DBD',
      sector: 'education',
      asOf: '2017-12-31',
    });
    expect(report).toMatchObject({
      cells: 56,
      combinedCells: 1,
      members: 605,
      staff: 1820,
      candidatesFosteredTarget: 55,
      candidatesFosteredTargetMax: 60,
    });
  });

  it('seven villages had no member at the resolution baseline', async () => {
    const report = await summaryReport(ctx, actor, {
      org: 'DBD',
      from: '2016-01-01',
      to: '2016-09-30',
    });
    expect(report.unitsWithoutMembers.village).toBe(7);
  });

  it('2018 plan is at least 150 with its focus groups', async () => {
    const report = await summaryReport(ctx, actor, { org: 'DBD', year: 2018 });
    expect(report.plannedAdmissions).toBe(150);
    expect(report.focusGroups).toEqual(
      expect.arrayContaining([
        'armed_forces',
        'youth_union',
        'militia',
        'reserve_force',
        'village_head',
        'ethnic_minority',
      ]),
    );
  });

  it('the 2025 reorganization: DBD until 2025-06-30, new commune committees directly under DB after', async () => {
    const before = await listOrganizations(ctx, actor, { org: 'DB', asOf: '2025-06-30' });
    const after = await listOrganizations(ctx, actor, { org: 'DB', asOf: '2025-07-01' });
    expect(before.find((o) => o.code === 'DBD')?.parentCode).toBe('DB');
    expect(after.find((o) => o.code === 'DBD')).toBeUndefined();
    const communes = after.filter((o) => o.parentCode === 'DB');
    expect(communes.map((o) => o.code).sort()).toEqual([
      'X-DBD',
      'X-ML',
      'X-NS',
      'X-PG',
      'X-PUN',
      'X-XD',
    ]);
    expect(after.find((o) => o.code === 'DBD-KL-B01')?.parentCode).toBe('X-DBD');
    // Members are the same people on either side of the reorganization day.
    const dayBefore = await statisticsReport(ctx, actor, { org: 'DB', asOf: '2025-06-30' });
    const dbdBefore = await statisticsReport(ctx, actor, { org: 'DBD', asOf: '2025-06-30' });
    expect(dbdBefore.members).toBe(dayBefore.members);
    // The 2017 report of the dissolved district is unchanged.
    const report2017 = await summaryReport(ctx, actor, { org: 'DBD', year: 2017 });
    expect(report2017.membersAtEnd).toBe(3040);
  });
});

describeEachDialect('trend of a dissolved organization', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await generateDemo(ctx, actor);
  });
  afterAll(async () => drop());

  it('ends on the district’s last day, not at zero', async () => {
    const trend = await trendReport(ctx, actor, { org: 'DBD', asOf: '2026-11-27' });
    const last = trend.points.at(-1);
    expect(last?.on).toBe('2025-06-30');
    expect(last?.members).toBeGreaterThan(3040);
    expect(trend.points[0]).toEqual({ on: '2016-09-30', members: 2805 });
  });
});
