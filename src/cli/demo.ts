import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { generateDemo } from '../sample/demo/generate-demo.ts';
import { databaseUrl, withContext } from './common.ts';

/** The demo's default database (SPEC §9). */
export const DEMO_DATABASE_URL = 'sqlite:./data/demo.sqlite';

/** `dangvien demo [--database URL] [--seed N] [--if-missing]` */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('tạo bản demo Điện Biên Đông 2016–2018 trong một cơ sở dữ liệu trống')
    .option('--database <url>', 'cơ sở dữ liệu (mặc định sqlite:./data/demo.sqlite)')
    .option('--seed <n>', 'hạt giống ngẫu nhiên', '2018')
    .option('--if-missing', 'bỏ qua nếu tệp SQLite demo đã có')
    .action(async (options: { database?: string; seed: string; ifMissing?: boolean }) => {
      const url = options.database ?? DEMO_DATABASE_URL;
      if (
        options.ifMissing &&
        url.startsWith('sqlite:') &&
        existsSync(url.slice('sqlite:'.length))
      ) {
        process.stderr.write(`dangvien: bản demo đã có tại ${url}\n`);
        return;
      }
      const started = Date.now();
      const result = await withContext(databaseUrl(url), (ctx) =>
        generateDemo(ctx, systemActor('demo'), Number(options.seed)),
      );
      const { demoLogins } = await import('./demo-logins.ts');
      const logins = await demoLogins(url);
      process.stdout.write(
        `${JSON.stringify({ database: url, ...result, logins, seconds: (Date.now() - started) / 1000 }, null, 2)}\n`,
      );
    });
}
