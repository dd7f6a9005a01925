import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/server/context.ts';
import {
  authHeader,
  createUserWithToken,
  postAs,
  signInSession,
  type TestUser,
} from '../support/auth.ts';
import { movableClock } from '../support/clock.ts';
import { signInDemo } from '../support/demo.ts';
import { describeEachDialect } from '../support/dialects.ts';

/**
 * Findings of the hostile review of issue 15 (users administration, person history, setup):
 * each test failed before its fix.
 */

const fixedClock = movableClock('2026-12-07T03:00:00.000Z').clock;

describeEachDialect('review findings of issue 15', (dialect) => {
  let ctx: AppContext;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  /** Admin of the province DB (the whole demo tree). */
  let provinceAdmin: TestUser;
  /** Admin of commune X-ML, under DB. */
  let communeAdmin: TestUser;

  beforeAll(async () => {
    ({ ctx, app, close } = await signInDemo(dialect, fixedClock));
    provinceAdmin = await createUserWithToken(ctx, { role: 'admin', orgCode: 'DB' });
    communeAdmin = await createUserWithToken(ctx, { role: 'admin', orgCode: 'X-ML' });
  }, 180_000);
  afterAll(async () => close());

  const post = (url: string, token: string, payload?: Record<string, unknown>) =>
    postAs(app, url, token, payload);

  it('a commune admin cannot take over a user the province has promoted from a later day (reset, token, sessions, ending the grant)', async () => {
    // An officer of X-ML whom the province makes its admin from next week.
    const promoted = await createUserWithToken(ctx, { role: 'officer', orgCode: 'X-ML' });
    const granted = await post(`/api/v1/users/${promoted.userId}/grants`, provinceAdmin.token, {
      role: 'admin',
      organizationCode: 'DB',
      validFrom: '2026-12-14',
      reason: 'điều động lên tỉnh',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const provinceGrant = granted
      .json<{ grants: { id: number; organizationCode: string }[] }>()
      .grants.find((g) => g.organizationCode === 'DB');
    expect(provinceGrant).toBeDefined();
    const session = await signInSession(app, promoted.username);

    // The commune admin would learn a password, or hold a token, of a province admin-to-be.
    const reset = await post(`/api/v1/users/${promoted.userId}/password`, communeAdmin.token, {
      newPassword: 'Mật-khẩu-chiếm-quyền-2026',
    });
    expect(reset.statusCode, reset.body).toBe(404);
    const token = await post('/api/v1/tokens', communeAdmin.token, {
      username: promoted.username,
      name: 'cửa sau',
    });
    expect(token.statusCode, token.body).not.toBe(201);
    expect([400, 404]).toContain(token.statusCode);
    const revoke = await post(
      `/api/v1/users/${promoted.userId}/sessions/revoke`,
      communeAdmin.token,
    );
    expect(revoke.statusCode, revoke.body).toBe(404);
    const end = await post(
      `/api/v1/users/${promoted.userId}/grants/${provinceGrant?.id}/end`,
      communeAdmin.token,
      { on: '2026-12-14' },
    );
    expect(end.statusCode, end.body).toBe(404);
    const disable = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${promoted.userId}`,
      headers: authHeader(communeAdmin.token),
      payload: { disabled: true, reason: 'thử' },
    });
    expect(disable.statusCode, disable.body).toBe(404);

    // Nothing was written: the old password, session and token still work, the grant stands.
    expect(
      (await app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ url: '/api/v1/session', headers: authHeader(promoted.token) }))
        .statusCode,
    ).toBe(200);
    await signInSession(app, promoted.username);
    const grants = await app.inject({
      url: `/api/v1/users/${promoted.userId}`,
      headers: authHeader(provinceAdmin.token),
    });
    expect(
      grants
        .json<{ grants: { organizationCode: string; validTo: string | null }[] }>()
        .grants.find((g) => g.organizationCode === 'DB'),
    ).toMatchObject({ validTo: null });

    // The province admin still manages them.
    const byProvince = await post(
      `/api/v1/users/${promoted.userId}/sessions/revoke`,
      provinceAdmin.token,
    );
    expect(byProvince.statusCode, byProvince.body).toBe(200);
  });
});
