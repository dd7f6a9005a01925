import type { FastifyInstance } from 'fastify';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import {
  setupInput,
  setupResult,
  setupStatus as setupStatusAnswer,
} from '../../../shared/setup-contracts.ts';
import { ACCOUNT_POLICY } from '../accounts/accounts.rules.ts';
import { initialise, setupStatus } from './setup.service.ts';

/** Options of the first-run routes. */
export interface SetupRouteOptions {
  /** First-run requests per client address per window (default: the sign-in limit). */
  rateLimit?: { max: number; timeWindow: string | number };
}

/**
 * The first run from the web app: anonymous, since an empty installation has no user yet. GET
 * says only whether the installation is initialised; POST works only while it is not.
 */
export function setupRoutes(
  app: FastifyInstance,
  deps: RouteDeps,
  options: SetupRouteOptions = {},
): void {
  const { ctx } = deps;
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/setup',
    summary: 'Whether the installation has its top organization yet (anonymous; nothing else)',
    tag: 'setup',
    auth: false,
    response: { status: 200, schema: setupStatusAnswer },
    handler: () => setupStatus(ctx),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/setup',
    notReferences: {
      'body.code': 'the code of the top organization being created',
      'body.username': 'the username of the first administrator being created',
    },
    effectiveOn: 'establishedOn',
    summary:
      'First run of an empty installation: the top organization, the first administrator and the place line of documents (anonymous; 409 once any organization exists)',
    tag: 'setup',
    auth: false,
    body: setupInput,
    example: {
      body: {
        code: 'DB',
        name: 'Đảng bộ tỉnh Điện Biên',
        level: 'top',
        establishedOn: '2026-01-01',
        place: 'Điện Biên',
        username: 'quantri',
        password: 'Một-mật-khẩu-dài-2026',
      },
    },
    rateLimit: options.rateLimit ?? {
      max: ACCOUNT_POLICY.loginRateLimitMax,
      timeWindow: ACCOUNT_POLICY.loginRateLimitWindow,
    },
    response: { status: 201, schema: setupResult },
    handler: ({ body, request }) =>
      // Nobody is signed in on an empty installation: the first run acts over all of it, and
      // the service refuses as soon as an organization exists.
      initialise(
        ctx,
        {
          username: 'first-run',
          userId: null,
          role: 'system',
          organizationId: null,
          ip: request.ip,
          requestId: request.id,
        },
        body,
      ),
  });
}
