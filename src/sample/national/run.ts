import type { Db } from '../../server/db/database.ts';
import { addMonths, toEpochDay } from '../../shared/dates.ts';
import { vietnamCalendar } from '../../server/modules/calendar/holidays.data.ts';
import { Random } from '../random.ts';
import { SampleWriter } from '../writer.ts';

/**
 * The shared state and the scale of a national generation (see generate.ts): national totals
 * everything is scaled to, the cells members go to, ids handed out so far.
 */

export const OPEN = '9999-12-31';
export const FOUNDED = '1975-01-01';
/** Members of the whole Party and its yearly admissions, to which everything is scaled. */
export const NATIONAL_MEMBERS = 5_600_000;
export const NATIONAL_ADMISSIONS_PER_YEAR = 150_000;
export const NATIONAL_COMMUNES = 3_300;
/** Grassroots organizations besides the communes (~50,000 grassroots organizations in all). */
export const NATIONAL_OTHER_GRASSROOTS = 46_700;
/** Years of dated history before today. */
export const HISTORY_YEARS = 10;
/** Share of members whose membership ended inside the window (deaths, transfers out, removals). */
export const ENDED_SHARE = 0.13;
/** Open candidacies per member (about 1.2 years of admissions are in the pipeline at any time). */
export const OPEN_CANDIDATES_PER_MEMBER = 0.032;
/** Admissions of the last this-many years came through the pipeline with every stage recorded. */
export const PIPELINE_HISTORY_YEARS = 2;

/** A cell members are generated in, with how many of each it gets. */
export interface Cell {
  id: number;
  code: string;
  province: number;
  /** The commune committee above it, if any (for plans). */
  commune: number | null;
  sector: string;
  /** Cells under a grassroots committee go through its review. */
  underCommittee: boolean;
  unitIds: number[];
  weight: number;
  members: number;
  ended: number;
  openCandidates: number;
}

/** Ids handed out so far, and what was counted on the way. */
export interface Counters {
  org: number;
  unit: number;
  person: number;
  membership: number;
  candidate: number;
  periods: number;
  transitions: number;
  admissionsLastYear: number;
}

/** The state of one generation: where it writes, its random numbers, its clock and what it made so far. */
export interface NationalRun {
  db: Db;
  /** Members open on today. */
  n: number;
  random: Random;
  today: string;
  todayDay: number;
  historyStartDay: number;
  now: string;
  progress: (message: string) => void;
  writer: SampleWriter;
  counters: Counters;
  cells: Cell[];
  provinceIds: number[];
  /** Each province's cells as a range [first, end) of `cells` (cells are created province by province). */
  provinceCells: [number, number][];
  communeIds: { id: number; province: number }[];
  /** Name keys (normalized, folded, sort) by drawn name, computed once. */
  names: Map<string, { full: string; folded: string; sort: string }>;
  calendar: ReturnType<typeof vietnamCalendar>;
}

/** A new generation of `n` members from `seed`, with history up to `today`. */
export function newRun(
  db: Db,
  n: number,
  seed: number,
  today: string,
  now: string,
  progress: (message: string) => void,
): NationalRun {
  return {
    db,
    n,
    random: new Random(seed),
    today,
    todayDay: toEpochDay(today),
    historyStartDay: toEpochDay(addMonths(today, -12 * HISTORY_YEARS)),
    now,
    progress,
    writer: new SampleWriter(db),
    counters: {
      org: 0,
      unit: 0,
      person: 0,
      membership: 0,
      candidate: 0,
      periods: 0,
      transitions: 0,
      admissionsLastYear: 0,
    },
    cells: [],
    provinceIds: [],
    provinceCells: [],
    communeIds: [],
    names: new Map(),
    calendar: vietnamCalendar(),
  };
}

/** A weekday on or before the given day (ceremonies and decisions happen on working days). */
export function weekdayOnOrBefore(epochDay: number): number {
  const w = (((epochDay + 4) % 7) + 7) % 7; // 0 = Sunday
  return w === 0 ? epochDay - 2 : w === 6 ? epochDay - 1 : epochDay;
}

/** Splits `total` over weights by cumulative rounding, so the parts add up to `total` exactly. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let previous = 0;
  return weights.map((w) => {
    cumulative += w;
    const upTo = Math.round((total * cumulative) / sum);
    const part = upTo - previous;
    previous = upTo;
    return part;
  });
}
