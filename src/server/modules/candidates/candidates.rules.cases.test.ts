/**
 * The less common cases of issue 16 at their edges, for every rule version they differ in:
 * re-admission, a delegated grassroots committee, the recognition extension, the education
 * exception by place and group, over-60 conditions and the trade-union introduction.
 */
import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  committeeReviewApplies,
  deadlinesAfter,
  decisionSignedAs,
  nextStages,
  RULE_CODES,
  type Check,
  type RuleCode,
  type TransitionContext,
  type WorkingDayCalendarLike,
} from './candidates.rules.ts';
import { ruleSetOn } from './rule-versions.ts';
import { passingContext } from './candidates.rules.fixture.ts';

/** Weekends only: enough of a calendar for these edges. */
const calendar: WorkingDayCalendarLike = {
  addWorkingDays(date, n) {
    let day = new Date(`${date}T00:00:00Z`);
    let left = n;
    while (left > 0) {
      day = new Date(day.getTime() + 86_400_000);
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
    }
    return day.toISOString().slice(0, 10);
  },
  workingDaysBetween(from, to) {
    let day = new Date(`${from}T00:00:00Z`);
    const end = new Date(`${to}T00:00:00Z`);
    let count = 0;
    while (day < end) {
      day = new Date(day.getTime() + 86_400_000);
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) count += 1;
    }
    return count;
  },
};

/** The passing fixture moved to a cell vote on `on` (any version). */
function at(on: string, overrides: Partial<TransitionContext> = {}): TransitionContext {
  const base = passingContext(calendar);
  return {
    ...base,
    on,
    certificate: { ...base.certificate!, issuedOn: shift(on, -6) },
    backgroundCheckedOn: shift(on, -2),
    stageDates: { trained: shift(on, -6), dossier: shift(on, -2) },
    ...overrides,
    person: { ...base.person, ...overrides.person },
  };
}

/** The same day `months` later (negative: earlier); days past a month's end are not needed here. */
function shift(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function find(checks: Check[], rule: RuleCode): Check[] {
  return checks.filter((c) => c.rule === rule);
}

function worst(checks: Check[], rule: RuleCode): Check['status'] | undefined {
  const found = find(checks, rule);
  if (found.length === 0) return undefined;
  if (found.some((c) => c.status === 'blocked')) return 'blocked';
  if (found.some((c) => c.status === 'warning')) return 'warning';
  return 'ok';
}

/** One dated cell vote per version: 2011 (45), 2017 (29), 2022 (24), 2025-03 (232), 2026 (294). */
const VERSIONS = ['2014-05-15', '2017-05-15', '2022-05-16', '2025-03-17', '2026-05-15'] as const;

describe('re-admission', () => {
  const former = (
    on: string,
    readmission: Partial<NonNullable<TransitionContext['person']['readmission']>> = {},
  ) =>
    ({
      previousMembershipEndedOn: shift(on, -40),
      readmission: {
        formerMemberships: 1,
        exitGround: 'other',
        criminalRecordClearedOn: null,
        provincialConsentOn: null,
        ...readmission,
      },
    }) as Partial<TransitionContext['person']>;

  for (const on of VERSIONS) {
    it(`never re-admits the barred groups, under ${ruleSetOn(on).id}`, () => {
      for (const ground of [
        'left_party_life',
        'resigned',
        'serious_disunity',
        'corruption_conviction',
        'serious_crime_conviction',
      ] as const) {
        const checks = checkTransition(
          at(on, { person: former(on, { exitGround: ground }) as never }),
        );
        const barred = find(checks, RULE_CODES.readmissionBarred)[0];
        expect(barred?.status, ground).toBe('blocked');
        expect(barred?.citation).toMatch(/mục 3\.5\.2/);
        expect(barred?.unblock).toBeTruthy();
      }
      const hardship = checkTransition(
        at(on, { person: former(on, { exitGround: 'resigned_family_hardship' }) as never }),
      );
      expect(worst(hardship, RULE_CODES.readmissionBarred)).toBe('ok');
    });

    it(`re-admits once only, under ${ruleSetOn(on).id}`, () => {
      const once = checkTransition(at(on, { person: former(on) as never }));
      expect(find(once, RULE_CODES.readmissionOnce)).toEqual([]);
      const twice = checkTransition(
        at(on, { person: former(on, { formerMemberships: 2 }) as never }),
      );
      expect(worst(twice, RULE_CODES.readmissionOnce)).toBe('blocked');
    });

    it(`waits 60 months after a lesser record is cleared, under ${ruleSetOn(on).id}`, () => {
      const early = checkTransition(
        at(on, {
          person: former(on, {
            exitGround: 'lesser_crime_conviction',
            criminalRecordClearedOn: shift(on, -59),
          }) as never,
        }),
      );
      expect(worst(early, RULE_CODES.readmissionWait)).toBe('blocked');
      const inTime = checkTransition(
        at(on, {
          person: former(on, {
            exitGround: 'lesser_crime_conviction',
            criminalRecordClearedOn: shift(on, -60),
          }) as never,
        }),
      );
      expect(worst(inTime, RULE_CODES.readmissionWait)).toBe('ok');
      const notRecorded = checkTransition(
        at(on, { person: former(on, { exitGround: 'lesser_crime_conviction' }) as never }),
      );
      expect(
        find(notRecorded, RULE_CODES.readmissionWait).some(
          (c) => c.unblock === 'Ghi ngày được xóa án tích.',
        ),
      ).toBe(true);
    });

    it(`needs the provincial consent before the decision, under ${ruleSetOn(on).id}`, () => {
      const decidedOn = shift(on, 1);
      const decide = (provincialConsentOn: string | null) =>
        checkTransition(
          at(on, {
            from: 'cell_voted',
            to: 'decided',
            on: decidedOn,
            committeeReviewApplies: false,
            stageDates: { dossier: shift(on, -2), cell_voted: on },
            person: former(on, { provincialConsentOn }) as never,
          }),
        );
      expect(worst(decide(null), RULE_CODES.readmissionConsent)).toBe('blocked');
      expect(worst(decide(shift(decidedOn, 1)), RULE_CODES.readmissionConsent)).toBe('blocked');
      expect(worst(decide(decidedOn), RULE_CODES.readmissionConsent)).toBe('ok');
      const atVote = checkTransition(at(on, { person: former(on) as never }));
      expect(worst(atVote, RULE_CODES.readmissionConsent)).toBe('warning');
    });
  }

  it('asks for the ground of leaving: a warning in the dossier, a block at the vote', () => {
    const on = '2022-05-16';
    const person = {
      ...former(on),
      readmission: {
        formerMemberships: 1,
        exitGround: null,
        criminalRecordClearedOn: null,
        provincialConsentOn: null,
      },
    };
    const vote = checkTransition(at(on, { person: person as never }));
    expect(worst(vote, RULE_CODES.readmissionBarred)).toBe('blocked');
    const dossier = checkTransition(
      at(on, { from: 'trained', to: 'dossier', person: person as never }),
    );
    expect(worst(dossier, RULE_CODES.readmissionBarred)).toBe('warning');
  });

  it('marks the values carried into the 2011 set as unconfirmed', () => {
    const on = VERSIONS[0];
    const checks = checkTransition(
      at(on, { person: former(on, { exitGround: 'resigned' }) as never }),
    );
    expect(find(checks, RULE_CODES.readmissionBarred)[0]?.citation).toBe(
      '45-QĐ/TW, mục 3.5.2 (chưa đối chiếu)',
    );
  });
});

describe('a grassroots committee delegated the power to admit', () => {
  const delegated = { kind: 'committee', level: 'grassroots', decidesAdmissions: true };

  it('votes as a whole committee: the committee review is not skipped', () => {
    expect(committeeReviewApplies(delegated)).toBe(true);
    expect(nextStages('cell_voted', { committeeReviewApplies: true })).toContain(
      'committee_reviewed',
    );
    expect(committeeReviewApplies({ ...delegated, decidesAdmissions: false })).toBe(true);
    expect(
      committeeReviewApplies({ kind: 'committee', level: 'upper', decidesAdmissions: true }),
    ).toBe(false);
    expect(committeeReviewApplies(null)).toBe(false);
  });

  it('needs 2/3 of the committee members in favour', () => {
    const vote = (inFavour: number) =>
      checkTransition(
        at('2022-05-16', {
          from: 'cell_voted',
          to: 'committee_reviewed',
          on: '2022-05-20',
          stageDates: { dossier: '2022-03-16', cell_voted: '2022-05-16' },
          committeeVote: { members: 9, inFavour },
        }),
      );
    expect(worst(vote(5), RULE_CODES.committeeVoteThreshold)).toBe('blocked');
    expect(worst(vote(6), RULE_CODES.committeeVoteThreshold)).toBe('ok');
  });

  it('signs its decisions "T/M ĐẢNG ỦY"; a standing board signs "T/M BAN THƯỜNG VỤ"', () => {
    expect(decisionSignedAs(delegated)).toBe('T/M ĐẢNG ỦY');
    expect(decisionSignedAs({ kind: 'committee', level: 'upper', decidesAdmissions: true })).toBe(
      'T/M BAN THƯỜNG VỤ',
    );
    expect(decisionSignedAs(null)).toBe('T/M BAN THƯỜNG VỤ');
  });
});

describe('recognition extension', () => {
  const reviewedOn = '2023-03-01'; // a Wednesday
  const rules = ruleSetOn(reviewedOn);
  const due = calendar.addWorkingDays(reviewedOn, rules.recognitionDecisionWithinWorkingDays);
  const extended = calendar.addWorkingDays(due, rules.recognitionDecisionExtensionWorkingDays);
  const recognize = (on: string, extensionReason: string | null = null) =>
    checkTransition(
      at('2022-01-17', {
        from: 'probation_review',
        to: 'official',
        on,
        extensionReason,
        stageDates: { admitted: '2022-02-01', probation_review: reviewedOn },
      }),
    );

  it('lists the extended due date after the decision due date', () => {
    const deadlines = deadlinesAfter(
      'probation_review',
      { probation_review: reviewedOn },
      rules,
      calendar,
    );
    expect(deadlines.map((d) => [d.kind, d.dueOn])).toEqual([
      ['recognition_decision_due', due],
      ['recognition_decision_due_extended', extended],
    ]);
  });

  it('is in time on the due date, asks for a reason just after, accepts it with one, and warns beyond', () => {
    const check = (on: string, reason: string | null = null) =>
      find(recognize(on, reason), RULE_CODES.recognitionDecisionDeadline)[0];
    expect(check(due)?.status).toBe('ok');
    const after = calendar.addWorkingDays(due, 1);
    expect(check(after)).toMatchObject({ status: 'warning', field: 'extensionReason' });
    expect(check(after)?.citation).toBe('24-QĐ/TW, mục 4.3.1');
    expect(check(extended, 'Chờ kết quả thẩm tra bổ sung')?.status).toBe('ok');
    const beyond = calendar.addWorkingDays(extended, 1);
    expect(check(beyond, 'Chờ kết quả thẩm tra bổ sung')).toMatchObject({
      status: 'warning',
      field: 'on',
    });
  });
});

describe('education exception by where the person lives or works', () => {
  const primary = { educationLevel: 'primary' as const };

  for (const on of VERSIONS) {
    it(`applies to a person whose place is a mountain area, not to the organization's flag, under ${ruleSetOn(on).id}`, () => {
      const inMountain = checkTransition(
        at(on, { person: { ...primary, placeAreaKinds: ['mountain'] } as never }),
      );
      expect(worst(inMountain, RULE_CODES.education)).toBe('ok');
      const lowland = checkTransition(
        at(on, {
          person: { ...primary, placeAreaKinds: [] } as never,
          organization: { educationException: true, hasYouthUnion: true },
        }),
      );
      expect(worst(lowland, RULE_CODES.education)).toBe('blocked');
      const noPlace = checkTransition(
        at(on, {
          person: { ...primary, placeAreaKinds: null } as never,
          organization: { educationException: true, hasYouthUnion: true },
        }),
      );
      expect(worst(noPlace, RULE_CODES.education)).toBe('ok');
    });
  }

  it('counts fishers at sea from 01-HD/TW (2021) on, not before', () => {
    const fisher = (on: string) =>
      worst(
        checkTransition(
          at(on, { person: { ...primary, educationCase: 'fisher', placeAreaKinds: [] } as never }),
        ),
        RULE_CODES.education,
      );
    expect(fisher('2021-07-29')).toBe('blocked');
    expect(fisher('2021-07-30')).toBe('ok');
    expect(fisher('2026-05-15')).toBe('ok');
  });

  it('admits a village elder below primary school in such an area only with the approval, from 2021', () => {
    const elder = {
      educationLevel: 'none' as const,
      educationCase: 'village_elder' as const,
      placeAreaKinds: ['ethnic_minority'],
    };
    const vote = checkTransition(at('2022-05-16', { person: elder as never }));
    expect(worst(vote, RULE_CODES.education)).toBe('warning');
    const decide = (educationApprovalOn: string | null) =>
      checkTransition(
        at('2022-05-16', {
          from: 'cell_voted',
          to: 'decided',
          on: '2022-06-01',
          committeeReviewApplies: false,
          stageDates: { dossier: '2022-03-16', cell_voted: '2022-05-16' },
          person: { ...elder, educationApprovalOn } as never,
        }),
      );
    expect(worst(decide(null), RULE_CODES.education)).toBe('blocked');
    expect(worst(decide('2022-05-30'), RULE_CODES.education)).toBe('ok');
    const before = checkTransition(at('2017-05-15', { person: elder as never }));
    expect(worst(before, RULE_CODES.education)).toBe('blocked');
  });
});

describe('over 60', () => {
  for (const on of VERSIONS) {
    it(`needs a ground and health and prestige besides the approval, under ${ruleSetOn(on).id}`, () => {
      const birthDate = shift(on, -(61 * 12));
      const vote = checkTransition(at(on, { person: { birthDate } as never }));
      expect(find(vote, RULE_CODES.over60Conditions)[0]).toMatchObject({ status: 'warning' });
      const decide = (over60Conditions: TransitionContext['person']['over60Conditions']) =>
        checkTransition(
          at(on, {
            from: 'cell_voted',
            to: 'decided',
            on: shift(on, 1),
            committeeReviewApplies: false,
            stageDates: { dossier: shift(on, -2), cell_voted: on },
            person: { birthDate, over60ApprovalOn: on, over60Conditions } as never,
          }),
        );
      expect(worst(decide(null), RULE_CODES.over60Conditions)).toBe('blocked');
      expect(
        worst(
          decide({ ground: 'no_party_members', healthAndPrestige: false }),
          RULE_CODES.over60Conditions,
        ),
      ).toBe('blocked');
      expect(
        worst(
          decide({ ground: 'no_party_members', healthAndPrestige: true }),
          RULE_CODES.over60Conditions,
        ),
      ).toBe('ok');
      const at60 = checkTransition(at(on, { person: { birthDate: shift(on, -720) } as never }));
      expect(find(at60, RULE_CODES.over60Conditions)).toEqual([]);
    });
  }
});

describe('trade-union introduction (4A-KNĐ)', () => {
  const one = [{ memberId: 1, status: 'official' as const, togetherSince: '2014-01-01' }];
  const resolution = { resolutionNo: '05-NQ/CĐ', on: '2017-03-01' };

  it('counts for one introducer outside youth-union age', () => {
    const checks = checkTransition(
      at('2017-05-15', { introducers: one, tradeUnionIntroduction: resolution }),
    );
    expect(worst(checks, RULE_CODES.introducersCount)).toBe('ok');
    expect(worst(checks, RULE_CODES.tradeUnionIntroduction)).toBe('ok');
    const without = checkTransition(at('2017-05-15', { introducers: one }));
    expect(worst(without, RULE_CODES.introducersCount)).toBe('blocked');
  });

  it('does not replace the youth union for a young person where a youth union exists', () => {
    const young = { birthDate: '1992-01-01', isYouthUnionMember: true };
    const checks = checkTransition(
      at('2017-05-15', {
        person: young as never,
        introducers: one,
        tradeUnionIntroduction: resolution,
      }),
    );
    expect(worst(checks, RULE_CODES.tradeUnionIntroduction)).toBe('warning');
    expect(worst(checks, RULE_CODES.youthUnionIntroduction)).toBe('blocked');
    expect(worst(checks, RULE_CODES.introducersCount)).toBe('blocked');
  });

  it('counts for a young person where there is no youth union', () => {
    const checks = checkTransition(
      at('2026-05-15', {
        person: { birthDate: '2000-01-01' } as never,
        organization: { educationException: false, hasYouthUnion: false },
        introducers: one,
        tradeUnionIntroduction: resolution,
      }),
    );
    expect(worst(checks, RULE_CODES.introducersCount)).toBe('ok');
  });
});
