import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { parseInput } from '../lib/validation.ts';

/** How a route is called and described; every route goes through `defineRoute`, so the OpenAPI document lists them all. */
export interface RouteDefinition<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
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
  /** A sample valid body/query for the route tests' generated requests. */
  example?: { query?: Record<string, string>; body?: unknown; params?: Record<string, string> };
  /** Status and schema of the success answer. */
  response?: { status: number; schema?: z.ZodType };
  /** Set for routes that answer files or HTML rather than JSON. */
  raw?: boolean;
  /** A per-route request limit (@fastify/rate-limit is registered with `global: false`), e.g. sign-in. */
  rateLimit?: { max: number; timeWindow: string | number };
  handler: (input: {
    actor: Actor;
    query: z.output<Q>;
    body: z.output<B>;
    params: z.output<P>;
    request: FastifyRequest;
    reply: FastifyReply;
  }) => Promise<unknown>;
}

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
  response?: { status: number; schema?: z.ZodType };
}

/** What route modules receive. */
export interface RouteDeps {
  ctx: AppContext;
  routes: RegisteredRoute[];
  /** The actor of a request; throws 401 when there is none. */
  actorOf: (request: FastifyRequest) => Promise<Actor>;
}

const empty = z.object({}).passthrough();

/** The actor resolved by a route's onRequest hook, by request. */
const actors = new WeakMap<FastifyRequest, Actor>();

/** Registers a route with Fastify and records it for the OpenAPI document. */
export function defineRoute<
  Q extends z.ZodType = typeof empty,
  B extends z.ZodType = typeof empty,
  P extends z.ZodType = typeof empty,
>(app: FastifyInstance, deps: RouteDeps, definition: RouteDefinition<Q, B, P>): void {
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
  });
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
          : ({ username: 'anonymous', userId: null, role: 'viewer', organizationId: -1 } as Actor),
      );
    },
    handler: async (request, reply) => {
      const actor = actors.get(request);
      if (!actor) throw new Error('route handler ran without its onRequest hook');
      const query = parseInput(definition.query ?? empty, request.query ?? {}) as z.output<Q>;
      const params = parseInput(definition.params ?? empty, request.params ?? {}) as z.output<P>;
      const body = parseInput(definition.body ?? empty, request.body ?? {}) as z.output<B>;
      const result = await definition.handler({ actor, query, body, params, request, reply });
      if (definition.raw) return reply;
      reply.code(definition.response?.status ?? 200);
      return result;
    },
  });
}
