import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../lib/errors.ts';
import {
  findOrganizationByCode,
  findOrganizationById,
  isInSubtree,
  rootsAsOf,
  wasEverInSubtree,
  type Organization,
} from '../modules/organizations/organizations.repository.ts';
import type { Actor, Role } from './actor.ts';

/** What an actor may do, by role. Deny by default: a role not listed may not. */
const ABILITIES: Record<string, readonly Role[]> = {
  read: ['system', 'admin', 'officer', 'trainer', 'viewer'],
  readPersonalData: ['system', 'admin', 'officer'],
  write: ['system', 'admin', 'officer'],
  train: ['system', 'admin', 'officer', 'trainer'],
  reorganize: ['system', 'admin'],
  manageUsers: ['system', 'admin'],
};

/** An action that access decides on. */
export type Ability = keyof typeof ABILITIES;

/** Whether the actor's role allows an ability (scope is checked separately). */
export function can(actor: Actor, ability: Ability): boolean {
  return ABILITIES[ability]?.includes(actor.role) ?? false;
}

/** Throws 403 unless the actor's role allows the ability. */
export function assertCan(actor: Actor, ability: Ability): void {
  if (!can(actor, ability))
    throw new AppError('forbidden', 'Bạn không có quyền thực hiện thao tác này');
}

/**
 * Resolves an organization code the actor asked about (or the actor's own root when no code is
 * given) and checks it lies in the actor's subtree as of a date; outside it, it is "not found".
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
  if (!organization) throw notFound(`tổ chức đảng ${code}`);
  if (actor.organizationId !== null && actor.organizationId !== organization.id) {
    const inside =
      (await isInSubtree(ctx.db, actor.organizationId, organization.id, asOf)) ||
      (await wasEverInSubtree(ctx.db, actor.organizationId, organization.id));
    if (!inside) throw notFound(`tổ chức đảng ${code}`);
  }
  return organization;
}

/** Throws "not found" unless an organization lies in the actor's subtree (ever, for past records). */
export async function assertOrganizationInScope(
  ctx: AppContext,
  actor: Actor,
  organizationId: number,
): Promise<void> {
  assertCan(actor, 'read');
  if (actor.organizationId === null || actor.organizationId === organizationId) return;
  if (!(await wasEverInSubtree(ctx.db, actor.organizationId, organizationId)))
    throw notFound('bản ghi');
}

async function defaultRoot(db: Db, actor: Actor, asOf: string): Promise<Organization> {
  if (actor.organizationId !== null) {
    const own = await findOrganizationById(db, actor.organizationId);
    if (own) return own;
  }
  const roots = await rootsAsOf(db, asOf);
  const root = roots[0];
  if (!root) throw notFound('tổ chức đảng gốc');
  return root;
}
