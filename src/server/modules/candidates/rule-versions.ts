/**
 * The regulation values of the admission pipeline, as data, one entry per version of the Charter's
 * implementing regulation (SPEC §3). A dossier is judged by the version in force on the date the
 * regulation calls decisive (see candidates.rules.ts); edit values here, never in the rules.
 * Each version also says where every rule comes from (`citations`: text + article, or no article
 * where it was not read, printed "(chưa đối chiếu)"); every check carries that citation. The texts
 * themselves, with their dates, are the regulations register (modules/regulations), which is also
 * what documents cite ("Căn cứ …"), by the document's own date.
 *
 * Sources (read from public copies of the texts; "confirmed" means the clause itself was read):
 * - Điều lệ Đảng (2011): Điều 1 khoản 2 (từ 18 tuổi), Điều 4 (thủ tục kết nạp), Điều 5 (dự bị).
 * - 45-QĐ/TW (01/11/2011) + 01-HD/TW (05/01/2012): the clauses themselves could not be found; the
 *   values of that version are carried from 29-QĐ/TW and marked "unconfirmed".
 * - 29-QĐ/TW (25/7/2016, in force from signing) + 01-HD/TW (20/9/2016) + 09-HD/BTCTW (05/6/2017).
 *   Note: 29-QĐ/TW replaced 45-QĐ/TW in July 2016, so dossiers of 2016–2017 are judged by it and
 *   by guidance 01-HD/TW of 2016 (which implements 29-QĐ/TW, not 45-QĐ/TW).
 * - 24-QĐ/TW (30/7/2021) + 01-HD/TW (28/9/2021) + 12-HD/BTCTW (18/01/2022).
 * - 232-QĐ/TW (20/01/2025, in force from signing).
 * - 294-QĐ/TW (signed 26/5/2025, in force from 01/7/2025) + 06-HD/TW (signed 09/6/2025, guiding
 *   294-QĐ/TW; applied from 01/7/2025, its own clause on effect not read).
 */

import type {
  AREA_KINDS,
  EDUCATION_CASES,
  EXIT_GROUNDS,
  OVER60_GROUNDS,
} from '../../../shared/pipeline.ts';

/** Education levels, lowest first; accepts the shared levels plus post-secondary ones. */
export const EDUCATION_ORDER = [
  'none',
  'primary',
  'lower_secondary',
  'upper_secondary',
  'college',
  'university',
] as const;

/** A general education level of a person. */
export type EducationLevel = (typeof EDUCATION_ORDER)[number];

/** How an introducer knows the person: working, studying, or living in the same place. */
export type IntroducerBasis = 'work' | 'study' | 'residence';

/** One kind of area a unit lies in. */
export type AreaKind = (typeof AREA_KINDS)[number];

/** Groups of people the education guidance treats apart from where they live. */
export type EducationCase = (typeof EDUCATION_CASES)[number];

/** One ground on which a former member left. */
export type ExitGround = (typeof EXIT_GROUNDS)[number];

/** One ground for admitting a person over 60. */
export type Over60Ground = (typeof OVER60_GROUNDS)[number];

/** A ratio such as two thirds, kept exact (no floating point in vote counting). */
export interface Fraction {
  num: number;
  den: number;
}

/** One version of the regulation values, in force from `effectiveFrom` until the next version. */
export interface RuleSet {
  /** Stable identifier of the version, e.g. '29-QD-TW-2016'. */
  id: string;
  /** ISO date from which this version applies. */
  effectiveFrom: string;
  /**
   * Where each rule comes from: the text (as printed, with its year where the number repeats) and
   * the article, or null where the article could not be read (cited "(chưa đối chiếu)"). The
   * "Căn cứ" lines of documents do not come from here but from the regulations register, by the
   * document's own date (modules/regulations).
   */
  citations: Citations;
  /** Minimum age in full months on the day the cell considers the admission. */
  minAgeMonths: number;
  /** Maximum age in full months on that day (inclusive) without a special approval. */
  maxAgeMonths: number;
  /** Whether a person over the maximum age may be admitted with a written approval. */
  over60NeedsApproval: boolean;
  /** Minimum general education. */
  minEducation: EducationLevel;
  /** Minimum general education where the organization has the mountain/ethnic-area exception. */
  minEducationException: EducationLevel;
  /** Number of official members who introduce the person. */
  introducerCount: number;
  /** Months an introducer must have worked, studied or lived with the person. */
  introducerMinMonthsTogether: number;
  /** The relationships that count for an introducer. */
  introducerTogetherBases: readonly IntroducerBasis[];
  /** Highest age in full years at which a person is of youth-union age. */
  youthUnionMaxAge: number;
  /** Years the Party-awareness course certificate stays valid. */
  certificateValidityYears: number;
  /** Months after which a background verification must be redone before the cell votes. */
  backgroundCheckValidityMonths: number;
  /** Share of the cell's official members that must vote in favour. */
  cellVoteThreshold: Fraction;
  /** Share of the committee's members that must vote in favour. */
  committeeVoteThreshold: Fraction;
  /** Failed votes after which the higher committee decides. */
  maxFailedVotesBeforeEscalation: number;
  /** Working days for the grassroots committee's review, or null where no separate limit exists. */
  committeeReviewWithinWorkingDays: number | null;
  /** Working days from the cell's resolution to the admission decision. */
  decisionWithinWorkingDays: number;
  /** Extra working days the decision may take in special cases. */
  decisionExtensionWorkingDays: number;
  /** Working days from receiving the decision to the ceremony. */
  ceremonyWithinWorkingDays: number;
  /** Months of probation from the ceremony. */
  probationMonths: number;
  /** Working days after the probation ends within which the cell must review it. */
  recognitionReviewWithinWorkingDays: number;
  /** Working days from the cell's recognition resolution to the committee's decision. */
  recognitionDecisionWithinWorkingDays: number;
  /** Months a former member must wait after leaving before being admitted again. */
  readmissionWaitMonths: number;
  /** Months after a lesser criminal record is cleared before re-admission may be considered. */
  readmissionWaitAfterRecordClearedMonths: number;
  /** Grounds of leaving on which a former member is never re-admitted. */
  readmissionBarredGrounds: readonly ExitGround[];
  /** How many times a person may be re-admitted in a lifetime. */
  readmissionMaxTimes: number;
  /** Whether re-admission needs the provincial standing committee's written consent first. */
  readmissionNeedsProvincialConsent: boolean;
  /** Areas where the lower education minimum applies to people living or working there. */
  educationExceptionAreas: readonly AreaKind[];
  /** Groups to whom the lower education minimum applies wherever they are registered. */
  educationExceptionCases: readonly EducationCase[];
  /**
   * Whether a village elder, village chief or person of prestige living in such an area may be
   * admitted below the lower minimum with the provincial standing committee's approval.
   */
  elderBelowMinimumWithApproval: boolean;
  /** The grounds on which a person over the maximum age may be admitted (empty: any). */
  over60Grounds: readonly Over60Ground[];
  /** Extra working days the recognition decision may take in special cases, with a reason. */
  recognitionDecisionExtensionWorkingDays: number;
  /** Whether the grassroots trade union's executive may introduce a trade-union member. */
  tradeUnionIntroduces: boolean;
}

/** The source of one rule: a text and, where it was read, the article. */
export interface Citation {
  /** The text as printed: "29-QĐ/TW", "01-HD/TW (2016)", "Điều lệ Đảng". */
  regulation: string;
  /** "mục 3.2.1", "Điều 4 khoản 1"; null where the article was not read. */
  article: string | null;
}

/** The rule values of a version (every field but the identity and dates). */
export type RuleValueKey = Exclude<keyof RuleSet, 'id' | 'effectiveFrom' | 'citations'>;

/** Rules checked without a value of their own (procedure, who may introduce, vote counts). */
export type ProcedureRuleKey =
  | 'stageOrder'
  | 'voteCounts'
  | 'introducerOfficial'
  | 'youthUnionIntroduction'
  | 'certificateRequired';

/** Everything a check can cite. */
export type CitedRule = RuleValueKey | ProcedureRuleKey;

/** One citation per rule. */
export type Citations = Readonly<Record<CitedRule, Citation>>;

function cite(regulation: string, article: string | null = null): Citation {
  return { regulation, article };
}

const CHARTER = 'Điều lệ Đảng';

/** What every version takes from the Charter (2011) itself: confirmed clauses. */
const CHARTER_CITATIONS = {
  stageOrder: cite(CHARTER, 'Điều 4'),
  voteCounts: cite(CHARTER, 'Điều 4 khoản 3'),
  introducerCount: cite(CHARTER, 'Điều 4 khoản 1'),
  introducerOfficial: cite(CHARTER, 'Điều 4 khoản 1'),
  youthUnionIntroduction: cite(CHARTER, 'Điều 4 khoản 1'),
  cellVoteThreshold: cite(CHARTER, 'Điều 4 khoản 3'),
  probationMonths: cite(CHARTER, 'Điều 5 khoản 1'),
} as const;

/**
 * Where the less common cases' values come from (issue 16 findings 2, 5, 6, 7): the version's
 * implementing regulation (re-admission mục 3.5, the decision's extension mục 4.3.1) and its
 * guidance (education and over-60 cases, mục 1.1–1.2). `read` false where the text was not read
 * (45-QĐ/TW and its guidance, 06-HD/TW of 2025): the article is then left unstated.
 */
function caseCitations(
  rules: string,
  guidance: string,
  read: { rules: boolean; guidance: boolean },
) {
  const r = (article: string) => cite(rules, read.rules ? article : null);
  const g = (article: string) => cite(guidance, read.guidance ? article : null);
  return {
    readmissionWaitAfterRecordClearedMonths: r('mục 3.5.1b'),
    readmissionBarredGrounds: r('mục 3.5.2'),
    readmissionMaxTimes: r('mục 3.5.3'),
    readmissionNeedsProvincialConsent: r('mục 3.5'),
    educationExceptionAreas: g('mục 1.2'),
    educationExceptionCases: g('mục 1.2'),
    elderBelowMinimumWithApproval: cite(guidance, null),
    over60Grounds: g('mục 1.1'),
    recognitionDecisionExtensionWorkingDays: r('mục 4.3.1'),
    // Charter Điều 4 khoản 1 on the trade union's introduction: wording not read.
    tradeUnionIntroduces: cite(CHARTER, null),
  } as const;
}

const CITATIONS_45_2011: Citations = {
  ...CHARTER_CITATIONS,
  ...caseCitations('45-QĐ/TW', '01-HD/TW (2012)', { rules: false, guidance: false }),
  minAgeMonths: cite(CHARTER, 'Điều 1 khoản 2'),
  maxAgeMonths: cite('45-QĐ/TW'),
  over60NeedsApproval: cite('45-QĐ/TW'),
  minEducation: cite('45-QĐ/TW'),
  minEducationException: cite('01-HD/TW (2012)'),
  introducerMinMonthsTogether: cite(CHARTER, 'Điều 4 khoản 2'),
  introducerTogetherBases: cite('45-QĐ/TW'),
  youthUnionMaxAge: cite('Điều lệ Đoàn TNCS Hồ Chí Minh'),
  certificateRequired: cite('45-QĐ/TW'),
  certificateValidityYears: cite('12-HD/BTCTW (2012)'),
  backgroundCheckValidityMonths: cite('01-HD/TW (2012)'),
  committeeVoteThreshold: cite('45-QĐ/TW'),
  maxFailedVotesBeforeEscalation: cite('45-QĐ/TW'),
  committeeReviewWithinWorkingDays: cite('45-QĐ/TW'),
  decisionWithinWorkingDays: cite('45-QĐ/TW'),
  decisionExtensionWorkingDays: cite('45-QĐ/TW'),
  ceremonyWithinWorkingDays: cite('45-QĐ/TW'),
  recognitionReviewWithinWorkingDays: cite('45-QĐ/TW'),
  recognitionDecisionWithinWorkingDays: cite('45-QĐ/TW'),
  readmissionWaitMonths: cite('45-QĐ/TW'),
};

const CITATIONS_29_2016: Citations = {
  ...CHARTER_CITATIONS,
  ...caseCitations('29-QĐ/TW', '01-HD/TW (2016)', { rules: true, guidance: true }),
  minAgeMonths: cite('29-QĐ/TW', 'mục 1.1a'),
  maxAgeMonths: cite('29-QĐ/TW', 'mục 1.1a'),
  over60NeedsApproval: cite('29-QĐ/TW', 'mục 1.1b'),
  minEducation: cite('29-QĐ/TW', 'mục 1.2a'),
  minEducationException: cite('01-HD/TW (2016)', 'mục 1.2a'),
  introducerMinMonthsTogether: cite('29-QĐ/TW', 'mục 3.2.1'),
  introducerTogetherBases: cite('29-QĐ/TW', 'mục 3.2.1'),
  youthUnionMaxAge: cite('Điều lệ Đoàn TNCS Hồ Chí Minh'),
  certificateRequired: cite('29-QĐ/TW'),
  certificateValidityYears: cite('09-HD/BTCTW'),
  backgroundCheckValidityMonths: cite('01-HD/TW (2016)'),
  committeeVoteThreshold: cite('29-QĐ/TW', 'mục 4.2c'),
  maxFailedVotesBeforeEscalation: cite('29-QĐ/TW', 'mục 4.2c'),
  committeeReviewWithinWorkingDays: cite('29-QĐ/TW', 'mục 4.3.1'),
  decisionWithinWorkingDays: cite('29-QĐ/TW', 'mục 4.3.1'),
  decisionExtensionWorkingDays: cite('29-QĐ/TW', 'mục 4.3.1'),
  ceremonyWithinWorkingDays: cite('29-QĐ/TW', 'mục 4.1'),
  recognitionReviewWithinWorkingDays: cite('29-QĐ/TW', 'mục 4.2a'),
  recognitionDecisionWithinWorkingDays: cite('29-QĐ/TW', 'mục 4.3.1'),
  readmissionWaitMonths: cite('29-QĐ/TW', 'mục 3.5.1b'),
};

const CITATIONS_24_2021: Citations = {
  ...CHARTER_CITATIONS,
  ...caseCitations('24-QĐ/TW', '01-HD/TW (2021)', { rules: true, guidance: true }),
  minAgeMonths: cite('24-QĐ/TW', 'mục 1.1.1'),
  maxAgeMonths: cite('24-QĐ/TW', 'mục 1.1.1'),
  over60NeedsApproval: cite('24-QĐ/TW', 'mục 1.1.2'),
  minEducation: cite('24-QĐ/TW', 'mục 1.2.1'),
  minEducationException: cite('01-HD/TW (2021)', 'mục 1.2'),
  introducerMinMonthsTogether: cite('24-QĐ/TW', 'mục 3.2.1'),
  introducerTogetherBases: cite('24-QĐ/TW', 'mục 3.2.1'),
  youthUnionMaxAge: cite('Luật Thanh niên 2020', 'Điều 1'),
  certificateRequired: cite('24-QĐ/TW'),
  certificateValidityYears: cite('12-HD/BTCTW (2022)'),
  backgroundCheckValidityMonths: cite('01-HD/TW (2021)'),
  committeeVoteThreshold: cite('01-HD/TW (2021)', 'mục 3.6c'),
  maxFailedVotesBeforeEscalation: cite('24-QĐ/TW', 'mục 4.2c'),
  committeeReviewWithinWorkingDays: cite('24-QĐ/TW'),
  decisionWithinWorkingDays: cite('24-QĐ/TW'),
  decisionExtensionWorkingDays: cite('24-QĐ/TW'),
  ceremonyWithinWorkingDays: cite('24-QĐ/TW', 'mục 4.1'),
  recognitionReviewWithinWorkingDays: cite('24-QĐ/TW', 'mục 4.2a'),
  recognitionDecisionWithinWorkingDays: cite('24-QĐ/TW'),
  readmissionWaitMonths: cite('24-QĐ/TW', 'mục 3.5.1b'),
};

const CITATIONS_232_2025: Citations = {
  ...CHARTER_CITATIONS,
  ...caseCitations('232-QĐ/TW', '01-HD/TW (2021)', { rules: true, guidance: true }),
  minAgeMonths: cite('232-QĐ/TW', 'mục 1.1.1'),
  maxAgeMonths: cite('232-QĐ/TW', 'mục 1.1.1'),
  over60NeedsApproval: cite('232-QĐ/TW', 'mục 1.1.2'),
  minEducation: cite('232-QĐ/TW', 'mục 1.2.1'),
  minEducationException: cite('01-HD/TW (2021)', 'mục 1.2'),
  introducerMinMonthsTogether: cite('232-QĐ/TW'),
  introducerTogetherBases: cite('232-QĐ/TW'),
  youthUnionMaxAge: cite('Luật Thanh niên 2020', 'Điều 1'),
  certificateRequired: cite('232-QĐ/TW'),
  certificateValidityYears: cite('12-HD/BTCTW (2022)'),
  backgroundCheckValidityMonths: cite('01-HD/TW (2021)'),
  committeeVoteThreshold: cite('01-HD/TW (2021)', 'mục 3.6c'),
  maxFailedVotesBeforeEscalation: cite('232-QĐ/TW'),
  committeeReviewWithinWorkingDays: cite('232-QĐ/TW'),
  decisionWithinWorkingDays: cite('232-QĐ/TW', 'mục 4.3.1'),
  decisionExtensionWorkingDays: cite('232-QĐ/TW'),
  ceremonyWithinWorkingDays: cite('232-QĐ/TW', 'mục 4.1'),
  recognitionReviewWithinWorkingDays: cite('232-QĐ/TW'),
  recognitionDecisionWithinWorkingDays: cite('232-QĐ/TW'),
  readmissionWaitMonths: cite('232-QĐ/TW', 'mục 3.5.1'),
};

// From 01/7/2025 the guidance is 06-HD/TW (guiding 294-QĐ/TW), not 01-HD/TW (2021); its
// articles were not read, so every guidance citation of this version is "(chưa đối chiếu)".
const CITATIONS_294_2025: Citations = {
  ...CHARTER_CITATIONS,
  ...caseCitations('294-QĐ/TW', '06-HD/TW', { rules: true, guidance: false }),
  minAgeMonths: cite('294-QĐ/TW'),
  maxAgeMonths: cite('294-QĐ/TW'),
  over60NeedsApproval: cite('294-QĐ/TW'),
  minEducation: cite('294-QĐ/TW'),
  minEducationException: cite('06-HD/TW'),
  introducerMinMonthsTogether: cite('294-QĐ/TW'),
  introducerTogetherBases: cite('294-QĐ/TW'),
  youthUnionMaxAge: cite('Luật Thanh niên 2020', 'Điều 1'),
  certificateRequired: cite('294-QĐ/TW'),
  certificateValidityYears: cite('12-HD/BTCTW (2022)'),
  backgroundCheckValidityMonths: cite('06-HD/TW'),
  committeeVoteThreshold: cite('06-HD/TW'),
  maxFailedVotesBeforeEscalation: cite('294-QĐ/TW'),
  committeeReviewWithinWorkingDays: cite('294-QĐ/TW'),
  decisionWithinWorkingDays: cite('294-QĐ/TW'),
  decisionExtensionWorkingDays: cite('294-QĐ/TW'),
  ceremonyWithinWorkingDays: cite('294-QĐ/TW'),
  recognitionReviewWithinWorkingDays: cite('294-QĐ/TW'),
  recognitionDecisionWithinWorkingDays: cite('294-QĐ/TW'),
  readmissionWaitMonths: cite('294-QĐ/TW', 'mục 3.5.1'),
};

/** Every known version, oldest first. */
export const RULE_SETS: readonly RuleSet[] = [
  {
    id: '45-QD-TW-2011',
    effectiveFrom: '2011-11-01', // 45-QĐ/TW dated 01/11/2011 (date confirmed via a lamdong.gov.vn Q&A citing it)
    citations: CITATIONS_45_2011,
    minAgeMonths: 216, // Điều lệ Điều 1 khoản 2: từ 18 tuổi — confirmed; "tính theo tháng" unconfirmed for 45-QĐ/TW
    maxAgeMonths: 720, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 1.1a
    over60NeedsApproval: true, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 1.1b
    minEducation: 'lower_secondary', // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 1.2a
    minEducationException: 'primary', // unconfirmed for 01-HD/TW (2012); carried from 01-HD/TW (2016) mục 1.2a
    introducerCount: 2, // Điều lệ Điều 4 khoản 1: hai đảng viên chính thức giới thiệu — confirmed
    introducerMinMonthsTogether: 12, // Điều lệ Điều 4 khoản 2: cùng công tác ít nhất một năm — confirmed
    introducerTogetherBases: ['work', 'study'], // unconfirmed; carried from 29-QĐ/TW mục 3.2.1
    youthUnionMaxAge: 30, // Điều lệ Đoàn TNCS Hồ Chí Minh: đoàn viên từ 16 đến 30 tuổi
    certificateValidityYears: 5, // unconfirmed for this version; carried from the 2016–2017 practice (5 năm)
    backgroundCheckValidityMonths: 12, // unconfirmed for 01-HD/TW (2012); carried from 01-HD/TW (2016)
    cellVoteThreshold: { num: 2, den: 3 }, // Điều lệ Điều 4 khoản 3: ít nhất 2/3 đảng viên chính thức — confirmed
    committeeVoteThreshold: { num: 2, den: 3 }, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 4.2c
    maxFailedVotesBeforeEscalation: 3, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 4.2c
    committeeReviewWithinWorkingDays: null, // no separate limit found in any version
    decisionWithinWorkingDays: 60, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 4.3.1
    decisionExtensionWorkingDays: 30, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 4.3.1
    ceremonyWithinWorkingDays: 30, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 4.1
    probationMonths: 12, // Điều lệ Điều 5 khoản 1: dự bị 12 tháng — confirmed
    recognitionReviewWithinWorkingDays: 30, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 4.2a
    recognitionDecisionWithinWorkingDays: 30, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 4.3.1
    readmissionWaitMonths: 36, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 3.5.1b
    readmissionWaitAfterRecordClearedMonths: 60, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 3.5.1b
    readmissionBarredGrounds: [
      'left_party_life',
      'resigned',
      'serious_disunity',
      'corruption_conviction',
      'serious_crime_conviction',
    ], // unconfirmed; carried from 29-QĐ/TW mục 3.5.2
    readmissionMaxTimes: 1, // unconfirmed; carried from 29-QĐ/TW mục 3.5.3
    readmissionNeedsProvincialConsent: true, // unconfirmed; carried from 29-QĐ/TW mục 3.5.1b
    educationExceptionAreas: ['mountain', 'border', 'island', 'ethnic_minority', 'hardship'], // unconfirmed for 01-HD/TW (2012); carried from 01-HD/TW (2016) mục 1.2a
    educationExceptionCases: [], // unconfirmed; 2016 guidance read only as far as the areas
    elderBelowMinimumWithApproval: false, // not found before 01-HD/TW (2021)
    over60Grounds: ['no_party_organization', 'no_party_members', 'special_requirement'], // unconfirmed; carried from 01-HD/TW (2016) mục 1.1
    recognitionDecisionExtensionWorkingDays: 30, // unconfirmed for 45-QĐ/TW; carried from 29-QĐ/TW mục 4.3.1
    tradeUnionIntroduces: true, // Điều lệ Đảng (2011) Điều 4 khoản 1 — wording not read in full here
  },
  {
    id: '29-QD-TW-2016',
    effectiveFrom: '2016-07-25', // 29-QĐ/TW ngày 25/7/2016, hiệu lực từ ngày ký — confirmed
    citations: CITATIONS_29_2016,
    minAgeMonths: 216, // 29-QĐ/TW mục 1.1a: đủ 18 tuổi (tính theo tháng) tại thời điểm chi bộ xét — confirmed
    maxAgeMonths: 720, // 29-QĐ/TW mục 1.1a: đến đủ 60 tuổi — confirmed
    over60NeedsApproval: true, // 29-QĐ/TW mục 1.1b; 01-HD/TW (2016) mục 1.1: BTV cấp ủy trực thuộc TW đồng ý bằng văn bản — confirmed
    minEducation: 'lower_secondary', // 29-QĐ/TW mục 1.2a: tốt nghiệp THCS "hoặc tương đương" — confirmed (equivalents count as lower_secondary)
    minEducationException: 'primary', // 01-HD/TW (2016) mục 1.2a: miền núi, biên giới, DTTS — clause seen, the level itself carried from 01-HD/TW (2021) mục 1.2
    introducerCount: 2, // Điều lệ Điều 4 khoản 1 — confirmed
    introducerMinMonthsTogether: 12, // 29-QĐ/TW mục 3.2.1: ít nhất 12 tháng trong cùng một đơn vị — confirmed
    introducerTogetherBases: ['work', 'study'], // 29-QĐ/TW mục 3.2.1: cùng công tác, lao động, học tập (not residence) — confirmed
    youthUnionMaxAge: 30, // Điều lệ Đoàn: 16–30 tuổi; the Party texts say "độ tuổi thanh niên" without a number
    certificateValidityYears: 5, // giấy chứng nhận (mẫu CN-NTVĐ) "có giá trị 5 năm" per procedure guides under 09-HD/BTCTW; clause not seen
    backgroundCheckValidityMonths: 12, // 01-HD/TW (2016): quá 12 tháng kể từ khi lập hồ sơ chưa xét thì làm lại, bổ sung lý lịch — confirmed (secondary source)
    cellVoteThreshold: { num: 2, den: 3 }, // Điều lệ Điều 4 khoản 3 — confirmed
    committeeVoteThreshold: { num: 2, den: 3 }, // 29-QĐ/TW mục 4.2c (2/3 cấp ủy viên) — confirmed
    maxFailedVotesBeforeEscalation: 3, // 29-QĐ/TW mục 4.2c: qua 3 lần biểu quyết không đủ 2/3 thì cấp trên quyết định — confirmed (stated for recognition votes)
    committeeReviewWithinWorkingDays: null, // no separate limit found; the 60-day limit below covers it
    decisionWithinWorkingDays: 60, // 29-QĐ/TW mục 4.3.1: 60 ngày làm việc từ nghị quyết chi bộ — confirmed
    decisionExtensionWorkingDays: 30, // 29-QĐ/TW mục 4.3.1: gia hạn tối đa 30 ngày làm việc — confirmed
    ceremonyWithinWorkingDays: 30, // 29-QĐ/TW mục 4.1: 30 ngày làm việc từ khi nhận quyết định — confirmed
    probationMonths: 12, // Điều lệ Điều 5 khoản 1; 29-QĐ/TW mục 4.2a — confirmed
    recognitionReviewWithinWorkingDays: 30, // 29-QĐ/TW mục 4.2a — confirmed
    recognitionDecisionWithinWorkingDays: 30, // 29-QĐ/TW mục 4.3.1 — confirmed
    readmissionWaitMonths: 36, // 29-QĐ/TW mục 3.5.1b — confirmed
    readmissionWaitAfterRecordClearedMonths: 60, // 29-QĐ/TW mục 3.5.1b: 60 tháng kể từ khi được xóa án tích (tội ít nghiêm trọng) — confirmed
    readmissionBarredGrounds: [
      'left_party_life',
      'resigned',
      'serious_disunity',
      'corruption_conviction',
      'serious_crime_conviction',
    ], // 29-QĐ/TW mục 3.5.2 — confirmed
    readmissionMaxTimes: 1, // 29-QĐ/TW mục 3.5.3: chỉ kết nạp lại một lần — confirmed
    readmissionNeedsProvincialConsent: true, // 29-QĐ/TW mục 3.5.1b: BTV tỉnh ủy đồng ý bằng văn bản — confirmed
    educationExceptionAreas: ['mountain', 'border', 'island', 'ethnic_minority', 'hardship'], // 01-HD/TW (2016) mục 1.2a: miền núi, biên giới, hải đảo, DTTS, ĐBKK — confirmed
    educationExceptionCases: [], // 01-HD/TW (2016) mục 1.2a read only as far as the areas (chưa đối chiếu)
    elderBelowMinimumWithApproval: false, // not found in 01-HD/TW (2016) (chưa đối chiếu)
    over60Grounds: ['no_party_organization', 'no_party_members', 'special_requirement'], // 01-HD/TW (2016) mục 1.1: sức khỏe, uy tín; cơ sở chưa có tổ chức đảng, chưa có đảng viên hoặc yêu cầu đặc biệt — confirmed
    recognitionDecisionExtensionWorkingDays: 30, // 29-QĐ/TW mục 4.3.1: "trường hợp đặc biệt, có thể gia hạn tối đa 30 ngày làm việc" — confirmed
    tradeUnionIntroduces: true, // Điều lệ Đảng Điều 4 khoản 1; 29-QĐ/TW mục 3.1 (chưa đối chiếu)
  },
  {
    id: '24-QD-TW-2021',
    effectiveFrom: '2021-07-30', // 24-QĐ/TW ngày 30/7/2021, hiệu lực từ ngày ký — confirmed
    citations: CITATIONS_24_2021,
    minAgeMonths: 216, // 24-QĐ/TW mục 1.1.1 — confirmed
    maxAgeMonths: 720, // 24-QĐ/TW mục 1.1.1 — confirmed
    over60NeedsApproval: true, // 24-QĐ/TW mục 1.1.2; 01-HD/TW (2021) mục 1.1 — confirmed
    minEducation: 'lower_secondary', // 24-QĐ/TW mục 1.2.1: tốt nghiệp THCS ("tương đương" dropped) — confirmed
    minEducationException: 'primary', // 01-HD/TW (2021) mục 1.2: tối thiểu hoàn thành chương trình tiểu học — confirmed
    introducerCount: 2, // Điều lệ Điều 4 khoản 1 — confirmed
    introducerMinMonthsTogether: 12, // 24-QĐ/TW mục 3.2.1 — confirmed
    introducerTogetherBases: ['work', 'study', 'residence'], // 24-QĐ/TW mục 3.2.1 adds "cùng sinh hoạt nơi cư trú" — confirmed
    youthUnionMaxAge: 30, // Điều lệ Đoàn; Luật Thanh niên 2020 Điều 1: từ đủ 16 đến 30 tuổi
    certificateValidityYears: 5, // practice under 12-HD/BTCTW (2022); clause not seen
    backgroundCheckValidityMonths: 12, // unconfirmed for 01-HD/TW (2021); carried from 01-HD/TW (2016)
    cellVoteThreshold: { num: 2, den: 3 }, // Điều lệ Điều 4 khoản 3 — confirmed
    committeeVoteThreshold: { num: 2, den: 3 }, // 01-HD/TW (2021) mục 3.6c: 2/3 số cấp ủy viên — confirmed
    maxFailedVotesBeforeEscalation: 3, // 24-QĐ/TW mục 4.2c — confirmed (stated for recognition votes)
    committeeReviewWithinWorkingDays: null, // no separate limit found
    decisionWithinWorkingDays: 60, // 24-QĐ/TW mục 4.3.1 — not read for 24, read in 29 and 232 (both 60)
    decisionExtensionWorkingDays: 30, // unconfirmed for 24-QĐ/TW; carried from 29-QĐ/TW mục 4.3.1
    ceremonyWithinWorkingDays: 30, // 24-QĐ/TW mục 4.1 (Điều 5 khoản 1) — confirmed
    probationMonths: 12, // Điều lệ Điều 5 khoản 1 — confirmed
    recognitionReviewWithinWorkingDays: 30, // 24-QĐ/TW mục 4.2a — confirmed
    recognitionDecisionWithinWorkingDays: 30, // unconfirmed for 24-QĐ/TW; carried from 29-QĐ/TW mục 4.3.1
    readmissionWaitMonths: 36, // 24-QĐ/TW mục 3.5.1b — confirmed
    readmissionWaitAfterRecordClearedMonths: 60, // 24-QĐ/TW mục 3.5.1b — confirmed
    readmissionBarredGrounds: [
      'left_party_life',
      'resigned',
      'serious_disunity',
      'corruption_conviction',
      'serious_crime_conviction',
    ], // 24-QĐ/TW mục 3.5.2 — confirmed
    readmissionMaxTimes: 1, // 24-QĐ/TW mục 3.5.3 — confirmed
    readmissionNeedsProvincialConsent: true, // 24-QĐ/TW mục 3.5.1b — confirmed
    educationExceptionAreas: ['mountain', 'border', 'island', 'ethnic_minority', 'hardship'], // 01-HD/TW (2021) mục 1.2 — confirmed
    educationExceptionCases: ['fisher'], // 01-HD/TW (2021) mục 1.2: "ngư dân thường xuyên làm việc ngoài biển, đảo" — confirmed
    elderBelowMinimumWithApproval: true, // 01-HD/TW (2021) mục 1.2: già làng, trưởng bản, người có uy tín — clause seen, its end (who approves) not read (chưa đối chiếu)
    over60Grounds: ['no_party_organization', 'no_party_members', 'special_requirement'], // 01-HD/TW (2021) mục 1.1 — confirmed
    recognitionDecisionExtensionWorkingDays: 30, // unconfirmed for 24-QĐ/TW; carried from 29-QĐ/TW mục 4.3.1
    tradeUnionIntroduces: true, // Điều lệ Đảng Điều 4 khoản 1; 24-QĐ/TW mục 3.1 (chưa đối chiếu)
  },
  {
    id: '232-QD-TW-2025',
    effectiveFrom: '2025-01-20', // 232-QĐ/TW ngày 20/01/2025, hiệu lực từ ngày ký — confirmed
    citations: CITATIONS_232_2025,
    minAgeMonths: 216, // 232-QĐ/TW mục 1.1.1 — confirmed
    maxAgeMonths: 720, // 232-QĐ/TW mục 1.1.1 — confirmed
    over60NeedsApproval: true, // 232-QĐ/TW mục 1.1.2; 01-HD/TW (2021) mục 1.1 — confirmed
    minEducation: 'lower_secondary', // 232-QĐ/TW mục 1.2.1 — confirmed
    minEducationException: 'primary', // 01-HD/TW (2021) mục 1.2 — confirmed
    introducerCount: 2, // Điều lệ Điều 4 khoản 1 — confirmed
    introducerMinMonthsTogether: 12, // unconfirmed for 232-QĐ/TW; carried from 24-QĐ/TW mục 3.2.1
    introducerTogetherBases: ['work', 'study', 'residence'], // unconfirmed; carried from 24-QĐ/TW mục 3.2.1
    youthUnionMaxAge: 30, // Luật Thanh niên 2020 Điều 1
    certificateValidityYears: 5, // practice under 12-HD/BTCTW (2022); clause not seen
    backgroundCheckValidityMonths: 12, // unconfirmed; carried from 01-HD/TW (2016)
    cellVoteThreshold: { num: 2, den: 3 }, // Điều lệ Điều 4 khoản 3 — confirmed
    committeeVoteThreshold: { num: 2, den: 3 }, // 01-HD/TW (2021) mục 3.6c — confirmed
    maxFailedVotesBeforeEscalation: 3, // unconfirmed for 232-QĐ/TW; carried from 24-QĐ/TW mục 4.2c
    committeeReviewWithinWorkingDays: null, // no separate limit found
    decisionWithinWorkingDays: 60, // 232-QĐ/TW mục 4.3.1 — confirmed
    decisionExtensionWorkingDays: 30, // unconfirmed for 232-QĐ/TW; carried from 29-QĐ/TW mục 4.3.1
    ceremonyWithinWorkingDays: 30, // 232-QĐ/TW mục 4.1 — confirmed
    probationMonths: 12, // Điều lệ Điều 5 khoản 1 — confirmed
    recognitionReviewWithinWorkingDays: 30, // unconfirmed for 232-QĐ/TW; carried from 24-QĐ/TW mục 4.2a
    recognitionDecisionWithinWorkingDays: 30, // unconfirmed; carried from 29-QĐ/TW mục 4.3.1
    readmissionWaitMonths: 36, // 232-QĐ/TW mục 3.5.1 — confirmed
    readmissionWaitAfterRecordClearedMonths: 60, // unconfirmed for 232-QĐ/TW; carried from 24-QĐ/TW mục 3.5.1b
    readmissionBarredGrounds: [
      'left_party_life',
      'resigned',
      'serious_disunity',
      'corruption_conviction',
      'serious_crime_conviction',
    ], // unconfirmed; carried from 24-QĐ/TW mục 3.5.2
    readmissionMaxTimes: 1, // unconfirmed; carried from 24-QĐ/TW mục 3.5.3
    readmissionNeedsProvincialConsent: true, // unconfirmed; carried from 24-QĐ/TW mục 3.5.1b
    educationExceptionAreas: ['mountain', 'border', 'island', 'ethnic_minority', 'hardship'], // 01-HD/TW (2021) mục 1.2 (still in force) — confirmed
    educationExceptionCases: ['fisher'], // 01-HD/TW (2021) mục 1.2 — confirmed
    elderBelowMinimumWithApproval: true, // 01-HD/TW (2021) mục 1.2 (chưa đối chiếu, see 24-QD-TW-2021)
    over60Grounds: ['no_party_organization', 'no_party_members', 'special_requirement'], // 01-HD/TW (2021) mục 1.1 — confirmed
    recognitionDecisionExtensionWorkingDays: 30, // unconfirmed; carried from 29-QĐ/TW mục 4.3.1
    tradeUnionIntroduces: true, // Điều lệ Đảng Điều 4 khoản 1 (chưa đối chiếu)
  },
  {
    id: '294-QD-TW-2025',
    effectiveFrom: '2025-07-01', // 294-QĐ/TW ký 26/5/2025, hiệu lực từ 01/7/2025 — confirmed
    citations: CITATIONS_294_2025,
    minAgeMonths: 216, // unconfirmed for 294-QĐ/TW (the heading on age exists); carried from 232-QĐ/TW mục 1.1.1
    maxAgeMonths: 720, // unconfirmed; carried from 232-QĐ/TW mục 1.1.1
    over60NeedsApproval: true, // unconfirmed; carried from 232-QĐ/TW mục 1.1.2
    minEducation: 'lower_secondary', // unconfirmed; carried from 232-QĐ/TW mục 1.2.1
    minEducationException: 'primary', // 01-HD/TW (2021) mục 1.2 — confirmed (guidance still in force)
    introducerCount: 2, // Điều lệ Điều 4 khoản 1 — confirmed
    introducerMinMonthsTogether: 12, // unconfirmed; carried from 24-QĐ/TW mục 3.2.1
    introducerTogetherBases: ['work', 'study', 'residence'], // unconfirmed; carried from 24-QĐ/TW mục 3.2.1
    youthUnionMaxAge: 30, // Luật Thanh niên 2020 Điều 1
    certificateValidityYears: 5, // practice under 12-HD/BTCTW (2022); clause not seen
    backgroundCheckValidityMonths: 12, // unconfirmed; carried from 01-HD/TW (2016)
    cellVoteThreshold: { num: 2, den: 3 }, // Điều lệ Điều 4 khoản 3 — confirmed
    committeeVoteThreshold: { num: 2, den: 3 }, // 01-HD/TW (2021) mục 3.6c — confirmed
    maxFailedVotesBeforeEscalation: 3, // unconfirmed; carried from 24-QĐ/TW mục 4.2c
    committeeReviewWithinWorkingDays: null, // no separate limit found
    decisionWithinWorkingDays: 60, // unconfirmed for 294-QĐ/TW; carried from 232-QĐ/TW mục 4.3.1
    decisionExtensionWorkingDays: 30, // unconfirmed; carried from 29-QĐ/TW mục 4.3.1
    ceremonyWithinWorkingDays: 30, // unconfirmed for 294-QĐ/TW (the heading exists); carried from 232-QĐ/TW mục 4.1
    probationMonths: 12, // Điều lệ Điều 5 khoản 1 — confirmed
    recognitionReviewWithinWorkingDays: 30, // unconfirmed; carried from 24-QĐ/TW mục 4.2a
    recognitionDecisionWithinWorkingDays: 30, // unconfirmed; carried from 29-QĐ/TW mục 4.3.1
    readmissionWaitMonths: 36, // 294-QĐ/TW mục 3.5.1 — confirmed
    readmissionWaitAfterRecordClearedMonths: 60, // 294-QĐ/TW mục 3.5.1 — confirmed
    readmissionBarredGrounds: [
      'left_party_life',
      'resigned',
      'serious_disunity',
      'corruption_conviction',
      'serious_crime_conviction',
    ], // 294-QĐ/TW mục 3.5.2 — confirmed
    readmissionMaxTimes: 1, // 294-QĐ/TW mục 3.5.1 (kết nạp lại một lần duy nhất) — confirmed (secondary source)
    readmissionNeedsProvincialConsent: true, // 294-QĐ/TW mục 3.5.1 — confirmed
    educationExceptionAreas: ['mountain', 'border', 'island', 'ethnic_minority', 'hardship'], // 01-HD/TW (2021) mục 1.2 (guidance of 06-HD/TW (2025) not read) — unconfirmed for 2025
    educationExceptionCases: ['fisher'], // carried from 01-HD/TW (2021) mục 1.2
    elderBelowMinimumWithApproval: true, // carried from 01-HD/TW (2021) mục 1.2 (chưa đối chiếu)
    over60Grounds: ['no_party_organization', 'no_party_members', 'special_requirement'], // carried from 01-HD/TW (2021) mục 1.1
    recognitionDecisionExtensionWorkingDays: 30, // unconfirmed; carried from 29-QĐ/TW mục 4.3.1
    tradeUnionIntroduces: true, // Điều lệ Đảng Điều 4 khoản 1 (chưa đối chiếu)
  },
];

/** Marks a citation whose article was not read from the text. */
export const UNVERIFIED = '(chưa đối chiếu)';

/** A rule's citation as printed on a check: "29-QĐ/TW, mục 3.2.1" or "294-QĐ/TW (chưa đối chiếu)". */
export function citationText(citation: Citation): string {
  return citation.article
    ? `${citation.regulation}, ${citation.article}`
    : `${citation.regulation} ${UNVERIFIED}`;
}

/** The citation of one rule of a version, as printed on a check. */
export function citeRule(ruleSet: RuleSet, rule: CitedRule): string {
  return citationText(ruleSet.citations[rule]);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The version in force on an ISO date (the oldest known version for earlier dates). */
export function ruleSetOn(date: string, ruleSets: readonly RuleSet[] = RULE_SETS): RuleSet {
  if (!ISO_DATE.test(date)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${date}`);
  let inForce: RuleSet | undefined;
  for (const ruleSet of ruleSets) {
    if (
      ruleSet.effectiveFrom <= date &&
      (!inForce || ruleSet.effectiveFrom >= inForce.effectiveFrom)
    ) {
      inForce = ruleSet;
    }
  }
  const fallback =
    inForce ?? [...ruleSets].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  if (!fallback) throw new RangeError('No rule set is configured');
  return fallback;
}
