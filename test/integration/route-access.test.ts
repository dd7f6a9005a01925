import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { RegisteredRoute } from '../../src/server/http/routes.ts';
import { createDemoUsers } from '../../src/sample/demo/accounts.ts';
import { createApiToken } from '../../src/server/modules/accounts/accounts.service.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { authHeader, createUserWithToken } from '../support/auth.ts';
import { answerProblem } from '../support/contracts.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

/**
 * Every authenticated route of the OpenAPI document, checked the same way (issue 3, "Done
 * when"): anonymous → 401; a user scoped to another cell → 404, or only their own subtree in a
 * list; a viewer's write → 403; bad input → 400/422 problem+json. Requests are built from each
 * route's `example` (RegisteredRoute); routes without one get a generic check and are listed as
 * warnings, so routes added later are covered without editing this file.
 */

/** A cell far from the records the examples name (the demo's person 1 is in DBD-NH). */
const OUTSIDER_CELL = 'DBD-TD-B01';

interface OpenApiOperation {
  parameters: { name: string; in: 'query' | 'path'; schema?: Record<string, unknown> }[];
  requestBody?: unknown;
  security?: unknown[];
  'x-writes': boolean;
}

type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

interface Case {
  method: string;
  url: string;
  operation: OpenApiOperation;
  route: RegisteredRoute | undefined;
}

function fillPath(url: string, params: Record<string, string>): string {
  return url.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? '1'));
}

function withQuery(url: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${url}?${search}` : url;
}

/** Organization codes named anywhere in an answer (`organizationCode`, `code`, `organization.code`). */
function organizationCodesIn(value: unknown, known: Set<string>, found = new Set<string>()) {
  if (Array.isArray(value)) for (const item of value) organizationCodesIn(item, known, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'organizationCode' || key === 'code') && typeof inner === 'string') {
        if (known.has(inner)) found.add(inner);
      } else organizationCodesIn(inner, known, found);
    }
  }
  return found;
}

function expectProblem(response: LightMyRequestResponse, statuses: number[], label: string) {
  expect
    .soft(statuses, `${label}: got ${response.statusCode} ${response.body.slice(0, 300)}`)
    .toContain(response.statusCode);
  expect.soft(response.headers['content-type'], label).toContain('application/problem+json');
  if (String(response.headers['content-type']).includes('json'))
    expect.soft(typeof response.json<{ code: unknown }>().code, label).toBe('string');
}

describeEachDialect(
  'every authenticated route: 401 anonymous, 404 out of scope, 403 viewer write, 400 bad input',
  (dialect) => {
    let ctx: AppContext;
    let drop: () => Promise<void>;
    let app: FastifyInstance;
    let cases: Case[] = [];
    let admin: string;
    let viewer: string;
    let outsider: string;
    let allOrganizationCodes: Set<string>;
    let outsiderCodes: Set<string>;
    const warnings: string[] = [];

    beforeAll(async () => {
      ({ ctx, drop } = await scratchContext(dialect));
      await generateDemo(ctx, systemActor('test'));
      await createDemoUsers(ctx);
      // Token 1 (the examples' `/tokens/{id}`) belongs to the demo admin at DB: outside the outsider's
      // scope, and revoking it in the last test does not sign out the callers below.
      await createApiToken(ctx, systemActor('test'), { username: 'admin', name: 'example' });
      admin = (await createUserWithToken(ctx, { role: 'admin', orgCode: 'DB' })).token;
      viewer = (await createUserWithToken(ctx, { role: 'viewer', orgCode: 'DB' })).token;
      outsider = (await createUserWithToken(ctx, { role: 'admin', orgCode: OUTSIDER_CELL })).token;
      allOrganizationCodes = new Set(
        (await ctx.db.selectFrom('organizations').select('code').execute()).map((r) => r.code),
      );
      outsiderCodes = new Set(
        (
          await ctx.db
            .selectFrom('organizationClosure as c')
            .innerJoin('organizations as a', 'a.id', 'c.ancestorId')
            .innerJoin('organizations as d', 'd.id', 'c.descendantId')
            .select('d.code')
            .where('a.code', '=', OUTSIDER_CELL)
            .execute()
        ).map((r) => r.code),
      );
      let routes: RegisteredRoute[];
      ({ app, routes } = await buildApp(ctx));
      const doc = (
        await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
      ).json<OpenApiDocument>();
      for (const [url, operations] of Object.entries(doc.paths))
        for (const [method, operation] of Object.entries(operations)) {
          if (operation.security && operation.security.length === 0) continue;
          const route = routes.find((r) => r.url === url && r.method.toLowerCase() === method);
          cases.push({ method: method.toUpperCase(), url, operation, route });
          if (
            !route?.example &&
            (operation.requestBody || operation.parameters.some((p) => p.in === 'path'))
          )
            warnings.push(`${method.toUpperCase()} ${url}: no example; generic checks only`);
        }
      cases = cases.sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));
    });
    afterAll(async () => {
      if (warnings.length > 0)
        console.warn(`route access warnings [${dialect}]:\n  ${warnings.join('\n  ')}`);
      await app.close();
      await drop();
    });

    function request(
      c: Case,
      token: string | null,
      overrides: { url?: string; payload?: unknown } = {},
    ) {
      const example = c.route?.example ?? {};
      const url =
        overrides.url ?? withQuery(fillPath(c.url, example.params ?? {}), example.query ?? {});
      const payload =
        overrides.payload ?? example.body ?? (c.operation.requestBody ? {} : undefined);
      return app.inject({
        method: c.method as 'GET',
        url,
        headers: token ? authHeader(token) : {},
        ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
      });
    }

    it('the OpenAPI document lists the authenticated routes, the accounts ones among them', () => {
      const names = cases.map((c) => `${c.method} ${c.url}`);
      expect(names).toEqual(
        expect.arrayContaining([
          'GET /api/v1/session',
          'GET /api/v1/users',
          'POST /api/v1/users',
          'GET /api/v1/audit',
          'GET /api/v1/people/{id}/export',
          'GET /api/v1/members',
        ]),
      );
      expect(names).not.toContain('POST /api/v1/session');
    });

    it('anonymous callers, and callers with an unknown or malformed token, get 401 on every route', async () => {
      for (const c of cases) {
        const label = `${c.method} ${c.url}`;
        expectProblem(await request(c, null), [401], `${label} anonymous`);
        expectProblem(await request(c, 'dvt_not-a-real-token'), [401], `${label} unknown token`);
        const malformed = await app.inject({
          method: c.method as 'GET',
          url: fillPath(c.url, c.route?.example?.params ?? {}),
          headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
        });
        expectProblem(malformed, [401], `${label} malformed`);
      }
    });

    it("a viewer's write is 403 on every route that writes", async () => {
      for (const c of cases.filter((c) => c.operation['x-writes'])) {
        const label = `${c.method} ${c.url} viewer`;
        const response = await request(c, viewer);
        if (!c.route?.example && c.operation.requestBody) {
          // Without an example the body may fail validation before the role is asked.
          expectProblem(response, [400, 403, 422], label);
        } else expectProblem(response, [403], label);
      }
    });

    it('a user scoped to another cell gets 404 for records and organizations outside it, and lists hold only their subtree', async () => {
      for (const c of cases) {
        const label = `${c.method} ${c.url} outsider`;
        // A path parameter names a record (an id, a code) unless it is an enumeration (a kind of list).
        const hasPath = c.operation.parameters.some((p) => p.in === 'path' && !p.schema?.enum);
        const hasOrg = c.operation.parameters.some((p) => p.in === 'query' && p.name === 'org');
        if (hasPath) {
          expectProblem(await request(c, outsider), [404], label);
        } else if (hasOrg) {
          const example = c.route?.example ?? {};
          const url = withQuery(fillPath(c.url, example.params ?? {}), {
            ...(example.query ?? {}),
            org: 'DB',
          });
          expectProblem(await request(c, outsider, { url }), [404], `${label} org=DB`);
        } else if (c.operation['x-writes']) {
          if (c.route?.example?.body === undefined) {
            // An upload or a body-less write names no record to be out of scope (rows are checked one by one).
            warnings.push(`${c.method} ${c.url}: no example body; out-of-scope write not checked`);
            continue;
          }
          // 404 for records of another subtree; 403 for installation-wide data (holidays, settings);
          // 400 naming the field for an id in the body (answered like an id that does not exist).
          const response = await request(c, outsider);
          expectProblem(response, [400, 403, 404], label);
          if (response.statusCode === 400) {
            const fields = response
              .json<{ errors: { field: string }[] }>()
              .errors.map((e) => e.field);
            const declared = Object.keys(c.route?.references ?? {}).map((p) =>
              p.replace(/^body\./, '').replace(/\[\]/g, ''),
            );
            expect
              .soft(
                fields.some((f) => declared.includes(f.replace(/\.\d+/g, ''))),
                `${label}: 400 names no declared reference (${fields.join(', ')})`,
              )
              .toBe(true);
          }
        } else if (c.method === 'GET') {
          const response = await request(c, outsider);
          if (response.statusCode === 404) continue;
          expect
            .soft(response.statusCode, `${label}: ${response.body.slice(0, 300)}`)
            .toBeLessThan(300);
          if (response.statusCode >= 300) continue;
          expect.soft(answerProblem(c.route, response, label)).toBeNull();
          if (!String(response.headers['content-type']).includes('json')) continue;
          const named = organizationCodesIn(response.json(), allOrganizationCodes);
          const foreign = [...named].filter((code) => !outsiderCodes.has(code));
          expect.soft(foreign, `${label} names organizations outside the subtree`).toEqual([]);
        }
      }
    });

    it('bad input gets 400/422 problem+json naming the problem', async () => {
      for (const c of cases) {
        const label = `${c.method} ${c.url} bad input`;
        const example = c.route?.example ?? {};
        const path = fillPath(c.url, example.params ?? {});
        if (c.operation.requestBody) {
          const response = await request(c, admin, { url: path, payload: ['not', 'an', 'object'] });
          expectProblem(response, [400, 422], label);
          continue;
        }
        const pathParams = c.operation.parameters.filter((p) => p.in === 'path');
        if (pathParams.length > 0) {
          const bad = Object.fromEntries(pathParams.map((p) => [p.name, 'không-hợp-lệ!']));
          expectProblem(await request(c, admin, { url: fillPath(c.url, bad) }), [400, 422], label);
          continue;
        }
        const queryParams = c.operation.parameters.filter((p) => p.in === 'query');
        if (queryParams.length === 0) continue;
        let refused: LightMyRequestResponse | undefined;
        for (const param of queryParams) {
          for (const value of ['!!không-hợp-lệ!!', '-1', '2017-13-45', 'x'.repeat(1001)]) {
            const url = withQuery(path, { ...(example.query ?? {}), [param.name]: value });
            const response = await request(c, admin, { url });
            if (response.statusCode === 400 || response.statusCode === 422) {
              refused = response;
              break;
            }
          }
          if (refused) break;
        }
        if (!refused) {
          warnings.push(`${c.method} ${c.url}: no query value found that the route refuses`);
          continue;
        }
        expectProblem(refused, [400, 422], label);
        expect(refused.json<{ errors: unknown[] }>().errors.length, label).toBeGreaterThan(0);
      }
    });

    it('with a whole-installation admin every example answers without a server error, and its 2xx JSON matches the response schema the route declares', async () => {
      for (const c of cases) {
        const response = await request(c, admin);
        expect(
          response.statusCode,
          `${c.method} ${c.url}: ${response.body.slice(0, 300)}`,
        ).toBeLessThan(500);
        expect.soft(answerProblem(c.route, response)).toBeNull();
        if (response.statusCode >= 300)
          warnings.push(
            `${c.method} ${c.url}: example answers ${response.statusCode} for a whole-installation admin`,
          );
      }
    });
  },
);
