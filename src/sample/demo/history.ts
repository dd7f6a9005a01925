import { addDays } from '../../shared/dates.ts';
import type { Random } from '../random.ts';

/** One dated step of a candidate's history, with the details the transition records. */
export interface Step {
  to: string;
  on: string;
  details?: Record<string, unknown>;
}

/**
 * The dated stages a candidate went through to a ceremony on `admittedOn` (and recognition
 * after it), working backwards from the ceremony with the usual gaps between stages.
 */
export function pipelineHistory(
  random: Random,
  admittedOn: string,
  committeeReview: boolean,
  officialOn: string | null,
  today: string,
): Step[] {
  const decided = addDays(admittedOn, -random.int(14, 35));
  const reviewed = committeeReview ? addDays(decided, -random.int(10, 30)) : null;
  const voted = addDays(reviewed ?? decided, -random.int(7, 25));
  const dossier = addDays(voted, -random.int(20, 60));
  const trained = addDays(dossier, -random.int(15, 90));
  const fostering = addDays(trained, -random.int(60, 240));
  const source = addDays(fostering, -random.int(30, 120));
  const officialMembers = random.int(9, 30);
  const present = officialMembers - random.int(0, 2);
  const steps: Step[] = [
    { to: 'source', on: source },
    { to: 'fostering', on: fostering },
    { to: 'trained', on: trained },
    { to: 'dossier', on: dossier },
    {
      to: 'cell_voted',
      on: voted,
      details: {
        vote: {
          officialMembers,
          present,
          inFavour: present,
          resolutionNo: `${random.int(1, 40)}-NQ/CB`,
        },
      },
    },
  ];
  if (reviewed) steps.push(committeeReviewStep(random, reviewed));
  steps.push({
    to: 'decided',
    on: decided,
    details: { decision: { number: `${random.int(100, 999)}-QĐ/HU`, on: decided } },
  });
  steps.push({ to: 'admitted', on: admittedOn });
  if (officialOn) steps.push(...recognitionSteps(random, officialOn, today));
  return steps;
}

function committeeReviewStep(random: Random, on: string): Step {
  const members = random.int(7, 15);
  return {
    to: 'committee_reviewed',
    on,
    details: {
      vote: {
        members,
        inFavour: members - random.int(0, 1),
        resolutionNo: `${random.int(1, 90)}-NQ/ĐU`,
      },
    },
  };
}

/** The probation review shortly after the end of probation, then recognition (both up to today). */
function recognitionSteps(random: Random, officialOn: string, today: string): Step[] {
  const review = addDays(officialOn, random.int(1, 20));
  if (review > today) return [];
  const reviewMembers = random.int(9, 30);
  const steps: Step[] = [
    {
      to: 'probation_review',
      on: review,
      details: {
        vote: { officialMembers: reviewMembers, present: reviewMembers, inFavour: reviewMembers },
      },
    },
  ];
  const recognized = addDays(review, random.int(5, 25));
  if (recognized <= today)
    steps.push({
      to: 'official',
      on: recognized,
      details: { decision: { number: `${random.int(100, 999)}-QĐ/HU`, on: recognized } },
    });
  return steps;
}
