import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { AppError } from '../server/lib/errors.ts';
import {
  alreadyInitialised,
  initialise,
  setupStatus,
} from '../server/modules/setup/setup.service.ts';
import { INSTALLATION_LEVELS } from '../shared/setup-contracts.ts';
import { readPassword } from './accounts.ts';
import { databaseUrl, output, withContext } from './common.ts';

/** The command's option for each field the use case names in its errors. */
const OPTION_OF_FIELD: Record<string, string> = {
  code: '--code',
  name: '--name',
  level: '--level',
  establishedOn: '--from',
  place: '--place',
  username: '--admin',
  displayName: '--admin-name',
  password: 'mật khẩu',
};

/** Runs the use case; its field errors name the command's options (`--from`, not establishedOn). */
async function namingOptions<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError) || error.errors.length === 0) throw error;
    throw new AppError(
      error.code,
      error.message,
      error.errors.map((e) => ({ ...e, field: OPTION_OF_FIELD[e.field] ?? e.field })),
      error.details,
    );
  }
}

/**
 * `dangvien init`: an empty database becomes an installation with its top organization, its
 * first administrator (password on stdin, typed twice at a terminal) and the place line of its
 * documents (SPEC §9). Refused, writing nothing, once the database has an organization.
 */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'khởi tạo cơ sở dữ liệu trống: tổ chức đảng cấp cao nhất, quản trị viên đầu tiên (mật khẩu đọc từ stdin), địa danh ghi trên văn bản',
    )
    .requiredOption('--code <code>', 'mã tổ chức đảng cấp cao nhất, ví dụ DB')
    .requiredOption('--name <name>', 'tên tổ chức, ví dụ "Đảng bộ tỉnh Điện Biên"')
    .requiredOption('--level <level>', INSTALLATION_LEVELS.join('|'))
    .requiredOption('--from <date>', 'ngày bắt đầu quản lý trên hệ thống, YYYY-MM-DD')
    .requiredOption('--admin <username>', 'tên đăng nhập của quản trị viên đầu tiên')
    .option('--admin-name <name>', 'họ tên của quản trị viên')
    .option('--place <place>', 'địa danh ghi ở dòng ngày tháng của văn bản, ví dụ "Điện Biên"')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(
      async (options: {
        code: string;
        name: string;
        level: string;
        from: string;
        admin: string;
        adminName?: string;
        place?: string;
        database?: string;
      }) => {
        const result = await namingOptions(() =>
          withContext(databaseUrl(options.database), async (ctx) => {
            // Asked for no password on an installation that will refuse anyway.
            if ((await setupStatus(ctx)).initialised) throw alreadyInitialised();
            const password = await readPassword({ confirm: true });
            return initialise(ctx, systemActor('cli'), {
              code: options.code,
              name: options.name,
              level: options.level as (typeof INSTALLATION_LEVELS)[number],
              establishedOn: options.from,
              ...(options.place !== undefined ? { place: options.place } : {}),
              username: options.admin,
              displayName: options.adminName ?? null,
              password,
            });
          }),
        );
        process.stderr.write(
          `dangvien: đã khởi tạo ${result.organization.name} (${result.organization.code}); quản trị viên ${result.administrator.username}\n`,
        );
        await output(JSON.stringify(result, null, 2), undefined);
      },
    );
}
