import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { generateNational } from '../sample/national/generate.ts';
import { databaseUrl, withContext } from './common.ts';

/** `dangvien generate --members N [--seed S] [--database URL]`: a synthetic national installation for benchmarks. */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description(
      'tạo một cài đặt toàn quốc tổng hợp (34 tỉnh, xã, chi bộ, đảng viên) để đo hiệu năng',
    )
    .requiredOption('--members <n>', 'số đảng viên tại ngày hôm nay (ví dụ 5600000)')
    .option('--seed <n>', 'hạt giống ngẫu nhiên', '1')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://… (phải trống)')
    .action(async (options: { members: string; seed: string; database?: string }) => {
      const result = await withContext(databaseUrl(options.database), (ctx) =>
        generateNational(
          ctx,
          systemActor('generate'),
          { members: options.members, seed: options.seed },
          (message) => process.stderr.write(`dangvien: ${message}\n`),
        ),
      );
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });
}
