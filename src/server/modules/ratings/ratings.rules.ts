/**
 * Pure rules of quality ratings (xếp loại chất lượng). The thresholds come from the scheme's row,
 * so a change of regulation is a new scheme, not a code change.
 */
import type { RatingLevel } from '../../../shared/enums.ts';

/** The lowest total of each level above "not completed". */
export interface LevelThresholds {
  excellentMin: number;
  goodMin: number;
  completedMin: number;
}

/** The level a total reaches under a scheme's thresholds (366-QĐ/TW: 90 / 70 / 50). */
export function levelFor(total: number, thresholds: LevelThresholds): RatingLevel {
  if (total >= thresholds.excellentMin) return 'excellent';
  if (total >= thresholds.goodMin) return 'good';
  if (total >= thresholds.completedMin) return 'completed';
  return 'not_completed';
}

/**
 * The proposed points of the member-development criterion: its full points when admissions reach
 * the plan, in proportion below it, rounded down to half points so the proposal never flatters;
 * no proposal without a plan (a target of 0 gives nothing to measure against).
 */
export function proposeDevelopmentPoints(
  maxPoints: number,
  admissions: number,
  planned: number | null,
): number | null {
  if (planned === null || planned <= 0) return null;
  const ratio = Math.min(1, Math.max(0, admissions) / planned);
  return Math.floor(maxPoints * ratio * 2) / 2;
}

/** Sum of points, rounded to a tenth to keep float noise out of the stored total. */
export function totalOf(points: number[]): number {
  return Math.round(points.reduce((a, b) => a + b, 0) * 10) / 10;
}
