/**
 * Shapes of the API's answers as the web app reads them (SPEC §9): every one is inferred from the
 * zod schema the route declares as its `response` (src/shared/*answers.ts), so the screens and
 * the server cannot drift apart; nothing here is written by hand.
 */
export type {
  Alert as AlertItem,
  ApiTokenItem,
  AuditEvent,
  ImportColumn,
  ImportResult,
  ImportRowResult,
  MemberListItem as MemberItem,
  OrganizationInfo,
  PublicUser,
  PublicUser as SessionUser,
  ReorganizationAnswer,
  RoleGrantInfo,
  RowIssue,
  RowStatus,
  SessionInfo as SessionAnswer,
  UserDetail,
} from '../../shared/answers.ts';
export type {
  IndicatorProgress,
  PipelineReport,
  RatedItem,
  RatingsReport,
  ReportOrganization,
  ResolutionReport,
  SectorReport,
  StatisticsReport,
  SummaryReport,
  TrendReport,
} from '../../shared/report-answers.ts';
export type { RatingLevel } from '../../shared/enums.ts';
export type { OrganizationNode, UnitItem } from '../../shared/organization-answers.ts';
export type {
  DatedValue,
  MemberPeriod,
  Person,
  PersonDetail,
  TimelineEvent,
} from '../../shared/people-answers.ts';
export type {
  CandidateDetail,
  CandidateItem,
  CandidateList,
  CandidateMember,
  CandidateTransition,
  PlansAnswer,
  Resolution,
  ResolutionIndicator,
  ResolutionsAnswer,
  RuleCheck,
  StepCheck,
} from '../../shared/candidate-answers.ts';

/** A list page with the total number of matches. */
export interface Page<T> {
  items: T[];
  total: number;
}
