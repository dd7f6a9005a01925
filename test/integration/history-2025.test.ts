import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { authHeader, createUserWithToken, type TestUser } from '../support/auth.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

/**
 * Issue 15 item 6: the officer of a commune committee created on 2025-07-01 (X-DBD, formed from
 * the township and Keo Lôm when the district was abolished) reads the 2016–2025 history of the
 * cells it holds today — the organization picker for 2017 lists them and the 2017 summary gives
 * their figures — and still sees none of the district's other cells (gone to other communes).
 */

const TODAY = '2026-11-27';
const END_2017 = '2017-12-31';

describeEachDialect('history across the 2025 reorganization', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let officer: TestUser;
  let system: TestUser;

  beforeAll(async () => {
    const scratch = await scratchContext(dialect);
    ({ ctx, drop } = scratch);
    await generateDemo(ctx, systemActor('test'));
    officer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'X-DBD' });
    system = await createUserWithToken(ctx, { role: 'admin', orgCode: 'DB' });
    ({ app } = await buildApp(ctx));
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await drop();
  });

  const get = (user: TestUser, url: string) =>
    app.inject({ method: 'GET', url, headers: authHeader(user.token) });

  /** Codes of the organizations under a root on a date (closure, independent of the API). */
  async function under(root: string, on: string): Promise<string[]> {
    const rows = await ctx.db
      .selectFrom('organizationClosure as c')
      .innerJoin('organizations as a', 'a.id', 'c.ancestorId')
      .innerJoin('organizations as d', 'd.id', 'c.descendantId')
      .select('d.code')
      .where('a.code', '=', root)
      .where('c.depth', '>', 0)
      .where('c.validFrom', '<=', on)
      .where('c.validTo', '>', on)
      .execute();
    return rows.map((r) => r.code).sort();
  }

  /** Member periods open on a date in the given organizations, counted straight from the table. */
  async function membersIn(codes: string[], on: string): Promise<number> {
    const row = await ctx.db
      .selectFrom('memberPeriods as mp')
      .innerJoin('organizations as o', 'o.id', 'mp.organizationId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('o.code', 'in', codes)
      .where('mp.validFrom', '<=', on)
      .where('mp.validTo', '>', on)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('the demo has X-DBD from 2025-07-01, its cells under the district in 2017', async () => {
    expect(await under('X-DBD', END_2017)).toEqual([]);
    const today = await under('X-DBD', TODAY);
    const district2017 = await under('DBD', END_2017);
    const cellsThen = today.filter((code) => district2017.includes(code));
    expect(cellsThen.length).toBeGreaterThan(10);
  });

  it("the picker for 2017 lists the cells X-DBD holds today, and none of the other communes'", async () => {
    const res = await get(officer, `/api/v1/organizations?asOf=${END_2017}`);
    expect(res.statusCode).toBe(200);
    const listed = res
      .json<{ items: { code: string }[] }>()
      .items.map((o) => o.code)
      .sort();
    const today = await under('X-DBD', TODAY);
    const existed2017 = await under('DBD', END_2017);
    expect(listed).toEqual(today.filter((code) => existed2017.includes(code)));
    for (const other of [...(await under('X-NS', TODAY)), 'DBD', 'DBD-TT', 'DBD-NS'])
      expect(listed).not.toContain(other);
    // Today's picker is unchanged: X-DBD and its subtree.
    const now = await get(officer, '/api/v1/organizations');
    expect(
      now
        .json<{ items: { code: string }[] }>()
        .items.map((o) => o.code)
        .sort(),
    ).toEqual(['X-DBD', ...today].sort());
  });

  it('the 2017 summary of X-DBD gives its cells’ district-era figures, not 0', async () => {
    const res = await get(officer, '/api/v1/reports/summary?org=X-DBD&year=2017');
    expect(res.statusCode).toBe(200);
    const report = res.json<{
      membersAtEnd: number;
      membersAtStart: number;
      admissions: number;
      admissionsByOrganization: { code: string; members: number; admissions: number }[];
    }>();
    const held = await under('X-DBD', TODAY);
    expect(report.membersAtEnd).toBeGreaterThan(0);
    expect(report.membersAtEnd).toBe(await membersIn(held, END_2017));
    expect(report.membersAtStart).toBe(await membersIn(held, '2016-12-31'));
    // Row by row, the same figures as each cell's own 2017 report (read by the province).
    expect(report.admissionsByOrganization.length).toBeGreaterThan(10);
    let admissions = 0;
    for (const row of report.admissionsByOrganization) {
      const own = await get(system, `/api/v1/reports/summary?org=${row.code}&year=2017`);
      expect(own.statusCode).toBe(200);
      const figures = own.json<{ membersAtEnd: number; admissions: number }>();
      expect([row.code, row.members]).toEqual([row.code, figures.membersAtEnd]);
      expect([row.code, row.admissions]).toEqual([row.code, figures.admissions]);
      admissions += row.admissions;
    }
    expect(report.admissions).toBe(admissions);
    expect(report.membersAtEnd).toBe(
      report.admissionsByOrganization.reduce((sum, row) => sum + row.members, 0),
    );
    // The district's 2017 figures are unchanged by the history rule.
    const district = await get(system, '/api/v1/reports/summary?org=DBD&year=2017');
    expect(district.json<{ membersAtEnd: number }>().membersAtEnd).toBe(
      await membersIn(await under('DBD', END_2017), END_2017),
    );
  });

  it('the statistics and trend reports of X-DBD for 2017 count the same members', async () => {
    const held = await under('X-DBD', TODAY);
    const res = await get(officer, `/api/v1/reports/statistics?org=X-DBD&asOf=${END_2017}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ members: number }>().members).toBe(await membersIn(held, END_2017));
    const trend = await get(officer, '/api/v1/reports/trend?org=X-DBD&year=2017');
    expect(trend.statusCode).toBe(200);
    expect(trend.json<{ points: { on: string; members: number }[] }>().points.at(-1)).toEqual({
      on: END_2017,
      members: await membersIn(held, END_2017),
    });
  });

  it('the members list of X-DBD on 31/12/2017 lists the same members, in its cells', async () => {
    const res = await get(officer, `/api/v1/members?org=X-DBD&asOf=${END_2017}&limit=500`);
    expect(res.statusCode).toBe(200);
    const page = res.json<{ total: number; items: { organizationCode: string }[] }>();
    const held = await under('X-DBD', TODAY);
    expect(page.total).toBe(await membersIn(held, END_2017));
    expect(page.total).toBeGreaterThan(0);
    for (const item of page.items) expect(held).toContain(item.organizationCode);
  });

  it('the officer still cannot read the old district or the cells that went elsewhere', async () => {
    const elsewhere = (await under('X-NS', TODAY))[0];
    if (!elsewhere) throw new Error('demo: X-NS has no cells');
    for (const org of ['DBD', 'DBD-NS', 'DBD-TT', elsewhere]) {
      const summary = await get(officer, `/api/v1/reports/summary?org=${org}&year=2017`);
      expect([org, summary.statusCode]).toEqual([org, 404]);
      const tree = await get(officer, `/api/v1/organizations?org=${org}&asOf=${END_2017}`);
      expect([org, tree.statusCode]).toEqual([org, 404]);
    }
  });
});
