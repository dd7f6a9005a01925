import type { AppContext } from '../context.ts';
import { AppError, notFound } from '../lib/errors.ts';
import {
  findOrganizationByCode,
  isInSubtree,
} from '../modules/organizations/organizations.repository.ts';
import { isOrganizationHeld } from '../modules/organizations/tree.repository.ts';
import type { Actor } from './actor.ts';
import { assertCan, organizationInScope as organizationInScopeOn } from './access.ts';
import {
  isMembershipInScope,
  isPersonInScope,
  isUnitInScope,
  organizationOfGrant,
  organizationOfRecord,
  organizationOfToken,
  organizationOfUser,
  unitIdByCode,
} from './scope.repository.ts';

/**
 * The one place that decides whether an id or a code a caller sends names a record of their
 * subtree (docs/security.md, "The scope rule"). `defineRoute` resolves every reference a route
 * declares — in its path, its query and its body — through `assertReferenceInScope` before the
 * handler runs; a reference outside the subtree gets exactly the answer of one that does not
 * exist, and nothing runs.
 */

/** What an id or code in a request names. */
export type ReferenceKind =
  | 'organization'
  | 'unit'
  | 'person'
  | 'candidate'
  | 'membership'
  | 'course'
  | 'file'
  | 'user'
  | 'username'
  | 'token'
  | 'grant';

/** Vietnamese names of the kinds, for "not found" answers. */
const KIND_LABELS: Record<ReferenceKind, string> = {
  organization: 'tổ chức đảng',
  unit: 'đơn vị',
  person: 'người này',
  candidate: 'hồ sơ',
  membership: 'đảng viên',
  course: 'lớp bồi dưỡng',
  file: 'tệp',
  user: 'người dùng',
  username: 'người dùng',
  token: 'mã truy cập',
  grant: 'quyền',
};

/** How a reference is checked. */
export interface ReferenceCheck {
  /** Reads judge an organization named in a report query on `asOf` (or today); writes on today. */
  purpose: 'read' | 'write';
  /**
   * For writes that take effect on a date (a reorganization, the end of a membership): the
   * organization must lie in the subtree on that date too, so no one rewrites the history of a
   * part of the tree that was not theirs then.
   */
  on?: string | undefined;
  /** For reads of an organization as of a date (reports, lists). */
  asOf?: string | undefined;
}

/** Whether an organization code names one in the actor's subtree for this check. */
async function organizationInScope(
  ctx: AppContext,
  actor: Actor,
  code: string,
  check: ReferenceCheck,
): Promise<boolean> {
  const organization = await findOrganizationByCode(ctx.db, code);
  if (!organization) return false;
  if (check.purpose === 'read')
    return organizationInScopeOn(ctx, actor, organization, check.asOf ?? null);
  // A write names an organization held today (a dissolved one only where its records still are)
  // and, taking effect on another date, lying under the caller then too.
  const root = actor.organizationId;
  const today = ctx.clock.today();
  if (root === null) return true;
  if (!(await isOrganizationHeld(ctx.db, root, organization.id, today))) return false;
  return (
    check.on === undefined ||
    check.on === today ||
    isInSubtree(ctx.db, root, organization.id, check.on)
  );
}

/** Whether a record named by a reference exists and lies in the actor's subtree. */
export async function isReferenceInScope(
  ctx: AppContext,
  actor: Actor,
  kind: ReferenceKind,
  value: string | number,
  check: ReferenceCheck,
): Promise<boolean> {
  const db = ctx.db;
  const root = actor.organizationId;
  const today = ctx.clock.today();
  const id = typeof value === 'number' ? value : Number.NaN;
  switch (kind) {
    case 'organization':
      return organizationInScope(ctx, actor, String(value), check);
    case 'unit': {
      const unitId = await unitIdByCode(db, String(value));
      if (unitId === undefined) return false;
      return root === null || isUnitInScope(db, root, unitId, today);
    }
    case 'person':
      if (!Number.isSafeInteger(id)) return false;
      if (root === null)
        return (
          (await db.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst()) !==
          undefined
        );
      return isPersonInScope(db, root, id, today);
    case 'candidate':
    case 'course':
    case 'file': {
      if (!Number.isSafeInteger(id)) return false;
      const organizationId = await organizationOfRecord(db, kind, id);
      if (organizationId === undefined) return false;
      return root === null || isOrganizationHeld(db, root, organizationId, today);
    }
    case 'membership': {
      if (!Number.isSafeInteger(id)) return false;
      const exists = await db
        .selectFrom('memberships')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!exists) return false;
      return root === null || isMembershipInScope(db, root, id, today);
    }
    case 'user':
    case 'username':
    case 'token':
    case 'grant': {
      const owner =
        kind === 'token' || kind === 'grant'
          ? Number.isSafeInteger(id)
            ? await (kind === 'token' ? organizationOfToken : organizationOfGrant)(db, id, today)
            : undefined
          : await organizationOfUser(
              db,
              kind === 'user'
                ? { id: Number.isSafeInteger(id) ? id : -1 }
                : { username: String(value) },
              today,
            );
      if (!owner) return false;
      if (root === null || owner.organizationId === root) return true;
      return (
        owner.organizationId !== null && isOrganizationHeld(db, root, owner.organizationId, today)
      );
    }
  }
}

/** Where a reference came from in the request, for the answer's shape. */
export type ReferencePlace = 'params' | 'query' | 'body';

/**
 * Throws unless the reference names a record of the actor's subtree. The refusal is the same
 * whether the record does not exist or lies outside: 404 for a path or query parameter, 400
 * naming the body field otherwise (so the form shows it next to the field).
 */
export async function assertReferenceInScope(
  ctx: AppContext,
  actor: Actor,
  reference: { kind: ReferenceKind; value: string | number; place: ReferencePlace; field: string },
  check: ReferenceCheck,
): Promise<void> {
  assertCan(actor, 'read');
  if (await isReferenceInScope(ctx, actor, reference.kind, reference.value, check)) return;
  const label = KIND_LABELS[reference.kind];
  if (reference.place !== 'body') throw notFound(label);
  throw new AppError('validation', `Không tìm thấy ${label}`, [
    {
      field: reference.field,
      message: `Không tìm thấy ${label} trong phạm vi của bạn`,
      messageEn: `No such ${reference.kind} in your scope`,
    },
  ]);
}
