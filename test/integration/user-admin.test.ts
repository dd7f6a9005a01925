import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/server/context.ts';
import { systemClock } from '../../src/server/lib/clock.ts';
import {
  TEST_PASSWORD,
  authHeader,
  postAs,
  createUserWithToken,
  signInSession,
  type TestUser,
} from '../support/auth.ts';
import { movableClock } from '../support/clock.ts';
import { signInDemo } from '../support/demo.ts';
import { describeEachDialect } from '../support/dialects.ts';

interface Grant {
  id: number;
  role: string;
  organizationCode: string;
  organizationName: string;
  grantedBy: string;
  endedBy: string | null;
  validFrom: string;
  validTo: string | null;
}

interface Problem {
  status: number;
  errors: { field: string; message: string }[];
}

const NEW_PASSWORD = 'Mật-khẩu-đặt-lại-2026';
const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/dangvien.js');

/** Runs `dangvien` with text on stdin. */
function runWithStdin(
  args: string[],
  stdin: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('node', [bin, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

describeEachDialect('users screen: password reset, sessions, dated role grants', (dialect) => {
  let ctx: AppContext;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let advanceDays: (d: number) => number;
  /** Admin of commune X-ML. */
  let admin: TestUser;
  /** Admin of the next commune X-NS: must not reach X-ML's users. */
  let otherAdmin: TestUser;

  beforeAll(async () => {
    const movable = movableClock('2026-12-07T03:00:00.000Z');
    advanceDays = movable.advanceDays;
    ({ ctx, app, close } = await signInDemo(dialect, movable.clock));
    admin = await createUserWithToken(ctx, { role: 'admin', orgCode: 'X-ML' });
    otherAdmin = await createUserWithToken(ctx, { role: 'admin', orgCode: 'X-NS' });
  }, 180_000);
  afterAll(async () => close());

  const post = (url: string, token: string, payload?: Record<string, unknown>) =>
    postAs(app, url, token, payload);

  async function grantsOf(userId: number): Promise<Grant[]> {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/users/${userId}`,
      headers: authHeader(admin.token),
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ grants: Grant[] }>().grants;
  }

  async function audit(query: string) {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/audit?${query}`,
      headers: authHeader(admin.token),
    });
    return response.json<{
      items: { action: string; actor: string; after: unknown; reason: string | null }[];
    }>().items;
  }

  it('a reset password works, the old one no longer does, old sessions and tokens end, and the user must change it', async () => {
    const officer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'X-ML' });
    const session = await signInSession(app, officer.username);
    const reset = await post(`/api/v1/users/${officer.userId}/password`, admin.token, {
      newPassword: NEW_PASSWORD,
      reason: 'quên mật khẩu',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toEqual({ reset: true, sessionsRevoked: 1, tokensRevoked: 1 });
    // The old session and the old token no longer authenticate.
    expect(
      (await app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ url: '/api/v1/session', headers: authHeader(officer.token) })).statusCode,
    ).toBe(401);
    // The old password is refused, the new one signs in.
    const old = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: officer.username, password: TEST_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    const fresh = await signInSession(app, officer.username, NEW_PASSWORD);
    const me = await app.inject({ url: '/api/v1/session', headers: { cookie: fresh.cookie } });
    expect(me.json()).toMatchObject({ user: { mustChangePassword: true } });
    // Until they choose their own password, the session reaches nothing else.
    const blocked = await app.inject({
      url: '/api/v1/members?org=X-ML',
      headers: { cookie: fresh.cookie },
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.body).toContain('đổi mật khẩu');
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers: fresh.writeHeaders,
      payload: { currentPassword: NEW_PASSWORD, newPassword: 'Mật-khẩu-riêng-của-tôi-9' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const open = await app.inject({
      url: '/api/v1/members?org=X-ML',
      headers: { cookie: fresh.cookie },
    });
    expect(open.statusCode).toBe(200);
    // Audited without the password.
    const [event] = await audit(`action=user.password_reset&entityId=${officer.userId}`);
    expect(event).toMatchObject({ actor: admin.username, reason: 'quên mật khẩu' });
    expect(JSON.stringify(event)).not.toContain(NEW_PASSWORD);
    const stored = await ctx.db
      .selectFrom('events')
      .select(['before', 'after'])
      .where('action', '=', 'user.password_reset')
      .execute();
    expect(JSON.stringify(stored)).not.toContain(NEW_PASSWORD);
  });

  it('a weak new password is refused naming the field; an admin does not reset their own here', async () => {
    const viewer = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'X-ML' });
    const weak = await post(`/api/v1/users/${viewer.userId}/password`, admin.token, {
      newPassword: 'ngắn',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<Problem>().errors[0]).toMatchObject({ field: 'newPassword' });
    const self = await post(`/api/v1/users/${admin.userId}/password`, admin.token, {
      newPassword: NEW_PASSWORD,
    });
    expect(self.statusCode).toBe(422);
    // Nothing changed: the viewer's token still works.
    expect(
      (await app.inject({ url: '/api/v1/session', headers: authHeader(viewer.token) })).statusCode,
    ).toBe(200);
  });

  it("another commune's admin gets exactly the answer for a missing user on every new route, and nothing changes", async () => {
    const officer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'X-ML' });
    const [grant] = await grantsOf(officer.userId);
    const calls: [string, Record<string, unknown> | undefined][] = [
      ['password', { newPassword: NEW_PASSWORD }],
      ['sessions/revoke', undefined],
      ['grants', { role: 'viewer', organizationCode: 'X-NS', validFrom: '2026-12-20' }],
      [`grants/${grant?.id}/end`, { on: '2026-12-20' }],
    ];
    for (const [path, payload] of calls) {
      const other = await post(
        `/api/v1/users/${officer.userId}/${path}`,
        otherAdmin.token,
        payload,
      );
      const missing = await post(
        `/api/v1/users/987654/${path.replace(/grants\/\d+/, 'grants/987654')}`,
        otherAdmin.token,
        payload,
      );
      expect(other.statusCode, path).toBe(404);
      const { requestId: _a, ...otherBody } = other.json<Record<string, unknown>>();
      const { requestId: _b, ...missingBody } = missing.json<Record<string, unknown>>();
      expect(otherBody, path).toEqual(missingBody);
    }
    // The grant of another commune's user, named under one's own user, is not found either.
    const theirs = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'X-NS' });
    const theirGrantId = (
      await ctx.db
        .selectFrom('roleGrants')
        .select('id')
        .where('userId', '=', theirs.userId)
        .executeTakeFirstOrThrow()
    ).id;
    const crossed = await post(
      `/api/v1/users/${officer.userId}/grants/${theirGrantId}/end`,
      admin.token,
      { on: '2026-12-20' },
    );
    expect(crossed.statusCode).toBe(404);
    expect(
      (await app.inject({ url: '/api/v1/session', headers: authHeader(officer.token) })).statusCode,
    ).toBe(200);
    expect(await grantsOf(officer.userId)).toHaveLength(1);
  });

  it('an admin signs a user out everywhere: their sessions end, their tokens stay', async () => {
    const trainer = await createUserWithToken(ctx, { role: 'trainer', orgCode: 'X-ML' });
    const first = await signInSession(app, trainer.username);
    const second = await signInSession(app, trainer.username);
    const response = await post(`/api/v1/users/${trainer.userId}/sessions/revoke`, admin.token);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ revoked: 2 });
    for (const s of [first, second])
      expect(
        (await app.inject({ url: '/api/v1/session', headers: { cookie: s.cookie } })).statusCode,
      ).toBe(401);
    expect(
      (await app.inject({ url: '/api/v1/session', headers: authHeader(trainer.token) })).statusCode,
    ).toBe(200);
    const [event] = await audit(`action=session.revoke_all&entityId=${trainer.userId}`);
    expect(event).toMatchObject({ actor: admin.username });
  });

  it('a role granted from a later day takes effect that day; ending a grant from a day keeps it and ends access', async () => {
    const user = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'X-ML' });
    const today = ctx.clock.today();
    // Not in the past, and only on organizations that exist that day.
    const past = await post(`/api/v1/users/${user.userId}/grants`, admin.token, {
      role: 'officer',
      organizationCode: 'X-ML',
      validFrom: '2026-01-01',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json<Problem>().errors[0]).toMatchObject({ field: 'validFrom' });
    const later = '2026-12-10';
    const granted = await post(`/api/v1/users/${user.userId}/grants`, admin.token, {
      role: 'officer',
      organizationCode: 'X-ML',
      validFrom: later,
      reason: 'phân công phụ trách kết nạp',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const grants = granted.json<{ grants: Grant[] }>().grants;
    expect(grants.map((g) => [g.role, g.validFrom, g.validTo])).toEqual([
      ['viewer', today, later],
      ['officer', later, null],
    ]);
    // Until then the user is still a viewer.
    const before = await app.inject({ url: '/api/v1/session', headers: authHeader(user.token) });
    expect(before.json()).toMatchObject({ role: 'viewer', abilities: { write: false } });
    // A second grant before the planned one is refused until that one is ended.
    const overlapping = await post(`/api/v1/users/${user.userId}/grants`, admin.token, {
      role: 'trainer',
      organizationCode: 'X-ML',
      validFrom: '2026-12-08',
    });
    expect(overlapping.statusCode).toBe(422);
    expect(overlapping.json<Problem>().errors[0]).toMatchObject({ field: 'validFrom' });
    advanceDays(3);
    expect(ctx.clock.today()).toBe(later);
    const after = await app.inject({ url: '/api/v1/session', headers: authHeader(user.token) });
    expect(after.json()).toMatchObject({ role: 'officer', abilities: { write: true } });
    // End the officer grant from a later day: not before its start, not in the past.
    const officerGrant = grants[1];
    const early = await post(
      `/api/v1/users/${user.userId}/grants/${officerGrant?.id}/end`,
      admin.token,
      { on: '2026-12-09' },
    );
    expect(early.statusCode).toBe(400);
    expect(early.json<Problem>().errors[0]).toMatchObject({ field: 'on' });
    const end = '2026-12-12';
    const ended = await post(
      `/api/v1/users/${user.userId}/grants/${officerGrant?.id}/end`,
      admin.token,
      { on: end, reason: 'chuyển công tác' },
    );
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json<{ grants: Grant[] }>().grants[1]).toMatchObject({
      role: 'officer',
      validTo: end,
      endedBy: admin.username,
    });
    expect(
      (await app.inject({ url: '/api/v1/session', headers: authHeader(user.token) })).statusCode,
    ).toBe(200);
    advanceDays(2);
    // From the end day the user holds no role: no request, no sign-in.
    expect(
      (await app.inject({ url: '/api/v1/session', headers: authHeader(user.token) })).statusCode,
    ).toBe(401);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);
    // The admin still lists them, with no role in force; the history is kept.
    const list = await app.inject({ url: '/api/v1/users', headers: authHeader(admin.token) });
    const listed = list
      .json<{ items: { id: number; grantActive: boolean; role: string }[] }>()
      .items.find((u) => u.id === user.userId);
    expect(listed).toMatchObject({ grantActive: false, role: 'officer' });
    expect(await grantsOf(user.userId)).toHaveLength(2);
    // A new grant from today gives access back at once.
    const again = await post(`/api/v1/users/${user.userId}/grants`, admin.token, {
      role: 'viewer',
      organizationCode: 'X-ML',
      validFrom: ctx.clock.today(),
    });
    expect(again.statusCode, again.body).toBe(201);
    const back = await signInSession(app, user.username);
    expect(back.csrfToken).toBeTruthy();
    const events = await audit(`entity=user&entityId=${user.userId}`);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.grant', 'user.grant_end']),
    );
  });

  it('a grant moves a user to another organization of the subtree: its admins then manage them', async () => {
    const user = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'X-ML' });
    const cell = await ctx.db
      .selectFrom('organizationClosure as c')
      .innerJoin('organizations as a', 'a.id', 'c.ancestorId')
      .innerJoin('organizations as d', 'd.id', 'c.descendantId')
      .select('d.code')
      .where('a.code', '=', 'X-ML')
      .where('d.kind', '=', 'cell')
      .where('c.validTo', '=', '9999-12-31')
      .where('d.dissolvedOn', '=', '9999-12-31')
      .executeTakeFirstOrThrow();
    const cellAdmin = await createUserWithToken(ctx, { role: 'admin', orgCode: cell.code });
    const get = (token: string) =>
      app.inject({ url: `/api/v1/users/${user.userId}`, headers: authHeader(token) });
    expect((await get(cellAdmin.token)).statusCode).toBe(404);
    const tomorrow = new Date(Date.parse(`${ctx.clock.today()}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const moved = await post(`/api/v1/users/${user.userId}/grants`, admin.token, {
      role: 'officer',
      organizationCode: cell.code,
      validFrom: tomorrow,
    });
    expect(moved.statusCode, moved.body).toBe(201);
    expect((await get(cellAdmin.token)).statusCode).toBe(404);
    advanceDays(1);
    const detail = await get(cellAdmin.token);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ role: 'officer', organization: { code: cell.code } });
  });
});

describeEachDialect('dangvien user reset-password | disable', (dialect) => {
  let ctx: AppContext;
  let url: string;
  let close: () => Promise<void>;
  let app: FastifyInstance;

  beforeAll(async () => {
    // The CLI runs on the real clock: so does this app, or their sessions would differ in age.
    ({ ctx, url, app, close } = await signInDemo(dialect, systemClock));
  }, 180_000);
  afterAll(async () => close());

  const signIn = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });

  it('reset-password reads the new password from stdin, never prints it, and ends sessions and tokens', async () => {
    const user = await createUserWithToken(ctx, { role: 'officer', orgCode: 'X-ML' });
    const session = await signInSession(app, user.username);
    const result = await runWithStdin(
      ['user', 'reset-password', user.username, '--reason', 'quên mật khẩu', '--database', url],
      `${NEW_PASSWORD}\n`,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      username: user.username,
      reset: true,
      sessionsRevoked: 1,
      tokensRevoked: 1,
    });
    expect(result.stdout + result.stderr).not.toContain(NEW_PASSWORD);
    expect((await signIn(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    const fresh = await signIn(user.username, NEW_PASSWORD);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toMatchObject({ user: { mustChangePassword: true } });
    expect(
      (await app.inject({ url: '/api/v1/session', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(401);
    // A weak password is refused with the reason, and an empty stdin too.
    const weak = await runWithStdin(
      ['user', 'reset-password', user.username, '--database', url],
      'ngắn\n',
    );
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toContain('Mật khẩu cần ít nhất');
    const empty = await runWithStdin(
      ['user', 'reset-password', user.username, '--database', url],
      '',
    );
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toContain('stdin');
    // --no-must-change: the operator restores their own access at the machine.
    const own = await runWithStdin(
      ['user', 'reset-password', user.username, '--no-must-change', '--database', url],
      `${NEW_PASSWORD}-2\n`,
    );
    expect(own.code, own.stderr).toBe(0);
    const again = await signIn(user.username, `${NEW_PASSWORD}-2`);
    expect(again.json()).toMatchObject({ user: { mustChangePassword: false } });
  }, 60_000);

  it("disable needs a reason, ends the user's access, and is audited with it; enable gives it back", async () => {
    const user = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'X-ML' });
    const noReason = await run('node', [
      bin,
      'user',
      'disable',
      user.username,
      '--database',
      url,
    ]).catch((error: { code: number; stderr: string }) => error);
    expect('code' in noReason && noReason.code).not.toBe(0);
    const { stdout } = await run('node', [
      bin,
      'user',
      'disable',
      user.username,
      '--reason',
      'nghỉ việc',
      '--database',
      url,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ username: user.username, disabled: true });
    expect(
      (await app.inject({ url: '/api/v1/session', headers: authHeader(user.token) })).statusCode,
    ).toBe(401);
    expect((await signIn(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    const event = await ctx.db
      .selectFrom('events')
      .select(['actor', 'reason', 'after'])
      .where('action', '=', 'user.update')
      .where('entityId', '=', String(user.userId))
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor: 'cli', reason: 'nghỉ việc' });
    await run('node', [
      bin,
      'user',
      'enable',
      user.username,
      '--reason',
      'trở lại',
      '--database',
      url,
    ]);
    expect((await signIn(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    // An unknown username: a one-line error, non-zero exit.
    const unknown = await run('node', [
      bin,
      'user',
      'disable',
      'khong.co.ai',
      '--reason',
      'x',
      '--database',
      url,
    ]).catch((error: { code: number; stderr: string }) => error);
    expect('code' in unknown && unknown.code).not.toBe(0);
    expect('stderr' in unknown && unknown.stderr).toContain('Không tìm thấy người dùng');
  }, 60_000);
});
