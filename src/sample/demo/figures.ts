/**
 * The article's figures the demo is built to (SPEC §6) and how the generator reaches them: the
 * totals come out of the report queries because the histories were generated to them.
 */

/** The article's figures the generator is built to (SPEC §6). */
export const DEMO_FIGURES = {
  membersAt20160930: 2805,
  admissions2017: 160,
  membersAt20171231: 3040,
  educationCells: 56,
  educationCombinedCells: 1,
  educationMembers: 605,
  educationStaff: 1820,
  plan2017: 100,
  plan2018: 150,
} as const;

// How the totals are reached between the two dates: 2805 - 30 + 70 + 35 + 160 = 3040.
/** Members of 2016-09-30 whose membership ends before 2018. */
export const ENDED_IN_WINDOW = 30;
/** Admissions between 2016-10-01 and the end of 2016. */
export const ADMITTED_Q4_2016 = 70;
/** Members who moved into the district in 2017. */
export const TRANSFERRED_IN_2017 = 35;
/** Members of 2016-09-30 admitted earlier in 2016. */
export const ADMITTED_2016_BEFORE_OCT = 80;
/** Memberships that ended before 2016-09-30 (history only). */
export const HISTORIC_ENDED = 300;
/** Villages without a member until their first admission in 2017. */
export const LATE_VILLAGES = 7;
/** Admissions of each year after the article, to today. */
export const LATER_ADMISSIONS: Readonly<Record<number, number>> = {
  2018: 158,
  2019: 162,
  2020: 171,
  2021: 149,
  2022: 155,
  2023: 160,
  2024: 152,
  2025: 145,
  2026: 118,
};
/** The day every organization and unit of the demo was founded. */
export const FOUNDED = '1975-01-01';
/** The day of the 2025 reorganization (no district level, merged communes). */
export const REORGANIZED = '2025-07-01';
/** The end of an open interval. */
export const OPEN = '9999-12-31';
