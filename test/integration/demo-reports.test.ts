import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { ratingsReport } from '../../src/server/modules/ratings/ratings.service.ts';
import {
  resolutionReport,
  trendReport,
} from '../../src/server/modules/reports/progress.service.ts';
import { exportReport } from '../../src/server/modules/reports/reports.export.ts';
import {
  statisticsReport,
  summaryReport,
} from '../../src/server/modules/reports/reports.service.ts';
import { listMembers } from '../../src/server/modules/members/members.service.ts';
import { formatNumber } from '../../src/shared/text.ts';
import { addDays, addMonths } from '../../src/shared/dates.ts';
import { TARGET_GROUP_LABELS } from '../../src/shared/enums.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

const actor = systemActor('test');

describeEachDialect('the demo’s reports as files', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await generateDemo(ctx, actor);
  });
  afterAll(async () => drop());

  it('one start-of-year figure: the summary, the statistics on 31/12 and the members list agree; a school cell speaks of itself', async () => {
    const summary = await summaryReport(ctx, actor, { org: 'DBD', year: 2017 });
    const statistics = await statisticsReport(ctx, actor, { org: 'DBD', asOf: '2016-12-31' });
    const list = await listMembers(ctx, actor, { org: 'DBD', asOf: '2016-12-31', limit: 1 });
    expect(summary.membersAtStart).toBe(statistics.members);
    expect(list.total).toBe(statistics.members);
    expect(summary.text).toContain(`So với đầu kỳ (${formatNumber(statistics.members)} đảng viên)`);
    expect(summary.text).not.toContain('vượt');
    const school = await summaryReport(ctx, actor, { org: 'DBD-THPT-DBD', year: 2017 });
    expect(school.text).toMatch(/^Năm 2017, Chi bộ đã kết nạp/);
    expect(school.text).not.toContain('toàn Đảng bộ');
    expect(school.text).not.toContain('bản chưa có đảng viên');
  });

  it('the members list says "chờ công nhận" between the end of probation and the recognition decision', async () => {
    // A member of the demo recognized through the pipeline: official from the end of probation,
    // by a decision signed some days later.
    const recognized = await ctx.db
      .selectFrom('memberships as m')
      .innerJoin('candidateTransitions as t', 't.candidateId', 'm.candidateId')
      .innerJoin('people as p', 'p.id', 'm.personId')
      .select(['m.id', 'm.admittedOn', 'm.officialOn', 't.on as decidedOn', 'p.fullName'])
      .where('t.toStage', '=', 'official')
      .where('t.outcome', '=', 'done')
      .where('m.admittedOn', '>=', '2017-01-01')
      .whereRef('t.on', '>', 'm.officialOn')
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    const statusOn = async (asOf: string) => {
      const list = await listMembers(ctx, actor, {
        org: 'DBD',
        asOf,
        q: recognized.fullName,
        limit: 50,
      });
      return list.items.find((m) => m.id === recognized.id);
    };
    const officialOn = recognized.officialOn!;
    expect(officialOn).toBe(addMonths(recognized.admittedOn, 12));
    expect(await statusOn(addDays(officialOn, -1))).toMatchObject({
      status: 'probationary',
      awaitingRecognitionSince: null,
    });
    expect(await statusOn(officialOn)).toMatchObject({ awaitingRecognitionSince: officialOn });
    expect(await statusOn(addDays(recognized.decidedOn, -1))).toMatchObject({
      awaitingRecognitionSince: officialOn,
    });
    expect(await statusOn(recognized.decidedOn)).toMatchObject({
      status: 'official',
      awaitingRecognitionSince: null,
    });
  });

  it('the 2017 summary XLSX read back by exceljs gives the JSON’s numbers', async () => {
    const json = await summaryReport(ctx, actor, { org: 'DBD', year: 2017 });
    const file = await exportReport(ctx, actor, 'summary', { org: 'DBD', year: 2017 }, 'xlsx');
    expect(file.asciiFilename).toBe('bao-cao-tong-hop-cong-tac-phat-trien-dang-vien-dbd-2017.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const pairs = (name: string): Record<string, unknown> =>
      Object.fromEntries(
        ((workbook.getWorksheet(name)?.getSheetValues() ?? []) as unknown[][])
          .slice(2)
          .map((row): [string, unknown] => [String(row[1]), row[2]]),
      );
    const totals = pairs('Tổng hợp');
    expect(totals).toMatchObject({
      'Đảng viên đầu kỳ': json.membersAtStart,
      'Đảng viên cuối kỳ': 3040,
      'Kết nạp trong kỳ': 160,
      'Kế hoạch kết nạp': 100,
      'Tỷ lệ so với kế hoạch (%)': 160,
      'Bản chưa có đảng viên': 0,
    });
    const groups = pairs('Theo đối tượng');
    for (const [group, n] of Object.entries(json.admissionsByTargetGroup))
      expect(groups[TARGET_GROUP_LABELS[group as keyof typeof TARGET_GROUP_LABELS]]).toBe(n);
    const byOrg = workbook.getWorksheet('Theo tổ chức');
    const admissions = ((byOrg?.getSheetValues() ?? []) as unknown[][])
      .slice(2)
      .reduce<number>((sum, row) => sum + Number(row[3] ?? 0), 0);
    expect(admissions).toBe(json.admissionsByOrganization.reduce((s, o) => s + o.admissions, 0));
    expect(workbook.getWorksheet('Thông tin')?.getCell('B2').value).toBe(
      'Báo cáo tổng hợp công tác phát triển đảng viên',
    );
  });

  it('the 2017 summary DOCX is a valid package holding the prose with 3.040 and 160%', async () => {
    const json = await summaryReport(ctx, actor, { org: 'DBD', year: 2017 });
    const file = await exportReport(ctx, actor, 'summary', { org: 'DBD', year: 2017 }, 'docx');
    const zip = await JSZip.loadAsync(file.body);
    expect(zip.file('[Content_Types].xml')).not.toBeNull();
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain(json.text);
    expect(xml).toContain('3.040');
    expect(xml).toContain('160%');
    expect(xml).toContain('Điện Biên Đông, ngày');
    expect(xml).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
  });

  it('comparisons: 2017 against 2016, the plan of 100 and the resolution’s 2,805', async () => {
    const { comparison } = await summaryReport(ctx, actor, { org: 'DBD', year: 2017 });
    expect(comparison.plan).toEqual({
      plannedAdmissions: 100,
      admissions: 160,
      difference: 60,
      percent: 160,
    });
    expect(comparison.baseline).toMatchObject({
      resolution: '06-NQ/HU',
      on: '2016-09-30',
      members: 2805,
      membersAtEnd: 3040,
      change: 235,
    });
    expect(comparison.previousPeriod.from).toBe('2016-01-01');
  });

  it('trend and resolution progress start at the resolution’s baseline', async () => {
    const trend = await trendReport(ctx, actor, { org: 'DBD', year: 2017 });
    expect(trend.points[0]).toEqual({ on: '2016-09-30', members: 2805 });
    expect(trend.points.at(-1)).toEqual({ on: '2017-12-31', members: 3040 });
    const progress = await resolutionReport(ctx, actor, { org: 'DBD', asOf: '2017-12-31' });
    expect(progress.indicators.find((i) => i.code === 'members')).toMatchObject({
      baseline: 2805,
      current: 3040,
    });
    expect(progress.indicators.find((i) => i.code === 'villages_without_members')).toMatchObject({
      baseline: 7,
      current: 0,
      achieved: true,
    });
    expect(progress.indicators.find((i) => i.code === 'admissions_per_year')?.current).toBe(160);
  });

  it('2017 ratings of the 56 school cells and the combined cell, with proposed development points', async () => {
    const ratings = await ratingsReport(ctx, actor, { org: 'DBD', year: 2017 });
    expect(ratings.scheme?.code).toBe('366-QĐ/TW');
    expect(ratings.organizations.total).toBe(57);
    for (const item of ratings.organizations.items) {
      expect(item.scores.development).toBe(item.proposed.development);
      expect(item.total).toBe(Object.values(item.scores).reduce((a, b) => a + b, 0));
    }
  });
});
