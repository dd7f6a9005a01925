import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { FastifyInstance } from 'fastify';
import { systemActor, type Actor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { fixedClock } from '../../src/server/lib/clock.ts';
import { setPlan } from '../../src/server/modules/plans/plans.service.ts';
import { changeSetting } from '../../src/server/modules/reports/settings.service.ts';
import { QD_366_2025 } from '../../src/server/modules/ratings/ratings.data.ts';
import { installScheme } from '../../src/server/modules/ratings/ratings.repository.ts';
import {
  proposeRating,
  ratingsReport,
  recordRating,
} from '../../src/server/modules/ratings/ratings.service.ts';
import {
  resolutionReport,
  trendReport,
} from '../../src/server/modules/reports/progress.service.ts';
import {
  sectorReport,
  statisticsReport,
  summaryReport,
} from '../../src/server/modules/reports/reports.service.ts';
import type { TargetGroup } from '../../src/shared/enums.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import {
  buildMembership,
  buildOrganization,
  buildPerson,
  buildUnit,
} from '../support/factories.ts';

const actor = systemActor('test');

/**
 * A tiny installation written out by hand: top committee T; grassroots committee T-C1 with
 * cells T-A (village V1) and T-B (villages V2, V3); school cell T-D directly under T (staff 40).
 * Every expected figure below is counted from this table in the test, never by report code.
 */
interface Spec {
  key: string;
  cell: 'T-A' | 'T-B' | 'T-D';
  unit: 'V1' | 'V2' | 'S';
  gender: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  religion: string | null;
  politicalTheory: string | null;
  occupation: string | null;
  educationLevel: 'primary' | 'lower_secondary' | 'upper_secondary';
  groups: TargetGroup[];
  admittedOn: string;
  officialOn?: string;
  endedOn?: string;
}

const SPECS: Spec[] = [
  {
    key: 'a1',
    cell: 'T-A',
    unit: 'V1',
    gender: 'male',
    birthDate: '1960-05-01',
    ethnicity: 'Mông',
    religion: null,
    politicalTheory: 'Sơ cấp',
    occupation: 'Nông dân',
    educationLevel: 'primary',
    groups: ['ethnic_minority'],
    admittedOn: '1990-03-01',
    officialOn: '1991-03-01',
  },
  {
    key: 'a2',
    cell: 'T-A',
    unit: 'V1',
    gender: 'female',
    birthDate: '1995-02-10',
    ethnicity: 'Thái',
    religion: 'Tin Lành',
    politicalTheory: null,
    occupation: 'Nông dân',
    educationLevel: 'lower_secondary',
    groups: ['ethnic_minority', 'woman', 'youth_union'],
    admittedOn: '2017-04-15',
    officialOn: '2018-04-15',
  },
  {
    key: 'a3',
    cell: 'T-A',
    unit: 'V1',
    gender: 'male',
    birthDate: '1985-07-20',
    ethnicity: 'Kinh',
    religion: null,
    politicalTheory: 'Trung cấp',
    occupation: 'Cán bộ, công chức',
    educationLevel: 'upper_secondary',
    groups: ['militia'],
    admittedOn: '2010-01-10',
    officialOn: '2011-01-10',
    endedOn: '2017-06-30',
  },
  {
    key: 'b1',
    cell: 'T-B',
    unit: 'V2',
    gender: 'female',
    birthDate: '1978-11-11',
    ethnicity: 'Mông',
    religion: null,
    politicalTheory: 'Sơ cấp',
    occupation: 'Nông dân',
    educationLevel: 'primary',
    groups: ['ethnic_minority', 'woman'],
    admittedOn: '2005-09-01',
    officialOn: '2006-09-01',
  },
  {
    key: 'b2',
    cell: 'T-B',
    unit: 'V2',
    gender: 'male',
    birthDate: '1998-01-01',
    ethnicity: 'Mông',
    religion: null,
    politicalTheory: null,
    occupation: 'Nông dân',
    educationLevel: 'lower_secondary',
    groups: ['ethnic_minority', 'youth_union'],
    admittedOn: '2016-06-01',
    officialOn: '2017-06-01',
  },
  {
    key: 'b3',
    cell: 'T-B',
    unit: 'V2',
    gender: 'male',
    birthDate: '1992-03-03',
    ethnicity: 'Khơ Mú',
    religion: null,
    politicalTheory: null,
    occupation: 'Nông dân',
    educationLevel: 'lower_secondary',
    groups: ['ethnic_minority', 'militia'],
    admittedOn: '2017-11-20',
  },
  {
    key: 'd1',
    cell: 'T-D',
    unit: 'S',
    gender: 'female',
    birthDate: '1988-08-08',
    ethnicity: 'Kinh',
    religion: null,
    politicalTheory: 'Trung cấp',
    occupation: 'Giáo viên',
    educationLevel: 'upper_secondary',
    groups: ['woman', 'teacher'],
    admittedOn: '2012-05-19',
    officialOn: '2013-05-19',
  },
  {
    key: 'd2',
    cell: 'T-D',
    unit: 'S',
    gender: 'male',
    birthDate: '1993-12-24',
    ethnicity: 'Thái',
    religion: null,
    politicalTheory: 'Sơ cấp',
    occupation: 'Giáo viên',
    educationLevel: 'upper_secondary',
    groups: ['teacher', 'ethnic_minority', 'youth_union'],
    admittedOn: '2017-09-02',
    officialOn: '2018-09-02',
  },
  {
    key: 'd3',
    cell: 'T-D',
    unit: 'S',
    gender: 'female',
    birthDate: '1990-02-14',
    ethnicity: 'Kinh',
    religion: 'Công giáo',
    politicalTheory: 'Cao cấp',
    occupation: 'Giáo viên',
    educationLevel: 'upper_secondary',
    groups: ['woman', 'teacher'],
    admittedOn: '2018-03-03',
  },
];

/** Members on a date by hand: admitted on or before it and not ended by it. */
function membersOn(date: string): Spec[] {
  return SPECS.filter((s) => s.admittedOn <= date && (s.endedOn ?? '9999-12-31') > date);
}

function admittedBetween(from: string, to: string, cells?: string[]): Spec[] {
  return SPECS.filter(
    (s) => s.admittedOn >= from && s.admittedOn <= to && (!cells || cells.includes(s.cell)),
  );
}

function tally(items: Spec[], key: (s: Spec) => string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of items) {
    const k = key(s) ?? 'unknown';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describeEachDialect('reports over a small hand-counted installation', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  const ids = new Map<string, number>();
  const orgIds = new Map<string, number>();
  let app: FastifyInstance;

  beforeAll(async () => {
    // Built "in 2016" so that the target groups recorded at registration hold on every report date.
    ({ ctx, drop } = await scratchContext(dialect, fixedClock('2016-01-01')));
    const top = await buildOrganization(ctx, actor, {
      code: 'T',
      name: 'Đảng bộ huyện Thử Nghiệm',
      kind: 'committee',
      level: 'top',
      decidesAdmissions: true,
    });
    const c1 = await buildOrganization(ctx, actor, {
      code: 'T-C1',
      name: 'Đảng bộ xã Một',
      kind: 'committee',
      level: 'grassroots',
      parentCode: 'T',
      sector: 'commune',
    });
    const a = await buildOrganization(ctx, actor, {
      code: 'T-A',
      name: 'Chi bộ bản A',
      parentCode: 'T-C1',
      sector: 'commune',
    });
    const b = await buildOrganization(ctx, actor, {
      code: 'T-B',
      name: 'Chi bộ bản B',
      parentCode: 'T-C1',
      sector: 'commune',
    });
    const d = await buildOrganization(ctx, actor, {
      code: 'T-D',
      name: 'Chi bộ Trường Tiểu học Thử Nghiệm',
      level: 'grassroots_cell',
      parentCode: 'T',
      sector: 'education',
    });
    for (const o of [top, c1, a, b, d]) orgIds.set(o.code, o.id);
    const units = new Map<string, number>();
    units.set('V1', (await buildUnit(ctx, actor, { code: 'V1', organizationCode: 'T-A' })).id);
    units.set('V2', (await buildUnit(ctx, actor, { code: 'V2', organizationCode: 'T-B' })).id);
    await buildUnit(ctx, actor, { code: 'V3', organizationCode: 'T-B' });
    units.set(
      'S',
      (
        await buildUnit(ctx, actor, {
          code: 'S',
          organizationCode: 'T-D',
          kind: 'school',
          staffCount: 40,
        })
      ).id,
    );
    // The school's unit row needs the education sector for the sector view's staff.
    await ctx.db
      .updateTable('units')
      .set({ sector: 'education' })
      .where('code', '=', 'S')
      .execute();
    for (const s of SPECS) {
      const person = await buildPerson(ctx, actor, {
        fullName: `Người ${s.key.toUpperCase()}`,
        gender: s.gender,
        birthDate: s.birthDate,
        ethnicity: s.ethnicity,
        religion: s.religion,
        politicalTheory: s.politicalTheory,
        occupation: s.occupation,
        educationLevel: s.educationLevel,
        targetGroups: s.groups,
        unitCode: s.unit,
      });
      ids.set(s.key, person.id);
      await buildMembership(ctx, {
        personId: person.id,
        organizationId: orgIds.get(s.cell) ?? 0,
        unitId: units.get(s.unit) ?? null,
        admittedOn: s.admittedOn,
        ...(s.officialOn ? { officialOn: s.officialOn } : {}),
        ...(s.endedOn ? { endedOn: s.endedOn } : {}),
      });
    }
    await setPlan(ctx, actor, {
      organizationCode: 'T',
      year: 2017,
      metric: 'admissions',
      target: 4,
    });
    await setPlan(ctx, actor, {
      organizationCode: 'T-D',
      year: 2017,
      metric: 'admissions',
      target: 2,
    });
    const { id: resolutionId } = await ctx.db
      .insertInto('resolutions')
      .values({
        organizationId: top.id,
        code: '01-NQ/T',
        title: 'Nghị quyết thử',
        adoptedOn: '2016-09-30',
        fromYear: 2016,
        toYear: 2020,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const indicators = await ctx.db
      .insertInto('resolutionIndicators')
      .values([
        {
          resolutionId,
          code: 'members',
          name: 'Tổng số đảng viên',
          metric: 'members',
          baseline: 5,
          baselineOn: '2016-09-30',
          target: 10,
          direction: 'increase',
          sort: 1,
        },
        {
          resolutionId,
          code: 'villages',
          name: 'Bản chưa có đảng viên',
          metric: 'villages_without_members',
          baseline: 2,
          baselineOn: '2016-09-30',
          target: 0,
          direction: 'decrease',
          sort: 2,
        },
        {
          resolutionId,
          code: 'manual',
          name: 'Chi bộ trong sạch vững mạnh (%)',
          metric: null,
          baseline: 50,
          baselineOn: '2016-09-30',
          target: 80,
          direction: 'increase',
          sort: 3,
        },
      ])
      .returning('id')
      .execute();
    await ctx.db
      .insertInto('indicatorValues')
      .values([
        { indicatorId: indicators[2]?.id ?? 0, measuredOn: '2017-06-30', value: 60, note: null },
        { indicatorId: indicators[2]?.id ?? 0, measuredOn: '2017-12-31', value: 65, note: null },
        { indicatorId: indicators[2]?.id ?? 0, measuredOn: '2018-12-31', value: 90, note: null },
      ])
      .execute();
    await ctx.db.transaction().execute((trx) => installScheme(trx, QD_366_2025));
    ({ app } = await buildApp(ctx, { actorOf: () => Promise.resolve(actor) }));
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('statistics as of 2017-12-31 match a count by hand, breakdown by breakdown', async () => {
    const on = '2017-12-31';
    const members = membersOn(on);
    const r = await statisticsReport(ctx, actor, { org: 'T', asOf: on });
    expect(r.members).toBe(members.length);
    expect(r.official).toBe(members.filter((s) => s.officialOn && s.officialOn <= on).length);
    expect(r.probationary).toBe(members.length - r.official);
    expect(r.byGender).toEqual(tally(members, (s) => s.gender));
    expect(r.byEthnicity).toEqual(tally(members, (s) => s.ethnicity));
    expect(r.byReligion).toEqual(tally(members, (s) => s.religion));
    expect(r.byPoliticalTheory).toEqual(tally(members, (s) => s.politicalTheory));
    expect(r.byOccupation).toEqual(tally(members, (s) => s.occupation));
    expect(r.byEducation).toEqual(tally(members, (s) => s.educationLevel));
    const groups: Record<string, number> = {};
    for (const s of members) for (const g of s.groups) groups[g] = (groups[g] ?? 0) + 1;
    expect(r.byTargetGroup).toEqual(groups);
    // Age on 2017-12-31: 1960 → 57, 1995 → 22, 1978 → 39, 1998 → 19, 1992 → 25, 1988 → 29, 1993 → 24.
    expect(r.byAgeBand).toEqual({ '18-30': 5, '31-40': 1, '51-60': 1 });
    const byOrg = Object.fromEntries(r.byOrganization.map((o) => [o.code, o]));
    const c1 = members.filter((s) => s.cell !== 'T-D');
    expect(byOrg['T-C1']).toMatchObject({
      members: c1.length,
      probationary: c1.filter((s) => !s.officialOn || s.officialOn > on).length,
    });
    expect(byOrg['T-D']?.members).toBe(members.filter((s) => s.cell === 'T-D').length);
  });

  it('the 2017 summary: start, end, admissions vs plan, by group and sub-organization, villages without members, comparisons', async () => {
    const r = await summaryReport(ctx, actor, { org: 'T', year: 2017 });
    const admitted = admittedBetween('2017-01-01', '2017-12-31');
    expect(r.membersAtStart).toBe(membersOn('2016-12-31').length);
    expect(r.membersAtEnd).toBe(membersOn('2017-12-31').length);
    expect(r.admissions).toBe(admitted.length);
    expect(r.plannedAdmissions).toBe(4);
    expect(r.planPercent).toBe((admitted.length / 4) * 100);
    expect(r.admissionsByTargetGroup.youth_union).toBe(
      admitted.filter((s) => s.groups.includes('youth_union')).length,
    );
    expect(r.admissionsByTargetGroup.militia).toBe(
      admitted.filter((s) => s.groups.includes('militia')).length,
    );
    const byOrg = Object.fromEntries(r.admissionsByOrganization.map((o) => [o.code, o]));
    expect(byOrg['T-C1']?.admissions).toBe(
      admittedBetween('2017-01-01', '2017-12-31', ['T-A', 'T-B']).length,
    );
    expect(byOrg['T-D']).toMatchObject({ admissions: 1, plannedAdmissions: 2 });
    // V3 has nobody; V1 and V2 have members attached.
    expect(r.unitsWithoutMembers.village).toBe(1);
    const c = r.comparison;
    expect(c.previousPeriod).toMatchObject({
      from: '2016-01-01',
      to: '2016-12-31',
      admissions: admittedBetween('2016-01-01', '2016-12-31').length,
      membersAtEnd: membersOn('2016-12-31').length,
      admissionsChange: admitted.length - admittedBetween('2016-01-01', '2016-12-31').length,
    });
    expect(c.plan).toMatchObject({
      plannedAdmissions: 4,
      admissions: admitted.length,
      difference: admitted.length - 4,
    });
    expect(c.baseline).toMatchObject({
      resolution: '01-NQ/T',
      on: '2016-09-30',
      members: 5,
      change: membersOn('2017-12-31').length - 5,
    });
    // The resolution's recorded baseline agrees with the records.
    expect(membersOn('2016-09-30').length).toBe(5);
  });

  it('sector view: one education cell, its members and staff', async () => {
    const r = await sectorReport(ctx, actor, { org: 'T', sector: 'education', asOf: '2017-12-31' });
    expect(r).toMatchObject({
      cells: 1,
      combinedCells: 0,
      members: membersOn('2017-12-31').filter((s) => s.cell === 'T-D').length,
      staff: 40,
    });
  });

  it('resolution progress: computed and manual indicators as of 2017-12-31, with the chart history', async () => {
    const r = await resolutionReport(ctx, actor, { org: 'T', asOf: '2017-12-31' });
    expect(r.resolution?.code).toBe('01-NQ/T');
    const [members, villages, manual] = r.indicators;
    const now = membersOn('2017-12-31').length;
    expect(members).toMatchObject({
      baseline: 5,
      target: 10,
      current: now,
      source: 'computed',
    });
    expect(members?.progressPercent).toBe(Math.round(((now - 5) / (10 - 5)) * 1000) / 10);
    expect(members?.history).toEqual([
      { on: '2016-09-30', value: membersOn('2016-09-30').length },
      { on: '2016-12-31', value: membersOn('2016-12-31').length },
      { on: '2017-12-31', value: now },
    ]);
    expect(villages).toMatchObject({
      current: 1,
      direction: 'decrease',
      achieved: false,
      progressPercent: 50,
    });
    expect(manual).toMatchObject({
      current: 65,
      source: 'manual',
      measuredOn: '2017-12-31',
      progressPercent: 50,
    });
  });

  it('trend: members at the baseline and at each year end', async () => {
    const r = await trendReport(ctx, actor, { org: 'T', year: 2018 });
    expect(r.points).toEqual(
      ['2016-09-30', '2016-12-31', '2017-12-31', '2018-12-31'].map((on) => ({
        on,
        members: membersOn(on).length,
      })),
    );
  });

  it('ratings: proposal from admissions against plan, totals, levels, members, quarters', async () => {
    const proposal = await proposeRating(ctx, actor, {
      org: 'T-D',
      year: 2017,
      scheme: QD_366_2025.code,
    });
    // T-D admitted d2 in 2017 against a plan of 2: half of the 10 points.
    expect(proposal).toMatchObject({
      admissions: 1,
      plannedAdmissions: 2,
      proposedPoints: 5,
      criterion: 'development',
    });
    // 2017 has no scheme in force (the earliest shipped is 132-QĐ/TW of 2018): say so, naming the year.
    await expect(
      recordRating(ctx, actor, {
        organizationCode: 'T-D',
        year: 2017,
        ratedOn: '2017-12-20',
        scores: {},
      }),
    ).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'year' }] });
    const ok = {
      tasksCompletedPercent: 100,
      tasksLatePercent: 0,
      tasksExceededPercent: 30,
      shortcomingsRemedied: true,
      disciplined: false,
      degradationConcluded: false,
      disunityConcluded: false,
    };
    const scheme = QD_366_2025.code;
    const org = await recordRating(ctx, actor, {
      scheme,
      organizationCode: 'T-D',
      year: 2017,
      ratedOn: '2017-12-20',
      scores: { general: 30, tasks: 60 },
      conditions: ok,
    });
    expect(org).toMatchObject({ total: 95, level: 'excellent', outOfForce: true });
    expect(org.reason).toContain('không có hiệu lực cho kỳ này');
    const member = await recordRating(ctx, actor, {
      scheme,
      organizationCode: 'T-D',
      personId: ids.get('d1') ?? 0,
      year: 2017,
      ratedOn: '2017-12-20',
      scores: { general: 20, results: 45 },
      conditions: ok,
    });
    expect(member).toMatchObject({ total: 65, level: 'completed' });
    await expect(
      recordRating(ctx, actor, {
        scheme,
        organizationCode: 'T-D',
        year: 2017,
        ratedOn: '2017-12-21',
        scores: {},
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      recordRating(ctx, actor, {
        scheme,
        organizationCode: 'T-A',
        year: 2017,
        ratedOn: '2017-12-20',
        scores: { general: 35, tasks: 60 },
      }),
    ).rejects.toMatchObject({ code: 'validation' });
    await recordRating(ctx, actor, {
      scheme,
      organizationCode: 'T-A',
      year: 2017,
      quarter: 2,
      ratedOn: '2017-06-30',
      scores: { general: 20, tasks: 25, development: 0 },
      conditions: ok,
    });
    const r = await ratingsReport(ctx, actor, { org: 'T', year: 2017 });
    expect(r.organizations.total).toBe(1);
    expect(r.organizations.items[0]).toMatchObject({ code: 'T-D', total: 95, level: 'excellent' });
    expect(r.organizations.items[0]?.scores.development).toBe(5);
    expect(r.organizations.items[0]?.proposed.development).toBe(5);
    expect(r.members.byLevel).toEqual({ excellent: 0, good: 0, completed: 1, not_completed: 0 });
    const q2 = await ratingsReport(ctx, actor, { org: 'T', year: 2017, quarter: 2 });
    expect(q2.organizations.items.map((i) => [i.code, i.level])).toEqual([
      ['T-A', 'not_completed'],
    ]);
    // Outside the actor's subtree the organization is not found.
    const outsider: Actor = {
      username: 'o',
      userId: null,
      role: 'officer',
      organizationId: orgIds.get('T-D') ?? 0,
    };
    await expect(ratingsReport(ctx, outsider, { org: 'T-A', year: 2017 })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  describe('downloads', () => {
    it('XLSX of the summary: info sheet, frozen headers, numbers as numbers; audited', async () => {
      const before = await ctx.db
        .selectFrom('events')
        .select('id')
        .where('action', '=', 'report.export')
        .execute();
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/reports/summary?org=T&year=2017&format=xlsx',
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="bao-cao-tong-hop-[a-z0-9-]+\.xlsx"; filename\*=UTF-8''B%C3%A1o%20c%C3%A1o/,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const info = workbook.getWorksheet('Thông tin');
      expect(info?.getCell('B3').value).toContain('Đảng bộ huyện Thử Nghiệm');
      expect(info?.getCell('B6').value).toBe('test');
      const sheet = workbook.getWorksheet('Tổng hợp');
      expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const values: Record<string, unknown> = Object.fromEntries(
        ((sheet?.getSheetValues() ?? []) as unknown[][])
          .slice(2)
          .map((row): [string, unknown] => [String(row[1]), row[2]]),
      );
      expect(values['Kết nạp trong kỳ']).toBe(admittedBetween('2017-01-01', '2017-12-31').length);
      expect(values['Đảng viên cuối kỳ']).toBe(membersOn('2017-12-31').length);
      const after = await ctx.db
        .selectFrom('events')
        .select('id')
        .where('action', '=', 'report.export')
        .execute();
      expect(after.length).toBe(before.length + 1);
    });

    it('DOCX and printable HTML of every report', async () => {
      for (const name of ['summary', 'statistics', 'sector', 'resolution', 'ratings', 'trend']) {
        const query = `org=T&year=2017&asOf=2017-12-31&sector=education`;
        const docx = await app.inject({
          method: 'GET',
          url: `/api/v1/reports/${name}?${query}&format=docx`,
        });
        expect(docx.statusCode, name).toBe(200);
        const zip = await JSZip.loadAsync(docx.rawPayload);
        const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
        expect(xml).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
        expect(xml).toContain('Times New Roman');
        const html = await app.inject({
          method: 'GET',
          url: `/api/v1/reports/${name}?${query}&format=html`,
        });
        expect(html.statusCode, name).toBe(200);
        expect(html.headers['content-type']).toContain('text/html');
        expect(html.body).toContain('@media print');
      }
    });

    it('DOCX and HTML carry the superior line, the signer by level, "Nơi nhận" and local time', async () => {
      const docxText = async (org: string): Promise<string> => {
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/reports/summary?org=${org}&year=2017&format=docx`,
        });
        expect(res.statusCode, org).toBe(200);
        const zip = await JSZip.loadAsync(res.rawPayload);
        return (await zip.file('word/document.xml')?.async('string')) ?? '';
      };
      const commune = await docxText('T-C1');
      expect(commune).toContain('ĐẢNG BỘ HUYỆN THỬ NGHIỆM');
      expect(commune).toContain('ĐẢNG BỘ XÃ MỘT');
      expect(commune).toContain('Nơi nhận:');
      expect(commune).toContain('- Đảng bộ huyện Thử Nghiệm (để báo cáo),');
      expect(commune).toContain('T/M ĐẢNG ỦY');
      // The clock stands at 2016-01-01T00:00Z: 07:00 in Vietnam, never "UTC".
      expect(commune).toContain('Lập lúc 01/01/2016 07:00 (giờ Việt Nam) bởi test.');
      expect(commune).not.toContain('UTC');
      expect(await docxText('T-A')).toContain('T/M CHI BỘ');
      const top = await docxText('T');
      expect(top).toContain('T/M BAN THƯỜNG VỤ');
      expect(top).not.toContain('(để báo cáo)');
      const html = await app.inject({
        method: 'GET',
        url: '/api/v1/reports/summary?org=T-C1&year=2017&format=html',
      });
      expect(html.body).toContain('Đảng bộ huyện Thử Nghiệm<b>Đảng bộ xã Một</b>');
      expect(html.body).toContain('T/M ĐẢNG ỦY');
      expect(html.body).toContain('ngày 01 tháng 01 năm 2016');
      expect(html.body).not.toContain('UTC');
      // An installation elsewhere names its zone.
      await changeSetting(ctx, systemActor('test'), 'report.timeZone', 'UTC');
      expect(await docxText('T-C1')).toContain('Lập lúc 01/01/2016 00:00 (giờ UTC) bởi test.');
      await changeSetting(ctx, systemActor('test'), 'report.timeZone', 'Asia/Ho_Chi_Minh');
    });

    it('bad format is a validation error; JSON stays the default', async () => {
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/reports/summary?format=pdf' })).statusCode,
      ).toBe(400);
      const json = await app.inject({
        method: 'GET',
        url: '/api/v1/reports/trend?org=T&year=2017',
      });
      expect(json.json()).toMatchObject({ organization: { code: 'T' } });
    });
  });

  it('procedure documents of a candidate are pre-filled DOCX with dotted lines for the unknown', async () => {
    const personId = ids.get('b3') ?? 0;
    const now = '2017-11-20T00:00:00.000Z';
    const { id: candidateId } = await ctx.db
      .insertInto('candidates')
      .values({
        personId,
        organizationId: orgIds.get('T-B') ?? 0,
        stage: 'admitted',
        stageOn: '2017-11-20',
        identifiedOn: '2016-10-01',
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('candidateTransitions')
      .values([
        {
          candidateId,
          fromStage: 'dossier',
          toStage: 'cell_voted',
          on: '2017-09-12',
          actor: 'test',
          details: JSON.stringify({
            vote: { officialMembers: 12, present: 11, inFavour: 10, resolutionNo: '07-NQ/CB' },
          }),
          recordedAt: now,
        },
        {
          candidateId,
          fromStage: 'cell_voted',
          toStage: 'committee_reviewed',
          on: '2017-10-02',
          actor: 'test',
          details: JSON.stringify({ vote: { members: 9, inFavour: 9, resolutionNo: '21-NQ/ĐU' } }),
          recordedAt: now,
        },
        {
          candidateId,
          fromStage: 'committee_reviewed',
          toStage: 'decided',
          on: '2017-10-30',
          actor: 'test',
          details: JSON.stringify({ decision: { number: '512-QĐ/HU', on: '2017-10-30' } }),
          recordedAt: now,
        },
      ])
      .execute();
    const read = async (url: string) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const zip = await JSZip.loadAsync(res.rawPayload);
      return (await zip.file('word/document.xml')?.async('string')) ?? '';
    };
    const resolution = await read(
      `/api/v1/candidates/${candidateId}/documents/admission-resolution.docx`,
    );
    expect(resolution).toContain('Số 07-NQ/CB');
    expect(resolution).toContain('Người B3');
    expect(resolution).toContain('ngày 12 tháng 09 năm 2017');
    expect(resolution).toContain('10 đồng chí (đạt 83,3%');
    expect(resolution).toContain('…………………');
    const decision = await read(
      `/api/v1/candidates/${candidateId}/documents/admission-decision.docx`,
    );
    expect(decision).toContain('Số 512-QĐ/HU');
    expect(decision).toContain('21-NQ/ĐU');
    // Not yet reviewed: the recognition resolution is all dotted lines where the vote would be.
    const recognition = await read(
      `/api/v1/candidates/${candidateId}/documents/recognition-resolution.docx`,
    );
    expect(recognition).toContain('Số …………………');
    const register = await read('/api/v1/documents/probationary-register.docx?org=T&year=2017');
    expect(register).toContain('SỔ ĐẢNG VIÊN DỰ BỊ');
    for (const s of admittedBetween('2017-01-01', '2017-12-31'))
      expect(register).toContain(`Người ${s.key.toUpperCase()}`);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/candidates/999999/documents/admission-decision.docx',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/candidates/${candidateId}/documents/nonsense.docx`,
        })
      ).statusCode,
    ).toBe(400);
    const events = await ctx.db
      .selectFrom('events')
      .select('id')
      .where('action', '=', 'document.export')
      .execute();
    expect(events.length).toBe(4);
  });
});
