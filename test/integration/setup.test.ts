import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { Dialect } from '../../src/server/db/database.ts';
import { openContext } from '../../src/server/open.ts';
import { placeOf } from '../../src/server/modules/reports/reports.export.ts';
import { describeEachDialect, scratchContext, scratchDatabase } from '../support/dialects.ts';

/**
 * The first run (issue 15 item 1): `dangvien init` and POST /api/v1/setup turn an empty database
 * into an installation — the top organization as the root of the tree from its date, the first
 * administrator with an admin grant on it, the place line of documents — in one transaction, and
 * refuse, writing nothing, once any organization exists.
 */

const bin = join(import.meta.dirname, '../../bin/dangvien.js');
const PASSWORD = 'Mật-khẩu-khởi-tạo-2026';

/** Runs the CLI as a real process with `stdin` piped in. */
function runCli(
  args: string[],
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Row counts of every table the first run writes. */
async function counts(ctx: AppContext) {
  const count = async (
    table:
      | 'organizations'
      | 'organizationLinks'
      | 'organizationClosure'
      | 'users'
      | 'roleGrants'
      | 'settings'
      | 'events',
  ) =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    organizations: await count('organizations'),
    links: await count('organizationLinks'),
    closure: await count('organizationClosure'),
    users: await count('users'),
    grants: await count('roleGrants'),
    settings: await count('settings'),
    events: await count('events'),
  };
}

const NOTHING = {
  organizations: 0,
  links: 0,
  closure: 0,
  users: 0,
  grants: 0,
  settings: 0,
  events: 0,
};

describeEachDialect('dangvien init on an empty database', (dialect: Dialect) => {
  let url: string;
  let drop: () => Promise<void>;
  const initArgs = (overrides: Record<string, string> = {}) => {
    const options: Record<string, string> = {
      '--code': 'DB',
      '--name': 'Đảng bộ tỉnh Điện Biên',
      '--level': 'top',
      '--from': '2026-01-01',
      '--admin': 'quantri',
      '--admin-name': 'Nguyễn Văn Quản',
      '--place': 'Điện Biên',
      ...overrides,
    };
    return ['init', ...Object.entries(options).flat(), '--database', url];
  };
  const inspect = async <T>(run: (ctx: AppContext) => Promise<T>): Promise<T> => {
    const ctx = await openContext(url);
    try {
      return await run(ctx);
    } finally {
      await ctx.db.destroy();
    }
  };

  beforeAll(async () => {
    ({ url, drop } = await scratchDatabase(dialect));
  });
  afterAll(async () => drop());

  it('an invalid admin username: a one-line Vietnamese error naming --admin, non-zero exit, nothing written', async () => {
    const result = await runCli(initArgs({ '--admin': 'Quản Trị' }), `${PASSWORD}\n`);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--admin: Tên đăng nhập chỉ gồm chữ không dấu');
    expect(await inspect(counts)).toEqual(NOTHING);
  });

  it('before init, user add says to run init first', async () => {
    const added = await runCli(
      ['user', 'add', 'an', '--role', 'admin', '--org', 'DB', '--database', url],
      `${PASSWORD}\n`,
    );
    expect(added.code).not.toBe(0);
    expect(added.stderr).toContain('hãy khởi tạo trước bằng dangvien init');
  });

  it('a weak password and a level that is not one: refused, nothing written', async () => {
    const weak = await runCli(initArgs(), 'ngan\n');
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toContain('Mật khẩu cần ít nhất 10 ký tự');
    const level = await runCli(initArgs({ '--level': 'province' }), `${PASSWORD}\n`);
    expect(level.code).not.toBe(0);
    expect(level.stderr).toContain('--level: Cấp phải là một trong: top (');
    expect(level.stderr).toContain('grassroots (Đảng bộ cơ sở)');
    expect(await inspect(counts)).toEqual(NOTHING);
  });

  it('creates the top organization, the first administrator and the place line in one go', async () => {
    const result = await runCli(initArgs(), `${PASSWORD}\n`);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(result.stdout).not.toContain(PASSWORD);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      organization: {
        code: 'DB',
        name: 'Đảng bộ tỉnh Điện Biên',
        level: 'top',
        establishedOn: '2026-01-01',
      },
      administrator: { username: 'quantri', displayName: 'Nguyễn Văn Quản' },
      place: 'Điện Biên',
    });
    await inspect(async (ctx) => {
      expect(await counts(ctx)).toMatchObject({
        organizations: 1,
        links: 1,
        closure: 1,
        users: 1,
        grants: 1,
        settings: 1,
      });
      const organization = await ctx.db
        .selectFrom('organizations')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(organization).toMatchObject({
        code: 'DB',
        kind: 'committee',
        level: 'top',
        establishedOn: '2026-01-01',
        decidesAdmissions: 1,
      });
      // The root of the tree from its date: no parent, its own closure row.
      expect(
        await ctx.db.selectFrom('organizationLinks').selectAll().executeTakeFirstOrThrow(),
      ).toMatchObject({ organizationId: organization.id, parentId: null, validFrom: '2026-01-01' });
      expect(
        await ctx.db.selectFrom('organizationClosure').selectAll().executeTakeFirstOrThrow(),
      ).toMatchObject({
        ancestorId: organization.id,
        descendantId: organization.id,
        depth: 0,
        validFrom: '2026-01-01',
      });
      const user = await ctx.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(user).toMatchObject({
        username: 'quantri',
        role: 'admin',
        organizationId: organization.id,
      });
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(
        await ctx.db.selectFrom('roleGrants').selectAll().executeTakeFirstOrThrow(),
      ).toMatchObject({ userId: user.id, role: 'admin', organizationId: organization.id });
      // Documents and reports read the place line from the setting.
      expect(await placeOf(ctx, 'Đảng bộ tỉnh Điện Biên')).toBe('Điện Biên');
      const events = await ctx.db
        .selectFrom('events')
        .select(['action', 'actor', 'organizationId', 'effectiveOn', 'after'])
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.action)).toEqual([
        'organization.create',
        'user.create',
        'installation.init',
      ]);
      for (const event of events) {
        expect(event.actor).toBe('cli');
        expect(event.organizationId).toBe(organization.id);
        expect(event.after ?? '').not.toContain(PASSWORD);
      }
      expect(events[2]?.effectiveOn).toBe('2026-01-01');
    });
  });

  it('a second init fails with a clear one-line message and a non-zero exit, writing nothing', async () => {
    const before = await inspect(counts);
    const again = await runCli(
      initArgs({ '--code': 'DB2', '--name': 'Đảng bộ khác', '--admin': 'quantri2' }),
      `${PASSWORD}\n`,
    );
    expect(again.code).not.toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr.trim().split('\n')).toEqual([
      'dangvien: Hệ thống đã được khởi tạo (đã có tổ chức đảng cấp cao nhất); không khởi tạo lại. Hãy đăng nhập bằng tài khoản quản trị.',
    ]);
    expect(await inspect(counts)).toEqual(before);
  });

  it('the administrator then adds users on the new organization with the CLI', async () => {
    const added = await runCli(
      ['user', 'add', 'canbo', '--role', 'officer', '--org', 'DB', '--database', url],
      `${PASSWORD}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      username: 'canbo',
      organization: { code: 'DB' },
    });
  });
});

describeEachDialect('first run through the API', (dialect: Dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  const body = (overrides: Record<string, unknown> = {}) => ({
    code: 'X-NS',
    name: 'Đảng bộ xã Na Son',
    level: 'grassroots',
    establishedOn: '2025-07-01',
    place: 'Na Son',
    username: 'admin.nason',
    password: PASSWORD,
    ...overrides,
  });
  const post = (payload: unknown, ip = '10.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: payload as Record<string, unknown>,
      remoteAddress: ip,
    });

  beforeEach(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    ({ app } = await buildApp(ctx));
  });
  afterEach(async () => {
    await app.close();
    await drop();
  });

  it('GET /setup answers only whether the installation is initialised, to anyone', async () => {
    const empty = await app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ initialised: false });
    expect((await post(body())).statusCode).toBe(201);
    const after = await app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(after.json()).toEqual({ initialised: true });
  });

  it('bad input: 400 naming each field in Vietnamese, nothing written', async () => {
    const bad = await post(
      body({ username: 'Quản Trị', establishedOn: '2026-02-30', level: 'cell', name: ' ' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const fields = bad.json<{ errors: { field: string; message: string }[] }>().errors;
    expect(fields.map((e) => e.field).sort()).toEqual([
      'establishedOn',
      'level',
      'name',
      'username',
    ]);
    const weak = await post(body({ password: 'admin.nason-1' }));
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      errors: [{ field: 'password', message: 'Mật khẩu không được chứa tên đăng nhập' }],
    });
    const future = await post(body({ establishedOn: '2027-01-01' }));
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ errors: [{ field: 'establishedOn' }] });
    expect(await counts(ctx)).toEqual(NOTHING);
  });

  it('creates the installation; the administrator signs in and manages users of it', async () => {
    const created = await post(body());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({
      organization: {
        code: 'X-NS',
        name: 'Đảng bộ xã Na Son',
        level: 'grassroots',
        establishedOn: '2025-07-01',
      },
      administrator: { username: 'admin.nason', displayName: null },
      place: 'Na Son',
    });
    const events = await ctx.db
      .selectFrom('events')
      .select(['action', 'actor', 'ip'])
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { action: 'organization.create', actor: 'first-run', ip: '10.0.0.1' },
      { action: 'user.create', actor: 'first-run', ip: '10.0.0.1' },
      { action: 'installation.init', actor: 'first-run', ip: '10.0.0.1' },
    ]);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'admin.nason', password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json()).toMatchObject({
      role: 'admin',
      organization: { code: 'X-NS' },
      abilities: { manageUsers: true, reorganize: true, configure: true },
    });
  });

  it('refused with 409 once initialised, also for two anonymous requests racing; nothing half-written', async () => {
    const [a, b] = await Promise.all([
      post(body()),
      post(body({ code: 'X-MP', name: 'Đảng bộ xã Mường Phăng', username: 'admin.muongphang' })),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'setup.already_initialised' });
    expect(await counts(ctx)).toEqual({
      organizations: 1,
      links: 1,
      closure: 1,
      users: 1,
      grants: 1,
      settings: 1,
      events: 3,
    });
    const third = await post(body({ code: 'X-KHAC', username: 'nguoi.khac' }), '10.0.0.2');
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({ code: 'setup.already_initialised' });
    expect((await counts(ctx)).organizations).toBe(1);
  });

  it('is rate-limited per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1)
      statuses.push((await post(body({ username: 'Sai Tên' }), '10.0.0.9')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await post(body({ username: 'Sai Tên' }), '10.0.0.10')).statusCode).toBe(400);
  });
});
