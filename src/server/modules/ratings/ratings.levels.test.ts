import { describe, expect, it } from 'vitest';
import type { RatingLevel } from '../../../shared/enums.ts';
import type { RatingConditions } from '../../../shared/ratings.ts';
import { decideLevel, RULESETS, withinShareLimit, conditionFields } from './ratings.levels.ts';
import { levelFor, pointsWhy } from './ratings.rules.ts';

const R366 = RULESETS['366-QĐ/TW']!;
const R124 = RULESETS['124-QĐ/TW']!;
const R132 = RULESETS['132-QĐ/TW']!;
const T366 = { excellentMin: 90, goodMin: 70, completedMin: 50 };

/** Everything done on time, a third exceeded, nothing wrong: every level's conditions hold. */
const perfect: RatingConditions = {
  tasksCompletedPercent: 100,
  tasksLatePercent: 0,
  tasksExceededPercent: 30,
  shortcomingsRemedied: true,
  disciplined: false,
  degradationConcluded: false,
  disunityConcluded: false,
  corruptionInUnit: false,
  unitsDisciplinedPercent: 0,
};

function rate366(
  total: number,
  conditions: RatingConditions,
  subject: 'organization' | 'member' = 'member',
) {
  const byPoints = levelFor(total, T366);
  return decideLevel(R366, subject, byPoints, pointsWhy(total, byPoints, T366), conditions);
}

describe('366-QĐ/TW: points AND the conditions of Điều 11', () => {
  it.each<[number, RatingLevel]>([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.9, 'good'],
    [70, 'good'],
    [69.9, 'completed'],
    [50, 'completed'],
    [49.9, 'not_completed'],
    [0, 'not_completed'],
  ])('%s points with every condition met → %s', (total, level) => {
    const d = rate366(total, perfect);
    expect(d.level).toBe(level);
    expect(d.citation).toBe(
      `366-QĐ/TW, Điều 11, khoản ${{ excellent: 1, good: 2, completed: 3, not_completed: 4 }[level]}`,
    );
  });

  it('90 points but only 29% exceeded: good, and the reason says why not excellent', () => {
    const d = rate366(92, { ...perfect, tasksExceededPercent: 29 });
    expect(d.level).toBe('good');
    expect(d.levelByPoints).toBe('excellent');
    expect(d.reason).toContain('đạt 92 điểm');
    expect(d.reason).toContain('ít nhất 30% nhiệm vụ hoàn thành vượt mức yêu cầu');
    expect(d.checks.find((c) => c.code === 'excellent.tasks_exceeded_30')).toMatchObject({
      ok: false,
      citation: '366-QĐ/TW, Điều 11, khoản 1',
    });
  });

  it('excellent needs every shortcoming remedied; an organization also needs nobody disciplined', () => {
    expect(rate366(95, { ...perfect, shortcomingsRemedied: false }).level).toBe('good');
    // For an organization, a disciplined leadership member bars excellent, and (forcing case)
    // gives not completed unless found and remedied by itself.
    expect(
      rate366(95, { ...perfect, disciplined: true, disciplineSelfDetected: true }, 'organization')
        .level,
    ).toBe('good');
  });

  it('good needs 100% on time: a late task drops 80 points to completed (≤ 20% late)', () => {
    expect(rate366(80, { ...perfect, tasksLatePercent: 10 }).level).toBe('completed');
    expect(rate366(80, { ...perfect, tasksLatePercent: 20 }).level).toBe('completed');
    const d = rate366(80, { ...perfect, tasksLatePercent: 21 });
    expect(d.level).toBe('not_completed');
    expect(d.citation).toBe('366-QĐ/TW, Điều 11, khoản 4');
  });

  it('completed needs 100% of tasks done: 60 points with 90% done is not completed', () => {
    expect(rate366(60, { ...perfect, tasksCompletedPercent: 90 }).level).toBe('not_completed');
  });

  it('a condition not entered is not met: the level needing it is not granted, and says "chưa nhập"', () => {
    const d = rate366(95, { tasksCompletedPercent: 100, tasksLatePercent: 0 });
    expect(d.level).toBe('good');
    expect(d.reason).toContain('(chưa nhập)');
    expect(d.checks.find((c) => c.code === 'excellent.tasks_exceeded_30')?.ok).toBeNull();
  });

  it.each<[string, RatingConditions, 'organization' | 'member']>([
    ['disciplined', { disciplined: true }, 'member'],
    ['degradation', { degradationConcluded: true }, 'member'],
    ['under_half', { tasksCompletedPercent: 49 }, 'member'],
    ['disunity', { disunityConcluded: true }, 'organization'],
  ])('forcing case %s gives not completed whatever the points', (code, extra, subject) => {
    const d = rate366(100, { ...perfect, ...extra }, subject);
    expect(d.level).toBe('not_completed');
    expect(d.levelByPoints).toBe('excellent');
    expect(d.checks.find((c) => c.code === `forcing.${code}`)?.ok).toBe(false);
    expect(d.reason).toMatch(/^Không hoàn thành nhiệm vụ: /);
  });

  it('the exceptions: discipline found and remedied by oneself, under 50% by force majeure', () => {
    expect(rate366(75, { ...perfect, disciplined: true, disciplineSelfDetected: true }).level).toBe(
      'good',
    );
    // 49% done by force majeure is not forced, but still misses "100% done" of every level.
    const d = rate366(75, { ...perfect, tasksCompletedPercent: 49, forceMajeure: true });
    expect(d.checks.find((c) => c.code === 'forcing.under_half')?.ok).toBe(true);
    expect(d.level).toBe('not_completed');
    expect(d.citation).toBe('366-QĐ/TW, Điều 11, khoản 4');
  });

  it('organizations are not asked about a member-only case, nor members about disunity', () => {
    expect(conditionFields(R366, 'member')).not.toContain('disunityConcluded');
    expect(conditionFields(R366, 'organization')).toContain('disunityConcluded');
  });
});

describe('124-QĐ/TW (2023, 2024): the meeting proposes, the forcing cases of Điều 12 cap', () => {
  const rate = (level: RatingLevel, c: RatingConditions, subject: 'organization' | 'member') =>
    decideLevel(R124, subject, level, pointsWhy(null, level, T366), c);

  it('keeps the proposed level when no forcing case applies', () => {
    const d = rate('excellent', perfect, 'member');
    expect(d.level).toBe('excellent');
    expect(d.citation).toBe('124-QĐ/TW, Điều 12, khoản 1');
    expect(d.reason).toContain('hội nghị đề xuất');
  });

  it.each<[string, RatingConditions, 'organization' | 'member']>([
    ['disciplined', { disciplined: true }, 'member'],
    ['degradation', { degradationConcluded: true }, 'member'],
    ['under_half', { tasksCompletedPercent: 40 }, 'member'],
    ['corruption_in_unit', { corruptionInUnit: true }, 'organization'],
    ['units_disciplined_20', { unitsDisciplinedPercent: 21 }, 'organization'],
    ['disunity', { disunityConcluded: true }, 'organization'],
  ])('forcing case %s → not completed', (code, extra, subject) => {
    const d = rate('good', { ...perfect, ...extra }, subject);
    expect(d.level).toBe('not_completed');
    expect(d.citation).toBe('124-QĐ/TW, Điều 12, khoản 4');
    expect(d.checks.find((c) => c.code === `forcing.${code}`)?.ok).toBe(false);
  });

  it('edges: exactly 20% of units disciplined and exactly 50% done are not forced', () => {
    expect(rate('good', { ...perfect, unitsDisciplinedPercent: 20 }, 'organization').level).toBe(
      'good',
    );
    expect(rate('good', { ...perfect, tasksCompletedPercent: 50 }, 'member').level).toBe('good');
  });
});

describe('132-QĐ/TW with 21-HD/BTCTW (2018–2023)', () => {
  const rate = (level: RatingLevel, c: RatingConditions, subject: 'organization' | 'member') =>
    decideLevel(R132, subject, level, pointsWhy(null, level, T366), c);

  it('excellent needs a civil servant member rated excellent as a civil servant', () => {
    expect(rate('excellent', { ...perfect }, 'member').level).toBe('excellent');
    expect(rate('excellent', { ...perfect, civilServiceLevel: 'excellent' }, 'member').level).toBe(
      'excellent',
    );
    const d = rate('excellent', { ...perfect, civilServiceLevel: 'good' }, 'member');
    expect(d.level).toBe('good');
    expect(d.citation).toBe('21-HD/BTCTW, mục 2.3.b (thực hiện 132-QĐ/TW)');
  });

  it.each<[string, RatingConditions, 'organization' | 'member']>([
    ['degradation', { degradationConcluded: true }, 'member'],
    ['under_half', { tasksCompletedPercent: 49.5 }, 'member'],
    ['civil_service_not_completed', { civilServiceLevel: 'not_completed' }, 'member'],
    ['disciplined', { disciplined: true, disciplineSelfDetected: true }, 'member'],
    ['disunity', { disunityConcluded: true }, 'organization'],
    ['leadership_disciplined', { disciplined: true }, 'organization'],
  ])('forcing case %s → not completed', (code, extra, subject) => {
    const d = rate('good', { ...perfect, ...extra }, subject);
    expect(d.level).toBe('not_completed');
    expect(d.checks.find((c) => c.code === `forcing.${code}`)?.ok).toBe(false);
  });

  it('the 20% share limit: xuất sắc at most 20% of tốt in a grassroots organization', () => {
    expect(R132.shareLimit).toEqual({ percent: 20, citation: '21-HD/BTCTW, mục 2.3.a' });
    expect(withinShareLimit(1, 5, 20)).toBe(true);
    expect(withinShareLimit(2, 10, 20)).toBe(true);
    expect(withinShareLimit(2, 9, 20)).toBe(false);
    expect(withinShareLimit(1, 4, 20)).toBe(false);
    expect(withinShareLimit(0, 0, 20)).toBe(true);
  });
});
