import { z } from 'zod';
import { code, isoDate } from './contracts.ts';

/** Roles a user can hold (issue 3); `system` is the CLI and is never granted. */
export const USER_ROLES = ['admin', 'officer', 'trainer', 'viewer'] as const;
/** A role a user can hold. */
export type UserRole = (typeof USER_ROLES)[number];

/** Vietnamese names of the roles. */
export const USER_ROLE_LABELS: Record<UserRole, string> = {
  admin: 'Quản trị',
  officer: 'Cán bộ nghiệp vụ',
  trainer: 'Trung tâm chính trị',
  viewer: 'Chỉ xem',
};

/** A username: lower-case letters, digits, dot, dash, underscore. */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Tên đăng nhập cần ít nhất 3 ký tự')
  .max(64, 'Tên đăng nhập dài quá 64 ký tự')
  .regex(/^[a-z0-9._-]+$/, 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch');

/** A password as typed (strength is checked by the accounts rules, which know the username). */
export const password = z
  .string()
  .min(1, 'Cần nhập mật khẩu')
  .max(256, 'Mật khẩu dài quá 256 ký tự');

/** Sign-in (POST /api/v1/session). */
export const signInInput = z.object({ username, password });
export type SignInInput = z.input<typeof signInInput>;

/**
 * Password change (POST /api/v1/account/password). `revokeTokens` (default true) also revokes
 * the user's API tokens: a password is usually changed because someone else may know it, and
 * whoever had it could have had tokens issued that outlive it.
 */
export const changePasswordInput = z.object({
  currentPassword: password,
  newPassword: password,
  revokeTokens: z.boolean().default(true),
});
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

/** Creating a user (POST /api/v1/users, `dangvien user add`). */
export const createUserInput = z.object({
  username,
  displayName: z.string().trim().max(200).nullable().optional(),
  role: z.enum(USER_ROLES, { message: 'Vai trò phải là admin, officer, trainer hoặc viewer' }),
  organizationCode: code,
  password,
});
export type CreateUserInput = z.input<typeof createUserInput>;

/** Changing a user (PATCH /api/v1/users/{id}): role, organization, disabled; at least one. */
export const updateUserInput = z
  .object({
    role: z.enum(USER_ROLES).optional(),
    organizationCode: code.optional(),
    disabled: z.boolean().optional(),
    displayName: z.string().trim().max(200).nullable().optional(),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine(
    (v) =>
      v.role !== undefined ||
      v.organizationCode !== undefined ||
      v.disabled !== undefined ||
      v.displayName !== undefined,
    { message: 'Cần ít nhất một thay đổi' },
  );
export type UpdateUserInput = z.input<typeof updateUserInput>;

/** A reason given with an administrator's change (kept in the audit trail). */
const reason = z.string().trim().max(1000, 'Lý do dài quá 1.000 ký tự');

/**
 * An administrator sets a new password for another user (POST /api/v1/users/{id}/password): their
 * sessions and API tokens end and they choose their own password at the next sign-in.
 */
export const resetPasswordInput = z.object({ newPassword: password, reason: reason.optional() });
export type ResetPasswordInput = z.input<typeof resetPasswordInput>;

/**
 * A role over an organization's subtree from a day (POST /api/v1/users/{id}/grants): today or
 * later; the grant in force that day ends on it.
 */
export const grantRoleInput = z.object({
  role: z.enum(USER_ROLES, { message: 'Vai trò phải là admin, officer, trainer hoặc viewer' }),
  organizationCode: code,
  validFrom: isoDate,
  reason: reason.optional(),
});
export type GrantRoleInput = z.input<typeof grantRoleInput>;

/** Ends a role grant from a day (POST /api/v1/users/{id}/grants/{grantId}/end); it is kept. */
export const endGrantInput = z.object({ on: isoDate, reason: reason.optional() });
export type EndGrantInput = z.input<typeof endGrantInput>;

/** Issuing an API token (POST /api/v1/tokens). */
export const createTokenInput = z.object({
  username,
  name: z.string().trim().min(1, 'Cần đặt tên cho mã truy cập').max(100),
  expiresOn: isoDate.optional(),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;

/** Filters of the audit trail (GET /api/v1/audit). */
export const auditQuery = z.object({
  entity: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(80).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export type AuditQuery = z.input<typeof auditQuery>;
