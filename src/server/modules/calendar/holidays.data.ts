/**
 * Vietnam's public holidays for the public service, 2016–2027, as data.
 *
 * The Labour Code fixes the paid holidays (Bộ luật Lao động 2012 art. 115, from 2021 the 2019 Code
 * art. 112): New Year 1/1; Tết 5 days; Hùng Kings' day (10th of the 3rd lunar month); 30/4; 1/5;
 * National Day 2/9 — one day until 2020, from 2021 two days (2/9 and 1/9 or 3/9). A holiday that
 * falls on a Saturday or Sunday gives a compensatory day off on the next working day. Each year the
 * Government (through the Ministry of Labour; since its 2025 merger, the Ministry of Home Affairs)
 * announces which days around the lunar new year are the Tết days, and may swap a working day
 * squeezed between a holiday and a weekend (a "bridge" day off) for a make-up working Saturday.
 *
 * Listed here: every day of each announced holiday period (weekend days included, so a period reads
 * as announced), compensatory days, and bridge days with their make-up Saturdays in
 * VIETNAM_MAKEUP_WORKDAYS. Sources are the yearly notices as reported by the press; each year's
 * comment says what was confirmed. When a year's notice is published, update that year here.
 */
import { WorkingDayCalendar } from '../../lib/working-days.ts';

/** How a day off arises. */
export type HolidayKind =
  /** A holiday on a solar date set by the Labour Code: 1/1, 30/4, 1/5, 2/9 and its second day. */
  | 'fixed'
  /** A day of the announced Tết (Lunar New Year) period, weekends included. */
  | 'lunar_new_year'
  /** Hùng Kings' Commemoration Day, 10th day of the 3rd lunar month. */
  | 'hung_kings'
  /** A day off in lieu of a holiday on a Saturday or Sunday (Labour Code 2019 art. 111(3)). */
  | 'compensatory'
  /** A working day swapped for a make-up Saturday so that a holiday joins a weekend. */
  | 'bridge';

/** One day off for the public service. */
export interface Holiday {
  /** ISO date 'YYYY-MM-DD'. */
  readonly date: string;
  /** English name. */
  readonly name: string;
  /** Vietnamese name, as shown in the interface. */
  readonly nameVi: string;
  /** How the day off arises. */
  readonly kind: HolidayKind;
}

/** A Saturday worked in exchange for a bridge day off. */
export interface MakeupWorkday {
  /** ISO date 'YYYY-MM-DD' (a Saturday). */
  readonly date: string;
  /** Which bridge day it pays for. */
  readonly note: string;
}

const NEW_YEAR = { name: "New Year's Day", nameVi: 'Tết Dương lịch' };
const NEW_YEAR_IN_LIEU = {
  name: "New Year's Day (day off in lieu)",
  nameVi: 'Nghỉ bù Tết Dương lịch',
};
const NEW_YEAR_BRIDGE = {
  name: 'New Year bridge day (swapped for a Saturday)',
  nameVi: 'Nghỉ hoán đổi dịp Tết Dương lịch',
};
const TET = { name: 'Lunar New Year (Tết) holiday', nameVi: 'Nghỉ Tết Nguyên đán' };
const HUNG_KINGS = { name: "Hùng Kings' Commemoration Day", nameVi: 'Giỗ Tổ Hùng Vương' };
const HUNG_KINGS_IN_LIEU = {
  name: "Hùng Kings' Commemoration Day (day off in lieu)",
  nameVi: 'Nghỉ bù Giỗ Tổ Hùng Vương',
};
const VICTORY_DAY = { name: 'Reunification Day', nameVi: 'Ngày Chiến thắng (30/4)' };
const VICTORY_DAY_IN_LIEU = {
  name: 'Reunification Day (day off in lieu)',
  nameVi: 'Nghỉ bù Ngày Chiến thắng',
};
const LABOUR_DAY = { name: 'International Labour Day', nameVi: 'Ngày Quốc tế Lao động (1/5)' };
const LABOUR_DAY_IN_LIEU = {
  name: 'International Labour Day (day off in lieu)',
  nameVi: 'Nghỉ bù Ngày Quốc tế Lao động',
};
const MAY_DAY_BRIDGE = {
  name: '30 April – 1 May bridge day (swapped for a Saturday)',
  nameVi: 'Nghỉ hoán đổi dịp 30/4 – 1/5',
};
const NATIONAL_DAY = { name: 'National Day', nameVi: 'Quốc khánh (2/9)' };
const NATIONAL_DAY_SECOND = {
  name: 'National Day (second day)',
  nameVi: 'Nghỉ lễ Quốc khánh (ngày liền kề)',
};
const NATIONAL_DAY_IN_LIEU = {
  name: 'National Day (day off in lieu)',
  nameVi: 'Nghỉ bù Quốc khánh',
};
const NATIONAL_DAY_BRIDGE = {
  name: 'National Day bridge day (swapped for a Saturday)',
  nameVi: 'Nghỉ hoán đổi dịp Quốc khánh',
};

/** Days off for the public service, 2016–2027, in date order. */
export const VIETNAM_HOLIDAYS: readonly Holiday[] = [
  // 2016 — MOLISA's notice after the Government meeting of 29/10/2015: Tết 28 Chạp Ất Mùi to
  // mùng 7 Bính Thân (9 days); 10/3 lunar = Saturday 16/4, off Monday 18/4; 30/4 and 1/5 on the
  // weekend, off 2/5 and 3/5; 2/9 a Friday. No swaps this year. Confirmed.
  { date: '2016-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2016-02-06', kind: 'lunar_new_year', ...TET },
  { date: '2016-02-07', kind: 'lunar_new_year', ...TET },
  { date: '2016-02-08', kind: 'lunar_new_year', ...TET },
  { date: '2016-02-09', kind: 'lunar_new_year', ...TET },
  { date: '2016-02-10', kind: 'lunar_new_year', ...TET },
  { date: '2016-02-11', kind: 'lunar_new_year', ...TET },
  { date: '2016-02-12', kind: 'lunar_new_year', ...TET },
  { date: '2016-02-13', kind: 'lunar_new_year', ...TET },
  { date: '2016-02-14', kind: 'lunar_new_year', ...TET },
  { date: '2016-04-16', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2016-04-18', kind: 'compensatory', ...HUNG_KINGS_IN_LIEU },
  { date: '2016-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2016-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2016-05-02', kind: 'compensatory', ...VICTORY_DAY_IN_LIEU },
  { date: '2016-05-03', kind: 'compensatory', ...LABOUR_DAY_IN_LIEU },
  { date: '2016-09-02', kind: 'fixed', ...NATIONAL_DAY },

  // 2017 — 1/1 a Sunday, off 2/1; Tết 29 Chạp Bính Thân to mùng 5 Đinh Dậu (26/1–1/2, 7 days, no
  // swap); 10/3 lunar = Thursday 6/4; 30/4 a Sunday, off 2/5; 2/9 a Saturday, off 4/9. Confirmed.
  { date: '2017-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2017-01-02', kind: 'compensatory', ...NEW_YEAR_IN_LIEU },
  { date: '2017-01-26', kind: 'lunar_new_year', ...TET },
  { date: '2017-01-27', kind: 'lunar_new_year', ...TET },
  { date: '2017-01-28', kind: 'lunar_new_year', ...TET },
  { date: '2017-01-29', kind: 'lunar_new_year', ...TET },
  { date: '2017-01-30', kind: 'lunar_new_year', ...TET },
  { date: '2017-01-31', kind: 'lunar_new_year', ...TET },
  { date: '2017-02-01', kind: 'lunar_new_year', ...TET },
  { date: '2017-04-06', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2017-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2017-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2017-05-02', kind: 'compensatory', ...VICTORY_DAY_IN_LIEU },
  { date: '2017-09-02', kind: 'fixed', ...NATIONAL_DAY },
  { date: '2017-09-04', kind: 'compensatory', ...NATIONAL_DAY_IN_LIEU },

  // 2018 — Notice 573/TB-VPCP (14/12/2017): Tết 29 Chạp Đinh Dậu to mùng 5 Mậu Tuất (14/2–20/2,
  // 7 days); 10/3 lunar = Wednesday 25/4; 30/4 and 1/5 Monday–Tuesday; 2/9 a Sunday, off 3/9.
  // The New Year 2019 bridge (31/12/2018) is listed here by date. Confirmed.
  { date: '2018-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2018-02-14', kind: 'lunar_new_year', ...TET },
  { date: '2018-02-15', kind: 'lunar_new_year', ...TET },
  { date: '2018-02-16', kind: 'lunar_new_year', ...TET },
  { date: '2018-02-17', kind: 'lunar_new_year', ...TET },
  { date: '2018-02-18', kind: 'lunar_new_year', ...TET },
  { date: '2018-02-19', kind: 'lunar_new_year', ...TET },
  { date: '2018-02-20', kind: 'lunar_new_year', ...TET },
  { date: '2018-04-25', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2018-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2018-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2018-09-02', kind: 'fixed', ...NATIONAL_DAY },
  { date: '2018-09-03', kind: 'compensatory', ...NATIONAL_DAY_IN_LIEU },
  { date: '2018-12-31', kind: 'bridge', ...NEW_YEAR_BRIDGE },

  // 2019 — Off Monday 31/12/2018, worked Saturday 5/1/2019; Tết 28 Chạp Mậu Tuất to mùng 6 Kỷ
  // Hợi (2/2–10/2, 9 days); 10/3 lunar = Sunday 14/4, off 15/4 (Notice 3238/TB-LĐTBXH); off Monday
  // 29/4, worked Saturday 4/5; 2/9 a Monday. Confirmed.
  { date: '2019-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2019-02-02', kind: 'lunar_new_year', ...TET },
  { date: '2019-02-03', kind: 'lunar_new_year', ...TET },
  { date: '2019-02-04', kind: 'lunar_new_year', ...TET },
  { date: '2019-02-05', kind: 'lunar_new_year', ...TET },
  { date: '2019-02-06', kind: 'lunar_new_year', ...TET },
  { date: '2019-02-07', kind: 'lunar_new_year', ...TET },
  { date: '2019-02-08', kind: 'lunar_new_year', ...TET },
  { date: '2019-02-09', kind: 'lunar_new_year', ...TET },
  { date: '2019-02-10', kind: 'lunar_new_year', ...TET },
  { date: '2019-04-14', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2019-04-15', kind: 'compensatory', ...HUNG_KINGS_IN_LIEU },
  { date: '2019-04-29', kind: 'bridge', ...MAY_DAY_BRIDGE },
  { date: '2019-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2019-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2019-09-02', kind: 'fixed', ...NATIONAL_DAY },

  // 2020 — 1/1 a Wednesday, one day; Tết 29 Chạp Kỷ Hợi to mùng 5 Canh Tý (23/1–29/1, 7 days);
  // 10/3 lunar = Thursday 2/4, one day, no swap; 30/4 and 1/5 Thursday–Friday; 2/9 a Wednesday,
  // one day (the tourism board's proposed 5-day break was not adopted). Confirmed.
  { date: '2020-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2020-01-23', kind: 'lunar_new_year', ...TET },
  { date: '2020-01-24', kind: 'lunar_new_year', ...TET },
  { date: '2020-01-25', kind: 'lunar_new_year', ...TET },
  { date: '2020-01-26', kind: 'lunar_new_year', ...TET },
  { date: '2020-01-27', kind: 'lunar_new_year', ...TET },
  { date: '2020-01-28', kind: 'lunar_new_year', ...TET },
  { date: '2020-01-29', kind: 'lunar_new_year', ...TET },
  { date: '2020-04-02', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2020-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2020-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2020-09-02', kind: 'fixed', ...NATIONAL_DAY },

  // 2021 — Labour Code 2019 in force: National Day is two days. 1/1 a Friday; Tết 29 Chạp Canh Tý
  // to mùng 5 Tân Sửu (10/2–16/2, 7 days); 10/3 lunar = Wednesday 21/4; 1/5 a Saturday, off 3/5;
  // National Day 2/9 and 3/9 (Thursday–Friday). No swaps. Confirmed.
  { date: '2021-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2021-02-10', kind: 'lunar_new_year', ...TET },
  { date: '2021-02-11', kind: 'lunar_new_year', ...TET },
  { date: '2021-02-12', kind: 'lunar_new_year', ...TET },
  { date: '2021-02-13', kind: 'lunar_new_year', ...TET },
  { date: '2021-02-14', kind: 'lunar_new_year', ...TET },
  { date: '2021-02-15', kind: 'lunar_new_year', ...TET },
  { date: '2021-02-16', kind: 'lunar_new_year', ...TET },
  { date: '2021-04-21', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2021-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2021-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2021-05-03', kind: 'compensatory', ...LABOUR_DAY_IN_LIEU },
  { date: '2021-09-02', kind: 'fixed', ...NATIONAL_DAY },
  { date: '2021-09-03', kind: 'fixed', ...NATIONAL_DAY_SECOND },

  // 2022 — 1/1 a Saturday, off 3/1; Tết 27 Chạp Tân Sửu to mùng 6 Nhâm Dần (29/1–6/2, 9 days,
  // five weekdays 31/1–4/2); 10/3 lunar = Sunday 10/4, off 11/4; 30/4 and 1/5 on the
  // weekend, off 2/5 and 3/5; National Day 1/9 and 2/9 (Thursday–Friday). No swaps. Confirmed.
  { date: '2022-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2022-01-03', kind: 'compensatory', ...NEW_YEAR_IN_LIEU },
  { date: '2022-01-29', kind: 'lunar_new_year', ...TET },
  { date: '2022-01-30', kind: 'lunar_new_year', ...TET },
  { date: '2022-01-31', kind: 'lunar_new_year', ...TET },
  { date: '2022-02-01', kind: 'lunar_new_year', ...TET },
  { date: '2022-02-02', kind: 'lunar_new_year', ...TET },
  { date: '2022-02-03', kind: 'lunar_new_year', ...TET },
  { date: '2022-02-04', kind: 'lunar_new_year', ...TET },
  { date: '2022-02-05', kind: 'lunar_new_year', ...TET },
  { date: '2022-02-06', kind: 'lunar_new_year', ...TET },
  { date: '2022-04-10', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2022-04-11', kind: 'compensatory', ...HUNG_KINGS_IN_LIEU },
  { date: '2022-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2022-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2022-05-02', kind: 'compensatory', ...VICTORY_DAY_IN_LIEU },
  { date: '2022-05-03', kind: 'compensatory', ...LABOUR_DAY_IN_LIEU },
  { date: '2022-09-01', kind: 'fixed', ...NATIONAL_DAY_SECOND },
  { date: '2022-09-02', kind: 'fixed', ...NATIONAL_DAY },

  // 2023 — Dispatch 8056/VPCP-KGVX (1/12/2022): 1/1 a Sunday, off 2/1; Tết 29 Chạp Nhâm Dần to
  // mùng 5 Quý Mão (20/1–26/1, 7 days); 10/3 lunar = Saturday 29/4 and 30/4 a Sunday, off 2/5 and
  // 3/5; National Day 1/9 and 2/9 (Friday–Saturday), off 4/9. No swaps. Confirmed.
  { date: '2023-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2023-01-02', kind: 'compensatory', ...NEW_YEAR_IN_LIEU },
  { date: '2023-01-20', kind: 'lunar_new_year', ...TET },
  { date: '2023-01-21', kind: 'lunar_new_year', ...TET },
  { date: '2023-01-22', kind: 'lunar_new_year', ...TET },
  { date: '2023-01-23', kind: 'lunar_new_year', ...TET },
  { date: '2023-01-24', kind: 'lunar_new_year', ...TET },
  { date: '2023-01-25', kind: 'lunar_new_year', ...TET },
  { date: '2023-01-26', kind: 'lunar_new_year', ...TET },
  { date: '2023-04-29', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2023-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2023-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2023-05-02', kind: 'compensatory', ...HUNG_KINGS_IN_LIEU },
  { date: '2023-05-03', kind: 'compensatory', ...VICTORY_DAY_IN_LIEU },
  { date: '2023-09-01', kind: 'fixed', ...NATIONAL_DAY_SECOND },
  { date: '2023-09-02', kind: 'fixed', ...NATIONAL_DAY },
  { date: '2023-09-04', kind: 'compensatory', ...NATIONAL_DAY_IN_LIEU },

  // 2024 — 1/1 a Monday; Tết 29 Chạp Quý Mão to mùng 5 Giáp Thìn (8/2–14/2, 7 days); 10/3 lunar =
  // Thursday 18/4; off Monday 29/4, worked Saturday 4/5 (dispatch 2450/VPCP-KGVX, 12/4/2024);
  // National Day 2/9 and 3/9 (Monday–Tuesday). Confirmed.
  { date: '2024-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2024-02-08', kind: 'lunar_new_year', ...TET },
  { date: '2024-02-09', kind: 'lunar_new_year', ...TET },
  { date: '2024-02-10', kind: 'lunar_new_year', ...TET },
  { date: '2024-02-11', kind: 'lunar_new_year', ...TET },
  { date: '2024-02-12', kind: 'lunar_new_year', ...TET },
  { date: '2024-02-13', kind: 'lunar_new_year', ...TET },
  { date: '2024-02-14', kind: 'lunar_new_year', ...TET },
  { date: '2024-04-18', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2024-04-29', kind: 'bridge', ...MAY_DAY_BRIDGE },
  { date: '2024-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2024-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2024-09-02', kind: 'fixed', ...NATIONAL_DAY },
  { date: '2024-09-03', kind: 'fixed', ...NATIONAL_DAY_SECOND },

  // 2025 — 1/1 a Wednesday, one day; Tết 26 Chạp Giáp Thìn to mùng 5 Ất Tỵ (25/1–2/2, 9 days);
  // 10/3 lunar = Monday 7/4; off Friday 2/5, worked Saturday 26/4; National Day 1/9 and 2/9
  // (Monday–Tuesday). Confirmed.
  { date: '2025-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2025-01-25', kind: 'lunar_new_year', ...TET },
  { date: '2025-01-26', kind: 'lunar_new_year', ...TET },
  { date: '2025-01-27', kind: 'lunar_new_year', ...TET },
  { date: '2025-01-28', kind: 'lunar_new_year', ...TET },
  { date: '2025-01-29', kind: 'lunar_new_year', ...TET },
  { date: '2025-01-30', kind: 'lunar_new_year', ...TET },
  { date: '2025-01-31', kind: 'lunar_new_year', ...TET },
  { date: '2025-02-01', kind: 'lunar_new_year', ...TET },
  { date: '2025-02-02', kind: 'lunar_new_year', ...TET },
  { date: '2025-04-07', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2025-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2025-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2025-05-02', kind: 'bridge', ...MAY_DAY_BRIDGE },
  { date: '2025-09-01', kind: 'fixed', ...NATIONAL_DAY_SECOND },
  { date: '2025-09-02', kind: 'fixed', ...NATIONAL_DAY },

  // 2026 — Off Friday 2/1, worked Saturday 10/1 (dispatch 12729/VPCP-KGVX, 25/12/2025); Tết 27
  // Chạp Ất Tỵ to mùng 6 Bính Ngọ (14/2–22/2, 9 days) and National Day 1/9 and 2/9 with Monday
  // 31/8 off and Saturday 22/8 worked (Notice 9441/TB-BNV, 16/10/2025); 10/3 lunar = Sunday 26/4,
  // off 27/4; 30/4 and 1/5 Thursday–Friday, no swap announced. Confirmed as of early 2026. (The
  // planned new holiday on 24/11, Vietnamese Culture Day, needs a Labour Code amendment not yet
  // in force, so it is not listed.)
  { date: '2026-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2026-01-02', kind: 'bridge', ...NEW_YEAR_BRIDGE },
  { date: '2026-02-14', kind: 'lunar_new_year', ...TET },
  { date: '2026-02-15', kind: 'lunar_new_year', ...TET },
  { date: '2026-02-16', kind: 'lunar_new_year', ...TET },
  { date: '2026-02-17', kind: 'lunar_new_year', ...TET },
  { date: '2026-02-18', kind: 'lunar_new_year', ...TET },
  { date: '2026-02-19', kind: 'lunar_new_year', ...TET },
  { date: '2026-02-20', kind: 'lunar_new_year', ...TET },
  { date: '2026-02-21', kind: 'lunar_new_year', ...TET },
  { date: '2026-02-22', kind: 'lunar_new_year', ...TET },
  { date: '2026-04-26', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2026-04-27', kind: 'compensatory', ...HUNG_KINGS_IN_LIEU },
  { date: '2026-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2026-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2026-08-31', kind: 'bridge', ...NATIONAL_DAY_BRIDGE },
  { date: '2026-09-01', kind: 'fixed', ...NATIONAL_DAY_SECOND },
  { date: '2026-09-02', kind: 'fixed', ...NATIONAL_DAY },

  // 2027 — NOT YET ANNOUNCED: statutory days only, no bridge days. 1/1 a Friday; 10/3 lunar =
  // Friday 16/4; 1/5 a Saturday, off Monday 3/5 by law. The Tết days and National Day's second day
  // are the Government's choice each year; until the notice comes these are placeholders following
  // the precedents: Tết 2027 (mùng 1 = Saturday 6/2) as in 2017 and 2020, when Tết also fell on a
  // Saturday — Thursday 4/2 (28 Chạp) to Wednesday 10/2 (mùng 5), five weekdays off; 2/9 a
  // Thursday with 3/9 as in 2021. Replace with the notice when it is published.
  { date: '2027-01-01', kind: 'fixed', ...NEW_YEAR },
  { date: '2027-02-04', kind: 'lunar_new_year', ...TET },
  { date: '2027-02-05', kind: 'lunar_new_year', ...TET },
  { date: '2027-02-06', kind: 'lunar_new_year', ...TET },
  { date: '2027-02-07', kind: 'lunar_new_year', ...TET },
  { date: '2027-02-08', kind: 'lunar_new_year', ...TET },
  { date: '2027-02-09', kind: 'lunar_new_year', ...TET },
  { date: '2027-02-10', kind: 'lunar_new_year', ...TET },
  { date: '2027-04-16', kind: 'hung_kings', ...HUNG_KINGS },
  { date: '2027-04-30', kind: 'fixed', ...VICTORY_DAY },
  { date: '2027-05-01', kind: 'fixed', ...LABOUR_DAY },
  { date: '2027-05-03', kind: 'compensatory', ...LABOUR_DAY_IN_LIEU },
  { date: '2027-09-02', kind: 'fixed', ...NATIONAL_DAY },
  { date: '2027-09-03', kind: 'fixed', ...NATIONAL_DAY_SECOND },
];

/** Saturdays worked by the public service in exchange for the bridge days in VIETNAM_HOLIDAYS. */
export const VIETNAM_MAKEUP_WORKDAYS: readonly MakeupWorkday[] = [
  {
    date: '2019-01-05',
    note: 'Worked for the bridge day off on Monday 2018-12-31 (New Year 2019)',
  },
  { date: '2019-05-04', note: 'Worked for the bridge day off on Monday 2019-04-29 (30/4 – 1/5)' },
  { date: '2024-05-04', note: 'Worked for the bridge day off on Monday 2024-04-29 (30/4 – 1/5)' },
  { date: '2025-04-26', note: 'Worked for the bridge day off on Friday 2025-05-02 (30/4 – 1/5)' },
  {
    date: '2026-01-10',
    note: 'Worked for the bridge day off on Friday 2026-01-02 (New Year 2026)',
  },
  { date: '2026-08-22', note: 'Worked for the bridge day off on Monday 2026-08-31 (National Day)' },
];

let calendar: WorkingDayCalendar | undefined;

/** The public-service working-day calendar built from this data (built once, then shared). */
export function vietnamCalendar(): WorkingDayCalendar {
  calendar ??= new WorkingDayCalendar(
    VIETNAM_HOLIDAYS.map((holiday) => holiday.date),
    VIETNAM_MAKEUP_WORKDAYS.map((workday) => workday.date),
  );
  return calendar;
}
