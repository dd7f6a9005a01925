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

const LEVEL_NAMES: Record<RatingLevel, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  completed: 'Hoàn thành nhiệm vụ',
  not_completed: 'Không hoàn thành nhiệm vụ',
};

/** Why the points (or the meeting's proposal, `total` null) reach a level, in Vietnamese. */
export function pointsWhy(
  total: number | null,
  level: RatingLevel,
  thresholds: LevelThresholds,
): string {
  if (total === null) return `hội nghị đề xuất mức "${LEVEL_NAMES[level]}"`;
  const shown = String(total).replace('.', ',');
  switch (level) {
    case 'excellent':
      return `đạt ${shown} điểm (từ ${thresholds.excellentMin} điểm)`;
    case 'good':
      return `đạt ${shown} điểm (từ ${thresholds.goodMin} đến dưới ${thresholds.excellentMin} điểm)`;
    case 'completed':
      return `đạt ${shown} điểm (từ ${thresholds.completedMin} đến dưới ${thresholds.goodMin} điểm)`;
    case 'not_completed':
      return `đạt ${shown} điểm (dưới ${thresholds.completedMin} điểm)`;
  }
}
