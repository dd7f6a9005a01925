import { healthAnswer, openApiDocument } from '../shared/answers.ts';
import { CONTENT_TYPES } from '../shared/content-types.ts';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyHelmet from '@fastify/helmet';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Actor } from './access/actor.ts';
import type { AppContext } from './context.ts';
import { pingDatabase } from './db/database.ts';
import { databaseFailure } from './db/failures.ts';
import { AppError } from './lib/errors.ts';
import { buildOpenApi } from './http/openapi.ts';
import { defineRoute, type RegisteredRoute, type RouteDeps } from './http/routes.ts';
import { unitAreaRoutes } from './modules/organizations/unit-areas.routes.ts';
import { organizationRoutes } from './modules/organizations/organizations.routes.ts';
import { reportRoutes } from './modules/reports/reports.routes.ts';
import { ratingRoutes } from './modules/ratings/ratings.routes.ts';
import { documentRoutes } from './modules/documents/documents.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { memberRoutes } from './modules/members/members.routes.ts';
import { accountRoutes, sessionActorOf } from './modules/accounts/accounts.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { privacyRoutes } from './modules/privacy/privacy.routes.ts';
import { planRoutes } from './modules/plans/plans.routes.ts';
import { candidateRoutes } from './modules/candidates/candidates.routes.ts';
import { dossierRoutes } from './modules/dossier/dossier.routes.ts';
import { requestLetterRoutes } from './modules/documents/request-letter.ts';
import { courseRoutes } from './modules/courses/courses.routes.ts';
import { alertRoutes } from './modules/alerts/alerts.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { regulationRoutes } from './modules/regulations/regulations.routes.ts';
import { importRoutes } from './modules/imports/imports.routes.ts';
import { duplicateRoutes } from './modules/duplicates/duplicates.routes.ts';
import { setupRoutes } from './modules/setup/setup.routes.ts';

/** Options of the HTTP app. */
export interface AppOptions {
  logLevel?: string;
  /** Resolves the caller of a request; default: session cookie or bearer token (accounts module). Tests may substitute one. */
  actorOf?: (request: FastifyRequest) => Promise<Actor>;
  /** Where the built web app lives (served at `/`). */
  webRoot?: string;
  cookieSecure?: boolean;
  /** Sign-in requests allowed per client address per window (default 10 a minute). */
  loginRateLimit?: { max: number; timeWindow: string | number };
  /** Password-change requests allowed per client address per window (default 10 a minute). */
  passwordRateLimit?: { max: number; timeWindow: string | number };
  /** The reverse proxies trusted for the client address (TRUST_PROXY); default none. */
  trustProxy?: boolean | string[];
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: { write(line: string): void };
}

/**
 * A request URL as log lines show it: every query value replaced by `[redacted]`, since queries
 * carry names, ethnicity and national IDs (search, filters); a parameter name that is not a plain
 * identifier is replaced too. The path is kept: it names only ids and organization codes.
 */
export function redactQueryValues(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      const shownName = /^[A-Za-z0-9_.[\]-]{1,40}$/.test(name) ? name : '[redacted]';
      return equals === -1 ? shownName : `${shownName}=[redacted]`;
    });
  return `${url.slice(0, start)}?${query.join('&')}`;
}

/**
 * Fastify's `req` log serializer (lib/logger-pino.js: method, url, version, host, remoteAddress,
 * remotePort) with the URL's query values redacted.
 */
function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactQueryValues(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Builds the HTTP application without listening, so tests can inject requests. */
export async function buildApp(
  ctx: AppContext,
  options: AppOptions = {},
): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const app = Fastify({
    logger:
      options.logLevel === 'silent' || !options.logLevel
        ? false
        : {
            level: options.logLevel,
            serializers: { req: requestForLog },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    // Behind a trusted reverse proxy, request.ip is the client it forwards for: the sign-in and
    // password-change limits, the lock-outs and the audit trail then see each user's address.
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // Errors the router raises before any route runs (a malformed %-escape, a path parameter
    // over the length limit, a bad content type) answer problem+json like every other refusal.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      void (reply as unknown as FastifyReply)
        .code(status)
        .header('x-request-id', request.id)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          status,
          title: 'Địa chỉ hoặc yêu cầu không hợp lệ',
          detail: 'Địa chỉ hoặc yêu cầu không hợp lệ',
          code: 'validation',
          errors: [{ field: '(url)', message: error.message.slice(0, 200) }],
          requestId: request.id,
        });
    },
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });

  // Every answer names its request, so a user's report can be matched to the log lines.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });

  app.setErrorHandler((raw, request, reply) => {
    let status: number;
    let body: Record<string, unknown>;
    const failure = databaseFailure(raw);
    if (failure) request.log.warn({ err: raw, code: failure.code }, 'database failure');
    const error = failure ?? raw;
    if (error instanceof AppError) {
      status = error.status;
      body = {
        title: error.message,
        code: error.code,
        errors: error.errors,
        ...(error.details ? { details: error.details } : {}),
      };
    } else if (
      (error as { statusCode?: number }).statusCode &&
      (error as { statusCode: number }).statusCode < 500
    ) {
      status = (error as { statusCode: number }).statusCode;
      const code =
        status === 413
          ? 'validation'
          : status === 429
            ? 'rate_limited'
            : status === 404
              ? 'not_found'
              : 'validation';
      body = {
        title:
          status === 413
            ? 'Yêu cầu quá lớn'
            : status === 429
              ? 'Quá nhiều yêu cầu; vui lòng thử lại sau'
              : 'Yêu cầu không hợp lệ',
        code,
        errors: [{ field: '(body)', message: (error as Error).message }],
      };
    } else {
      status = 500;
      request.log.error({ err: error, requestId: request.id }, 'unhandled error');
      if (!options.logLevel || options.logLevel === 'silent')
        console.error(`[${request.id}]`, error);
      body = {
        title: 'Lỗi hệ thống; vui lòng thử lại hoặc báo quản trị viên',
        code: 'internal',
        errors: [],
      };
    }
    void reply
      .code(status)
      .type('application/problem+json')
      .send({ type: `about:blank`, status, detail: body.title, requestId: request.id, ...body });
  });

  const routes: RegisteredRoute[] = [];
  const deps: RouteDeps = { ctx, routes, actorOf: options.actorOf ?? sessionActorOf(ctx) };

  defineRoute(app, deps, {
    method: 'GET',
    url: '/healthz',
    summary: 'Health: the process is up and the database answers',
    tag: 'system',
    auth: false,
    raw: true,
    contentTypes: [CONTENT_TYPES.json],
    // 200 with `ok`, 503 with `unavailable`: the status is the answer, so the route writes it.
    response: { status: 200, schema: healthAnswer },
    handler: async ({ reply }) => {
      const ok = await pingDatabase(ctx.db);
      await reply
        .code(ok ? 200 : 503)
        .send({ status: ok ? 'ok' : 'unavailable', database: ctx.dialect });
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/openapi.json',
    summary: 'This API described as OpenAPI 3.1',
    tag: 'system',
    auth: false,
    response: { status: 200, schema: openApiDocument },
    handler: () => Promise.resolve(buildOpenApi(routes)),
  });

  organizationRoutes(app, deps);
  unitAreaRoutes(app, deps);
  reportRoutes(app, deps);
  ratingRoutes(app, deps);
  documentRoutes(app, deps);
  peopleRoutes(app, deps);
  memberRoutes(app, deps);
  accountRoutes(app, deps, {
    cookieSecure: options.cookieSecure === true,
    ...(options.loginRateLimit ? { loginRateLimit: options.loginRateLimit } : {}),
    ...(options.passwordRateLimit ? { passwordRateLimit: options.passwordRateLimit } : {}),
  });
  auditRoutes(app, deps);
  privacyRoutes(app, deps);
  planRoutes(app, deps);
  // The admission pipeline: candidates, courses, alerts and the holiday calendar.
  candidateRoutes(app, deps);
  dossierRoutes(app, deps);
  requestLetterRoutes(app, deps);
  courseRoutes(app, deps);
  alertRoutes(app, deps);
  calendarRoutes(app, deps);
  regulationRoutes(app, deps);
  importRoutes(app, deps);
  duplicateRoutes(app, deps);
  setupRoutes(app, deps);

  const webRoot = options.webRoot ?? resolve(import.meta.dirname, '../../dist/web');
  const hasWeb = existsSync(resolve(webRoot, 'index.html'));
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      void reply.code(404).type('application/problem+json').send({
        type: 'about:blank',
        status: 404,
        title: 'Không tìm thấy',
        code: 'not_found',
        errors: [],
        requestId: request.id,
      });
      return;
    }
    if (hasWeb) {
      void reply.type('text/html').sendFile('index.html');
      return;
    }
    void reply.code(404).send('Not found');
  });
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    });
  }
  return { app, routes };
}
