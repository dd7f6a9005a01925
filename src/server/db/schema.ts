import type { Generated } from 'kysely';

/** Kysely table types (camelCase; CamelCasePlugin maps them to the snake_case columns). */
export interface OrganizationTable {
  id: Generated<number>;
  code: string;
  name: string;
  nameFolded: string;
  kind: 'committee' | 'cell';
  level: string;
  sector: string | null;
  combined: number;
  decidesAdmissions: number;
  educationException: number;
  hasYouthUnion: number;
  establishedOn: string;
  dissolvedOn: Generated<string>;
  createdAt: string;
}

/** Dated parent link of an organization (parentId null for a root). */
export interface OrganizationLinkTable {
  id: Generated<number>;
  organizationId: number;
  parentId: number | null;
  validFrom: string;
  validTo: Generated<string>;
}

/** Dated closure of the tree: ancestorId covers descendantId over [validFrom, validTo). */
export interface OrganizationClosureTable {
  id: Generated<number>;
  ancestorId: number;
  descendantId: number;
  depth: number;
  validFrom: string;
  validTo: Generated<string>;
}

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  nameFolded: string;
  kind: string;
  communeUnitId: number | null;
  sector: string | null;
  staffCount: number | null;
  validFrom: string;
  validTo: Generated<string>;
}

export interface UnitCoverageTable {
  id: Generated<number>;
  unitId: number;
  organizationId: number;
  validFrom: string;
  validTo: Generated<string>;
}

export interface PersonTable {
  id: Generated<number>;
  fullName: string;
  nameFolded: string;
  nameSort: string;
  gender: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  religion: string | null;
  nationalId: string | null;
  phone: string | null;
  address: string | null;
  unitId: number | null;
  educationLevel: string;
  professionalLevel: string | null;
  politicalTheory: string | null;
  occupation: string | null;
  mergedIntoId: number | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

/** A person's membership of a target group over [validFrom, validTo) (youth union ends at 30, etc.). */
export interface PersonTargetGroupTable {
  personId: number;
  targetGroup: string;
  validFrom: string;
  validTo: Generated<string>;
}

export interface MembershipTable {
  id: Generated<number>;
  personId: number;
  candidateId: number | null;
  admittedOn: string;
  admissionDecisionNo: string | null;
  officialOn: string | null;
  officialDecisionNo: string | null;
  endedOn: Generated<string>;
  endReason: string | null;
}

export interface MemberPeriodTable {
  id: Generated<number>;
  membershipId: number;
  personId: number;
  organizationId: number;
  unitId: number | null;
  status: 'probationary' | 'official';
  startReason: string;
  endReason: string | null;
  validFrom: string;
  validTo: Generated<string>;
}

export interface PlanTable {
  id: Generated<number>;
  organizationId: number;
  year: number;
  metric: string;
  sector: string | null;
  target: number;
  targetMax: number | null;
  focusGroups: string | null;
  note: string | null;
  validFrom: string;
  validTo: Generated<string>;
}

export interface ResolutionTable {
  id: Generated<number>;
  organizationId: number;
  code: string;
  title: string;
  adoptedOn: string;
  fromYear: number;
  toYear: number;
}

export interface ResolutionIndicatorTable {
  id: Generated<number>;
  resolutionId: number;
  code: string;
  name: string;
  metric: string | null;
  baseline: number | null;
  baselineOn: string | null;
  target: number | null;
  direction: Generated<string>;
  sort: Generated<number>;
}

export interface IndicatorValueTable {
  id: Generated<number>;
  indicatorId: number;
  measuredOn: string;
  value: number;
  note: string | null;
}

export interface HolidayTable {
  date: string;
  name: string;
  nameVi: string;
  kind: string;
  working: Generated<number>;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface EventTable {
  id: Generated<number>;
  at: string;
  actor: string;
  actorUserId: number | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  organizationId: number | null;
  effectiveOn: string | null;
  reason: string | null;
  before: string | null;
  after: string | null;
}

/** One candidacy in the admission pipeline; `stage` and `dueOn` are the current state. */
export interface CandidateTable {
  id: Generated<number>;
  personId: number;
  organizationId: number;
  stage: string;
  stageOn: string;
  identifiedOn: string;
  fosteringOn: string | null;
  closedOn: Generated<string>;
  failedVotes: Generated<number>;
  certificateNumber: string | null;
  certificateIssuedOn: string | null;
  certificateIssuer: string | null;
  backgroundCheckedOn: string | null;
  dueKind: string | null;
  dueOn: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

/** One recorded transition (or failed vote) of a candidate, with its details as JSON. */
export interface CandidateTransitionTable {
  id: Generated<number>;
  candidateId: number;
  fromStage: string | null;
  toStage: string;
  on: string;
  actor: string;
  reason: string | null;
  details: string | null;
  recordedAt: string;
}

/** Members linked to a candidate: helpers (`helper`) and introducers (`introducer`). */
export interface CandidateMemberTable {
  candidateId: number;
  memberPersonId: number;
  role: string;
  since: string;
}

/** The dossier's documents checklist: one row per document received. */
export interface CandidateDocumentTable {
  candidateId: number;
  kind: string;
  receivedOn: string;
  note: string | null;
}

/** The whole database as Kysely sees it; other modules extend it with their own tables. */
export interface Database {
  organizations: OrganizationTable;
  organizationLinks: OrganizationLinkTable;
  organizationClosure: OrganizationClosureTable;
  units: UnitTable;
  unitCoverage: UnitCoverageTable;
  people: PersonTable;
  personTargetGroups: PersonTargetGroupTable;
  memberships: MembershipTable;
  memberPeriods: MemberPeriodTable;
  plans: PlanTable;
  resolutions: ResolutionTable;
  resolutionIndicators: ResolutionIndicatorTable;
  indicatorValues: IndicatorValueTable;
  holidays: HolidayTable;
  settings: SettingTable;
  events: EventTable;
  candidates: CandidateTable;
  candidateTransitions: CandidateTransitionTable;
  candidateMembers: CandidateMemberTable;
  candidateDocuments: CandidateDocumentTable;
}
