import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { generateDemo } from '../../src/server/modules/demo/demo.generator.ts';
import { summaryReport } from '../../src/server/modules/reports/reports.service.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

const actor = systemActor('test');

describeEachDialect('HTTP: health, OpenAPI, reports, problem+json', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await generateDemo(ctx, actor);
    ({ app } = await buildApp(ctx, { actorOf: () => Promise.resolve(actor) }));
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('/healthz answers when the database does', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: dialect });
  });

  it('/api/v1/openapi.json lists the report routes with their query parameters', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
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
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/summary?org=DBD&year=2017',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(await summaryReport(ctx, actor, { org: 'DBD', year: 2017 }));
  });

  it('bad input is problem+json naming the field', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/statistics?asOf=2017-13-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'validation', errors: [{ field: 'asOf' }] });
  });

  it('an unknown organization is 404 problem+json', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/reports/summary?org=NOPE' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });

  it('organizations as of a date follow the 2025 reorganization', async () => {
    const before = (
      await app.inject({ method: 'GET', url: '/api/v1/organizations?asOf=2025-06-30' })
    ).json<{ items: { code: string; parentCode: string | null }[] }>();
    const after = (
      await app.inject({ method: 'GET', url: '/api/v1/organizations?asOf=2025-07-01' })
    ).json<{ items: { code: string; parentCode: string | null }[] }>();
    expect(before.items.some((o) => o.code === 'DBD')).toBe(true);
    expect(after.items.some((o) => o.code === 'DBD')).toBe(false);
    expect(after.items.filter((o) => o.parentCode === 'DB')).toHaveLength(6);
  });

  it('people search is accent-insensitive and folds Ð/Đ', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/people?q=giang%20a%20pao' });
    const body = response.json<{ items: { fullName: string }[]; total: number }>();
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((p) => p.fullName.startsWith('Giàng A Páo'))).toBe(true);
    const created = await app.inject({
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
      await app.inject({ method: 'GET', url: '/api/v1/people?q=dinh%20van%20dat' })
    ).json<{ total: number }>();
    expect(found.total).toBe(1);
  });

  it('a person with a wrong national ID is refused with the field named', async () => {
    const response = await app.inject({
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
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/members?org=DBD&asOf=2017-12-31&limit=500',
    });
    const body = response.json<{ items: { fullName: string; status: string }[]; total: number }>();
    expect(body.total).toBe(3040);
    const given = body.items.map((m) => m.fullName.split(' ').at(-1) ?? '');
    expect(given[0]?.startsWith('A') || given[0]?.startsWith('Á')).toBe(true);
  });
});
