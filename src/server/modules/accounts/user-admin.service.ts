import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { resolveScopedOrganization } from '../../access/access.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import {
  endGrantInput,
  grantRoleInput,
  resetPasswordInput,
  type EndGrantInput,
  type GrantRoleInput,
  type ResetPasswordInput,
} from '../../../shared/account-contracts.ts';
import type { RoleGrantInfo } from '../../../shared/answers.ts';
import { formatDate } from '../../../shared/dates.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import {
  clearThrottlesOf,
  endRoleGrant,
  findRoleGrant,
  findUserByUsername,
  grantRole,
  grantsStartingAfter,
  revokeApiTokensOf,
  revokeSessionsOf,
  roleGrantsOf,
  updateUser as updateUserRow,
  type UserRecord,
} from './accounts.repository.ts';
import {
  assertOrganizationExists,
  assertStrongPassword,
  hashPassword,
  managedUser,
} from './accounts.service.ts';

/**
 * What an administrator does to another user of their subtree beyond creating and changing them
 * (issue 15): reset their password, sign them out everywhere, grant a role from a day, end a
 * grant from a day. Each use case is one transaction, audited with the actor and the reason.
 */

/** An administrator acts on someone else: their own password and grants go other ways. */
function assertNotSelf(actor: Actor, user: UserRecord, field: string, message: string): void {
  if (user.id === actor.userId)
    throw new AppError('rule.self_demotion', message, [
      { field, message: 'Không áp dụng cho chính mình' },
    ]);
}

/** The id of a user of the actor's subtree by username (the CLI names users so), else "not found". */
export async function managedUserId(
  ctx: AppContext,
  actor: Actor,
  username: string,
): Promise<number> {
  const found = await findUserByUsername(ctx.db, username.trim().toLowerCase(), ctx.clock.today());
  if (!found) throw notFound('người dùng');
  return (await managedUser(ctx, actor, found.id)).id;
}

/**
 * Sets a new password for a user of the actor's subtree: every session and API token of theirs
 * ends, their sign-in locks are cleared, and they must choose their own password at the next
 * sign-in (unless `mustChange: false`: the CLI's operator restoring their own access at the
 * machine). Audited without the password.
 */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  id: number,
  raw: ResetPasswordInput,
  options: { mustChange?: boolean } = {},
): Promise<{ reset: true; sessionsRevoked: number; tokensRevoked: number }> {
  const input = parseInput(resetPasswordInput, raw);
  const mustChange = options.mustChange ?? true;
  const user = await managedUser(ctx, actor, id);
  assertNotSelf(
    actor,
    user,
    'newPassword',
    'Không đặt lại mật khẩu của chính mình ở đây; hãy dùng "Đổi mật khẩu"',
  );
  assertStrongPassword(input.newPassword, user.username, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await updateUserRow(trx, user.id, {
      passwordHash,
      passwordChangedAt: now,
      mustChangePassword: mustChange ? 1 : 0,
      updatedAt: now,
    });
    const sessionsRevoked = await revokeSessionsOf(trx, user.id, now);
    const tokensRevoked = await revokeApiTokensOf(trx, user.id, now);
    const locksCleared = await clearThrottlesOf(trx, user.username);
    await recordEvent(trx, actor, now, {
      action: 'user.password_reset',
      entity: 'user',
      entityId: user.id,
      organizationId: user.organizationId,
      reason: input.reason ?? null,
      after: { sessionsRevoked, tokensRevoked, locksCleared, mustChangePassword: mustChange },
    });
    return { reset: true as const, sessionsRevoked, tokensRevoked };
  });
}

/** Ends every open session of a user of the actor's subtree (their API tokens stay). */
export async function revokeUserSessions(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<{ revoked: number }> {
  const user = await managedUser(ctx, actor, id);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const revoked = await revokeSessionsOf(trx, user.id, now);
    await recordEvent(trx, actor, now, {
      action: 'session.revoke_all',
      entity: 'user',
      entityId: user.id,
      organizationId: user.organizationId,
      after: { revoked, username: user.username },
    });
    return { revoked };
  });
}

function dateProblem(field: string, message: string): AppError {
  return new AppError('validation', message, [{ field, message }]);
}

/**
 * Grants a user of the actor's subtree a role over an organization of it from a day (today or
 * later; the organization must exist that day). The grant in force that day ends on it; a grant
 * planned to start later must be ended first, so grants never overlap. From today, the user's
 * role changes at once.
 */
export async function grantRoleFrom(
  ctx: AppContext,
  actor: Actor,
  id: number,
  raw: GrantRoleInput,
): Promise<{ grants: RoleGrantInfo[] }> {
  const input = parseInput(grantRoleInput, raw);
  const user = await managedUser(ctx, actor, id);
  assertNotSelf(
    actor,
    user,
    'role',
    'Không thể tự cấp quyền cho mình; hãy nhờ một quản trị viên khác',
  );
  const today = ctx.clock.today();
  if (input.validFrom < today)
    throw dateProblem(
      'validFrom',
      `Ngày bắt đầu không được trước hôm nay (${formatDate(today)}); quá khứ không sửa được`,
    );
  const organization = await resolveScopedOrganization(ctx, actor, input.organizationCode, today);
  assertOrganizationExists(organization, input.validFrom);
  const later = await grantsStartingAfter(ctx.db, user.id, input.validFrom);
  if (later[0])
    throw new AppError(
      'rule.grant_planned_later',
      'Người dùng đã có quyền được lên lịch bắt đầu sau ngày này; hãy kết thúc quyền đó trước',
      [
        {
          field: 'validFrom',
          message: `Đã có quyền bắt đầu từ ${formatDate(later[0].validFrom)}`,
        },
      ],
    );
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const grantId = await grantRole(trx, {
      userId: user.id,
      role: input.role,
      organizationId: organization.id,
      grantedBy: actor.username,
      from: input.validFrom,
      at: now,
    });
    // Today's grant is also the user's row (read where no grant exists, e.g. by older backups).
    if (input.validFrom === today)
      await updateUserRow(trx, user.id, {
        role: input.role,
        organizationId: organization.id,
        updatedAt: now,
      });
    await recordEvent(trx, actor, now, {
      action: 'user.grant',
      entity: 'user',
      entityId: user.id,
      organizationId: organization.id,
      organizationIds: [user.organizationId],
      effectiveOn: input.validFrom,
      reason: input.reason ?? null,
      before: { role: user.role, organizationCode: user.organizationCode },
      after: {
        grantId,
        role: input.role,
        organizationCode: organization.code,
        validFrom: input.validFrom,
      },
    });
  });
  return { grants: await roleGrantsOf(ctx.db, user.id) };
}

/**
 * Ends a grant of a user of the actor's subtree from a day (today or later, not before the grant
 * starts, before it would end anyway). The grant is kept with its new end; from that day the user
 * holds no role there and cannot act until granted one.
 */
export async function endGrant(
  ctx: AppContext,
  actor: Actor,
  id: number,
  grantId: number,
  raw: EndGrantInput,
): Promise<{ grants: RoleGrantInfo[] }> {
  const input = parseInput(endGrantInput, raw);
  const user = await managedUser(ctx, actor, id);
  const grant = await findRoleGrant(ctx.db, grantId);
  if (!grant || grant.userId !== user.id) throw notFound('quyền');
  assertNotSelf(
    actor,
    user,
    'on',
    'Không thể tự kết thúc quyền của mình; hãy nhờ một quản trị viên khác',
  );
  const today = ctx.clock.today();
  if (grant.validTo <= today || grant.validTo <= grant.validFrom)
    throw new AppError('rule.grant_ended', 'Quyền này đã kết thúc', [
      { field: 'on', message: `Quyền này đã kết thúc từ ${formatDate(grant.validTo)}` },
    ]);
  if (input.on < today)
    throw dateProblem('on', `Ngày kết thúc không được trước hôm nay (${formatDate(today)})`);
  if (input.on < grant.validFrom)
    throw dateProblem(
      'on',
      `Ngày kết thúc không được trước ngày bắt đầu của quyền (${formatDate(grant.validFrom)})`,
    );
  if (input.on >= grant.validTo)
    throw dateProblem(
      'on',
      `Quyền này đã kết thúc từ ${formatDate(grant.validTo)}; chọn một ngày trước đó`,
    );
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await endRoleGrant(trx, grant.id, input.on, actor.username);
    await recordEvent(trx, actor, now, {
      action: 'user.grant_end',
      entity: 'user',
      entityId: user.id,
      organizationId: grant.organizationId,
      organizationIds: [user.organizationId],
      effectiveOn: input.on,
      reason: input.reason ?? null,
      before: { grantId: grant.id, role: grant.role, validTo: grant.validTo },
      after: { grantId: grant.id, role: grant.role, validTo: input.on },
    });
  });
  return { grants: await roleGrantsOf(ctx.db, user.id) };
}
