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
import { managedUserId, resetPassword } from '../server/modules/accounts/user-admin.service.ts';
import { USER_ROLES } from '../shared/account-contracts.ts';
import { databaseUrl, output, withContext } from './common.ts';

/**
 * Reads the password from stdin: the first line when typed at a terminal, else everything piped
 * in without the final newline. Never from an argument, which would land in the shell history.
 */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Mật khẩu: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && Buffer.concat(chunks).includes(10)) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const password = (process.stdin.isTTY ? (text.split('\n')[0] ?? '') : text).replace(/\r?\n$/, '');
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
        const password = await readPassword();
        const created = await withContext(databaseUrl(options.database), (ctx) =>
          createUser(ctx, systemActor('cli'), {
            username,
            role: options.role as (typeof USER_ROLES)[number],
            organizationCode: options.org,
            displayName: options.name ?? null,
            password,
          }),
        );
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
