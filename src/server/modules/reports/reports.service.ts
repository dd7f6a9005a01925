import { sortedVietnamese } from '../../../shared/text.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { historyRoots, resolveScopedOrganization } from '../../access/access.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { reportQuery } from '../../../shared/contracts.ts';
import { AGE_BANDS, TARGET_GROUPS } from '../../../shared/enums.ts';
import { addDays, addYears } from '../../../shared/dates.ts';
import { nameOn, type Organization } from '../organizations/organizations.repository.ts';
import type { Db } from '../../db/database.ts';
import {
  admissionsByChild,
  admissionsByMonth,
  admissionsByTargetGroup,
  candidatesFostered,
  countMembers,
  membersByDimensions,
  membersByChild,
  statusTotals,
  sectorCells,
  unitsLacking,
} from './reports.repository.ts';
import { countAdmissions } from '../candidates/admissions.repository.ts';
import { findPlan, plansFor } from '../plans/plans.repository.ts';
import type {
  ReportOrganization,
  SectorReport,
  StatisticsReport,
  SummaryComparison,
  SummaryReport,
} from '../../../shared/report-answers.ts';
import { summaryProse, summaryProseEn } from './reports.prose.ts';
import {
  TALLIED_LEVELS,
  talliedScopes,
  tallyCounts,
  type BirthBand,
  type TallyCounts,
} from './tallies.repository.ts';
import { indicatorsOf, resolutionsInSubtree, resolutionsOf } from './progress.repository.ts';

/** Kinds of unit counted by "units without members / without a cell". */
const PLACE_KINDS = ['village', 'school', 'agency', 'enterprise'];

interface Period {
  from: string;
  to: string;
}

/** Sub-organizations in Vietnamese order of their names (Chi bộ … before Đảng bộ …). */
function byVietnameseName<T extends { name: string }>(items: T[]): T[] {
  return sortedVietnamese(items, (item) => item.name);
}

function periodOf(
  query: { from?: string | undefined; to?: string | undefined; year?: number | undefined },
  today: string,
): Period {
  if (query.year !== undefined) return { from: `${query.year}-01-01`, to: `${query.year}-12-31` };
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) {
    throw new AppError('validation', 'Từ ngày phải trước đến ngày', [
      { field: 'from', message: 'Từ ngày phải trước hoặc bằng đến ngày' },
    ]);
  }
  return { from, to };
}

/** The organization as a report names it: by the name it bore on the report's date. */
async function shape(db: Db, org: Organization, on: string): Promise<ReportOrganization> {
  return { code: org.code, name: await nameOn(db, org, on) };
}

function percent(value: number, target: number | null): number | null {
  if (target === null || target === 0) return null;
  return Math.round((value / target) * 1000) / 10;
}

/** Development summary for an organization and a period. */
export async function summaryReport(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<SummaryReport> {
  const query = parseInput(reportQuery, raw);
  const { from, to } = periodOf(query, ctx.clock.today());
  const org = await resolveScopedOrganization(ctx, actor, query.org, to);
  const { db } = ctx;
  const dayBefore = addDays(from, -1);
  const year = Number(to.slice(0, 4));
  const wholeYear = from === `${year}-01-01` && to === `${year}-12-31`;
  // The year-earlier figures and the resolution's baseline are fetched alongside the rest.
  // A year's start (31/12 before) is also the year-earlier period's end: counted once.
  // Each date counts the organization's history on it (access's `historyRoots`): a commune
  // committee created in 2025 reads its cells' 2017 figures under the former district.
  const counted = new Map<string, ReturnType<typeof countMembers>>();
  const membersOn = (date: string) => {
    const count =
      counted.get(date) ?? historyRoots(ctx, org, date).then((r) => countMembers(db, r, date));
    counted.set(date, count);
    return count;
  };
  const roots = await historyRoots(ctx, org, to);
  const earlier = earlierFigures(ctx, org, { from, to }, membersOn);
  // Should the figures below fail first, this one's failure is not left unhandled.
  earlier.catch(() => undefined);
  const [
    start,
    end,
    byGroup,
    byMonth,
    byChildAdmissions,
    children,
    { withoutMembers, withoutCell, covered },
    plan,
  ] = await Promise.all([
    membersOn(dayBefore),
    membersOn(to),
    admissionsByTargetGroup(db, roots, from, to),
    admissionsByMonth(db, roots, from, to),
    admissionsByChild(db, org.id, from, to, roots),
    membersByChild(db, org.id, to, roots),
    unitsLacking(db, roots, to, PLACE_KINDS),
    wholeYear ? findPlan(db, org.id, year, 'admissions') : Promise.resolve(undefined),
  ]);
  const childPlans = wholeYear
    ? await plansFor(
        db,
        children.map((c) => c.id),
        year,
        'admissions',
      )
    : {};
  const plannedAdmissions = plan?.target ?? null;
  // Every admission falls in one month: the months add up to the period's admissions.
  const admissions = Object.values(byMonth).reduce((sum, n) => sum + n, 0);
  const comparison = compareSummary(await earlier, {
    admissions,
    membersAtEnd: end.members,
    plannedAdmissions,
  });
  const report: Omit<SummaryReport, 'text' | 'textEn'> = {
    organization: await shape(db, org, to),
    from,
    to,
    membersAtStart: start.members,
    membersAtEnd: end.members,
    netChange: end.members - start.members,
    admissions,
    plannedAdmissions,
    planPercent: percent(admissions, plannedAdmissions),
    focusGroups: plan?.focusGroups ?? [],
    admissionsByTargetGroup: Object.fromEntries(TARGET_GROUPS.map((g) => [g, byGroup[g] ?? 0])),
    admissionsByMonth: byMonth,
    admissionsByOrganization: byVietnameseName(
      children.map((c) => ({
        code: c.code,
        name: c.name,
        admissions: byChildAdmissions[c.id] ?? 0,
        plannedAdmissions: childPlans[c.id] ?? null,
        members: c.members,
      })),
    ),
    unitsWithoutMembers: withoutMembers,
    unitsWithoutCell: withoutCell,
    unitsCovered: covered,
    organizationKind: org.kind,
    comparison,
  };
  return { ...report, text: summaryProse(report), textEn: summaryProseEn(report) };
}

/** A date moved back one year (29 February becomes 28 February). */
function yearBefore(date: string): string {
  return addYears(date, -1);
}

/** The figures the summary compares with: the same period a year earlier, the resolution's baseline. */
interface EarlierFigures {
  previous: Period;
  admissions: number;
  membersAtEnd: number;
  baseline: { resolution: string; on: string; members: number } | null;
}

/**
 * The same period a year earlier, and the baseline of the members indicator of the
 * organization's resolution (or of the nearest one adopted below it).
 */
async function earlierFigures(
  ctx: AppContext,
  org: Organization,
  period: Period,
  membersOn: (date: string) => ReturnType<typeof countMembers>,
): Promise<EarlierFigures> {
  const { db } = ctx;
  const orgId = org.id;
  const previous = { from: yearBefore(period.from), to: yearBefore(period.to) };
  const baselineOf = async (): Promise<EarlierFigures['baseline']> => {
    const resolution =
      (await resolutionsOf(db, orgId))[0] ?? (await resolutionsInSubtree(db, orgId, period.to))[0];
    if (!resolution) return null;
    const indicator = (await indicatorsOf(db, resolution.id)).find((i) => i.metric === 'members');
    const on = indicator?.baselineOn ?? addDays(`${resolution.fromYear}-01-01`, -1);
    const members =
      indicator?.baseline ?? (await countMembers(db, resolution.organizationId, on)).members;
    return { resolution: resolution.code, on, members };
  };
  const [admissions, end, baseline] = await Promise.all([
    historyRoots(ctx, org, previous.to).then((roots) =>
      countAdmissions(db, roots, previous.from, previous.to),
    ),
    membersOn(previous.to),
    baselineOf(),
  ]);
  return { previous, admissions, membersAtEnd: end.members, baseline };
}

/** The summary's comparisons: the same period a year earlier, the plan, and the resolution's baseline. */
function compareSummary(
  earlier: EarlierFigures,
  current: { admissions: number; membersAtEnd: number; plannedAdmissions: number | null },
): SummaryComparison {
  const { previous, admissions, baseline } = earlier;
  return {
    previousPeriod: {
      ...previous,
      admissions,
      membersAtEnd: earlier.membersAtEnd,
      admissionsChange: current.admissions - admissions,
      admissionsChangePercent:
        admissions > 0
          ? Math.round(((current.admissions - admissions) / admissions) * 1000) / 10
          : null,
      membersChange: current.membersAtEnd - earlier.membersAtEnd,
    },
    plan: {
      plannedAdmissions: current.plannedAdmissions,
      admissions: current.admissions,
      difference:
        current.plannedAdmissions === null ? null : current.admissions - current.plannedAdmissions,
      percent: percent(current.admissions, current.plannedAdmissions),
    },
    baseline: baseline && {
      ...baseline,
      membersAtEnd: current.membersAtEnd,
      change: current.membersAtEnd - baseline.members,
      changePercent:
        baseline.members > 0
          ? Math.round(((current.membersAtEnd - baseline.members) / baseline.members) * 1000) / 10
          : null,
    },
  };
}

/** Statistics of members as of a date. */
export async function statisticsReport(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<StatisticsReport> {
  const query = parseInput(reportQuery, raw);
  const asOf = query.asOf ?? query.to ?? ctx.clock.today();
  const org = await resolveScopedOrganization(ctx, actor, query.org, asOf);
  const { db } = ctx;
  // A member is in band [min, max] when born after asOf - (max + 1) years.
  const bands = AGE_BANDS.map((b) => ({ key: b.key, bornAfter: addYears(asOf, -(b.max + 1)) }));
  const roots = await historyRoots(ctx, org, asOf);
  const [byDimension, children] = await Promise.all([
    memberCountsByDimension(db, org, roots, asOf, bands),
    membersByChild(db, org.id, asOf, roots),
  ]);
  return {
    organization: await shape(ctx.db, org, asOf),
    asOf,
    ...statusTotals(byDimension.status ?? {}),
    byGender: byDimension.gender ?? {},
    byEthnicity: byDimension.ethnicity ?? {},
    byAgeBand: byDimension.ageBand ?? {},
    byEducation: byDimension.educationLevel ?? {},
    byPoliticalTheory: byDimension.politicalTheory ?? {},
    byReligion: byDimension.religion ?? {},
    byOccupation: byDimension.occupation ?? {},
    byTargetGroup: byDimension.targetGroup ?? {},
    byOrganization: byVietnameseName(
      children.map((c) => ({
        code: c.code,
        name: c.name,
        members: c.members,
        probationary: c.probationary,
        official: c.members - c.probationary,
      })),
    ),
  };
}

/**
 * Members on a date by every dimension of the statistics report: from the tally of the country
 * or an upper-level committee where one applies, else counted from the member periods; one
 * statement either way.
 */
async function memberCountsByDimension(
  db: AppContext['db'],
  root: Organization,
  roots: readonly number[],
  asOf: string,
  bands: BirthBand[],
): Promise<TallyCounts> {
  if (
    roots.length === 1 &&
    roots[0] === root.id &&
    TALLIED_LEVELS.includes(root.level) &&
    (await talliedScopes(db, [root.id], asOf)).has(root.id)
  )
    return (await tallyCounts(db, [root.id], asOf, bands)).get(root.id) ?? {};
  return membersByDimensions(db, roots, asOf, bands);
}

/** The sector view: cells (combined apart), members, staff, candidates fostered vs target. */
export async function sectorReport(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<SectorReport> {
  const query = parseInput(reportQuery, raw);
  if (!query.sector)
    throw new AppError('validation', 'Cần chọn ngành', [
      { field: 'sector', message: 'Cần chọn ngành (ví dụ education)' },
    ]);
  const asOf = query.asOf ?? query.to ?? ctx.clock.today();
  const org = await resolveScopedOrganization(ctx, actor, query.org, asOf);
  const year = Number(asOf.slice(0, 4));
  const roots = await historyRoots(ctx, org, asOf);
  const [cells, fostered, target] = await Promise.all([
    sectorCells(ctx.db, roots, asOf, query.sector),
    candidatesFostered(ctx.db, roots, `${year}-01-01`, asOf, query.sector),
    findPlan(ctx.db, org.id, year, 'candidates_fostered', query.sector),
  ]);
  return {
    organization: await shape(ctx.db, org, asOf),
    sector: query.sector,
    asOf,
    ...cells,
    membersPerStaff:
      cells.staff > 0 ? Math.round((cells.members / cells.staff) * 1000) / 1000 : null,
    candidatesFostered: fostered,
    candidatesFosteredTarget: target?.target ?? null,
    candidatesFosteredTargetMax: target?.targetMax ?? null,
  };
}
