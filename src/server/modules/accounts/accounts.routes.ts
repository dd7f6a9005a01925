import {
  apiTokenCreated,
  apiTokenRevoked,
  apiTokensAnswer,
  grantsAnswer,
  passwordChangedAnswer,
  passwordResetAnswer,
  publicUser,
  revokedAnswer,
  sessionInfo,
  signedOutAnswer,
  userDetail,
  usersAnswer,
} from '../../../shared/answers.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../access/actor.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import {
  changePasswordInput,
  createTokenInput,
  createUserInput,
  endGrantInput,
  grantRoleInput,
  resetPasswordInput,
  signInInput,
  updateUserInput,
} from '../../../shared/account-contracts.ts';
import {
  endGrant,
  grantRoleFrom,
  resetPassword,
  revokeUserSessions,
} from './user-admin.service.ts';
import {
  authenticate,
  changePassword,
  createApiToken,
  createUser,
  getUser,
  listApiTokens,
  listUsers,
  revokeAllSessions,
  revokeApiTokenById,
  signIn,
  signOut,
  updateUser,
  whoAmI,
} from './accounts.service.ts';
import { ACCOUNT_POLICY, CSRF_HEADER, SESSION_COOKIE } from './accounts.rules.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a session whose password an administrator reset may still do: see itself, leave, change it. */
const OPEN_UNTIL_PASSWORD_CHANGED = new Set([
  'GET /api/v1/session',
  'DELETE /api/v1/session',
  'POST /api/v1/session/revoke-all',
  'POST /api/v1/account/password',
]);

function header(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

/**
 * The actor of an HTTP request, from `Authorization: Bearer TOKEN` or the session cookie (with
 * the `X-CSRF-Token` header on writes); 401 when neither authenticates.
 */
export function sessionActorOf(ctx: AppContext): (request: FastifyRequest) => Promise<Actor> {
  return async (request) => {
    const authorization = header(request, 'authorization');
    const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
    const actor = await authenticate(ctx, {
      // A malformed Authorization header must not fall back to the cookie.
      bearer: authorization !== null ? (bearer ?? '-') : null,
      sessionToken: request.cookies[SESSION_COOKIE] ?? null,
      unsafeMethod: !SAFE_METHODS.has(request.method),
      csrfToken: header(request, CSRF_HEADER),
      ip: request.ip,
      requestId: request.id,
    });
    if (
      actor.mustChangePassword === true &&
      !OPEN_UNTIL_PASSWORD_CHANGED.has(`${request.method} ${request.routeOptions.url ?? ''}`)
    )
      throw new AppError(
        'forbidden',
        'Mật khẩu của bạn vừa được quản trị viên đặt lại; hãy đổi mật khẩu trước khi tiếp tục',
        [],
        { reason: 'password_change_required', messageEn: 'Change your password first' },
      );
    return actor;
  };
}

/** Options of the account routes. */
export interface AccountRouteOptions {
  /** Mark the session cookie `Secure` (COOKIE_SECURE=true, behind HTTPS). */
  cookieSecure?: boolean;
  /** Sign-in requests per client address per window. */
  loginRateLimit?: { max: number; timeWindow: string | number };
  /** Password-change requests per client address per window. */
  passwordRateLimit?: { max: number; timeWindow: string | number };
}

const idParams = z.object({ id: z.coerce.number().int().positive() });
const grantParams = z.object({
  id: z.coerce.number().int().positive(),
  grantId: z.coerce.number().int().positive(),
});

/** Sessions (sign-in, who am I, sign-out, sign-out everywhere), password change, users and API tokens. */
export function accountRoutes(
  app: FastifyInstance,
  deps: RouteDeps,
  options: AccountRouteOptions = {},
): void {
  const { ctx } = deps;
  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.cookieSecure === true,
    });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/session',
    notReferences: { 'body.username': 'the name being signed in; answered like a wrong password' },
    summary:
      'Sign in with a username and password; sets the session cookie, returns the CSRF token',
    tag: 'accounts',
    auth: false,
    writes: false,
    body: signInInput,
    rateLimit: options.loginRateLimit ?? {
      max: ACCOUNT_POLICY.loginRateLimitMax,
      timeWindow: ACCOUNT_POLICY.loginRateLimitWindow,
    },
    response: { status: 200, schema: sessionInfo },
    handler: async ({ body, request, reply }) => {
      const { sessionToken, ...info } = await signIn(ctx, body, {
        ip: request.ip,
        userAgent: header(request, 'user-agent'),
        requestId: request.id,
      });
      void reply.setCookie(SESSION_COOKIE, sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.cookieSecure === true,
        maxAge: ACCOUNT_POLICY.sessionAbsoluteHours * 3600,
      });
      return info;
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/session',
    summary: 'Who is signed in, the CSRF token of the session and the abilities the UI may offer',
    tag: 'accounts',
    response: { status: 200, schema: sessionInfo },
    handler: ({ actor }) => whoAmI(ctx, actor),
  });
  // Self-service routes are not "writes" for the access tests: every role may end its own session.
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/session',
    summary: 'Sign out: end this session',
    tag: 'accounts',
    writes: false,
    response: { status: 200, schema: signedOutAnswer },
    handler: async ({ actor, reply }) => {
      await signOut(ctx, actor);
      clearCookie(reply);
      return { signedOut: true };
    },
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/session/revoke-all',
    summary: 'Sign out everywhere: end every session of the caller',
    tag: 'accounts',
    writes: false,
    response: { status: 200, schema: revokedAnswer },
    handler: async ({ actor, reply }) => {
      const result = await revokeAllSessions(ctx, actor);
      clearCookie(reply);
      return result;
    },
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/account/password',
    summary:
      "Change the caller's password; their other sessions end, and their API tokens unless revokeTokens is false",
    tag: 'accounts',
    writes: false,
    body: changePasswordInput,
    rateLimit: options.passwordRateLimit ?? {
      max: ACCOUNT_POLICY.passwordRateLimitMax,
      timeWindow: ACCOUNT_POLICY.passwordRateLimitWindow,
    },
    response: { status: 200, schema: passwordChangedAnswer },
    handler: ({ actor, body }) => changePassword(ctx, actor, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/users',
    summary: "Users of the caller's subtree (admins)",
    tag: 'accounts',
    response: { status: 200, schema: usersAnswer },
    handler: ({ actor }) => listUsers(ctx, actor),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/users/{id}',
    references: { 'params.id': 'user' },
    summary: 'One user with their dated role grants (admins of the subtree)',
    tag: 'accounts',
    params: idParams,
    example: { params: { id: '1' } },
    response: { status: 200, schema: userDetail },
    handler: ({ actor, params }) => getUser(ctx, actor, params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/users',
    references: { 'body.organizationCode': 'organization' },
    notReferences: { 'body.username': 'the name of the user being created' },
    summary: 'Create a user with a role over an organization of the subtree (admins)',
    tag: 'accounts',
    body: createUserInput,
    example: {
      body: {
        username: 'example.user',
        role: 'viewer',
        organizationCode: 'X-DBD',
        password: 'Một-mật-khẩu-dài-2026',
      },
    },
    response: { status: 201, schema: publicUser },
    handler: ({ actor, body }) => createUser(ctx, actor, body),
  });
  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/users/{id}',
    references: { 'params.id': 'user', 'body.organizationCode': 'organization' },
    summary: 'Change a user’s role or organization (a new dated grant) or disable them (admins)',
    tag: 'accounts',
    params: idParams,
    body: updateUserInput,
    example: { params: { id: '1' }, body: { displayName: 'Quản trị tỉnh' } },
    response: { status: 200, schema: publicUser },
    handler: ({ actor, params, body }) => updateUser(ctx, actor, params.id, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/users/{id}/password',
    references: { 'params.id': 'user' },
    summary:
      'Set a new password for another user (admins of the subtree); their sessions and API tokens end and they choose their own at the next sign-in',
    tag: 'accounts',
    params: idParams,
    body: resetPasswordInput,
    example: { params: { id: '1' }, body: { newPassword: 'Mật-khẩu-mới-tạm-2026' } },
    rateLimit: options.passwordRateLimit ?? {
      max: ACCOUNT_POLICY.passwordRateLimitMax,
      timeWindow: ACCOUNT_POLICY.passwordRateLimitWindow,
    },
    response: { status: 200, schema: passwordResetAnswer },
    handler: ({ actor, params, body }) => resetPassword(ctx, actor, params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/users/{id}/sessions/revoke',
    references: { 'params.id': 'user' },
    summary: 'Sign a user out everywhere: end every session of theirs (admins of the subtree)',
    tag: 'accounts',
    params: idParams,
    example: { params: { id: '1' } },
    response: { status: 200, schema: revokedAnswer },
    handler: ({ actor, params }) => revokeUserSessions(ctx, actor, params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/users/{id}/grants',
    references: { 'params.id': 'user', 'body.organizationCode': 'organization' },
    effectiveOn: 'validFrom',
    summary:
      "Grant a user a role over an organization's subtree from a day (today or later); the grant in force that day ends on it (admins)",
    tag: 'accounts',
    params: idParams,
    body: grantRoleInput,
    example: {
      params: { id: '1' },
      body: { role: 'viewer', organizationCode: 'DB', validFrom: '2099-01-01' },
    },
    response: { status: 201, schema: grantsAnswer },
    handler: ({ actor, params, body }) => grantRoleFrom(ctx, actor, params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/users/{id}/grants/{grantId}/end',
    references: { 'params.id': 'user', 'params.grantId': 'grant' },
    effectiveOn: 'on',
    summary:
      'End a role grant from a day (today or later); the grant is kept with its end (admins)',
    tag: 'accounts',
    params: grantParams,
    body: endGrantInput,
    example: { params: { id: '1', grantId: '1' }, body: { on: '2099-01-01', reason: 'nghỉ hưu' } },
    response: { status: 200, schema: grantsAnswer },
    handler: ({ actor, params, body }) => endGrant(ctx, actor, params.id, params.grantId, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/tokens',
    summary: "API tokens of the subtree's users (admins); never the token itself",
    tag: 'accounts',
    response: { status: 200, schema: apiTokensAnswer },
    handler: ({ actor }) => listApiTokens(ctx, actor),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/tokens',
    references: { 'body.username': 'username' },
    summary: 'Issue an API bearer token for a user of the subtree (admins); shown once',
    tag: 'accounts',
    body: createTokenInput,
    example: { body: { username: 'admin', name: 'báo cáo hằng tháng' } },
    response: { status: 201, schema: apiTokenCreated },
    handler: ({ actor, body }) => createApiToken(ctx, actor, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/tokens/{id}',
    references: { 'params.id': 'token' },
    summary: 'Revoke an API token (admins of the subtree); it stops working at once',
    tag: 'accounts',
    params: idParams,
    example: { params: { id: '1' } },
    response: { status: 200, schema: apiTokenRevoked },
    handler: ({ actor, params }) => revokeApiTokenById(ctx, actor, params.id),
  });
}
