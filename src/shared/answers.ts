/**
 * The HTTP API's answers as TypeScript types, for the web app. They are re-exported type-only
 * from the server modules that produce them, so screen and server cannot drift apart; `export
 * type` is erased when compiling, so no server code reaches the browser bundle.
 */
export type {
  ReportOrganization,
  SectorReport,
  StatisticsReport,
  SummaryComparison,
  SummaryReport,
} from '../server/modules/reports/reports.service.ts';
export type {
  IndicatorProgress,
  ResolutionReport,
  TrendReport,
} from '../server/modules/reports/progress.service.ts';
export type { RatedItem, RatingsReport } from '../server/modules/ratings/ratings.service.ts';
export type { RatingLevel } from '../server/modules/ratings/ratings.rules.ts';
export type { PipelineReport } from '../server/modules/candidates/pipeline.report.ts';
export type { Alert } from '../server/modules/alerts/alerts.service.ts';
export type { MemberListItem } from '../server/modules/members/members.repository.ts';
export type { PublicUser, SessionInfo } from '../server/modules/accounts/accounts.service.ts';
export type {
  ImportResult,
  ImportRowResult,
  RowStatus,
} from '../server/modules/imports/imports.service.ts';
export type { RowIssue } from '../server/modules/imports/imports.rules.ts';

import type { getOrganization } from '../server/modules/organizations/organizations.service.ts';
/** GET /organizations/{code}: one organization with its lifetime. */
export type OrganizationInfo = Awaited<ReturnType<typeof getOrganization>>;
