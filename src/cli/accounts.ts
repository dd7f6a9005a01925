import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { AppError } from '../server/lib/errors.ts';
import {
  createApiToken,
  createUser,
  listUsers,
  revokeApiTokenById,
  unlockUser,
  updateUser,
} from '../server/modules/accounts/accounts.service.ts';
import { setupStatus } from '../server/modules/setup/setup.service.ts';
import { managedUserId, resetPassword } from '../server/modules/accounts/user-admin.service.ts';
import { USER_ROLES } from '../shared/account-contracts.ts';
import { databaseUrl, output, withContext } from './common.ts';

/**
 * Reads one line typed at the terminal without echoing it (raw mode): Enter ends it, Backspace
 * erases, Ctrl-C or Ctrl-D cancels.
 */
function readHiddenLine(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (error?: AppError) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (text: string) => {
      for (const char of text) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004')
          return finish(new AppError('validation', 'Đã hủy nhập mật khẩu'));
        if (char === '\u007f' || char === '\b') line = Array.from(line).slice(0, -1).join('');
        else line += char;
      }
    };
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * Reads the password from stdin: at a terminal typed without echo (twice with `confirm`, which
 * must match), else everything piped in without the final newline. Never from an argument, which
 * would land in the shell history, and never printed.
 */
export async function readPassword(options: { confirm?: boolean } = {}): Promise<string> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await readHiddenLine('Mật khẩu: ');
    if (options.confirm && password) {
      const again = await readHiddenLine('Nhập lại mật khẩu: ');
      if (again !== password)
        throw new AppError('validation', 'Hai lần nhập mật khẩu không khớp; không có gì được ghi');
    }
  } else {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    password = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  if (!password)
    throw new AppError('validation', 'Cần nhập mật khẩu qua stdin (không có mật khẩu mặc định)');
  return password;
}

/**
 * `dangvien user add|list|unlock|reset-password|disable|enable` and `dangvien token create|revoke`
 * (SPEC §9).
 */
export function registerAccounts(program: Command): void {
  const user = program.command('user').description('quản lý người dùng');
  user
    .command('add')
    .description('tạo người dùng; mật khẩu đọc từ stdin')
    .argument('<username>', 'tên đăng nhập')
    .requiredOption('--role <role>', USER_ROLES.join('|'))
    .requiredOption('--org <code>', 'mã tổ chức đảng')
    .option('--name <name>', 'họ tên hiển thị')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(
      async (
        username: string,
        options: { role: string; org: string; name?: string; database?: string },
      ) => {
        const created = await withContext(databaseUrl(options.database), async (ctx) => {
          if (!(await setupStatus(ctx)).initialised)
            throw new AppError(
              'validation',
              'Cơ sở dữ liệu chưa có tổ chức đảng nào; hãy khởi tạo trước bằng dangvien init (tạo luôn quản trị viên đầu tiên)',
              [],
            );
          const password = await readPassword();
          return createUser(ctx, systemActor('cli'), {
            username,
            role: options.role as (typeof USER_ROLES)[number],
            organizationCode: options.org,
            displayName: options.name ?? null,
            password,
          });
        });
        await output(JSON.stringify(created, null, 2), undefined);
      },
    );
  user
    .command('list')
    .description('liệt kê người dùng')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (options: { database?: string }) => {
      const users = await withContext(databaseUrl(options.database), (ctx) =>
        listUsers(ctx, systemActor('cli')),
      );
      await output(JSON.stringify(users.items, null, 2), undefined);
    });
  user
    .command('unlock')
    .description('gỡ mọi khóa đăng nhập (từ mọi địa chỉ) và khóa đổi mật khẩu của người dùng')
    .argument('<username>', 'tên đăng nhập')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (username: string, options: { database?: string }) => {
      const result = await withContext(databaseUrl(options.database), (ctx) =>
        unlockUser(ctx, systemActor('cli'), username),
      );
      await output(JSON.stringify(result), undefined);
    });

  user
    .command('reset-password')
    .description(
      'đặt mật khẩu mới cho người dùng (đọc từ stdin, không in ra); mọi phiên và mã truy cập của họ kết thúc',
    )
    .argument('<username>', 'tên đăng nhập')
    .option('--reason <text>', 'lý do (ghi vào nhật ký)')
    .option('--no-must-change', 'không bắt người dùng đổi mật khẩu ở lần đăng nhập sau')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(
      async (
        username: string,
        options: { reason?: string; mustChange: boolean; database?: string },
      ) => {
        const newPassword = await readPassword();
        const result = await withContext(databaseUrl(options.database), async (ctx) => {
          const actor = systemActor('cli');
          const id = await managedUserId(ctx, actor, username);
          return resetPassword(
            ctx,
            actor,
            id,
            { newPassword, ...(options.reason ? { reason: options.reason } : {}) },
            { mustChange: options.mustChange },
          );
        });
        await output(
          JSON.stringify({ username: username.trim().toLowerCase(), ...result }),
          undefined,
        );
      },
    );
  for (const [name, disabled, description] of [
    ['disable', true, 'khóa tài khoản: mọi phiên và mã truy cập của người dùng kết thúc'],
    ['enable', false, 'mở khóa tài khoản đã khóa'],
  ] as const)
    user
      .command(name)
      .description(description)
      .argument('<username>', 'tên đăng nhập')
      .requiredOption('--reason <text>', 'lý do (ghi vào nhật ký)')
      .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
      .action(async (username: string, options: { reason: string; database?: string }) => {
        const updated = await withContext(databaseUrl(options.database), async (ctx) => {
          const actor = systemActor('cli');
          const id = await managedUserId(ctx, actor, username);
          return updateUser(ctx, actor, id, { disabled, reason: options.reason });
        });
        await output(JSON.stringify(updated, null, 2), undefined);
      });

  const token = program.command('token').description('mã truy cập API (bearer token)');
  token
    .command('create')
    .description('cấp mã truy cập API cho một người dùng; in mã ra stdout (chỉ hiện một lần)')
    .argument('<username>', 'tên đăng nhập')
    .option('--name <name>', 'tên gợi nhớ của mã', 'cli')
    .option('--expires <date>', 'ngày hết hạn YYYY-MM-DD')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(
      async (username: string, options: { name: string; expires?: string; database?: string }) => {
        const created = await withContext(databaseUrl(options.database), (ctx) =>
          createApiToken(ctx, systemActor('cli'), {
            username,
            name: options.name,
            ...(options.expires ? { expiresOn: options.expires } : {}),
          }),
        );
        process.stderr.write(`dangvien: mã truy cập số ${created.id} cho ${created.username}\n`);
        await output(created.token, undefined);
      },
    );
  token
    .command('revoke')
    .description('thu hồi mã truy cập API theo số')
    .argument('<id>', 'số của mã (in ra khi tạo, hoặc GET /api/v1/tokens)')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (id: string, options: { database?: string }) => {
      const tokenId = Number(id);
      if (!Number.isInteger(tokenId) || tokenId <= 0)
        throw new AppError('validation', `Số mã truy cập không hợp lệ: ${id}`);
      const result = await withContext(databaseUrl(options.database), (ctx) =>
        revokeApiTokenById(ctx, systemActor('cli'), tokenId),
      );
      await output(JSON.stringify(result), undefined);
    });
}
