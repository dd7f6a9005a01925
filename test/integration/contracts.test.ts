import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { RegisteredRoute } from '../../src/server/http/routes.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { REPORT_NAMES } from '../../src/shared/reports.ts';
import { TEST_PASSWORD, authHeader, createUserWithToken, signInSession } from '../support/auth.ts';
import { answerProblem } from '../support/contracts.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

/**
 * The answer contracts (issue 14): every route declares the schema of its success answer (raw
 * routes their content types), the OpenAPI document carries them, and the main read routes'
 * answers on the demo data match them. The route tests (route-access.test.ts) check every
 * route's example the same way.
 */

interface OpenApiOperation {
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

describeEachDialect(
  'answer contracts: declared, documented, and met by the demo data',
  (dialect) => {
    let ctx: AppContext;
    let drop: () => Promise<void>;
    let app: FastifyInstance;
    let routes: RegisteredRoute[];
    let admin: string;
    let adminUsername: string;

    beforeAll(async () => {
      ({ ctx, drop } = await scratchContext(dialect));
      await generateDemo(ctx, systemActor('test'));
      const user = await createUserWithToken(ctx, { role: 'admin', orgCode: 'DB' });
      admin = user.token;
      adminUsername = user.username;
      ({ app, routes } = await buildApp(ctx));
    });
    afterAll(async () => {
      await app.close();
      await drop();
    });

    /** GET with the admin's token, the answer checked against the route's schema. */
    async function getChecked(url: string, route: string = url.replace(/\?.*$/, '')) {
      const response = await app.inject({ method: 'GET', url, headers: authHeader(admin) });
      expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
      const declared = routes.find((r) => r.method === 'GET' && r.url === route);
      expect(declared, `GET ${route} is a registered route`).toBeDefined();
      expect(answerProblem(declared, response, `GET ${url}`)).toBeNull();
      return response.json<Record<string, unknown>>();
    }

    it('every JSON route declares its success status and response schema; every raw route its content types', () => {
      const missing = routes
        .filter((r) => !r.raw && !r.response?.schema)
        .map((r) => `${r.method} ${r.url}`);
      expect(missing, 'routes without a response schema').toEqual([]);
      const untyped = routes
        .filter((r) => r.raw && r.raw.contentTypes.length === 0)
        .map((r) => `${r.method} ${r.url}`);
      expect(untyped, 'raw routes without content types').toEqual([]);
      expect(routes.length).toBeGreaterThan(60);
      expect(routes.filter((r) => r.raw).map((r) => r.url)).toEqual(
        expect.arrayContaining(['/healthz', '/api/v1/audit/export', '/api/v1/reports/summary']),
      );
    });

    it('the OpenAPI document gives every route its success answer: a JSON schema, or the raw content types', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
        paths: Record<string, Record<string, OpenApiOperation>>;
      }>();
      const problems: string[] = [];
      for (const route of routes) {
        const operation = doc.paths[route.url]?.[route.method.toLowerCase()];
        const success = operation?.responses[String(route.response?.status ?? 200)];
        const content = success?.content ?? {};
        const label = `${route.method} ${route.url}`;
        if (route.raw) {
          for (const type of route.raw.contentTypes)
            if (!content[type]) problems.push(`${label}: no ${type} answer`);
        }
        if (route.response?.schema) {
          const schema = content['application/json']?.schema;
          if (!schema || Object.keys(schema).length === 0)
            problems.push(`${label}: no JSON schema of the answer`);
        }
      }
      expect(problems).toEqual([]);
      const candidates = doc.paths['/api/v1/candidates']?.get?.responses['200']?.content;
      const schema = candidates?.['application/json']?.schema as {
        type: string;
        required: string[];
        properties: { items: { type: string; items: { required: string[] } } };
      };
      expect(schema.type).toBe('object');
      expect(schema.required).toEqual(expect.arrayContaining(['items', 'total', 'byStage']));
      expect(schema.properties.items.items.required).toEqual(
        expect.arrayContaining(['id', 'fullName', 'stage', 'stageOn', 'version']),
      );
      const created = doc.paths['/api/v1/people']?.post?.responses['201']?.content;
      expect(created?.['application/json']?.schema).toBeDefined();
    });

    it('the main read routes answer the demo data as their schemas say', async () => {
      const tree = await getChecked('/api/v1/organizations?org=DB&asOf=2017-12-31');
      expect((tree.items as unknown[]).length).toBeGreaterThan(10);
      await getChecked('/api/v1/organizations/DBD', '/api/v1/organizations/{code}');
      await getChecked('/api/v1/units?org=DBD&asOf=2017-12-31', '/api/v1/units');
      const members = await getChecked(
        '/api/v1/members?org=DBD&asOf=2017-12-31&limit=200',
        '/api/v1/members',
      );
      expect(members.total).toBeGreaterThan(100);
      const people = await getChecked('/api/v1/people?q=nguyen&limit=100', '/api/v1/people');
      expect((people.items as unknown[]).length).toBeGreaterThan(0);
      await getChecked('/api/v1/candidates?org=DB&limit=200', '/api/v1/candidates');
      await getChecked('/api/v1/alerts?org=DB&asOf=2017-12-31', '/api/v1/alerts');
      await getChecked('/api/v1/plans?org=DBD&year=2017', '/api/v1/plans');
      await getChecked('/api/v1/resolutions?org=DB', '/api/v1/resolutions');
      await getChecked('/api/v1/courses', '/api/v1/courses');
      await getChecked('/api/v1/holidays', '/api/v1/holidays');
      await getChecked('/api/v1/duplicates', '/api/v1/duplicates');
      await getChecked('/api/v1/audit?limit=50', '/api/v1/audit');
      await getChecked('/api/v1/users', '/api/v1/users');
      await getChecked('/api/v1/session', '/api/v1/session');
      await getChecked('/api/v1/imports/members/columns', '/api/v1/imports/{kind}/columns');
    });

    it("a candidate's page at every stage, and the person pages of candidates and members, match their schemas", async () => {
      const perStage = await ctx.db
        .selectFrom('candidates')
        .select(['stage', sql<number>`min(id)`.as('id')])
        .groupBy('stage')
        .execute();
      expect(perStage.length).toBeGreaterThan(5);
      for (const { id } of perStage) {
        const detail = await getChecked(`/api/v1/candidates/${id}`, '/api/v1/candidates/{id}');
        await getChecked(
          `/api/v1/people/${(detail.person as { id: number }).id}`,
          '/api/v1/people/{id}',
        );
      }
      const course = await ctx.db.selectFrom('courses').select('id').limit(1).executeTakeFirst();
      if (course) await getChecked(`/api/v1/courses/${course.id}`, '/api/v1/courses/{id}');
      const member = await ctx.db
        .selectFrom('memberships')
        .select('personId')
        .limit(1)
        .executeTakeFirstOrThrow();
      await getChecked(`/api/v1/people/${member.personId}`, '/api/v1/people/{id}');
      await getChecked(`/api/v1/people/${member.personId}/export`, '/api/v1/people/{id}/export');
    });

    it('every report answers JSON matching its schema (a period, a date, a sector)', async () => {
      for (const name of REPORT_NAMES) {
        const query =
          name === 'sector'
            ? 'org=DB&sector=education&asOf=2017-12-31'
            : name === 'statistics' || name === 'pipeline' || name === 'resolution'
              ? 'org=DB&asOf=2017-12-31'
              : 'org=DB&year=2017';
        await getChecked(`/api/v1/reports/${name}?${query}`, `/api/v1/reports/${name}`);
      }
    });

    it('the public routes (health, OpenAPI, setup status, sign-in) match their schemas', async () => {
      for (const url of ['/healthz', '/api/v1/openapi.json', '/api/v1/setup']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(200);
        const route = routes.find((r) => r.method === 'GET' && r.url === url);
        expect(answerProblem(route, response)).toBeNull();
      }
      const session = await signInSession(app, adminUsername);
      expect(session.csrfToken).toBeTruthy();
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: adminUsername, password: TEST_PASSWORD },
      });
      const route = routes.find((r) => r.method === 'POST' && r.url === '/api/v1/session');
      expect(signIn.statusCode).toBe(200);
      expect(answerProblem(route, signIn)).toBeNull();
    });

    it('an answer that breaks its schema is reported naming the route and the field', () => {
      const route = routes.find((r) => r.method === 'GET' && r.url === '/api/v1/members');
      const fake = {
        statusCode: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        json: () => ({ items: [{ id: 'one' }], total: 1 }),
      } as unknown as Parameters<typeof answerProblem>[1];
      const problem = answerProblem(route, fake);
      expect(problem).toContain('GET /api/v1/members');
      expect(problem).toContain('items[0].id');
    });
  },
);
