import { describe, expect, it } from 'vitest';
import {
  ageInMonths,
  checkTransition,
  deadlinesAfter,
  nextStages,
  officialFrom,
  probationEndsOn,
  RULE_CODES,
  STAGES,
  type Check,
  type RuleCode,
  type TransitionContext,
  type WorkingDayCalendarLike,
} from './candidates.rules.ts';
import { RULE_SETS, ruleSetOn, type RuleSet } from './rule-versions.ts';
import { passingContext } from './candidates.rules.fixture.ts';

/** Weekends plus the given holidays; enough of a calendar for these tests. */
function fakeCalendar(holidays: readonly string[]): WorkingDayCalendarLike {
  const off = new Set(holidays);
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  const nextDay = (date: Date) => new Date(date.getTime() + 86_400_000);
  const isWorking = (date: Date) =>
    date.getUTCDay() !== 0 && date.getUTCDay() !== 6 && !off.has(iso(date));
  return {
    addWorkingDays(date, n) {
      let day = new Date(`${date}T00:00:00Z`);
      let left = n;
      while (left > 0) {
        day = nextDay(day);
        if (isWorking(day)) left -= 1;
      }
      return iso(day);
    },
    workingDaysBetween(from, to) {
      let day = new Date(`${from}T00:00:00Z`);
      const end = new Date(`${to}T00:00:00Z`);
      let count = 0;
      while (day < end) {
        day = nextDay(day);
        if (isWorking(day)) count += 1;
      }
      return count;
    },
  };
}

/** Tết Đinh Dậu 2017: 26/01 – 01/02. */
const TET_2017 = ['2017-01-26', '2017-01-27', '2017-01-30', '2017-01-31', '2017-02-01'];
const calendar = fakeCalendar(TET_2017);

/** A candidate who passes every rule at a cell vote on 2017-05-15, unless overridden. */
function buildContext(overrides: Partial<TransitionContext> = {}): TransitionContext {
  return passingContext(calendar, overrides);
}

function person(overrides: Partial<TransitionContext['person']>): TransitionContext['person'] {
  return { ...buildContext().person, ...overrides };
}

function find(checks: Check[], rule: RuleCode): Check | undefined {
  return checks.find((check) => check.rule === rule);
}

function statusOf(checks: Check[], rule: RuleCode): Check['status'] | undefined {
  return find(checks, rule)?.status;
}

function blocked(checks: Check[]): RuleCode[] {
  return checks.filter((check) => check.status === 'blocked').map((check) => check.rule);
}

describe('fixture', () => {
  it('passes every rule as built', () => {
    const checks = checkTransition(buildContext());
    expect(checks.filter((check) => check.status !== 'ok')).toEqual([]);
    expect(checks.every((check) => check.message.length > 0 && check.messageEn.length > 0)).toBe(
      true,
    );
  });
});

describe('stage order', () => {
  it('lists the stages in order', () => {
    expect(STAGES[0]).toBe('source');
    expect(STAGES.at(-1)).toBe('official');
  });

  it('allows the next stage and the off-ramps', () => {
    expect(nextStages('source', { committeeReviewApplies: true })).toEqual([
      'fostering',
      'withdrawn',
      'rejected',
    ]);
    expect(nextStages('admitted', { committeeReviewApplies: true })).toEqual([
      'probation_review',
      'not_recognized',
    ]);
    expect(nextStages('official', { committeeReviewApplies: true })).toEqual([]);
    expect(nextStages('withdrawn', { committeeReviewApplies: true })).toEqual([]);
  });

  it('skips the committee review only where it does not apply', () => {
    expect(nextStages('cell_voted', { committeeReviewApplies: true })[0]).toBe(
      'committee_reviewed',
    );
    expect(nextStages('cell_voted', { committeeReviewApplies: false })[0]).toBe('decided');
  });

  it('refuses skipping from source to dossier', () => {
    const checks = checkTransition(
      buildContext({ from: 'source', to: 'dossier', on: '2016-06-01' }),
    );
    expect(find(checks, RULE_CODES.stageOrder)).toMatchObject({ status: 'blocked', field: 'to' });
  });

  it('goes from cell vote to decision when the cell is directly under the deciding committee', () => {
    const base = {
      from: 'cell_voted',
      to: 'decided',
      on: '2017-06-01',
      stageDates: { cell_voted: '2017-05-15' },
    } as const;
    const direct = checkTransition(buildContext({ ...base, committeeReviewApplies: false }));
    expect(statusOf(direct, RULE_CODES.stageOrder)).toBe('ok');
    const underCommittee = checkTransition(buildContext({ ...base, committeeReviewApplies: true }));
    expect(statusOf(underCommittee, RULE_CODES.stageOrder)).toBe('blocked');
  });

  it('allows not_recognized only during probation', () => {
    const fromDecided = checkTransition(
      buildContext({ from: 'decided', to: 'not_recognized', on: '2017-07-01' }),
    );
    expect(statusOf(fromDecided, RULE_CODES.stageOrder)).toBe('blocked');
    const fromAdmitted = checkTransition(
      buildContext({ from: 'admitted', to: 'not_recognized', on: '2018-04-01' }),
    );
    expect(blocked(fromAdmitted)).toEqual([]);
  });

  it('refuses a date before the stage being left', () => {
    const checks = checkTransition(buildContext({ on: '2017-02-28' }));
    expect(find(checks, RULE_CODES.dateOrder)).toMatchObject({ status: 'blocked', field: 'on' });
  });
});

describe('age on the day of the cell consideration', () => {
  const youngster = person({ birthDate: '1999-05-10' });

  it('refuses 17 years 11 months', () => {
    const checks = checkTransition(buildContext({ person: youngster, on: '2017-05-09' }));
    expect(statusOf(checks, RULE_CODES.ageMin)).toBe('blocked');
  });

  it('accepts exactly 18 years', () => {
    const checks = checkTransition(buildContext({ person: youngster, on: '2017-05-10' }));
    expect(statusOf(checks, RULE_CODES.ageMin)).toBe('ok');
  });

  it('only warns at the dossier, before the cell considers', () => {
    const checks = checkTransition(
      buildContext({ from: 'trained', to: 'dossier', on: '2017-03-01', person: youngster }),
    );
    expect(statusOf(checks, RULE_CODES.ageMin)).toBe('warning');
  });

  const senior = person({ birthDate: '1956-12-01' });
  const decision = {
    from: 'committee_reviewed',
    to: 'decided',
    on: '2017-02-01',
    stageDates: { cell_voted: '2017-01-01', committee_reviewed: '2017-01-10' },
  } as const;

  it('refuses the decision for 60 years and 1 month without the approval', () => {
    expect(ageInMonths(senior.birthDate, '2017-01-01')).toBe(721);
    const checks = checkTransition(buildContext({ ...decision, person: senior }));
    expect(statusOf(checks, RULE_CODES.ageMax)).toBe('blocked');
  });

  it('accepts the decision with the approval given before it', () => {
    const approved = { ...senior, over60ApprovalOn: '2017-01-20' };
    const checks = checkTransition(buildContext({ ...decision, person: approved }));
    expect(statusOf(checks, RULE_CODES.ageMax)).toBe('ok');
    const late = { ...senior, over60ApprovalOn: '2017-02-02' };
    expect(
      statusOf(checkTransition(buildContext({ ...decision, person: late })), RULE_CODES.ageMax),
    ).toBe('blocked');
  });

  it('accepts exactly 60 years and warns at the cell vote when over 60 without approval', () => {
    const sixty = person({ birthDate: '1957-05-15' });
    expect(statusOf(checkTransition(buildContext({ person: sixty })), RULE_CODES.ageMax)).toBe(
      'ok',
    );
    const checks = checkTransition(buildContext({ person: person({ birthDate: '1957-04-14' }) }));
    expect(statusOf(checks, RULE_CODES.ageMax)).toBe('warning');
  });

  it('counts months the way the regulation does', () => {
    expect(ageInMonths('2000-01-31', '2000-02-29')).toBe(1);
    expect(ageInMonths('2000-01-31', '2000-02-28')).toBe(0);
    expect(ageInMonths('1999-05-10', '2017-05-09')).toBe(215);
  });
});

describe('education', () => {
  const primary = person({ educationLevel: 'primary' });

  it('refuses primary school normally', () => {
    const checks = checkTransition(buildContext({ person: primary }));
    expect(statusOf(checks, RULE_CODES.education)).toBe('blocked');
  });

  it("accepts primary school with the organization's exception", () => {
    const checks = checkTransition(
      buildContext({
        person: primary,
        organization: { educationException: true, hasYouthUnion: true },
      }),
    );
    expect(statusOf(checks, RULE_CODES.education)).toBe('ok');
  });
});

describe('introducers', () => {
  it('refuses a probationary introducer', () => {
    const checks = checkTransition(
      buildContext({
        introducers: [
          { memberId: 1, status: 'official', togetherSince: '2014-01-01' },
          { memberId: 2, status: 'probationary', togetherSince: '2014-01-01' },
        ],
      }),
    );
    expect(find(checks, RULE_CODES.introducerNotOfficial)).toBeDefined();
    expect(
      checks.find(
        (check) =>
          check.field === 'introducerMemberIds.1' &&
          check.rule === RULE_CODES.introducerNotOfficial,
      ),
    ).toMatchObject({ status: 'blocked' });
  });

  it('refuses 11 months together and accepts 12', () => {
    const dossier = { from: 'trained', to: 'dossier', on: '2017-03-15' } as const;
    const withSince = (togetherSince: string) =>
      checkTransition(
        buildContext({
          ...dossier,
          introducers: [
            { memberId: 1, status: 'official', togetherSince: '2014-01-01' },
            { memberId: 2, status: 'official', togetherSince },
          ],
        }),
      ).filter((check) => check.rule === RULE_CODES.introducerMonthsTogether);
    expect(withSince('2016-04-15').map((check) => check.status)).toEqual(['ok', 'blocked']);
    expect(withSince('2016-03-15').map((check) => check.status)).toEqual(['ok', 'ok']);
  });

  it('refuses a single introducer without a mass-organization introduction', () => {
    const checks = checkTransition(
      buildContext({
        introducers: [{ memberId: 1, status: 'official', togetherSince: '2014-01-01' }],
      }),
    );
    expect(find(checks, RULE_CODES.introducersCount)).toMatchObject({
      status: 'blocked',
      field: 'introducerMemberIds',
    });
  });

  describe('a person of youth-union age where a youth union exists', () => {
    const youth = person({ birthDate: '1992-03-01', isYouthUnionMember: true });

    it('is refused without the youth union introduction', () => {
      const checks = checkTransition(buildContext({ person: youth }));
      expect(find(checks, RULE_CODES.youthUnionIntroduction)).toMatchObject({
        status: 'blocked',
        field: 'youthUnionIntroduction',
      });
    });

    it('is accepted with the youth union and one official member', () => {
      const checks = checkTransition(
        buildContext({
          person: youth,
          youthUnionIntroduction: { resolutionNo: '05-NQ/ĐTN', on: '2017-02-15' },
          introducers: [{ memberId: 1, status: 'official', togetherSince: '2014-01-01' }],
        }),
      );
      expect(blocked(checks)).toEqual([]);
    });

    it('is refused when not a youth union member', () => {
      const checks = checkTransition(
        buildContext({ person: { ...youth, isYouthUnionMember: false } }),
      );
      expect(statusOf(checks, RULE_CODES.youthUnionIntroduction)).toBe('blocked');
    });

    it('needs two members where there is no youth union', () => {
      const checks = checkTransition(
        buildContext({
          person: youth,
          organization: { educationException: false, hasYouthUnion: false },
        }),
      );
      expect(find(checks, RULE_CODES.youthUnionIntroduction)).toBeUndefined();
      expect(blocked(checks)).toEqual([]);
    });
  });

  it('accepts the trade union and one member where there is no youth union', () => {
    const checks = checkTransition(
      buildContext({
        organization: { educationException: false, hasYouthUnion: false, hasTradeUnion: true },
        tradeUnionIntroduction: { resolutionNo: '02-NQ/CĐ', on: '2017-02-10' },
        introducers: [{ memberId: 1, status: 'official', togetherSince: '2014-01-01' }],
      }),
    );
    expect(blocked(checks)).toEqual([]);
  });
});

describe('certificate and background', () => {
  const old = { number: 'CN-1', issuedOn: '2012-03-01', issuer: 'TTBDCT huyện' };

  it('refuses a certificate of 5 years and accepts one a day younger', () => {
    const expired = checkTransition(buildContext({ certificate: old, on: '2017-03-01' }));
    expect(find(expired, RULE_CODES.certificateExpired)).toMatchObject({
      status: 'blocked',
      field: 'certificate.issuedOn',
    });
    const valid = checkTransition(
      buildContext({ certificate: old, on: '2017-02-28', stageDates: { dossier: '2017-02-01' } }),
    );
    expect(statusOf(valid, RULE_CODES.certificateExpired)).toBe('ok');
  });

  it('refuses a missing certificate when the course is recorded and at the dossier', () => {
    const trained = checkTransition(
      buildContext({ from: 'fostering', to: 'trained', on: '2016-09-01', certificate: null }),
    );
    expect(statusOf(trained, RULE_CODES.certificateMissing)).toBe('blocked');
    const dossier = checkTransition(
      buildContext({ from: 'trained', to: 'dossier', on: '2017-03-01', certificate: null }),
    );
    expect(statusOf(dossier, RULE_CODES.certificateMissing)).toBe('blocked');
  });

  it('warns at the dossier and refuses the vote without a background check', () => {
    const dossier = checkTransition(
      buildContext({ from: 'trained', to: 'dossier', on: '2017-03-01', backgroundCheckedOn: null }),
    );
    expect(statusOf(dossier, RULE_CODES.backgroundCheck)).toBe('warning');
    const vote = checkTransition(buildContext({ backgroundCheckedOn: null }));
    expect(statusOf(vote, RULE_CODES.backgroundCheck)).toBe('blocked');
  });

  it('names the verification letters still awaited or answered unfavourably, with what unblocks it', () => {
    const vote = checkTransition(
      buildContext({
        backgroundCheckedOn: null,
        backgroundRequests: { pending: 2, unfavourable: 0 },
      }),
    );
    const check = vote.find((c) => c.rule === RULE_CODES.backgroundCheck);
    expect(check?.status).toBe('blocked');
    expect(check?.message).toContain('2 nơi chưa trả lời');
    expect(check?.unblock).toContain('Ghi nhận trả lời');
    expect(check?.citation).toContain('01-HD/TW (2016)'); // the rule set's background-check citation
    const against = checkTransition(
      buildContext({
        backgroundCheckedOn: null,
        backgroundRequests: { pending: 0, unfavourable: 1 },
      }),
    ).find((c) => c.rule === RULE_CODES.backgroundCheck);
    expect(against?.message).toContain('1 nơi trả lời có vấn đề');
  });

  it('warns when the background check is older than 12 months at the vote', () => {
    const checks = checkTransition(buildContext({ backgroundCheckedOn: '2016-05-15' }));
    expect(statusOf(checks, RULE_CODES.backgroundCheck)).toBe('warning');
  });
});

describe('votes', () => {
  it('passes 6 of 9 official members and fails 5 of 8', () => {
    const six = checkTransition(
      buildContext({ vote: { officialMembers: 9, present: 7, inFavour: 6 } }),
    );
    expect(statusOf(six, RULE_CODES.cellVoteThreshold)).toBe('ok');
    const five = checkTransition(
      buildContext({ vote: { officialMembers: 8, present: 8, inFavour: 5 } }),
    );
    expect(find(five, RULE_CODES.cellVoteThreshold)).toMatchObject({
      status: 'blocked',
      field: 'vote.inFavour',
    });
  });

  it('refuses inconsistent counts and a missing vote', () => {
    const counts = checkTransition(
      buildContext({ vote: { officialMembers: 9, present: 6, inFavour: 7 } }),
    );
    expect(statusOf(counts, RULE_CODES.voteCounts)).toBe('blocked');
    expect(
      statusOf(checkTransition(buildContext({ vote: null })), RULE_CODES.cellVoteThreshold),
    ).toBe('blocked');
  });

  it('needs two thirds of the committee members', () => {
    const review = (members: number, inFavour: number) =>
      statusOf(
        checkTransition(
          buildContext({
            from: 'cell_voted',
            to: 'committee_reviewed',
            on: '2017-05-25',
            stageDates: { cell_voted: '2017-05-15' },
            committeeVote: { members, inFavour },
          }),
        ),
        RULE_CODES.committeeVoteThreshold,
      );
    expect(review(6, 4)).toBe('ok');
    expect(review(5, 3)).toBe('blocked');
    expect(review(7, 5)).toBe('ok');
    expect(review(7, 4)).toBe('blocked');
  });

  it('warns that the higher committee decides after the third failed vote', () => {
    const checks = checkTransition(
      buildContext({ failedVotes: 2, vote: { officialMembers: 9, present: 9, inFavour: 5 } }),
    );
    expect(statusOf(checks, RULE_CODES.cellVoteThreshold)).toBe('blocked');
    expect(statusOf(checks, RULE_CODES.failedVotesEscalation)).toBe('warning');
    const second = checkTransition(
      buildContext({ failedVotes: 1, vote: { officialMembers: 9, present: 9, inFavour: 5 } }),
    );
    expect(find(second, RULE_CODES.failedVotesEscalation)).toBeUndefined();
  });
});

describe('re-admission', () => {
  const former = person({ previousMembershipEndedOn: '2014-03-10' });

  it('refuses 35 months after leaving and accepts 36', () => {
    const early = checkTransition(
      buildContext({ person: former, on: '2017-02-10', stageDates: { dossier: '2017-02-01' } }),
    );
    expect(statusOf(early, RULE_CODES.readmissionWait)).toBe('blocked');
    const inTime = checkTransition(buildContext({ person: former, on: '2017-03-10' }));
    expect(statusOf(inTime, RULE_CODES.readmissionWait)).toBe('ok');
  });
});

describe('deadlines in working days', () => {
  it('counts the ceremony deadline across Tết 2017', () => {
    const stageDates = { decided: '2017-01-20' };
    const [ceremony] = deadlinesAfter('decided', stageDates, ruleSetOn('2017-01-20'), calendar);
    expect(ceremony).toEqual({ kind: 'ceremony_due', startsOn: '2017-01-20', dueOn: '2017-03-10' });
    const ceremonyOn = (on: string) =>
      find(
        checkTransition(buildContext({ from: 'decided', to: 'admitted', on, stageDates })),
        RULE_CODES.ceremonyDeadline,
      );
    // Without the five Tết days the limit would have been 2017-03-03.
    expect(ceremonyOn('2017-03-08')?.status).toBe('ok');
    expect(ceremonyOn('2017-03-10')?.status).toBe('ok');
    expect(ceremonyOn('2017-03-13')).toMatchObject({ status: 'warning', field: 'on' });
  });

  it('warns about a late decision, within and past the extension', () => {
    const stageDates = { cell_voted: '2017-01-20', committee_reviewed: '2017-02-10' };
    const [due, extended] = deadlinesAfter(
      'committee_reviewed',
      stageDates,
      ruleSetOn('2017-01-20'),
      calendar,
    );
    expect(due?.kind).toBe('decision_due');
    expect(extended?.kind).toBe('decision_due_extended');
    const decidedOn = (on: string) =>
      statusOf(
        checkTransition(
          buildContext({ from: 'committee_reviewed', to: 'decided', on, stageDates }),
        ),
        RULE_CODES.decisionDeadline,
      );
    expect(decidedOn(due?.dueOn ?? '')).toBe('ok');
    expect(decidedOn(calendar.addWorkingDays(due?.dueOn ?? '', 1))).toBe('warning');
    expect(decidedOn(calendar.addWorkingDays(extended?.dueOn ?? '', 1))).toBe('warning');
  });

  it('ends probation 12 months after the ceremony and takes effect then, however late', () => {
    const rules = ruleSetOn('2017-03-15');
    expect(probationEndsOn('2017-03-15', rules)).toBe('2018-03-15');
    expect(officialFrom('2016-02-29', rules)).toBe('2017-02-28');
    const stageDates = { admitted: '2017-03-15' };
    expect(deadlinesAfter('admitted', stageDates, rules, calendar)).toEqual([
      { kind: 'probation_end', startsOn: '2017-03-15', dueOn: '2018-03-15' },
      {
        kind: 'recognition_review_due',
        startsOn: '2018-03-15',
        dueOn: calendar.addWorkingDays('2018-03-15', 30),
      },
    ]);
  });

  it('refuses the probation review before 12 months and warns when it is late', () => {
    const review = (on: string) =>
      checkTransition(
        buildContext({
          from: 'admitted',
          to: 'probation_review',
          on,
          stageDates: { admitted: '2017-03-15' },
        }),
      );
    expect(statusOf(review('2018-03-14'), RULE_CODES.probationNotFinished)).toBe('blocked');
    expect(statusOf(review('2018-03-15'), RULE_CODES.probationNotFinished)).toBe('ok');
    expect(statusOf(review('2018-03-15'), RULE_CODES.recognitionDeadline)).toBe('ok');
    const late = review('2018-06-01');
    expect(statusOf(late, RULE_CODES.recognitionDeadline)).toBe('warning');
    expect(blocked(late)).toEqual([]);
  });

  it('gives the certificate expiry while the dossier is open', () => {
    expect(deadlinesAfter('dossier', {}, ruleSetOn('2017-01-01'), calendar, '2016-09-01')).toEqual([
      { kind: 'certificate_expiry', startsOn: '2016-09-01', dueOn: '2021-09-01' },
    ]);
  });
});

describe('rule versions', () => {
  it('picks the version in force on a date', () => {
    expect(ruleSetOn('2016-07-24').id).toBe('45-QD-TW-2011');
    expect(ruleSetOn('2017-05-15').id).toBe('29-QD-TW-2016');
    expect(ruleSetOn('2021-07-30').id).toBe('24-QD-TW-2021');
    expect(ruleSetOn('2025-06-30').id).toBe('232-QD-TW-2025');
    expect(ruleSetOn('2025-07-01').id).toBe('294-QD-TW-2025');
    expect(ruleSetOn('2005-01-01').id).toBe(RULE_SETS[0]?.id);
  });

  it('counts living in the same residence only from 24-QĐ/TW (2021-07-30) on', () => {
    const dossierOn = (on: string) =>
      checkTransition(
        buildContext({
          from: 'trained',
          to: 'dossier',
          on,
          stageDates: { trained: '2021-01-10' },
          certificate: { number: 'CN-9', issuedOn: '2021-01-10', issuer: 'TTCT huyện' },
          backgroundCheckedOn: '2021-06-01',
          introducers: [
            { memberId: 1, status: 'official', togetherSince: '2019-01-01', togetherBasis: 'work' },
            {
              memberId: 2,
              status: 'official',
              togetherSince: '2019-01-01',
              togetherBasis: 'residence',
            },
          ],
        }),
      );
    const before = dossierOn('2021-07-29');
    expect(find(before, RULE_CODES.introducerRelationship)?.status).toBe('ok');
    expect(blocked(before)).toEqual([RULE_CODES.introducerRelationship]);
    expect(blocked(dossierOn('2021-07-30'))).toEqual([]);
  });

  it('judges with an explicit rule set when one is given', () => {
    const stricter: RuleSet = {
      ...ruleSetOn('2017-01-01'),
      id: 'what-if',
      readmissionWaitMonths: 60,
    };
    const former = person({ previousMembershipEndedOn: '2014-03-10' });
    const inForce = checkTransition(buildContext({ person: former }));
    expect(statusOf(inForce, RULE_CODES.readmissionWait)).toBe('ok');
    const whatIf = checkTransition(buildContext({ person: former, ruleSet: stricter }));
    expect(statusOf(whatIf, RULE_CODES.readmissionWait)).toBe('blocked');
    expect(ruleSetOn('2030-01-01', [stricter]).id).toBe('what-if');
  });
});
