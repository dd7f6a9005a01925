import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import { generateNational, type GenerateResult } from '../../src/sample/national/generate.ts';
import {
  statisticsReport,
  summaryReport,
} from '../../src/server/modules/reports/reports.service.ts';
import { listPeople } from '../../src/server/modules/people/people.service.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

const actor = systemActor('test');
const TODAY = '2026-11-27';

describeEachDialect('generated national installation', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let result: GenerateResult;
  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    result = await generateNational(ctx, actor, { members: 3000, seed: 7 });
  }, 120_000);
  afterAll(async () => drop());

  it('has 34 provinces under VN and exactly N members today, by the reports and by hand', async () => {
    expect(result.provinces).toBe(34);
    const stats = await statisticsReport(ctx, actor, { org: 'VN', asOf: TODAY });
    expect(stats.members).toBe(3000);
    expect(stats.byOrganization).toHaveLength(34);
    expect(stats.byOrganization.reduce((s, o) => s + o.members, 0)).toBe(3000);
    const byHand = await ctx.db
      .selectFrom('memberPeriods')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('validFrom', '<=', TODAY)
      .where('validTo', '>', TODAY)
      .executeTakeFirstOrThrow();
    expect(Number(byHand.n)).toBe(3000);
  });

  it('admits about 150,000 a year per 5.6 million members, and the summary adds up', async () => {
    const summary = await summaryReport(ctx, actor, { org: 'VN', year: 2025 });
    const expected = (3000 * 150_000) / 5_600_000;
    expect(summary.admissions).toBeGreaterThan(expected * 0.7);
    expect(summary.admissions).toBeLessThan(expected * 1.4);
    expect(summary.admissionsByOrganization.reduce((s, o) => s + o.admissions, 0)).toBe(
      summary.admissions,
    );
    expect(summary.plannedAdmissions).toBeGreaterThan(0);
  });

  it('has open candidates with due dates for the alerts', async () => {
    const due = await ctx.db
      .selectFrom('candidates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dueOn', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(due.n)).toBeGreaterThan(0);
  });

  it('finds people accent-insensitively within a province', async () => {
    const person = await ctx.db
      .selectFrom('people')
      .select(['id', 'nameFolded'])
      .where('unitId', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const word = person.nameFolded.split(' ').pop() ?? '';
    const found = await listPeople(ctx, actor, { q: word, org: 'VN', limit: 500 });
    expect(found.total).toBeGreaterThan(0);
  });

  it('refuses a database that is not empty', async () => {
    await expect(generateNational(ctx, actor, { members: 3000 })).rejects.toMatchObject({
      code: 'validation',
    });
  });
});
