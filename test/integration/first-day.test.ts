import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { openContext } from '../../src/server/open.ts';
import { signInSession, type TestSession } from '../support/auth.ts';
import { describeEachDialect, scratchDatabase } from '../support/dialects.ts';
import { buildTreeFixture } from '../support/tree-fixture.ts';

/**
 * A real office's first day (issue 15, "Done when"), through the CLI and the API on an empty
 * database: `dangvien init`, the tree's templates filled and imported (30 organizations, 60 units),
 * an officer created for one commune, who registers a person found through the unit search with a
 * dated target group, corrects the birth date, records a move to another village from a date, and
 * reads the person's history, while the next commune's people and villages stay out of reach.
 */

const exec = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/dangvien.js');
const ADMIN_PASSWORD = 'Mật-khẩu-quản-trị-2026';
const OFFICER_PASSWORD = 'Mật-khẩu-cán-bộ-xã-2026';

/** Runs the CLI as a real process with `stdin` piped in. */
function runCli(
  args: string[],
  stdin = '',
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

describeEachDialect('the first day of an office, CLI and API', (dialect) => {
  let url: string;
  let drop: () => Promise<void>;
  let dir: string;
  let ctx: AppContext;
  let app: FastifyInstance;
  let officer: TestSession;
  let personId: number;
  let version: number;

  beforeAll(async () => {
    ({ url, drop } = await scratchDatabase(dialect));
    dir = mkdtempSync(join(tmpdir(), 'dangvien-first-day-'));
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.db.destroy();
    rmSync(dir, { recursive: true, force: true });
    await drop();
  });

  it('dangvien init creates the top organization and the administrator; a second init is refused', async () => {
    const args = [
      'init',
      '--code',
      'H-DBD',
      '--name',
      'Đảng bộ huyện Điện Biên Đông',
      '--level',
      'upper',
      '--from',
      '2019-01-01',
      '--admin',
      'quantri',
      '--place',
      'Điện Biên Đông',
      '--database',
      url,
    ];
    const first = await runCli(args, `${ADMIN_PASSWORD}\n`);
    expect(first.stderr).not.toContain(ADMIN_PASSWORD);
    expect(first.code).toBe(0);
    const second = await runCli(args, `${ADMIN_PASSWORD}\n`);
    expect(second.code).not.toBe(0);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('the templates, filled, import 30 organizations and 60 units; a second import changes nothing', async () => {
    const orgTemplate = join(dir, 'to-chuc.xlsx');
    const unitTemplate = join(dir, 'don-vi.xlsx');
    await exec('node', [
      bin,
      'import',
      'template',
      'organizations',
      '--out',
      orgTemplate,
      '--database',
      url,
    ]);
    await exec('node', [
      bin,
      'import',
      'template',
      'units',
      '--out',
      unitTemplate,
      '--database',
      url,
    ]);
    const fixture = await buildTreeFixture({
      parentCode: 'H-DBD',
      prefix: 'T',
      templates: { organizations: readFileSync(orgTemplate), units: readFileSync(unitTemplate) },
    });
    expect(fixture.organizationCodes).toHaveLength(30);
    expect(fixture.unitCodes).toHaveLength(60);
    writeFileSync(join(dir, 'orgs.xlsx'), fixture.organizations);
    writeFileSync(join(dir, 'units.xlsx'), fixture.units);
    const importFile = async (kind: string, file: string) => {
      const { stdout } = await exec(
        'node',
        [bin, 'import', kind, join(dir, file), '--format', 'json', '--database', url],
        { maxBuffer: 32 * 1024 * 1024 },
      );
      return JSON.parse(stdout) as { counts: Record<string, number> };
    };
    const organizations = await importFile('organizations', 'orgs.xlsx');
    expect(organizations.counts).toMatchObject({ new: 30, error: 0 });
    const units = await importFile('units', 'units.xlsx');
    expect(units.counts).toMatchObject({ new: 60, error: 0 });
    const again = await importFile('organizations', 'orgs.xlsx');
    expect(again.counts).toMatchObject({ new: 0, unchanged: 30 });

    ctx = await openContext(url);
    ({ app } = await buildApp(ctx));
  });

  it('the administrator creates an officer for one commune over the API', async () => {
    const admin = await signInSession(app, 'quantri', ADMIN_PASSWORD);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.writeHeaders,
      payload: {
        username: 'canbo.x1',
        displayName: 'Cán bộ xã 1',
        role: 'officer',
        organizationCode: 'T-X1',
        password: OFFICER_PASSWORD,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    officer = await signInSession(app, 'canbo.x1', OFFICER_PASSWORD);
  });

  it('the officer finds a village by name without accents, only in their commune', async () => {
    const found = await app.inject({
      method: 'GET',
      url: '/api/v1/units?q=huoi%20soi',
      headers: { cookie: officer.cookie },
    });
    expect(found.statusCode, found.body).toBe(200);
    const items = found.json<{ items: { code: string; name: string }[] }>().items;
    expect(items.map((u) => u.code)).toEqual(['T-UX1-B1', 'T-UX1-B8']);
    expect(items[0]?.name).toBe('Bản Huổi Sói 1.1');
  });

  it('registers a person with a dated target group, corrects the birth date and records a move from a date', async () => {
    const registered = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: officer.writeHeaders,
      payload: {
        fullName: 'Lò Thị Mai',
        gender: 'female',
        birthDate: '2001-04-12',
        ethnicity: 'Thái',
        unitCode: 'T-UX1-B1',
        unitFrom: '2001-04-12',
        educationLevel: 'upper_secondary',
        targetGroups: [{ group: 'youth_union', from: '2016-03-26' }],
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    personId = registered.json<{ id: number }>().id;

    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}`,
      headers: { cookie: officer.cookie },
    });
    version = read.json<{ version: number }>().version;

    const corrected = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${personId}`,
      headers: officer.writeHeaders,
      payload: {
        version,
        correction: { birthDate: '2001-04-21', reason: 'Ghi nhầm ngày sinh khi đăng ký' },
      },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    version = corrected.json<{ version: number }>().version;

    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${personId}`,
      headers: officer.writeHeaders,
      payload: {
        version,
        change: { on: '2026-06-01', unitCode: 'T-UX1-B2', reason: 'Chuyển về bản Nà Sự' },
      },
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}`,
      headers: { cookie: officer.cookie },
    });
    const person = after.json<{
      birthDate: string;
      places: { unitCode: string; validFrom: string; validTo: string | null }[];
      targetGroupPeriods: { group: string; validFrom: string }[];
    }>();
    expect(person.birthDate).toBe('2001-04-21');
    // The village before the move stays in the history up to the day of the move.
    expect(person.places.map((p) => [p.unitCode, p.validFrom, p.validTo])).toEqual([
      ['T-UX1-B1', '2001-04-21', '2026-06-01'],
      ['T-UX1-B2', '2026-06-01', null],
    ]);
    expect(person.targetGroupPeriods).toContainEqual(
      expect.objectContaining({ group: 'youth_union', validFrom: '2016-03-26' }),
    );

    const corrections = await ctx.db
      .selectFrom('events')
      .select(['action', 'before', 'after', 'reason'])
      .where('entity', '=', 'person')
      .where('entityId', '=', String(personId))
      .orderBy('id')
      .execute();
    const correction = corrections.find((e) => e.reason === 'Ghi nhầm ngày sinh khi đăng ký');
    expect(correction?.before).toContain('2001-04-12');
    expect(correction?.after).toContain('2001-04-21');
  });

  it('the next commune stays out of reach: its village in a body is refused naming the field, its people do not exist', async () => {
    const elsewhere = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${personId}`,
      headers: officer.writeHeaders,
      payload: { version: version + 1, change: { on: '2026-07-01', unitCode: 'T-UX2-B1' } },
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.body).toContain('unitCode');

    const admin = await signInSession(app, 'quantri', ADMIN_PASSWORD);
    const neighbour = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: admin.writeHeaders,
      payload: {
        fullName: 'Quàng Văn Páo',
        gender: 'male',
        birthDate: '1999-02-02',
        ethnicity: 'Thái',
        unitCode: 'T-UX2-B1',
        educationLevel: 'upper_secondary',
      },
    });
    expect(neighbour.statusCode, neighbour.body).toBe(201);
    const id = neighbour.json<{ id: number }>().id;
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${id}`,
      headers: { cookie: officer.cookie },
    });
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/people/99999999',
      headers: { cookie: officer.cookie },
    });
    const answer = (r: typeof hidden) => ({ ...r.json<object>(), requestId: undefined });
    expect(hidden.statusCode).toBe(404);
    expect(answer(hidden)).toEqual(answer(missing));
  });
});
