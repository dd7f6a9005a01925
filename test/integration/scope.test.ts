import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { isReferenceInScope, type ReferenceKind } from '../../src/server/access/scope.ts';
import type { Actor } from '../../src/server/access/actor.ts';
import { valuesAtPath, type RegisteredRoute } from '../../src/server/http/routes.ts';
import { Readable } from 'node:stream';
import { createCourse } from '../../src/server/modules/courses/courses.service.ts';
import { uploadScan } from '../../src/server/modules/dossier/dossier.service.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { authHeader, createUserWithToken, type TestUser } from '../support/auth.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import { fieldPaths } from '../support/schema-fields.ts';

/**
 * The scope property over the whole route list (issue 13, "Done when"): for every route and
 * every id-bearing field of its path, query and body, a value naming a record of another commune
 * answers exactly like a value naming nothing, and writes nothing. Fields are found from the
 * routes' own schemas, so a route added later is covered, and an id-like field that its route
 * declares neither as a reference nor as "not a reference" fails the first test.
 */

const TODAY = '2026-11-27';
/** The caller: an administrator of one commune (every ability but installation-wide configuration). */
const OWN = 'X-ML';
/** The next commune, whose records the caller must not reach. */
const OTHER = 'X-NS';

/** Field names that carry an id or a code. */
const ID_LIKE = /^(id|code|codes|org|username)$|(Id|Ids|Code|Codes)$/;

type Place = 'params' | 'query' | 'body';
type Values = Record<ReferenceKind, { own: string | number; other: string | number }>;

const MISSING: Record<ReferenceKind, string | number> = {
  organization: 'KHONG-CO-MA-NAY',
  unit: 'KHONG-CO-DON-VI',
  person: 987654321,
  candidate: 987654321,
  membership: 987654321,
  course: 987654321,
  file: 987654321,
  user: 987654321,
  username: 'khong.co.ai',
  token: 987654321,
  grant: 987654321,
};

/** Extra bodies for routes whose example shows only one shape of a union. */
const EXTRA_BODIES: Record<string, unknown[]> = {
  'POST /api/v1/reorganizations': [
    { on: TODAY, reason: 'thử', steps: [{ op: 'merge', codes: ['A'], intoCode: 'B' }] },
    {
      on: TODAY,
      reason: 'thử',
      steps: [
        {
          op: 'split',
          code: 'A',
          into: [
            { code: 'T-S1', childCodes: ['A'], unitCodes: ['U'] },
            { code: 'T-S2', childCodes: [], unitCodes: [] },
          ],
        },
      ],
    },
    {
      on: TODAY,
      reason: 'thử',
      steps: [
        {
          op: 'create',
          code: 'T-NEW',
          name: 'Mới',
          kind: 'cell',
          level: 'grassroots',
          parentCode: 'A',
          unitCodes: ['U'],
        },
      ],
    },
    { on: TODAY, reason: 'thử', steps: [{ op: 'dissolve', code: 'A' }] },
    { on: TODAY, reason: 'thử', steps: [{ op: 'rename', code: 'A', name: 'Tên mới' }] },
  ],
};
// The preview takes the same body and declares the same references.
EXTRA_BODIES['POST /api/v1/reorganizations/preview'] =
  EXTRA_BODIES['POST /api/v1/reorganizations'] ?? [];

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Sets every occurrence of a reference path in an input (a top-level field is created if absent). */
function setAtPath(input: Record<string, unknown>, path: string, value: unknown): number {
  const segments = path.split('.');
  const last = segments.pop() ?? '';
  const many = last.endsWith('[]');
  const key = many ? last.slice(0, -2) : last;
  const holders =
    segments.length === 0
      ? [input]
      : valuesAtPath(input, segments.join('.'))
          .map((f) => f.value)
          .filter((v): v is Record<string, unknown> => !!v && typeof v === 'object');
  // Inside arrays of objects (the steps of a reorganization) only keys the shape has are set:
  // zod drops keys that belong to another variant of a union.
  const shaped = segments.length === 0 ? holders : holders.filter((h) => key in h);
  for (const holder of shaped) holder[key] = many ? [value] : value;
  return shaped.length;
}

function comparable(response: LightMyRequestResponse) {
  if (!String(response.headers['content-type']).includes('json'))
    return { status: response.statusCode, body: { bytes: response.rawPayload.length } };
  const body = response.body ? (response.json<Record<string, unknown>>() ?? {}) : {};
  delete body.requestId;
  return { status: response.statusCode, body };
}

describeEachDialect(
  'scope of every id in every route: another commune answers like nothing',
  (dialect) => {
    let ctx: AppContext;
    let drop: () => Promise<void>;
    let app: FastifyInstance;
    let routes: RegisteredRoute[];
    let caller: TestUser;
    let values: Values;
    let actor: Actor;

    async function underToday(root: string) {
      return ctx.db
        .selectFrom('organizationClosure as c')
        .innerJoin('organizations as a', 'a.id', 'c.ancestorId')
        .innerJoin('organizations as d', 'd.id', 'c.descendantId')
        .select(['d.id', 'd.code', 'd.kind'])
        .where('a.code', '=', root)
        .where('c.validFrom', '<=', TODAY)
        .where('c.validTo', '>', TODAY)
        .where('c.depth', '>', 0)
        .orderBy('d.code')
        .execute();
    }

    async function pick(root: string) {
      const organizations = await underToday(root);
      const ids = organizations.map((o) => o.id);
      const cell = organizations.find((o) => o.kind === 'cell');
      const period = await ctx.db
        .selectFrom('memberPeriods')
        .select(['personId', 'membershipId'])
        .where('organizationId', 'in', ids)
        .where('validFrom', '<=', TODAY)
        .where('validTo', '>', TODAY)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const unit = await ctx.db
        .selectFrom('unitCoverage as uc')
        .innerJoin('units as u', 'u.id', 'uc.unitId')
        .select('u.code')
        .where('uc.organizationId', 'in', ids)
        .where('uc.validFrom', '<=', TODAY)
        .where('uc.validTo', '>', TODAY)
        .orderBy('u.code')
        .executeTakeFirstOrThrow();
      const candidate = await ctx.db
        .selectFrom('candidates')
        .select('id')
        .where('organizationId', 'in', ids)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      if (!cell) throw new Error(`no cell under ${root}`);
      const course = await createCourse(ctx, systemActor('test'), {
        organizationCode: root,
        name: `Lớp ${root}`,
        organizer: 'Trung tâm',
        startsOn: '2026-03-02',
        endsOn: '2026-03-08',
      });
      const scan = await uploadScan(ctx, systemActor('test'), candidate.id, 'application', {
        name: 'don.png',
        body: Readable.from([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')]),
      });
      const user = await createUserWithToken(ctx, { role: 'viewer', orgCode: cell.code });
      const token = await ctx.db
        .selectFrom('apiTokens')
        .select('id')
        .where('userId', '=', user.userId)
        .executeTakeFirstOrThrow();
      const grant = await ctx.db
        .selectFrom('roleGrants')
        .select('id')
        .where('userId', '=', user.userId)
        .executeTakeFirstOrThrow();
      return {
        organization: cell.code,
        unit: unit.code,
        person: period.personId,
        membership: period.membershipId,
        candidate: candidate.id,
        course: (course as { id: number }).id,
        file: scan.id,
        user: user.userId,
        username: user.username,
        token: token.id,
        grant: grant.id,
      } satisfies Record<ReferenceKind, string | number>;
    }

    /** A row count over the tables a refused request must not touch. */
    async function writes(): Promise<number[]> {
      const tables = [
        'events',
        'people',
        'candidates',
        'candidateTransitions',
        'memberPeriods',
        'memberships',
        'organizations',
        'organizationLinks',
        'unitCoverage',
        'courseParticipants',
        'candidateDocuments',
        'dossierRequests',
        'dossierFiles',
        'users',
        'apiTokens',
        'ratings',
        'plans',
      ] as const;
      return Promise.all(
        tables.map(async (t) =>
          Number(
            (
              await ctx.db
                .selectFrom(t)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    }

    /** The counts once the audit of an earlier streamed answer (written after its last byte) has landed. */
    async function settledWrites(): Promise<number[]> {
      let last = await writes();
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const now = await writes();
        if (JSON.stringify(now) === JSON.stringify(last)) return now;
        last = now;
      }
    }

    beforeAll(async () => {
      ({ ctx, drop } = await scratchContext(dialect));
      await generateDemo(ctx, systemActor('test'));
      caller = await createUserWithToken(ctx, { role: 'admin', orgCode: OWN });
      const own = await ctx.db
        .selectFrom('organizations')
        .select('id')
        .where('code', '=', OWN)
        .executeTakeFirstOrThrow();
      actor = {
        username: caller.username,
        userId: caller.userId,
        role: 'admin',
        organizationId: own.id,
      };
      const mine = await pick(OWN);
      const theirs = await pick(OTHER);
      values = Object.fromEntries(
        (Object.keys(mine) as ReferenceKind[]).map((k) => [k, { own: mine[k], other: theirs[k] }]),
      ) as Values;
      ({ app, routes } = await buildApp(ctx));
      if (process.env.SCOPE_DEBUG)
        console.log(
          'SESSION',
          (await app.inject({ url: '/api/v1/session', headers: authHeader(caller.token) })).body,
          JSON.stringify(values),
        );
    }, 180_000);
    afterAll(async () => {
      await app.close();
      await drop();
    });

    it('every id-like field of every route is declared a reference or "not a reference"', () => {
      const undeclared: string[] = [];
      for (const route of routes)
        for (const place of ['params', 'query', 'body'] as const) {
          const schema = route[place];
          if (!schema) continue;
          for (const path of fieldPaths(schema)) {
            const key = path.split('.').pop()?.replace(/\[\]$/, '') ?? '';
            const full = `${place}.${path}`;
            if (!ID_LIKE.test(key) || key === 'nationalId') continue;
            if (!(full in route.references) && !(full in route.notReferences))
              undeclared.push(`${route.method} ${route.url} ${full}`);
          }
        }
      expect(undeclared).toEqual([]);
      expect(routes.filter((r) => Object.keys(r.references).length > 0).length).toBeGreaterThan(40);
    });

    it('a record of the next commune answers exactly like a missing one, and nothing is written', async () => {
      let checked = 0;
      const notExercised: string[] = [];
      for (const route of routes) {
        const bodies = [
          route.example?.body ?? (route.body ? {} : undefined),
          ...(EXTRA_BODIES[`${route.method} ${route.url}`] ?? []),
        ];
        for (const [path, spec] of Object.entries(route.references)) {
          const kind = typeof spec === 'string' ? spec : spec.kind;
          const place = path.split('.')[0] as Place;
          const inner = path.slice(place.length + 1);
          let exercised = false;
          for (const exampleBody of bodies) {
            const base = {
              params: clone(route.example?.params ?? {}) as Record<string, unknown>,
              query: clone(route.example?.query ?? {}) as Record<string, unknown>,
              body: clone(exampleBody ?? {}) as Record<string, unknown>,
            };
            // The write takes effect today, when both communes hold what they hold now.
            if (route.effectiveOn) base.body[route.effectiveOn] = TODAY;
            // Every other reference names a record of the caller's own commune.
            for (const [otherPath, otherSpec] of Object.entries(route.references)) {
              const otherKind = typeof otherSpec === 'string' ? otherSpec : otherSpec.kind;
              const otherPlace = otherPath.split('.')[0] as Place;
              setAtPath(
                base[otherPlace],
                otherPath.slice(otherPlace.length + 1),
                values[otherKind].own,
              );
            }
            const send = (value: string | number) => {
              const request = clone(base);
              if (setAtPath(request[place], inner, value) === 0) return null;
              if (typeof spec !== 'string' && !valuesAtPath(request[place], inner).length)
                return null;
              const url =
                route.url.replace(/\{(\w+)\}/g, (_, name: string) =>
                  encodeURIComponent(
                    String((request.params[name] as string | number | undefined) ?? '1'),
                  ),
                ) +
                (Object.keys(request.query).length
                  ? `?${new URLSearchParams(request.query as Record<string, string>).toString()}`
                  : '');
              return app.inject({
                method: route.method as 'GET',
                url,
                headers: authHeader(caller.token),
                ...(route.body ? { payload: request.body } : {}),
              });
            };
            if (typeof spec !== 'string') {
              const holders = valuesAtPath(base[place], inner);
              if (holders.length === 0 || holders.every((f) => spec.unless(f.holder))) continue;
            }
            const label = `${route.method} ${route.url} ${path}`;
            const before = await settledWrites();
            const other = await send(values[kind].other);
            if (process.env.SCOPE_DEBUG && other)
              console.log(label, JSON.stringify(base), other.statusCode, other.body.slice(0, 300));
            const missing = await send(MISSING[kind]);
            if (!other || !missing) continue;
            exercised = true;
            checked += 1;
            expect.soft(comparable(other), label).toEqual(comparable(missing));
            expect
              .soft([404, 400], `${label}: ${other.body.slice(0, 200)}`)
              .toContain(other.statusCode);
            expect.soft(await writes(), `${label} wrote`).toEqual(before);
            // The caller's own record passes the same check (the test is not vacuous): reads are
            // sent (they change nothing), writes asked of the check itself.
            if (route.method === 'GET') {
              const own = await send(values[kind].own);
              if (own)
                expect
                  .soft(comparable(own), `${label}: the caller's own ${kind} is refused`)
                  .not.toEqual(comparable(missing));
            } else {
              expect
                .soft(
                  await isReferenceInScope(ctx, actor, kind, values[kind].own, {
                    purpose: 'write',
                    on: TODAY,
                  }),
                  `${label}: the caller's own ${kind} is out of scope`,
                )
                .toBe(true);
            }
          }
          if (!exercised) notExercised.push(`${route.method} ${route.url} ${path}`);
        }
      }
      expect(notExercised).toEqual([]);
      expect(checked).toBeGreaterThan(50);
    }, 300_000);
  },
);
