import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import {
  assertCan,
  assertOrganizationInScope,
  resolveScopedOrganization,
} from '../../access/access.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { code, isoDate, reportQuery } from '../../../shared/contracts.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { countAdmissions } from '../candidates/admissions.repository.ts';
import { findPlan } from '../plans/plans.repository.ts';
import { RATING_LEVELS, type RatingLevel } from '../../../shared/enums.ts';
import type {
  RatedItem,
  RatingsReport,
  ReportOrganization,
} from '../../../shared/report-answers.ts';
import {
  ratingConditions,
  type RatingCheck,
  type RatingSchemeAnswer,
  type RecordedRating,
} from '../../../shared/ratings.ts';
import { formatDate } from '../../../shared/dates.ts';
import { isInSubtree } from '../organizations/organizations.repository.ts';
import { DEVELOPMENT_METRIC } from './ratings.data.ts';
import {
  criteriaOf,
  findScheme,
  grassrootsOf,
  groupsOf,
  insertRating,
  memberLevelsUnder,
  memberOrganizationOn,
  oldestScheme,
  ratingExists,
  ratingsInSubtree,
  schemeById,
  scoresOf,
  type RatingCriterion,
  type RatingScheme,
} from './ratings.repository.ts';
import { levelFor, pointsWhy, proposeDevelopmentPoints, totalOf } from './ratings.rules.ts';
import {
  conditionFields,
  decideLevel,
  RULESETS,
  withinShareLimit,
  type RatingRuleset,
} from './ratings.levels.ts';

/** Recording one rating (SPEC §5.6): points per criterion code; proposable criteria may be left out. */
export const recordRatingInput = z.object({
  scheme: z.string().trim().max(40).optional(),
  organizationCode: code,
  personId: z.number().int().positive().optional(),
  year: z.number().int().min(1930).max(2100),
  quarter: z.number().int().min(1).max(4).optional(),
  ratedOn: isoDate,
  scores: z.record(z.string(), z.number().min(0)).default({}),
  /** Schemes without points (132-QĐ/TW, 124-QĐ/TW): the level the meeting proposes. */
  proposedLevel: z.enum(RATING_LEVELS).optional(),
  /** What the regulation conditions the levels on (tasks on time, discipline, …). */
  conditions: ratingConditions.default({}),
  note: z.string().trim().max(1000).optional(),
});
/** Input of {@link recordRating}. */
export type RecordRatingInput = z.input<typeof recordRatingInput>;

/** The report query plus the quarter and the scheme of the ratings report. */
export const ratingsQuery = reportQuery.extend({
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  scheme: z.string().trim().max(40).optional(),
});

/** The query of the scheme in force: a period (year, quarter) or a scheme by code; no organization. */
export const ratingSchemeQuery = z.object({
  year: z.coerce.number().int().min(1930).max(2100).optional(),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  scheme: z.string().trim().max(40).optional(),
});

/** The first and last day of a year, or of one of its quarters. */
export function ratingPeriod(year: number, quarter?: number): { from: string; to: string } {
  if (!quarter) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const first = String(quarter * 3 - 2).padStart(2, '0');
  const last = String(quarter * 3).padStart(2, '0');
  const lastDay = quarter === 1 || quarter === 4 ? '31' : '30';
  return { from: `${year}-${first}-01`, to: `${year}-${last}-${lastDay}` };
}

/** What the system proposes for the member-development criterion of an organization. */
export interface DevelopmentProposal {
  admissions: number;
  plannedAdmissions: number | null;
  proposedPoints: number | null;
}

/**
 * Admissions against plan for an organization, year to date at the end of the period (a quarter
 * measures against the share of the yearly plan due by its end), and the points that earns.
 */
export async function developmentProposal(
  db: Db,
  organizationId: number,
  year: number,
  quarter: number | undefined,
  maxPoints: number,
): Promise<DevelopmentProposal> {
  const { to } = ratingPeriod(year, quarter);
  const [admissions, plan] = await Promise.all([
    countAdmissions(db, organizationId, `${year}-01-01`, to),
    findPlan(db, organizationId, year, 'admissions'),
  ]);
  const planned = plan ? Math.round((plan.target * (quarter ?? 4)) / 4) : null;
  return {
    admissions,
    plannedAdmissions: planned,
    proposedPoints: proposeDevelopmentPoints(maxPoints, admissions, planned),
  };
}

/** Whether a scheme was in force on a date. */
function inForce(scheme: RatingScheme, on: string): boolean {
  return scheme.validFrom <= on && on < scheme.validTo;
}

/**
 * The scheme of a rated period: the one named, or the one in force at the period's end (the
 * 2023 rating under 124-QĐ/TW, the 2025 one under 366-QĐ/TW).
 */
async function requireScheme(db: Db, code: string | undefined, on: string): Promise<RatingScheme> {
  const scheme = await findScheme(db, code, on);
  if (scheme) return scheme;
  if (code)
    throw new AppError('validation', 'Không có bộ tiêu chí xếp loại này', [
      { field: 'scheme', message: `Không có bộ tiêu chí ${code}` },
    ]);
  const oldest = await oldestScheme(db);
  throw new AppError('validation', 'Chưa có văn bản xếp loại có hiệu lực cho kỳ này', [
    {
      field: 'year',
      message: oldest
        ? `Kỳ này trước văn bản sớm nhất đã cài (${oldest.code} từ ${formatDate(oldest.validFrom)}); chọn bộ tiêu chí`
        : 'Chưa cài bộ tiêu chí xếp loại',
    },
  ]);
}

/** The rule set of a scheme; a scheme added without one is decided by points alone. */
function rulesetOf(scheme: RatingScheme): RatingRuleset {
  const known = RULESETS[scheme.ruleset ?? scheme.code];
  if (known) return known;
  const at = scheme.regulation ?? scheme.code;
  return {
    code: scheme.code,
    levelCitation: { excellent: at, good: at, completed: at, not_completed: at },
    conditions: { excellent: [], good: [], completed: [] },
    forcing: [],
    shareLimit: null,
  };
}

/** Records a rating of an organization or a member with its scores, in one transaction. */
export async function recordRating(ctx: AppContext, actor: Actor, raw: RecordRatingInput) {
  assertCan(actor, 'write');
  const input = parseInput(recordRatingInput, raw);
  const { to } = ratingPeriod(input.year, input.quarter);
  const organization = await resolveScopedOrganization(ctx, actor, input.organizationCode, to);
  const subject = input.personId === undefined ? 'organization' : 'member';
  let organizationId = organization.id;
  if (input.personId !== undefined) {
    const memberOrg = await memberOrganizationOn(ctx.db, input.personId, to);
    if (memberOrg === undefined)
      throw new AppError('validation', 'Người này không phải đảng viên vào cuối kỳ xếp loại', [
        { field: 'personId', message: 'Không phải đảng viên vào cuối kỳ' },
      ]);
    await assertOrganizationInScope(ctx, actor, memberOrg);
    // The rating is the member's cell's, written on ratedOn: the cell must lie under the caller
    // then too (like the organization named), answered as for a person that does not exist.
    if (
      actor.organizationId !== null &&
      input.ratedOn !== ctx.clock.today() &&
      !(await isInSubtree(ctx.db, actor.organizationId, memberOrg, input.ratedOn))
    )
      throw new AppError('validation', 'Không tìm thấy người này', [
        {
          field: 'personId',
          message: 'Không tìm thấy người này trong phạm vi của bạn',
          messageEn: 'No such person in your scope',
        },
      ]);
    organizationId = memberOrg;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const scheme = await requireScheme(trx, input.scheme, to);
    const criteria = (await criteriaOf(trx, scheme.id)).filter((c) => c.subject === subject);
    if (
      await ratingExists(
        trx,
        subject,
        organizationId,
        input.personId ?? null,
        input.year,
        input.quarter ?? 0,
      )
    )
      throw new AppError('conflict', 'Kỳ này đã được xếp loại', [
        { field: 'year', message: 'Đã có kết quả xếp loại cho kỳ này' },
      ]);
    const unknown = Object.keys(input.scores).filter((k) => !criteria.some((c) => c.code === k));
    const errors = unknown.map((k) => ({ field: `scores.${k}`, message: 'Không có tiêu chí này' }));
    const scores: { criterionId: number; points: number; proposedPoints: number | null }[] = [];
    const byGroup = new Map<number, number>();
    for (const criterion of criteria) {
      const proposed =
        criterion.metric === DEVELOPMENT_METRIC && subject === 'organization'
          ? (
              await developmentProposal(
                trx,
                organizationId,
                input.year,
                input.quarter,
                criterion.maxPoints,
              )
            ).proposedPoints
          : null;
      const points = input.scores[criterion.code] ?? proposed;
      if (points === undefined || points === null) {
        errors.push({ field: `scores.${criterion.code}`, message: 'Chưa chấm điểm tiêu chí này' });
        continue;
      }
      if (points > criterion.maxPoints) {
        errors.push({
          field: `scores.${criterion.code}`,
          message: `Tối đa ${criterion.maxPoints} điểm`,
        });
        continue;
      }
      if (criterion.groupId !== null)
        byGroup.set(criterion.groupId, (byGroup.get(criterion.groupId) ?? 0) + points);
      scores.push({ criterionId: criterion.id, points, proposedPoints: proposed });
    }
    for (const group of (await groupsOf(trx, scheme.id)).filter((g) => g.subject === subject)) {
      if ((byGroup.get(group.id) ?? 0) > group.maxPoints)
        errors.push({
          field: `scores`,
          message: `${group.name}: tối đa ${group.maxPoints} điểm`,
        });
    }
    const grades = scheme.scale === 'grades';
    if (grades && input.proposedLevel === undefined)
      errors.push({
        field: 'proposedLevel',
        message: `${scheme.code} không chấm điểm: chọn mức hội nghị đề xuất`,
      });
    if (errors.length > 0) throw new AppError('validation', 'Điểm xếp loại không hợp lệ', errors);
    const total = grades ? null : totalOf(scores.map((s) => s.points));
    const levelByPoints =
      grades || total === null ? (input.proposedLevel ?? 'not_completed') : levelFor(total, scheme);
    const ruleset = rulesetOf(scheme);
    const decision = decideLevel(
      ruleset,
      subject,
      levelByPoints,
      pointsWhy(total, levelByPoints, scheme),
      input.conditions,
    );
    const checks: RatingCheck[] = [...decision.checks];
    let reason = decision.reason;
    if (ruleset.shareLimit && subject === 'member' && decision.level === 'excellent') {
      const grassroots = await grassrootsOf(trx, organizationId, to);
      if (grassroots) {
        const levels = await memberLevelsUnder(
          trx,
          grassroots.id,
          to,
          input.year,
          input.quarter ?? 0,
        );
        const excellent = (levels.excellent ?? 0) + 1;
        const good = levels.good ?? 0;
        const ok = withinShareLimit(excellent, good, ruleset.shareLimit.percent);
        checks.push({
          code: 'share_limit',
          label: `Số đảng viên hoàn thành xuất sắc (${excellent}) không quá ${ruleset.shareLimit.percent}% số hoàn thành tốt (${good}) trong ${grassroots.name}`,
          ok,
          citation: ruleset.shareLimit.citation,
          ...(ok
            ? {}
            : {
                unblock:
                  'Cấp có thẩm quyền xem xét lại số đảng viên xếp loại hoàn thành xuất sắc trong tổ chức cơ sở đảng',
              }),
        });
        if (!ok)
          reason += ` Lưu ý: vượt tỷ lệ ${ruleset.shareLimit.percent}% số hoàn thành tốt trong ${grassroots.name} (${ruleset.shareLimit.citation}); cấp có thẩm quyền quyết định số lượng.`;
      }
    }
    const outOfForce = !inForce(scheme, to);
    if (outOfForce)
      reason += ` Bộ tiêu chí ${scheme.code} được chọn không có hiệu lực cho kỳ này (hiệu lực từ ${formatDate(scheme.validFrom)}).`;
    const id = await insertRating(
      trx,
      {
        schemeId: scheme.id,
        subject,
        organizationId,
        personId: input.personId ?? null,
        year: input.year,
        quarter: input.quarter ?? 0,
        total: total ?? 0,
        level: decision.level,
        levelByPoints,
        reason,
        citation: decision.citation,
        conditions: JSON.stringify(input.conditions),
        ratedOn: input.ratedOn,
        note: input.note ?? null,
        createdAt: ctx.clock.now(),
      },
      scores.map((s) => ({ ...s, note: null })),
    );
    const result: RecordedRating = {
      id,
      subject,
      scheme: scheme.code,
      total,
      level: decision.level,
      levelByPoints,
      reason,
      citation: decision.citation,
      checks,
      outOfForce,
    };
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'rating.create',
      entity: 'rating',
      entityId: id,
      organizationId,
      effectiveOn: input.ratedOn,
      after: { ...input, total, level: decision.level, reason, citation: decision.citation },
    });
    return result;
  });
}

/** The scheme in force for a period (or the one named), with its groups and the conditions it reads. */
export async function ratingScheme(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<RatingSchemeAnswer> {
  assertCan(actor, 'read');
  const query = parseInput(ratingSchemeQuery, raw);
  const year = query.year ?? Number(ctx.clock.today().slice(0, 4));
  const { to } = ratingPeriod(year, query.quarter);
  const scheme = await requireScheme(ctx.db, query.scheme, to);
  const [groups, criteria] = await Promise.all([
    groupsOf(ctx.db, scheme.id),
    criteriaOf(ctx.db, scheme.id),
  ]);
  const ruleset = rulesetOf(scheme);
  return {
    code: scheme.code,
    name: scheme.name,
    scale: scheme.scale === 'grades' ? 'grades' : 'points',
    regulation: scheme.regulation ?? scheme.code,
    guidance: scheme.guidance,
    validFrom: scheme.validFrom,
    validTo: scheme.validTo,
    inForce: inForce(scheme, to),
    excellentMin: scheme.excellentMin,
    goodMin: scheme.goodMin,
    completedMin: scheme.completedMin,
    groups: groups.map((g) => ({
      subject: g.subject,
      code: g.code,
      name: g.name,
      maxPoints: g.maxPoints,
      citation: g.citation,
      criteria: criteria
        .filter((c) => c.groupId === g.id)
        .map((c) => ({
          code: c.code,
          name: c.name,
          maxPoints: c.maxPoints,
          proposable: c.metric === DEVELOPMENT_METRIC,
        })),
    })),
    conditions: {
      organization: conditionFields(ruleset, 'organization'),
      member: conditionFields(ruleset, 'member'),
    },
  };
}

/** The proposal for an organization's member-development criterion in a period. */
export async function proposeRating(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<
  DevelopmentProposal & { organization: ReportOrganization; criterion: string; maxPoints: number }
> {
  const query = parseInput(ratingsQuery, raw);
  const year = query.year ?? Number(ctx.clock.today().slice(0, 4));
  const { to } = ratingPeriod(year, query.quarter);
  const organization = await resolveScopedOrganization(ctx, actor, query.org, to);
  const scheme = await requireScheme(ctx.db, query.scheme, to);
  const criterion = (await criteriaOf(ctx.db, scheme.id)).find(
    (c) => c.subject === 'organization' && c.metric === DEVELOPMENT_METRIC,
  );
  if (!criterion)
    throw new AppError('validation', 'Bộ tiêu chí không có tiêu chí phát triển đảng viên');
  const proposal = await developmentProposal(
    ctx.db,
    organization.id,
    year,
    query.quarter,
    criterion.maxPoints,
  );
  return {
    organization: { code: organization.code, name: organization.name },
    criterion: criterion.code,
    maxPoints: criterion.maxPoints,
    ...proposal,
  };
}

function byLevel(items: RatedItem[]): Record<RatingLevel, number> {
  const out = Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number>;
  for (const item of items) out[item.level] += 1;
  return out;
}

/** Ratings of the organizations and members of a subtree for a year or a quarter. */
export async function ratingsReport(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<RatingsReport> {
  const query = parseInput(ratingsQuery, raw);
  const year = query.year ?? Number((query.to ?? query.asOf ?? ctx.clock.today()).slice(0, 4));
  const { from, to } = ratingPeriod(year, query.quarter);
  const org = await resolveScopedOrganization(ctx, actor, query.org, to);
  const rows = await ratingsInSubtree(ctx.db, org.id, to, year, query.quarter ?? 0);
  const scheme = query.scheme
    ? await findScheme(ctx.db, query.scheme, to)
    : rows[0]
      ? await schemeById(ctx.db, rows[0].schemeId)
      : ((await findScheme(ctx.db, undefined, to)) ?? (await oldestScheme(ctx.db)));
  const criteria: RatingCriterion[] = scheme ? await criteriaOf(ctx.db, scheme.id) : [];
  const scores = await scoresOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const scoresByRating = new Map<
    number,
    { scores: Record<string, number>; proposed: Record<string, number> }
  >();
  for (const s of scores) {
    const entry = scoresByRating.get(s.ratingId) ?? { scores: {}, proposed: {} };
    entry.scores[s.code] = s.points;
    if (s.proposedPoints !== null) entry.proposed[s.code] = s.proposedPoints;
    scoresByRating.set(s.ratingId, entry);
  }
  const items = rows
    .filter((r) => !scheme || r.schemeId === scheme.id)
    .map((r) => ({
      subject: r.subject,
      item: {
        code: r.subject === 'member' ? String(r.personId) : r.organizationCode,
        name: r.subject === 'member' ? (r.fullName ?? '') : r.organizationName,
        organizationCode: r.organizationCode,
        total: scheme?.scale === 'grades' ? null : r.total,
        level: r.level as RatingLevel,
        reason: r.reason,
        citation: r.citation,
        ...(scoresByRating.get(r.id) ?? { scores: {}, proposed: {} }),
      },
    }));
  const organizations = items.filter((i) => i.subject === 'organization').map((i) => i.item);
  const members = items.filter((i) => i.subject === 'member').map((i) => i.item);
  return {
    organization: { code: org.code, name: org.name },
    year,
    quarter: query.quarter ?? null,
    from,
    to,
    scheme: scheme
      ? {
          code: scheme.code,
          name: scheme.name,
          excellentMin: scheme.excellentMin,
          goodMin: scheme.goodMin,
          completedMin: scheme.completedMin,
          scale: scheme.scale === 'grades' ? 'grades' : 'points',
        }
      : null,
    criteria: criteria.map((c) => ({
      subject: c.subject,
      code: c.code,
      name: c.name,
      maxPoints: c.maxPoints,
    })),
    organizations: {
      total: organizations.length,
      byLevel: byLevel(organizations),
      items: organizations,
    },
    members: { total: members.length, byLevel: byLevel(members), items: members },
  };
}
