/**
 * Contracts of quality ratings (xếp loại chất lượng, SPEC §5.6): the conditions an officer enters
 * beside the points, the answer of a recorded rating (its level, the reason and the citation), and
 * the scheme in force for a period. Files here never import from the server.
 */
import { z } from 'zod';
import { RATING_LEVELS } from './enums.ts';

/** How a scheme decides: a 100-point scale (366-QĐ/TW) or a level the meeting proposes (132/124-QĐ/TW). */
export const RATING_SCALES = ['points', 'grades'] as const;
export type RatingScale = (typeof RATING_SCALES)[number];

const percent = z.number().min(0).max(100);

/**
 * What the regulations condition a level on, as the officer records it for the rated year. A
 * condition left out is "not shown": a level that needs it is not granted (the reason says so).
 */
export const ratingConditions = z
  .object({
    /** Share of the assigned tasks and targets completed in the period (%). */
    tasksCompletedPercent: percent.optional(),
    /** Share of the assigned tasks completed late or below the required quality (%). */
    tasksLatePercent: percent.optional(),
    /** Share of the assigned tasks completed above the required level (%). */
    tasksExceededPercent: percent.optional(),
    /** Every shortcoming pointed out earlier has been remedied. */
    shortcomingsRemedied: z.boolean().optional(),
    /**
     * Disciplined in the period: the member; for an organization, the leadership collective or
     * one of its members, or a unit under it.
     */
    disciplined: z.boolean().optional(),
    /** The violation was found and its consequences remedied by the rated one itself. */
    disciplineSelfDetected: z.boolean().optional(),
    /** Concluded by the competent level: degradation, "self-evolution", forbidden acts, example duty. */
    degradationConcluded: z.boolean().optional(),
    /** Organization: concluded by the competent level to be disunited. */
    disunityConcluded: z.boolean().optional(),
    /** Organization: a corruption, waste or negative case disciplined in a unit under it. */
    corruptionInUnit: z.boolean().optional(),
    /** Organization: share of the units directly under it disciplined in the period (%). */
    unitsDisciplinedPercent: percent.optional(),
    /** Main targets missed for a reason beyond control (bất khả kháng). */
    forceMajeure: z.boolean().optional(),
    /** Member who is a cadre, civil servant or public employee: that rating of the same year. */
    civilServiceLevel: z.enum(RATING_LEVELS).optional(),
  })
  .strict();
/** Conditions of a rating. */
export type RatingConditions = z.infer<typeof ratingConditions>;

/** One condition as decided: what it is, whether it holds, and where the text says it. */
export const ratingCheck = z.object({
  code: z.string(),
  label: z.string(),
  /** true holds, false fails, null not shown (the officer did not enter it). */
  ok: z.boolean().nullable(),
  citation: z.string(),
  /** What would unblock it (Vietnamese), when it fails or is not shown. */
  unblock: z.string().optional(),
});
export type RatingCheck = z.infer<typeof ratingCheck>;

/** The answer of POST /api/v1/ratings. */
export const recordedRating = z.object({
  id: z.number().int(),
  subject: z.enum(['organization', 'member']),
  scheme: z.string(),
  total: z.number().nullable(),
  level: z.enum(RATING_LEVELS),
  /** The level the points (or the meeting's proposal) alone would give. */
  levelByPoints: z.enum(RATING_LEVELS),
  /** Why this level (Vietnamese), naming the conditions that held or failed. */
  reason: z.string(),
  /** The article and clause the level comes from. */
  citation: z.string(),
  checks: z.array(ratingCheck),
  /** Set when a scheme was chosen that was not in force for the rated period (the demo's 2017). */
  outOfForce: z.boolean(),
});
export type RecordedRating = z.infer<typeof recordedRating>;

/** A criterion group of a scheme (366-QĐ/TW: general 30 points, task results 70). */
export const ratingGroup = z.object({
  subject: z.enum(['organization', 'member']),
  code: z.string(),
  name: z.string(),
  maxPoints: z.number(),
  citation: z.string().nullable(),
  criteria: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      maxPoints: z.number(),
      proposable: z.boolean(),
    }),
  ),
});

/** The answer of GET /api/v1/ratings/scheme: the scheme in force for a period, what it asks. */
export const ratingSchemeAnswer = z.object({
  code: z.string(),
  name: z.string(),
  scale: z.enum(RATING_SCALES),
  regulation: z.string(),
  guidance: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  inForce: z.boolean(),
  excellentMin: z.number(),
  goodMin: z.number(),
  completedMin: z.number(),
  groups: z.array(ratingGroup),
  /** The condition fields this scheme's rules read, by subject. */
  conditions: z.object({
    organization: z.array(z.string()),
    member: z.array(z.string()),
  }),
});
export type RatingSchemeAnswer = z.infer<typeof ratingSchemeAnswer>;
