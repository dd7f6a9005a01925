import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { historyRoots, resolveScopedOrganization } from '../../access/access.ts';
import type { Db } from '../../db/database.ts';
import { addDays, minDate } from '../../../shared/dates.ts';
import { parseInput } from '../../lib/validation.ts';
import { reportQuery } from '../../../shared/contracts.ts';
import {
  indicatorsOf,
  latestIndicatorValues,
  resolutionsInSubtree,
  resolutionsOf,
  type IndicatorRow,
  type ResolutionRow,
} from './progress.repository.ts';
import { countAdmissions } from '../candidates/admissions.repository.ts';
import { countMembers, unitsWithoutMembers } from './reports.repository.ts';
import type {
  IndicatorProgress,
  ResolutionReport,
  TrendReport,
} from '../../../shared/report-answers.ts';

/**
 * Indicator metrics the system computes from its own records; any other indicator takes its
 * latest manual `indicator_values` row. Each is "as of a date" for the resolution's organization.
 */
const METRICS: Record<string, (db: Db, orgId: number, asOf: string) => Promise<number>> = {
  members: async (db, orgId, asOf) => (await countMembers(db, orgId, asOf)).members,
  official_members: async (db, orgId, asOf) => (await countMembers(db, orgId, asOf)).official,
  probationary_members: async (db, orgId, asOf) =>
    (await countMembers(db, orgId, asOf)).probationary,
  villages_without_members: async (db, orgId, asOf) =>
    (await unitsWithoutMembers(db, orgId, asOf, ['village'])).village ?? 0,
  admissions_year: (db, orgId, asOf) =>
    countAdmissions(db, orgId, `${asOf.slice(0, 4)}-01-01`, asOf),
};

/** Metrics the resolution report computes (the rest are entered as indicator values). */
export const COMPUTED_METRICS = Object.keys(METRICS);

function progressOf(
  indicator: IndicatorRow,
  current: number | null,
): { progressPercent: number | null; achieved: boolean | null } {
  if (current === null || indicator.target === null)
    return { progressPercent: null, achieved: null };
  const decrease = indicator.direction === 'decrease';
  const achieved = decrease ? current <= indicator.target : current >= indicator.target;
  const start = indicator.baseline ?? (decrease ? null : 0);
  if (start === null || start === indicator.target)
    return { progressPercent: achieved ? 100 : null, achieved };
  const share = (current - start) / (indicator.target - start);
  return { progressPercent: Math.round(share * 1000) / 10, achieved };
}

/** Year ends from a year to the year of `asOf`, the last replaced by `asOf` itself. */
function yearEnds(fromYear: number, asOf: string): string[] {
  const out: string[] = [];
  for (let y = fromYear; `${y}-12-31` < asOf; y++) out.push(`${y}-12-31`);
  out.push(asOf);
  return out;
}

async function pickResolution(
  ctx: AppContext,
  orgId: number,
  asOf: string,
): Promise<ResolutionRow | undefined> {
  const own = await resolutionsOf(ctx.db, orgId);
  return own[0] ?? (await resolutionsInSubtree(ctx.db, orgId, asOf))[0];
}

/**
 * Each indicator of the organization's latest resolution (or the nearest one adopted below it):
 * baseline, target and the current value as of a date, which defaults to the resolution's last
 * day when that is already past.
 */
export async function resolutionReport(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<ResolutionReport> {
  const query = parseInput(reportQuery, raw);
  const today = ctx.clock.today();
  const requested = query.asOf ?? query.to ?? (query.year ? `${query.year}-12-31` : undefined);
  const org = await resolveScopedOrganization(ctx, actor, query.org, requested ?? today);
  const probe = requested ?? today;
  let resolution = await pickResolution(ctx, org.id, probe);
  if (!resolution && !requested) {
    // The organization's resolutions may belong to a tree that has since been reorganized.
    const own = await resolutionsOf(ctx.db, org.id);
    resolution = own[0];
  }
  const asOf = requested ?? (resolution ? minDate(today, `${resolution.toYear}-12-31`) : today);
  if (!resolution)
    return {
      organization: { code: org.code, name: org.name },
      asOf,
      resolution: null,
      indicators: [],
    };
  const target = resolution.organizationId;
  const indicators = await indicatorsOf(ctx.db, resolution.id);
  const manual = await latestIndicatorValues(
    ctx.db,
    indicators.map((i) => i.id),
    asOf,
  );
  const lines: IndicatorProgress[] = [];
  for (const indicator of indicators) {
    const compute = indicator.metric ? METRICS[indicator.metric] : undefined;
    let current: number | null = null;
    let source: IndicatorProgress['source'] = 'none';
    let measuredOn: string | null = null;
    let history: { on: string; value: number }[] = [];
    if (compute) {
      current = await compute(ctx.db, target, asOf);
      source = 'computed';
      measuredOn = asOf;
      const start = indicator.baselineOn ?? `${resolution.fromYear}-01-01`;
      const points = [
        ...(indicator.baselineOn ? [indicator.baselineOn] : []),
        ...yearEnds(Number(start.slice(0, 4)), asOf).filter((d) => d > start),
      ];
      history = [];
      for (const on of points) history.push({ on, value: await compute(ctx.db, target, on) });
    } else {
      const value = manual.get(indicator.id);
      if (value) {
        current = value.value;
        source = 'manual';
        measuredOn = value.measuredOn;
      }
    }
    lines.push({
      code: indicator.code,
      name: indicator.name,
      metric: indicator.metric,
      baseline: indicator.baseline,
      baselineOn: indicator.baselineOn,
      target: indicator.target,
      direction: indicator.direction === 'decrease' ? 'decrease' : 'increase',
      current,
      source,
      measuredOn,
      ...progressOf(indicator, current),
      history,
    });
  }
  return {
    organization: { code: org.code, name: org.name },
    asOf,
    resolution: {
      code: resolution.code,
      title: resolution.title,
      adoptedOn: resolution.adoptedOn,
      fromYear: resolution.fromYear,
      toYear: resolution.toYear,
      organization: { code: resolution.organizationCode, name: resolution.organizationName },
    },
    indicators: lines,
  };
}

/**
 * Members at the resolution's baseline date (or the start of the period), then at every year end
 * up to the end of the requested year (or `to`, or today).
 */
export async function trendReport(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<TrendReport> {
  const query = parseInput(reportQuery, raw);
  const today = ctx.clock.today();
  const to = query.year ? `${query.year}-12-31` : (query.to ?? query.asOf ?? today);
  const org = await resolveScopedOrganization(ctx, actor, query.org, to);
  let from = query.from;
  if (!from) {
    const resolution =
      (await pickResolution(ctx, org.id, to)) ?? (await resolutionsOf(ctx.db, org.id))[0];
    const baselines = resolution
      ? (await indicatorsOf(ctx.db, resolution.id))
          .map((i) => i.baselineOn)
          .filter((d): d is string => d !== null)
      : [];
    from =
      baselines.length > 0 ? minDate(baselines[0] as string, ...baselines.slice(1)) : undefined;
    from ??= resolution
      ? addDays(`${resolution.fromYear}-01-01`, -1)
      : addDays(`${to.slice(0, 4)}-01-01`, -1);
  }
  // A dissolved organization's line ends on its last day instead of dropping to zero.
  const lastDay =
    org.dissolvedOn !== null && org.dissolvedOn <= to ? addDays(org.dissolvedOn, -1) : null;
  const until = lastDay ?? to;
  const dates = [from, ...yearEnds(Number(from.slice(0, 4)), until).filter((d) => d > from)];
  const points = await Promise.all(
    // Each point reads the organization's history on its date (a commune formed in 2025 shows its
    // cells' figures before it).
    dates.map(async (on) => ({
      on,
      members: (await countMembers(ctx.db, await historyRoots(ctx, org, on), on)).members,
    })),
  );
  return { organization: { code: org.code, name: org.name }, from, to, points };
}
