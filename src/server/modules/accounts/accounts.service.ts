import { hash, verify } from '@node-rs/argon2';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import {
  abilitiesOf,
  assertCan,
  assertOrganizationInScope,
  resolveScopedOrganization,
} from '../../access/access.ts';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import {
  changePasswordInput,
  createTokenInput,
  createUserInput,
  signInInput,
  updateUserInput,
  type ChangePasswordInput,
  type CreateTokenInput,
  type CreateUserInput,
  type SignInInput,
  type UpdateUserInput,
  type UserRole,
} from '../../../shared/account-contracts.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import {
  clearThrottle,
  clearThrottlesOf,
  countFailure,
  countUsers,
  findApiTokenByHash,
  findApiTokenById,
  findSessionByHash,
  findThrottle,
  findUserById,
  findUserByUsername,
  grantRole,
  insertApiToken,
  insertSession,
  insertUser,
  isKnownAddress,
  listApiTokensOf,
  listUsersIn,
  lockThrottle,
  organizationsOfGrantsFrom,
  lockedUsernames,
  pruneThrottles,
  rememberAddress,
  revokeApiToken,
  revokeApiTokensOf,
  revokeSession,
  revokeSessionsOf,
  roleGrantsOf,
  touchApiToken,
  touchSession,
  updateUser as updateUserRow,
  type ThrottleKey,
  type UserRecord,
} from './accounts.repository.ts';
import {
  ACCOUNT_POLICY,
  addMinutes,
  hashToken,
  isLocked,
  lockAfterFailures,
  lockSetAside,
  newApiToken,
  newSecret,
  organizationExistsOn,
  passwordProblems,
  safeEqual,
  sessionExpiry,
  sessionProblem,
} from './accounts.rules.ts';
import { formatDate } from '../../../shared/dates.ts';
import type { PublicUser, SessionInfo } from '../../../shared/answers.ts';

export type { PublicUser, SessionInfo };

/** A user as the API shows them; `locked`: their sign-in is locked from at least one client address right now. */
export function present(user: UserRecord, locked: Set<string>): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    organization: { code: user.organizationCode, name: user.organizationName },
    disabled: user.disabled,
    locked: locked.has(user.username),
    grantActive: user.grantActive,
    mustChangePassword: user.mustChangePassword,
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
  };
}

/** A user bound to an organization dissolved by `today` has no scope left: they may not act. */
function organizationDissolved(user: UserRecord, today: string): boolean {
  return user.organizationDissolvedOn !== null && user.organizationDissolvedOn <= today;
}

/**
 * Refuses to bind a user (a new account, a move, a new role grant) to an organization that does
 * not exist on the grant's first day: dissolved on or before it, or not yet established.
 */
export function assertOrganizationExists(
  organization: { code: string; establishedOn: string; dissolvedOn: string | null },
  day: string,
): void {
  if (organizationExistsOn(organization, day)) return;
  const message =
    organization.dissolvedOn !== null && organization.dissolvedOn <= day
      ? `Tổ chức đảng ${organization.code} đã giải thể từ ngày ${formatDate(organization.dissolvedOn)}; hãy chọn tổ chức đang hoạt động`
      : `Tổ chức đảng ${organization.code} chưa thành lập vào ngày ${formatDate(day)}`;
  throw new AppError(
    'rule.organization_not_active',
    'Tổ chức đảng không hoạt động vào ngày này; không thể gán người dùng vào đó',
    [{ field: 'organizationCode', message }],
    { messageEn: 'Users cannot be bound to an organization that does not exist on that day' },
  );
}

/** What the audit log keeps about a user (no secrets). */
function auditShape(user: UserRecord) {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    organizationCode: user.organizationCode,
    disabled: user.disabled,
  };
}

/** Hashes a password with argon2id (the library's default algorithm; m=19 MiB, t=2). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the username is unknown, so that the answer takes as long either way.
let dummyHash: Promise<string> | undefined;

async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  dummyHash ??= hash(newSecret());
  const target = stored ?? (await dummyHash);
  try {
    return (await verify(target, password)) && stored !== null;
  } catch {
    return false;
  }
}

/** Refuses a new password that the account policy finds too weak, naming `field`. */
export function assertStrongPassword(password: string, username: string, field: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0)
    throw new AppError(
      'validation',
      'Mật khẩu chưa đủ mạnh',
      problems.map((message) => ({ field, message })),
    );
}

const badCredentials = () =>
  new AppError('unauthenticated', 'Sai tên đăng nhập hoặc mật khẩu', [], {
    messageEn: 'Wrong username or password',
  });

/** Where a sign-in came from (audited). */
export interface SignInMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

function actorOfUser(user: UserRecord, extra: Partial<Actor> = {}): Actor {
  return {
    username: user.username,
    userId: user.id,
    role: user.role,
    organizationId: user.organizationId,
    ...extra,
  };
}

/**
 * Signs in with a username and password: on success a new session (its token goes into the
 * cookie, only its hash is stored). Failures are counted per username AND client address, and
 * that pair locks for a while at the limit, so an attacker elsewhere cannot lock the real user
 * out; an administrator is never locked out from an address they signed in from before. A locked
 * pair, a wrong password, an unknown username, a disabled account and one whose organization was
 * dissolved all get the same answer after the same work (a password hash is always verified), so
 * the answer tells nothing about which usernames exist. Every attempt is audited.
 */
export async function signIn(
  ctx: AppContext,
  raw: SignInInput,
  meta: SignInMeta,
): Promise<SessionInfo & { sessionToken: string }> {
  const input = parseInput(signInInput, raw);
  const now = ctx.clock.now();
  const key: ThrottleKey = { purpose: 'sign_in', username: input.username, address: meta.ip ?? '' };
  const user = await findUserByUsername(ctx.db, input.username, ctx.clock.today());
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  const throttle = await findThrottle(ctx.db, key);
  const locked =
    isLocked(throttle?.lockedUntil ?? null, now) &&
    !(user && lockSetAside(user.role, await isKnownAddress(ctx.db, user.id, key.address)));
  const attempt: Actor = {
    username: input.username,
    userId: user?.id ?? null,
    role: user?.role ?? 'viewer',
    organizationId: user?.organizationId ?? null,
    ip: meta.ip,
    requestId: meta.requestId,
  };
  const dissolved = user !== undefined && organizationDissolved(user, ctx.clock.today());
  if (locked || !user || !passwordOk || user.disabled || !user.grantActive || dissolved) {
    await ctx.db.transaction().execute(async (trx) => {
      if (locked) {
        await recordEvent(trx, attempt, now, {
          action: 'session.sign_in_refused',
          entity: 'user',
          entityId: user?.id ?? null,
          organizationId: user?.organizationId ?? null,
          reason: 'locked',
          after: { address: key.address, lockedUntil: throttle?.lockedUntil ?? null },
        });
        return;
      }
      let lockedUntil: string | null = null;
      // Only a wrong password counts; for an unknown username too, so that it locks alike.
      if (!user || !passwordOk) {
        lockedUntil = lockAfterFailures('sign_in', await countFailure(trx, key, now), now);
        if (lockedUntil) await lockThrottle(trx, key, lockedUntil);
        await pruneThrottles(trx, addMinutes(now, -ACCOUNT_POLICY.throttleForgetHours * 60), now);
      }
      await recordEvent(trx, attempt, now, {
        action: 'session.sign_in_failed',
        entity: 'user',
        entityId: user?.id ?? null,
        organizationId: user?.organizationId ?? null,
        reason: !user
          ? 'unknown_user'
          : !passwordOk
            ? 'wrong_password'
            : user.disabled
              ? 'disabled'
              : !user.grantActive
                ? 'no_role'
                : 'organization_dissolved',
        after: lockedUntil ? { address: key.address, lockedUntil } : undefined,
      });
    });
    throw badCredentials();
  }
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const expiresAt = sessionExpiry(now);
  const sessionId = await ctx.db.transaction().execute(async (trx) => {
    await clearThrottle(trx, key);
    await rememberAddress(trx, user.id, key.address, now);
    const id = await insertSession(trx, {
      userId: user.id,
      tokenHash: hashToken(sessionToken),
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      revokedAt: null,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await recordEvent(trx, { ...attempt, sessionId: id }, now, {
      action: 'session.sign_in',
      entity: 'user',
      entityId: user.id,
      organizationId: user.organizationId,
    });
    return id;
  });
  const actor = actorOfUser(user, { sessionId });
  return {
    sessionToken,
    user: present(user, await lockedUsernames(ctx.db, now)),
    role: user.role,
    organization: { code: user.organizationCode, name: user.organizationName },
    csrfToken,
    abilities: abilitiesOf(actor),
    expiresAt,
  };
}

/** Credentials a request carried, as the HTTP layer read them. */
export interface Credentials {
  bearer: string | null;
  sessionToken: string | null;
  /** True for methods that may change data (everything but GET, HEAD, OPTIONS). */
  unsafeMethod: boolean;
  csrfToken: string | null;
  ip: string | null;
  requestId: string | null;
}

const unauthenticated = () =>
  new AppError('unauthenticated', 'Cần đăng nhập', [], { messageEn: 'Sign-in required' });

// Activity is written at most once a minute per session or token, not on every request.
const TOUCH_EVERY_MINUTES = 1;

/**
 * The user a session or token acts for, if they may still act: not disabled, and bound to an
 * organization that still exists. A dissolved organization's closure keeps its former subtree
 * for past dates, and people are scoped by every tie they ever had to a subtree, so an actor
 * rooted there would see everyone who was ever under it; such a user is refused until an
 * administrator moves them to an existing organization.
 */
async function activeUser(ctx: AppContext, userId: number): Promise<UserRecord> {
  const today = ctx.clock.today();
  const user = await findUserById(ctx.db, userId, today);
  if (!user || user.disabled || !user.grantActive || organizationDissolved(user, today))
    throw unauthenticated();
  return user;
}

/**
 * The actor of a request: a bearer token (scripts) or a session cookie (browsers); cookie
 * requests that may change data must also carry the session's CSRF token. Throws 401 otherwise.
 */
export async function authenticate(ctx: AppContext, credentials: Credentials): Promise<Actor> {
  const now = ctx.clock.now();
  const extra = { ip: credentials.ip, requestId: credentials.requestId };
  if (credentials.bearer) {
    const token = await findApiTokenByHash(ctx.db, hashToken(credentials.bearer));
    if (!token || token.revokedAt !== null || ctx.clock.today() >= token.expiresAt)
      throw unauthenticated();
    const user = await activeUser(ctx, token.userId);
    if (!token.lastUsedAt || token.lastUsedAt < addMinutes(now, -TOUCH_EVERY_MINUTES))
      await touchApiToken(ctx.db, token.id, now);
    return actorOfUser(user, extra);
  }
  if (credentials.sessionToken) {
    const session = await findSessionByHash(ctx.db, hashToken(credentials.sessionToken));
    if (!session || sessionProblem(session, now) !== null) throw unauthenticated();
    const user = await activeUser(ctx, session.userId);
    if (
      credentials.unsafeMethod &&
      !(credentials.csrfToken && safeEqual(credentials.csrfToken, session.csrfToken))
    )
      throw new AppError('forbidden', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF)', [], {
        reason: 'csrf',
        messageEn: 'Missing or wrong CSRF token',
      });
    if (session.lastSeenAt < addMinutes(now, -TOUCH_EVERY_MINUTES))
      await touchSession(ctx.db, session.id, now);
    return actorOfUser(user, {
      ...extra,
      sessionId: session.id,
      ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
    });
  }
  throw unauthenticated();
}

async function requireUser(db: Db, actor: Actor, today: string): Promise<UserRecord> {
  if (actor.userId === null) throw unauthenticated();
  const user = await findUserById(db, actor.userId, today);
  if (!user) throw unauthenticated();
  return user;
}

/** Who is signed in, their organization, the session's CSRF token and what the UI may offer. */
export async function whoAmI(ctx: AppContext, actor: Actor): Promise<SessionInfo> {
  const user = await requireUser(ctx.db, actor, ctx.clock.today());
  const session =
    actor.sessionId != null
      ? await ctx.db
          .selectFrom('sessions')
          .select(['csrfToken', 'expiresAt'])
          .where('id', '=', actor.sessionId)
          .executeTakeFirst()
      : undefined;
  return {
    user: present(user, await lockedUsernames(ctx.db, ctx.clock.now())),
    role: user.role,
    organization: { code: user.organizationCode, name: user.organizationName },
    csrfToken: session?.csrfToken ?? null,
    abilities: abilitiesOf(actor),
    expiresAt: session?.expiresAt ?? null,
  };
}

/** Ends the current session (a bearer-token request has none to end). */
export async function signOut(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.sessionId == null) return;
  const sessionId = actor.sessionId;
  const user = await requireUser(ctx.db, actor, ctx.clock.today());
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await revokeSession(trx, sessionId, now);
    await recordEvent(trx, actor, now, {
      action: 'session.sign_out',
      entity: 'user',
      entityId: user.id,
      organizationId: user.organizationId,
    });
  });
}

/** Signs the user out everywhere: every open session of theirs ends, this one included. */
export async function revokeAllSessions(
  ctx: AppContext,
  actor: Actor,
): Promise<{ revoked: number }> {
  const user = await requireUser(ctx.db, actor, ctx.clock.today());
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const revoked = await revokeSessionsOf(trx, user.id, now);
    await recordEvent(trx, actor, now, {
      action: 'session.revoke_all',
      entity: 'user',
      entityId: user.id,
      organizationId: user.organizationId,
      after: { revoked },
    });
    return { revoked };
  });
}

/**
 * Changes the caller's password after checking the current one; their other sessions end, and
 * their API tokens too unless `revokeTokens: false`. Wrong current passwords are counted per
 * user: at the limit the password change is refused for a while (a stolen session must not
 * become a way to guess the password). Every refusal and the change are audited.
 */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  raw: ChangePasswordInput,
): Promise<{ changed: true; sessionsRevoked: number; tokensRevoked: number }> {
  const input = parseInput(changePasswordInput, raw);
  const user = await requireUser(ctx.db, actor, ctx.clock.today());
  const now = ctx.clock.now();
  const key: ThrottleKey = { purpose: 'password_check', username: user.username, address: '' };
  const audited = { entity: 'user', entityId: user.id, organizationId: user.organizationId };
  const throttle = await findThrottle(ctx.db, key);
  if (isLocked(throttle?.lockedUntil ?? null, now)) {
    await recordEvent(ctx.db, actor, now, {
      action: 'user.password_change_refused',
      ...audited,
      reason: 'locked',
      after: { lockedUntil: throttle?.lockedUntil ?? null },
    });
    throw new AppError(
      'rate_limited',
      `Nhập sai mật khẩu hiện tại nhiều lần; thử lại sau ${ACCOUNT_POLICY.passwordCheckLockMinutes} phút`,
      [],
      { messageEn: 'Too many wrong current passwords; try again later' },
    );
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await ctx.db.transaction().execute(async (trx) => {
      const lockedUntil = lockAfterFailures(
        'password_check',
        await countFailure(trx, key, now),
        now,
      );
      if (lockedUntil) await lockThrottle(trx, key, lockedUntil);
      await recordEvent(trx, actor, now, {
        action: 'user.password_change_failed',
        ...audited,
        reason: 'wrong_password',
        after: lockedUntil ? { lockedUntil } : undefined,
      });
    });
    throw new AppError('validation', 'Mật khẩu hiện tại không đúng', [
      { field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng' },
    ]);
  }
  assertStrongPassword(input.newPassword, user.username, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction().execute(async (trx) => {
    const changedAt = ctx.clock.now();
    await updateUserRow(trx, user.id, {
      passwordHash,
      passwordChangedAt: changedAt,
      mustChangePassword: 0,
      updatedAt: changedAt,
    });
    await clearThrottle(trx, key);
    const sessions = await trx
      .updateTable('sessions')
      .set({ revokedAt: changedAt })
      .where('userId', '=', user.id)
      .where('revokedAt', 'is', null)
      .where('id', '!=', actor.sessionId ?? -1)
      .executeTakeFirst();
    const sessionsRevoked = Number(sessions.numUpdatedRows);
    const tokensRevoked = input.revokeTokens ? await revokeApiTokensOf(trx, user.id, changedAt) : 0;
    await recordEvent(trx, actor, changedAt, {
      action: 'user.password_change',
      ...audited,
      after: { sessionsRevoked, revokeTokens: input.revokeTokens, tokensRevoked },
    });
    return { changed: true as const, sessionsRevoked, tokensRevoked };
  });
}

/** A user the actor manages: in their subtree today, else "not found". */
export async function managedUser(ctx: AppContext, actor: Actor, id: number): Promise<UserRecord> {
  assertCan(actor, 'manageUsers');
  const user = await findUserById(ctx.db, id, ctx.clock.today());
  if (!user) throw notFound('người dùng');
  try {
    await assertOrganizationInScope(ctx, actor, user.organizationId);
    // A grant planned to start later counts too: a user the province has made its admin from
    // next week is not the commune's to reset, sign out, give a token or change.
    for (const organizationId of await organizationsOfGrantsFrom(
      ctx.db,
      user.id,
      ctx.clock.today(),
    ))
      await assertOrganizationInScope(ctx, actor, organizationId);
  } catch {
    throw notFound('người dùng');
  }
  return user;
}

/**
 * Creates a user with a role over an organization of the actor's subtree, and the first role
 * grant. The password is chosen by whoever creates the account; there is no default one.
 */
export async function createUser(
  ctx: AppContext,
  actor: Actor,
  raw: CreateUserInput,
): Promise<PublicUser> {
  assertCan(actor, 'manageUsers');
  const input = parseInput(createUserInput, raw);
  const organization = await resolveScopedOrganization(
    ctx,
    actor,
    input.organizationCode,
    ctx.clock.today(),
  );
  assertOrganizationExists(organization, ctx.clock.today());
  assertStrongPassword(input.password, input.username, 'password');
  if (await findUserByUsername(ctx.db, input.username, ctx.clock.today()))
    throw new AppError('validation', 'Tên đăng nhập đã được dùng', [
      { field: 'username', message: `Tên đăng nhập ${input.username} đã được dùng` },
    ]);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute((trx) =>
    insertUserWithGrant(trx, ctx, actor, {
      username: input.username,
      displayName: input.displayName ?? null,
      passwordHash,
      role: input.role,
      organizationId: organization.id,
    }),
  );
}

/**
 * Writes a new user, their first role grant and the `user.create` event inside the caller's
 * transaction; the caller has checked the organization, the password's strength and hashed it.
 */
export async function insertUserWithGrant(
  trx: Db,
  ctx: AppContext,
  actor: Actor,
  fields: {
    username: string;
    displayName: string | null;
    passwordHash: string;
    role: UserRole;
    organizationId: number;
  },
): Promise<PublicUser> {
  const now = ctx.clock.now();
  const id = await insertUser(trx, {
    username: fields.username,
    displayName: fields.displayName,
    passwordHash: fields.passwordHash,
    role: fields.role,
    organizationId: fields.organizationId,
    passwordChangedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  await grantRole(trx, {
    userId: id,
    role: fields.role,
    organizationId: fields.organizationId,
    grantedBy: actor.username,
    from: ctx.clock.today(),
    at: now,
  });
  const user = await findUserById(trx, id, ctx.clock.today());
  if (!user) throw new AppError('internal', 'user vanished');
  await recordEvent(trx, actor, now, {
    action: 'user.create',
    entity: 'user',
    entityId: id,
    organizationId: fields.organizationId,
    after: auditShape(user),
  });
  return present(user, await lockedUsernames(trx, now));
}

/** Users of the actor's subtree (every user for the CLI). */
export async function listUsers(ctx: AppContext, actor: Actor): Promise<{ items: PublicUser[] }> {
  assertCan(actor, 'manageUsers');
  const users = await listUsersIn(ctx.db, actor.organizationId, ctx.clock.today());
  const locked = await lockedUsernames(ctx.db, ctx.clock.now());
  return { items: users.map((u) => present(u, locked)) };
}

/** One user of the actor's subtree, with their dated role grants. */
export async function getUser(ctx: AppContext, actor: Actor, id: number) {
  const user = await managedUser(ctx, actor, id);
  const locked = await lockedUsernames(ctx.db, ctx.clock.now());
  return { ...present(user, locked), grants: await roleGrantsOf(ctx.db, id) };
}

/**
 * Changes a user's role, organization or disabled flag. A role or organization change closes the
 * current grant and opens a new one, on an organization that exists today; disabling ends every
 * session and token of the user, enabling clears their sign-in locks.
 */
export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: number,
  raw: UpdateUserInput,
): Promise<PublicUser> {
  const input = parseInput(updateUserInput, raw);
  const user = await managedUser(ctx, actor, id);
  if (user.id === actor.userId && (input.role !== undefined || input.disabled === true))
    throw new AppError(
      'rule.self_demotion',
      'Không thể tự đổi vai trò hoặc tự khóa tài khoản của mình; hãy nhờ một quản trị viên khác',
      [
        {
          field: input.role !== undefined ? 'role' : 'disabled',
          message: 'Không áp dụng cho chính mình',
        },
      ],
    );
  const today = ctx.clock.today();
  const organization = input.organizationCode
    ? await resolveScopedOrganization(ctx, actor, input.organizationCode, today)
    : undefined;
  const role = input.role ?? user.role;
  const organizationId = organization?.id ?? user.organizationId;
  const newGrant = role !== user.role || organizationId !== user.organizationId;
  if (newGrant)
    assertOrganizationExists(
      organization ?? {
        code: user.organizationCode,
        establishedOn: user.organizationEstablishedOn,
        dissolvedOn: user.organizationDissolvedOn,
      },
      today,
    );
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await updateUserRow(trx, id, {
      role,
      organizationId,
      ...(input.disabled !== undefined ? { disabled: input.disabled ? 1 : 0 } : {}),
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      updatedAt: now,
    });
    if (input.disabled === false) await clearThrottlesOf(trx, user.username);
    if (newGrant)
      await grantRole(trx, {
        userId: id,
        role,
        organizationId,
        grantedBy: actor.username,
        from: today,
        at: now,
      });
    if (input.disabled === true) {
      await revokeSessionsOf(trx, id, now);
      await revokeApiTokensOf(trx, id, now);
    }
    const updated = await findUserById(trx, id, today);
    if (!updated) throw new AppError('internal', 'user vanished');
    await recordEvent(trx, actor, now, {
      action: 'user.update',
      entity: 'user',
      entityId: id,
      organizationId,
      // A user moved to another organization: the admins of the one they left see it too.
      organizationIds: [user.organizationId],
      reason: input.reason ?? null,
      before: auditShape(user),
      after: auditShape(updated),
    });
    return present(updated, await lockedUsernames(trx, now));
  });
}

/** A new API token for a user of the actor's subtree; the token is shown once, only its hash is kept. */
export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  raw: CreateTokenInput,
): Promise<{
  id: number;
  token: string;
  name: string;
  username: string;
  expiresOn: string | null;
}> {
  assertCan(actor, 'manageUsers');
  const input = parseInput(createTokenInput, raw);
  const found = await findUserByUsername(ctx.db, input.username, ctx.clock.today());
  if (!found) throw notFound('người dùng');
  const user = await managedUser(ctx, actor, found.id);
  if (user.disabled)
    throw new AppError('rule.user_disabled', 'Tài khoản đã bị khóa; không cấp mã truy cập', [
      { field: 'username', message: 'Tài khoản đã bị khóa' },
    ]);
  if (input.expiresOn !== undefined && input.expiresOn <= ctx.clock.today())
    throw new AppError('validation', 'Ngày hết hạn phải sau hôm nay', [
      { field: 'expiresOn', message: 'Ngày hết hạn phải sau hôm nay' },
    ]);
  const token = newApiToken();
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const id = await insertApiToken(trx, {
      userId: user.id,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      createdBy: actor.username,
      createdAt: now,
      lastUsedAt: null,
      ...(input.expiresOn ? { expiresAt: input.expiresOn } : {}),
      revokedAt: null,
    });
    await recordEvent(trx, actor, now, {
      action: 'token.create',
      entity: 'api_token',
      entityId: id,
      organizationId: user.organizationId,
      after: { username: user.username, name: input.name, expiresOn: input.expiresOn ?? null },
    });
    return {
      id,
      token,
      name: input.name,
      username: user.username,
      expiresOn: input.expiresOn ?? null,
    };
  });
}

/** API tokens of the users of the actor's subtree (never the token itself). */
export async function listApiTokens(ctx: AppContext, actor: Actor) {
  assertCan(actor, 'manageUsers');
  const users = await listUsersIn(ctx.db, actor.organizationId, ctx.clock.today());
  const rows = await listApiTokensOf(
    ctx.db,
    users.map((u) => u.id),
  );
  return {
    items: rows.map((r) => ({
      ...r,
      expiresAt: r.expiresAt === '9999-12-31' ? null : r.expiresAt,
    })),
  };
}

/** Revokes an API token of a user of the actor's subtree; it stops working at once. */
export async function revokeApiTokenById(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<{ id: number; revoked: true }> {
  assertCan(actor, 'manageUsers');
  const token = await findApiTokenById(ctx.db, id);
  if (!token) throw notFound('mã truy cập');
  let user: UserRecord;
  try {
    user = await managedUser(ctx, actor, token.userId);
  } catch {
    throw notFound('mã truy cập');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await revokeApiToken(trx, id, now);
    await recordEvent(trx, actor, now, {
      action: 'token.revoke',
      entity: 'api_token',
      entityId: id,
      organizationId: user.organizationId,
      before: { revokedAt: token.revokedAt },
      after: { revokedAt: token.revokedAt ?? now },
    });
  });
  return { id, revoked: true };
}

/**
 * Clears every sign-in and password-change lock of a user, from every address
 * (`dangvien user unlock USERNAME`); audited with how many were cleared.
 */
export async function unlockUser(
  ctx: AppContext,
  actor: Actor,
  username: string,
): Promise<{ username: string; cleared: number }> {
  assertCan(actor, 'manageUsers');
  const found = await findUserByUsername(ctx.db, username.trim().toLowerCase(), ctx.clock.today());
  if (!found) throw notFound('người dùng');
  const user = await managedUser(ctx, actor, found.id);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const cleared = await clearThrottlesOf(trx, user.username);
    await recordEvent(trx, actor, now, {
      action: 'user.unlock',
      entity: 'user',
      entityId: user.id,
      organizationId: user.organizationId,
      after: { cleared },
    });
    return { username: user.username, cleared };
  });
}

/** Whether the installation has no user yet (the CLI then explains how to create the first admin). */
export async function hasNoUsers(ctx: AppContext): Promise<boolean> {
  return (await countUsers(ctx.db)) === 0;
}
