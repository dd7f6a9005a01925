/**
 * Answers of the people, members, duplicates and personal-data routes as zod schemas and their
 * inferred types: the routes' `response`, the web app's types.
 */
import { z } from 'zod';
import { MEMBER_STATUSES, MEMBERSHIP_END_REASONS } from './enums.ts';
import { memberListItem } from './answers.ts';

const counts = z.record(z.string(), z.number());

/** A person as listed and searched (`masked`: the caller may not see the national ID, phone…). */
export const personAnswer = z.object({
  id: z.number(),
  fullName: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  ethnicity: z.string(),
  religion: z.string().nullable(),
  nationalId: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  educationLevel: z.string(),
  politicalTheory: z.string().nullable(),
  occupation: z.string().nullable(),
  targetGroups: z.array(z.string()),
  masked: z.boolean(),
  /** The optimistic lock a correction or change sends back. */
  version: z.number(),
});
export type Person = z.infer<typeof personAnswer>;

/** GET /people: one page of people and the total number of matches. */
export const peoplePage = z.object({ items: z.array(personAnswer), total: z.number() });

/** POST /people: the person created and the people on record who may be the same human. */
export const personCreated = personAnswer.extend({
  duplicates: z.array(
    z.object({
      id: z.number(),
      fullName: z.string(),
      reason: z.enum(['national_id', 'name_birth_date', 'close_name']),
    }),
  ),
});

/** One dated membership period of a person. */
export const memberPeriodAnswer = z.object({
  status: z.enum(MEMBER_STATUSES),
  startReason: z.string(),
  endReason: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  organizationCode: z.string(),
  organizationName: z.string(),
});
export type MemberPeriod = z.infer<typeof memberPeriodAnswer>;

/** One dated event of a person's history. */
export const timelineEvent = z.object({
  on: z.string(),
  kind: z.enum(['stage', 'period', 'place', 'fact', 'targetGroup', 'correction']),
  stage: z.string().nullable(),
  organizationCode: z.string().optional(),
  /** `place`: the unit from this date. */
  unitName: z.string().optional(),
  /** `fact`: which fact changed and its value from this date. */
  field: z.string().optional(),
  value: z.string().nullable().optional(),
  /** `targetGroup`: joined (true) or left (false). */
  group: z.string().optional(),
  joined: z.boolean().optional(),
  /** `correction`: the fields and values rewritten, before and after, why and by whom. */
  fields: z.array(z.string()).optional(),
  before: z.record(z.string(), z.unknown()).optional(),
  after: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().nullable().optional(),
  actor: z.string().optional(),
});
export type TimelineEvent = z.infer<typeof timelineEvent>;

/** A dated period of a person's place, fact or target group (validTo null: still open). */
export const datedValue = z.object({ validFrom: z.string(), validTo: z.string().nullable() });
export type DatedValue = z.infer<typeof datedValue>;

/** A person with the whole dated history (GET /people/{id}, PATCH /people/{id}). */
export const personDetail = personAnswer.extend({
  memberPeriods: z.array(memberPeriodAnswer),
  candidacies: z.array(
    z.object({
      id: z.number(),
      stage: z.string(),
      stageOn: z.string(),
      organizationCode: z.string(),
      organizationName: z.string(),
    }),
  ),
  places: z.array(datedValue.extend({ unitCode: z.string(), unitName: z.string() })),
  facts: z.array(datedValue.extend({ field: z.string(), value: z.string().nullable() })),
  targetGroupPeriods: z.array(datedValue.extend({ group: z.string() })),
  timeline: z.array(timelineEvent),
});
export type PersonDetail = z.infer<typeof personDetail>;

/** GET /members: the members on a date, one page, and the total. */
export const membersPage = z.object({ items: z.array(memberListItem), total: z.number() });

/** POST /members/{id}/end. */
export const membershipEnded = z.object({
  id: z.number(),
  personId: z.number(),
  endedOn: z.string(),
  endReason: z.enum(MEMBERSHIP_END_REASONS),
});

/** POST /members/{id}/transfer. */
export const memberTransferred = z.object({
  id: z.number(),
  personId: z.number(),
  organizationCode: z.string(),
  from: z.string(),
});

/** A person of a possible duplicate pair, with how many records of each kind hang on them. */
export const duplicatePerson = personAnswer.extend({ history: counts });

/** One pair of people who may be the same human. */
export const duplicatePair = z.object({
  reason: z.string(),
  reasonText: z.string(),
  a: duplicatePerson,
  b: duplicatePerson,
});
export type DuplicatePair = z.infer<typeof duplicatePair>;

/** GET /duplicates. */
export const duplicatesAnswer = z.object({ items: z.array(duplicatePair) });

/** POST /duplicates/merge: the person kept, the one merged into it and the records moved. */
export const duplicatesMerged = z.object({
  kept: duplicatePerson,
  mergedId: z.number(),
  moved: counts,
});

/** POST /duplicates/dismiss. */
export const duplicatesDismissed = z.object({
  aId: z.number(),
  bId: z.number(),
  dismissed: z.boolean(),
});

const rows = z.array(z.record(z.string(), z.unknown()));

/**
 * GET /people/{id}/export: everything recorded about one person (the data subject's copy). The
 * rows are the tables' own, so they are open records; the frame is fixed.
 */
export const personExport = z.object({
  person: z.record(z.string(), z.unknown()),
  targetGroups: rows,
  memberships: rows,
  memberPeriods: rows,
  candidacies: rows,
  transitions: rows,
  documents: rows,
  linkedMembers: rows,
  asHelperOrIntroducer: rows,
  events: rows,
  exportedAt: z.string(),
  exportedBy: z.string(),
});
