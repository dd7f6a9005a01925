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

/** A name an organization bore before its current one, over [validFrom, validTo) (a rename's former name). */
export interface OrganizationNameTable {
  id: Generated<number>;
  organizationId: number;
  name: string;
  validFrom: string;
  validTo: string;
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

/** A kind of area (mountain, border, island, ethnic-minority, hardship) of a unit over [validFrom, validTo). */
export interface UnitAreaKindTable {
  id: Generated<number>;
  unitId: number;
  kind: string;
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

/** Where a person lives, works or studies over [validFrom, validTo); `people.unitId` is the open one. */
export interface PersonPlaceTable {
  id: Generated<number>;
  personId: number;
  unitId: number;
  validFrom: string;
  validTo: Generated<string>;
}

/**
 * A changeable fact of a person over [validFrom, validTo): `field` is `educationLevel`,
 * `professionalLevel`, `politicalTheory` or `occupation` (the `people` column holding the open one).
 */
export interface PersonFactTable {
  id: Generated<number>;
  personId: number;
  field: string;
  value: string | null;
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

/** A Party text added by an administrator after a release (issue 16); shipped texts live in code. */
export interface RegulationTable {
  id: Generated<number>;
  number: string;
  signedOn: string;
  title: string;
  issuer: string;
  effectiveFrom: string;
  governs: string;
  replacesNumber: string | null;
  replacesSignedOn: string | null;
  source: string | null;
  confirmed: Generated<number>;
  note: Generated<string>;
  createdAt: string;
  createdBy: string;
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

/**
 * A further organization an event concerns, beyond `events.organization_id` (migration
 * 2026-12-06T04-00-event-organizations): a merge's people, a reorganization's organizations.
 */
export interface EventOrganizationTable {
  eventId: number;
  organizationId: number;
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
  /** 'done' moves the stage; 'failed' records a vote below the threshold (stage unchanged). */
  outcome: Generated<string>;
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
  /** Set when the document was unticked (from that date, with why); the row stays. */
  untickedOn: string | null;
  untickedReason: string | null;
}

/** A request sent to another organization for a dossier (verification letter, comments, introduction). */
export interface DossierRequestTable {
  id: Generated<number>;
  candidateId: number;
  kind: string;
  sentTo: string;
  sentToOrganizationId: number | null;
  sentOn: string;
  dueOn: string;
  receivedOn: string | null;
  result: string | null;
  resultNote: string | null;
  note: string | null;
  createdAt: string;
  createdBy: string;
}

/** A scanned file of a dossier document; its bytes are stored by sha256 in the files directory. */
export interface DossierFileTable {
  id: Generated<number>;
  candidateId: number;
  documentKind: string;
  requestId: number | null;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}

/** A rating scheme (one regulation's 100-point scale) with the lowest total of each level. */
export interface RatingSchemeTable {
  id: Generated<number>;
  code: string;
  name: string;
  maxPoints: number;
  excellentMin: number;
  goodMin: number;
  completedMin: number;
  validFrom: string;
  validTo: Generated<string>;
  note: string | null;
  /** 'points' (a 100-point scale) or 'grades' (the meeting proposes the level). */
  scale: Generated<string>;
  /** The rule set deciding levels (ratings.levels.ts), by regulation code. */
  ruleset: string | null;
  regulation: string | null;
  guidance: string | null;
}

/** A weighted group of criteria of a scheme (366-QĐ/TW: general 30, task results 70). */
export interface RatingGroupTable {
  id: Generated<number>;
  schemeId: number;
  subject: 'organization' | 'member';
  code: string;
  name: string;
  maxPoints: number;
  citation: string | null;
  sort: Generated<number>;
}

/** One criterion of a scheme for organizations or members; `metric` marks a criterion the system can propose. */
export interface RatingCriterionTable {
  id: Generated<number>;
  schemeId: number;
  subject: 'organization' | 'member';
  code: string;
  name: string;
  maxPoints: number;
  metric: string | null;
  sector: string | null;
  sort: Generated<number>;
  groupId: number | null;
}

/** One rating of an organization (personId null) or a member for a year (quarter 0) or a quarter. */
export interface RatingTable {
  id: Generated<number>;
  schemeId: number;
  subject: 'organization' | 'member';
  organizationId: number;
  personId: number | null;
  year: number;
  quarter: Generated<number>;
  total: number;
  level: string;
  ratedOn: string;
  note: string | null;
  createdAt: string;
  /** The level the points (or the meeting's proposal) alone gave. */
  levelByPoints: string | null;
  /** Why the level (Vietnamese) and the article/clause it comes from. */
  reason: string | null;
  citation: string | null;
  /** The conditions entered (JSON of RatingConditions). */
  conditions: string | null;
}

/** A rating's points on one criterion, beside what the system proposed. */
export interface RatingScoreTable {
  ratingId: number;
  criterionId: number;
  points: number;
  proposedPoints: number | null;
  note: string | null;
}

/** A user account: one role over one organization's subtree (accounts module). */
export interface UserTable {
  id: Generated<number>;
  username: string;
  displayName: string | null;
  passwordHash: string | null;
  role: string;
  organizationId: number;
  disabled: Generated<number>;
  /** No longer read (lock-outs live in credential_throttles); kept so old backups restore. */
  failedLogins: Generated<number>;
  /** No longer read (lock-outs live in credential_throttles); kept so old backups restore. */
  lockedUntil: string | null;
  passwordChangedAt: string | null;
  /** 1 after an administrator reset the password: the user chooses their own at the next sign-in. */
  mustChangePassword: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

/**
 * A dated role grant: the user holds `role` over `organizationId` on the days [validFrom, validTo)
 * (ISO dates; an open grant ends on '9999-12-31'; an empty interval is a grant replaced or
 * cancelled before its first day). Grants of one user do not overlap.
 */
export interface RoleGrantTable {
  id: Generated<number>;
  userId: number;
  role: string;
  organizationId: number;
  grantedBy: string;
  validFrom: string;
  validTo: Generated<string>;
  /** When the grant was recorded (ISO instant). */
  grantedAt: string | null;
  /** Who ended it before its planned end (null while open or when replaced by a new grant). */
  endedBy: string | null;
}

/** A browser session; only the SHA-256 of its token is stored. */
export interface SessionTable {
  id: Generated<number>;
  userId: number;
  tokenHash: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** An API bearer token for scripts; only the SHA-256 of the token is stored. */
export interface ApiTokenTable {
  id: Generated<number>;
  userId: number;
  name: string;
  tokenHash: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: Generated<string>;
  revokedAt: string | null;
}

/**
 * Consecutive failed password checks of one username from one client address (`purpose`
 * `sign_in`), or of one signed-in user (`password_check`, address ''), and the current lock.
 */
export interface CredentialThrottleTable {
  id: Generated<number>;
  purpose: string;
  username: string;
  address: string;
  failures: Generated<number>;
  lockedUntil: string | null;
  updatedAt: string;
}

/** A client address a user has signed in from (an administrator is never locked out there). */
export interface UserAddressTable {
  id: Generated<number>;
  userId: number;
  address: string;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** A Party-awareness course (lớp bồi dưỡng nhận thức về Đảng) held for an organization's subtree. */
export interface CourseTable {
  id: Generated<number>;
  organizationId: number;
  name: string;
  organizer: string;
  startsOn: string;
  endsOn: string;
  certificatesIssuedOn: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

/** A participant of a course with the result and the certificate issued to them. */
export interface CourseParticipantTable {
  courseId: number;
  personId: number;
  result: string | null;
  score: number | null;
  certificateNumber: string | null;
  certificateIssuedOn: string | null;
}

/** A pair of people marked "not duplicates" for good (firstPersonId < secondPersonId). */
export interface DuplicateDismissalTable {
  firstPersonId: number;
  secondPersonId: number;
  dismissedAt: string;
  actor: string;
  reason: string | null;
}

/** A named application lock (issue 9): a transaction updates the row first to hold it until commit. */
export interface LockTable {
  name: string;
  holder: string | null;
  acquiredAt: string | null;
}

/**
 * PostgreSQL only (schema `search`, migration 2026-11-27T20-00-name-search, kept by triggers):
 * each word-initial suffix of a person's folded name, per upper-level committee they are tied to.
 */
export interface PersonNameSuffixTable {
  scopeId: number;
  suffix: string;
  personId: number;
  nameSort: string;
}

/**
 * Keys of the rows a running import has read (migration 2026-11-27T21-00-import-rows): its
 * batches look up in-file duplicates and close names here instead of holding them in memory.
 */
export interface ImportRowTable {
  importId: string;
  row: number;
  nationalId: string | null;
  nameFolded: string;
  birthDate: string;
  fullName: string;
  /** Set for a new person only: the close-name check compares new people of the same unit. */
  unitId: number | null;
  /** The person created for the row, once a confirmed import has written it. */
  personId: number | null;
  createdAt: string;
}

/** The whole database as Kysely sees it; other modules extend it with their own tables. */
export interface Database {
  organizations: OrganizationTable;
  organizationLinks: OrganizationLinkTable;
  organizationNames: OrganizationNameTable;
  organizationClosure: OrganizationClosureTable;
  units: UnitTable;
  unitCoverage: UnitCoverageTable;
  unitAreaKinds: UnitAreaKindTable;
  people: PersonTable;
  personTargetGroups: PersonTargetGroupTable;
  personPlaces: PersonPlaceTable;
  personFacts: PersonFactTable;
  memberships: MembershipTable;
  memberPeriods: MemberPeriodTable;
  plans: PlanTable;
  resolutions: ResolutionTable;
  resolutionIndicators: ResolutionIndicatorTable;
  indicatorValues: IndicatorValueTable;
  holidays: HolidayTable;
  regulations: RegulationTable;
  settings: SettingTable;
  events: EventTable;
  eventOrganizations: EventOrganizationTable;
  candidates: CandidateTable;
  candidateTransitions: CandidateTransitionTable;
  candidateMembers: CandidateMemberTable;
  candidateDocuments: CandidateDocumentTable;
  dossierRequests: DossierRequestTable;
  dossierFiles: DossierFileTable;
  ratingSchemes: RatingSchemeTable;
  ratingCriteria: RatingCriterionTable;
  ratingGroups: RatingGroupTable;
  ratings: RatingTable;
  ratingScores: RatingScoreTable;
  users: UserTable;
  roleGrants: RoleGrantTable;
  sessions: SessionTable;
  apiTokens: ApiTokenTable;
  credentialThrottles: CredentialThrottleTable;
  userAddresses: UserAddressTable;
  courses: CourseTable;
  courseParticipants: CourseParticipantTable;
  duplicateDismissals: DuplicateDismissalTable;
  locks: LockTable;
  importRows: ImportRowTable;
  'search.personNameSuffixes': PersonNameSuffixTable;
}
