/**
 * The HTTP API's answers as zod schemas, with their TypeScript types inferred from them, for the
 * web app and the server alike: the routes declare these schemas as their `response` (checked by
 * the compiler against what the handler returns, parsed by the route tests, listed in the OpenAPI
 * document), and the web app's types are the same schemas' `z.infer`. This file is the bottom
 * floor (src/shared imports nothing from the server): the server imports the types from here,
 * never the other way round. Objects are not strict: a field added to an answer is not an error,
 * a field missing or of the wrong type is.
 */
import { z } from 'zod';
import { USER_ROLES } from './account-contracts.ts';
import { ALERT_KINDS } from './pipeline.ts';

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

/** An organization (or unit) named by its code and its name on the answer's date. */
export const namedOrganization = z.object({ code: z.string(), name: z.string() });
export type NamedOrganization = z.infer<typeof namedOrganization>;

/** One alert (SPEC §9). `daysOverdue` is in calendar days; negative means days left. */
export const alertAnswer = z.object({
  kind: z.enum(ALERT_KINDS),
  candidateId: z.number(),
  person: z.object({ id: z.number(), fullName: z.string() }),
  organization: namedOrganization,
  stage: z.string(),
  dueOn: z.string(),
  daysOverdue: z.number(),
});
export type Alert = z.infer<typeof alertAnswer>;

/** GET /alerts: one page of alerts, their total and the count per kind. */
export const alertsPageAnswer = z.object({
  items: z.array(alertAnswer),
  total: z.number(),
  byKind: z.record(z.enum(ALERT_KINDS), z.number()),
  limit: z.number(),
  offset: z.number(),
});
export type AlertsPage = z.infer<typeof alertsPageAnswer>;

/** A member as listed: their open period on the date, in Vietnamese name order. */
export const memberListItem = z.object({
  id: z.number(),
  personId: z.number(),
  fullName: z.string(),
  organizationCode: z.string(),
  organizationName: z.string(),
  status: z.enum(['probationary', 'official']),
  admittedOn: z.string(),
  officialOn: z.string().nullable(),
  /** The end of probation when it has passed on the list's date and recognition is still awaited. */
  awaitingRecognitionSince: z.string().nullable().optional(),
});
export type MemberListItem = z.infer<typeof memberListItem>;

/** The role of whoever acts: a user's role, or `system` (the CLI and jobs). */
export const actorRole = z.enum(['system', ...USER_ROLES]);
export type ActorRole = z.infer<typeof actorRole>;

/** A user as the API shows them (never the password hash). */
export const publicUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string().nullable(),
  role: actorRole,
  organization: namedOrganization,
  disabled: z.boolean(),
  locked: z.boolean(),
  /** Whether a role grant is in force today (ended from a day: none, the user cannot act). */
  grantActive: z.boolean(),
  /** After an administrator's reset: the user must choose their own password. */
  mustChangePassword: z.boolean(),
  /** The newest sign-in, null if never. */
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type PublicUser = z.infer<typeof publicUser>;

/** One dated role grant of a user (GET /api/v1/users/{id}). */
export const roleGrantInfo = z.object({
  id: z.number(),
  role: actorRole,
  organizationCode: z.string(),
  organizationName: z.string(),
  grantedBy: z.string(),
  grantedAt: z.string().nullable(),
  /** Who ended it before its planned end, if anyone. */
  endedBy: z.string().nullable(),
  validFrom: z.string(),
  /** The first day it no longer holds; null while open. */
  validTo: z.string().nullable(),
});
export type RoleGrantInfo = z.infer<typeof roleGrantInfo>;

/** The answer of a sign-in or of "who am I". */
export const sessionInfo = z.object({
  user: publicUser,
  role: actorRole,
  organization: namedOrganization,
  csrfToken: z.string().nullable(),
  /** Every ability of the access table (server/access/access.ts) and whether the user has it. */
  abilities: z.record(z.string(), z.boolean()),
  expiresAt: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

/** What a spreadsheet import reads (server: imports.columns.ts IMPORT_KINDS). */
export const IMPORT_KINDS = ['people', 'members', 'candidates', 'organizations', 'units'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A problem with one cell (or the row), shown in the preview. */
export const rowIssue = z.object({
  column: z.string(),
  message: z.string(),
  messageEn: z.string(),
});
export type RowIssue = z.infer<typeof rowIssue>;

/** What happens to a row. */
export const ROW_STATUSES = ['new', 'update', 'unchanged', 'duplicate', 'error'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** The preview of one row. */
export const importRowResult = z.object({
  row: z.number(),
  status: z.enum(ROW_STATUSES),
  fullName: z.string(),
  personId: z.number().nullable(),
  /** The organization (members, candidates) or unit (people) the row goes to. */
  organizationCode: z.string().nullable(),
  unitCode: z.string().nullable(),
  /** Tree imports: an organization's parent, a unit's commune (as written in the row). */
  parentCode: z.string().nullable().optional(),
  /** Fields an update changes. */
  changes: z.array(z.string()),
  /** For `duplicate`: the record or earlier row it duplicates. */
  duplicateOf: z
    .object({
      personId: z.number().nullable(),
      row: z.number().nullable(),
      fullName: z.string(),
      reason: z.string(),
    })
    .nullable(),
  errors: z.array(rowIssue),
  warnings: z.array(rowIssue),
});
export type ImportRowResult = z.infer<typeof importRowResult>;

/** The preview (or the result) of an import. */
export const importResult = z.object({
  kind: z.enum(IMPORT_KINDS),
  file: z.string(),
  format: z.enum(['xlsx', 'csv']),
  dryRun: z.boolean(),
  written: z.boolean(),
  rows: z.number(),
  counts: z.record(z.enum(ROW_STATUSES), z.number()),
  ignoredColumns: z.array(z.string()),
  items: z.array(importRowResult),
  /**
   * True when not every row is listed: only the first `itemLimit` rows are, failures first, then
   * rows with warnings, then the rest (the counts cover the whole file).
   */
  truncated: z.boolean(),
  /** The most rows an answer lists. */
  itemLimit: z.number(),
});
export type ImportResult = z.infer<typeof importResult>;

/** One column a sheet of an import kind reads: its key, headers, whether required, a hint. */
export const importColumn = z.object({
  key: z.string(),
  vi: z.string(),
  en: z.string(),
  required: z.boolean(),
  hint: z.string(),
});
export type ImportColumn = z.infer<typeof importColumn>;

/** GET /imports/{kind}/columns: the columns a sheet of the kind reads. */
export const importColumnsAnswer = z.object({ items: z.array(importColumn) });

/** GET /organizations/{code}: one organization with its lifetime. */
export const organizationInfo = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['committee', 'cell']),
  level: z.string(),
  sector: z.string().nullable(),
  combined: z.boolean(),
  decidesAdmissions: z.boolean(),
  establishedOn: z.string(),
  dissolvedOn: z.string().nullable(),
});
export type OrganizationInfo = z.infer<typeof organizationInfo>;

/** What moves to one organization in one step of a reorganization, counted on its date. */
export const reorganizationMove = z.object({
  to: namedOrganization,
  /** Organizations that move under `to` with their subtrees (each counted once, sub-organizations included). */
  organizations: z.number(),
  /** How many of those organizations are cells (chi bộ). */
  cells: z.number(),
  /** Members (open member periods on the date) whose cell moves or who move themselves. */
  members: z.number(),
  /** Candidacies still open on the date (dossiers, probation) that move. */
  candidates: z.number(),
  /** Units (villages, schools…) whose coverage moves. */
  units: z.number(),
});
export type ReorganizationMove = z.infer<typeof reorganizationMove>;

/** One step of a reorganization and its effect, with a sentence in Vietnamese. */
export const reorganizationStepEffect = z.object({
  op: z.enum(['create', 'rename', 'move', 'merge', 'split', 'dissolve']),
  /** The organizations the step acts on (the sources of a merge, the one split or moved…). */
  subjects: z.array(namedOrganization),
  /** Where things go, one entry per receiving organization. */
  moves: z.array(reorganizationMove),
  /** Organizations that end on the date (a merge's sources, a split one, a dissolved one). */
  dissolved: z.array(namedOrganization),
  /** A rename's former and new name. */
  rename: z.object({ from: z.string(), to: z.string() }).optional(),
  /** The step in one Vietnamese sentence ("12 chi bộ, 340 đảng viên sẽ chuyển sang …"). */
  text: z.string(),
});
export type ReorganizationStepEffect = z.infer<typeof reorganizationStepEffect>;

/** POST /reorganizations and /reorganizations/preview: what the operation does (or did). */
export const reorganizationAnswer = z.object({
  on: z.string(),
  /** True for a preview: the same checks and counts, nothing written. */
  preview: z.boolean(),
  created: z.array(z.string()),
  moved: z.array(z.string()),
  dissolved: z.array(z.string()),
  renamed: z.array(z.string()),
  membersMoved: z.number(),
  unitsMoved: z.number(),
  candidatesMoved: z.number(),
  steps: z.array(reorganizationStepEffect),
});
export type ReorganizationAnswer = z.infer<typeof reorganizationAnswer>;

/** DELETE /session. */
export const signedOutAnswer = z.object({ signedOut: z.boolean() });

/** The sessions (or tokens) revoked. */
export const revokedAnswer = z.object({ revoked: z.number() });

/** POST /account/password: the change, and the user's other sessions and tokens revoked. */
export const passwordChangedAnswer = z.object({
  changed: z.literal(true),
  sessionsRevoked: z.number(),
  tokensRevoked: z.number(),
});

/** POST /users/{id}/password: an administrator's reset. */
export const passwordResetAnswer = z.object({
  reset: z.literal(true),
  sessionsRevoked: z.number(),
  tokensRevoked: z.number(),
});

/** GET /users. */
export const usersAnswer = z.object({ items: z.array(publicUser) });

/** GET /users/{id}: a user with every dated role grant. */
export const userDetail = publicUser.extend({ grants: z.array(roleGrantInfo) });
export type UserDetail = z.infer<typeof userDetail>;

/** The grants of a user after a grant is given or ended. */
export const grantsAnswer = z.object({ grants: z.array(roleGrantInfo) });

/** One API token as listed (never the secret). */
export const apiTokenItem = z.object({
  id: z.number(),
  name: z.string(),
  username: z.string(),
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenItem = z.infer<typeof apiTokenItem>;

/** GET /tokens. */
export const apiTokensAnswer = z.object({ items: z.array(apiTokenItem) });

/** POST /tokens: the token, shown this once. */
export const apiTokenCreated = z.object({
  id: z.number(),
  token: z.string(),
  name: z.string(),
  username: z.string(),
  expiresOn: z.string().nullable(),
});

/** DELETE /tokens/{id}. */
export const apiTokenRevoked = z.object({ id: z.number(), revoked: z.literal(true) });

/** One event of the audit log. */
export const auditEvent = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** The organization the event is filed under. */
  organizationCode: z.string().nullable(),
  /** Every organization the event concerns: that one first, then the further ones by code. */
  organizationCodes: z.array(z.string()),
  effectiveOn: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

/** GET /audit: one page of events and the total. */
export const auditPage = z.object({ items: z.array(auditEvent), total: z.number() });

/** GET /openapi.json: the OpenAPI 3.1 document (its own schema is OpenAPI's). */
export const openApiDocument = z.record(z.string(), z.unknown());

/** GET /healthz: the process is up; whether the database answers (503 when not). */
export const healthAnswer = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['sqlite', 'postgres']),
});
