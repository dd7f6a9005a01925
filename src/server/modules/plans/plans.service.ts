import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, resolveScopedOrganization } from '../../access/access.ts';
import { parseInput } from '../../lib/validation.ts';
import { code } from '../../../shared/contracts.ts';
import { SECTORS, TARGET_GROUPS } from '../../../shared/enums.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { childrenAsOf } from '../organizations/organizations.repository.ts';
import { plansInForce, replacePlan, resolutionsOf } from './plans.repository.ts';

/** Metrics a plan can target. */
export const PLAN_METRICS = [
  'admissions',
  'candidates_fostered',
  'candidates_trained',
  'cells_created',
] as const;

/** Setting one plan target (SPEC §2: a target for a year and an organization). */
export const setPlanInput = z
  .object({
    organizationCode: code,
    year: z.number().int().min(2000).max(2100),
    metric: z.enum(PLAN_METRICS),
    sector: z.enum(SECTORS).nullable().default(null),
    target: z.number().int().min(0, 'Chỉ tiêu không được âm').max(1_000_000),
    targetMax: z.number().int().min(0).nullable().default(null),
    focusGroups: z.array(z.enum(TARGET_GROUPS)).default([]),
    note: z.string().trim().max(500).nullable().default(null),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((p) => p.targetMax === null || p.targetMax >= p.target, {
    message: 'Chỉ tiêu tối đa phải lớn hơn hoặc bằng chỉ tiêu',
    path: ['targetMax'],
  });

/** The plans of an organization and its direct sub-organizations for a year. */
export async function listPlans(
  ctx: AppContext,
  actor: Actor,
  query: { org?: string | undefined; year: number },
) {
  const asOf =
    `${query.year}-12-31` < ctx.clock.today() ? `${query.year}-12-31` : ctx.clock.today();
  const org = await resolveScopedOrganization(ctx, actor, query.org, asOf);
  const children = await childrenAsOf(ctx.db, org.id, asOf);
  const items = await plansInForce(ctx.db, [org.id, ...children.map((c) => c.id)], query.year);
  return {
    organization: { code: org.code, name: org.name },
    year: query.year,
    children: children.map((c) => ({ code: c.code, name: c.name })),
    items,
  };
}

/** Sets a plan target; the previous version is kept with its dates, and the change is audited. */
export async function setPlan(ctx: AppContext, actor: Actor, raw: unknown) {
  assertCan(actor, 'write');
  const input = parseInput(setPlanInput, raw);
  const today = ctx.clock.today();
  const org = await resolveScopedOrganization(ctx, actor, input.organizationCode, today);
  return ctx.db.transaction().execute(async (trx) => {
    const { before, id } = await replacePlan(
      trx,
      {
        organizationId: org.id,
        year: input.year,
        metric: input.metric,
        sector: input.sector,
        target: input.target,
        targetMax: input.targetMax,
        focusGroups: input.focusGroups,
        note: input.note,
      },
      today,
    );
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'plan.set',
      entity: 'plan',
      entityId: id,
      organizationId: org.id,
      effectiveOn: today,
      reason: input.reason ?? null,
      before: before && {
        target: before.target,
        targetMax: before.targetMax,
        focusGroups: before.focusGroups,
      },
      after: {
        year: input.year,
        metric: input.metric,
        sector: input.sector,
        target: input.target,
        targetMax: input.targetMax,
        focusGroups: input.focusGroups,
      },
    });
    return { id, ...input, organizationCode: org.code };
  });
}

/** Resolutions of an organization with their indicators. */
export async function listResolutions(
  ctx: AppContext,
  actor: Actor,
  query: { org?: string | undefined },
) {
  const today = ctx.clock.today();
  const org = await resolveScopedOrganization(ctx, actor, query.org, today);
  return { items: await resolutionsOf(ctx.db, [org.id]) };
}
