import type { TransitionContext, WorkingDayCalendarLike } from './candidates.rules.ts';

/**
 * For the rules' tests: a candidate who passes every rule at a cell vote on 2017-05-15 under
 * `calendar`, unless `overrides` say otherwise.
 */
export function passingContext(
  calendar: WorkingDayCalendarLike,
  overrides: Partial<TransitionContext> = {},
): TransitionContext {
  return {
    from: 'dossier',
    to: 'cell_voted',
    on: '2017-05-15',
    committeeReviewApplies: true,
    person: {
      birthDate: '1980-06-15',
      educationLevel: 'upper_secondary',
      isYouthUnionMember: false,
      previousMembershipEndedOn: null,
      over60ApprovalOn: null,
    },
    organization: { educationException: false, hasYouthUnion: true },
    certificate: { number: 'CN-123', issuedOn: '2016-09-01', issuer: 'TTCT huyện Điện Biên Đông' },
    backgroundCheckedOn: '2017-02-01',
    introducers: [
      { memberId: 1, status: 'official', togetherSince: '2014-01-01' },
      { memberId: 2, status: 'official', togetherSince: '2014-01-01' },
    ],
    youthUnionIntroduction: null,
    vote: { officialMembers: 9, present: 9, inFavour: 9 },
    committeeVote: null,
    failedVotes: 0,
    stageDates: {
      source: '2016-01-10',
      fostering: '2016-02-01',
      trained: '2016-09-01',
      dossier: '2017-03-01',
    },
    calendar,
    ...overrides,
  };
}
