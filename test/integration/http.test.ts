import { describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import { summaryReport } from '../../src/server/modules/reports/reports.service.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { useDemoApp } from '../support/demo.ts';

const actor = systemActor('test');

describeEachDialect('HTTP on the demo', (dialect) => {
  const demo = useDemoApp(dialect);

  describe('health, OpenAPI, reports, problem+json', () => {
    it('/healthz answers when the database does', async () => {
      const response = await demo.app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'ok', database: dialect });
    });

    it('/api/v1/openapi.json lists the report routes with their query parameters', async () => {
      const doc = (await demo.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
        openapi: string;
        paths: Record<string, { get?: { parameters: { name: string }[] } }>;
      }>();
      expect(doc.openapi).toMatch(/^3\./);
      const summary = doc.paths['/api/v1/reports/summary']?.get;
      expect(summary?.parameters.map((p) => p.name)).toEqual(
        expect.arrayContaining(['org', 'from', 'to', 'year', 'asOf']),
      );
    });

    it('/api/v1/reports/summary gives the same JSON as the service the CLI calls', async () => {
      const response = await demo.app.inject({
        method: 'GET',
        url: '/api/v1/reports/summary?org=DBD&year=2017',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(
        await summaryReport(demo.ctx, actor, { org: 'DBD', year: 2017 }),
      );
    });

    it('bad input is problem+json naming the field', async () => {
      const response = await demo.app.inject({
        method: 'GET',
        url: '/api/v1/reports/statistics?asOf=2017-13-01',
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'validation', errors: [{ field: 'asOf' }] });
    });

    it('an unknown organization is 404 problem+json', async () => {
      const response = await demo.app.inject({
        method: 'GET',
        url: '/api/v1/reports/summary?org=NOPE',
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found' });
    });

    it('organizations as of a date follow the 2025 reorganization', async () => {
      const before = (
        await demo.app.inject({ method: 'GET', url: '/api/v1/organizations?asOf=2025-06-30' })
      ).json<{ items: { code: string; parentCode: string | null }[] }>();
      const after = (
        await demo.app.inject({ method: 'GET', url: '/api/v1/organizations?asOf=2025-07-01' })
      ).json<{ items: { code: string; parentCode: string | null }[] }>();
      expect(before.items.some((o) => o.code === 'DBD')).toBe(true);
      expect(after.items.some((o) => o.code === 'DBD')).toBe(false);
      expect(after.items.filter((o) => o.parentCode === 'DB')).toHaveLength(6);
    });

    it('people search is accent-insensitive and folds Ð/Đ', async () => {
      const response = await demo.app.inject({
        method: 'GET',
        url: '/api/v1/people?q=giang%20a%20pao',
      });
      const body = response.json<{ items: { fullName: string }[]; total: number }>();
      expect(body.total).toBeGreaterThan(0);
      expect(body.items.every((p) => p.fullName.startsWith('Giàng A Páo'))).toBe(true);
      const created = await demo.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        payload: {
          fullName: 'Ðinh Văn Ðạt',
          gender: 'male',
          birthDate: '1995-02-03',
          ethnicity: 'Kinh',
          unitCode: 'U-TT-B01',
          educationLevel: 'upper_secondary',
          targetGroups: ['youth_union'],
        },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json<{ fullName: string }>().fullName).toBe('Đinh Văn Đạt');
      const found = (
        await demo.app.inject({ method: 'GET', url: '/api/v1/people?q=dinh%20van%20dat' })
      ).json<{ total: number }>();
      expect(found.total).toBe(1);
    });

    it('a person with a wrong national ID is refused with the field named', async () => {
      const response = await demo.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        payload: {
          fullName: 'Lò Văn A',
          gender: 'male',
          birthDate: '1995-02-03',
          ethnicity: 'Thái',
          unitCode: 'U-TT-B01',
          educationLevel: 'primary',
          nationalId: '12345',
        },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ errors: [{ field: 'nationalId' }] });
    });

    it('members as of a date in Vietnamese name order', async () => {
      const response = await demo.app.inject({
        method: 'GET',
        url: '/api/v1/members?org=DBD&asOf=2017-12-31&limit=500',
      });
      const body = response.json<{
        items: { fullName: string; status: string }[];
        total: number;
      }>();
      expect(body.total).toBe(3040);
      const given = body.items.map((m) => m.fullName.split(' ').at(-1) ?? '');
      expect(given[0]?.startsWith('A') || given[0]?.startsWith('Á')).toBe(true);
    });
  });

  describe('plans keep their history', () => {
    it('changing a plan closes the old version and the summary uses the new one', async () => {
      const listed = (
        await demo.app.inject({ method: 'GET', url: '/api/v1/plans?org=DBD&year=2017' })
      ).json<{ items: { organizationCode: string; metric: string; target: number }[] }>();
      expect(
        listed.items.find((p) => p.organizationCode === 'DBD' && p.metric === 'admissions')?.target,
      ).toBe(100);
      const put = await demo.app.inject({
        method: 'PUT',
        url: '/api/v1/plans',
        payload: {
          organizationCode: 'DBD',
          year: 2017,
          metric: 'admissions',
          target: 80,
          reason: 'điều chỉnh',
        },
      });
      expect(put.statusCode).toBe(200);
      const summary = (
        await demo.app.inject({ method: 'GET', url: '/api/v1/reports/summary?org=DBD&year=2017' })
      ).json<{ plannedAdmissions: number; planPercent: number }>();
      expect(summary).toMatchObject({ plannedAdmissions: 80, planPercent: 200 });
      const versions = await demo.ctx.db
        .selectFrom('plans')
        .select(['target', 'validTo'])
        .where('year', '=', 2017)
        .where('metric', '=', 'admissions')
        .where(
          'organizationId',
          '=',
          (
            await demo.ctx.db
              .selectFrom('organizations')
              .select('id')
              .where('code', '=', 'DBD')
              .executeTakeFirstOrThrow()
          ).id,
        )
        .orderBy('id')
        .execute();
      expect(versions.map((v) => v.target)).toEqual([100, 80]);
      expect(versions[0]?.validTo).not.toBe('9999-12-31');
      const bad = await demo.app.inject({
        method: 'PUT',
        url: '/api/v1/plans',
        payload: { organizationCode: 'DBD', year: 2017, metric: 'admissions', target: -1 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ errors: [{ field: 'target' }] });
    });

    it('resolutions with their indicators', async () => {
      const body = (
        await demo.app.inject({ method: 'GET', url: '/api/v1/resolutions?org=DBD' })
      ).json<{
        items: { code: string; indicators: { code: string; baseline: number }[] }[];
      }>();
      expect(body.items[0]?.code).toBe('06-NQ/HU');
      expect(body.items[0]?.indicators.find((i) => i.code === 'members')?.baseline).toBe(2805);
    });
  });

  describe('member list filters', () => {
    const total = async (query: string) =>
      (
        await demo.app.inject({
          method: 'GET',
          url: `/api/v1/members?org=DBD&asOf=2017-12-31&limit=1&${query}`,
        })
      ).json<{ total: number }>().total;

    it('filters partition the members and match an independent count', async () => {
      const all = await total('');
      expect((await total('gender=male')) + (await total('gender=female'))).toBe(all);
      expect((await total('status=official')) + (await total('status=probationary'))).toBe(all);
      expect((await total('ageMax=30')) + (await total('ageMin=31'))).toBe(all);
      const women = await demo.ctx.db
        .selectFrom('memberPeriods as mp')
        .innerJoin('organizationClosure as c', 'c.descendantId', 'mp.organizationId')
        .innerJoin('organizations as o', 'o.id', 'c.ancestorId')
        .innerJoin('personTargetGroups as g', 'g.personId', 'mp.personId')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('o.code', '=', 'DBD')
        .where('g.targetGroup', '=', 'woman')
        .where('mp.validFrom', '<=', '2017-12-31')
        .where('mp.validTo', '>', '2017-12-31')
        .executeTakeFirstOrThrow();
      expect(await total('targetGroup=woman')).toBe(Number(women.n));
      expect(await total('ethnicity=M%C3%B4ng')).toBeGreaterThan(0);
      expect(await total('q=giang')).toBeGreaterThan(0);
    });
  });

  describe('units of a subtree', () => {
    it('lists the villages covered by a commune, searchable without accents', async () => {
      const all = (
        await demo.app.inject({
          method: 'GET',
          url: '/api/v1/units?org=DBD-KL&asOf=2017-12-31&kind=village',
        })
      ).json<{ items: { code: string; organizationCode: string }[] }>();
      expect(all.items).toHaveLength(13);
      expect(all.items.every((u) => u.code.startsWith('U-KL-B'))).toBe(true);
      const school = (
        await demo.app.inject({
          method: 'GET',
          url: '/api/v1/units?org=DBD&asOf=2017-12-31&q=truong%20thpt',
        })
      ).json<{ items: { kind: string }[] }>();
      expect(school.items.length).toBeGreaterThanOrEqual(2);
      expect(school.items.every((u) => u.kind === 'school')).toBe(true);
    });
  });

  describe('likely duplicates are flagged at entry', () => {
    const register = (payload: Record<string, unknown>) =>
      demo.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        payload: {
          gender: 'male',
          ethnicity: 'Mông',
          unitCode: 'U-PG-B02',
          educationLevel: 'primary',
          ...payload,
        },
      });

    it('same national ID, same name and birth date, and a close name in the same unit and year', async () => {
      const first = (
        await register({
          fullName: 'Sùng A Dính',
          birthDate: '1999-04-04',
          nationalId: '011099000001',
        })
      ).json<{ id: number; duplicates: unknown[] }>();
      expect(first.duplicates).toEqual([]);
      const byId = (
        await register({
          fullName: 'Sùng A Dinh',
          birthDate: '1998-01-01',
          nationalId: '011099000001',
        })
      ).json<{ duplicates: { id: number; reason: string }[] }>();
      expect(byId.duplicates).toEqual([
        expect.objectContaining({ id: first.id, reason: 'national_id' }),
      ]);
      const byName = (await register({ fullName: 'SÙNG A DÍNH', birthDate: '1999-04-04' })).json<{
        duplicates: { id: number; reason: string }[];
      }>();
      expect(byName.duplicates).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: first.id, reason: 'name_birth_date' }),
        ]),
      );
      const close = (await register({ fullName: 'Sùng A Dínhh', birthDate: '1999-11-30' })).json<{
        duplicates: { id: number; reason: string }[];
      }>();
      expect(close.duplicates).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: first.id, reason: 'close_name' })]),
      );
      const elsewhere = (
        await register({ fullName: 'Sùng A Dínhh', birthDate: '1999-11-30', unitCode: 'U-TT-B01' })
      ).json<{ duplicates: { id: number }[] }>();
      expect(elsewhere.duplicates.some((d) => d.id === first.id)).toBe(false);
    });
  });
});
