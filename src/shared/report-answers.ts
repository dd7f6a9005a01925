import { z } from 'zod';
import { ALERT_KINDS } from './pipeline.ts';
import { RATING_LEVELS, SECTORS } from './enums.ts';

/**
 * The reports' answers (SPEC §5, §9) as zod schemas and the types inferred from them: the JSON
 * the report services return, the CLI prints and the web app draws. Defined here, at the bottom
 * floor, so that server and web share them and nothing here depends on the server. Counts keyed
 * by an open set (target groups, ethnicities, stages) are records of numbers.
 */

const counts = z.record(z.string(), z.number());

/** The organization named in a report. */
export const reportOrganization = z.object({ code: z.string(), name: z.string() });
export type ReportOrganization = z.infer<typeof reportOrganization>;

/** The year-end and period comparisons of the summary (issue 5, item 4). */
export const summaryComparison = z.object({
  previousPeriod: z.object({
    from: z.string(),
    to: z.string(),
    admissions: z.number(),
    membersAtEnd: z.number(),
    /** Admissions this period minus the same period last year. */
    admissionsChange: z.number(),
    admissionsChangePercent: z.number().nullable(),
    membersChange: z.number(),
  }),
  plan: z.object({
    plannedAdmissions: z.number().nullable(),
    admissions: z.number(),
    /** Admissions minus plan (positive: over plan). */
    difference: z.number().nullable(),
    percent: z.number().nullable(),
  }),
  baseline: z
    .object({
      resolution: z.string(),
      on: z.string(),
      members: z.number(),
      membersAtEnd: z.number(),
      change: z.number(),
      changePercent: z.number().nullable(),
    })
    .nullable(),
});
export type SummaryComparison = z.infer<typeof summaryComparison>;

/** The development summary of SPEC §5.1 / §9. */
export const summaryReport = z.object({
  organization: reportOrganization,
  from: z.string(),
  to: z.string(),
  membersAtStart: z.number(),
  membersAtEnd: z.number(),
  netChange: z.number(),
  admissions: z.number(),
  plannedAdmissions: z.number().nullable(),
  planPercent: z.number().nullable(),
  focusGroups: z.array(z.string()),
  admissionsByTargetGroup: counts,
  admissionsByMonth: counts,
  admissionsByOrganization: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      admissions: z.number(),
      plannedAdmissions: z.number().nullable(),
      members: z.number(),
    }),
  ),
  unitsWithoutMembers: counts,
  unitsWithoutCell: counts,
  /** Units of the subtree by kind on the period's end (whether it has villages at all). */
  unitsCovered: counts,
  /** A cell speaks of itself as "Chi bộ", a committee as "toàn Đảng bộ". */
  organizationKind: z.enum(['committee', 'cell']),
  /** This period against the same period a year before, the plan, and the resolution's baseline. */
  comparison: summaryComparison,
  /** The paragraph in Vietnamese, as the article writes it, and in English for the English screen. */
  text: z.string(),
  textEn: z.string(),
});
export type SummaryReport = z.infer<typeof summaryReport>;

/** Statistics as of a date (SPEC §5.2 / §9). */
export const statisticsReport = z.object({
  organization: reportOrganization,
  asOf: z.string(),
  members: z.number(),
  probationary: z.number(),
  official: z.number(),
  byGender: counts,
  byEthnicity: counts,
  byAgeBand: counts,
  byEducation: counts,
  byPoliticalTheory: counts,
  byReligion: counts,
  byOccupation: counts,
  byTargetGroup: counts,
  byOrganization: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      members: z.number(),
      probationary: z.number(),
      official: z.number(),
    }),
  ),
});
export type StatisticsReport = z.infer<typeof statisticsReport>;

/** The sector view (SPEC §5.4 / §9). */
export const sectorReport = z.object({
  organization: reportOrganization,
  sector: z.enum(SECTORS),
  asOf: z.string(),
  cells: z.number(),
  combinedCells: z.number(),
  members: z.number(),
  staff: z.number(),
  membersPerStaff: z.number().nullable(),
  candidatesFostered: z.number(),
  candidatesFosteredTarget: z.number().nullable(),
  candidatesFosteredTargetMax: z.number().nullable(),
});
export type SectorReport = z.infer<typeof sectorReport>;

/** One indicator's line in the resolution report. */
export const indicatorProgress = z.object({
  code: z.string(),
  name: z.string(),
  metric: z.string().nullable(),
  baseline: z.number().nullable(),
  baselineOn: z.string().nullable(),
  target: z.number().nullable(),
  direction: z.enum(['increase', 'decrease']),
  current: z.number().nullable(),
  /** Where `current` came from: computed from records, a manual value, or nothing yet. */
  source: z.enum(['computed', 'manual', 'none']),
  measuredOn: z.string().nullable(),
  /** Share of the way from baseline to target (from 0 when there is no baseline), in percent. */
  progressPercent: z.number().nullable(),
  achieved: z.boolean().nullable(),
  /** Year-end values for the chart (computed metrics only), the last point being `asOf`. */
  history: z.array(z.object({ on: z.string(), value: z.number() })),
});
export type IndicatorProgress = z.infer<typeof indicatorProgress>;

/** Resolution progress (SPEC §5.5). */
export const resolutionReport = z.object({
  organization: reportOrganization,
  asOf: z.string(),
  resolution: z
    .object({
      code: z.string(),
      title: z.string(),
      adoptedOn: z.string(),
      fromYear: z.number(),
      toYear: z.number(),
      organization: reportOrganization,
    })
    .nullable(),
  indicators: z.array(indicatorProgress),
});
export type ResolutionReport = z.infer<typeof resolutionReport>;

/** Members at each year end, for the dashboard's line chart. */
export const trendReport = z.object({
  organization: reportOrganization,
  from: z.string(),
  to: z.string(),
  points: z.array(z.object({ on: z.string(), members: z.number() })),
});
export type TrendReport = z.infer<typeof trendReport>;

/** One rated organization or member in the report. */
export const ratedItem = z.object({
  code: z.string(),
  name: z.string(),
  organizationCode: z.string(),
  /** null under a scheme without points (132-QĐ/TW, 124-QĐ/TW). */
  total: z.number().nullable(),
  level: z.enum(RATING_LEVELS),
  /** Why the level, and the article/clause it comes from (null for ratings made before issue 16). */
  reason: z.string().nullable(),
  citation: z.string().nullable(),
  scores: counts,
  proposed: counts,
});
export type RatedItem = z.infer<typeof ratedItem>;

const ratedGroup = z.object({
  total: z.number(),
  byLevel: z.record(z.enum(RATING_LEVELS), z.number()),
  items: z.array(ratedItem),
});

/** The ratings report (SPEC §5.6). */
export const ratingsReport = z.object({
  organization: reportOrganization,
  year: z.number(),
  quarter: z.number().nullable(),
  from: z.string(),
  to: z.string(),
  scheme: z
    .object({
      code: z.string(),
      name: z.string(),
      excellentMin: z.number(),
      goodMin: z.number(),
      completedMin: z.number(),
      scale: z.enum(['points', 'grades']),
    })
    .nullable(),
  criteria: z.array(
    z.object({ subject: z.string(), code: z.string(), name: z.string(), maxPoints: z.number() }),
  ),
  organizations: ratedGroup,
  members: ratedGroup,
});
export type RatingsReport = z.infer<typeof ratingsReport>;

/** The pipeline report's JSON. */
export const pipelineReport = z.object({
  organization: reportOrganization,
  asOf: z.string(),
  total: z.number(),
  byStage: counts,
  byOrganization: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      total: z.number(),
      byStage: counts,
      overdue: z.number(),
    }),
  ),
  medianDaysInStage: z.record(z.string(), z.number().nullable()),
  stagesMeasured: counts,
  medianFrom: z.string(),
  overdue: z.record(z.enum(ALERT_KINDS), z.number()),
});
export type PipelineReport = z.infer<typeof pipelineReport>;
