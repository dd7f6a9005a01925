import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { AppError } from '../server/lib/errors.ts';
import { runReport } from '../server/modules/reports/reports.registry.ts';
import { exportReport } from '../server/modules/reports/reports.export.ts';
import { EXPORT_FORMATS, REPORT_NAMES, isExportFormat, isReportName } from '../shared/reports.ts';
import { databaseUrl, output, withContext } from './common.ts';

interface ReportOptions {
  org?: string;
  from?: string;
  to?: string;
  year?: string;
  asOf?: string;
  sector?: string;
  quarter?: string;
  scheme?: string;
  format: string;
  out?: string;
  database?: string;
}

/** `dangvien report <name> [--org CODE] [--from D] [--to D] [--year Y] [--quarter Q] [--as-of D] [--sector S] [--format json|text|xlsx|docx|html] [--out FILE]` */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(`lập báo cáo: ${REPORT_NAMES.join(', ')}`)
    .argument('<name>', 'tên báo cáo')
    .option('--org <code>', 'mã tổ chức đảng (mặc định: tổ chức gốc)')
    .option('--from <date>', 'từ ngày YYYY-MM-DD')
    .option('--to <date>', 'đến ngày YYYY-MM-DD')
    .option('--year <year>', 'cả năm')
    .option('--as-of <date>', 'tại ngày YYYY-MM-DD')
    .option('--sector <sector>', 'ngành (education, health, …)')
    .option('--quarter <q>', 'quý 1–4 (báo cáo xếp loại)')
    .option('--scheme <code>', 'bộ tiêu chí xếp loại (mặc định: bộ đang áp dụng)')
    .option('--format <format>', 'json | text | xlsx | docx | html', 'json')
    .option('--out <file>', 'ghi ra tệp')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (name: string, options: ReportOptions) => {
      if (!isReportName(name))
        throw new AppError(
          'validation',
          `Không có báo cáo "${name}"; chọn một trong: ${REPORT_NAMES.join(', ')}`,
        );
      const query = {
        org: options.org,
        from: options.from,
        to: options.to,
        year: options.year,
        asOf: options.asOf,
        sector: options.sector,
        ...(options.quarter ? { quarter: options.quarter } : {}),
        ...(options.scheme ? { scheme: options.scheme } : {}),
      };
      const content = await withContext(databaseUrl(options.database), async (ctx) => {
        const actor = systemActor(process.env.USER ? `cli:${process.env.USER}` : 'cli');
        if (options.format === 'json')
          return JSON.stringify((await runReport(ctx, actor, name, query)).answer, null, 2);
        if (isExportFormat(options.format)) {
          const file = await exportReport(ctx, actor, name, query, options.format);
          return file.body;
        }
        throw new AppError(
          'validation',
          `Định dạng "${options.format}" không hỗ trợ; chọn json, ${EXPORT_FORMATS.join(', ')}`,
        );
      });
      await output(content, options.out);
    });
}
