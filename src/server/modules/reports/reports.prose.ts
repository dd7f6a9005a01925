import { formatNumber } from '../../../shared/text.ts';
import { formatDate } from '../../../shared/dates.ts';
import { TARGET_GROUP_LABELS, type TargetGroup } from '../../../shared/enums.ts';
import type { SummaryReport } from '../../../shared/report-answers.ts';

/** The development summary as a paragraph of Vietnamese prose, in the style of the article. */
export function summaryProse(report: Omit<SummaryReport, 'text'>): string {
  const year = report.from.slice(0, 4);
  const wholeYear = report.from === `${year}-01-01` && report.to === `${year}-12-31`;
  const period = wholeYear
    ? `Năm ${year}`
    : `Từ ngày ${formatDate(report.from)} đến ngày ${formatDate(report.to)}`;
  const parts: string[] = [];
  const cell = report.organizationKind === 'cell';
  // The plan is said once, as the article's first sentence says it ("đạt 160% kế hoạch"): a
  // second "vượt 60%" repeats the same figure.
  let first = `${period}, ${cell ? 'Chi bộ' : 'toàn Đảng bộ'} đã kết nạp ${formatNumber(report.admissions)} đảng viên mới`;
  if (report.planPercent !== null && report.plannedAdmissions !== null) {
    first += `, đạt ${formatNumber(report.planPercent)}% kế hoạch`;
  }
  first += `, nâng tổng số đảng viên lên ${formatNumber(report.membersAtEnd)} người.`;
  parts.push(first);
  const change = report.netChange;
  parts.push(
    `So với đầu kỳ (${formatNumber(report.membersAtStart)} đảng viên), số đảng viên ${change >= 0 ? 'tăng' : 'giảm'} ${formatNumber(Math.abs(change))} người.`,
  );
  const groups = Object.entries(report.admissionsByTargetGroup)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([g, n]) => `${TARGET_GROUP_LABELS[g as TargetGroup].toLowerCase()} ${formatNumber(n)}`);
  if (groups.length > 0) parts.push(`Trong số đảng viên mới kết nạp có: ${groups.join(', ')}.`);
  // Villages only where the organization has villages (a school's cell has none).
  const villages = report.unitsWithoutMembers.village ?? 0;
  if ((report.unitsCovered.village ?? 0) > 0)
    parts.push(
      villages === 0
        ? `${cell ? 'Chi bộ' : 'Đảng bộ'} không còn bản chưa có đảng viên.`
        : `Còn ${formatNumber(villages)} bản chưa có đảng viên.`,
    );
  return parts.join(' ');
}
