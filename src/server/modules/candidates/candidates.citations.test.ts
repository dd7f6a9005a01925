import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  RULE_CODES,
  ruleCitation,
  ruleUnblock,
  type Check,
  type TransitionContext,
  type WorkingDayCalendarLike,
} from './candidates.rules.ts';
import { RULE_SETS, UNVERIFIED, citeRule, ruleSetOn } from './rule-versions.ts';
import { passingContext } from './candidates.rules.fixture.ts';
import { SHIPPED_REGULATIONS } from '../regulations/regulations.data.ts';

/** Weekdays only: enough for citations. */
const calendar: WorkingDayCalendarLike = {
  addWorkingDays(date, n) {
    const day = new Date(`${date}T00:00:00Z`);
    let left = n;
    while (left > 0) {
      day.setUTCDate(day.getUTCDate() + 1);
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
    }
    return day.toISOString().slice(0, 10);
  },
  workingDaysBetween(from, to) {
    const day = new Date(`${from}T00:00:00Z`);
    const end = new Date(`${to}T00:00:00Z`);
    let count = 0;
    while (day < end) {
      day.setUTCDate(day.getUTCDate() + 1);
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) count += 1;
    }
    return count;
  },
};

function context(overrides: Partial<TransitionContext> = {}): TransitionContext {
  return passingContext(calendar, overrides);
}

function byRule(checks: readonly Check[], rule: string): Check {
  const found = checks.find((check) => check.rule === rule);
  if (!found) throw new Error(`no ${rule} check in ${checks.map((c) => c.rule).join(', ')}`);
  return found;
}

/** "29-QĐ/TW, mục 3.2.1", "Điều lệ Đảng, Điều 4 khoản 1" or "294-QĐ/TW (chưa đối chiếu)". */
const CITATION = /^\S.*(, (mục|Điều) [0-9][0-9a-z.]*( khoản \d+)?| \(chưa đối chiếu\))$/;

describe('citations of the rule sets', () => {
  it('every rule code in every rule version yields a citation and an unblock text', () => {
    for (const ruleSet of RULE_SETS) {
      for (const code of Object.values(RULE_CODES)) {
        const citation = ruleCitation(ruleSet, code);
        expect(citation, `${ruleSet.id} ${code}`).toMatch(CITATION);
        expect(ruleUnblock(ruleSet, code), `${ruleSet.id} ${code}`).toMatch(/^[A-ZĐÀ-Ỹ].{10,}\.$/u);
      }
    }
  });

  it('cites only texts of the register or the Charter, and texts of its own period', () => {
    const registered = new Set(
      SHIPPED_REGULATIONS.flatMap((r) => [r.number, `${r.number} (${r.signedOn.slice(0, 4)})`]),
    );
    const outside = new Set(['Điều lệ Đoàn TNCS Hồ Chí Minh', 'Luật Thanh niên 2020']);
    for (const ruleSet of RULE_SETS) {
      for (const [rule, citation] of Object.entries(ruleSet.citations)) {
        if (outside.has(citation.regulation)) continue;
        expect(registered.has(citation.regulation), `${ruleSet.id} ${rule}`).toBe(true);
      }
    }
    // The 294-QĐ/TW set is guided by 06-HD/TW, never by the 2021 guidance it replaced.
    const rules2025 = ruleSetOn('2025-07-01');
    expect(Object.values(rules2025.citations).map((c) => c.regulation)).not.toContain(
      '01-HD/TW (2021)',
    );
    // Where the article was not read, the citation says so instead of inventing one.
    expect(citeRule(rules2025, 'minAgeMonths')).toBe(`294-QĐ/TW ${UNVERIFIED}`);
    expect(citeRule(ruleSetOn('2017-05-15'), 'introducerMinMonthsTogether')).toBe(
      '29-QĐ/TW, mục 3.2.1',
    );
  });
});

describe('checks carry their citation and what unblocks them', () => {
  it('a 2017 cell vote cites 29-QĐ/TW, a 2026 one 294-QĐ/TW', () => {
    const checks2017 = checkTransition(context());
    expect(byRule(checks2017, RULE_CODES.ageMin).citation).toBe('29-QĐ/TW, mục 1.1a');
    expect(byRule(checks2017, RULE_CODES.cellVoteThreshold).citation).toBe(
      'Điều lệ Đảng, Điều 4 khoản 3',
    );
    expect(byRule(checks2017, RULE_CODES.introducerMonthsTogether).citation).toBe(
      '29-QĐ/TW, mục 3.2.1',
    );

    const checks2026 = checkTransition(
      context({
        on: '2026-03-16',
        certificate: { number: 'CN-9', issuedOn: '2025-09-01', issuer: 'TTCT' },
        backgroundCheckedOn: '2026-01-05',
        stageDates: { dossier: '2026-01-10' },
      }),
    );
    expect(byRule(checks2026, RULE_CODES.ageMin).citation).toBe(`294-QĐ/TW ${UNVERIFIED}`);
    expect(byRule(checks2026, RULE_CODES.certificateExpired).citation).toBe(
      `12-HD/BTCTW (2022) ${UNVERIFIED}`,
    );
    for (const check of [...checks2017, ...checks2026])
      expect(check.citation, check.rule).toMatch(CITATION);
  });

  it('the version is the one of the check’s own decisive date, on each side of 01/7/2025', () => {
    const on = (date: string) =>
      byRule(checkTransition(context({ on: date, stageDates: {} })), RULE_CODES.ageMin).citation;
    expect(on('2025-06-30')).toBe('232-QĐ/TW, mục 1.1.1');
    expect(on('2025-07-01')).toBe(`294-QĐ/TW ${UNVERIFIED}`);
    expect(on('2021-07-29')).toBe('29-QĐ/TW, mục 1.1a');
    expect(on('2021-07-30')).toBe('24-QĐ/TW, mục 1.1.1');
  });

  it('a blocked check says what would unblock it', () => {
    const checks = checkTransition(
      context({
        person: { ...context().person, birthDate: '2000-01-01', educationLevel: 'primary' },
        introducers: [{ memberId: 1, status: 'probationary', togetherSince: '2016-12-01' }],
        vote: { officialMembers: 9, present: 9, inFavour: 5 },
      }),
    );
    const blocked = checks.filter((check) => check.status === 'blocked');
    expect(blocked.map((check) => check.rule)).toEqual(
      expect.arrayContaining([
        RULE_CODES.ageMin,
        RULE_CODES.education,
        RULE_CODES.introducersCount,
        RULE_CODES.introducerNotOfficial,
        RULE_CODES.introducerMonthsTogether,
        RULE_CODES.cellVoteThreshold,
      ]),
    );
    for (const check of blocked) expect(check.unblock, check.rule).toMatch(/\.$/);
    expect(byRule(checks, RULE_CODES.introducerMonthsTogether).unblock).toContain('12 tháng');
    expect(byRule(checks, RULE_CODES.cellVoteThreshold).unblock).toContain('2/3');
    // An ok check has nothing to unblock.
    for (const check of checks.filter((c) => c.status === 'ok'))
      expect(check.unblock, check.rule).toBeUndefined();
  });

  it('the education exception cites the guidance, not the regulation', () => {
    const plain = checkTransition(context());
    const exception = checkTransition(
      context({ organization: { educationException: true, hasYouthUnion: true } }),
    );
    expect(byRule(plain, RULE_CODES.education).citation).toBe('29-QĐ/TW, mục 1.2a');
    expect(byRule(exception, RULE_CODES.education).citation).toBe('01-HD/TW (2016), mục 1.2a');
  });
});

describe('docs/pipeline.md', () => {
  it('its rule-by-rule table holds every citation of every version', () => {
    const docs = readFileSync(join(import.meta.dirname, '../../../../docs/pipeline.md'), 'utf8');
    for (const ruleSet of RULE_SETS)
      for (const rule of Object.keys(ruleSet.citations) as (keyof typeof ruleSet.citations)[])
        expect(docs, `${ruleSet.id} ${rule}`).toContain(citeRule(ruleSet, rule));
    expect(docs).toContain(
      `| ${RULE_SETS.map((r) => `${r.id} (from ${r.effectiveFrom})`).join(' | ')} |`,
    );
  });
});
