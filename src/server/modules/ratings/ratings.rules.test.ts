import { describe, expect, it } from 'vitest';
import { levelFor, proposeDevelopmentPoints, totalOf } from './ratings.rules.ts';

const QD366 = { excellentMin: 90, goodMin: 70, completedMin: 50 };

describe('levelFor (366-QĐ/TW thresholds)', () => {
  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.9, 'good'],
    [70, 'good'],
    [69.5, 'completed'],
    [50, 'completed'],
    [49.9, 'not_completed'],
    [0, 'not_completed'],
  ])('%s points → %s', (total, level) => {
    expect(levelFor(total, QD366)).toBe(level);
  });
});

describe('proposeDevelopmentPoints', () => {
  it('gives full points at or over the plan', () => {
    expect(proposeDevelopmentPoints(10, 2, 2)).toBe(10);
    expect(proposeDevelopmentPoints(10, 5, 2)).toBe(10);
  });
  it('is proportional below the plan, rounded down to half points', () => {
    expect(proposeDevelopmentPoints(10, 1, 2)).toBe(5);
    expect(proposeDevelopmentPoints(10, 1, 3)).toBe(3);
    expect(proposeDevelopmentPoints(10, 0, 3)).toBe(0);
  });
  it('proposes nothing without a plan', () => {
    expect(proposeDevelopmentPoints(10, 4, null)).toBeNull();
    expect(proposeDevelopmentPoints(10, 4, 0)).toBeNull();
  });
});

describe('totalOf', () => {
  it('adds points without float noise', () => {
    expect(totalOf([0.1, 0.2, 10])).toBe(10.3);
  });
});
