import { formatNumber } from '../../../shared/text.ts';
import { formatDate } from '../../../shared/dates.ts';
import {
  TARGET_GROUP_LABELS,
  TARGET_GROUP_LABELS_EN,
  type TargetGroup,
} from '../../../shared/enums.ts';
import type { SummaryReport } from '../../../shared/report-answers.ts';

/** The development summary as a paragraph of Vietnamese prose, in the style of the article. */
export function summaryProse(report: Omit<SummaryReport, 'text' | 'textEn'>): string {
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

/** The same paragraph in English, for the English screen (figures written the English way). */
export function summaryProseEn(report: Omit<SummaryReport, 'text' | 'textEn'>): string {
  const year = report.from.slice(0, 4);
  const wholeYear = report.from === `${year}-01-01` && report.to === `${year}-12-31`;
  const en = (n: number) => n.toLocaleString('en-GB');
  const period = wholeYear
    ? `In ${year}`
    : `From ${formatDate(report.from)} to ${formatDate(report.to)}`;
  const who = report.organizationKind === 'cell' ? 'the cell' : 'the whole Party organization';
  const parts: string[] = [];
  let first = `${period}, ${who} admitted ${en(report.admissions)} new members`;
  if (report.planPercent !== null && report.plannedAdmissions !== null)
    first += `, ${en(report.planPercent)}% of the plan`;
  first += `, bringing the membership to ${en(report.membersAtEnd)}.`;
  parts.push(first);
  const change = report.netChange;
  parts.push(
    `Against the start of the period (${en(report.membersAtStart)} members), membership ${change >= 0 ? 'rose' : 'fell'} by ${en(Math.abs(change))}.`,
  );
  const groups = Object.entries(report.admissionsByTargetGroup)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([g, n]) => `${TARGET_GROUP_LABELS_EN[g as TargetGroup]} ${en(n)}`);
  if (groups.length > 0) parts.push(`Among the new members: ${groups.join(', ')}.`);
  const villages = report.unitsWithoutMembers.village ?? 0;
  if ((report.unitsCovered.village ?? 0) > 0)
    parts.push(
      villages === 0
        ? 'Every village now has Party members.'
        : `${en(villages)} villages still have no Party member.`,
    );
  return parts.join(' ');
}
