import type { AlertKind } from './pipeline.ts';
import type { RatingLevel, Sector } from './enums.ts';

/**
 * The reports' answers (SPEC §5, §9): the JSON the report services return, the CLI prints and
 * the web app draws. Defined here, at the bottom floor, so that server and web share them and
 * nothing here depends on the server.
 */

/** The organization named in a report. */
export interface ReportOrganization {
  code: string;
  name: string;
}

/** The development summary of SPEC §5.1 / §9. */
export interface SummaryReport {
  organization: ReportOrganization;
  from: string;
  to: string;
  membersAtStart: number;
  membersAtEnd: number;
  netChange: number;
  admissions: number;
  plannedAdmissions: number | null;
  planPercent: number | null;
  focusGroups: string[];
  admissionsByTargetGroup: Record<string, number>;
  admissionsByMonth: Record<string, number>;
  admissionsByOrganization: {
    code: string;
    name: string;
    admissions: number;
    plannedAdmissions: number | null;
    members: number;
  }[];
  unitsWithoutMembers: Record<string, number>;
  unitsWithoutCell: Record<string, number>;
  /** Units of the subtree by kind on the period's end (whether it has villages at all). */
  unitsCovered: Record<string, number>;
  /** A cell speaks of itself as "Chi bộ", a committee as "toàn Đảng bộ". */
  organizationKind: 'committee' | 'cell';
  /** This period against the same period a year before, the plan, and the resolution's baseline. */
  comparison: SummaryComparison;
  /** The paragraph in Vietnamese, as the article writes it, and in English for the English screen. */
  text: string;
  textEn: string;
}

/** The year-end and period comparisons of the summary (issue 5, item 4). */
export interface SummaryComparison {
  previousPeriod: {
    from: string;
    to: string;
    admissions: number;
    membersAtEnd: number;
    /** Admissions this period minus the same period last year. */
    admissionsChange: number;
    admissionsChangePercent: number | null;
    membersChange: number;
  };
  plan: {
    plannedAdmissions: number | null;
    admissions: number;
    /** Admissions minus plan (positive: over plan). */
    difference: number | null;
    percent: number | null;
  };
  baseline: {
    resolution: string;
    on: string;
    members: number;
    membersAtEnd: number;
    change: number;
    changePercent: number | null;
  } | null;
}

/** Statistics as of a date (SPEC §5.2 / §9). */
export interface StatisticsReport {
  organization: ReportOrganization;
  asOf: string;
  members: number;
  probationary: number;
  official: number;
  byGender: Record<string, number>;
  byEthnicity: Record<string, number>;
  byAgeBand: Record<string, number>;
  byEducation: Record<string, number>;
  byPoliticalTheory: Record<string, number>;
  byReligion: Record<string, number>;
  byOccupation: Record<string, number>;
  byTargetGroup: Record<string, number>;
  byOrganization: {
    code: string;
    name: string;
    members: number;
    probationary: number;
    official: number;
  }[];
}

/** The sector view (SPEC §5.4 / §9). */
export interface SectorReport {
  organization: ReportOrganization;
  sector: Sector;
  asOf: string;
  cells: number;
  combinedCells: number;
  members: number;
  staff: number;
  membersPerStaff: number | null;
  candidatesFostered: number;
  candidatesFosteredTarget: number | null;
  candidatesFosteredTargetMax: number | null;
}

/** One indicator's line in the resolution report. */
export interface IndicatorProgress {
  code: string;
  name: string;
  metric: string | null;
  baseline: number | null;
  baselineOn: string | null;
  target: number | null;
  direction: 'increase' | 'decrease';
  current: number | null;
  /** Where `current` came from: computed from records, a manual value, or nothing yet. */
  source: 'computed' | 'manual' | 'none';
  measuredOn: string | null;
  /** Share of the way from baseline to target (from 0 when there is no baseline), in percent. */
  progressPercent: number | null;
  achieved: boolean | null;
  /** Year-end values for the chart (computed metrics only), the last point being `asOf`. */
  history: { on: string; value: number }[];
}

/** Resolution progress (SPEC §5.5). */
export interface ResolutionReport {
  organization: ReportOrganization;
  asOf: string;
  resolution: {
    code: string;
    title: string;
    adoptedOn: string;
    fromYear: number;
    toYear: number;
    organization: ReportOrganization;
  } | null;
  indicators: IndicatorProgress[];
}

/** Members at each year end, for the dashboard's line chart. */
export interface TrendReport {
  organization: ReportOrganization;
  from: string;
  to: string;
  points: { on: string; members: number }[];
}

/** One rated organization or member in the report. */
export interface RatedItem {
  code: string;
  name: string;
  organizationCode: string;
  /** null under a scheme without points (132-QĐ/TW, 124-QĐ/TW). */
  total: number | null;
  level: RatingLevel;
  /** Why the level, and the article/clause it comes from (null for ratings made before issue 16). */
  reason: string | null;
  citation: string | null;
  scores: Record<string, number>;
  proposed: Record<string, number>;
}

/** The ratings report (SPEC §5.6). */
export interface RatingsReport {
  organization: ReportOrganization;
  year: number;
  quarter: number | null;
  from: string;
  to: string;
  scheme: {
    code: string;
    name: string;
    excellentMin: number;
    goodMin: number;
    completedMin: number;
    scale: 'points' | 'grades';
  } | null;
  criteria: { subject: string; code: string; name: string; maxPoints: number }[];
  organizations: { total: number; byLevel: Record<RatingLevel, number>; items: RatedItem[] };
  members: { total: number; byLevel: Record<RatingLevel, number>; items: RatedItem[] };
}

/** The pipeline report's JSON. */
export interface PipelineReport {
  organization: { code: string; name: string };
  asOf: string;
  total: number;
  byStage: Record<string, number>;
  byOrganization: {
    code: string;
    name: string;
    total: number;
    byStage: Record<string, number>;
    overdue: number;
  }[];
  medianDaysInStage: Record<string, number | null>;
  stagesMeasured: Record<string, number>;
  medianFrom: string;
  overdue: Record<AlertKind, number>;
}
