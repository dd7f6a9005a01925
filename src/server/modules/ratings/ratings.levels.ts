/**
 * The level of a rating as each regulation decides it: points (or the meeting's proposal) AND the
 * conditions of each level AND the cases that force "không hoàn thành nhiệm vụ". One rule set per
 * regulation version, keyed by the scheme's `ruleset`; every condition carries its citation.
 *
 * What was read of each text (issue 16, finding 8) — "confirmed" means read in the text or in a
 * faithful quotation of it; the rest is marked in `UNCONFIRMED` comments and in docs/ratings.md:
 * - 366-QĐ/TW (Bộ Chính trị, 30/8/2025; replaced 124-QĐ/TW; applied to the 2025 rating with
 *   Hướng dẫn 43-HD/BTCTW of 31/10/2025 and Công văn 10072-CV/BTCTW): 100-point framework, general
 *   criteria 30 points and task results 70 (the 5 appendices); Điều 11: excellent ≥ 90 AND 100% of
 *   tasks on time with ≥ 30% exceeded, for a collective no unit under it nor member of its
 *   leadership disciplined, and 100% of shortcomings remedied; good 70–<90 AND 100% on time;
 *   completed 50–<70 AND (collective) 100% completed with at most 20% not on schedule.
 * - 124-QĐ/TW (4/10/2023; replaced 132-QĐ/TW; used for the 2023 and 2024 ratings): four levels
 *   without a central point scale; the cases forcing "not completed" (collective and individual)
 *   as listed below.
 * - 132-QĐ/TW (8/3/2018) with Hướng dẫn 16-HD/BTCTW (24/9/2018) then 21-HD/BTCTW (18/10/2019):
 *   excellent needs a cadre/civil servant's own rating excellent; at most 20% of the members rated
 *   "tốt" may be rated "xuất sắc" in each grassroots organization; a member is "not completed" when
 *   concluded degraded, under 50% of targets, civil-service rating "not completed", or
 *   disciplined in the year (one violation counted once).
 */
import type { RatingLevel } from '../../../shared/enums.ts';
import type { RatingCheck, RatingConditions } from '../../../shared/ratings.ts';

type Subject = 'organization' | 'member';
type Cond = RatingConditions;

/** One condition: true holds, false fails, null not shown. */
interface Condition {
  code: string;
  label: string;
  citation: string;
  unblock: string;
  subjects: Subject[];
  /** The condition fields it reads (the screen asks for them). */
  reads: (keyof Cond)[];
  holds: (c: Cond) => boolean | null;
}

/** A case that forces "không hoàn thành nhiệm vụ": true applies, false does not, null not shown. */
interface ForcingCase {
  code: string;
  label: string;
  citation: string;
  subjects: Subject[];
  reads: (keyof Cond)[];
  applies: (c: Cond) => boolean | null;
}

/** A regulation version's rules. */
export interface RatingRuleset {
  code: string;
  /** The article and clause of each level. */
  levelCitation: Record<RatingLevel, string>;
  /** Conditions beside the points, per level above "not completed". */
  conditions: Record<Exclude<RatingLevel, 'not_completed'>, Condition[]>;
  forcing: ForcingCase[];
  /** "Xuất sắc" not above this share of "tốt" in each grassroots organization, where the text says so. */
  shareLimit: { percent: number; citation: string } | null;
}

const both: Subject[] = ['organization', 'member'];
const num = (v: number | undefined): number | null => (v === undefined ? null : v);
const atLeast = (v: number | undefined, min: number) => (v === undefined ? null : v >= min);
const atMost = (v: number | undefined, max: number) => (v === undefined ? null : v <= max);
const isFalse = (v: boolean | undefined) => (v === undefined ? null : !v);

/** Disciplined in the year, not counting what the rated one found and remedied itself. */
function disciplinedNotSelfFound(c: Cond): boolean | null {
  if (c.disciplined === undefined) return null;
  return c.disciplined && !c.disciplineSelfDetected;
}

/** Under 50% of targets, unless for a reason beyond control. */
function underHalf(c: Cond): boolean | null {
  const done = num(c.tasksCompletedPercent);
  if (done === null) return null;
  return done < 50 && !c.forceMajeure;
}

function allTasks(citation: string): Condition {
  return {
    code: 'tasks_all_done',
    label: 'Hoàn thành 100% nhiệm vụ được giao',
    citation,
    unblock: 'Nhập tỷ lệ nhiệm vụ hoàn thành (100%)',
    subjects: both,
    reads: ['tasksCompletedPercent'],
    holds: (c) => atLeast(c.tasksCompletedPercent, 100),
  };
}
function onTime(citation: string): Condition {
  return {
    code: 'tasks_on_time',
    label: 'Mọi nhiệm vụ đúng hạn, bảo đảm chất lượng, hiệu quả',
    citation,
    unblock: 'Nhập tỷ lệ nhiệm vụ chậm hoặc chưa bảo đảm chất lượng (0%)',
    subjects: both,
    reads: ['tasksLatePercent'],
    holds: (c) => atMost(c.tasksLatePercent, 0),
  };
}

const Q366 = '366-QĐ/TW';
const R366: RatingRuleset = {
  code: Q366,
  levelCitation: {
    excellent: `${Q366}, Điều 11, khoản 1`,
    good: `${Q366}, Điều 11, khoản 2`,
    completed: `${Q366}, Điều 11, khoản 3`,
    not_completed: `${Q366}, Điều 11, khoản 4`,
  },
  conditions: {
    excellent: [
      allTasks(`${Q366}, Điều 11, khoản 1`),
      onTime(`${Q366}, Điều 11, khoản 1`),
      {
        code: 'tasks_exceeded_30',
        label: 'Ít nhất 30% nhiệm vụ hoàn thành vượt mức yêu cầu',
        citation: `${Q366}, Điều 11, khoản 1`,
        unblock: 'Nhập tỷ lệ nhiệm vụ vượt mức (từ 30%)',
        subjects: both,
        reads: ['tasksExceededPercent'],
        holds: (c) => atLeast(c.tasksExceededPercent, 30),
      },
      {
        code: 'no_discipline',
        label: 'Không có đơn vị trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật',
        citation: `${Q366}, Điều 11, khoản 1`,
        unblock: 'Xác nhận không có đơn vị trực thuộc, thành viên bị kỷ luật trong kỳ',
        subjects: ['organization'],
        reads: ['disciplined'],
        holds: (c) => isFalse(c.disciplined),
      },
      {
        code: 'shortcomings_remedied',
        label: 'Đã khắc phục 100% hạn chế, khuyết điểm đã được chỉ ra',
        citation: `${Q366}, Điều 11, khoản 1`,
        unblock: 'Xác nhận đã khắc phục toàn bộ hạn chế, khuyết điểm',
        subjects: both,
        reads: ['shortcomingsRemedied'],
        holds: (c) => (c.shortcomingsRemedied === undefined ? null : c.shortcomingsRemedied),
      },
    ],
    good: [allTasks(`${Q366}, Điều 11, khoản 2`), onTime(`${Q366}, Điều 11, khoản 2`)],
    completed: [
      allTasks(`${Q366}, Điều 11, khoản 3`),
      {
        code: 'late_at_most_20',
        label: 'Số nhiệm vụ chưa bảo đảm tiến độ không quá 20%',
        citation: `${Q366}, Điều 11, khoản 3`,
        unblock: 'Nhập tỷ lệ nhiệm vụ chậm tiến độ (tối đa 20%)',
        subjects: both,
        reads: ['tasksLatePercent'],
        holds: (c) => atMost(c.tasksLatePercent, 20),
      },
    ],
  },
  // UNCONFIRMED: the text of Điều 11, khoản 4 was not read; the cases below are 124-QĐ/TW's,
  // which 366-QĐ/TW is reported to keep. Citation points at the clause of 366 that lists them.
  forcing: [
    {
      code: 'disciplined',
      label: 'Bị xử lý kỷ luật trong kỳ (trừ trường hợp tự phát hiện và khắc phục xong hậu quả)',
      citation: `${Q366}, Điều 11, khoản 4`,
      subjects: both,
      reads: ['disciplined', 'disciplineSelfDetected'],
      applies: disciplinedNotSelfFound,
    },
    {
      code: 'degradation',
      label:
        'Bị cấp có thẩm quyền kết luận suy thoái, "tự diễn biến", "tự chuyển hoá" hoặc vi phạm những điều đảng viên không được làm',
      citation: `${Q366}, Điều 11, khoản 4`,
      subjects: both,
      reads: ['degradationConcluded'],
      applies: (c) => (c.degradationConcluded === undefined ? null : c.degradationConcluded),
    },
    {
      code: 'under_half',
      label: 'Chỉ hoàn thành dưới 50% chỉ tiêu, nhiệm vụ (trừ trường hợp bất khả kháng)',
      citation: `${Q366}, Điều 11, khoản 4`,
      subjects: both,
      reads: ['tasksCompletedPercent', 'forceMajeure'],
      applies: underHalf,
    },
    {
      code: 'disunity',
      label: 'Bị cấp có thẩm quyền kết luận mất đoàn kết nội bộ',
      citation: `${Q366}, Điều 11, khoản 4`,
      subjects: ['organization'],
      reads: ['disunityConcluded'],
      applies: (c) => (c.disunityConcluded === undefined ? null : c.disunityConcluded),
    },
  ],
  // UNCONFIRMED for 366-QĐ/TW: the 20% limit was read in 21-HD/BTCTW (2019); not applied here
  // until the text is checked (the answer says so).
  shareLimit: null,
};

const Q124 = '124-QĐ/TW';
const R124: RatingRuleset = {
  code: Q124,
  levelCitation: {
    excellent: `${Q124}, Điều 12, khoản 1`,
    good: `${Q124}, Điều 12, khoản 2`,
    completed: `${Q124}, Điều 12, khoản 3`,
    not_completed: `${Q124}, Điều 12, khoản 4`,
  },
  // Levels are proposed by the meeting from the criteria; the text's level conditions are
  // qualitative (UNCONFIRMED beyond the cases below), so only the forcing cases are checked.
  conditions: { excellent: [], good: [], completed: [] },
  forcing: [
    {
      code: 'disciplined',
      label:
        'Bị xử lý kỷ luật hoặc có thành viên bị kỷ luật trong năm (trừ trường hợp tự phát hiện và khắc phục xong hậu quả)',
      citation: `${Q124}, Điều 12, khoản 4`,
      subjects: both,
      reads: ['disciplined', 'disciplineSelfDetected'],
      applies: disciplinedNotSelfFound,
    },
    {
      code: 'degradation',
      label:
        'Bị cấp có thẩm quyền kết luận có biểu hiện suy thoái, "tự diễn biến", "tự chuyển hoá"; vi phạm những điều đảng viên không được làm; vi phạm trách nhiệm nêu gương',
      citation: `${Q124}, Điều 12, khoản 4`,
      subjects: both,
      reads: ['degradationConcluded'],
      applies: (c) => (c.degradationConcluded === undefined ? null : c.degradationConcluded),
    },
    {
      code: 'under_half',
      label:
        'Chỉ hoàn thành dưới 50% chỉ tiêu, nhiệm vụ được giao trong năm (trừ trường hợp bất khả kháng)',
      citation: `${Q124}, Điều 12, khoản 4`,
      subjects: both,
      reads: ['tasksCompletedPercent', 'forceMajeure'],
      applies: underHalf,
    },
    {
      code: 'corruption_in_unit',
      label:
        'Có đơn vị trực thuộc xảy ra vụ việc tham nhũng, lãng phí, tiêu cực bị xử lý kỷ luật (trừ trường hợp tự phát hiện và khắc phục xong hậu quả)',
      citation: `${Q124}, Điều 12, khoản 4`,
      subjects: ['organization'],
      reads: ['corruptionInUnit', 'disciplineSelfDetected'],
      applies: (c) =>
        c.corruptionInUnit === undefined ? null : c.corruptionInUnit && !c.disciplineSelfDetected,
    },
    {
      code: 'units_disciplined_20',
      label: 'Có trên 20% số đơn vị trực thuộc bị kỷ luật trong năm',
      citation: `${Q124}, Điều 12, khoản 4`,
      subjects: ['organization'],
      reads: ['unitsDisciplinedPercent'],
      applies: (c) =>
        c.unitsDisciplinedPercent === undefined ? null : c.unitsDisciplinedPercent > 20,
    },
    {
      code: 'disunity',
      label: 'Bị cấp có thẩm quyền đánh giá, kết luận mất đoàn kết nội bộ',
      citation: `${Q124}, Điều 12, khoản 4`,
      subjects: ['organization'],
      reads: ['disunityConcluded'],
      applies: (c) => (c.disunityConcluded === undefined ? null : c.disunityConcluded),
    },
  ],
  // UNCONFIRMED for 124-QĐ/TW (read only in 21-HD/BTCTW for 132-QĐ/TW): not applied.
  shareLimit: null,
};

const Q132 = '132-QĐ/TW';
const H21 = '21-HD/BTCTW';
const R132: RatingRuleset = {
  code: Q132,
  levelCitation: {
    excellent: `${H21}, mục 2.3.a (thực hiện ${Q132})`,
    good: `${H21}, mục 2.3.b (thực hiện ${Q132})`,
    completed: `${H21}, mục 2.3.c (thực hiện ${Q132})`,
    not_completed: `${H21}, mục 2.3.d (thực hiện ${Q132})`,
  },
  conditions: {
    excellent: [
      {
        code: 'civil_service_excellent',
        label:
          'Đảng viên là cán bộ, công chức, viên chức được xếp loại công chức, viên chức "Hoàn thành xuất sắc nhiệm vụ"',
        citation: `${H21}, mục 2.3.a`,
        unblock: 'Nhập kết quả xếp loại cán bộ, công chức, viên chức (nếu là CBCCVC)',
        subjects: ['member'],
        reads: ['civilServiceLevel'],
        // Not a cadre/civil servant: nothing to meet.
        holds: (c) =>
          c.civilServiceLevel === undefined ? true : c.civilServiceLevel === 'excellent',
      },
    ],
    good: [],
    completed: [],
  },
  forcing: [
    {
      code: 'degradation',
      label:
        'Cấp có thẩm quyền kết luận có biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống, "tự diễn biến", "tự chuyển hóa"',
      citation: `${H21}, mục 2.3.d`,
      subjects: both,
      reads: ['degradationConcluded'],
      applies: (c) => (c.degradationConcluded === undefined ? null : c.degradationConcluded),
    },
    {
      code: 'under_half',
      label: 'Chỉ hoàn thành dưới 50% chỉ tiêu, nhiệm vụ được giao trong năm',
      citation: `${H21}, mục 2.3.d`,
      subjects: both,
      reads: ['tasksCompletedPercent'],
      applies: (c) => (c.tasksCompletedPercent === undefined ? null : c.tasksCompletedPercent < 50),
    },
    {
      code: 'civil_service_not_completed',
      label: 'Đảng viên là cán bộ, công chức, viên chức bị xếp loại "Không hoàn thành nhiệm vụ"',
      citation: `${H21}, mục 2.3.d`,
      subjects: ['member'],
      reads: ['civilServiceLevel'],
      applies: (c) =>
        c.civilServiceLevel === undefined ? false : c.civilServiceLevel === 'not_completed',
    },
    {
      code: 'disciplined',
      label: 'Bị thi hành kỷ luật trong năm (một vi phạm chỉ tính một lần khi xếp loại)',
      citation: `${H21}, mục 2.3.d`,
      subjects: ['member'],
      reads: ['disciplined'],
      applies: (c) => (c.disciplined === undefined ? null : c.disciplined),
    },
    {
      code: 'disunity',
      label: 'Cấp có thẩm quyền kết luận mất đoàn kết nội bộ',
      citation: `${H21}, mục II.b.3`,
      subjects: ['organization'],
      reads: ['disunityConcluded'],
      applies: (c) => (c.disunityConcluded === undefined ? null : c.disunityConcluded),
    },
    {
      code: 'leadership_disciplined',
      label: 'Tập thể lãnh đạo bị kỷ luật hoặc có thành viên bị kỷ luật từ cảnh cáo trở lên',
      citation: `${H21}, mục II.b.3`,
      subjects: ['organization'],
      reads: ['disciplined'],
      applies: (c) => (c.disciplined === undefined ? null : c.disciplined),
    },
  ],
  shareLimit: { percent: 20, citation: `${H21}, mục 2.3.a` },
};

/** Rule sets by the scheme's `ruleset` code. */
export const RULESETS: Record<string, RatingRuleset> = {
  [Q366]: R366,
  [Q124]: R124,
  [Q132]: R132,
};

/** The condition fields a rule set reads for a subject (what the screen asks for). */
export function conditionFields(ruleset: RatingRuleset, subject: Subject): (keyof Cond)[] {
  const out = new Set<keyof Cond>();
  for (const list of Object.values(ruleset.conditions))
    for (const c of list) if (c.subjects.includes(subject)) c.reads.forEach((r) => out.add(r));
  for (const f of ruleset.forcing)
    if (f.subjects.includes(subject)) f.reads.forEach((r) => out.add(r));
  return [...out];
}

const LEVEL_NAMES: Record<RatingLevel, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  completed: 'Hoàn thành nhiệm vụ',
  not_completed: 'Không hoàn thành nhiệm vụ',
};
const ORDER: RatingLevel[] = ['excellent', 'good', 'completed', 'not_completed'];

/** The level decided, with the reason, the citation and every condition looked at. */
export interface LevelDecision {
  level: RatingLevel;
  levelByPoints: RatingLevel;
  reason: string;
  citation: string;
  checks: RatingCheck[];
}

/**
 * Decides the level: a forcing case that applies gives "not completed"; otherwise the level the
 * points (or the meeting) reach is kept if all its conditions hold, else the next level down
 * whose conditions hold (a condition not shown is not met: the level needs it shown).
 */
export function decideLevel(
  ruleset: RatingRuleset,
  subject: Subject,
  levelByPoints: RatingLevel,
  byPointsWhy: string,
  conditions: Cond,
): LevelDecision {
  const checks: RatingCheck[] = [];
  for (const f of ruleset.forcing) {
    if (!f.subjects.includes(subject)) continue;
    const applies = f.applies(conditions);
    checks.push({
      code: `forcing.${f.code}`,
      label: f.label,
      ok: applies === null ? null : !applies,
      citation: f.citation,
      ...(applies !== false
        ? { unblock: 'Thuộc trường hợp này thì xếp loại không hoàn thành nhiệm vụ' }
        : {}),
    });
  }
  const forced = ruleset.forcing.find(
    (f) => f.subjects.includes(subject) && f.applies(conditions) === true,
  );
  if (forced)
    return {
      level: 'not_completed',
      levelByPoints,
      reason: `${LEVEL_NAMES.not_completed}: ${forced.label.charAt(0).toLowerCase()}${forced.label.slice(1)} (${byPointsWhy}).`,
      citation: forced.citation,
      checks,
    };
  const failedAbove: string[] = [];
  for (const level of ORDER.slice(ORDER.indexOf(levelByPoints))) {
    if (level === 'not_completed') break;
    const own = ruleset.conditions[level].filter((c) => c.subjects.includes(subject));
    const results = own.map((c) => ({ c, ok: c.holds(conditions) }));
    for (const { c, ok } of results)
      checks.push({
        code: `${level}.${c.code}`,
        label: c.label,
        ok,
        citation: c.citation,
        ...(ok !== true ? { unblock: c.unblock } : {}),
      });
    const failed = results.filter((r) => r.ok !== true);
    if (failed.length === 0) {
      const why =
        own.length === 0
          ? byPointsWhy
          : `${byPointsWhy}; đạt điều kiện: ${own.map((c) => c.label.toLowerCase()).join('; ')}`;
      const down =
        failedAbove.length > 0 ? `; không xếp mức cao hơn vì ${failedAbove.join('; ')}` : '';
      return {
        level,
        levelByPoints,
        reason: `${LEVEL_NAMES[level]}: ${why}${down}.`,
        citation: ruleset.levelCitation[level],
        checks,
      };
    }
    failedAbove.push(
      `mức "${LEVEL_NAMES[level]}" cần ${failed
        .map((f) => `${f.c.label.toLowerCase()}${f.ok === null ? ' (chưa nhập)' : ''}`)
        .join(', ')}`,
    );
  }
  const down = failedAbove.length > 0 ? `; ${failedAbove.join('; ')}` : '';
  return {
    level: 'not_completed',
    levelByPoints,
    reason: `${LEVEL_NAMES.not_completed}: ${byPointsWhy}${down}.`,
    citation: ruleset.levelCitation.not_completed,
    checks,
  };
}

/**
 * The share limit in one grassroots organization: with `excellent` members rated "xuất sắc" and
 * `good` rated "tốt", whether the limit holds (at most `percent`% of `good`).
 */
export function withinShareLimit(excellent: number, good: number, percent: number): boolean {
  return excellent * 100 <= good * percent;
}
