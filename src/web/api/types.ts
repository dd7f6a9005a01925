/**
 * Shapes of the API's answers as the web app reads them (SPEC §9). Where the server has a type,
 * it comes from src/shared/answers.ts (type-only); the rest mirror answers the routes shape.
 */
import type {
  MemberStatus,
  OrganizationKind,
  OrganizationLevel,
  Sector,
} from '../../shared/enums.ts';

export type {
  IndicatorProgress,
  ImportResult,
  ImportRowResult,
  OrganizationInfo,
  PipelineReport,
  RatedItem,
  RatingLevel,
  RatingsReport,
  ReorganizationAnswer,
  ReportOrganization,
  ResolutionReport,
  RowIssue,
  RowStatus,
  SectorReport,
  StatisticsReport,
  SummaryReport,
  TrendReport,
} from '../../shared/answers.ts';
import type {
  Alert,
  MemberListItem,
  PublicUser,
  ReportOrganization,
  SessionInfo,
} from '../../shared/answers.ts';

/** A member on a date (GET /members). */
export type MemberItem = MemberListItem;

/** An open alert (SPEC §9 GET /alerts). */
export type AlertItem = Alert;

export type { PublicUser, RoleGrantInfo } from '../../shared/answers.ts';

/** A signed-in user as the session answer describes them. */
export type SessionUser = PublicUser;

/** GET/POST /session. */
export type SessionAnswer = SessionInfo;

/** A list page with the total number of matches. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** One node of the organization tree as it stood on a date. */
export interface OrganizationNode {
  code: string;
  name: string;
  kind: OrganizationKind;
  level: OrganizationLevel;
  parentCode: string | null;
  sector: Sector | null;
  combined: boolean;
  depth: number;
  decidesAdmissions: boolean;
}

/** A person as listed and searched. */
export interface Person {
  id: number;
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  religion: string | null;
  nationalId: string | null;
  phone: string | null;
  address: string | null;
  unitCode: string | null;
  unitName: string | null;
  educationLevel: string;
  politicalTheory: string | null;
  occupation: string | null;
  targetGroups: string[];
  masked: boolean;
  /** The optimistic lock a correction or change sends back. */
  version: number;
}

/** One dated membership period of a person. */
export interface MemberPeriod {
  status: MemberStatus;
  startReason: string;
  endReason: string | null;
  validFrom: string;
  validTo: string | null;
  organizationCode: string;
  organizationName: string;
}

/** One dated event of a person's history. */
export interface TimelineEvent {
  on: string;
  kind: 'stage' | 'period' | 'place' | 'fact' | 'targetGroup' | 'correction';
  stage: string | null;
  organizationCode?: string;
  /** `place`: the unit from this date. */
  unitName?: string;
  /** `fact`: which fact changed and its value from this date. */
  field?: string;
  value?: string | null;
  /** `targetGroup`: joined (true) or left (false). */
  group?: string;
  joined?: boolean;
  /** `correction`: the values rewritten, before and after, why and by whom. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  reason?: string | null;
  actor?: string;
}

/** A dated period of a person's place, fact or target group (validTo null: still open). */
export interface DatedValue {
  validFrom: string;
  validTo: string | null;
}

/** A person with the whole dated history (GET /people/{id}). */
export interface PersonDetail extends Person {
  memberPeriods: MemberPeriod[];
  candidacies: {
    id: number;
    stage: string;
    stageOn: string;
    organizationCode: string;
    organizationName: string;
  }[];
  places: (DatedValue & { unitCode: string; unitName: string })[];
  facts: (DatedValue & { field: string; value: string | null })[];
  targetGroupPeriods: (DatedValue & { group: string })[];
  timeline: TimelineEvent[];
}

/** One unit of the caller's scope (GET /units). */
export interface UnitItem {
  code: string;
  name: string;
  kind: string;
  organizationCode: string;
  organizationName: string;
}

/** One rule's verdict on a candidate (SPEC §9 `checks`). */
export interface RuleCheck {
  rule: string;
  status: 'ok' | 'warning' | 'blocked';
  message: string;
  messageEn?: string;
  field?: string;
  /** The text and article the rule comes from: "29-QĐ/TW, mục 3.2.1". */
  citation?: string;
  /** Where the check does not pass: what would unblock it (Vietnamese). */
  unblock?: string;
}

/** A candidate in the pipeline as listed on the board (GET /candidates). */
export interface CandidateItem {
  id: number;
  personId: number;
  fullName: string;
  organizationCode: string;
  organizationName: string;
  stage: string;
  stageLabel?: string;
  stageOn: string;
  dueKind: string | null;
  dueOn: string | null;
  version: number;
}

/** GET /candidates: one page, the total and the count per stage. */
export interface CandidateList extends Page<CandidateItem> {
  organization: ReportOrganization;
  byStage: Record<string, number>;
}

/** One recorded transition of a candidate. */
export interface CandidateTransition {
  from: string | null;
  to: string;
  on: string;
  actor: string | null;
  reason: string | null;
  outcome: 'done' | 'failed';
  details: Record<string, unknown>;
}

/** A rule check of a possible next step (`to`). */
export interface StepCheck extends RuleCheck {
  to: string;
}

/** A member helping or introducing a candidate. */
export interface CandidateMember {
  personId: number;
  fullName: string;
  role: string;
  since: string | null;
}

/** A dossier: the candidate, its history, documents, votes, deadlines and rule checks. */
export interface CandidateDetail {
  id: number;
  stage: string;
  stageLabel?: string;
  stageOn: string;
  identifiedOn: string;
  closedOn: string | null;
  version: number;
  failedVotes: number;
  /** Failed votes after which the next higher committee decides. */
  failedVotesLimit?: number;
  person: {
    id: number;
    fullName: string;
    gender: string;
    birthDate: string;
    ethnicity: string;
    educationLevel: string;
    unitCode: string | null;
    unitName: string | null;
  };
  organization: ReportOrganization | null;
  certificate: { number: string; issuedOn: string | null; issuer: string | null } | null;
  backgroundCheckedOn: string | null;
  history: CandidateTransition[];
  documents: { kind: string; label: string; receivedOn: string | null; note: string | null }[];
  helpers: CandidateMember[];
  introducers: CandidateMember[];
  votes: {
    stage: string;
    on: string;
    outcome: string;
    officialMembers?: number;
    members?: number;
    present?: number;
    inFavour: number;
    resolutionNo?: string;
  }[];
  due: { kind: string | null; on: string | null };
  deadlines: { kind: string; startsOn: string; dueOn: string }[];
  checks: StepCheck[];
  allowedTransitions: string[];
  /** A former member admitted again (the 18-KNĐ register flags it). */
  readmitted?: boolean;
  /** The re-admission facts entered so far. */
  readmission?: {
    formerEndedOn?: string;
    exitGround?: string;
    criminalRecordClearedOn?: string;
    provincialConsentOn?: string;
  } | null;
}

/** Plans of an organization and its direct sub-organizations for a year (GET /plans). */
export interface PlansAnswer {
  organization: ReportOrganization;
  year: number;
  children: ReportOrganization[];
  items: {
    id: number;
    organizationCode: string;
    organizationName: string;
    year: number;
    metric: string;
    sector: string | null;
    target: number;
    targetMax: number | null;
    focusGroups: string[];
    note: string | null;
  }[];
}
