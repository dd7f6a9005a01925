/**
 * Answers of the pipeline routes (candidates, courses, holidays, plans and resolutions, ratings)
 * as zod schemas and their inferred types: the routes' `response`, the web app's types.
 */
import { z } from 'zod';
import { DOCUMENT_KINDS, PIPELINE_STATES } from './pipeline.ts';
import { RATING_LEVELS } from './enums.ts';
import { reportOrganization } from './report-answers.ts';

/** One rule's verdict (SPEC §9 `checks`), with the regulation it comes from and what would unblock it. */
export const ruleCheck = z.object({
  rule: z.string(),
  status: z.enum(['ok', 'warning', 'blocked']),
  /** Vietnamese explanation. */
  message: z.string(),
  /** English explanation. */
  messageEn: z.string(),
  /** Dotted path of the transition input the check is about, e.g. 'vote.inFavour'. */
  field: z.string().optional(),
  /** The regulation and article the rule comes from, as printed: "29-QĐ/TW, mục 3.2.1". */
  citation: z.string().optional(),
  /** Where the check blocks: what would unblock it, in Vietnamese. */
  unblock: z.string().optional(),
});
export type RuleCheck = z.infer<typeof ruleCheck>;

/** A rule check of a possible next step (`to`). */
export const stepCheck = ruleCheck.extend({ to: z.string() });
export type StepCheck = z.infer<typeof stepCheck>;

/** A candidate in the pipeline as listed on the board (GET /candidates). */
export const candidateItem = z.object({
  id: z.number(),
  personId: z.number(),
  fullName: z.string(),
  organizationCode: z.string(),
  organizationName: z.string(),
  stage: z.string(),
  stageLabel: z.string(),
  stageOn: z.string(),
  dueKind: z.string().nullable(),
  dueOn: z.string().nullable(),
  version: z.number(),
});
export type CandidateItem = z.infer<typeof candidateItem>;

/** GET /candidates: one page, the total and the count per stage. */
export const candidateList = z.object({
  items: z.array(candidateItem),
  total: z.number(),
  organization: reportOrganization,
  byStage: z.record(z.string(), z.number()),
});
export type CandidateList = z.infer<typeof candidateList>;

/** One recorded transition of a candidate. */
export const candidateTransition = z.object({
  from: z.string().nullable(),
  to: z.string(),
  on: z.string(),
  actor: z.string(),
  reason: z.string().nullable(),
  /** 'done', or 'failed' for a vote that did not pass (the stage does not change). */
  outcome: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type CandidateTransition = z.infer<typeof candidateTransition>;

/** A member helping or introducing a candidate. */
export const candidateMember = z.object({
  personId: z.number(),
  fullName: z.string(),
  role: z.string(),
  since: z.string(),
});
export type CandidateMember = z.infer<typeof candidateMember>;

/** A vote recorded with a transition (cell, committee, recognition). */
export const candidateVote = z.object({
  stage: z.string(),
  on: z.string(),
  outcome: z.string(),
  officialMembers: z.number().optional(),
  members: z.number().optional(),
  present: z.number().optional(),
  inFavour: z.number().optional(),
  resolutionNo: z.string().optional(),
});

/** A dossier: the candidate, its history, documents, votes, deadlines and rule checks. */
export const candidateDetail = z.object({
  id: z.number(),
  stage: z.enum(PIPELINE_STATES),
  stageLabel: z.string(),
  stageOn: z.string(),
  identifiedOn: z.string(),
  closedOn: z.string().nullable(),
  version: z.number(),
  failedVotes: z.number(),
  person: z.object({
    id: z.number(),
    fullName: z.string(),
    gender: z.enum(['male', 'female']),
    birthDate: z.string(),
    ethnicity: z.string(),
    educationLevel: z.string(),
    unitCode: z.string().nullable(),
    unitName: z.string().nullable(),
  }),
  /** Absent when the candidate's organization is outside the caller's view on the date. */
  organization: reportOrganization.optional(),
  certificate: z
    .object({ number: z.string(), issuedOn: z.string().nullable(), issuer: z.string().nullable() })
    .nullable(),
  backgroundCheckedOn: z.string().nullable(),
  history: z.array(candidateTransition),
  documents: z.array(
    z.object({
      kind: z.enum(DOCUMENT_KINDS),
      label: z.string(),
      receivedOn: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  helpers: z.array(candidateMember),
  introducers: z.array(candidateMember),
  votes: z.array(candidateVote),
  due: z.object({ kind: z.string().nullable(), on: z.string().nullable() }),
  deadlines: z.array(z.object({ kind: z.string(), startsOn: z.string(), dueOn: z.string() })),
  membership: z
    .object({
      id: z.number(),
      admittedOn: z.string(),
      officialOn: z.string().nullable(),
      endedOn: z.string().nullable(),
      endReason: z.string().nullable(),
    })
    .nullable(),
  checks: z.array(stepCheck),
  allowedTransitions: z.array(z.enum(PIPELINE_STATES)),
  /** Failed votes after which the higher committee decides, under the version of the stage's date. */
  failedVotesLimit: z.number(),
  /** A former member admitted again (the 18-KNĐ register flags it). */
  readmitted: z.boolean(),
  /** The re-admission facts entered so far. */
  readmission: z
    .object({
      formerEndedOn: z.string().optional(),
      exitGround: z.string().optional(),
      criminalRecordClearedOn: z.string().optional(),
      provincialConsentOn: z.string().optional(),
    })
    .nullable(),
});
export type CandidateDetail = z.infer<typeof candidateDetail>;

/** POST /candidates/{id}/transitions: the dossier after the step, with the warnings it passed. */
export const transitionAnswer = candidateDetail.extend({ warnings: z.array(ruleCheck) });

/** A course as listed (GET /courses). */
export const courseItem = z.object({
  id: z.number(),
  organizationCode: z.string(),
  version: z.number(),
  name: z.string(),
  organizer: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  certificatesIssuedOn: z.string().nullable(),
});
export type CourseItem = z.infer<typeof courseItem>;

/** GET /courses. */
export const coursesAnswer = z.object({ items: z.array(courseItem) });

/** One participant of a course with their result and certificate. */
export const courseParticipant = z.object({
  personId: z.number(),
  fullName: z.string(),
  certificateNumber: z.string().nullable(),
  certificateIssuedOn: z.string().nullable(),
  result: z.string().nullable(),
  score: z.number().nullable(),
  candidateId: z.number().nullable(),
  candidateStage: z.string().nullable(),
});
export type CourseParticipant = z.infer<typeof courseParticipant>;

/** One course with its participants (GET /courses/{id} and the course writes). */
export const courseDetail = z.object({
  id: z.number(),
  organizationId: z.number(),
  version: z.number(),
  name: z.string(),
  organizer: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  certificatesIssuedOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  participants: z.array(courseParticipant),
});
export type CourseDetail = z.infer<typeof courseDetail>;

/** POST /courses/{id}/certificates: the course, and the candidates moved to `trained`. */
export const certificatesIssued = courseDetail.extend({ candidatesTrained: z.array(z.number()) });

/** One holiday or working day of the calendar the deadlines count with. */
export const holidayAnswer = z.object({
  date: z.string(),
  name: z.string(),
  nameVi: z.string(),
  kind: z.string(),
  working: z.boolean(),
});
export type Holiday = z.infer<typeof holidayAnswer>;

/** GET /holidays: the days and where the list comes from. */
export const holidaysAnswer = z.object({ items: z.array(holidayAnswer), source: z.string() });

/** One plan target of an organization for a year. */
export const planItem = z.object({
  id: z.number(),
  organizationCode: z.string(),
  organizationName: z.string(),
  year: z.number(),
  metric: z.string(),
  sector: z.string().nullable(),
  target: z.number(),
  targetMax: z.number().nullable(),
  focusGroups: z.array(z.string()),
  note: z.string().nullable(),
});
export type PlanItem = z.infer<typeof planItem>;

/** Plans of an organization and its direct sub-organizations for a year (GET /plans). */
export const plansAnswer = z.object({
  organization: reportOrganization,
  year: z.number(),
  children: z.array(reportOrganization),
  items: z.array(planItem),
});
export type PlansAnswer = z.infer<typeof plansAnswer>;

/** PUT /plans: the target saved. */
export const planSaved = z.object({
  id: z.number(),
  organizationCode: z.string(),
  year: z.number(),
  metric: z.string(),
  sector: z.string().nullable(),
  target: z.number(),
  targetMax: z.number().nullable(),
  focusGroups: z.array(z.string()),
  note: z.string().nullable(),
  reason: z.string().optional(),
});

/** One indicator of a resolution: its baseline (and date) and target. */
export const resolutionIndicator = z.object({
  id: z.number(),
  resolutionId: z.number(),
  code: z.string(),
  name: z.string(),
  sort: z.number(),
  metric: z.string().nullable(),
  baseline: z.number().nullable(),
  baselineOn: z.string().nullable(),
  target: z.number().nullable(),
  direction: z.string(),
});
export type ResolutionIndicator = z.infer<typeof resolutionIndicator>;

/** A multi-year resolution of an organization with its indicators. */
export const resolutionItem = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  adoptedOn: z.string(),
  fromYear: z.number(),
  toYear: z.number(),
  organizationCode: z.string(),
  organizationName: z.string(),
  indicators: z.array(resolutionIndicator),
});
export type Resolution = z.infer<typeof resolutionItem>;

/** GET /resolutions: the resolutions of the subtree with their indicators. */
export const resolutionsAnswer = z.object({ items: z.array(resolutionItem) });
export type ResolutionsAnswer = z.infer<typeof resolutionsAnswer>;

/** POST /ratings: the rating recorded. */
export const ratingSaved = z.object({
  id: z.number(),
  subject: z.string(),
  scheme: z.string(),
  total: z.number(),
  level: z.enum(RATING_LEVELS),
});

/** GET /ratings/proposal: the points proposed for the development criterion. */
export const ratingProposal = z.object({
  organization: reportOrganization,
  criterion: z.string(),
  maxPoints: z.number(),
  admissions: z.number(),
  plannedAdmissions: z.number().nullable(),
  proposedPoints: z.number().nullable(),
});
