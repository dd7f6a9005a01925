import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ACCOUNT_POLICY } from '../../src/server/modules/accounts/accounts.rules.ts';
import { createPerson } from '../../src/server/modules/people/people.service.ts';
import {
  TEST_PASSWORD,
  authHeader,
  createUserWithToken,
  signInSession,
  type TestUser,
} from '../support/auth.ts';
import { movableClock } from '../support/clock.ts';
import { signInDemo } from '../support/demo.ts';
import { describeEachDialect } from '../support/dialects.ts';

interface AuditItem {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describeEachDialect('accounts: sign-in, sessions, CSRF, tokens, masking, audit', (dialect) => {
  let ctx: AppContext;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let advanceMinutes: (m: number) => number;
  let admin: TestUser;
  let communeAdmin: TestUser;
  let officer: TestUser;
  let viewer: TestUser;
  let personId: number;

  beforeAll(async () => {
    const movable = movableClock('2026-11-27T03:00:00.000Z');
    advanceMinutes = movable.advanceMinutes;
    // Many sign-ins from one test address: the rate limit itself is tested on its own app below.
    ({ ctx, app, close } = await signInDemo(dialect, movable.clock));
    admin = await createUserWithToken(ctx, {
      role: 'admin',
      orgCode: 'DB',
      username: 'tinh.admin',
    });
    communeAdmin = await createUserWithToken(ctx, { role: 'admin', orgCode: 'X-NS' });
    officer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'X-DBD' });
    viewer = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'X-DBD' });
    const person = await createPerson(ctx, systemActor('test'), {
      fullName: 'Lò Thị Riêng Tư',
      gender: 'female',
      birthDate: '1996-03-04',
      ethnicity: 'Thái',
      nationalId: '011096001234',
      phone: '0912345678',
      address: 'Bản Na Phát, xã Điện Biên Đông',
      unitCode: 'U-TT-B01',
      educationLevel: 'upper_secondary',
      targetGroups: ['woman'],
    });
    personId = person.id;
  });
  afterAll(async () => close());

  async function audit(query: string, token = admin.token): Promise<AuditItem[]> {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/audit?${query}`,
      headers: authHeader(token),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: AuditItem[] }>().items;
  }

  it('sign-in sets an httpOnly SameSite=Lax cookie and answers the user, role, organization, CSRF token and abilities', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: officer.username, password: TEST_PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'dangvien_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const body = response.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      role: 'officer',
      organization: { code: 'X-DBD' },
      abilities: { read: true, write: true, manageUsers: false, viewAudit: false },
    });
    expect(typeof body.csrfToken).toBe('string');
    expect(JSON.stringify(body)).not.toContain('passwordHash');

    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: `dangvien_session=${cookie?.value}` },
    });
    expect(me.json()).toMatchObject({
      user: { username: officer.username },
      csrfToken: body.csrfToken,
    });
  });

  it('the cookie is Secure when the app runs behind HTTPS (COOKIE_SECURE=true)', async () => {
    const { app: secureApp } = await buildApp(ctx, { cookieSecure: true });
    const response = await secureApp.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: viewer.username, password: TEST_PASSWORD },
    });
    expect(response.cookies.find((c) => c.name === 'dangvien_session')?.secure).toBe(true);
    await secureApp.close();
  });

  it('failed sign-ins are audited; after repeated failures from one address that username locks there, even for the right password, until the lock ends', async () => {
    const locked = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'X-NS' });
    for (let i = 0; i < ACCOUNT_POLICY.maxFailedLogins; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: locked.username, password: 'sai-mật-khẩu-rồi' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'unauthenticated' });
    }
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: locked.username, password: TEST_PASSWORD },
    });
    // The same answer as a wrong password: a lock tells nothing about whether the username exists.
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'unauthenticated' });
    expect(refused.headers['content-type']).toContain('application/problem+json');

    const events = await audit(`actor=${locked.username}`);
    expect(events.filter((e) => e.action === 'session.sign_in_failed')).toHaveLength(
      ACCOUNT_POLICY.maxFailedLogins,
    );
    expect(events.some((e) => e.action === 'session.sign_in_refused')).toBe(true);
    expect(events.find((e) => e.after && 'lockedUntil' in e.after)).toBeDefined();

    advanceMinutes(ACCOUNT_POLICY.lockMinutes + 1);
    const after = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: locked.username, password: TEST_PASSWORD },
    });
    expect(after.statusCode, after.body).toBe(200);
  });

  it('an unknown username is refused like a wrong password, and audited', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'khong.ai.ca', password: 'mật-khẩu-bất-kỳ-2026' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json<{ title: string }>().title).toBe('Sai tên đăng nhập hoặc mật khẩu');
    const events = await audit('actor=khong.ai.ca');
    expect(events[0]).toMatchObject({ action: 'session.sign_in_failed', entityId: null });
  });

  it('sign-in is rate limited per client address', async () => {
    const { app: limited } = await buildApp(ctx, {
      loginRateLimit: { max: 3, timeWindow: 60_000 },
    });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await limited.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'ai.do', password: 'không-đúng-đâu-2026' },
      });
      codes.push(response.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    await limited.close();
  });

  it('cookie-authenticated writes need the session’s CSRF token; bearer tokens do not', async () => {
    const session = await signInSession(app, admin.username);
    const body = {
      username: 'csrf.thu',
      role: 'viewer',
      organizationCode: 'X-NS',
      password: TEST_PASSWORD,
    };
    const without = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: session.cookie },
      payload: body,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'forbidden', details: { reason: 'csrf' } });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: session.cookie, 'x-csrf-token': 'đoán-bừa' },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    const reads = await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { cookie: session.cookie },
    });
    expect(reads.statusCode).toBe(200);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: session.writeHeaders,
      payload: body,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const bearer = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: authHeader(admin.token),
      payload: { ...body, username: 'csrf.bearer' },
    });
    expect(bearer.statusCode, bearer.body).toBe(201);
  });

  it('sign-out ends the session; sign-out everywhere ends every session of the user', async () => {
    const one = await signInSession(app, viewer.username);
    const two = await signInSession(app, viewer.username);
    const three = await signInSession(app, viewer.username);
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: one.writeHeaders,
    });
    expect(out.statusCode).toBe(200);
    const whoami = (s: { cookie: string }) =>
      app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: s.cookie } });
    expect((await whoami(one)).statusCode).toBe(401);
    expect((await whoami(two)).statusCode).toBe(200);
    const all = await app.inject({
      method: 'POST',
      url: '/api/v1/session/revoke-all',
      headers: two.writeHeaders,
    });
    // Earlier tests left this user signed in elsewhere too: at least these two end.
    expect(all.json<{ revoked: number }>().revoked).toBeGreaterThanOrEqual(2);
    expect((await whoami(two)).statusCode).toBe(401);
    expect((await whoami(three)).statusCode).toBe(401);
    const events = await audit(`actor=${viewer.username}&action=session.revoke_all`);
    expect(events).toHaveLength(1);
  });

  it('a session ends after the idle time without requests', async () => {
    const session = await signInSession(app, officer.username);
    const whoami = () =>
      app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: session.cookie } });
    advanceMinutes(ACCOUNT_POLICY.sessionIdleMinutes - 5);
    expect((await whoami()).statusCode).toBe(200);
    advanceMinutes(ACCOUNT_POLICY.sessionIdleMinutes - 5);
    expect((await whoami()).statusCode).toBe(200);
    advanceMinutes(ACCOUNT_POLICY.sessionIdleMinutes + 1);
    expect((await whoami()).statusCode).toBe(401);
  });

  it('a password change needs the current password and a strong new one, and ends the other sessions', async () => {
    const user = await createUserWithToken(ctx, { role: 'officer', orgCode: 'X-NS' });
    const current = await signInSession(app, user.username);
    const other = await signInSession(app, user.username);
    const change = (payload: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/account/password',
        headers: current.writeHeaders,
        payload,
      });
    const wrong = await change({ currentPassword: 'không-phải', newPassword: 'Mới-mạnh-hơn-2027' });
    expect(wrong.json()).toMatchObject({
      code: 'validation',
      errors: [{ field: 'currentPassword' }],
    });
    const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: 'ngắn' });
    expect(weak.json()).toMatchObject({
      code: 'validation',
      errors: expect.arrayContaining([
        expect.objectContaining({ field: 'newPassword' }),
      ]) as unknown,
    });
    const ok = await change({ currentPassword: TEST_PASSWORD, newPassword: 'Mới-mạnh-hơn-2027' });
    expect(ok.json()).toMatchObject({ changed: true, sessionsRevoked: 1 });
    const seen = (s: { cookie: string }) =>
      app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: s.cookie } });
    expect((await seen(current)).statusCode).toBe(200);
    expect((await seen(other)).statusCode).toBe(401);
    await expect(signInSession(app, user.username)).rejects.toThrow(/401/);
    await signInSession(app, user.username, 'Mới-mạnh-hơn-2027');
  });

  it('a revoked API token stops working at once, and so do the tokens of a disabled user', async () => {
    const scripted = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'X-DBD' });
    const use = (token: string) =>
      app.inject({ method: 'GET', url: '/api/v1/organizations', headers: authHeader(token) });
    expect((await use(scripted.token)).statusCode).toBe(200);
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/tokens',
      headers: authHeader(admin.token),
    });
    const mine = list
      .json<{ items: { id: number; username: string; prefix: string }[] }>()
      .items.find((t) => t.username === scripted.username);
    expect(mine?.prefix).toBe(scripted.token.slice(0, 10));
    expect(list.body).not.toContain(scripted.token);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${mine?.id}`,
      headers: authHeader(admin.token),
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await use(scripted.token)).statusCode).toBe(401);

    const disabled = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'X-DBD' });
    expect((await use(disabled.token)).statusCode).toBe(200);
    const user = (
      await app.inject({ method: 'GET', url: '/api/v1/users', headers: authHeader(admin.token) })
    )
      .json<{ items: { id: number; username: string }[] }>()
      .items.find((u) => u.username === disabled.username);
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user?.id}`,
      headers: authHeader(admin.token),
      payload: { disabled: true, reason: 'nghỉ công tác' },
    });
    expect((await use(disabled.token)).statusCode).toBe(401);
  });

  it('national ID, phone and address are masked for a viewer; an officer’s full view is audited', async () => {
    const asViewer = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}`,
      headers: authHeader(viewer.token),
    });
    expect(asViewer.statusCode, asViewer.body).toBe(200);
    expect(asViewer.json()).toMatchObject({
      masked: true,
      nationalId: '*********234',
      phone: '*******678',
      address: '***',
    });
    expect(asViewer.body).not.toContain('011096001234');
    const asOfficer = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}`,
      headers: authHeader(officer.token),
    });
    expect(asOfficer.json()).toMatchObject({ masked: false, nationalId: '011096001234' });
    const views = await audit(`entity=person&entityId=${personId}&action=person.view`);
    expect(views.map((v) => v.actor)).toEqual([officer.username]);
  });

  it("a person's data export holds everything about them, is audited, and is not for viewers", async () => {
    const denied = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}/export`,
      headers: authHeader(viewer.token),
    });
    expect(denied.statusCode).toBe(403);
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}/export`,
      headers: authHeader(officer.token),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      person: { id: personId, nationalId: '011096001234', phone: '0912345678' },
      targetGroups: [{ targetGroup: 'woman' }],
      exportedBy: officer.username,
    });
    const events = await audit(`entity=person&entityId=${personId}&action=person.export`);
    expect(events).toHaveLength(1);
  });

  it('a role change is a new dated grant, audited with before and after', async () => {
    const target = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'X-NS' });
    const users = (
      await app.inject({ method: 'GET', url: '/api/v1/users', headers: authHeader(admin.token) })
    ).json<{ items: { id: number; username: string }[] }>();
    const id = users.items.find((u) => u.username === target.username)?.id;
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: authHeader(admin.token),
      payload: { role: 'officer', organizationCode: 'X-DBD', reason: 'điều động' },
    });
    expect(patched.json()).toMatchObject({ role: 'officer', organization: { code: 'X-DBD' } });
    const detail = await app.inject({
      method: 'GET',
      url: `/api/v1/users/${id}`,
      headers: authHeader(admin.token),
    });
    const grants = detail.json<{ grants: { role: string; validTo: string | null }[] }>().grants;
    expect(grants.map((g) => g.role)).toEqual(['viewer', 'officer']);
    expect(grants[0]?.validTo).not.toBeNull();
    expect(grants[1]?.validTo).toBeNull();
    const [event] = await audit(`entity=user&entityId=${id}&action=user.update`);
    expect(event).toMatchObject({
      actor: admin.username,
      before: { role: 'viewer', organizationCode: 'X-NS' },
      after: { role: 'officer', organizationCode: 'X-DBD' },
    });
    // The user's role takes effect on their next request.
    const session = await app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: authHeader(target.token),
    });
    expect(session.json()).toMatchObject({ role: 'officer', abilities: { write: true } });
  });

  it('an admin manages only the users of their subtree, and sees only its audit events', async () => {
    const create = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: authHeader(communeAdmin.token),
      payload: {
        username: 'ngoai.pham.vi',
        role: 'viewer',
        organizationCode: 'X-DBD',
        password: TEST_PASSWORD,
      },
    });
    // An organization of another commune in the body is refused like one that does not exist.
    expect(create.statusCode).toBe(400);
    expect(create.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe(
      'organizationCode',
    );
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: authHeader(communeAdmin.token),
      payload: {
        username: 'ngoai.pham.vi',
        role: 'viewer',
        organizationCode: 'KHONG-CO',
        password: TEST_PASSWORD,
      },
    });
    expect({ ...create.json(), requestId: null }).toEqual({ ...missing.json(), requestId: null });
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: authHeader(communeAdmin.token),
    });
    const codes = new Set(
      list
        .json<{ items: { organization: { code: string } }[] }>()
        .items.map((u) => u.organization.code),
    );
    expect([...codes]).toEqual(['X-NS']);
    const adminId = (
      await app.inject({ method: 'GET', url: '/api/v1/session', headers: authHeader(admin.token) })
    ).json<{ user: { id: number } }>().user.id;
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${adminId}`,
      headers: authHeader(communeAdmin.token),
      payload: { disabled: true },
    });
    expect(patch.statusCode).toBe(404);
    const self = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${adminId}`,
      headers: authHeader(admin.token),
      payload: { role: 'viewer' },
    });
    expect(self.statusCode).toBe(422);
    const events = await audit('limit=1000', communeAdmin.token);
    expect(events.length).toBeGreaterThan(0);
    const everyone = await audit('limit=1000');
    expect(everyone.length).toBeGreaterThan(events.length);
    expect(events.every((e) => everyone.some((x) => x.at === e.at && x.action === e.action))).toBe(
      true,
    );
    expect(events.some((e) => e.entityId === null && e.action === 'session.sign_in_failed')).toBe(
      false,
    );
    const officerAudit = await app.inject({
      method: 'GET',
      url: '/api/v1/audit',
      headers: authHeader(officer.token),
    });
    expect(officerAudit.statusCode).toBe(403);
  });

  it('the audit trail exports as XLSX, and the export is itself audited', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?entity=user',
      headers: authHeader(admin.token),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const events = await audit('action=audit.export');
    expect(events[0]).toMatchObject({
      actor: admin.username,
      after: { filters: { entity: 'user' } },
    });
  });

  it('errors never carry a stack trace, and bodies over 1 MiB are refused', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...authHeader(admin.token), 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x', padding: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    const headers = (await app.inject({ method: 'GET', url: '/healthz' })).headers;
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
});
