/**
 * The HTTP API's answers as TypeScript types, for the web app and the server alike: the server's
 * services and routes produce these shapes, so screen and server cannot drift apart. This file is
 * the bottom floor (src/shared imports nothing from the server): the server imports the types
 * from here, never the other way round.
 */
import type { UserRole } from './account-contracts.ts';
import type { AlertKind } from './pipeline.ts';

export type {
  IndicatorProgress,
  PipelineReport,
  RatedItem,
  RatingsReport,
  ReportOrganization,
  ResolutionReport,
  SectorReport,
  StatisticsReport,
  SummaryComparison,
  SummaryReport,
  TrendReport,
} from './report-answers.ts';
export type { RatingLevel } from './enums.ts';

/** One alert (SPEC §9). `daysOverdue` is in calendar days; negative means days left. */
export interface Alert {
  kind: AlertKind;
  candidateId: number;
  person: { id: number; fullName: string };
  organization: { code: string; name: string };
  stage: string;
  dueOn: string;
  daysOverdue: number;
}

/** A member as listed: their open period on the date, in Vietnamese name order. */
export interface MemberListItem {
  id: number;
  personId: number;
  fullName: string;
  organizationCode: string;
  organizationName: string;
  status: 'probationary' | 'official';
  admittedOn: string;
  officialOn: string | null;
  /** The end of probation when it has passed on the list's date and recognition is still awaited. */
  awaitingRecognitionSince?: string | null;
}

/** The role of whoever acts: a user's role, or `system` (the CLI and jobs). */
export type ActorRole = 'system' | UserRole;

/** A user as the API shows them (never the password hash). */
export interface PublicUser {
  id: number;
  username: string;
  displayName: string | null;
  role: ActorRole;
  organization: { code: string; name: string };
  disabled: boolean;
  locked: boolean;
  /** Whether a role grant is in force today (ended from a day: none, the user cannot act). */
  grantActive: boolean;
  /** After an administrator's reset: the user must choose their own password. */
  mustChangePassword: boolean;
  /** The newest sign-in, null if never. */
  lastSignInAt: string | null;
  createdAt: string;
}

/** One dated role grant of a user (GET /api/v1/users/{id}). */
export interface RoleGrantInfo {
  id: number;
  role: ActorRole;
  organizationCode: string;
  organizationName: string;
  grantedBy: string;
  grantedAt: string | null;
  /** Who ended it before its planned end, if anyone. */
  endedBy: string | null;
  validFrom: string;
  /** The first day it no longer holds; null while open. */
  validTo: string | null;
}

/** The answer of a sign-in or of "who am I". */
export interface SessionInfo {
  user: PublicUser;
  role: ActorRole;
  organization: { code: string; name: string };
  csrfToken: string | null;
  /** Every ability of the access table (server/access/access.ts) and whether the user has it. */
  abilities: Record<string, boolean>;
  expiresAt: string | null;
}

/** What a spreadsheet import reads (server: imports.columns.ts IMPORT_KINDS). */
export type ImportKind = 'people' | 'members' | 'candidates' | 'organizations' | 'units';

/** A problem with one cell (or the row), shown in the preview. */
export interface RowIssue {
  column: string;
  message: string;
  messageEn: string;
}

/** What happens to a row. */
export type RowStatus = 'new' | 'update' | 'unchanged' | 'duplicate' | 'error';

/** The preview of one row. */
export interface ImportRowResult {
  row: number;
  status: RowStatus;
  fullName: string;
  personId: number | null;
  /** The organization (members, candidates) or unit (people) the row goes to. */
  organizationCode: string | null;
  unitCode: string | null;
  /** Tree imports: an organization's parent, a unit's commune (as written in the row). */
  parentCode?: string | null;
  /** Fields an update changes. */
  changes: string[];
  /** For `duplicate`: the record or earlier row it duplicates. */
  duplicateOf: {
    personId: number | null;
    row: number | null;
    fullName: string;
    reason: string;
  } | null;
  errors: RowIssue[];
  warnings: RowIssue[];
}

/** The preview (or the result) of an import. */
export interface ImportResult {
  kind: ImportKind;
  file: string;
  format: 'xlsx' | 'csv';
  dryRun: boolean;
  written: boolean;
  rows: number;
  counts: Record<RowStatus, number>;
  ignoredColumns: string[];
  items: ImportRowResult[];
  /**
   * True when not every row is listed: only the first `itemLimit` rows are, failures first, then
   * rows with warnings, then the rest (the counts cover the whole file).
   */
  truncated: boolean;
  /** The most rows an answer lists. */
  itemLimit: number;
}

/** GET /organizations/{code}: one organization with its lifetime. */
export interface OrganizationInfo {
  code: string;
  name: string;
  kind: 'committee' | 'cell';
  level: string;
  sector: string | null;
  combined: boolean;
  decidesAdmissions: boolean;
  establishedOn: string;
  dissolvedOn: string | null;
}

/** An organization named in a reorganization's answer, by its name on the operation's date. */
export interface NamedOrganization {
  code: string;
  name: string;
}

/** What moves to one organization in one step of a reorganization, counted on its date. */
export interface ReorganizationMove {
  to: NamedOrganization;
  /** Organizations that move under `to` with their subtrees (each counted once, sub-organizations included). */
  organizations: number;
  /** How many of those organizations are cells (chi bộ). */
  cells: number;
  /** Members (open member periods on the date) whose cell moves or who move themselves. */
  members: number;
  /** Candidacies still open on the date (dossiers, probation) that move. */
  candidates: number;
  /** Units (villages, schools…) whose coverage moves. */
  units: number;
}

/** One step of a reorganization and its effect, with a sentence in Vietnamese. */
export interface ReorganizationStepEffect {
  op: 'create' | 'rename' | 'move' | 'merge' | 'split' | 'dissolve';
  /** The organizations the step acts on (the sources of a merge, the one split or moved…). */
  subjects: NamedOrganization[];
  /** Where things go, one entry per receiving organization. */
  moves: ReorganizationMove[];
  /** Organizations that end on the date (a merge's sources, a split one, a dissolved one). */
  dissolved: NamedOrganization[];
  /** A rename's former and new name. */
  rename?: { from: string; to: string };
  /** The step in one Vietnamese sentence ("12 chi bộ, 340 đảng viên sẽ chuyển sang …"). */
  text: string;
}

/** POST /reorganizations and /reorganizations/preview: what the operation does (or did). */
export interface ReorganizationAnswer {
  on: string;
  /** True for a preview: the same checks and counts, nothing written. */
  preview: boolean;
  created: string[];
  moved: string[];
  dissolved: string[];
  renamed: string[];
  membersMoved: number;
  unitsMoved: number;
  candidatesMoved: number;
  steps: ReorganizationStepEffect[];
}
