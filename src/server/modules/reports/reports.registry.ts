import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { formatNumber } from '../../../shared/text.ts';
import { formatDate } from '../../../shared/dates.ts';
import { cellText, reportDocument } from './render/document.ts';
import { EDUCATION_LABELS, SECTOR_LABELS, TARGET_GROUP_LABELS } from '../../../shared/enums.ts';
import type {
  PipelineReport,
  SectorReport,
  StatisticsReport,
  SummaryReport,
} from '../../../shared/report-answers.ts';
import { statisticsReport, summaryReport, sectorReport } from './reports.service.ts';
import { resolutionReport, trendReport } from './progress.service.ts';
import { ratingsReport } from '../ratings/ratings.service.ts';
import { pipelineReport, pipelineReportText } from './pipeline.report.ts';

/** Every report the CLI and the API serve, by the name used in both (SPEC §9). */
export const REPORTS = {
  summary: { title: 'Báo cáo tổng hợp công tác phát triển đảng viên', run: summaryReport },
  statistics: { title: 'Thống kê đảng viên', run: statisticsReport },
  sector: { title: 'Báo cáo theo ngành', run: sectorReport },
  resolution: { title: 'Tiến độ thực hiện nghị quyết', run: resolutionReport },
  ratings: { title: 'Kết quả xếp loại chất lượng', run: ratingsReport },
  trend: { title: 'Diễn biến số lượng đảng viên', run: trendReport },
  pipeline: { title: 'Tiến độ công tác phát triển đảng viên', run: pipelineReport },
} satisfies Record<
  string,
  { title: string; run: (ctx: AppContext, actor: Actor, query: unknown) => Promise<unknown> }
>;

/** A report's name. */
export type ReportName = keyof typeof REPORTS;

function lines(entries: Record<string, number>, labels: Record<string, string> = {}): string[] {
  return Object.entries(entries).map(([k, v]) => `  ${labels[k] ?? k}: ${formatNumber(v)}`);
}

const GENDER_LABELS: Record<string, string> = { male: 'Nam', female: 'Nữ' };

/** A report laid out as tables, as plain text (the same tables as the XLSX/DOCX files). */
function documentText(name: string, title: string, result: unknown): string {
  const doc = reportDocument(name, title, result, { at: '', by: '', place: '' });
  const out = [`${title} — ${doc.organization.name} (${doc.organization.code})`, doc.period, ''];
  if (doc.prose) out.push(doc.prose, '');
  for (const table of doc.tables) {
    out.push(`${table.title}:`);
    for (const row of table.rows)
      out.push(`  ${table.columns.map((c) => cellText(row[c.key] ?? null, c.kind)).join(' | ')}`);
  }
  return out.join('\n');
}

/** A report as plain Vietnamese text for the terminal. */
export function reportText(name: ReportName, result: unknown): string {
  switch (name) {
    case 'summary': {
      const r = result as SummaryReport;
      return [
        `${REPORTS.summary.title} — ${r.organization.name} (${r.organization.code})`,
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
    case 'statistics': {
      const r = result as StatisticsReport;
      return [
        `${REPORTS.statistics.title} — ${r.organization.name} tại ngày ${formatDate(r.asOf)}`,
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
    case 'resolution':
    case 'ratings':
    case 'trend':
      return documentText(name, REPORTS[name].title, result);
    case 'pipeline':
      return pipelineReportText(result as PipelineReport);
    case 'sector': {
      const r = result as SectorReport;
      return [
        `${REPORTS.sector.title} (${SECTOR_LABELS[r.sector]}) — ${r.organization.name} tại ngày ${formatDate(r.asOf)}`,
        `Chi bộ: ${formatNumber(r.cells)} và ${formatNumber(r.combinedCells)} chi bộ ghép`,
        `Đảng viên / cán bộ: ${formatNumber(r.members)} / ${formatNumber(r.staff)}`,
        `Quần chúng ưu tú được bồi dưỡng: ${formatNumber(r.candidatesFostered)}${r.candidatesFosteredTarget !== null ? ` (chỉ tiêu ${formatNumber(r.candidatesFosteredTarget)}${r.candidatesFosteredTargetMax ? `–${formatNumber(r.candidatesFosteredTargetMax)}` : ''})` : ''}`,
      ].join('\n');
    }
  }
}
