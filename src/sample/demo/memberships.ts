import { addDays, addYears, weekday } from '../../shared/dates.ts';
import type { Random } from '../random.ts';
import {
  ADMITTED_2016_BEFORE_OCT,
  ADMITTED_Q4_2016,
  DEMO_FIGURES,
  ENDED_IN_WINDOW,
  HISTORIC_ENDED,
  LATER_ADMISSIONS,
  OPEN,
  TRANSFERRED_IN_2017,
} from './figures.ts';
import type { DemoCell } from './tree.ts';

/**
 * The demo's memberships planned as dated events before anyone is placed or named: the 2,805
 * members of 2016-09-30 (80 admitted earlier in 2016, 30 ending before 2018), 300 that ended
 * before, the admissions of late 2016 and 2017, the transfers in of 2017 and every later year's
 * admissions; a few of each end in later years.
 */

/** One membership to create: its dates, and later the cell and unit it is placed in. */
export interface PlannedMembership {
  admittedOn: string;
  periodFrom: string;
  startReason: 'admitted' | 'transfer_in';
  endedOn: string;
  endReason: string | null;
  cell?: DemoCell;
  unitId?: number;
  pinned?: boolean;
}

/** Every planned membership, with the groups placement needs. */
export interface MembershipPlan {
  all: PlannedMembership[];
  /** Members of 2016-09-30 still members at the end of 2017. */
  survivors: PlannedMembership[];
  admissions2017: PlannedMembership[];
}

/** Plans every membership of the demo. */
export function planMemberships(random: Random, today: string): MembershipPlan {
  const base = planBase(random, today);
  const all = [...base, ...planHistoricEnded(random)];
  const survivors = base.slice(0, DEMO_FIGURES.membersAt20160930 - ENDED_IN_WINDOW);
  const admissions2017 = planAdmissions(random, today, all);
  return { all, survivors, admissions2017 };
}

/** The 2,805 members on 2016-09-30; the last 30 end before 2018. */
function planBase(random: Random, today: string): PlannedMembership[] {
  const plans: PlannedMembership[] = [];
  for (let i = 0; i < DEMO_FIGURES.membersAt20160930; i++) {
    const admittedOn =
      i < ADMITTED_2016_BEFORE_OCT
        ? randomWeekday(random, '2016-01-04', '2016-09-29')
        : randomWeekday(random, pastAdmissionYear(random), '2015-12-30');
    const ending = i >= DEMO_FIGURES.membersAt20160930 - ENDED_IN_WINDOW;
    const end = ending
      ? {
          endedOn: randomWeekday(random, '2016-10-03', '2017-12-28'),
          endReason: random.pick(['died', 'transferred_out']),
        }
      : endAfter2017(random, today, admittedOn);
    plans.push({ admittedOn, periodFrom: admittedOn, startReason: 'admitted', ...end });
  }
  return plans;
}

/** Memberships that began and ended before 2016-09-30. */
function planHistoricEnded(random: Random): PlannedMembership[] {
  const plans: PlannedMembership[] = [];
  for (let i = 0; i < HISTORIC_ENDED; i++) {
    const admittedOn = randomWeekday(random, '1976-01-05', '2009-12-30');
    const endedOn = randomWeekday(
      random,
      maxIso(addYears(admittedOn, 2), '2000-01-03'),
      '2016-09-29',
    );
    plans.push({
      admittedOn,
      periodFrom: admittedOn,
      startReason: 'admitted',
      endedOn,
      endReason: random.pick(['died', 'transferred_out', 'removed']),
    });
  }
  return plans;
}

/**
 * Appends the admissions of late 2016, of 2017, the transfers in of 2017 and the admissions of
 * every later year to `plans`; returns the 2017 admissions.
 */
function planAdmissions(
  random: Random,
  today: string,
  plans: PlannedMembership[],
): PlannedMembership[] {
  const admitted = (admittedOn: string): PlannedMembership => ({
    admittedOn,
    periodFrom: admittedOn,
    startReason: 'admitted',
    ...endAfter2017(random, today, admittedOn),
  });
  for (let i = 0; i < ADMITTED_Q4_2016; i++)
    plans.push(admitted(randomWeekday(random, '2016-10-03', '2016-12-29')));
  const admissions2017: PlannedMembership[] = [];
  for (let i = 0; i < DEMO_FIGURES.admissions2017; i++) {
    const plan = admitted(randomWeekday(random, '2017-01-04', '2017-12-28'));
    plans.push(plan);
    admissions2017.push(plan);
  }
  for (let i = 0; i < TRANSFERRED_IN_2017; i++) {
    const periodFrom = randomWeekday(random, '2017-01-04', '2017-12-28');
    plans.push({
      admittedOn: randomWeekday(random, '1990-01-03', '2015-06-30'),
      periodFrom,
      startReason: 'transfer_in',
      ...endAfter2017(random, today, periodFrom),
    });
  }
  for (const [year, count] of Object.entries(LATER_ADMISSIONS)) {
    const until = Number(year) === Number(today.slice(0, 4)) ? addDays(today, -7) : `${year}-12-28`;
    for (let i = 0; i < count; i++)
      plans.push(admitted(randomWeekday(random, `${year}-01-04`, until)));
  }
  return admissions2017;
}

/** About 1.1% of members a year end their membership after 2017 (or never, so far). */
function endAfter2017(
  random: Random,
  today: string,
  from: string,
): { endedOn: string; endReason: string | null } {
  const thisYear = Number(today.slice(0, 4));
  for (let year = Math.max(2018, Number(from.slice(0, 4)) + 1); year <= thisYear; year++) {
    if (random.chance(0.011)) {
      const endedOn = randomWeekday(
        random,
        `${year}-01-02`,
        year === thisYear ? today : `${year}-12-28`,
      );
      if (endedOn > from && endedOn <= today)
        return {
          endedOn,
          endReason: random.pick(['died', 'transferred_out', 'transferred_out', 'left']),
        };
    }
  }
  return { endedOn: OPEN, endReason: null };
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

/** A weekday between two dates (inclusive), for ceremonies and decisions. */
function randomWeekday(random: Random, from: string, to: string): string {
  const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  for (;;) {
    const d = addDays(from, random.int(0, span));
    const w = weekday(d);
    if (w !== 0 && w !== 6) return d;
    if (span < 3) return d;
  }
}

/** A start year for an admission before 2016, weighted to recent decades. */
function pastAdmissionYear(random: Random): string {
  const decade = random.weighted([
    { from: 1976, weight: 5 },
    { from: 1986, weight: 10 },
    { from: 1996, weight: 22 },
    { from: 2006, weight: 40 },
    { from: 2011, weight: 23 },
  ]).from;
  return `${decade}-01-05`;
}
