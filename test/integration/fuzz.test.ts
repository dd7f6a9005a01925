import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { z } from 'zod';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { RegisteredRoute } from '../../src/server/http/routes.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { authHeader, createUserWithToken } from '../support/auth.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

/**
 * A fuzz pass over EVERY route buildApp registers (issue 9), as a whole-installation admin on the
 * demo: random and oversized values, SQL and HTML injection strings, wrong types and Unicode
 * oddities (NFD, zero width, Ð, lone surrogates) in each route's query, path and body. Never a
 * 500; every refusal is problem+json with a code; and a refused write changes no row of the main
 * tables. Routes added later are fuzzed without editing this file. FUZZ_RUNS (default 24) sets
 * the requests per route.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 24);
const actor = systemActor('test');

/** Strings an attacker or a broken converter sends. */
const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE people; --",
  '" OR ""="',
  '1); select pg_sleep(3); --',
  '%27%20OR%201%3D1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  'Ðiện Biên Ðông',
  'Điện Biên Đông'.normalize('NFD'),
  'Gi\u200Bàng\u200D A\uFEFF Páo\u00AD',
  '\u0000\u0001\u001f',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Egnp.exe',
  '🙂'.repeat(64),
  'x'.repeat(70_000),
  '',
  ' ',
  '-1',
  '0',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '9'.repeat(40),
  '0x1F',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  '2017-02-30',
  '0000-00-00',
  '9999-12-31',
  '31/12/9999',
  'true',
  'null',
  '[]',
  '{}',
];

/** JSON values of the wrong type for any field. */
const WRONG_TYPES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  [],
  {},
  [1, 'a', null],
  { __proto__: { polluted: 1 }, constructor: { prototype: { polluted: 1 } } },
  { nested: { deeper: { deepest: ['<script>'] } } },
];

/** Main tables: a refused write must leave every one of them with the same number of rows. */
const MAIN_TABLES = [
  'organizations',
  'organizationLinks',
  'organizationClosure',
  'units',
  'unitCoverage',
  'people',
  'personTargetGroups',
  'memberships',
  'memberPeriods',
  'plans',
  'candidates',
  'candidateTransitions',
  'candidateMembers',
  'candidateDocuments',
  'users',
  'roleGrants',
  'apiTokens',
  'courses',
  'courseParticipants',
  'holidays',
  'ratings',
  'duplicateDismissals',
] as const;

/** Keys of a Zod object schema (unwrapping optional/default/pipe), else []. */
function keysOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  const inner = (schema as unknown as { def?: { innerType?: z.ZodType; in?: z.ZodType } }).def;
  if (inner?.innerType) return keysOf(inner.innerType);
  if (inner?.in) return keysOf(inner.in);
  return [];
}

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);
const hostileValue = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.array(hostileString, { maxLength: 5 }),
  },
);

/** A request to try on a route. */
interface Attempt {
  url: string;
  payload?: string;
  contentType?: string;
  label: string;
}

/** Percent-encodes a path segment; a lone surrogate goes out as invalid UTF-8 bytes (%ED%A0%80). */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, ''))}%ED%A0%80`;
  }
}

function fillPath(url: string, params: Record<string, string>): string {
  return url.replace(/\{(\w+)\}/g, (_, name: string) => encodeSegment(params[name] ?? '1'));
}

function withQuery(url: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${url}?${search}` : url;
}

/** Random bad requests for one route, built from its schemas and example (seeded per route). */
function attemptsFor(route: RegisteredRoute, seed: number): Attempt[] {
  const exampleParams = route.example?.params ?? {};
  const exampleQuery = route.example?.query ?? {};
  const exampleBody = (route.example?.body ?? {}) as Record<string, unknown>;
  const paramKeys = [...(route.url.match(/\{(\w+)\}/g) ?? [])].map((p) => p.slice(1, -1));
  const queryKeys = [...new Set([...keysOf(route.query), ...Object.keys(exampleQuery)])];
  const bodyKeys = [
    ...new Set([
      ...keysOf(route.body),
      ...(typeof exampleBody === 'object' && exampleBody ? Object.keys(exampleBody) : []),
    ]),
  ];
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const samples = fc.sample(
    fc.record({
      where: fc.constantFrom('param', 'query', 'body', 'whole'),
      key: fc.nat(),
      value: hostileValue,
      text: hostileString,
      all: fc.boolean(),
    }),
    { numRuns: RUNS, seed },
  );
  const attempts: Attempt[] = [];
  for (const sample of samples) {
    const params = { ...exampleParams };
    const query = { ...exampleQuery };
    let body: unknown = structuredClone(exampleBody);
    let where = sample.where;
    if (where === 'param' && paramKeys.length === 0) where = 'query';
    if (where === 'query' && queryKeys.length === 0) where = hasBody ? 'body' : 'param';
    if (where === 'body' && !hasBody) where = 'query';
    if (where === 'param' && paramKeys.length > 0) {
      const key = paramKeys[sample.key % paramKeys.length] ?? 'id';
      params[key] = sample.text;
    } else if (where === 'query') {
      const keys = sample.all ? queryKeys : [queryKeys[sample.key % queryKeys.length] ?? 'q'];
      for (const key of keys) query[key] = sample.text.slice(0, 4000);
    } else if (where === 'body' && bodyKeys.length > 0 && body && typeof body === 'object') {
      const keys = sample.all ? bodyKeys : [bodyKeys[sample.key % bodyKeys.length] ?? 'x'];
      for (const key of keys) (body as Record<string, unknown>)[key] = sample.value;
    } else if (hasBody) body = sample.value;
    else query[queryKeys[0] ?? 'q'] = sample.text.slice(0, 4000);
    attempts.push({
      url: withQuery(fillPath(route.url, params), query),
      ...(hasBody
        ? { payload: JSON.stringify(body ?? null), contentType: 'application/json' }
        : {}),
      label: `${where} ${JSON.stringify(sample.all ? 'all' : sample.key)}`,
    });
  }
  if (hasBody) {
    attempts.push(
      {
        url: fillPath(route.url, exampleParams),
        payload: '{"unterminated": ',
        contentType: 'application/json',
        label: 'broken JSON',
      },
      {
        url: fillPath(route.url, exampleParams),
        payload: `"${'x'.repeat(1_100_000)}"`,
        contentType: 'application/json',
        label: 'oversized body',
      },
      {
        url: fillPath(route.url, exampleParams),
        payload: `${'['.repeat(5000)}${']'.repeat(5000)}`,
        contentType: 'application/json',
        label: 'deep nesting',
      },
      {
        url: fillPath(route.url, exampleParams),
        payload: '<xml/>',
        contentType: 'application/xml',
        label: 'wrong content type',
      },
    );
  }
  attempts.push({
    url: withQuery(fillPath(route.url, exampleParams), {
      ...exampleQuery,
      unknown: "'; DROP TABLE people; --",
    }),
    ...(hasBody ? { payload: JSON.stringify(exampleBody), contentType: 'application/json' } : {}),
    label: 'unknown query parameter',
  });
  return attempts;
}

describeEachDialect('fuzz: every route with hostile input', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await generateDemo(ctx, actor);
    ({ app, routes } = await buildApp(ctx));
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of MAIN_TABLES) {
      const row = await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  }

  function expectCleanRefusal(response: LightMyRequestResponse, label: string) {
    expect(response.statusCode, `${label}: ${response.body.slice(0, 400)}`).toBeLessThan(500);
    if (response.statusCode >= 400) {
      expect.soft(response.headers['content-type'], label).toContain('application/problem+json');
      const problem = JSON.parse(response.body) as { code?: unknown; requestId?: unknown };
      expect.soft(typeof problem.code, label).toBe('string');
      expect.soft(typeof problem.requestId, label).toBe('string');
    }
  }

  it('never answers 500, refuses as problem+json, and a refused write changes no row', async () => {
    let requests = 0;
    let refusedWrites = 0;
    for (const [index, route] of routes.entries()) {
      // A fresh administrator per route: a fuzzed sign-out or token revocation only ends its own.
      const admin = await createUserWithToken(ctx, { role: 'admin', orgCode: 'DB' });
      for (const attempt of attemptsFor(route, 1000 + index)) {
        const label = `${route.method} ${route.url} [${attempt.label}] ${attempt.url.slice(0, 160)}`;
        const before = route.writes ? await counts() : null;
        const response = await app.inject({
          method: route.method as 'GET',
          url: attempt.url,
          headers: {
            ...authHeader(admin.token),
            ...(attempt.contentType ? { 'content-type': attempt.contentType } : {}),
          },
          ...(attempt.payload !== undefined ? { payload: attempt.payload } : {}),
        });
        requests += 1;
        expectCleanRefusal(response, label);
        if (before && response.statusCode >= 400) {
          refusedWrites += 1;
          expect(await counts(), `${label}: rows changed on a ${response.statusCode}`).toEqual(
            before,
          );
        }
      }
    }
    expect(requests).toBeGreaterThan(routes.length * RUNS);
    expect(refusedWrites).toBeGreaterThan(0);
  });

  it('stores HTML and Unicode oddities as data and returns them as JSON, never as markup', async () => {
    const admin = await createUserWithToken(ctx, { role: 'admin', orgCode: 'DB' });
    const headers = authHeader(admin.token);
    const unit = await ctx.db
      .selectFrom('units')
      .select('code')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const names = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      `Ðặng Thị\u200B Hoà${'\u0301'}`.normalize('NFD'),
    ];
    for (const fullName of names) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers,
        payload: {
          fullName,
          gender: 'female',
          birthDate: '1990-01-01',
          ethnicity: 'Kinh',
          unitCode: unit.code,
          educationLevel: 'upper_secondary',
          targetGroups: [],
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { id, fullName: stored } = created.json<{ id: number; fullName: string }>();
      expect(stored).toBe(stored.normalize('NFC'));
      expect(stored).not.toMatch(/[\u200B\u00D0]/);
      const read = await app.inject({ method: 'GET', url: `/api/v1/people/${id}`, headers });
      expect(read.statusCode).toBe(200);
      expect(read.headers['content-type']).toContain('application/json');
      expect(read.headers['x-content-type-options']).toBe('nosniff');
      expect(String(read.headers['content-security-policy'])).toContain("script-src 'self'");
      expect(read.json<{ fullName: string }>().fullName).toBe(stored);
      if (fullName.startsWith('<')) expect(stored).toBe(fullName);
      const found = await app.inject({
        method: 'GET',
        url: `/api/v1/people?q=${encodeURIComponent(fullName.slice(0, 30))}`,
        headers,
      });
      expect(found.statusCode).toBe(200);
    }
  });
});
