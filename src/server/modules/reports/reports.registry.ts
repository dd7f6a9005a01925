import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { formatNumber } from '../../../shared/text.ts';
import { formatDate } from '../../../shared/dates.ts';
import { REPORT_CATALOG, type ReportAnswers, type ReportName } from '../../../shared/reports.ts';
import {
  cellText,
  genericDocument,
  ratingsDocument,
  reportDocument,
  resolutionDocument,
  sectorDocument,
  statisticsDocument,
  summaryDocument,
  trendDocument,
  type DocumentBody,
} from './render/document.ts';
import { EDUCATION_LABELS, SECTOR_LABELS, TARGET_GROUP_LABELS } from '../../../shared/enums.ts';
import type {
  SectorReport,
  StatisticsReport,
  SummaryReport,
} from '../../../shared/report-answers.ts';
import { statisticsReport, summaryReport, sectorReport } from './reports.service.ts';
import { resolutionReport, trendReport } from './progress.service.ts';
import { ratingsReport } from '../ratings/ratings.service.ts';
import { pipelineReport, pipelineReportText } from './pipeline.report.ts';

/**
 * A report as the server serves it: how it is run (its query is validated by the report service
 * itself, for the CLI and the API alike), written as text for the terminal and laid out as
 * tables for XLSX/DOCX/HTML. Its name, title and answer type come from the shared catalog.
 */
export interface ServerReport<N extends ReportName> {
  title: string;
  run: (ctx: AppContext, actor: Actor, query: unknown) => Promise<ReportAnswers[N]>;
  text: (answer: ReportAnswers[N]) => string;
  document: (answer: ReportAnswers[N]) => DocumentBody;
}

function lines(entries: Record<string, number>, labels: Record<string, string> = {}): string[] {
  return Object.entries(entries).map(([k, v]) => `  ${labels[k] ?? k}: ${formatNumber(v)}`);
}

const GENDER_LABELS: Record<string, string> = { male: 'Nam', female: 'Nữ' };

/** A report without prose of its own, as text: the same tables as its XLSX/DOCX files. */
function tablesText<N extends ReportName>(
  name: N,
  document: (answer: ReportAnswers[N]) => DocumentBody,
) {
  return (answer: ReportAnswers[N]): string => {
    const doc = document(answer);
    const out = [
      `${REPORT_CATALOG[name].title} — ${doc.organization.name} (${doc.organization.code})`,
      doc.period,
      '',
    ];
    if (doc.prose) out.push(doc.prose, '');
    for (const table of doc.tables) {
      out.push(`${table.title}:`);
      for (const row of table.rows)
        out.push(`  ${table.columns.map((c) => cellText(row[c.key] ?? null, c.kind)).join(' | ')}`);
    }
    return out.join('\n');
  };
}

function summaryText(r: SummaryReport): string {
  return [
    `${REPORT_CATALOG.summary.title} — ${r.organization.name} (${r.organization.code})`,
    `Từ ${formatDate(r.from)} đến ${formatDate(r.to)}`,
    '',
    r.text,
    '',
    `Đảng viên đầu kỳ: ${formatNumber(r.membersAtStart)}`,
    `Đảng viên cuối kỳ: ${formatNumber(r.membersAtEnd)}`,
    `Kết nạp: ${formatNumber(r.admissions)}${r.plannedAdmissions !== null ? ` / kế hoạch ${formatNumber(r.plannedAdmissions)} (${formatNumber(r.planPercent ?? 0, 1)}%)` : ''}`,
    'Kết nạp theo đối tượng:',
    ...lines(r.admissionsByTargetGroup, TARGET_GROUP_LABELS),
    'Kết nạp theo tổ chức trực thuộc:',
    ...r.admissionsByOrganization.map((o) => `  ${o.name}: ${formatNumber(o.admissions)}`),
    `Bản chưa có đảng viên: ${formatNumber(r.unitsWithoutMembers.village ?? 0)}`,
  ].join('\n');
}

function statisticsText(r: StatisticsReport): string {
  return [
    `${REPORT_CATALOG.statistics.title} — ${r.organization.name} tại ngày ${formatDate(r.asOf)}`,
    `Tổng số: ${formatNumber(r.members)} (chính thức ${formatNumber(r.official)}, dự bị ${formatNumber(r.probationary)})`,
    'Giới tính:',
    ...lines(r.byGender, GENDER_LABELS),
    'Dân tộc:',
    ...lines(r.byEthnicity),
    'Độ tuổi:',
    ...lines(r.byAgeBand),
    'Trình độ học vấn:',
    ...lines(r.byEducation, EDUCATION_LABELS),
    'Tôn giáo:',
    ...lines(r.byReligion),
    'Lý luận chính trị:',
    ...lines(r.byPoliticalTheory),
    'Nghề nghiệp:',
    ...lines(r.byOccupation),
    'Đối tượng:',
    ...lines(r.byTargetGroup, TARGET_GROUP_LABELS),
    'Theo tổ chức trực thuộc:',
    ...r.byOrganization.map(
      (o) =>
        `  ${o.name}: ${formatNumber(o.members)} (chính thức ${formatNumber(o.official)}, dự bị ${formatNumber(o.probationary)})`,
    ),
  ].join('\n');
}

function sectorText(r: SectorReport): string {
  return [
    `${REPORT_CATALOG.sector.title} (${SECTOR_LABELS[r.sector]}) — ${r.organization.name} tại ngày ${formatDate(r.asOf)}`,
    `Chi bộ: ${formatNumber(r.cells)} và ${formatNumber(r.combinedCells)} chi bộ ghép`,
    `Đảng viên / cán bộ: ${formatNumber(r.members)} / ${formatNumber(r.staff)}`,
    `Quần chúng ưu tú được bồi dưỡng: ${formatNumber(r.candidatesFostered)}${r.candidatesFosteredTarget !== null ? ` (chỉ tiêu ${formatNumber(r.candidatesFosteredTarget)}${r.candidatesFosteredTargetMax ? `–${formatNumber(r.candidatesFosteredTargetMax)}` : ''})` : ''}`,
  ].join('\n');
}

/** Every report the CLI and the API serve (SPEC §9), one object each; the names are the catalog's. */
export const REPORTS: { readonly [N in ReportName]: ServerReport<N> } = {
  summary: {
    title: REPORT_CATALOG.summary.title,
    run: summaryReport,
    text: summaryText,
    document: summaryDocument,
  },
  statistics: {
    title: REPORT_CATALOG.statistics.title,
    run: statisticsReport,
    text: statisticsText,
    document: statisticsDocument,
  },
  pipeline: {
    title: REPORT_CATALOG.pipeline.title,
    run: pipelineReport,
    text: pipelineReportText,
    document: genericDocument,
  },
  sector: {
    title: REPORT_CATALOG.sector.title,
    run: sectorReport,
    text: sectorText,
    document: sectorDocument,
  },
  resolution: {
    title: REPORT_CATALOG.resolution.title,
    run: resolutionReport,
    text: tablesText('resolution', resolutionDocument),
    document: resolutionDocument,
  },
  ratings: {
    title: REPORT_CATALOG.ratings.title,
    run: ratingsReport,
    text: tablesText('ratings', ratingsDocument),
    document: ratingsDocument,
  },
  trend: {
    title: REPORT_CATALOG.trend.title,
    run: trendReport,
    text: tablesText('trend', trendDocument),
    document: trendDocument,
  },
};

/** A report run and laid out: its answer, its text and its document, typed by its name. */
export async function runReport<N extends ReportName>(
  ctx: AppContext,
  actor: Actor,
  name: N,
  query: unknown,
): Promise<{ report: ServerReport<N>; answer: ReportAnswers[N] }> {
  const report: ServerReport<N> = REPORTS[name];
  return { report, answer: await report.run(ctx, actor, query) };
}

export { reportDocument };
export type { ReportName };
