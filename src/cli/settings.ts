import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { changeSetting, settingsList } from '../server/modules/reports/settings.service.ts';
import { databaseUrl, output, withContext } from './common.ts';

/** `dangvien setting list|set`: the installation's settings (place line, time zone of reports). */
export function registerSettings(program: Command): void {
  const setting = program.command('setting').description('thiết lập của bản cài đặt');
  setting
    .command('list')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (options: { database?: string }) => {
      const result = await withContext(databaseUrl(options.database), (ctx) =>
        settingsList(ctx, systemActor('cli')),
      );
      await output(JSON.stringify(result, null, 2), undefined);
    });
  setting
    .command('set')
    .argument('<key>', 'report.place | report.timeZone')
    .argument('<value>', 'giá trị mới')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (key: string, value: string, options: { database?: string }) => {
      const result = await withContext(databaseUrl(options.database), (ctx) =>
        changeSetting(ctx, systemActor('cli'), key, value),
      );
      await output(JSON.stringify(result, null, 2), undefined);
    });
}
