import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { AppError } from '../server/lib/errors.ts';
import {
  EXPORT_KINDS,
  exportWorkbook,
  type ExportKind,
} from '../server/modules/imports/exports.service.ts';
import { databaseUrl, withContext } from './common.ts';

/** `dangvien export people|members|candidates|all [--org CODE] [--as-of D] --out FILE.xlsx` */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('xuất danh sách (hoặc toàn bộ tổ chức: all) ra tệp .xlsx theo cột của tệp mẫu')
    .argument('<kind>', EXPORT_KINDS.join(' | '))
    .option('--org <code>', 'mã tổ chức đảng (mặc định: tổ chức gốc)')
    .option('--as-of <date>', 'đảng viên, quần chúng tại ngày YYYY-MM-DD (mặc định hôm nay)')
    .requiredOption('--out <file>', 'tệp .xlsx cần ghi')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(
      async (
        kind: string,
        options: { org?: string; asOf?: string; out: string; database?: string },
      ) => {
        if (!(EXPORT_KINDS as readonly string[]).includes(kind))
          throw new AppError(
            'validation',
            `Không xuất được "${kind}"; chọn ${EXPORT_KINDS.join(', ')}`,
          );
        const out = createWriteStream(options.out);
        try {
          const result = await withContext(databaseUrl(options.database), (ctx) =>
            exportWorkbook(
              ctx,
              systemActor('cli'),
              { kind: kind as ExportKind, org: options.org, asOf: options.asOf },
              out,
            ),
          );
          await finished(out);
          process.stdout.write(`${JSON.stringify({ ...result, file: options.out })}\n`);
        } catch (error) {
          out.destroy();
          await rm(options.out, { force: true });
          throw error;
        }
      },
    );
}
