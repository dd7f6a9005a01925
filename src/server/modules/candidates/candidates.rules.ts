/**
 * Pure rules of the admission pipeline (SPEC §3): the transition table, eligibility checks and
 * deadlines. No I/O: the service gathers a TransitionContext and records what these functions say.
 * Regulation values come from rule-versions.ts, chosen by the date each regulation calls decisive.
 */
import { PIPELINE_OFF_RAMPS, PIPELINE_STAGES } from '../../../shared/pipeline.ts';
import { EDUCATION_LABELS } from '../../../shared/enums.ts';
import {
  EDUCATION_ORDER,
  citeRule,
  ruleSetOn,
  type AreaKind,
  type CitedRule,
  type EducationCase,
  type EducationLevel,
  type ExitGround,
  type Fraction,
  type IntroducerBasis,
  type Over60Ground,
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
  /** A former member left on a ground that bars re-admission, or the ground is not recorded. */
  readmissionBarred: 'rule.readmission_barred',
  /** The person has already been re-admitted as many times as the rules allow. */
  readmissionOnce: 'rule.readmission_once',
  /** The provincial standing committee's written consent to re-admit is missing or late. */
  readmissionConsent: 'rule.readmission_consent',
  /** A person over the maximum age lacks one of the further conditions (ground, health and prestige). */
  over60Conditions: 'rule.over60_conditions',
  /** The grassroots trade union's introduction is given where it does not count. */
  tradeUnionIntroduction: 'rule.trade_union_introduction',
} as const;

/** One of the stable rule codes. */
export type RuleCode = (typeof RULE_CODES)[keyof typeof RULE_CODES];

/** The rule value or procedure each rule code is judged by, for its citation. */
const CITED_RULE: Partial<Record<RuleCode, CitedRule>> = {
  [RULE_CODES.stageOrder]: 'stageOrder',
  [RULE_CODES.dateOrder]: 'stageOrder',
  [RULE_CODES.ageMin]: 'minAgeMonths',
  [RULE_CODES.ageMax]: 'maxAgeMonths',
  [RULE_CODES.education]: 'minEducation',
  [RULE_CODES.introducersCount]: 'introducerCount',
  [RULE_CODES.introducerNotOfficial]: 'introducerOfficial',
  [RULE_CODES.introducerMonthsTogether]: 'introducerMinMonthsTogether',
  [RULE_CODES.introducerRelationship]: 'introducerTogetherBases',
  [RULE_CODES.youthUnionIntroduction]: 'youthUnionIntroduction',
  [RULE_CODES.certificateMissing]: 'certificateRequired',
  [RULE_CODES.certificateExpired]: 'certificateValidityYears',
  [RULE_CODES.backgroundCheck]: 'backgroundCheckValidityMonths',
  [RULE_CODES.voteCounts]: 'voteCounts',
  [RULE_CODES.cellVoteThreshold]: 'cellVoteThreshold',
  [RULE_CODES.committeeVoteThreshold]: 'committeeVoteThreshold',
  [RULE_CODES.failedVotesEscalation]: 'maxFailedVotesBeforeEscalation',
  [RULE_CODES.decisionDeadline]: 'decisionWithinWorkingDays',
  [RULE_CODES.ceremonyDeadline]: 'ceremonyWithinWorkingDays',
  [RULE_CODES.probationNotFinished]: 'probationMonths',
  [RULE_CODES.recognitionDeadline]: 'recognitionReviewWithinWorkingDays',
  [RULE_CODES.recognitionDecisionDeadline]: 'recognitionDecisionWithinWorkingDays',
  [RULE_CODES.readmissionWait]: 'readmissionWaitMonths',
  [RULE_CODES.readmissionBarred]: 'readmissionBarredGrounds',
  [RULE_CODES.readmissionOnce]: 'readmissionMaxTimes',
  [RULE_CODES.readmissionConsent]: 'readmissionNeedsProvincialConsent',
  [RULE_CODES.over60Conditions]: 'over60Grounds',
  [RULE_CODES.tradeUnionIntroduction]: 'tradeUnionIntroduces',
};

const BASIS_LABELS: Record<IntroducerBasis, string> = {
  work: 'cùng công tác',
  study: 'cùng học tập',
  residence: 'cùng sinh hoạt nơi cư trú',
};

/** What would unblock (or settle the warning of) each rule, in Vietnamese. */
const UNBLOCK: Partial<Record<RuleCode, (rules: RuleSet) => string>> = {
  [RULE_CODES.stageOrder]: () =>
    'Chuyển sang bước tiếp theo được phép của quy trình (không bỏ qua, không quay lại bước trước).',
  [RULE_CODES.dateOrder]: () => 'Nhập ngày không sớm hơn ngày của bước trước.',
  [RULE_CODES.ageMin]: (r) =>
    `Chờ đến ngày người vào Đảng đủ ${yearsMonths(r.minAgeMonths)} (tính theo tháng) rồi chi bộ mới xét.`,
  [RULE_CODES.ageMax]: () =>
    'Ghi nhận văn bản đồng ý của ban thường vụ tỉnh ủy, thành ủy (hoặc cấp ủy trực thuộc Trung ương) trước khi ra quyết định kết nạp.',
  [RULE_CODES.education]: () =>
    'Ghi nhận bằng tốt nghiệp đạt trình độ tối thiểu; nếu nơi người vào Đảng công tác, cư trú thuộc vùng được áp dụng ngoại lệ thì ghi nhận ngoại lệ đó.',
  [RULE_CODES.introducersCount]: (r) =>
    `Bổ sung đủ ${r.introducerCount} đảng viên chính thức giới thiệu (hoặc nghị quyết giới thiệu của Đoàn, Công đoàn cùng một đảng viên chính thức).`,
  [RULE_CODES.introducerNotOfficial]: () =>
    'Chọn người giới thiệu khác là đảng viên chính thức (đảng viên dự bị không được giới thiệu).',
  [RULE_CODES.introducerMonthsTogether]: (r) =>
    `Chọn người giới thiệu đã ${r.introducerTogetherBases.map((b) => BASIS_LABELS[b]).join(', ')} với người vào Đảng ít nhất ${r.introducerMinMonthsTogether} tháng, hoặc chờ đủ thời gian đó.`,
  [RULE_CODES.introducerRelationship]: (r) =>
    `Chọn người giới thiệu có quan hệ được tính: ${r.introducerTogetherBases.map((b) => BASIS_LABELS[b]).join(', ')}.`,
  [RULE_CODES.youthUnionIntroduction]: () =>
    'Ghi nhận người vào Đảng là đoàn viên và nghị quyết giới thiệu đoàn viên ưu tú vào Đảng của Ban Chấp hành Đoàn cơ sở.',
  [RULE_CODES.certificateMissing]: () =>
    'Ghi nhận giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng (số, ngày cấp, nơi cấp).',
  [RULE_CODES.certificateExpired]: (r) =>
    `Cho người vào Đảng học lại lớp bồi dưỡng nhận thức về Đảng (giấy chứng nhận có giá trị ${r.certificateValidityYears} năm) và ghi nhận giấy mới.`,
  [RULE_CODES.backgroundCheck]: (r) =>
    `Thẩm tra lý lịch người vào Đảng và người thân rồi ghi ngày thẩm tra; hồ sơ quá ${r.backgroundCheckValidityMonths} tháng chưa xét thì bổ sung lý lịch, làm lại giới thiệu và nhận xét.`,
  [RULE_CODES.voteCounts]: () =>
    'Sửa số liệu biểu quyết: số có mặt không quá số thành viên, số tán thành không quá số có mặt.',
  [RULE_CODES.cellVoteThreshold]: (r) =>
    `Chi bộ chỉ đề nghị kết nạp khi có ít nhất ${fractionText(r.cellVoteThreshold)} số đảng viên chính thức tán thành; nếu không đạt, ghi nhận lần biểu quyết không đạt.`,
  [RULE_CODES.committeeVoteThreshold]: (r) =>
    `Cấp ủy chỉ thông qua khi có ít nhất ${fractionText(r.committeeVoteThreshold)} số cấp ủy viên tán thành; nếu không đạt, ghi nhận lần biểu quyết không đạt.`,
  [RULE_CODES.failedVotesEscalation]: () =>
    'Báo cáo cấp ủy cấp trên trực tiếp và cấp ủy có thẩm quyền để xem xét, quyết định.',
  [RULE_CODES.decisionDeadline]: (r) =>
    `Cấp ủy có thẩm quyền ra quyết định ngay; quá ${r.decisionWithinWorkingDays} ngày làm việc chỉ được gia hạn tối đa ${r.decisionExtensionWorkingDays} ngày làm việc trong trường hợp đặc biệt.`,
  [RULE_CODES.ceremonyDeadline]: () =>
    'Báo cáo và được cấp ủy cấp trên trực tiếp đồng ý cho tổ chức lễ kết nạp quá hạn.',
  [RULE_CODES.probationNotFinished]: (r) =>
    `Chờ hết ${r.probationMonths} tháng dự bị rồi chi bộ mới xét công nhận chính thức.`,
  [RULE_CODES.recognitionDeadline]: () =>
    'Chi bộ xét công nhận ngay; đảng viên vẫn được công nhận chính thức từ ngày hết dự bị.',
  [RULE_CODES.recognitionDecisionDeadline]: () =>
    'Cấp ủy có thẩm quyền ra quyết định công nhận đảng viên chính thức ngay.',
  [RULE_CODES.readmissionWait]: (r) =>
    `Chờ đủ ${r.readmissionWaitMonths} tháng kể từ ngày ra khỏi Đảng rồi mới xét kết nạp lại.`,
  [RULE_CODES.readmissionBarred]: () =>
    'Ghi rõ lý do đã ra khỏi Đảng; người thuộc các trường hợp không được kết nạp lại thì không tiếp tục hồ sơ.',
  [RULE_CODES.readmissionOnce]: (r) =>
    `Chỉ được kết nạp lại ${r.readmissionMaxTimes} lần; người đã được kết nạp lại thì không tiếp tục hồ sơ.`,
  [RULE_CODES.readmissionConsent]: () =>
    'Ghi ngày văn bản đồng ý của ban thường vụ tỉnh ủy, thành ủy trước ngày quyết định kết nạp lại.',
  [RULE_CODES.over60Conditions]: () =>
    'Ghi căn cứ kết nạp người trên 60 tuổi (nơi chưa có tổ chức đảng, chưa có đảng viên hoặc yêu cầu đặc biệt) và xác nhận đủ sức khỏe, uy tín.',
  [RULE_CODES.tradeUnionIntroduction]: () =>
    'Dùng nghị quyết giới thiệu của Đoàn cơ sở cho người trong độ tuổi đoàn nơi có tổ chức Đoàn; Công đoàn chỉ giới thiệu đoàn viên công đoàn ngoài độ tuổi đó.',
};

/**
 * The citation of a rule in a version: "29-QĐ/TW, mục 3.2.1", or "294-QĐ/TW (chưa đối chiếu)"
 * where the article was not read. New checks set `citation: cite(rules, 'ruleKey')`.
 */
export function cite(ruleSet: RuleSet, rule: CitedRule): string {
  return citeRule(ruleSet, rule);
}

/** The citation a rule code carries under a version (undefined for a code not yet mapped). */
export function ruleCitation(ruleSet: RuleSet, code: RuleCode): string | undefined {
  const cited = CITED_RULE[code];
  return cited ? cite(ruleSet, cited) : undefined;
}

/** What would unblock a rule code under a version, in Vietnamese. */
export function ruleUnblock(ruleSet: RuleSet, code: RuleCode): string | undefined {
  return UNBLOCK[code]?.(ruleSet);
}

/** Fills each check's citation (where the check did not set its own) and, unless ok, what unblocks it. */
function annotate(checks: readonly Check[], rules: RuleSet): Check[] {
  return checks.map((check) => {
    const annotated: Check = { ...check };
    const cited = CITED_RULE[check.rule];
    if (annotated.citation === undefined && cited) annotated.citation = cite(rules, cited);
    const unblock = UNBLOCK[check.rule];
    if (annotated.status !== 'ok' && annotated.unblock === undefined && unblock)
      annotated.unblock = unblock(rules);
    return annotated;
  });
}

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
    /** Over 60: the ground and whether the cell attests health and prestige (01-HD/TW mục 1.1). */
    over60Conditions?: { ground: Over60Ground | null; healthAndPrestige: boolean } | null;
    /** A former member: why they left, a cleared criminal record, the provincial consent. */
    readmission?: ReadmissionFacts | null;
    /** A group the education guidance treats apart (fisher at sea, village elder or chief). */
    educationCase?: EducationCase | null;
    /** Date of the approval to admit a village elder below the lower education minimum. */
    educationApprovalOn?: string | null;
    /**
     * Kinds of area of the unit where the person lives or works on the day (with its commune's);
     * null when the area is unknown — no place, or no kind ever recorded for it — and the
     * organization's flag stands in (installations that have not recorded areas keep answering
     * as before).
     */
    placeAreaKinds?: readonly AreaKind[] | null;
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
  /** Why a decision comes within the extension after its limit (special case). */
  extensionReason?: string | null;
}

/** What re-admission needs to know about a former member. */
export interface ReadmissionFacts {
  /** How many times the person left the Party before (memberships ended by leaving). */
  formerMemberships: number;
  /** Why the person last left, as recorded by the office; null when not recorded yet. */
  exitGround: ExitGround | null;
  /** When a criminal record for a lesser offence was cleared. */
  criminalRecordClearedOn: string | null;
  /** Date of the provincial standing committee's written consent. */
  provincialConsentOn: string | null;
}

/** What a due date is about; the alert kinds are derived from these. */
export type DeadlineKind =
  | 'certificate_expiry'
  | 'decision_due'
  | 'decision_due_extended'
  | 'ceremony_due'
  | 'probation_end'
  | 'recognition_review_due'
  | 'recognition_decision_due'
  | 'recognition_decision_due_extended';

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
  // Each group of checks is cited from the version its decisive date falls in; whatever is left
  // uncited (checks added later) is cited from the version of the transition's own date.
  const general = rulesFor(ctx, ctx.on);
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
      const group: Check[] = [];
      group.push(...checkEligibility(ctx, rules));
      group.push(...checkCertificate(ctx, rules));
      group.push(...checkIntroducers(ctx, rules));
      group.push(checkBackground(ctx, rules));
      group.push(...checkReadmission(ctx, rules));
      if (ctx.to === 'cell_voted') group.push(...checkCellVote(ctx, rules));
      checks.push(...annotate(group, rules));
      break;
    }
    case 'committee_reviewed':
      checks.push(...checkCommitteeVote(ctx, general));
      break;
    case 'decided': {
      const rules = rulesFor(ctx, consideredOn(ctx));
      const group: Check[] = [checkAgeMax(ctx, rules)];
      const over60 = checkOver60Conditions(ctx, rules);
      if (over60) group.push(over60);
      const elder = checkElderApproval(ctx, rules);
      if (elder) group.push(elder);
      const consent = checkReadmissionConsent(ctx, rules);
      if (consent) group.push(consent);
      checks.push(...annotate(group, rules));
      const deadline = checkDecisionDeadline(ctx);
      if (deadline)
        checks.push(...annotate([deadline], rulesFor(ctx, ctx.stageDates.cell_voted ?? ctx.on)));
      break;
    }
    case 'admitted': {
      const deadline = checkCeremonyDeadline(ctx);
      if (deadline)
        checks.push(...annotate([deadline], rulesFor(ctx, ctx.stageDates.decided ?? ctx.on)));
      break;
    }
    case 'probation_review':
    case 'official': {
      // The probation's length and the review's limit follow the version of the ceremony's date.
      const admittedRules = rulesFor(ctx, ctx.stageDates.admitted ?? ctx.on);
      const found =
        ctx.to === 'official' ? checkRecognitionDecision(ctx) : checkProbationReview(ctx);
      for (const check of found) {
        const byCeremony =
          check.rule === RULE_CODES.probationNotFinished ||
          check.rule === RULE_CODES.recognitionDeadline;
        const byReview = check.rule === RULE_CODES.recognitionDecisionDeadline;
        const rules = byCeremony
          ? admittedRules
          : byReview
            ? rulesFor(ctx, ctx.stageDates.probation_review ?? ctx.on)
            : general;
        checks.push(...annotate([check], rules));
      }
      break;
    }
    default:
      break;
  }
  return annotate(checks, general);
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
        const due = calendar.addWorkingDays(
          reviewedOn,
          ruleSet.recognitionDecisionWithinWorkingDays,
        );
        deadlines.push({ kind: 'recognition_decision_due', startsOn: reviewedOn, dueOn: due });
        deadlines.push({
          kind: 'recognition_decision_due_extended',
          startsOn: reviewedOn,
          dueOn: calendar.addWorkingDays(due, ruleSet.recognitionDecisionExtensionWorkingDays),
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
  const checks = [checkAgeMin(ctx, rules), checkAgeMax(ctx, rules)];
  const over60 = checkOver60Conditions(ctx, rules);
  if (over60) checks.push(over60);
  checks.push(checkEducation(ctx, rules));
  return checks;
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
    return {
      ...ok(
        RULE_CODES.ageMax,
        `${over}; đã có văn bản đồng ý của ban thường vụ tỉnh ủy ngày ${vn(approvalOn)}.`,
        `${overEn}; the provincial standing board approved in writing on ${approvalOn}.`,
      ),
      citation: cite(rules, 'over60NeedsApproval'),
    };
  }
  const status: CheckStatus = ctx.to === 'decided' ? 'blocked' : 'warning';
  return {
    rule: RULE_CODES.ageMax,
    citation: cite(rules, 'over60NeedsApproval'),
    status,
    message: `${over}; cần văn bản đồng ý của ban thường vụ tỉnh ủy trước khi ra quyết định kết nạp.`,
    messageEn: `${overEn}; the provincial standing board's written approval is needed before the admission decision.`,
  };
}

/** Whether the lower education minimum applies: the person's area, or a group the guidance names. */
function educationExceptionOf(
  ctx: TransitionContext,
  rules: RuleSet,
): { area: boolean; byCase: boolean } {
  const kinds = ctx.person.placeAreaKinds;
  // Keyed to where the person lives or works; the organization's flag only stands in where the
  // place's area is unknown.
  const area =
    kinds === undefined || kinds === null
      ? ctx.organization.educationException
      : kinds.some((kind) => rules.educationExceptionAreas.includes(kind));
  const educationCase = ctx.person.educationCase ?? null;
  const byCase = educationCase !== null && rules.educationExceptionCases.includes(educationCase);
  return { area, byCase };
}

/** A village elder in an exception area below the lower minimum: admitted only with approval. */
function elderBelowMinimum(ctx: TransitionContext, rules: RuleSet): boolean {
  const exception = educationExceptionOf(ctx, rules);
  return (
    ctx.person.educationCase === 'village_elder' &&
    rules.elderBelowMinimumWithApproval &&
    exception.area &&
    educationRank(ctx.person.educationLevel) < educationRank(rules.minEducationException)
  );
}

/** An education level as the dossier writes it ("Trung học cơ sở"), the code where it has no name. */
function educationLabel(level: string): string {
  const names: Record<string, string> = {
    ...EDUCATION_LABELS,
    college: 'Cao đẳng',
    university: 'Đại học',
  };
  return names[level] ?? level;
}

function checkEducation(ctx: TransitionContext, rules: RuleSet): Check {
  const exception = educationExceptionOf(ctx, rules);
  const lower = exception.area || exception.byCase;
  const minimum = lower ? rules.minEducationException : rules.minEducation;
  const guidance = citeArticle(rules, 2, 'mục 1.2');
  if (educationRank(ctx.person.educationLevel) >= educationRank(minimum)) {
    return {
      ...ok(
        RULE_CODES.education,
        lower
          ? `Đủ trình độ học vấn (mức tối thiểu "${educationLabel(minimum)}" vì ${exception.area ? 'nơi sinh sống, làm việc thuộc vùng được hướng dẫn riêng' : 'thuộc trường hợp ngư dân thường xuyên làm việc ngoài biển, đảo'}).`
          : 'Đủ trình độ học vấn.',
        'Education is sufficient.',
      ),
      citation: cite(rules, lower ? 'minEducationException' : 'minEducation'),
    };
  }
  if (elderBelowMinimum(ctx, rules)) {
    return {
      rule: RULE_CODES.education,
      status: 'warning',
      message: `Trình độ học vấn "${educationLabel(ctx.person.educationLevel)}" thấp hơn "${educationLabel(minimum)}"; là già làng, trưởng bản, người có uy tín ở vùng được hướng dẫn riêng nên cần cấp có thẩm quyền đồng ý trước khi quyết định kết nạp.`,
      messageEn: `Education "${ctx.person.educationLevel}" is below "${minimum}"; as a village elder in such an area, the competent committee must approve before the decision.`,
      field: 'educationApprovalOn',
      citation: `${guidance} (chưa đối chiếu phần cấp đồng ý)`,
      unblock: 'Ghi ngày văn bản đồng ý của cấp có thẩm quyền.',
    };
  }
  return {
    rule: RULE_CODES.education,
    status: 'blocked',
    message: `Trình độ học vấn "${educationLabel(ctx.person.educationLevel)}" thấp hơn mức tối thiểu "${educationLabel(minimum)}".`,
    messageEn: `Education "${ctx.person.educationLevel}" is below the minimum "${minimum}".`,
    field: 'educationCase',
    citation: cite(rules, lower ? 'minEducationException' : 'minEducation'),
    unblock: lower
      ? 'Cần hoàn thành chương trình tiểu học, hoặc (già làng, trưởng bản ở vùng được hướng dẫn riêng) ghi trường hợp và văn bản đồng ý.'
      : 'Cần bằng tốt nghiệp THCS; nếu nơi sinh sống, làm việc thuộc miền núi, biên giới, hải đảo, vùng DTTS, vùng đặc biệt khó khăn thì ghi loại vùng cho đơn vị đó; nếu là ngư dân thường xuyên làm việc ngoài biển, đảo thì ghi trường hợp.',
  };
}

/** At the decision: the elder's approval must exist and come first. */
function checkElderApproval(ctx: TransitionContext, rules: RuleSet): Check | null {
  if (!elderBelowMinimum(ctx, rules)) return null;
  const approvedOn = ctx.person.educationApprovalOn ?? null;
  const citation = `${citeArticle(rules, 2, 'mục 1.2')} (chưa đối chiếu phần cấp đồng ý)`;
  if (approvedOn !== null && approvedOn <= ctx.on)
    return {
      ...ok(
        RULE_CODES.education,
        `Có văn bản đồng ý kết nạp già làng, trưởng bản ngày ${vn(approvedOn)}.`,
        `Approved in writing on ${approvedOn}.`,
        'educationApprovalOn',
      ),
      citation,
    };
  return {
    rule: RULE_CODES.education,
    status: 'blocked',
    message:
      'Chưa có văn bản đồng ý kết nạp già làng, trưởng bản chưa hoàn thành chương trình tiểu học (phải có trước ngày quyết định).',
    messageEn:
      'The approval to admit a village elder below the lower education minimum is missing (it must precede the decision).',
    field: 'educationApprovalOn',
    citation,
    unblock: 'Ghi ngày văn bản đồng ý (không sau ngày quyết định).',
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
  // Outside youth-union age, or where there is no youth union, a trade-union member may be
  // introduced by the grassroots trade union's executive and one official member (4A-KNĐ).
  const tradeUnion = ctx.tradeUnionIntroduction ?? null;
  const byTradeUnion =
    rules.tradeUnionIntroduces &&
    tradeUnion !== null &&
    ctx.organization.hasTradeUnion !== false &&
    !youthUnionRequired &&
    !byYouthUnion;
  if (youthUnionRequired) checks.push(checkYouthUnionIntroduction(ctx));
  if (tradeUnion !== null)
    checks.push(checkTradeUnionIntroduction(tradeUnion, byTradeUnion, rules));
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

function checkTradeUnionIntroduction(
  resolution: IntroductionResolution,
  counts: boolean,
  rules: RuleSet,
): Check {
  const citation = `Điều lệ Đảng, Điều 4 khoản 1; ${citeArticle(rules, 1, 'mục 3.1')} (chưa đối chiếu)`;
  if (counts)
    return {
      ...ok(
        RULE_CODES.tradeUnionIntroduction,
        `Ban Chấp hành Công đoàn cơ sở giới thiệu (nghị quyết ${resolution.resolutionNo}, ${vn(resolution.on)}) thay một đảng viên giới thiệu.`,
        `Introduced by the grassroots trade union (resolution ${resolution.resolutionNo}) in place of one member.`,
        'tradeUnionIntroduction',
      ),
      citation,
    };
  return {
    rule: RULE_CODES.tradeUnionIntroduction,
    status: 'warning',
    message:
      'Người trong độ tuổi đoàn, nơi có tổ chức Đoàn, do Ban Chấp hành Đoàn cơ sở giới thiệu; nghị quyết giới thiệu của Công đoàn không thay được.',
    messageEn:
      'Of youth-union age where a youth union exists, the youth union introduces; the trade union’s resolution does not count.',
    field: 'tradeUnionIntroduction',
    citation,
    unblock: 'Cần nghị quyết giới thiệu của Ban Chấp hành Đoàn cơ sở (4-KNĐ).',
  };
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
            message: `${who}: theo ${rules.citations.introducerTogetherBases.regulation}, quan hệ "${introducer.togetherBasis}" không được tính (chỉ tính ${rules.introducerTogetherBases.join(', ')}).`,
            messageEn: `${whoEn}: under ${rules.citations.introducerTogetherBases.regulation} the "${introducer.togetherBasis}" relationship does not count (only ${rules.introducerTogetherBases.join(', ')}).`,
            field,
          },
    );
  }
  return checks;
}

function checkBackground(ctx: TransitionContext, rules: RuleSet): Check {
  const checkedOn = ctx.backgroundCheckedOn;
  const citation = cite(rules, 'backgroundCheckValidityMonths');
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

const EXIT_GROUND_LABELS: Record<ExitGround, string> = {
  left_party_life: 'tự bỏ sinh hoạt đảng',
  resigned: 'làm đơn xin ra khỏi Đảng',
  resigned_family_hardship: 'xin ra khỏi Đảng vì lý do gia đình đặc biệt khó khăn',
  serious_disunity: 'gây mất đoàn kết nội bộ nghiêm trọng',
  corruption_conviction: 'bị kết án vì tội tham nhũng',
  serious_crime_conviction: 'bị kết án về tội nghiêm trọng trở lên',
  lesser_crime_conviction: 'bị án hình sự về tội ít nghiêm trọng',
  population_policy: 'vi phạm chính sách dân số và kế hoạch hóa gia đình',
  other: 'lý do khác',
};

function checkReadmission(ctx: TransitionContext, rules: RuleSet): Check[] {
  const endedOn = ctx.person.previousMembershipEndedOn;
  if (!endedOn) return [];
  const facts: ReadmissionFacts = ctx.person.readmission ?? {
    formerMemberships: 1,
    exitGround: null,
    criminalRecordClearedOn: null,
    provincialConsentOn: null,
  };
  const checks: Check[] = [];
  const ground = facts.exitGround;
  const field = 'readmission.exitGround';
  if (ground === null) {
    checks.push({
      rule: RULE_CODES.readmissionBarred,
      status: ctx.to === 'cell_voted' ? 'blocked' : 'warning',
      message: `Người này đã ra khỏi Đảng ngày ${vn(endedOn)}; chưa ghi lý do ra khỏi Đảng (một số lý do không được xem xét kết nạp lại).`,
      messageEn: `Left the Party on ${endedOn}; the ground of leaving is not recorded (some grounds bar re-admission).`,
      field,
      citation: citeArticle(rules, 1, 'mục 3.5.2'),
      unblock: 'Ghi lý do ra khỏi Đảng trước đây.',
    });
  } else if (rules.readmissionBarredGrounds.includes(ground)) {
    checks.push({
      rule: RULE_CODES.readmissionBarred,
      status: 'blocked',
      message: `Không xem xét kết nạp lại người ra khỏi Đảng vì lý do: ${EXIT_GROUND_LABELS[ground]}.`,
      messageEn: `A former member who left on this ground (${ground}) is never re-admitted.`,
      field,
      citation: citeArticle(rules, 1, 'mục 3.5.2'),
      unblock: 'Không thể kết nạp lại; chỉ khi lý do đã ghi là sai thì sửa lý do ra khỏi Đảng.',
    });
  } else {
    checks.push({
      ...ok(
        RULE_CODES.readmissionBarred,
        `Lý do ra khỏi Đảng (${EXIT_GROUND_LABELS[ground]}) không thuộc trường hợp không xem xét kết nạp lại.`,
        `The ground of leaving (${ground}) does not bar re-admission.`,
        field,
      ),
      citation: citeArticle(rules, 1, 'mục 3.5.2'),
    });
    if (ground === 'population_policy')
      checks.push({
        rule: RULE_CODES.readmissionWait,
        status: 'warning',
        message:
          'Người bị đưa ra khỏi Đảng do vi phạm chính sách dân số và kế hoạch hóa gia đình: thực hiện theo quy định riêng của Ban Bí thư.',
        messageEn: 'Left over the population policy: the Secretariat’s own rules apply.',
        field,
        citation: citeArticle(rules, 1, 'mục 3.5.1b'),
        unblock: 'Đối chiếu quy định riêng của Ban Bí thư.',
      });
  }
  if (facts.formerMemberships > rules.readmissionMaxTimes) {
    checks.push({
      rule: RULE_CODES.readmissionOnce,
      status: 'blocked',
      message: `Người này đã ra khỏi Đảng ${facts.formerMemberships} lần; chỉ kết nạp lại ${rules.readmissionMaxTimes} lần.`,
      messageEn: `Left the Party ${facts.formerMemberships} times; re-admission is allowed ${rules.readmissionMaxTimes} time(s) only.`,
      citation: citeArticle(rules, 1, 'mục 3.5.3'),
      unblock: 'Không thể kết nạp lại thêm lần nữa.',
    });
  }
  const on = consideredOn(ctx);
  const months = fullMonthsBetween(endedOn, on);
  const wait = citeArticle(rules, 1, 'mục 3.5.1b');
  if (months < rules.readmissionWaitMonths) {
    checks.push({
      rule: RULE_CODES.readmissionWait,
      status: 'blocked',
      message: `Mới ra khỏi Đảng ${months} tháng (từ ${vn(endedOn)}); phải ít nhất ${rules.readmissionWaitMonths} tháng mới xét kết nạp lại.`,
      messageEn: `Left the Party only ${months} months ago (on ${endedOn}); re-admission needs at least ${rules.readmissionWaitMonths} months.`,
      citation: wait,
      unblock: `Chờ đến ${vn(addMonths(endedOn, rules.readmissionWaitMonths))}.`,
    });
  } else {
    checks.push({
      ...ok(
        RULE_CODES.readmissionWait,
        `Đã ra khỏi Đảng ${months} tháng (từ ${vn(endedOn)}).`,
        `Left the Party ${months} months ago (on ${endedOn}).`,
      ),
      citation: wait,
    });
  }
  if (ground === 'lesser_crime_conviction') {
    const clearedOn = facts.criminalRecordClearedOn;
    const since = clearedOn ? fullMonthsBetween(clearedOn, on) : null;
    const need = rules.readmissionWaitAfterRecordClearedMonths;
    checks.push(
      clearedOn !== null && since !== null && since >= need
        ? {
            ...ok(
              RULE_CODES.readmissionWait,
              `Đã được xóa án tích ${since} tháng (từ ${vn(clearedOn)}).`,
              `The criminal record was cleared ${since} months ago (on ${clearedOn}).`,
              'readmission.criminalRecordClearedOn',
            ),
            citation: wait,
          }
        : {
            rule: RULE_CODES.readmissionWait,
            status: 'blocked',
            message:
              clearedOn === null
                ? `Người bị án hình sự về tội ít nghiêm trọng chỉ được xét kết nạp lại sau ${need} tháng kể từ khi được xóa án tích; chưa ghi ngày xóa án tích.`
                : `Mới được xóa án tích ${since ?? 0} tháng (từ ${vn(clearedOn)}); phải sau ${need} tháng.`,
            messageEn:
              clearedOn === null
                ? `After a lesser criminal conviction, re-admission waits ${need} months from the record being cleared; no date recorded.`
                : `The record was cleared only ${since ?? 0} months ago (on ${clearedOn}); ${need} months are needed.`,
            field: 'readmission.criminalRecordClearedOn',
            citation: wait,
            unblock:
              clearedOn === null
                ? 'Ghi ngày được xóa án tích.'
                : `Chờ đến ${vn(addMonths(clearedOn, need))}.`,
          },
    );
  }
  if (rules.readmissionNeedsProvincialConsent && !facts.provincialConsentOn)
    checks.push({
      rule: RULE_CODES.readmissionConsent,
      status: 'warning',
      message:
        'Kết nạp lại cần văn bản đồng ý của ban thường vụ tỉnh ủy, thành ủy (hoặc tương đương) trước khi cấp ủy có thẩm quyền quyết định.',
      messageEn:
        'Re-admission needs the provincial standing committee’s written consent before the decision.',
      field: 'readmission.provincialConsentOn',
      citation: wait,
      unblock: 'Ghi ngày văn bản đồng ý của ban thường vụ tỉnh ủy.',
    });
  return checks;
}

/** At the decision of a re-admission: the provincial consent must exist and precede it. */
function checkReadmissionConsent(ctx: TransitionContext, rules: RuleSet): Check | null {
  if (!ctx.person.previousMembershipEndedOn || !rules.readmissionNeedsProvincialConsent)
    return null;
  const consentOn = ctx.person.readmission?.provincialConsentOn ?? null;
  const citation = citeArticle(rules, 1, 'mục 3.5.1b');
  if (consentOn !== null && consentOn <= ctx.on)
    return {
      ...ok(
        RULE_CODES.readmissionConsent,
        `Ban thường vụ tỉnh ủy đồng ý kết nạp lại bằng văn bản ngày ${vn(consentOn)}.`,
        `The provincial standing committee consented on ${consentOn}.`,
        'readmission.provincialConsentOn',
      ),
      citation,
    };
  return {
    rule: RULE_CODES.readmissionConsent,
    status: 'blocked',
    message:
      consentOn === null
        ? 'Chưa có văn bản đồng ý kết nạp lại của ban thường vụ tỉnh ủy, thành ủy (hoặc tương đương).'
        : `Văn bản đồng ý ngày ${vn(consentOn)} sau ngày quyết định ${vn(ctx.on)}; phải có trước.`,
    messageEn:
      consentOn === null
        ? 'The provincial standing committee’s written consent to re-admit is missing.'
        : `The consent of ${consentOn} is after the decision of ${ctx.on}; it must come first.`,
    field: 'readmission.provincialConsentOn',
    citation,
    unblock: 'Ghi ngày văn bản đồng ý (không sau ngày quyết định).',
  };
}

const OVER60_GROUND_LABELS: Record<Over60Ground, string> = {
  no_party_organization: 'công tác, cư trú ở cơ sở chưa có tổ chức đảng',
  no_party_members: 'công tác, cư trú ở cơ sở chưa có đảng viên',
  special_requirement: 'do yêu cầu đặc biệt',
};

/** Over the maximum age: the further conditions of the guidance (ground, health and prestige). */
function checkOver60Conditions(ctx: TransitionContext, rules: RuleSet): Check | null {
  if (!rules.over60NeedsApproval || rules.over60Grounds.length === 0) return null;
  const months = ageInMonths(ctx.person.birthDate, consideredOn(ctx));
  if (months <= rules.maxAgeMonths) return null;
  const conditions = ctx.person.over60Conditions ?? null;
  const citation = citeArticle(rules, 2, 'mục 1.1');
  const ground = conditions?.ground ?? null;
  const groundOk = ground !== null && rules.over60Grounds.includes(ground);
  if (groundOk && conditions?.healthAndPrestige === true)
    return {
      ...ok(
        RULE_CODES.over60Conditions,
        `Trên 60 tuổi: có sức khỏe và uy tín; ${OVER60_GROUND_LABELS[ground]}.`,
        `Over 60: healthy and of good standing; ground: ${ground}.`,
        'over60',
      ),
      citation,
    };
  const missing = [
    groundOk
      ? null
      : 'lý do (cơ sở chưa có tổ chức đảng, chưa có đảng viên, hoặc yêu cầu đặc biệt)',
    conditions?.healthAndPrestige === true ? null : 'xác nhận có sức khỏe và uy tín',
  ].filter((m): m is string => m !== null);
  return {
    rule: RULE_CODES.over60Conditions,
    status: ctx.to === 'decided' ? 'blocked' : 'warning',
    message: `Chỉ kết nạp người trên 60 tuổi khi đủ điều kiện; còn thiếu: ${missing.join('; ')}.`,
    messageEn: `A person over 60 is admitted only on the guidance's conditions; missing: ${missing.length} condition(s).`,
    field: 'over60',
    citation,
    unblock: `Ghi ${missing.join(' và ')}.`,
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
  const reason = ctx.extensionReason ?? null;
  if (withinExtension && reason)
    return {
      ...ok(
        RULE_CODES.decisionDeadline,
        `Quyết định trong thời hạn gia hạn (đến ${vn(extendedDue)}); lý do gia hạn: ${reason}.`,
        `Decided within the extension (by ${extendedDue}); reason: ${reason}.`,
        'extensionReason',
      ),
      citation: citeArticle(rules, 1, 'mục 4.3.1'),
    };
  return {
    rule: RULE_CODES.decisionDeadline,
    status: 'warning',
    message: withinExtension
      ? `Quyết định chậm ${late} ngày làm việc so với hạn ${vn(due)}; chỉ được gia hạn tối đa ${rules.decisionExtensionWorkingDays} ngày làm việc trong trường hợp đặc biệt.`
      : `Quyết định chậm ${late} ngày làm việc, quá cả thời hạn gia hạn (${vn(extendedDue)}); cấp ủy phải kiểm điểm trách nhiệm.`,
    messageEn: withinExtension
      ? `Decided ${late} working days after the ${due} limit; an extension of up to ${rules.decisionExtensionWorkingDays} working days is for special cases only.`
      : `Decided ${late} working days late, past even the extended limit (${extendedDue}).`,
    field: withinExtension ? 'extensionReason' : 'on',
    citation: citeArticle(rules, 1, 'mục 4.3.1'),
    unblock: withinExtension
      ? 'Ghi lý do gia hạn (trường hợp đặc biệt).'
      : 'Đã quá cả thời hạn gia hạn: báo cáo, kiểm điểm trách nhiệm trước cấp ủy cấp trên.',
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
    checks.push(recognitionDecisionDeadline(ctx, rules, due));
  }
  return checks;
}

/** The recognition decision's limit, and its extension in special cases with a reason (mục 4.3.1). */
function recognitionDecisionDeadline(ctx: TransitionContext, rules: RuleSet, due: string): Check {
  const citation = citeArticle(rules, 1, 'mục 4.3.1');
  if (ctx.on <= due)
    return {
      ...ok(
        RULE_CODES.recognitionDecisionDeadline,
        `Quyết định công nhận trong hạn (đến ${vn(due)}).`,
        `Recognition decided in time (by ${due}).`,
        'on',
      ),
      citation,
    };
  const extendedDue = ctx.calendar.addWorkingDays(
    due,
    rules.recognitionDecisionExtensionWorkingDays,
  );
  const late = ctx.calendar.workingDaysBetween(due, ctx.on);
  const reason = ctx.extensionReason ?? null;
  if (ctx.on <= extendedDue && reason)
    return {
      ...ok(
        RULE_CODES.recognitionDecisionDeadline,
        `Quyết định công nhận trong thời hạn gia hạn ${rules.recognitionDecisionExtensionWorkingDays} ngày làm việc (đến ${vn(extendedDue)}); lý do: ${reason}.`,
        `Recognition decided within the extension (by ${extendedDue}); reason: ${reason}.`,
        'extensionReason',
      ),
      citation,
    };
  const withinExtension = ctx.on <= extendedDue;
  return {
    rule: RULE_CODES.recognitionDecisionDeadline,
    status: 'warning',
    message: withinExtension
      ? `Quyết định công nhận chậm ${late} ngày làm việc so với hạn ${vn(due)}; chỉ được gia hạn tối đa ${rules.recognitionDecisionExtensionWorkingDays} ngày làm việc (đến ${vn(extendedDue)}) trong trường hợp đặc biệt, có lý do.`
      : `Quyết định công nhận chậm ${late} ngày làm việc, quá cả thời hạn gia hạn (${vn(extendedDue)}); cấp ủy phải kiểm điểm trách nhiệm.`,
    messageEn: withinExtension
      ? `Recognition decided ${late} working days after the ${due} limit; an extension of up to ${rules.recognitionDecisionExtensionWorkingDays} working days needs a special reason.`
      : `Recognition decided ${late} working days late, past even the extended limit (${extendedDue}).`,
    field: withinExtension ? 'extensionReason' : 'on',
    citation,
    unblock: withinExtension
      ? 'Ghi lý do gia hạn (trường hợp đặc biệt).'
      : 'Đã quá cả thời hạn gia hạn: báo cáo, kiểm điểm trách nhiệm trước cấp ủy cấp trên.',
  };
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

/**
 * "29-QĐ/TW, mục 3.5.2" or "01-HD/TW (2021), mục 1.2": the version's implementing regulation (1)
 * or its guidance (2), as its citations name them, with an article read in that text. Values
 * carried into the 2011 set, and guidance articles read in 01-HD/TW (2021) but cited under the
 * 2025 guidance 06-HD/TW (not read), are marked unconfirmed.
 */
function citeArticle(rules: RuleSet, index: 1 | 2, article: string): string {
  const text =
    index === 1
      ? rules.citations.maxAgeMonths.regulation
      : rules.citations.minEducationException.regulation;
  const unread = rules.id.startsWith('45-') || (index === 2 && text.startsWith('06-HD/TW'));
  return `${text}, ${article}${unread ? ' (chưa đối chiếu)' : ''}`;
}

/** The committee above a cell, as the decision's authority needs it. */
export interface DecidingCommittee {
  kind: string;
  level: string;
  decidesAdmissions: boolean;
}

/**
 * Whether the committee above a cell votes on the admission (stage `committee_reviewed`): a
 * committee that does not decide reviews and proposes; a grassroots committee delegated the power
 * to admit decides as a whole committee, so its members vote too (29-QĐ/TW mục 4.3.2a; 2/3 of them,
 * 01-HD/TW (2021) mục 3.6c). Only an upper committee's standing board decides without that vote.
 */
export function committeeReviewApplies(parent: DecidingCommittee | null): boolean {
  if (parent === null || parent.kind !== 'committee') return false;
  return !parent.decidesAdmissions || isDelegatedGrassroots(parent);
}

/** A grassroots committee that decides admissions holds the power by delegation. */
function isDelegatedGrassroots(committee: DecidingCommittee): boolean {
  return committee.decidesAdmissions && committee.level === 'grassroots';
}

/**
 * Who signs an admission or recognition decision: the whole committee of a delegated grassroots
 * committee ("T/M ĐẢNG ỦY"), otherwise the standing board ("T/M BAN THƯỜNG VỤ") (mục 4.3.2).
 */
export function decisionSignedAs(deciding: DecidingCommittee | null): string {
  return deciding !== null && isDelegatedGrassroots(deciding) ? 'T/M ĐẢNG ỦY' : 'T/M BAN THƯỜNG VỤ';
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
