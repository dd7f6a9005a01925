import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ACCOUNT_POLICY } from '../../src/server/modules/accounts/accounts.rules.ts';
import { reorganize } from '../../src/server/modules/organizations/organizations.service.ts';
import {
  TEST_PASSWORD,
  authHeader,
  createUserWithToken,
  signInSession,
  type TestUser,
} from '../support/auth.ts';
import { movableClock } from '../support/clock.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import { buildOrganization, buildPerson, buildUnit, nextCode } from '../support/factories.ts';

/**
 * Issue 13 (items 10 and 12): lock-out without username enumeration and per client address, the
 * trusted proxy, the password change (tokens, limits), query values kept out of the log, and
 * users bound to dissolved organizations.
 */

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/dangvien.js');

/** A problem+json answer without what differs between any two answers (the request id). */
function comparable(response: LightMyRequestResponse) {
  const { requestId: _requestId, ...body } = response.json<Record<string, unknown>>();
  return {
    status: response.statusCode,
    contentType: response.headers['content-type'],
    cookies: response.cookies.length,
    body,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describeEachDialect('accounts hardening (issue 13)', (dialect) => {
  let ctx: AppContext;
  let url: string;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let advanceMinutes: (m: number) => number;
  let rootAdmin: TestUser;
  const system = systemActor('test');
  const codes = { root: '', district: '', cell: '', other: '', unit: '' };

  beforeAll(async () => {
    const movable = movableClock('2026-11-27T03:00:00.000Z');
    advanceMinutes = movable.advanceMinutes;
    ({ ctx, url, drop } = await scratchContext(dialect, movable.clock));
    codes.root = nextCode('HT');
    codes.district = nextCode('HD');
    codes.cell = nextCode('HC');
    codes.other = nextCode('HE');
    codes.unit = nextCode('HU');
    await buildOrganization(ctx, system, {
      code: codes.root,
      kind: 'committee',
      level: 'top',
      name: 'Đảng bộ tỉnh thử nghiệm',
    });
    await buildOrganization(ctx, system, {
      code: codes.district,
      kind: 'committee',
      level: 'upper',
      parentCode: codes.root,
      name: 'Đảng bộ huyện thử nghiệm',
    });
    await buildOrganization(ctx, system, { code: codes.cell, parentCode: codes.district });
    await buildOrganization(ctx, system, { code: codes.other, parentCode: codes.root });
    await buildUnit(ctx, system, { code: codes.unit, organizationCode: codes.cell });
    // Many requests from the same test addresses: the route limits are tested on their own apps.
    ({ app } = await buildApp(ctx, {
      loginRateLimit: { max: 1000, timeWindow: 60_000 },
      passwordRateLimit: { max: 1000, timeWindow: 60_000 },
    }));
    rootAdmin = await createUserWithToken(ctx, { role: 'admin', orgCode: codes.root });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const signIn = (
    username: string,
    password: string,
    remoteAddress: string,
    target: FastifyInstance = app,
    headers: Record<string, string> = {},
  ) =>
    target.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username, password },
      remoteAddress,
      headers,
    });

  async function failTimes(username: string, remoteAddress: string, times: number) {
    for (let i = 0; i < times; i++) {
      const response = await signIn(username, 'sai-mật-khẩu-rồi', remoteAddress);
      expect(response.statusCode).toBe(401);
    }
  }

  async function events(action: string, actor?: string) {
    let query = ctx.db
      .selectFrom('events')
      .select(['actor', 'action', 'reason', 'ip', 'after'])
      .where('action', '=', action);
    if (actor) query = query.where('actor', '=', actor);
    const rows = await query.orderBy('id').execute();
    return rows.map((r) => ({
      ...r,
      after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
    }));
  }

  it('a locked account answers exactly like a wrong password or an unknown username, and takes as long', async () => {
    const user = await createUserWithToken(ctx, { role: 'viewer', orgCode: codes.cell });
    const attacker = '203.0.113.10';
    await failTimes(user.username, attacker, ACCOUNT_POLICY.maxFailedLogins);
    const locked = await signIn(user.username, TEST_PASSWORD, attacker);
    const wrong = await signIn(user.username, 'sai-mật-khẩu-rồi', '203.0.113.11');
    const unknown = await signIn('khong.ton.tai', 'sai-mật-khẩu-rồi', '203.0.113.12');
    expect(comparable(locked)).toEqual(comparable(wrong));
    expect(comparable(unknown)).toEqual(comparable(wrong));
    expect(comparable(locked)).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    expect(locked.headers['retry-after']).toBeUndefined();

    // The locked answer verifies a password hash too: it takes about as long as a wrong one.
    const timed = async (send: () => Promise<unknown>) => {
      const started = performance.now();
      await send();
      return performance.now() - started;
    };
    const lockedTimes: number[] = [];
    const wrongTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      lockedTimes.push(await timed(() => signIn(user.username, TEST_PASSWORD, attacker)));
      wrongTimes.push(await timed(() => signIn('khong.ton.tai', 'sai-nữa-rồi', '203.0.113.13')));
    }
    expect(median(lockedTimes)).toBeGreaterThan(median(wrongTimes) * 0.4);

    const refused = await events('session.sign_in_refused', user.username);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ reason: 'locked', ip: attacker });
  });

  it('a lock holds one username at one address: the real user elsewhere still signs in', async () => {
    const user = await createUserWithToken(ctx, { role: 'officer', orgCode: codes.cell });
    const attacker = '203.0.113.20';
    await failTimes(user.username, attacker, ACCOUNT_POLICY.maxFailedLogins);
    expect((await signIn(user.username, TEST_PASSWORD, attacker)).statusCode).toBe(401);
    const elsewhere = await signIn(user.username, TEST_PASSWORD, '192.0.2.30');
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
    // The lock started is audited with the address it holds.
    const failed = await events('session.sign_in_failed', user.username);
    expect(failed).toHaveLength(ACCOUNT_POLICY.maxFailedLogins);
    expect(failed.at(-1)?.after).toMatchObject({ address: attacker });
    // A success clears only its own address's count.
    const lockedStill = await signIn(user.username, TEST_PASSWORD, attacker);
    expect(lockedStill.statusCode).toBe(401);
    advanceMinutes(ACCOUNT_POLICY.lockMinutes + 1);
    expect((await signIn(user.username, TEST_PASSWORD, attacker)).statusCode).toBe(200);
  });

  it('an administrator is never locked out from an address they signed in from before; others are', async () => {
    const admin = await createUserWithToken(ctx, { role: 'admin', orgCode: codes.root });
    const viewer = await createUserWithToken(ctx, { role: 'viewer', orgCode: codes.root });
    const office = '192.0.2.40';
    expect((await signIn(admin.username, TEST_PASSWORD, office)).statusCode).toBe(200);
    expect((await signIn(viewer.username, TEST_PASSWORD, office)).statusCode).toBe(200);
    // Someone behind the same office address guesses at both accounts.
    await failTimes(admin.username, office, ACCOUNT_POLICY.maxFailedLogins + 2);
    await failTimes(viewer.username, office, ACCOUNT_POLICY.maxFailedLogins);
    const adminAgain = await signIn(admin.username, TEST_PASSWORD, office);
    expect(adminAgain.statusCode, adminAgain.body).toBe(200);
    expect((await signIn(viewer.username, TEST_PASSWORD, office)).statusCode).toBe(401);
    // From an address the administrator never used, the lock holds.
    const cafe = '198.51.100.41';
    await failTimes(admin.username, cafe, ACCOUNT_POLICY.maxFailedLogins);
    expect((await signIn(admin.username, TEST_PASSWORD, cafe)).statusCode).toBe(401);
  });

  it('`dangvien user unlock USERNAME` clears the locks of every address, audited', async () => {
    const user = await createUserWithToken(ctx, { role: 'viewer', orgCode: codes.cell });
    await failTimes(user.username, '203.0.113.50', ACCOUNT_POLICY.maxFailedLogins);
    await failTimes(user.username, '203.0.113.51', ACCOUNT_POLICY.maxFailedLogins);
    expect((await signIn(user.username, TEST_PASSWORD, '203.0.113.50')).statusCode).toBe(401);
    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: authHeader(rootAdmin.token),
    });
    expect(
      listed
        .json<{ items: { username: string; locked: boolean }[] }>()
        .items.find((u) => u.username === user.username),
    ).toMatchObject({ locked: true });
    const { stdout } = await run('node', [bin, 'user', 'unlock', user.username, '--database', url]);
    expect(JSON.parse(stdout)).toEqual({ username: user.username, cleared: 2 });
    expect((await signIn(user.username, TEST_PASSWORD, '203.0.113.50')).statusCode).toBe(200);
    expect((await signIn(user.username, TEST_PASSWORD, '203.0.113.51')).statusCode).toBe(200);
    const [event] = await events('user.unlock');
    expect(event).toMatchObject({ actor: 'cli', after: { cleared: 2 } });
  }, 60_000);

  it('behind a trusted proxy (TRUST_PROXY) each client has its own address for limits, locks and the audit; others cannot spoof it', async () => {
    const proxy = '10.0.0.1';
    const { app: proxied } = await buildApp(ctx, {
      trustProxy: [proxy],
      loginRateLimit: { max: 2, timeWindow: 60_000 },
    });
    try {
      const via = (client: string) => ({ 'x-forwarded-for': client });
      const first: number[] = [];
      for (let i = 0; i < 3; i++)
        first.push(
          (await signIn('ai.do.proxy', 'sai-mật-khẩu-rồi', proxy, proxied, via('198.51.100.61')))
            .statusCode,
        );
      expect(first).toEqual([401, 401, 429]);
      const second = await signIn(
        'ai.khac.proxy',
        'sai-mật-khẩu-rồi',
        proxy,
        proxied,
        via('198.51.100.62'),
      );
      expect(second.statusCode).toBe(401);
      expect((await events('session.sign_in_failed', 'ai.khac.proxy'))[0]?.ip).toBe(
        '198.51.100.62',
      );
      // A client that is not the proxy cannot choose its address by sending the header.
      await signIn('ai.gia.mao', 'sai-mật-khẩu-rồi', '198.51.100.63', proxied, via('10.9.9.9'));
      expect((await events('session.sign_in_failed', 'ai.gia.mao'))[0]?.ip).toBe('198.51.100.63');
    } finally {
      await proxied.close();
    }
  });

  it('a password change revokes the API tokens unless asked not to, and says so in the audit', async () => {
    const change = async (user: TestUser, extra: Record<string, unknown>) => {
      const session = await signInSession(app, user.username);
      return app.inject({
        method: 'POST',
        url: '/api/v1/account/password',
        headers: session.writeHeaders,
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'Mới-mạnh-hơn-2027', ...extra },
      });
    };
    const use = (token: string) =>
      app.inject({ method: 'GET', url: '/api/v1/session', headers: authHeader(token) });

    const revoked = await createUserWithToken(ctx, { role: 'officer', orgCode: codes.cell });
    const byDefault = await change(revoked, {});
    expect(byDefault.json()).toMatchObject({ changed: true, tokensRevoked: 1 });
    expect((await use(revoked.token)).statusCode).toBe(401);

    const kept = await createUserWithToken(ctx, { role: 'officer', orgCode: codes.cell });
    const keeping = await change(kept, { revokeTokens: false });
    expect(keeping.json()).toMatchObject({ changed: true, tokensRevoked: 0 });
    expect((await use(kept.token)).statusCode).toBe(200);

    const audited = await events('user.password_change');
    expect(audited.find((e) => e.actor === revoked.username)?.after).toMatchObject({
      revokeTokens: true,
      tokensRevoked: 1,
    });
    expect(audited.find((e) => e.actor === kept.username)?.after).toMatchObject({
      revokeTokens: false,
      tokensRevoked: 0,
    });
  });

  it('wrong current passwords lock the password change for a while (audited); the route has a per-address limit', async () => {
    const user = await createUserWithToken(ctx, { role: 'officer', orgCode: codes.cell });
    const session = await signInSession(app, user.username);
    const change = (currentPassword: string, target = app) =>
      target.inject({
        method: 'POST',
        url: '/api/v1/account/password',
        headers: session.writeHeaders,
        payload: { currentPassword, newPassword: 'Mới-mạnh-hơn-2027' },
      });
    for (let i = 0; i < ACCOUNT_POLICY.maxFailedPasswordChecks; i++) {
      const wrong = await change('không-phải-đâu');
      expect(wrong.json()).toMatchObject({ errors: [{ field: 'currentPassword' }] });
    }
    const refused = await change(TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'rate_limited' });
    expect(await events('user.password_change_failed', user.username)).toHaveLength(
      ACCOUNT_POLICY.maxFailedPasswordChecks,
    );
    expect(
      (await events('user.password_change_failed', user.username)).at(-1)?.after,
    ).toHaveProperty('lockedUntil');
    expect(await events('user.password_change_refused', user.username)).toMatchObject([
      { reason: 'locked' },
    ]);
    advanceMinutes(ACCOUNT_POLICY.passwordCheckLockMinutes + 1);
    const fresh = await signInSession(app, user.username);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers: fresh.writeHeaders,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Mới-mạnh-hơn-2027' },
    });
    expect(ok.statusCode, ok.body).toBe(200);

    const { app: limited } = await buildApp(ctx, {
      loginRateLimit: { max: 1000, timeWindow: 60_000 },
      passwordRateLimit: { max: 2, timeWindow: 60_000 },
    });
    try {
      const other = await createUserWithToken(ctx, { role: 'viewer', orgCode: codes.cell });
      const otherSession = await signInSession(limited, other.username);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (
            await limited.inject({
              method: 'POST',
              url: '/api/v1/account/password',
              headers: otherSession.writeHeaders,
              payload: { currentPassword: 'không-phải-đâu', newPassword: 'Mới-mạnh-hơn-2027' },
            })
          ).statusCode,
        );
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      await limited.close();
    }
  });

  it('request log lines carry the path with query values redacted, never names or national IDs', async () => {
    const lines: string[] = [];
    const { app: logged } = await buildApp(ctx, {
      logLevel: 'info',
      logStream: { write: (line: string) => void lines.push(line) },
    });
    try {
      const query = `q=${encodeURIComponent('Nguyễn Văn Bình')}&ethnicity=${encodeURIComponent('Mông')}&nationalId=011096001234&limit=5`;
      await logged.inject({
        method: 'GET',
        url: `/api/v1/people?${query}`,
        headers: authHeader(rootAdmin.token),
      });
      await logged.inject({ method: 'GET', url: `/api/v1/people?${query}` });
      await logged.inject({ method: 'GET', url: `/api/v1/khong-co?${encodeURIComponent('Bình')}` });
    } finally {
      await logged.close();
    }
    const text = lines.join('');
    expect(text).toContain('"url":"/api/v1/people?q=[redacted]&ethnicity=[redacted]');
    expect(text).toContain('"url":"/api/v1/khong-co?[redacted]"');
    for (const secret of [
      'Nguy',
      encodeURIComponent('Nguyễn'),
      'M%C3%B4ng',
      '011096001234',
      'B%C3%ACnh',
    ])
      expect(text).not.toContain(secret);
    const incoming = lines.map((l) => JSON.parse(l) as { msg: string; req?: object });
    expect(incoming.filter((l) => l.msg === 'incoming request')).toHaveLength(3);
  });

  it('users cannot be created on, moved to or given a role on an organization dissolved by today', async () => {
    const dissolvedCode = nextCode('HX');
    const keptCode = nextCode('HK');
    await buildOrganization(ctx, system, { code: dissolvedCode, parentCode: codes.root });
    await buildOrganization(ctx, system, { code: keptCode, parentCode: codes.root });
    const member = await createUserWithToken(ctx, { role: 'viewer', orgCode: keptCode });
    const bound = await createUserWithToken(ctx, { role: 'viewer', orgCode: dissolvedCode });
    await reorganize(ctx, system, {
      on: ctx.clock.today(),
      reason: 'giải thể chi bộ thử nghiệm',
      steps: [{ op: 'dissolve', code: dissolvedCode }],
    });
    const admin = authHeader(rootAdmin.token);
    const expectRefused = (response: LightMyRequestResponse) => {
      expect(response.statusCode, response.body).toBe(422);
      const body = response.json<{ code: string; errors: { field: string; message: string }[] }>();
      expect(body.code).toBe('rule.organization_not_active');
      expect(body.errors[0]?.field).toBe('organizationCode');
      expect(body.errors[0]?.message).toContain('đã giải thể');
    };
    expectRefused(
      await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin,
        payload: {
          username: nextCode('giai.the.'),
          role: 'viewer',
          organizationCode: dissolvedCode,
          password: TEST_PASSWORD,
        },
      }),
    );
    expectRefused(
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${member.userId}`,
        headers: admin,
        payload: { organizationCode: dissolvedCode },
      }),
    );
    // A new grant for a user still bound to it (only the role changes) is refused too…
    expectRefused(
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${bound.userId}`,
        headers: admin,
        payload: { role: 'officer' },
      }),
    );
    // …while disabling them, or moving them to an existing organization, is not.
    const disabled = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${bound.userId}`,
      headers: admin,
      payload: { disabled: true, displayName: 'Đã nghỉ' },
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${bound.userId}`,
      headers: admin,
      payload: { organizationCode: keptCode, disabled: false },
    });
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('a user whose organization was dissolved since cannot act or sign in; administrators still find and move them', async () => {
    const districtOfficer = await createUserWithToken(ctx, {
      role: 'officer',
      orgCode: codes.district,
    });
    const person = await buildPerson(ctx, system, {
      unitCode: codes.unit,
      fullName: 'Vàng Thị Riêng',
    });
    const read = () =>
      app.inject({
        method: 'GET',
        url: `/api/v1/people/${person.id}`,
        headers: authHeader(districtOfficer.token),
      });
    expect((await read()).statusCode).toBe(200);
    const session = await signInSession(app, districtOfficer.username);
    // The district is abolished: its cell moves to the province, the district is dissolved.
    await reorganize(ctx, system, {
      on: '2026-11-01',
      reason: 'không tổ chức cấp huyện',
      steps: [{ op: 'merge', codes: [codes.district], intoCode: codes.root }],
    });
    expect((await read()).statusCode).toBe(401);
    const search = await app.inject({
      method: 'GET',
      url: '/api/v1/people?q=vang',
      headers: { cookie: session.cookie },
    });
    expect(search.statusCode).toBe(401);
    const signedIn = await signIn(districtOfficer.username, TEST_PASSWORD, '192.0.2.70');
    const wrong = await signIn(districtOfficer.username, 'sai-mật-khẩu-rồi', '192.0.2.71');
    expect(comparable(signedIn)).toEqual(comparable(wrong));
    expect(
      (await events('session.sign_in_failed', districtOfficer.username)).map((e) => e.reason),
    ).toContain('organization_dissolved');

    // The province's administrator lists them (judged on the district's last day) and moves them.
    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: authHeader(rootAdmin.token),
    });
    expect(
      listed
        .json<{ items: { username: string; organization: { code: string } }[] }>()
        .items.find((u) => u.username === districtOfficer.username),
    ).toMatchObject({ organization: { code: codes.district } });
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${districtOfficer.userId}`,
      headers: authHeader(rootAdmin.token),
      payload: { organizationCode: codes.cell, reason: 'về chi bộ' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await read()).statusCode).toBe(200);
  });
});
