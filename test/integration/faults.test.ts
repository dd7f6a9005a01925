import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { fixedClock } from '../../src/server/lib/clock.ts';
import { openContext } from '../../src/server/open.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { pipelineRowCounts } from '../../src/server/modules/candidates/candidates.repository.ts';
import { transitionCandidate } from '../../src/server/modules/candidates/candidates.service.ts';
import {
  statisticsReport,
  summaryReport,
} from '../../src/server/modules/reports/reports.service.ts';
import { pipelineReport } from '../../src/server/modules/reports/pipeline.report.ts';
import { seedImportTree, MEMBER_HEADERS } from './imports.fixture.ts';
import { authHeader, createUserWithToken } from '../support/auth.ts';
import {
  describeEachDialect,
  scratchDatabase,
  TEST_DATABASE_URL,
  type ScratchDatabase,
} from '../support/dialects.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const actor = systemActor('test');

/** Everything a half-written import or transition could disturb: row counts and report JSON. */
async function snapshot(ctx: AppContext): Promise<string> {
  const people = await ctx.db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return JSON.stringify({
    people: Number(people.n),
    pipeline: await pipelineRowCounts(ctx.db),
    statistics: await statisticsReport(ctx, actor, { org: 'DB', asOf: '2026-11-27' }),
    summary: await summaryReport(ctx, actor, { org: 'DB', year: 2026 }),
    pipelineReport: await pipelineReport(ctx, actor, { org: 'DB', asOf: '2026-11-27' }),
  });
}

function integrityCheck(url: string): string {
  const database = new SQLite(url.slice('sqlite:'.length), { readonly: true });
  try {
    return (database.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
  } finally {
    database.close();
  }
}

/** Resolves with the first stdout/stderr text matching `pattern`; rejects if the child exits first. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 90_000): Promise<string> {
  return new Promise((done, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`timed out; output: ${seen}`)), timeoutMs);
    const listen = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        done(seen);
      }
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', listen);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`child exited (${code ?? signal}) before ${pattern}: ${seen}`));
    });
  });
}

async function killHard(child: ChildProcess): Promise<NodeJS.Signals | null> {
  const exited = new Promise<NodeJS.Signals | null>((done) =>
    child.once('exit', (_code, signal) => done(signal)),
  );
  child.kill('SIGKILL');
  return exited;
}

/**
 * Faults (issue 9): a process killed with SIGKILL in the middle of a large import and in the
 * middle of a transition leaves the database as it was (SQLite integrity check ok, row counts and
 * reports equal before and after), and the next writer is not stuck.
 */
describeEachDialect('faults: SIGKILL mid-import and mid-transition', (dialect) => {
  let scratch: ScratchDatabase;
  let ctx: AppContext;
  let dir: string;
  beforeAll(async () => {
    scratch = await scratchDatabase(dialect);
    ctx = await openContext(scratch.url, fixedClock('2026-11-27'));
    await generateDemo(ctx, actor);
    dir = mkdtempSync(join(tmpdir(), 'dangvien-faults-'));
  });
  afterAll(async () => {
    await ctx.db.destroy();
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('killed while importing 40,000 members: nothing of the file is there, reports unchanged', async () => {
    const place = await ctx.db
      .selectFrom('unitCoverage as c')
      .innerJoin('units as u', 'u.id', 'c.unitId')
      .innerJoin('organizations as o', 'o.id', 'c.organizationId')
      .select(['u.code as unitCode', 'o.code as cellCode'])
      .where('o.kind', '=', 'cell')
      .where('c.validFrom', '<=', '2020-05-05')
      .where('c.validTo', '>', '2026-11-27')
      .where('o.dissolvedOn', '>', '2026-11-27')
      .orderBy('o.code')
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: 40_000 }, (_, i) =>
      [
        `Mùa A Nhập ${i}`,
        'Nam',
        '05/05/1990',
        'Mông',
        String(22_000_000_000 + i).padStart(12, '0'),
        place.unitCode,
        'Trung học phổ thông',
        '',
        place.cellCode,
        '05/05/2020',
        '',
      ].join(';'),
    );
    const file = join(dir, 'members.csv');
    writeFileSync(file, [MEMBER_HEADERS.join(';'), ...rows].join('\n'));
    const before = await snapshot(ctx);
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/dangvien.js'), 'import', 'members', file, '--database', scratch.url],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // The CLI reports progress every 10,000 rows read; by then batches are written, uncommitted.
    await waitForOutput(child, /10\.000 dòng/);
    expect(await killHard(child)).toBe('SIGKILL');
    if (dialect === 'sqlite') expect(integrityCheck(scratch.url)).toBe('ok');
    expect(await snapshot(ctx)).toBe(before);
    const imported = await ctx.db
      .selectFrom('people')
      .select('id')
      .where('fullName', 'like', 'Mùa A Nhập %')
      .execute();
    expect(imported).toHaveLength(0);
    // The import lock and the database are free again: a small import goes through.
    const small = join(dir, 'small.csv');
    writeFileSync(small, [MEMBER_HEADERS.join(';'), ...rows.slice(0, 3)].join('\n'));
    const output = execFileSync(
      process.execPath,
      [
        join(ROOT, 'bin/dangvien.js'),
        'import',
        'members',
        small,
        '--database',
        scratch.url,
        '--format',
        'json',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(JSON.parse(output)).toMatchObject({ written: true, counts: { new: 3 } });
  });

  it('killed inside an admission (after 3 of its writes): the candidate is still decided, no membership, reports unchanged', async () => {
    const candidate = await ctx.db
      .selectFrom('candidates')
      .select(['id', 'version', 'stageOn'])
      .where('stage', '=', 'decided')
      .orderBy('stageOn', 'desc')
      .executeTakeFirstOrThrow();
    const before = await snapshot(ctx);
    const child = spawn(
      process.execPath,
      [
        // tsx as a loader, not its CLI: the CLI runs the script in a grandchild SIGKILL would miss.
        '--import',
        'tsx',
        join(ROOT, 'test/support/paused-transition.ts'),
        scratch.url,
        String(candidate.id),
        'admitted',
        '2026-11-27',
        '3',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await waitForOutput(child, /PAUSED after 3 writes/);
    expect(await killHard(child)).toBe('SIGKILL');
    if (dialect === 'sqlite') expect(integrityCheck(scratch.url)).toBe('ok');
    expect(await snapshot(ctx)).toBe(before);
    const after = await ctx.db
      .selectFrom('candidates')
      .select(['stage', 'version'])
      .where('id', '=', candidate.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ stage: 'decided', version: candidate.version });
    // Nothing is left locked: the same admission now goes through in this process.
    const admitted = await transitionCandidate(ctx, actor, candidate.id, {
      to: 'admitted',
      on: '2026-11-27',
    });
    expect(admitted.stage).toBe('admitted');
    expect(admitted.membership).not.toBeNull();
  });
});

/** Whether this process may restart the local PostgreSQL cluster the tests use. */
function canRestartPostgres(): string | null {
  if (!TEST_DATABASE_URL) return 'TEST_DATABASE_URL not set';
  if (process.env.DANGVIEN_SKIP_PG_RESTART) return 'DANGVIEN_SKIP_PG_RESTART is set';
  if (process.getuid?.() !== 0) return 'not root';
  const host = new URL(TEST_DATABASE_URL).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') return `PostgreSQL is not local (${host})`;
  try {
    const clusters = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' });
    if (!/^15\s+main\s+\d+\s+online/m.test(clusters)) return 'cluster 15/main is not online';
  } catch {
    return 'pg_lsclusters is missing';
  }
  return null;
}

const restartSkip = canRestartPostgres();
const describeRestart = restartSkip ? describe.skip : describe;

describeRestart(
  `faults: PostgreSQL restarted under a running server${restartSkip ? ` [skipped: ${restartSkip}]` : ''}`,
  () => {
    let scratch: ScratchDatabase;
    let ctx: AppContext;
    let baseUrl: string;
    let close: () => Promise<void>;
    let token: string;
    beforeAll(async () => {
      scratch = await scratchDatabase('postgres');
      ctx = await openContext(scratch.url, fixedClock('2026-11-27'));
      await seedImportTree(ctx);
      token = (await createUserWithToken(ctx, { role: 'admin', orgCode: 'T' })).token;
      const { app } = await buildApp(ctx, { logLevel: 'silent' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      close = async () => {
        await app.close();
        await ctx.db.destroy();
      };
    });
    afterAll(async () => {
      await close();
      await scratch.drop();
    });

    it('answers 503 problem+json (never a crash or a hang) while it is down, and recovers by itself', async () => {
      const ask = async (path: string) => {
        const response = await fetch(`${baseUrl}${path}`, {
          headers: authHeader(token),
          signal: AbortSignal.timeout(30_000),
        });
        return {
          status: response.status,
          type: response.headers.get('content-type') ?? '',
          body: await response.text(),
        };
      };
      expect((await ask('/healthz')).status).toBe(200);
      expect((await ask('/api/v1/organizations')).status).toBe(200);
      const seen: { status: number; type: string; body: string }[] = [];
      let restarting = true;
      const restart = new Promise<void>((done, fail) => {
        const child = spawn('pg_ctlcluster', ['15', 'main', 'restart'], { stdio: 'ignore' });
        child.once('exit', (code) =>
          code === 0 ? done() : fail(new Error(`pg_ctlcluster exited ${code}`)),
        );
      }).finally(() => {
        restarting = false;
      });
      while (restarting) {
        seen.push(await ask('/api/v1/organizations'), await ask('/healthz'));
        await new Promise((r) => setTimeout(r, 50));
      }
      await restart;
      // Right after the restart the pool's old connections are dead: still a clean answer.
      seen.push(await ask('/api/v1/organizations'));
      for (const answer of seen) {
        if (answer.status === 200) continue;
        expect(answer.status, answer.body).toBe(503);
        if (answer.type.includes('problem+json')) {
          const problem = JSON.parse(answer.body) as { code: string; requestId: string };
          expect(problem.code).toBe('database.unavailable');
          expect(problem.requestId).toBeTruthy();
        } else expect(JSON.parse(answer.body)).toMatchObject({ status: 'unavailable' });
      }
      expect(seen.some((a) => a.status === 503)).toBe(true);
      // Recovery without restarting the server.
      let recovered = false;
      for (let i = 0; i < 60 && !recovered; i += 1) {
        const [health, list] = [await ask('/healthz'), await ask('/api/v1/organizations')];
        recovered = health.status === 200 && list.status === 200;
        if (!recovered) await new Promise((r) => setTimeout(r, 500));
      }
      expect(recovered).toBe(true);
    });
  },
);

describe('faults: SQLite disk full', () => {
  let scratch: ScratchDatabase;
  let ctx: AppContext;
  beforeAll(async () => {
    scratch = await scratchDatabase('sqlite');
    ctx = await openContext(scratch.url, fixedClock('2026-11-27'));
    await seedImportTree(ctx);
  });
  afterAll(async () => {
    await ctx.db.destroy();
    await scratch.drop();
  });

  it('a write past the size cap answers 507 database.full problem+json, writes nothing, and works again once there is room', async () => {
    const { app } = await buildApp(ctx, { actorOf: () => Promise.resolve(actor) });
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(ctx.db);
    const used = Number(pages.rows[0]?.page_count ?? 0);
    // PRAGMA max_page_count caps this connection's database like a full disk would.
    await sql.raw(`pragma max_page_count = ${used + 4}`).execute(ctx.db);
    let created = 0;
    let full: { statusCode: number; body: string; headers: Record<string, unknown> } | null = null;
    for (let i = 0; i < 400 && !full; i += 1) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/people',
        payload: {
          fullName: `Lò Thị Đầy ${i}`,
          gender: 'female',
          birthDate: '1992-02-02',
          ethnicity: 'Thái',
          unitCode: 'U-NS',
          educationLevel: 'upper_secondary',
          address: 'Bản Nà Sự, xã Na Son, huyện Điện Biên Đông, tỉnh Điện Biên. '.repeat(4),
          targetGroups: ['woman'],
        },
      });
      if (response.statusCode === 201) created += 1;
      else full = response;
    }
    expect(full, 'the cap was never reached').not.toBeNull();
    expect(full?.statusCode, full?.body).toBe(507);
    expect(String(full?.headers['content-type'])).toContain('application/problem+json');
    const problem = JSON.parse(full?.body ?? '{}') as { code: string; title: string };
    expect(problem.code).toBe('database.full');
    expect(problem.title).toMatch(/đầy/);
    const stored = await ctx.db
      .selectFrom('people')
      .select('id')
      .where('fullName', 'like', 'Lò Thị Đầy %')
      .execute();
    expect(stored).toHaveLength(created);
    const events = await ctx.db
      .selectFrom('events')
      .select('id')
      .where('action', '=', 'person.create')
      .execute();
    expect(events).toHaveLength(created);
    await sql.raw('pragma max_page_count = 1073741823').execute(ctx.db);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      payload: {
        fullName: 'Lò Thị Còn Chỗ',
        gender: 'female',
        birthDate: '1992-02-02',
        ethnicity: 'Thái',
        unitCode: 'U-NS',
        educationLevel: 'upper_secondary',
        targetGroups: [],
      },
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(integrityCheck(scratch.url)).toBe('ok');
    await app.close();
  });
});
