import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { AppError } from '../server/lib/errors.ts';
import {
  BACKUP_FORMATS,
  backupDatabase,
  restoreDatabase,
  type BackupFormat,
} from '../server/modules/backup/backup.service.ts';
import { databaseUrl, withContext } from './common.ts';

/** `dangvien backup FILE [--format sqlite|portable]` and `dangvien restore FILE` (into an empty database). */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('sao lưu cơ sở dữ liệu (SQLite: bản sao trực tuyến; PostgreSQL: tệp .jsonl.gz)')
    .argument('<file>', 'tệp sao lưu')
    .option('--format <format>', BACKUP_FORMATS.join(' | '))
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (file: string, options: { format?: string; database?: string }) => {
      if (options.format && !(BACKUP_FORMATS as readonly string[]).includes(options.format))
        throw new AppError('validation', `Định dạng sao lưu: ${BACKUP_FORMATS.join(', ')}`);
      const url = databaseUrl(options.database);
      const result = await withContext(url, (ctx) =>
        backupDatabase(ctx, systemActor('cli'), {
          file,
          databaseUrl: url,
          format: options.format as BackupFormat | undefined,
        }),
      );
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
  program
    .command('restore')
    .description('khôi phục bản sao lưu vào một cơ sở dữ liệu trống (SQLite hoặc PostgreSQL)')
    .argument('<file>', 'tệp sao lưu (SQLite hoặc .jsonl.gz)')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (file: string, options: { database?: string }) => {
      const result = await withContext(databaseUrl(options.database), (ctx) =>
        restoreDatabase(ctx, systemActor('cli'), { file }),
      );
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}
