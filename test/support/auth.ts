import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import { createApiToken, createUser } from '../../src/server/modules/accounts/accounts.service.ts';
import type { UserRole } from '../../src/shared/account-contracts.ts';

let sequence = 0;

/** The password the helpers give test users (strong enough for the policy). */
export const TEST_PASSWORD = 'Mật-khẩu-thử-nghiệm-2026';

/** A test user and an API bearer token for them. */
export interface TestUser {
  userId: number;
  username: string;
  password: string;
  token: string;
}

/**
 * Creates a user with a role over an organization (by code) and issues them an API token, so
 * HTTP tests can call `app.inject({ headers: authHeader(user.token) })`.
 */
export async function createUserWithToken(
  ctx: AppContext,
  options: { role: UserRole; orgCode: string; username?: string },
): Promise<TestUser> {
  sequence += 1;
  const username = options.username ?? `test.${options.role}.${sequence}`;
  const actor = systemActor('test');
  const user = await createUser(ctx, actor, {
    username,
    role: options.role,
    organizationCode: options.orgCode,
    password: TEST_PASSWORD,
  });
  const { token } = await createApiToken(ctx, actor, { username, name: 'test' });
  return { userId: user.id, username, password: TEST_PASSWORD, token };
}

/** The Authorization header for a bearer token. */
export function authHeader(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** POSTs to `url` as the holder of a bearer token, with a JSON body when one is given. */
export function postAs(
  app: FastifyInstance,
  url: string,
  token: string,
  payload?: Record<string, unknown>,
) {
  return app.inject({
    method: 'POST',
    url,
    headers: authHeader(token),
    ...(payload ? { payload } : {}),
  });
}

/** A signed-in browser session: its cookie header and CSRF token. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
  /** Headers for a write: the cookie and the CSRF token. */
  writeHeaders: { cookie: string; 'x-csrf-token': string };
}

/** Signs in through POST /api/v1/session and returns the session cookie and CSRF token. */
export async function signInSession(
  app: FastifyInstance,
  username: string,
  password: string = TEST_PASSWORD,
): Promise<TestSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'dangvien_session');
  if (!cookie) throw new Error('no session cookie');
  const { csrfToken } = response.json<{ csrfToken: string }>();
  const header = `dangvien_session=${cookie.value}`;
  return {
    cookie: header,
    csrfToken,
    writeHeaders: { cookie: header, 'x-csrf-token': csrfToken },
  };
}
