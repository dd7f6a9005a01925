import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import { assertCan, can, type Ability } from '../access/access.ts';
import { assertReferenceInScope, type ReferenceKind } from '../access/scope.ts';
import type { AppContext } from '../context.ts';
import { parseInput } from '../lib/validation.ts';

/** How a route is called and described; every route goes through `defineRoute`, so the OpenAPI document lists them all. */
interface RouteCommon<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  tag: string;
  /** false only for routes anyone may call (health, OpenAPI, sign-in). */
  auth?: boolean;
  /** True for routes that change data (for the access tests: a viewer gets 403). */
  writes?: boolean;
  query?: Q;
  body?: B;
  params?: P;
  /**
   * Every id or code the route is given that names an existing record, by path (`params.id`,
   * `query.org`, `body.personId`, `body.helperMemberIds[]`, `body.steps[].toParentCode`), with
   * what it names. Each is resolved through the caller's scope before the handler runs
   * (`access/scope.ts`); the scope test fails for an id-like field declared in neither list.
   */
  references?: Record<string, ReferenceSpec>;
  /** Id-like fields that name no existing record (a new organization's code), each with why. */
  notReferences?: Record<string, string>;
  /** The body field (dotted path) holding the date a write takes effect on (its organizations are checked then too). */
  effectiveOn?: string;
  /** A sample valid body/query for the route tests' generated requests. */
  example?: { query?: Record<string, string>; body?: unknown; params?: Record<string, string> };
  /** A per-route request limit (@fastify/rate-limit is registered with `global: false`), e.g. sign-in. */
  rateLimit?: { max: number; timeWindow: string | number };
}

/** What a handler is given. */
export interface HandlerInput<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
  actor: Actor;
  query: z.output<Q>;
  body: z.output<B>;
  params: z.output<P>;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * A JSON route: its success status and the zod schema of its answer (defined in src/shared, the
 * web app's types are inferred from it). The handler must return what the schema describes;
 * the route tests parse every 2xx answer with it, the OpenAPI document lists it. Answers are not
 * parsed or stripped at run time: the schema is a contract checked by the compiler and the tests.
 */
export interface JsonRoute<
  Q extends z.ZodType,
  B extends z.ZodType,
  P extends z.ZodType,
  S extends z.ZodType,
> extends RouteCommon<Q, B, P> {
  raw?: false;
  response: { status: number; schema: S };
  handler: (input: HandlerInput<Q, B, P>) => Promise<z.input<S>>;
}

/**
 * A route that answers a file or HTML itself through `reply` (a download, the health page):
 * it names its content types; a JSON variant of its answer (a report's `format=json`) may have
 * a schema too.
 */
export interface RawRoute<
  Q extends z.ZodType,
  B extends z.ZodType,
  P extends z.ZodType,
> extends RouteCommon<Q, B, P> {
  raw: true;
  /** The content types it answers with (`application/vnd.openxmlformats-…`, `text/html`). */
  contentTypes: readonly string[];
  response?: { status: number; schema?: z.ZodType };
  handler: (input: HandlerInput<Q, B, P>) => Promise<unknown>;
}

/** A route definition: a JSON route with its response schema, or a raw route with its content types. */
export type RouteDefinition<
  Q extends z.ZodType,
  B extends z.ZodType,
  P extends z.ZodType,
  S extends z.ZodType = z.ZodType,
> = JsonRoute<Q, B, P, S> | RawRoute<Q, B, P>;

/** A registered route as the OpenAPI builder and the route tests see it. */
export interface RegisteredRoute {
  method: string;
  url: string;
  summary: string;
  tag: string;
  auth: boolean;
  writes: boolean;
  query?: z.ZodType;
  body?: z.ZodType;
  params?: z.ZodType;
  example?: { query?: Record<string, string>; body?: unknown; params?: Record<string, string> };
  /** The success status and the schema of the JSON answer (required for routes that are not raw). */
  response?: { status: number; schema?: z.ZodType };
  /** For raw routes: the content types they answer with. */
  raw?: { contentTypes: readonly string[] };
  references: Record<string, ReferenceSpec>;
  notReferences: Record<string, string>;
  effectiveOn?: string;
}

/** What a referenced field names; `unless` skips holders where the field names no record. */
export type ReferenceSpec =
  ReferenceKind | { kind: ReferenceKind; unless: (holder: Record<string, unknown>) => boolean };

/** One value found at a reference path, with its dotted field name (`steps.0.code`). */
export interface FoundReference {
  value: unknown;
  holder: Record<string, unknown>;
  field: string;
}

/** The values at a reference path (`steps[].into[].childCodes[]`) of an input object. */
export function valuesAtPath(input: unknown, path: string): FoundReference[] {
  let found: FoundReference[] = [{ value: input, holder: {}, field: '' }];
  for (const segment of path.split('.')) {
    const many = segment.endsWith('[]');
    const key = many ? segment.slice(0, -2) : segment;
    const next: FoundReference[] = [];
    for (const f of found) {
      if (!f.value || typeof f.value !== 'object') continue;
      const holder = f.value as Record<string, unknown>;
      const inner = holder[key];
      const field = f.field ? `${f.field}.${key}` : key;
      if (inner === undefined || inner === null) continue;
      if (many) {
        if (Array.isArray(inner))
          inner.forEach((value: unknown, index) =>
            next.push({ value, holder, field: `${field}.${index}` }),
          );
      } else next.push({ value: inner, holder, field });
    }
    found = next;
  }
  return found;
}

/** What route modules receive. */
export interface RouteDeps {
  ctx: AppContext;
  routes: RegisteredRoute[];
  /** The actor of a request; throws 401 when there is none. */
  actorOf: (request: FastifyRequest) => Promise<Actor>;
}

const empty = z.object({}).passthrough();

/** Abilities that change data; a role with none of them (a viewer) is refused every write. */
const WRITING_ABILITIES: Ability[] = ['write', 'train', 'reorganize', 'manageUsers', 'configure'];

/** The actor resolved by a route's onRequest hook, by request. */
const actors = new WeakMap<FastifyRequest, Actor>();

/** The caller of a request once its route's onRequest hook has run (for a plugin's later hooks). */
export function requestActor(request: FastifyRequest): Actor | undefined {
  return actors.get(request);
}

/**
 * Resolves every declared reference of a request through the caller's scope, in the order path,
 * query, body; the first one outside (or missing) answers like a missing record.
 */
async function resolveReferences(
  ctx: AppContext,
  actor: Actor,
  references: Record<string, ReferenceSpec>,
  input: {
    params: unknown;
    query: unknown;
    body: unknown;
    writes: boolean;
    effectiveOn: string | undefined;
  },
): Promise<void> {
  const query = (input.query ?? {}) as Record<string, unknown>;
  const body = (input.body ?? {}) as Record<string, unknown>;
  const yearEnd = typeof query.year === 'number' ? `${query.year}-12-31` : undefined;
  const asOf = [query.asOf, query.to, yearEnd].find((d): d is string => typeof d === 'string');
  const on = input.effectiveOn ? valuesAtPath(body, input.effectiveOn)[0]?.value : undefined;
  const check = input.writes
    ? { purpose: 'write' as const, on: typeof on === 'string' ? on : undefined }
    : { purpose: 'read' as const, asOf };
  const places = ['params', 'query', 'body'] as const;
  for (const place of places)
    for (const [path, spec] of Object.entries(references)) {
      if (!path.startsWith(`${place}.`)) continue;
      const kind = typeof spec === 'string' ? spec : spec.kind;
      for (const found of valuesAtPath(input[place], path.slice(place.length + 1))) {
        if (typeof spec !== 'string' && spec.unless(found.holder)) continue;
        if (typeof found.value !== 'string' && typeof found.value !== 'number') continue;
        await assertReferenceInScope(
          ctx,
          actor,
          { kind, value: found.value, place, field: found.field },
          check,
        );
      }
    }
}

/** Registers a route with Fastify and records it for the OpenAPI document. */
export function defineRoute<
  Q extends z.ZodType = typeof empty,
  B extends z.ZodType = typeof empty,
  P extends z.ZodType = typeof empty,
  S extends z.ZodType = z.ZodType,
>(app: FastifyInstance, deps: RouteDeps, definition: RouteDefinition<Q, B, P, S>): void {
  const auth = definition.auth !== false;
  deps.routes.push({
    method: definition.method,
    url: definition.url,
    summary: definition.summary,
    tag: definition.tag,
    auth,
    writes: definition.writes ?? definition.method !== 'GET',
    ...(definition.query ? { query: definition.query } : {}),
    ...(definition.body ? { body: definition.body } : {}),
    ...(definition.params ? { params: definition.params } : {}),
    ...(definition.example ? { example: definition.example } : {}),
    ...(definition.response ? { response: definition.response } : {}),
    ...(definition.raw ? { raw: { contentTypes: definition.contentTypes } } : {}),
    references: definition.references ?? {},
    notReferences: definition.notReferences ?? {},
    ...(definition.effectiveOn ? { effectiveOn: definition.effectiveOn } : {}),
  });
  const writes = definition.writes ?? definition.method !== 'GET';
  app.route({
    method: definition.method,
    url: definition.url.replace(/\{(\w+)\}/g, ':$1'),
    ...(definition.rateLimit ? { config: { rateLimit: definition.rateLimit } } : {}),
    // The caller is resolved (session or token, and the CSRF token on writes) when the request
    // line and headers have arrived, before any byte of the body is read: an anonymous 50 MB
    // upload is refused with 401 without being buffered.
    onRequest: async (request) => {
      actors.set(
        request,
        auth
          ? await deps.actorOf(request)
          : { username: 'anonymous', userId: null, role: 'viewer', organizationId: -1 },
      );
    },
    handler: async (request, reply) => {
      const actor = actors.get(request);
      if (!actor) throw new Error('route handler ran without its onRequest hook');
      const query = parseInput(definition.query ?? empty, request.query ?? {}) as z.output<Q>;
      const params = parseInput(definition.params ?? empty, request.params ?? {}) as z.output<P>;
      const body = parseInput(definition.body ?? empty, request.body ?? {}) as z.output<B>;
      // A role that may change nothing is refused a write before any id is looked up.
      if (writes && auth && !WRITING_ABILITIES.some((ability) => can(actor, ability)))
        assertCan(actor, 'write');
      if (definition.references)
        await resolveReferences(deps.ctx, actor, definition.references, {
          params,
          query,
          body,
          writes,
          effectiveOn: definition.effectiveOn,
        });
      const result = await definition.handler({ actor, query, body, params, request, reply });
      if (definition.raw) return reply;
      reply.code(definition.response?.status ?? 200);
      return result;
    },
  });
}
