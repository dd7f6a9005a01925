import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { AppError } from '../server/lib/errors.ts';
import {
  REPORTS,
  reportText,
  type ReportName,
} from '../server/modules/reports/reports.registry.ts';
import { databaseUrl, output, withContext } from './common.ts';

interface ReportOptions {
  org?: string;
  from?: string;
  to?: string;
  year?: string;
  asOf?: string;
  sector?: string;
  format: string;
  out?: string;
  database?: string;
}

/** `dangvien report <name> [--org CODE] [--from D] [--to D] [--year Y] [--as-of D] [--sector S] [--format json|text] [--out FILE]` */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(`lập báo cáo: ${Object.keys(REPORTS).join(', ')}`)
    .argument('<name>', 'tên báo cáo')
    .option('--org <code>', 'mã tổ chức đảng (mặc định: tổ chức gốc)')
    .option('--from <date>', 'từ ngày YYYY-MM-DD')
    .option('--to <date>', 'đến ngày YYYY-MM-DD')
    .option('--year <year>', 'cả năm')
    .option('--as-of <date>', 'tại ngày YYYY-MM-DD')
    .option('--sector <sector>', 'ngành (education, health, …)')
    .option('--format <format>', 'json | text', 'json')
    .option('--out <file>', 'ghi ra tệp')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (name: string, options: ReportOptions) => {
      if (!(name in REPORTS))
        throw new AppError(
          'validation',
          `Không có báo cáo "${name}"; chọn một trong: ${Object.keys(REPORTS).join(', ')}`,
        );
      const report = REPORTS[name as ReportName];
      const query = {
        org: options.org,
        from: options.from,
        to: options.to,
        year: options.year,
        asOf: options.asOf,
        sector: options.sector,
      };
      const content = await withContext(databaseUrl(options.database), async (ctx) => {
        const result = await report.run(ctx, systemActor('cli'), query);
        switch (options.format) {
          case 'json':
            return JSON.stringify(result, null, 2);
          case 'text':
            return reportText(name as ReportName, result);
          default:
            throw new AppError(
              'validation',
              `Định dạng "${options.format}" chưa hỗ trợ cho báo cáo này (json, text)`,
            );
        }
      });
      await output(content, options.out);
    });
}
