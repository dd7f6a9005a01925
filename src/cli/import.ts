import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { AppError } from '../server/lib/errors.ts';
import { formatNumber } from '../shared/text.ts';
import { IMPORT_KINDS, type ImportKind } from '../server/modules/imports/imports.columns.ts';
import { fileFromPath } from '../server/modules/imports/imports.reader.ts';
import { importFile, type ImportResult } from '../server/modules/imports/imports.service.ts';
import { buildTemplate } from '../server/modules/imports/exports.service.ts';
import { databaseUrl, withContext } from './common.ts';

interface ImportOptions {
  dryRun?: boolean;
  format: string;
  database?: string;
  out?: string;
  org?: string;
}

function requireKind(kind: string): ImportKind {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind))
    throw new AppError('validation', `Không nhập được "${kind}"; chọn ${IMPORT_KINDS.join(', ')}`);
  return kind as ImportKind;
}

/** A preview as text: the counts, then every row that is not plainly new or unchanged. */
function previewText(result: ImportResult): string {
  const c = result.counts;
  const lines = [
    `${result.dryRun ? 'Xem trước' : 'Đã nhập'} ${result.file}: ${formatNumber(result.rows)} dòng — mới ${formatNumber(c.new)}, cập nhật ${formatNumber(c.update)}, không đổi ${formatNumber(c.unchanged)}, trùng ${formatNumber(c.duplicate)}, lỗi ${formatNumber(c.error)}`,
  ];
  if (result.ignoredColumns.length > 0)
    lines.push(`Bỏ qua các cột: ${result.ignoredColumns.join(', ')}`);
  for (const item of result.items) {
    if (item.status === 'new' && item.warnings.length === 0) continue;
    if (item.status === 'unchanged') continue;
    const where = item.organizationCode ?? item.unitCode ?? '';
    const head = `dòng ${item.row} [${item.status}] ${item.fullName}${where ? ` → ${where}` : ''}`;
    const details = [
      ...item.errors.map((e) => `${e.column}: ${e.message}`),
      ...(item.duplicateOf ? [`trùng: ${item.duplicateOf.reason}`] : []),
      ...(item.changes.length > 0 ? [`đổi: ${item.changes.join(', ')}`] : []),
      ...item.warnings.map((w) => `cảnh báo: ${w.message}`),
    ];
    lines.push(`${head}${details.length > 0 ? ` — ${details.join('; ')}` : ''}`);
  }
  if (result.truncated)
    lines.push(
      `(tệp lớn: chỉ liệt kê ${formatNumber(result.itemLimit)} dòng, dòng lỗi hoặc trùng trước, rồi dòng có cảnh báo; số đếm ở trên tính trên cả tệp)`,
    );
  return lines.join('\n');
}

/**
 * `dangvien import people|members|candidates|organizations|units FILE [--dry-run] [--format json]`,
 * `dangvien import template KIND [--out F]` (the template on stdout without --out).
 */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'nhập người, đảng viên, quần chúng, tổ chức đảng, đơn vị từ tệp .xlsx/.csv; "import template KIND" ghi tệp mẫu',
    )
    .argument('<kind>', `${IMPORT_KINDS.join(' | ')} | template`)
    .argument('<file>', 'tệp .xlsx hoặc .csv (với template: loại mẫu)')
    .option('--dry-run', 'chỉ xem trước, không ghi gì')
    .option('--format <format>', 'text | json', 'text')
    .option('--out <file>', 'tệp mẫu cần ghi (template; không có thì ghi ra stdout)')
    .option('--org <code>', 'tổ chức đảng cho danh mục trong tệp mẫu')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (kindArg: string, fileArg: string, options: ImportOptions) => {
      const url = databaseUrl(options.database);
      if (kindArg === 'template') {
        const kind = requireKind(fileArg);
        const out = options.out;
        if (!out && process.stdout.isTTY)
          throw new AppError(
            'validation',
            'Cần --out FILE.xlsx cho tệp mẫu (hoặc chuyển tệp ra: > mau.xlsx)',
          );
        const template = await withContext(url, (ctx) =>
          buildTemplate(ctx, systemActor('cli'), kind, options.org),
        );
        if (out) {
          await writeFile(out, template);
          process.stderr.write(`dangvien: đã ghi mẫu ${out}\n`);
        } else process.stdout.write(template);
        return;
      }
      const kind = requireKind(kindArg);
      const file = await fileFromPath(fileArg);
      const controller = new AbortController();
      const onSigint = () => {
        process.stderr.write('\ndangvien: đang hủy; không có gì được ghi…\n');
        controller.abort();
      };
      process.once('SIGINT', onSigint);
      const started = Date.now();
      const progress = (rows: number) => {
        if (process.stderr.isTTY || rows % 10000 === 0)
          process.stderr.write(
            `\rdangvien: đã đọc ${formatNumber(rows)} dòng (${formatNumber(Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000)))} dòng/giây)${process.stderr.isTTY ? '' : '\n'}`,
          );
      };
      try {
        const result = await withContext(url, async (ctx) => {
          try {
            return await importFile(ctx, systemActor('cli'), kind, file, {
              write: !options.dryRun,
              signal: controller.signal,
              onProgress: progress,
            });
          } catch (error) {
            // A refused file still prints its preview, so every bad row is named on stdout.
            const preview = error instanceof AppError ? error.details?.preview : undefined;
            if (preview)
              process.stdout.write(
                `${options.format === 'json' ? JSON.stringify(preview, null, 2) : previewText(preview as ImportResult)}\n`,
              );
            throw error;
          }
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        process.stdout.write(
          `${options.format === 'json' ? JSON.stringify(result, null, 2) : previewText(result)}\n`,
        );
      } finally {
        process.off('SIGINT', onSigint);
      }
      if (controller.signal.aborted) process.exitCode = 130;
    });
}
