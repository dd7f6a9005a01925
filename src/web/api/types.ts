/**
 * Shapes of the API's answers as the web app reads them (SPEC §9). The request contracts are the
 * Zod schemas of src/shared/contracts.ts; these answer types mirror the services' results.
 */
import type {
  MemberStatus,
  OrganizationKind,
  OrganizationLevel,
  Sector,
} from '../../shared/enums.ts';

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
  kind: 'stage' | 'period';
  stage: string | null;
  organizationCode?: string;
}

/** A person with the whole dated history (GET /people/{id}). */
export interface PersonDetail extends Person {
  memberPeriods: MemberPeriod[];
  candidacies: { id: number; stage: string; stageOn: string; organizationCode: string }[];
  timeline: TimelineEvent[];
}

/** A member on a date (GET /members). */
export interface MemberItem {
  id: number;
  personId: number;
  fullName: string;
  organizationCode: string;
  organizationName: string;
  status: MemberStatus;
  admittedOn: string;
  officialOn: string | null;
}

/** The organization a report is about. */
export interface ReportOrganization {
  code: string;
  name: string;
}

/** Development summary (SPEC §5.1). */
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
  text: string;
}

/** Statistics as of a date (SPEC §5.2). */
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
  byPoliticalTheory?: Record<string, number>;
  byReligion?: Record<string, number>;
  byOccupation?: Record<string, number>;
  byTargetGroup: Record<string, number>;
  byOrganization: {
    code: string;
    name: string;
    members: number;
    probationary: number;
    official: number;
  }[];
}

/** Sector view (SPEC §5.4). */
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
  candidatesFosteredTargetMax?: number | null;
}

/** One rule's verdict on a candidate (SPEC §9 `checks`). */
export interface RuleCheck {
  rule: string;
  status: 'ok' | 'warning' | 'blocked';
  message: string;
  messageEn?: string;
  field?: string;
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
}

/** An open alert (SPEC §9 GET /alerts). */
export interface AlertItem {
  kind: string;
  candidateId: number;
  person: string | { id: number; fullName: string };
  organization: string | { code: string; name: string };
  dueOn: string;
  daysOverdue: number;
}

/** A signed-in user as the session answer describes them. */
export interface SessionUser {
  username: string;
  role: string;
  organizationCode?: string | null;
  displayName?: string | null;
}

/** GET/POST /session. */
export interface SessionAnswer {
  user: SessionUser;
  csrfToken?: string;
  abilities?: string[] | Record<string, boolean>;
}

/** Members at the baseline and at each year end (the dashboard's line chart). */
export interface TrendReport {
  organization: ReportOrganization;
  from: string;
  to: string;
  points: { on: string; members: number }[];
}

/** One indicator's progress in the resolution report. */
export interface IndicatorProgress {
  code: string;
  name: string;
  metric: string | null;
  baseline: number | null;
  baselineOn: string | null;
  target: number | null;
  direction: 'increase' | 'decrease';
  current: number | null;
  source: 'computed' | 'manual' | 'none';
  measuredOn: string | null;
  progressPercent: number | null;
  achieved: boolean | null;
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
