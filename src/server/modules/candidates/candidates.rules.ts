/**
 * Pure rules of the admission pipeline (SPEC §3): the transition table, eligibility checks and
 * deadlines. No I/O: the service gathers a TransitionContext and records what these functions say.
 * Regulation values come from rule-versions.ts, chosen by the date each regulation calls decisive.
 */
import { PIPELINE_OFF_RAMPS, PIPELINE_STAGES } from '../../../shared/pipeline.ts';
import {
  EDUCATION_ORDER,
  ruleSetOn,
  type EducationLevel,
  type Fraction,
  type IntroducerBasis,
  type RuleSet,
} from './rule-versions.ts';

/** The stages of a candidate, in order (the shared list, so server and web cannot drift). */
export const STAGES = PIPELINE_STAGES;

/** A stage of the pipeline. */
export type Stage = (typeof STAGES)[number];

/** Ways out of the pipeline; each ends it. */
export const OFF_RAMPS = PIPELINE_OFF_RAMPS;

/** A way out of the pipeline. */
export type OffRamp = (typeof OFF_RAMPS)[number];

/** Where a candidate can be: a stage or an off-ramp. */
export type PipelineState = Stage | OffRamp;

/** Stable rule codes; a blocking check's code is also the `code` of the 422 answer. */
export const RULE_CODES = {
  /** The target is not an allowed next stage (skipped, backwards, or after an off-ramp). */
  stageOrder: 'rule.stage_order',
  /** The transition is dated before the stage it leaves. */
  dateOrder: 'rule.date_order',
  /** Younger than the minimum age on the cell's consideration day. */
  ageMin: 'rule.age_min',
  /** Older than the maximum age without the recorded written approval. */
  ageMax: 'rule.age_max',
  /** General education below the minimum that applies to the organization. */
  education: 'rule.education',
  /** Fewer introducing members than required. */
  introducersCount: 'rule.introducers_count',
  /** An introducer is not an official member. */
  introducerNotOfficial: 'rule.introducer_not_official',
  /** An introducer has not been with the person long enough. */
  introducerMonthsTogether: 'rule.introducer_months_together',
  /** An introducer's relationship with the person does not count under the rules in force. */
  introducerRelationship: 'rule.introducer_relationship',
  /** A person of youth-union age where a youth union exists lacks the youth union's introduction. */
  youthUnionIntroduction: 'rule.youth_union_introduction',
  /** No Party-awareness course certificate. */
  certificateMissing: 'rule.certificate_missing',
  /** The course certificate is older than its validity. */
  certificateExpired: 'rule.certificate_expired',
  /** Background verification missing or stale. */
  backgroundCheck: 'rule.background_check',
  /** The vote counts are inconsistent (more votes than voters, more present than members). */
  voteCounts: 'rule.vote_counts',
  /** Fewer than the required share of the cell's official members voted in favour. */
  cellVoteThreshold: 'rule.cell_vote_threshold',
  /** Fewer than the required share of the committee's members voted in favour. */
  committeeVoteThreshold: 'rule.committee_vote_threshold',
  /** Enough failed votes that the higher committee decides. */
  failedVotesEscalation: 'rule.failed_votes_escalation',
  /** The admission decision came after its working-day limit. */
  decisionDeadline: 'rule.decision_deadline',
  /** The ceremony came after its working-day limit. */
  ceremonyDeadline: 'rule.ceremony_deadline',
  /** The probation's 12 months are not over yet. */
  probationNotFinished: 'rule.probation_not_finished',
  /** The cell's recognition review came after its working-day limit. */
  recognitionDeadline: 'rule.recognition_deadline',
  /** The recognition decision came after its working-day limit. */
  recognitionDecisionDeadline: 'rule.recognition_decision_deadline',
  /** A former member applies again before the waiting period is over. */
  readmissionWait: 'rule.readmission_wait',
} as const;

/** One of the stable rule codes. */
export type RuleCode = (typeof RULE_CODES)[keyof typeof RULE_CODES];

/** Outcome of one rule: ok, a warning that still lets the transition be recorded, or a block. */
export type CheckStatus = 'ok' | 'warning' | 'blocked';

/** The result of one rule for one transition. */
export interface Check {
  rule: RuleCode;
  status: CheckStatus;
  /** Vietnamese explanation. */
  message: string;
  /** English explanation. */
  messageEn: string;
  /** Dotted path of the transition input the check is about, e.g. 'vote.inFavour'. */
  field?: string;
  /** The regulation and article the rule comes from, as printed: "29-QĐ/TW, mục 3.2.1". */
  citation?: string;
  /** Where the check blocks: what would unblock it, in Vietnamese. */
  unblock?: string;
}

/** Working-day arithmetic (weekdays minus public holidays), as the calendar in lib provides it. */
export interface WorkingDayCalendarLike {
  /** The date `n` working days after `date`, not counting `date` itself. */
  addWorkingDays(date: string, n: number): string;
  /** Working days after `from` up to and including `to`. */
  workingDaysBetween(from: string, to: string): number;
}

/** A member proposed as introducer, with how long and how they have known the person. */
export interface IntroducerFacts {
  memberId: number;
  /** The introducer's name, for messages (the id is shown when absent). */
  name?: string | undefined;
  /** Membership status on the day of the introduction. */
  status: 'official' | 'probationary' | 'none';
  /** Since when they have worked, studied or lived with the person in the same unit. */
  togetherSince: string | null;
  /** How they know the person; when absent the relationship is not checked. */
  togetherBasis?: IntroducerBasis;
}

/** A resolution of a mass organization introducing the person. */
export interface IntroductionResolution {
  resolutionNo: string;
  on: string;
}

/** Everything the rules need to judge one transition; the service gathers it. */
export interface TransitionContext {
  from: PipelineState;
  to: PipelineState;
  /** The transition's date (for `cell_voted` the day the cell considered the admission). */
  on: string;
  /** False when the cell sits directly under the deciding committee (no committee review). */
  committeeReviewApplies: boolean;
  person: {
    birthDate: string;
    educationLevel: EducationLevel;
    isYouthUnionMember: boolean;
    /** When a former membership ended, for re-admission. */
    previousMembershipEndedOn: string | null;
    /** Date of the provincial standing board's written approval to admit a person over 60. */
    over60ApprovalOn: string | null;
  };
  organization: {
    /** Mountain, border, ethnic-minority or hardship area: the lower education minimum applies. */
    educationException: boolean;
    hasYouthUnion: boolean;
    /** A trade union exists (it introduces where there is no youth union). */
    hasTradeUnion?: boolean;
  };
  certificate: { number: string; issuedOn: string; issuer: string } | null;
  backgroundCheckedOn: string | null;
  /** Verification letters sent and not yet answered, and those answered unfavourably. */
  backgroundRequests?: { pending: number; unfavourable: number };
  introducers: IntroducerFacts[];
  youthUnionIntroduction: IntroductionResolution | null;
  tradeUnionIntroduction?: IntroductionResolution | null;
  /** The cell's vote (for `cell_voted` and `probation_review`); `present` counts official members. */
  vote: { officialMembers: number; present: number; inFavour: number } | null;
  /** The committee's vote (for `committee_reviewed`). */
  committeeVote: { members: number; inFavour: number } | null;
  /** Failed votes already recorded at the stage being voted on. */
  failedVotes: number;
  /** Dates on which the candidate reached each stage so far. */
  stageDates: Partial<Record<Stage, string>>;
  calendar: WorkingDayCalendarLike;
  /** Judge with these values instead of the version in force (tests, what-if). */
  ruleSet?: RuleSet;
}

/** What a due date is about; the alert kinds are derived from these. */
export type DeadlineKind =
  | 'certificate_expiry'
  | 'decision_due'
  | 'decision_due_extended'
  | 'ceremony_due'
  | 'probation_end'
  | 'recognition_review_due'
  | 'recognition_decision_due';

/** A due date that follows from a stage, and the date its clock started. */
export interface Deadline {
  kind: DeadlineKind;
  startsOn: string;
  dueOn: string;
}

const PRE_ADMISSION: ReadonlySet<PipelineState> = new Set<PipelineState>([
  'source',
  'fostering',
  'trained',
  'dossier',
  'cell_voted',
  'committee_reviewed',
  'decided',
]);

/** The allowed targets from a state: the next stage (skipping committee review where it does not apply) and the off-ramps. */
export function nextStages(
  state: PipelineState,
  options: { committeeReviewApplies: boolean },
): PipelineState[] {
  if (!isStage(state)) return [];
  const targets: PipelineState[] = [];
  const index = STAGES.indexOf(state);
  let next = STAGES[index + 1];
  if (next === 'committee_reviewed' && !options.committeeReviewApplies) next = STAGES[index + 2];
  if (next) targets.push(next);
  if (PRE_ADMISSION.has(state)) targets.push('withdrawn', 'rejected');
  if (state === 'admitted' || state === 'probation_review') targets.push('not_recognized');
  return targets;
}

/** Judges a transition against the rules in force; any 'blocked' check means it must not be recorded. */
export function checkTransition(ctx: TransitionContext): Check[] {
  const checks: Check[] = [checkStageOrder(ctx)];
  const dateOrder = checkDateOrder(ctx);
  if (dateOrder) checks.push(dateOrder);
  switch (ctx.to) {
    case 'trained':
      checks.push(checkCertificatePresent(ctx));
      break;
    case 'dossier':
    case 'cell_voted': {
      const rules = rulesFor(ctx, consideredOn(ctx));
      checks.push(...checkEligibility(ctx, rules));
      checks.push(...checkCertificate(ctx, rules));
      checks.push(...checkIntroducers(ctx, rules));
      checks.push(checkBackground(ctx, rules));
      const readmission = checkReadmission(ctx, rules);
      if (readmission) checks.push(readmission);
      if (ctx.to === 'cell_voted') checks.push(...checkCellVote(ctx, rules));
      break;
    }
    case 'committee_reviewed':
      checks.push(...checkCommitteeVote(ctx, rulesFor(ctx, ctx.on)));
      break;
    case 'decided': {
      const rules = rulesFor(ctx, consideredOn(ctx));
      checks.push(checkAgeMax(ctx, rules));
      const deadline = checkDecisionDeadline(ctx);
      if (deadline) checks.push(deadline);
      break;
    }
    case 'admitted': {
      const deadline = checkCeremonyDeadline(ctx);
      if (deadline) checks.push(deadline);
      break;
    }
    case 'probation_review':
      checks.push(...checkProbationReview(ctx));
      break;
    case 'official':
      checks.push(...checkRecognitionDecision(ctx));
      break;
    default:
      break;
  }
  return checks;
}

/** Due dates open at a stage, given the dates reached so far; they feed the alerts. */
export function deadlinesAfter(
  stage: Stage,
  stageDates: Partial<Record<Stage, string>>,
  ruleSet: RuleSet,
  calendar: WorkingDayCalendarLike,
  certificateIssuedOn: string | null = null,
): Deadline[] {
  const deadlines: Deadline[] = [];
  switch (stage) {
    case 'trained':
    case 'dossier':
      if (certificateIssuedOn) {
        deadlines.push({
          kind: 'certificate_expiry',
          startsOn: certificateIssuedOn,
          dueOn: certificateExpiresOn(certificateIssuedOn, ruleSet),
        });
      }
      break;
    case 'cell_voted':
    case 'committee_reviewed': {
      const votedOn = stageDates.cell_voted;
      if (votedOn) {
        const due = calendar.addWorkingDays(votedOn, ruleSet.decisionWithinWorkingDays);
        deadlines.push({ kind: 'decision_due', startsOn: votedOn, dueOn: due });
        deadlines.push({
          kind: 'decision_due_extended',
          startsOn: votedOn,
          dueOn: calendar.addWorkingDays(due, ruleSet.decisionExtensionWorkingDays),
        });
      }
      break;
    }
    case 'decided': {
      const decidedOn = stageDates.decided;
      if (decidedOn) {
        deadlines.push({
          kind: 'ceremony_due',
          startsOn: decidedOn,
          dueOn: calendar.addWorkingDays(decidedOn, ruleSet.ceremonyWithinWorkingDays),
        });
      }
      break;
    }
    case 'admitted': {
      const admittedOn = stageDates.admitted;
      if (admittedOn) {
        const ends = probationEndsOn(admittedOn, ruleSet);
        deadlines.push({ kind: 'probation_end', startsOn: admittedOn, dueOn: ends });
        deadlines.push({
          kind: 'recognition_review_due',
          startsOn: ends,
          dueOn: calendar.addWorkingDays(ends, ruleSet.recognitionReviewWithinWorkingDays),
        });
      }
      break;
    }
    case 'probation_review': {
      const reviewedOn = stageDates.probation_review;
      if (reviewedOn) {
        deadlines.push({
          kind: 'recognition_decision_due',
          startsOn: reviewedOn,
          dueOn: calendar.addWorkingDays(reviewedOn, ruleSet.recognitionDecisionWithinWorkingDays),
        });
      }
      break;
    }
    default:
      break;
  }
  return deadlines;
}

/** The day the probation's months are complete, counted from the ceremony. */
export function probationEndsOn(admittedOn: string, ruleSet: RuleSet): string {
  return addMonths(admittedOn, ruleSet.probationMonths);
}

/** The day membership becomes official: the end of probation, however late the recognition. */
export function officialFrom(admittedOn: string, ruleSet: RuleSet): string {
  // 29-QĐ/TW mục 4.2b (and its successors): recognized "đúng thời điểm hết 12 tháng dự bị".
  return probationEndsOn(admittedOn, ruleSet);
}

/** Full months of age on a date (a month ending on a shorter month's last day counts as full). */
export function ageInMonths(birthDate: string, on: string): number {
  return fullMonthsBetween(birthDate, on);
}

function isStage(state: PipelineState): state is Stage {
  return (STAGES as readonly string[]).includes(state);
}

function rulesFor(ctx: TransitionContext, date: string): RuleSet {
  return ctx.ruleSet ?? ruleSetOn(date);
}

/** The cell's consideration day: decisive for age and eligibility (24-QĐ/TW mục 1.1.1). */
function consideredOn(ctx: TransitionContext): string {
  if (ctx.to === 'cell_voted') return ctx.on;
  return ctx.stageDates.cell_voted ?? ctx.on;
}

function checkStageOrder(ctx: TransitionContext): Check {
  const allowed = nextStages(ctx.from, { committeeReviewApplies: ctx.committeeReviewApplies });
  if (allowed.includes(ctx.to)) {
    return ok(RULE_CODES.stageOrder, 'Đúng trình tự các bước.', 'The stage order is kept.', 'to');
  }
  return {
    rule: RULE_CODES.stageOrder,
    status: 'blocked',
    message: `Không thể chuyển từ bước "${ctx.from}" sang "${ctx.to}"; bước tiếp theo được phép: ${listOrNone(allowed)}.`,
    messageEn: `Cannot move from "${ctx.from}" to "${ctx.to}"; allowed next: ${listOrNone(allowed)}.`,
    field: 'to',
  };
}

function checkDateOrder(ctx: TransitionContext): Check | null {
  const since = isStage(ctx.from) ? ctx.stageDates[ctx.from] : undefined;
  if (!since || ctx.on >= since) return null;
  return {
    rule: RULE_CODES.dateOrder,
    status: 'blocked',
    message: `Ngày ${vn(ctx.on)} sớm hơn ngày của bước trước (${vn(since)}).`,
    messageEn: `The date ${ctx.on} is before the previous stage's date (${since}).`,
    field: 'on',
  };
}

function checkEligibility(ctx: TransitionContext, rules: RuleSet): Check[] {
  return [checkAgeMin(ctx, rules), checkAgeMax(ctx, rules), checkEducation(ctx, rules)];
}

function checkAgeMin(ctx: TransitionContext, rules: RuleSet): Check {
  const date = consideredOn(ctx);
  const months = ageInMonths(ctx.person.birthDate, date);
  if (months >= rules.minAgeMonths) {
    return ok(RULE_CODES.ageMin, 'Đủ tuổi đời.', 'Old enough.');
  }
  // Before the cell's vote the person may still come of age by the day of consideration.
  const status: CheckStatus = ctx.to === 'dossier' ? 'warning' : 'blocked';
  return {
    rule: RULE_CODES.ageMin,
    status,
    message: `Ngày ${vn(date)} mới ${yearsMonths(months)}; phải đủ ${yearsMonths(rules.minAgeMonths)} khi chi bộ xét kết nạp.`,
    messageEn: `On ${date} the person is ${yearsMonthsEn(months)}; must be ${yearsMonthsEn(rules.minAgeMonths)} when the cell considers the admission.`,
  };
}

function checkAgeMax(ctx: TransitionContext, rules: RuleSet): Check {
  const date = consideredOn(ctx);
  const months = ageInMonths(ctx.person.birthDate, date);
  if (months <= rules.maxAgeMonths)
    return ok(RULE_CODES.ageMax, 'Trong độ tuổi.', 'Within the age limit.');
  const approvalOn = ctx.person.over60ApprovalOn;
  const over = `Ngày ${vn(date)} đã ${yearsMonths(months)}, quá ${yearsMonths(rules.maxAgeMonths)}`;
  const overEn = `On ${date} the person is ${yearsMonthsEn(months)}, over ${yearsMonthsEn(rules.maxAgeMonths)}`;
  if (!rules.over60NeedsApproval) {
    return {
      rule: RULE_CODES.ageMax,
      status: 'blocked',
      message: `${over}.`,
      messageEn: `${overEn}.`,
    };
  }
  // 01-HD/TW mục 1.1: the approval must precede the admission decision, not the cell's vote.
  const approvedInTime = approvalOn !== null && (ctx.to !== 'decided' || approvalOn <= ctx.on);
  if (approvedInTime) {
    return ok(
      RULE_CODES.ageMax,
      `${over}; đã có văn bản đồng ý của ban thường vụ tỉnh ủy ngày ${vn(approvalOn)}.`,
      `${overEn}; the provincial standing board approved in writing on ${approvalOn}.`,
    );
  }
  const status: CheckStatus = ctx.to === 'decided' ? 'blocked' : 'warning';
  return {
    rule: RULE_CODES.ageMax,
    status,
    message: `${over}; cần văn bản đồng ý của ban thường vụ tỉnh ủy trước khi ra quyết định kết nạp.`,
    messageEn: `${overEn}; the provincial standing board's written approval is needed before the admission decision.`,
  };
}

function checkEducation(ctx: TransitionContext, rules: RuleSet): Check {
  const minimum = ctx.organization.educationException
    ? rules.minEducationException
    : rules.minEducation;
  if (educationRank(ctx.person.educationLevel) >= educationRank(minimum)) {
    return ok(RULE_CODES.education, 'Đủ trình độ học vấn.', 'Education is sufficient.');
  }
  return {
    rule: RULE_CODES.education,
    status: 'blocked',
    message: `Trình độ học vấn "${ctx.person.educationLevel}" thấp hơn mức tối thiểu "${minimum}".`,
    messageEn: `Education "${ctx.person.educationLevel}" is below the minimum "${minimum}".`,
  };
}

function educationRank(level: EducationLevel): number {
  return EDUCATION_ORDER.indexOf(level);
}

function checkCertificatePresent(ctx: TransitionContext): Check {
  if (ctx.certificate) {
    return ok(
      RULE_CODES.certificateMissing,
      'Có giấy chứng nhận.',
      'Certificate recorded.',
      'certificate',
    );
  }
  return {
    rule: RULE_CODES.certificateMissing,
    status: 'blocked',
    message: 'Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng.',
    messageEn: 'No Party-awareness course certificate.',
    field: 'certificate',
  };
}

function checkCertificate(ctx: TransitionContext, rules: RuleSet): Check[] {
  const present = checkCertificatePresent(ctx);
  if (!ctx.certificate) return [present];
  const expiresOn = certificateExpiresOn(ctx.certificate.issuedOn, rules);
  if (ctx.on < expiresOn) {
    return [
      present,
      ok(
        RULE_CODES.certificateExpired,
        `Giấy chứng nhận còn giá trị đến ${vn(expiresOn)}.`,
        `The certificate is valid until ${expiresOn}.`,
        'certificate.issuedOn',
      ),
    ];
  }
  return [
    present,
    {
      rule: RULE_CODES.certificateExpired,
      status: 'blocked',
      message: `Giấy chứng nhận cấp ngày ${vn(ctx.certificate.issuedOn)} đã hết giá trị ${rules.certificateValidityYears} năm (từ ${vn(expiresOn)}).`,
      messageEn: `The certificate issued on ${ctx.certificate.issuedOn} expired after ${rules.certificateValidityYears} years (on ${expiresOn}).`,
      field: 'certificate.issuedOn',
    },
  ];
}

function certificateExpiresOn(issuedOn: string, rules: RuleSet): string {
  return addMonths(issuedOn, rules.certificateValidityYears * 12);
}

function checkIntroducers(ctx: TransitionContext, rules: RuleSet): Check[] {
  const checks: Check[] = [];
  const introducedOn = ctx.to === 'dossier' ? ctx.on : (ctx.stageDates.dossier ?? ctx.on);
  const youthUnionAge =
    Math.floor(ageInMonths(ctx.person.birthDate, consideredOn(ctx)) / 12) <= rules.youthUnionMaxAge;
  // Điều lệ Điều 4 khoản 1: of youth-union age where a youth union exists, the youth union's
  // executive and one official member introduce; where there is none, the trade union may.
  const youthUnionRequired = youthUnionAge && ctx.organization.hasYouthUnion;
  const byYouthUnion = ctx.person.isYouthUnionMember && ctx.youthUnionIntroduction !== null;
  const byTradeUnion =
    !ctx.organization.hasYouthUnion &&
    ctx.organization.hasTradeUnion === true &&
    (ctx.tradeUnionIntroduction ?? null) !== null;
  if (youthUnionRequired) checks.push(checkYouthUnionIntroduction(ctx));
  const required = byYouthUnion || byTradeUnion ? rules.introducerCount - 1 : rules.introducerCount;

  const distinct = new Set(ctx.introducers.map((introducer) => introducer.memberId)).size;
  checks.push(
    distinct >= required
      ? ok(
          RULE_CODES.introducersCount,
          `Đủ ${required} đảng viên giới thiệu.`,
          `${required} introducing member(s) as required.`,
          'introducerMemberIds',
        )
      : {
          rule: RULE_CODES.introducersCount,
          status: 'blocked',
          message: `Cần ${required} đảng viên chính thức giới thiệu, mới có ${distinct}.`,
          messageEn: `${required} official member(s) must introduce the person; ${distinct} given.`,
          field: 'introducerMemberIds',
        },
  );
  ctx.introducers.forEach((introducer, index) => {
    checks.push(...checkIntroducer(introducer, index, introducedOn, rules));
  });
  return checks;
}

function checkYouthUnionIntroduction(ctx: TransitionContext): Check {
  if (!ctx.person.isYouthUnionMember) {
    return {
      rule: RULE_CODES.youthUnionIntroduction,
      status: 'blocked',
      message: 'Người vào Đảng trong độ tuổi đoàn, nơi có tổ chức Đoàn, phải là đoàn viên.',
      messageEn:
        'A person of youth-union age where a youth union exists must be a youth union member.',
    };
  }
  if (!ctx.youthUnionIntroduction) {
    return {
      rule: RULE_CODES.youthUnionIntroduction,
      status: 'blocked',
      message: 'Thiếu nghị quyết giới thiệu đoàn viên ưu tú vào Đảng của Ban Chấp hành Đoàn cơ sở.',
      messageEn:
        "Missing the grassroots youth union executive's resolution introducing the person.",
      field: 'youthUnionIntroduction',
    };
  }
  return ok(
    RULE_CODES.youthUnionIntroduction,
    `Đoàn cơ sở giới thiệu (nghị quyết ${ctx.youthUnionIntroduction.resolutionNo}).`,
    `Introduced by the youth union (resolution ${ctx.youthUnionIntroduction.resolutionNo}).`,
    'youthUnionIntroduction',
  );
}

function checkIntroducer(
  introducer: IntroducerFacts,
  index: number,
  introducedOn: string,
  rules: RuleSet,
): Check[] {
  const field = `introducerMemberIds.${index}`;
  const who = `Người giới thiệu ${introducer.name ?? `#${introducer.memberId}`}`;
  const whoEn = `Introducer ${introducer.name ?? `#${introducer.memberId}`}`;
  const checks: Check[] = [];
  checks.push(
    introducer.status === 'official'
      ? ok(
          RULE_CODES.introducerNotOfficial,
          `${who} là đảng viên chính thức.`,
          `${whoEn} is an official member.`,
          field,
        )
      : {
          rule: RULE_CODES.introducerNotOfficial,
          status: 'blocked',
          message: `${who} không phải đảng viên chính thức${introducer.status === 'probationary' ? ' (đang dự bị)' : ''}.`,
          messageEn: `${whoEn} is not an official member${introducer.status === 'probationary' ? ' (probationary)' : ''}.`,
          field,
        },
  );
  const months = introducer.togetherSince
    ? fullMonthsBetween(introducer.togetherSince, introducedOn)
    : null;
  checks.push(
    months !== null && months >= rules.introducerMinMonthsTogether
      ? ok(
          RULE_CODES.introducerMonthsTogether,
          `${who} đã cùng công tác, học tập hoặc sinh hoạt ${months} tháng.`,
          `${whoEn} has been with the person for ${months} months.`,
          field,
        )
      : {
          rule: RULE_CODES.introducerMonthsTogether,
          status: 'blocked',
          message: `${who} mới cùng đơn vị với người vào Đảng ${months ?? 0} tháng; cần ít nhất ${rules.introducerMinMonthsTogether} tháng.`,
          messageEn: `${whoEn} has been with the person for ${months ?? 0} months; at least ${rules.introducerMinMonthsTogether} are required.`,
          field,
        },
  );
  if (introducer.togetherBasis) {
    checks.push(
      rules.introducerTogetherBases.includes(introducer.togetherBasis)
        ? ok(
            RULE_CODES.introducerRelationship,
            `${who}: quan hệ "${introducer.togetherBasis}" được tính.`,
            `${whoEn}: the "${introducer.togetherBasis}" relationship counts.`,
            field,
          )
        : {
            rule: RULE_CODES.introducerRelationship,
            status: 'blocked',
            message: `${who}: theo ${rules.regulations[1] ?? rules.id}, quan hệ "${introducer.togetherBasis}" không được tính (chỉ tính ${rules.introducerTogetherBases.join(', ')}).`,
            messageEn: `${whoEn}: under ${rules.regulations[1] ?? rules.id} the "${introducer.togetherBasis}" relationship does not count (only ${rules.introducerTogetherBases.join(', ')}).`,
            field,
          },
    );
  }
  return checks;
}

function checkBackground(ctx: TransitionContext, rules: RuleSet): Check {
  const checkedOn = ctx.backgroundCheckedOn;
  const citation = `${rules.regulations[2] ?? rules.id}, thẩm tra lý lịch người vào Đảng`;
  const letters = ctx.backgroundRequests;
  if (!checkedOn && letters && (letters.pending > 0 || letters.unfavourable > 0)) {
    const waiting = letters.pending > 0 ? `${letters.pending} nơi chưa trả lời` : '';
    const against = letters.unfavourable > 0 ? `${letters.unfavourable} nơi trả lời có vấn đề` : '';
    return {
      rule: RULE_CODES.backgroundCheck,
      status: ctx.to === 'cell_voted' ? 'blocked' : 'warning',
      message: `Thẩm tra lý lịch chưa xong: ${[waiting, against].filter(Boolean).join(', ')}.`,
      messageEn: `Background verification not finished: ${letters.pending} awaited, ${letters.unfavourable} unfavourable.`,
      field: 'backgroundCheckedOn',
      citation,
      unblock:
        letters.pending > 0
          ? 'Ghi nhận trả lời của các nơi được đề nghị thẩm tra (mục "Văn bản gửi nơi khác" của hồ sơ), hoặc đôn đốc nơi quá hạn.'
          : 'Làm rõ các vấn đề nơi thẩm tra nêu rồi ghi ngày thẩm tra xong.',
    };
  }
  if (!checkedOn) {
    return {
      rule: RULE_CODES.backgroundCheck,
      status: ctx.to === 'cell_voted' ? 'blocked' : 'warning',
      message:
        'Chưa thẩm tra lý lịch người vào Đảng và người thân; phải xong trước khi chi bộ xét.',
      messageEn:
        "The background verification of the person and close relatives is not done; it must be before the cell's vote.",
      field: 'backgroundCheckedOn',
      citation,
      unblock:
        'Gửi văn bản thẩm tra lý lịch đến nơi bản thân và người thân cư trú, công tác (mục "Văn bản gửi nơi khác"), ghi nhận trả lời; hoặc ghi ngày thẩm tra xong.',
    };
  }
  const months = fullMonthsBetween(checkedOn, ctx.on);
  if (ctx.to === 'cell_voted' && months >= rules.backgroundCheckValidityMonths) {
    return {
      rule: RULE_CODES.backgroundCheck,
      status: 'warning',
      message: `Thẩm tra lý lịch ngày ${vn(checkedOn)} đã quá ${rules.backgroundCheckValidityMonths} tháng; cần bổ sung lý lịch và làm lại các văn bản giới thiệu, nhận xét.`,
      messageEn: `The background verification of ${checkedOn} is over ${rules.backgroundCheckValidityMonths} months old; the biography must be updated and the introductions redone.`,
      field: 'backgroundCheckedOn',
    };
  }
  return ok(
    RULE_CODES.backgroundCheck,
    `Đã thẩm tra lý lịch ngày ${vn(checkedOn)}.`,
    `Background verified on ${checkedOn}.`,
    'backgroundCheckedOn',
  );
}

function checkReadmission(ctx: TransitionContext, rules: RuleSet): Check | null {
  const endedOn = ctx.person.previousMembershipEndedOn;
  if (!endedOn) return null;
  const months = fullMonthsBetween(endedOn, consideredOn(ctx));
  if (months >= rules.readmissionWaitMonths) {
    return ok(
      RULE_CODES.readmissionWait,
      `Đã ra khỏi Đảng ${months} tháng (từ ${vn(endedOn)}).`,
      `Left the Party ${months} months ago (on ${endedOn}).`,
    );
  }
  return {
    rule: RULE_CODES.readmissionWait,
    status: 'blocked',
    message: `Mới ra khỏi Đảng ${months} tháng (từ ${vn(endedOn)}); phải ít nhất ${rules.readmissionWaitMonths} tháng mới xét kết nạp lại.`,
    messageEn: `Left the Party only ${months} months ago (on ${endedOn}); re-admission needs at least ${rules.readmissionWaitMonths} months.`,
  };
}

function checkCellVote(ctx: TransitionContext, rules: RuleSet): Check[] {
  const vote = ctx.vote;
  if (!vote) {
    return [
      {
        rule: RULE_CODES.cellVoteThreshold,
        status: 'blocked',
        message: 'Thiếu kết quả biểu quyết của chi bộ.',
        messageEn: "The cell's vote is missing.",
        field: 'vote',
      },
    ];
  }
  const counts = checkVoteCounts(vote);
  if (counts) return [counts];
  const checks: Check[] = [];
  const passed = reaches(vote.inFavour, vote.officialMembers, rules.cellVoteThreshold);
  const needed = minimumInFavour(vote.officialMembers, rules.cellVoteThreshold);
  const share = fractionText(rules.cellVoteThreshold);
  checks.push(
    passed
      ? ok(
          RULE_CODES.cellVoteThreshold,
          `${vote.inFavour}/${vote.officialMembers} đảng viên chính thức tán thành (cần ${needed}).`,
          `${vote.inFavour} of ${vote.officialMembers} official members in favour (${needed} needed).`,
          'vote.inFavour',
        )
      : {
          rule: RULE_CODES.cellVoteThreshold,
          status: 'blocked',
          message: `Chỉ ${vote.inFavour}/${vote.officialMembers} đảng viên chính thức tán thành; cần ít nhất ${share} (${needed}).`,
          messageEn: `Only ${vote.inFavour} of ${vote.officialMembers} official members in favour; at least ${share} (${needed}) needed.`,
          field: 'vote.inFavour',
        },
  );
  const escalation = checkEscalation(ctx, rules, passed, rules.cellVoteThreshold);
  if (escalation) checks.push(escalation);
  return checks;
}

function checkVoteCounts(vote: {
  officialMembers: number;
  present: number;
  inFavour: number;
}): Check | null {
  const valid =
    vote.officialMembers > 0 &&
    vote.present >= 0 &&
    vote.inFavour >= 0 &&
    vote.present <= vote.officialMembers &&
    vote.inFavour <= vote.present;
  if (valid) return null;
  return {
    rule: RULE_CODES.voteCounts,
    status: 'blocked',
    message: `Số liệu biểu quyết không hợp lệ: ${vote.officialMembers} đảng viên chính thức, ${vote.present} có mặt, ${vote.inFavour} tán thành.`,
    messageEn: `Inconsistent vote counts: ${vote.officialMembers} official members, ${vote.present} present, ${vote.inFavour} in favour.`,
    field: 'vote',
  };
}

function checkCommitteeVote(ctx: TransitionContext, rules: RuleSet): Check[] {
  const vote = ctx.committeeVote;
  if (!vote) {
    return [
      {
        rule: RULE_CODES.committeeVoteThreshold,
        status: 'blocked',
        message: 'Thiếu kết quả biểu quyết của cấp ủy.',
        messageEn: "The committee's vote is missing.",
        field: 'vote',
      },
    ];
  }
  if (vote.members <= 0 || vote.inFavour < 0 || vote.inFavour > vote.members) {
    return [
      {
        rule: RULE_CODES.voteCounts,
        status: 'blocked',
        message: `Số liệu biểu quyết không hợp lệ: ${vote.members} cấp ủy viên, ${vote.inFavour} tán thành.`,
        messageEn: `Inconsistent vote counts: ${vote.members} committee members, ${vote.inFavour} in favour.`,
        field: 'vote',
      },
    ];
  }
  const passed = reaches(vote.inFavour, vote.members, rules.committeeVoteThreshold);
  const needed = minimumInFavour(vote.members, rules.committeeVoteThreshold);
  const share = fractionText(rules.committeeVoteThreshold);
  const checks: Check[] = [
    passed
      ? ok(
          RULE_CODES.committeeVoteThreshold,
          `${vote.inFavour}/${vote.members} cấp ủy viên tán thành (cần ${needed}).`,
          `${vote.inFavour} of ${vote.members} committee members in favour (${needed} needed).`,
          'vote.inFavour',
        )
      : {
          rule: RULE_CODES.committeeVoteThreshold,
          status: 'blocked',
          message: `Chỉ ${vote.inFavour}/${vote.members} cấp ủy viên tán thành; cần ít nhất ${share} (${needed}).`,
          messageEn: `Only ${vote.inFavour} of ${vote.members} committee members in favour; at least ${share} (${needed}) needed.`,
          field: 'vote.inFavour',
        },
  ];
  const escalation = checkEscalation(ctx, rules, passed, rules.committeeVoteThreshold);
  if (escalation) checks.push(escalation);
  return checks;
}

/** After the maximum number of failed votes the higher committee decides (29-QĐ/TW mục 4.2c). */
function checkEscalation(
  ctx: TransitionContext,
  rules: RuleSet,
  passed: boolean,
  threshold: Fraction,
): Check | null {
  const failedIncludingThis = ctx.failedVotes + (passed ? 0 : 1);
  if (failedIncludingThis < rules.maxFailedVotesBeforeEscalation) return null;
  return {
    rule: RULE_CODES.failedVotesEscalation,
    status: 'warning',
    message: `Đã ${failedIncludingThis} lần biểu quyết không đủ ${fractionText(threshold)}; báo cáo cấp ủy cấp trên trực tiếp và cấp ủy có thẩm quyền xem xét, quyết định.`,
    messageEn: `${failedIncludingThis} votes have failed; report to the next higher committee and the competent committee, which decide.`,
  };
}

function checkDecisionDeadline(ctx: TransitionContext): Check | null {
  const votedOn = ctx.stageDates.cell_voted;
  if (!votedOn) return null;
  const rules = rulesFor(ctx, votedOn);
  const due = ctx.calendar.addWorkingDays(votedOn, rules.decisionWithinWorkingDays);
  if (ctx.on <= due) {
    return ok(
      RULE_CODES.decisionDeadline,
      `Quyết định trong hạn (${rules.decisionWithinWorkingDays} ngày làm việc, đến ${vn(due)}).`,
      `Decided in time (${rules.decisionWithinWorkingDays} working days, by ${due}).`,
      'on',
    );
  }
  const extendedDue = ctx.calendar.addWorkingDays(due, rules.decisionExtensionWorkingDays);
  const late = ctx.calendar.workingDaysBetween(due, ctx.on);
  const withinExtension = ctx.on <= extendedDue;
  return {
    rule: RULE_CODES.decisionDeadline,
    status: 'warning',
    message: withinExtension
      ? `Quyết định chậm ${late} ngày làm việc so với hạn ${vn(due)}; chỉ được gia hạn tối đa ${rules.decisionExtensionWorkingDays} ngày làm việc trong trường hợp đặc biệt.`
      : `Quyết định chậm ${late} ngày làm việc, quá cả thời hạn gia hạn (${vn(extendedDue)}); cấp ủy phải kiểm điểm trách nhiệm.`,
    messageEn: withinExtension
      ? `Decided ${late} working days after the ${due} limit; an extension of up to ${rules.decisionExtensionWorkingDays} working days is for special cases only.`
      : `Decided ${late} working days late, past even the extended limit (${extendedDue}).`,
    field: 'on',
  };
}

function checkCeremonyDeadline(ctx: TransitionContext): Check | null {
  // The limit runs from receiving the decision; its date stands in for the day of receipt.
  const decidedOn = ctx.stageDates.decided;
  if (!decidedOn) return null;
  const rules = rulesFor(ctx, decidedOn);
  const due = ctx.calendar.addWorkingDays(decidedOn, rules.ceremonyWithinWorkingDays);
  if (ctx.on <= due) {
    return ok(
      RULE_CODES.ceremonyDeadline,
      `Lễ kết nạp trong hạn (đến ${vn(due)}).`,
      `Ceremony in time (by ${due}).`,
      'on',
    );
  }
  const late = ctx.calendar.workingDaysBetween(due, ctx.on);
  return {
    rule: RULE_CODES.ceremonyDeadline,
    status: 'warning',
    message: `Lễ kết nạp chậm ${late} ngày làm việc so với hạn ${vn(due)} (${rules.ceremonyWithinWorkingDays} ngày làm việc); phải báo cáo và được cấp ủy cấp trên trực tiếp đồng ý.`,
    messageEn: `Ceremony ${late} working days after the ${due} limit (${rules.ceremonyWithinWorkingDays} working days); needs the next higher committee's consent.`,
    field: 'on',
  };
}

function checkProbationReview(ctx: TransitionContext): Check[] {
  const admittedOn = ctx.stageDates.admitted;
  const checks: Check[] = [];
  if (admittedOn) {
    const rules = rulesFor(ctx, admittedOn);
    const ends = probationEndsOn(admittedOn, rules);
    checks.push(checkProbationFinished(ctx, ends, rules));
    if (ctx.on >= ends) {
      const due = ctx.calendar.addWorkingDays(ends, rules.recognitionReviewWithinWorkingDays);
      checks.push(
        ctx.on <= due
          ? ok(
              RULE_CODES.recognitionDeadline,
              `Chi bộ xét công nhận trong hạn (đến ${vn(due)}).`,
              `Recognition reviewed in time (by ${due}).`,
              'on',
            )
          : {
              rule: RULE_CODES.recognitionDeadline,
              status: 'warning',
              message: `Chi bộ xét công nhận chậm ${ctx.calendar.workingDaysBetween(due, ctx.on)} ngày làm việc so với hạn ${vn(due)}; đảng viên vẫn được công nhận chính thức từ ${vn(ends)}.`,
              messageEn: `The cell reviewed ${ctx.calendar.workingDaysBetween(due, ctx.on)} working days after the ${due} limit; membership is still official from ${ends}.`,
              field: 'on',
            },
      );
    }
  }
  checks.push(...checkCellVote(ctx, rulesFor(ctx, ctx.on)));
  return checks;
}

function checkRecognitionDecision(ctx: TransitionContext): Check[] {
  const checks: Check[] = [];
  const admittedOn = ctx.stageDates.admitted;
  if (admittedOn) {
    const rules = rulesFor(ctx, admittedOn);
    checks.push(checkProbationFinished(ctx, probationEndsOn(admittedOn, rules), rules));
  }
  const reviewedOn = ctx.stageDates.probation_review;
  if (reviewedOn) {
    const rules = rulesFor(ctx, reviewedOn);
    const due = ctx.calendar.addWorkingDays(reviewedOn, rules.recognitionDecisionWithinWorkingDays);
    checks.push(
      ctx.on <= due
        ? ok(
            RULE_CODES.recognitionDecisionDeadline,
            `Quyết định công nhận trong hạn (đến ${vn(due)}).`,
            `Recognition decided in time (by ${due}).`,
            'on',
          )
        : {
            rule: RULE_CODES.recognitionDecisionDeadline,
            status: 'warning',
            message: `Quyết định công nhận chậm ${ctx.calendar.workingDaysBetween(due, ctx.on)} ngày làm việc so với hạn ${vn(due)}.`,
            messageEn: `Recognition decided ${ctx.calendar.workingDaysBetween(due, ctx.on)} working days after the ${due} limit.`,
            field: 'on',
          },
    );
  }
  return checks;
}

function checkProbationFinished(ctx: TransitionContext, ends: string, rules: RuleSet): Check {
  if (ctx.on >= ends) {
    return ok(
      RULE_CODES.probationNotFinished,
      `Đã hết ${rules.probationMonths} tháng dự bị (${vn(ends)}).`,
      `The ${rules.probationMonths}-month probation ended on ${ends}.`,
      'on',
    );
  }
  return {
    rule: RULE_CODES.probationNotFinished,
    status: 'blocked',
    message: `Chưa hết ${rules.probationMonths} tháng dự bị (đến ${vn(ends)}).`,
    messageEn: `The ${rules.probationMonths}-month probation is not over until ${ends}.`,
    field: 'on',
  };
}

function ok(rule: RuleCode, message: string, messageEn: string, field?: string): Check {
  return field === undefined
    ? { rule, status: 'ok', message, messageEn }
    : { rule, status: 'ok', message, messageEn, field };
}

/** Whether `inFavour` out of `total` reaches the fraction, in exact integer arithmetic. */
function reaches(inFavour: number, total: number, threshold: Fraction): boolean {
  return inFavour * threshold.den >= threshold.num * total;
}

function minimumInFavour(total: number, threshold: Fraction): number {
  return Math.ceil((threshold.num * total) / threshold.den);
}

function fractionText(fraction: Fraction): string {
  return `${fraction.num}/${fraction.den}`;
}

function listOrNone(states: readonly PipelineState[]): string {
  return states.length > 0 ? states.join(', ') : '—';
}

function yearsMonths(months: number): string {
  const rest = months % 12;
  return `${Math.floor(months / 12)} tuổi${rest > 0 ? ` ${rest} tháng` : ''}`;
}

function yearsMonthsEn(months: number): string {
  const rest = months % 12;
  return `${Math.floor(months / 12)} years${rest > 0 ? ` ${rest} months` : ''}`;
}

/** dd/mm/yyyy, as dates are shown in Vietnamese. */
function vn(date: string): string {
  const [year, month, day] = dateParts(date);
  return `${pad(day)}/${pad(month)}/${year}`;
}

function dateParts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The same day `months` later, clamped to the end of a shorter month. */
function addMonths(date: string, months: number): string {
  const [year, month, day] = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${String(newYear).padStart(4, '0')}-${pad(newMonth)}-${pad(newDay)}`;
}

/** The largest n with addMonths(from, n) <= to. */
function fullMonthsBetween(from: string, to: string): number {
  const [fromYear, fromMonth, fromDay] = dateParts(from);
  const [toYear, toMonth, toDay] = dateParts(to);
  let months = (toYear - fromYear) * 12 + (toMonth - fromMonth);
  if (toDay < fromDay && toDay !== daysInMonth(toYear, toMonth)) months -= 1;
  return months;
}
