import type { z } from 'zod';
import {
  pipelineReport,
  ratingsReport,
  resolutionReport,
  sectorReport,
  statisticsReport,
  summaryReport,
  trendReport,
  type PipelineReport,
  type RatingsReport,
  type ResolutionReport,
  type SectorReport,
  type StatisticsReport,
  type SummaryReport,
  type TrendReport,
} from './report-answers.ts';

/**
 * The registry of reports (SPEC §5, §9) that the server, the CLI and the web app all read: each
 * report's name, title, the query it reads and the type of its answer. The server adds how each
 * is run, written as text and laid out as tables (server/modules/reports/reports.registry.ts); the
 * web app adds how each is drawn (web/features/reports/ReportsPage.tsx). Both are typed by
 * `ReportAnswers`, so a report missing from either fails to compile.
 */

/** The JSON answer of every report, by name. */
export interface ReportAnswers {
  summary: SummaryReport;
  statistics: StatisticsReport;
  pipeline: PipelineReport;
  sector: SectorReport;
  resolution: ResolutionReport;
  ratings: RatingsReport;
  trend: TrendReport;
}

/** A report's name, the same in the CLI (`dangvien report NAME`) and the API (`/api/v1/reports/NAME`). */
export type ReportName = keyof ReportAnswers;

/**
 * What a report's query reads besides `org`: a period (`year`, or `from`/`to`) or a date
 * (`asOf`); `sector` for the sector report; `quarter`/`scheme` for the ratings.
 */
export type ReportReads = 'period' | 'asOf' | 'sector' | 'ratings';

/** One report as the registry lists it. */
export interface ReportEntry {
  title: string;
  reads: ReportReads;
}

/** Every report, in the order of SPEC §5 (the order of the web app's tabs and the CLI's help). */
export const REPORT_CATALOG: { readonly [N in ReportName]: ReportEntry } = {
  summary: { title: 'Báo cáo tổng hợp công tác phát triển đảng viên', reads: 'period' },
  statistics: { title: 'Thống kê đảng viên', reads: 'asOf' },
  pipeline: { title: 'Tiến độ công tác phát triển đảng viên', reads: 'asOf' },
  sector: { title: 'Báo cáo theo ngành', reads: 'sector' },
  resolution: { title: 'Tiến độ thực hiện nghị quyết', reads: 'asOf' },
  ratings: { title: 'Kết quả xếp loại chất lượng', reads: 'ratings' },
  trend: { title: 'Diễn biến số lượng đảng viên', reads: 'period' },
};

/** The schema of every report's JSON answer, by name (the route's response, the tests' check). */
export const REPORT_ANSWER_SCHEMAS: { readonly [N in ReportName]: z.ZodType<ReportAnswers[N]> } = {
  summary: summaryReport,
  statistics: statisticsReport,
  pipeline: pipelineReport,
  sector: sectorReport,
  resolution: resolutionReport,
  ratings: ratingsReport,
  trend: trendReport,
};

/** The reports' names in catalog order. */
export const REPORT_NAMES = Object.keys(REPORT_CATALOG) as ReportName[];

/** Whether a string names a report. */
export function isReportName(name: string): name is ReportName {
  return Object.hasOwn(REPORT_CATALOG, name);
}

/** Whether the report is taken on one date (`asOf`) rather than over a period (`year`). */
export function readsDate(name: ReportName): boolean {
  const reads = REPORT_CATALOG[name].reads;
  return reads === 'asOf' || reads === 'sector';
}

/** Files a report downloads as (JSON is the API's own answer, not a download). */
export const EXPORT_FORMATS = ['text', 'xlsx', 'docx', 'html'] as const;

/** One download format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Whether a string names a download format. */
export function isExportFormat(format: string): format is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(format);
}

/** The query parameters a report reads, from the screen's or the caller's choices. */
export function reportQueryOf(
  name: ReportName,
  choices: { org: string | undefined; year: number; asOf: string; sector: string },
): { org: string | undefined; year?: number; asOf?: string; sector?: string } {
  const { org, year, asOf, sector } = choices;
  if (REPORT_CATALOG[name].reads === 'sector') return { org, asOf, sector };
  if (readsDate(name)) return { org, asOf };
  return { org, year };
}
