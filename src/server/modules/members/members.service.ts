import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { z } from 'zod';
import { assertCan, can, historyRoots, resolveScopedOrganization } from '../../access/access.ts';
import { addYears } from '../../../shared/dates.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { code, isoDate } from '../../../shared/contracts.ts';
import { MEMBERSHIP_END_REASONS } from '../../../shared/enums.ts';
import { foldText } from '../../../shared/text.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { recordRead } from '../audit/audit.service.ts';
import { moveOpenCandidacy, setCandidateDue } from '../candidates/candidates.repository.ts';
import { probationEndsOn } from '../candidates/candidates.rules.ts';
import { ruleSetOn } from '../candidates/rule-versions.ts';
import { isInSubtree } from '../organizations/organizations.repository.ts';
import {
  findMembershipForChange,
  listMembersAsOf,
  membershipPeriods,
  recognitionDecidedOn,
} from './members.repository.ts';
import {
  endMembership as endMembershipOn,
  transferMembership,
} from '../membership/membership.ledger.ts';

/** The members list's query (SPEC §9 GET /members, with filters). */
export interface MemberListQuery {
  org?: string | undefined;
  status?: 'probationary' | 'official' | undefined;
  asOf?: string | undefined;
  gender?: 'male' | 'female' | undefined;
  ethnicity?: string | undefined;
  targetGroup?: string | undefined;
  ageMin?: number | undefined;
  ageMax?: number | undefined;
  q?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Members of an organization's subtree on a date, filtered, in Vietnamese name order. */
export async function listMembers(ctx: AppContext, actor: Actor, query: MemberListQuery) {
  const asOf = query.asOf ?? ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, query.org, asOf);
  // Listing the "religious" group would tell the religion that presentPerson masks.
  if (query.targetGroup === 'religious' && !can(actor, 'readPersonalData'))
    throw new AppError('forbidden', 'Bạn không có quyền lọc theo đối tượng người có đạo', [
      { field: 'targetGroup', message: 'Tôn giáo là dữ liệu cá nhân nhạy cảm' },
    ]);
  // At least N years old on asOf: born on or before asOf − N years; at most M: born after asOf − (M + 1) years.
  const filters = {
    status: query.status,
    gender: query.gender,
    ethnicity: query.ethnicity,
    targetGroup: query.targetGroup,
    bornOnOrBefore: query.ageMin !== undefined ? addYears(asOf, -query.ageMin) : undefined,
    bornAfter: query.ageMax !== undefined ? addYears(asOf, -(query.ageMax + 1)) : undefined,
    nameFolded: query.q ? foldText(query.q) : undefined,
  };
  // As of a past date: the organization's history then (the organizations it holds today).
  const page = await listMembersAsOf(
    ctx.db,
    await historyRoots(ctx, root, asOf),
    asOf,
    filters,
    query.limit ?? 50,
    query.offset ?? 0,
  );
  // Between the end of probation and the recognition decision the list says "chờ công nhận":
  // the decision makes the member official from the end of probation (29-QĐ/TW mục 4.2b), but on
  // a day before it was signed nobody could call them official yet, nor still simply probationary.
  const decided = await recognitionDecidedOn(
    ctx.db,
    page.items.filter((m) => m.status === 'official').map((m) => m.id),
  );
  const items = page.items.map((m) => {
    const ended = probationEndsOn(m.admittedOn, ruleSetOn(m.admittedOn));
    const decidedOn = decided.get(m.id);
    const awaiting =
      ended <= asOf &&
      (m.status === 'probationary' || (decidedOn !== undefined && decidedOn > asOf));
    return { ...m, awaitingRecognitionSince: awaiting ? ended : null };
  });
  await recordRead(ctx, actor, {
    action: 'member.list',
    entity: 'member',
    organizationId: root.id,
    effectiveOn: asOf,
    query: { ...query },
    returned: page.items.length,
    total: page.total,
    personIds: page.items.map((m) => m.personId),
  });
  return { items, total: page.total };
}

/** Ending a membership (SPEC §2: transfer out, death, removal, expulsion, leaving). */
export const endMembershipInput = z.object({
  on: isoDate,
  reason: z.enum(MEMBERSHIP_END_REASONS),
  note: z.string().trim().max(1000).optional(),
});

/** Moving a member to another cell inside the installation. */
export const transferMemberInput = z.object({
  on: isoDate,
  toOrganizationCode: code,
  unitCode: code.optional(),
  note: z.string().trim().max(1000).optional(),
});

async function membershipInScope(ctx: AppContext, actor: Actor, membershipId: number, on: string) {
  const found = await findMembershipForChange(ctx.db, membershipId, on);
  if (!found) throw notFound('đảng viên');
  // Scope first, so that an outsider learns nothing about the membership's dates.
  if (actor.organizationId !== null) {
    const periods = await membershipPeriods(ctx.db, membershipId);
    const inside = await Promise.all(
      periods.map((p) =>
        isInSubtree(ctx.db, actor.organizationId ?? 0, p.organizationId, p.validFrom),
      ),
    );
    if (!inside.some(Boolean)) throw notFound('đảng viên');
  }
  if (!found.period) {
    throw new AppError('rule.membership_not_active', `Đảng viên không sinh hoạt vào ngày ${on}`, [
      { field: 'on', message: 'Ngày này không thuộc thời gian là đảng viên' },
    ]);
  }
  if (
    actor.organizationId !== null &&
    !(await isInSubtree(ctx.db, actor.organizationId, found.period.organizationId, on))
  ) {
    throw notFound('đảng viên');
  }
  if (found.hasLaterPeriods) {
    throw new AppError(
      'rule.membership_changed_later',
      'Đã có thay đổi ghi sau ngày này; hãy ghi theo thứ tự thời gian',
      [{ field: 'on', message: 'Đã có thay đổi sau ngày này' }],
    );
  }
  return { ...found, period: found.period };
}

/** Ends a membership on a date, in one transaction, audited; a probationary member's recognition alert is cleared. */
export async function endMembership(
  ctx: AppContext,
  actor: Actor,
  membershipId: number,
  raw: unknown,
) {
  assertCan(actor, 'write');
  const input = parseInput(endMembershipInput, raw);
  const { membership, period } = await membershipInScope(ctx, actor, membershipId, input.on);
  if (input.on <= period.validFrom) {
    throw new AppError('validation', 'Ngày kết thúc phải sau ngày bắt đầu sinh hoạt', [
      { field: 'on', message: `Phải sau ${period.validFrom}` },
    ]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    await endMembershipOn(trx, membership.id, input.on, input.reason);
    if (membership.candidateId !== null)
      await setCandidateDue(trx, membership.candidateId, null, null);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'membership.end',
      entity: 'membership',
      entityId: membership.id,
      organizationId: period.organizationId,
      effectiveOn: input.on,
      reason: input.note ?? input.reason,
      before: { endedOn: null, organizationId: period.organizationId, status: period.status },
      after: { endedOn: input.on, endReason: input.reason },
    });
    return {
      id: membership.id,
      personId: membership.personId,
      endedOn: input.on,
      endReason: input.reason,
    };
  });
}

/** Moves a member to another cell from a date (a transfer within the installation), audited. */
export async function transferMember(
  ctx: AppContext,
  actor: Actor,
  membershipId: number,
  raw: unknown,
) {
  assertCan(actor, 'write');
  const input = parseInput(transferMemberInput, raw);
  const { membership, period } = await membershipInScope(ctx, actor, membershipId, input.on);
  const target = await resolveScopedOrganization(ctx, actor, input.toOrganizationCode, input.on);
  if (
    target.kind !== 'cell' ||
    target.establishedOn > input.on ||
    (target.dissolvedOn !== null && target.dissolvedOn <= input.on)
  ) {
    throw new AppError('validation', 'Chỉ chuyển sinh hoạt đến một chi bộ đang hoạt động', [
      {
        field: 'toOrganizationCode',
        message: `${target.code} không phải chi bộ đang hoạt động vào ngày ${input.on}`,
      },
    ]);
  }
  if (target.id === period.organizationId) {
    throw new AppError('validation', 'Đảng viên đã sinh hoạt ở chi bộ này', [
      { field: 'toOrganizationCode', message: 'Trùng chi bộ hiện tại' },
    ]);
  }
  if (input.on <= period.validFrom) {
    throw new AppError('validation', 'Ngày chuyển phải sau ngày bắt đầu sinh hoạt', [
      { field: 'on', message: `Phải sau ${period.validFrom}` },
    ]);
  }
  const unit = input.unitCode
    ? await ctx.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', input.unitCode)
        .executeTakeFirst()
    : undefined;
  if (input.unitCode && !unit)
    throw new AppError('validation', 'Không có đơn vị này', [
      { field: 'unitCode', message: `Không có đơn vị mã ${input.unitCode}` },
    ]);
  return ctx.db.transaction().execute(async (trx) => {
    await transferMembership(trx, period, target.id, unit?.id ?? period.unitId, input.on);
    if (membership.candidateId !== null)
      await moveOpenCandidacy(trx, membership.candidateId, target.id, input.on);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'membership.transfer',
      entity: 'membership',
      entityId: membership.id,
      organizationId: target.id,
      effectiveOn: input.on,
      reason: input.note ?? null,
      before: { organizationId: period.organizationId, unitId: period.unitId },
      after: { organizationId: target.id, unitId: unit?.id ?? period.unitId },
    });
    return {
      id: membership.id,
      personId: membership.personId,
      organizationCode: target.code,
      from: input.on,
    };
  });
}
