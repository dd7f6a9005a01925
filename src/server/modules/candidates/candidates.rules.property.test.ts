import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../lib/working-days.ts';
import { addDays } from '../../../shared/dates.ts';
import {
  checkTransition,
  nextStages,
  OFF_RAMPS,
  RULE_CODES,
  STAGES,
  type Check,
  type PipelineState,
  type TransitionContext,
} from './candidates.rules.ts';
import { passingContext } from './candidates.rules.fixture.ts';

/**
 * Properties of the pipeline rules under arbitrary input (issue 9): they never throw, answer only
 * ok / warning / blocked, refuse every target that is not a next stage, and are monotone where the
 * regulation is — more votes in favour never turns a passing vote into a blocked one, a later
 * consideration day never makes a person too young, and an older certificate never becomes valid.
 */

const calendar = new WorkingDayCalendar(['2017-01-26', '2017-01-27', '2017-01-30']);
const STATES: PipelineState[] = [...STAGES, ...OFF_RAMPS];

/** A candidate who passes every rule at a cell vote on 2017-05-15, unless overridden. */
function context(overrides: Partial<TransitionContext> = {}): TransitionContext {
  return passingContext(calendar, overrides);
}

function blockedBy(checks: Check[], rule: string): boolean {
  return checks.some((c) => c.rule === rule && c.status === 'blocked');
}

const isoDay = fc.integer({ min: -20_000, max: 30_000 }).map((n) => addDays('1970-01-01', n));
const count = fc.integer({ min: -5, max: 500 });

describe('pipeline rules under arbitrary input', () => {
  it('never throw, and answer only ok, warning or blocked with a message in both languages', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATES),
        fc.constantFrom(...STATES),
        isoDay,
        isoDay,
        fc.record({ officialMembers: count, present: count, inFavour: count }),
        fc.record({ members: count, inFavour: count }),
        fc.integer({ min: 0, max: 10 }),
        (from, to, on, birthDate, vote, committeeVote, failedVotes) => {
          const checks = checkTransition(
            context({
              from,
              to,
              on,
              person: { ...context().person, birthDate },
              vote,
              committeeVote,
              failedVotes,
            }),
          );
          expect(checks.length).toBeGreaterThan(0);
          for (const check of checks) {
            expect(['ok', 'warning', 'blocked']).toContain(check.status);
            expect(check.message.length).toBeGreaterThan(0);
            expect(check.messageEn.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuse every target that is not among the next stages, whatever else holds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATES),
        fc.constantFrom(...STATES),
        fc.boolean(),
        (from, to, committeeReviewApplies) => {
          fc.pre(!nextStages(from, { committeeReviewApplies }).includes(to));
          const checks = checkTransition(context({ from, to, committeeReviewApplies }));
          expect(blockedBy(checks, RULE_CODES.stageOrder)).toBe(true);
        },
      ),
    );
  });

  it('more votes in favour never turn a passing cell vote into a blocked one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 5 }),
        (officialMembers, presentSeed, favourSeed, failedVotes) => {
          const present = presentSeed % (officialMembers + 1);
          const inFavour = favourSeed % (present + 1);
          fc.pre(inFavour < present);
          const at = (n: number) =>
            checkTransition(
              context({ vote: { officialMembers, present, inFavour: n }, failedVotes }),
            );
          const fewer = at(inFavour);
          const more = at(inFavour + 1);
          if (!blockedBy(fewer, RULE_CODES.cellVoteThreshold))
            expect(blockedBy(more, RULE_CODES.cellVoteThreshold)).toBe(false);
          const blockedFewer = fewer.filter((c) => c.status === 'blocked').map((c) => c.rule);
          const blockedMore = more.filter((c) => c.status === 'blocked').map((c) => c.rule);
          for (const rule of blockedMore) expect(blockedFewer).toContain(rule);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('more votes in favour never turn a passing committee review into a blocked one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), (members, seed) => {
        const inFavour = seed % members;
        const at = (n: number) =>
          checkTransition(
            context({
              from: 'cell_voted',
              to: 'committee_reviewed',
              on: '2017-06-01',
              stageDates: { ...context().stageDates, cell_voted: '2017-05-15' },
              vote: null,
              committeeVote: { members, inFavour: n },
            }),
          );
        if (!blockedBy(at(inFavour), RULE_CODES.committeeVoteThreshold))
          expect(blockedBy(at(inFavour + 1), RULE_CODES.committeeVoteThreshold)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a vote that passes with all official members in favour passes for any cell size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (n) => {
        const checks = checkTransition(
          context({ vote: { officialMembers: n, present: n, inFavour: n } }),
        );
        expect(blockedBy(checks, RULE_CODES.cellVoteThreshold)).toBe(false);
      }),
    );
  });

  it('a later consideration day never makes a person too young (the minimum age is monotone)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12_000 }).map((n) => addDays('1990-01-01', n)),
        fc.integer({ min: 0, max: 3_000 }),
        (birthDate, laterBy) => {
          const on = '2017-05-15';
          const at = (day: string, from: PipelineState) =>
            checkTransition(
              context({
                from,
                to: 'dossier',
                on: day,
                stageDates: {
                  source: '2016-01-10',
                  fostering: '2016-02-01',
                  trained: '2016-09-01',
                },
                person: { ...context().person, birthDate },
              }),
            );
          const earlier = at(on, 'trained');
          const later = at(addDays(on, laterBy), 'trained');
          if (!blockedBy(earlier, RULE_CODES.ageMin))
            expect(blockedBy(later, RULE_CODES.ageMin)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an older certificate is never valid when a newer one is expired', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        (age, extra) => {
          const on = '2017-05-15';
          const at = (daysOld: number) =>
            checkTransition(
              context({
                certificate: { number: 'CN', issuedOn: addDays(on, -daysOld), issuer: 'TTCT' },
                stageDates: { ...context().stageDates, trained: addDays(on, -daysOld) },
              }),
            );
          if (blockedBy(at(age), RULE_CODES.certificateExpired))
            expect(blockedBy(at(age + extra), RULE_CODES.certificateExpired)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
