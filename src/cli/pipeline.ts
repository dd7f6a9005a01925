import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { AppError } from '../server/lib/errors.ts';
import { listAlerts, type Alert } from '../server/modules/alerts/alerts.service.ts';
import { addHoliday, getHolidays } from '../server/modules/calendar/calendar.service.ts';
import { recomputeDueDates } from '../server/modules/candidates/candidates.service.ts';
import { ALERT_LABELS } from '../shared/pipeline.ts';
import { formatDate } from '../shared/dates.ts';
import { databaseUrl, output, withContext } from './common.ts';

function alertsText(alerts: Alert[]): string {
  if (alerts.length === 0) return 'Không có cảnh báo.';
  return alerts
    .map(
      (a) =>
        `${ALERT_LABELS[a.kind]} | ${a.person.fullName} | ${a.organization.name} (${a.organization.code}) | hạn ${formatDate(a.dueOn)} | ${a.daysOverdue >= 0 ? `quá ${a.daysOverdue} ngày` : `còn ${-a.daysOverdue} ngày`}`,
    )
    .join('\n');
}

/** `dangvien alerts …` and `dangvien holidays list|add …`: the pipeline's commands. */
export function registerPipeline(program: Command): void {
  program
    .command('alerts')
    .description('cảnh báo quá hạn của công tác phát triển đảng viên')
    .option('--org <code>', 'mã tổ chức đảng (mặc định: tổ chức gốc)')
    .option('--as-of <date>', 'tại ngày YYYY-MM-DD (mặc định: hôm nay)')
    .option('--kind <kind>', 'chỉ một loại cảnh báo')
    .option('--format <format>', 'json | text', 'json')
    .option('--out <file>', 'ghi ra tệp')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(
      async (options: {
        org?: string;
        asOf?: string;
        kind?: string;
        format: string;
        out?: string;
        database?: string;
      }) => {
        if (!['json', 'text'].includes(options.format))
          throw new AppError(
            'validation',
            `Định dạng "${options.format}" không hỗ trợ (json, text)`,
          );
        const alerts = await withContext(databaseUrl(options.database), (ctx) =>
          listAlerts(ctx, systemActor('cli'), {
            org: options.org,
            asOf: options.asOf,
            kind: options.kind,
          }),
        );
        await output(
          options.format === 'json' ? JSON.stringify(alerts, null, 2) : alertsText(alerts),
          options.out,
        );
      },
    );

  const holidays = program.command('holidays').description('lịch ngày nghỉ lễ và ngày làm bù');
  holidays
    .command('list')
    .option('--year <year>', 'một năm')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (options: { year?: string; database?: string }) => {
      const result = await withContext(databaseUrl(options.database), (ctx) =>
        getHolidays(ctx, systemActor('cli'), options.year ? Number(options.year) : undefined),
      );
      await output(JSON.stringify(result, null, 2), undefined);
    });
  holidays
    .command('add')
    .argument('<date>', 'ngày YYYY-MM-DD')
    .requiredOption('--name-vi <name>', 'tên tiếng Việt')
    .option('--name <name>', 'tên tiếng Anh')
    .option(
      '--kind <kind>',
      'fixed | lunar_new_year | hung_kings | compensatory | bridge | makeup_workday | other',
      'other',
    )
    .option('--working', 'ngày làm bù (thứ Bảy hoặc Chủ nhật)')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(
      async (
        date: string,
        options: {
          nameVi: string;
          name?: string;
          kind: string;
          working?: boolean;
          database?: string;
        },
      ) => {
        const result = await withContext(databaseUrl(options.database), async (ctx) => {
          const row = await addHoliday(ctx, systemActor('cli'), {
            date,
            name: options.name ?? options.nameVi,
            nameVi: options.nameVi,
            kind: options.kind as 'other',
            working: options.working === true,
          });
          // Deadlines already stored were counted with the old calendar.
          const recomputed = await recomputeDueDates(ctx.db);
          return { ...row, dueDatesRecomputed: recomputed };
        });
        await output(JSON.stringify(result, null, 2), undefined);
      },
    );
}
