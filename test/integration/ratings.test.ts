import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { SCHEMES } from '../../src/server/modules/ratings/ratings.data.ts';
import type { RatingSchemeAnswer, RecordedRating } from '../../src/shared/ratings.ts';
import type { RatingsReport } from '../../src/shared/report-answers.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import {
  buildMembership,
  buildOrganization,
  buildPerson,
  buildUnit,
} from '../support/factories.ts';

const actor = systemActor('test');

/** Everything done on time, a third exceeded, nothing wrong. */
const PERFECT = {
  tasksCompletedPercent: 100,
  tasksLatePercent: 0,
  tasksExceededPercent: 35,
  shortcomingsRemedied: true,
  disciplined: false,
  degradationConcluded: false,
  disunityConcluded: false,
};

/**
 * Ratings through the API (issue 16, finding 8): the scheme follows the rated year (2019 →
 * 132-QĐ/TW, 2023 → 124-QĐ/TW, 2025 → 366-QĐ/TW), the level follows points AND conditions AND
 * the forcing cases, and each answer carries the reason and the citation.
 */
describeEachDialect('ratings per regulation version', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  const people: number[] = [];

  const post = async (body: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/ratings', payload: body });
    return { status: res.statusCode, json: res.json<RecordedRating & { errors?: unknown }>() };
  };
  const rateMember = (i: number, year: number, body: Record<string, unknown>) =>
    post({
      organizationCode: 'G',
      personId: people[i],
      year,
      ratedOn: `${year}-12-20`,
      ...body,
    });

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await buildOrganization(ctx, actor, {
      code: 'T',
      name: 'Đảng bộ Thử',
      kind: 'committee',
      level: 'top',
    });
    await buildOrganization(ctx, actor, {
      code: 'G',
      name: 'Chi bộ cơ sở Thôn Một',
      level: 'grassroots_cell',
      parentCode: 'T',
    });
    const g = await ctx.db
      .selectFrom('organizations')
      .select('id')
      .where('code', '=', 'G')
      .executeTakeFirstOrThrow();
    await buildUnit(ctx, actor, { code: 'V', organizationCode: 'G' });
    for (let i = 0; i < 8; i += 1) {
      const person = await buildPerson(ctx, actor, { fullName: `Đảng viên ${i}`, unitCode: 'V' });
      people.push(person.id);
      await buildMembership(ctx, {
        personId: person.id,
        organizationId: g.id,
        admittedOn: '2010-01-01',
        officialOn: '2011-01-01',
      });
    }
    ({ app } = await buildApp(ctx, { actorOf: () => Promise.resolve(actor) }));
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('ships each version as dated data, equal to ratings.data.ts', async () => {
    for (const scheme of SCHEMES) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/ratings/scheme?scheme=${encodeURIComponent(scheme.code)}`,
      });
      expect(res.statusCode).toBe(200);
      const s = res.json<RatingSchemeAnswer>();
      expect(s).toMatchObject({
        code: scheme.code,
        scale: scheme.scale,
        regulation: scheme.regulation,
        guidance: scheme.guidance,
        validFrom: scheme.validFrom,
        validTo: scheme.validTo,
      });
      expect(
        s.groups.map((g) => [g.subject, g.code, g.maxPoints, g.criteria.map((c) => c.code)]),
      ).toEqual(
        scheme.groups.map((g) => [g.subject, g.code, g.maxPoints, g.criteria.map((c) => c.code)]),
      );
      // The groups' weights add up to the scale; the criteria to their group.
      for (const subject of ['organization', 'member'] as const) {
        const groups = s.groups.filter((g) => g.subject === subject);
        expect(groups.reduce((a, g) => a + g.maxPoints, 0)).toBe(scheme.maxPoints);
        for (const g of groups)
          expect(g.criteria.reduce((a, c) => a + c.maxPoints, 0)).toBe(g.maxPoints);
      }
    }
  });

  it('the scheme of a year is the text in force at its end; none before 2018', async () => {
    const of = async (year: number) =>
      app.inject({ method: 'GET', url: `/api/v1/ratings/scheme?year=${year}` });
    const expectations: [number, string, string][] = [
      [2019, '132-QĐ/TW', 'grades'],
      [2023, '124-QĐ/TW', 'grades'],
      [2024, '124-QĐ/TW', 'grades'],
      [2025, '366-QĐ/TW', 'points'],
    ];
    for (const [year, code, scale] of expectations) {
      const s = (await of(year)).json<RatingSchemeAnswer>();
      expect([year, s.code, s.scale, s.inForce]).toEqual([year, code, scale, true]);
    }
    const s2025 = (await of(2025)).json<RatingSchemeAnswer>();
    expect(s2025.conditions.member).toEqual(
      expect.arrayContaining(['tasksExceededPercent', 'shortcomingsRemedied', 'disciplined']),
    );
    const before = await of(2017);
    expect(before.statusCode).toBe(400);
    const refusal = before.json<{ errors: { field: string; message: string }[] }>().errors[0];
    expect(refusal?.field).toBe('year');
    expect(refusal?.message).toContain('132-QĐ/TW từ 08/03/2018');
  });

  it('2025 (366-QĐ/TW): points and conditions decide; each answer says why and cites the clause', async () => {
    const excellent = await rateMember(0, 2025, {
      scores: { general: 28, results: 64 },
      conditions: PERFECT,
    });
    expect(excellent.status).toBe(201);
    expect(excellent.json).toMatchObject({
      scheme: '366-QĐ/TW',
      total: 92,
      level: 'excellent',
      citation: '366-QĐ/TW, Điều 11, khoản 1',
      outOfForce: false,
    });
    const notExceeded = await rateMember(1, 2025, {
      scores: { general: 28, results: 64 },
      conditions: { ...PERFECT, tasksExceededPercent: 20 },
    });
    expect(notExceeded.json).toMatchObject({
      total: 92,
      levelByPoints: 'excellent',
      level: 'good',
      citation: '366-QĐ/TW, Điều 11, khoản 2',
    });
    expect(notExceeded.json.reason).toContain('ít nhất 30% nhiệm vụ hoàn thành vượt mức yêu cầu');
    const disciplined = await rateMember(2, 2025, {
      scores: { general: 30, results: 70 },
      conditions: { ...PERFECT, disciplined: true },
    });
    expect(disciplined.json).toMatchObject({
      total: 100,
      level: 'not_completed',
      citation: '366-QĐ/TW, Điều 11, khoản 4',
    });
    expect(disciplined.json.reason).toMatch(/^Không hoàn thành nhiệm vụ: bị xử lý kỷ luật/);
    // The group's weight bounds its criteria; a criterion of the other subject is refused.
    const tooMany = await rateMember(3, 2025, { scores: { general: 31, results: 50 } });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.json.errors)).toContain('Tối đa 30 điểm');
    const organization = await post({
      organizationCode: 'G',
      year: 2025,
      ratedOn: '2025-12-22',
      scores: { general: 27, tasks: 55, development: 8 },
      conditions: { ...PERFECT, tasksLatePercent: 10 },
    });
    expect(organization.json).toMatchObject({
      total: 90,
      level: 'completed',
      citation: '366-QĐ/TW, Điều 11, khoản 3',
    });
    const report = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/ratings?org=T&year=2025',
    });
    const r = report.json<RatingsReport>();
    expect(r.scheme).toMatchObject({ code: '366-QĐ/TW', scale: 'points' });
    expect(r.members.byLevel).toEqual({ excellent: 1, good: 1, completed: 0, not_completed: 1 });
    const item = r.members.items.find((i) => i.code === String(people[1]));
    expect(item).toMatchObject({ level: 'good', citation: '366-QĐ/TW, Điều 11, khoản 2' });
    expect(item?.reason).toContain('vượt mức');
  });

  it('2023 (124-QĐ/TW): the meeting proposes the level, a forcing case of Điều 12 overrides it', async () => {
    const noLevel = await rateMember(0, 2023, { conditions: PERFECT });
    expect(noLevel.status).toBe(400);
    expect(noLevel.json.errors).toEqual([
      { field: 'proposedLevel', message: '124-QĐ/TW không chấm điểm: chọn mức hội nghị đề xuất' },
    ]);
    const points = await rateMember(0, 2023, { proposedLevel: 'good', scores: { general: 20 } });
    expect(points.status).toBe(400);
    const kept = await rateMember(0, 2023, { proposedLevel: 'excellent', conditions: PERFECT });
    expect(kept.json).toMatchObject({
      scheme: '124-QĐ/TW',
      total: null,
      level: 'excellent',
      citation: '124-QĐ/TW, Điều 12, khoản 1',
    });
    const under = await rateMember(1, 2023, {
      proposedLevel: 'good',
      conditions: { ...PERFECT, tasksCompletedPercent: 45 },
    });
    expect(under.json).toMatchObject({
      level: 'not_completed',
      citation: '124-QĐ/TW, Điều 12, khoản 4',
    });
    const r = (
      await app.inject({ method: 'GET', url: '/api/v1/reports/ratings?org=T&year=2023' })
    ).json<RatingsReport>();
    expect(r.scheme?.scale).toBe('grades');
    expect(r.members.items.map((i) => i.total)).toEqual([null, null]);
  });

  it('2019 (132-QĐ/TW, 21-HD/BTCTW): "xuất sắc" above 20% of "tốt" in the grassroots organization is flagged', async () => {
    for (let i = 0; i < 5; i += 1) {
      const good = await rateMember(i, 2019, { proposedLevel: 'good', conditions: PERFECT });
      expect(good.json.level).toBe('good');
    }
    const first = await rateMember(5, 2019, { proposedLevel: 'excellent', conditions: PERFECT });
    expect(first.json.level).toBe('excellent');
    expect(first.json.checks.find((c) => c.code === 'share_limit')).toMatchObject({
      ok: true,
      citation: '21-HD/BTCTW, mục 2.3.a',
    });
    const second = await rateMember(6, 2019, { proposedLevel: 'excellent', conditions: PERFECT });
    const limit = second.json.checks.find((c) => c.code === 'share_limit');
    expect(limit?.ok).toBe(false);
    expect(limit?.label).toContain('(2) không quá 20% số hoàn thành tốt (5)');
    expect(second.json.reason).toContain('vượt tỷ lệ 20%');
    // A civil servant rated only "tốt" as a civil servant cannot be "xuất sắc" as a member.
    const civil = await rateMember(7, 2019, {
      proposedLevel: 'excellent',
      conditions: { ...PERFECT, civilServiceLevel: 'good' },
    });
    expect(civil.json).toMatchObject({ level: 'good', levelByPoints: 'excellent' });
    // The rating is an event with the reason and citation.
    const event = await ctx.db
      .selectFrom('events')
      .select('after')
      .where('action', '=', 'rating.create')
      .where('entityId', '=', String(civil.json.id))
      .executeTakeFirstOrThrow();
    expect(String(event.after)).toContain('21-HD/BTCTW');
  });
});
