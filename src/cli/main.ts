import { Command } from 'commander';
import { AppError } from '../server/lib/errors.ts';
import { databaseFailure } from '../server/db/failures.ts';
import { registerAccounts } from './accounts.ts';
import { registerDemo } from './demo.ts';
import { registerGenerate } from './generate.ts';
import { registerReport } from './report.ts';
import { registerServe } from './serve.ts';
import { registerImport } from './import.ts';
import { registerExport } from './export.ts';
import { registerBackup } from './backup.ts';
import { registerPipeline } from './pipeline.ts';
import { registerTallies } from './tallies.ts';
import { registerInit } from './init.ts';
import { registerSettings } from './settings.ts';
import { registerRegulation } from './regulation.ts';

const program = new Command('dangvien')
  .description('Quản lý công tác phát triển đảng viên')
  .showHelpAfterError()
  .exitOverride();

registerInit(program);
registerServe(program);
registerDemo(program);
registerGenerate(program);
registerReport(program);
registerAccounts(program);
registerPipeline(program);
registerImport(program);
registerExport(program);
registerBackup(program);
registerTallies(program);
registerSettings(program);
registerRegulation(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (
    error instanceof Error &&
    'code' in error &&
    String((error as { code: unknown }).code).startsWith('commander.')
  ) {
    const exitCode = (error as { exitCode?: number }).exitCode ?? 2;
    process.exit(exitCode);
  }
  // A driver error that means "the database cannot serve now" gets the API's clear message.
  const known = error instanceof AppError ? error : (databaseFailure(error) ?? error);
  const message =
    known instanceof AppError
      ? `${known.message}${known.errors.length > 0 ? `: ${known.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}` : ''}`
      : known instanceof Error
        ? known.message
        : String(known);
  process.stderr.write(`dangvien: ${message.replace(/\s+/g, ' ')}\n`);
  process.exit(1);
}
