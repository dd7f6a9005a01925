import type { Command } from 'commander';
import {
  compactTallies,
  rebuildTallies,
  tallyDifferences,
} from '../server/modules/reports/tallies.repository.ts';
import { databaseUrl, withContext } from './common.ts';

/**
 * `dangvien tallies check|compact|rebuild`: the member tallies of the country and upper-level
 * committees (PostgreSQL). `check` compares them with a count from scratch and exits 1 on any
 * difference; `compact` folds pending deltas in; `rebuild` counts them again.
 */
export function registerTallies(program: Command): void {
  const tallies = program
    .command('tallies')
    .description('số liệu đảng viên tổng hợp sẵn của cấp trên cơ sở (PostgreSQL)');
  tallies
    .command('check')
    .description('đối chiếu với số đếm lại từ đầu; thoát 1 nếu có chênh lệch')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (options: { database?: string }) => {
      const differences = await withContext(databaseUrl(options.database), (ctx) =>
        tallyDifferences(ctx.db),
      );
      process.stdout.write(`${JSON.stringify({ count: differences.length, differences })}\n`);
      if (differences.length > 0) process.exitCode = 1;
    });
  for (const [name, description, run] of [
    ['compact', 'gộp các thay đổi đang chờ vào số tổng hợp', compactTallies],
    ['rebuild', 'đếm lại toàn bộ số tổng hợp', rebuildTallies],
  ] as const)
    tallies
      .command(name)
      .description(description)
      .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
      .action(async (options: { database?: string }) => {
        const started = Date.now();
        await withContext(databaseUrl(options.database), (ctx) => run(ctx.db));
        process.stdout.write(
          `${JSON.stringify({ [name]: 'ok', seconds: (Date.now() - started) / 1000 })}\n`,
        );
      });
}
