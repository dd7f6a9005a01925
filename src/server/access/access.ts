import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { historyRootIds, isOrganizationHeld } from '../modules/organizations/tree.repository.ts';
import { AppError, notFound } from '../lib/errors.ts';
import {
  findOrganizationByCode,
  findOrganizationById,
  isInSubtree,
  rootsAsOf,
  type Organization,
} from '../modules/organizations/organizations.repository.ts';
import type { Actor, Role } from './actor.ts';

/**
 * What an actor may do, by role (docs/security.md has the same table). Deny by default: an
 * ability not listed, or a role not listed under it, may not. Scope (the subtree) is checked
 * separately, by the functions below.
 */
const ABILITIES = {
  /** See organizations, members, people (masked), candidates, plans and reports of the subtree. */
  read: ['system', 'admin', 'officer', 'trainer', 'viewer'],
  /** See national ID, phone and address unmasked. */
  readPersonalData: ['system', 'admin', 'officer'],
  /** Download reports and lists (XLSX, DOCX); every download is audited. */
  export: ['system', 'admin', 'officer', 'trainer', 'viewer'],
  /** Export everything held about one person (personal-data requests). */
  exportPersonalData: ['system', 'admin', 'officer'],
  /** Register and change people, members, candidates, plans, ratings. */
  write: ['system', 'admin', 'officer'],
  /** Import spreadsheets of people, members, candidates. */
  import: ['system', 'admin', 'officer'],
  /** Record Party-awareness courses and certificates. */
  train: ['system', 'admin', 'officer', 'trainer'],
  /** Create, move, merge, split and dissolve organizations. */
  reorganize: ['system', 'admin'],
  /** Create users, change their role or organization, disable them, issue API tokens. */
  manageUsers: ['system', 'admin'],
  /** Read and export the audit trail. */
  viewAudit: ['system', 'admin'],
  /** Change installation-wide data (holidays, rule versions, settings); see `assertCanConfigure`. */
  configure: ['system', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

/** An action that access decides on. */
export type Ability = keyof typeof ABILITIES;

/** Every ability, in the order of the table (for `abilities` answers and the docs). */
export const ABILITY_NAMES = Object.keys(ABILITIES) as Ability[];

/** Whether the actor's role allows an ability (scope is checked separately). */
export function can(actor: Actor, ability: Ability): boolean {
  const roles: readonly Role[] | undefined = ABILITIES[ability];
  return roles?.includes(actor.role) ?? false;
}

/** The abilities of an actor, as sent to the UI so that it offers only what the user may do. */
export function abilitiesOf(actor: Actor): Record<Ability, boolean> {
  return Object.fromEntries(ABILITY_NAMES.map((a) => [a, can(actor, a)])) as Record<
    Ability,
    boolean
  >;
}

/** Throws 403 unless the actor's role allows the ability. */
export function assertCan(actor: Actor, ability: Ability): void {
  if (!can(actor, ability))
    throw new AppError('forbidden', 'Bạn không có quyền thực hiện thao tác này');
}

/**
 * Whether an organization lies in the actor's subtree on a date, or is held by it today (under it
 * today, or for a dissolved organization on its last day: its records stay with the committee
 * that held it then; a cell moved elsewhere goes with its records to the new parent).
 */
export async function organizationInScope(
  ctx: AppContext,
  actor: Actor,
  organization: Organization,
  asOf: string | null,
): Promise<boolean> {
  const root = actor.organizationId;
  if (root === null || root === organization.id) return true;
  if (asOf !== null && (await isInSubtree(ctx.db, root, organization.id, asOf))) return true;
  return isOrganizationHeld(ctx.db, root, organization.id, ctx.clock.today());
}

/**
 * Resolves an organization code the actor asked about (or the actor's own root when no code is
 * given) and checks it lies in the actor's subtree as the tree stood on `asOf` (or lies there
 * now, since a cell's current parent holds its history); outside it, it is "not found".
 */
export async function resolveScopedOrganization(
  ctx: AppContext,
  actor: Actor,
  code: string | undefined,
  asOf: string,
): Promise<Organization> {
  assertCan(actor, 'read');
  if (!code) return defaultRoot(ctx.db, actor, asOf);
  const organization = await findOrganizationByCode(ctx.db, code);
  if (!organization || !(await organizationInScope(ctx, actor, organization, asOf)))
    throw notFound(`tổ chức đảng ${code}`);
  return organization;
}

/**
 * The organizations whose subtrees on `asOf` make up an organization's part of the tree on that
 * date, for reports and lists "as of D": itself if it existed then, and the organizations it
 * holds today as they stood then (a commune committee created in 2025 reads its cells' 2017
 * history under the former district). Disjoint on `asOf`; empty when it held nothing then.
 */
export function historyRoots(
  ctx: AppContext,
  organization: Organization,
  asOf: string,
): Promise<number[]> {
  return historyRootIds(ctx.db, organization.id, asOf, ctx.clock.today());
}

/**
 * Throws "not found" unless a record's organization lies in the actor's subtree today (or, for a
 * dissolved organization, on its last day).
 */
export async function assertOrganizationInScope(
  ctx: AppContext,
  actor: Actor,
  organizationId: number,
): Promise<void> {
  assertCan(actor, 'read');
  if (actor.organizationId === null || actor.organizationId === organizationId) return;
  const organization = await findOrganizationById(ctx.db, organizationId);
  if (!organization || !(await organizationInScope(ctx, actor, organization, null)))
    throw notFound('bản ghi');
}

/**
 * Whether the actor sees the whole installation: the CLI, or a user bound to a root of today's
 * tree. Only they see events that belong to no organization (sign-ins, reorganizations).
 */
export async function coversWholeInstallation(ctx: AppContext, actor: Actor): Promise<boolean> {
  if (actor.organizationId === null) return true;
  const roots = await rootsAsOf(ctx.db, ctx.clock.today());
  return roots.length === 1 && roots[0]?.id === actor.organizationId;
}

/**
 * Throws 403 unless the actor may change installation-wide data (holidays, rule versions,
 * settings): such data belongs to no subtree, so only admins of the whole installation may.
 */
export async function assertCanConfigure(ctx: AppContext, actor: Actor): Promise<void> {
  assertCan(actor, 'configure');
  if (!(await coversWholeInstallation(ctx, actor)))
    throw new AppError(
      'forbidden',
      'Chỉ quản trị viên toàn hệ thống mới được thay đổi dữ liệu dùng chung',
    );
}

async function defaultRoot(db: Db, actor: Actor, asOf: string): Promise<Organization> {
  if (actor.organizationId !== null) {
    const own = await findOrganizationById(db, actor.organizationId);
    if (own) return own;
    throw notFound('tổ chức đảng');
  }
  const roots = await rootsAsOf(db, asOf);
  const root = roots[0];
  if (!root) throw notFound('tổ chức đảng gốc');
  return root;
}
