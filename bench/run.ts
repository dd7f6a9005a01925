/**
 * `npm run bench`: the application's answers against hand-written SQL floors (issue 8).
 *
 * For SQLite and PostgreSQL at 50,000 members (and at 5.6 million with BENCH_LARGE=1, PostgreSQL;
 * BENCH_LARGE_SQLITE=1 adds SQLite), generates the installation once if it is missing, then
 * measures median and p95 of each question through the services beside the same numbers by one
 * SQL statement (bench/floors.ts), checks that they agree, samples the server's memory, and
 * writes bench/results/<dialect>-<members>.json and a Markdown table.
 *
 * Environment: BENCH_PG_URL (a PostgreSQL server where databases may be created; defaults to
 * TEST_DATABASE_URL, then postgres://app:app@127.0.0.1:5432/app), BENCH_DIR (SQLite files,
 * default /var/tmp/dangvien-bench), BENCH_ITERATIONS (default 15), BENCH_SMALL / BENCH_LARGE_MEMBERS
 * (sizes; BENCH_SMALL=0 skips the small one), BENCH_WARMUP (default 2), BENCH_ONLY=sqlite|postgres.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import type { Actor } from '../src/server/access/actor.ts';
import { systemActor } from '../src/server/access/actor.ts';
import type { AppContext } from '../src/server/context.ts';
import type { Dialect } from '../src/server/db/database.ts';
import { fixedClock, systemClock } from '../src/server/lib/clock.ts';
import { openContext } from '../src/server/open.ts';
import { generateNational } from '../src/sample/national/generate.ts';
import { countMembers, membersByChild } from '../src/server/modules/reports/reports.repository.ts';
import { statisticsReport, summaryReport } from '../src/server/modules/reports/reports.service.ts';
import { getPerson, listPeople } from '../src/server/modules/people/people.service.ts';
import { listMembers } from '../src/server/modules/members/members.service.ts';
import { foldText } from '../src/shared/text.ts';
import {
  floorAlerts,
  floorMemberPage,
  floorMembers,
  floorPerson,
  floorSearch,
  floorStatistics,
  floorSummary,
} from './floors.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench/results');
const PG_URL =
  process.env.BENCH_PG_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://app:app@127.0.0.1:5432/app';
const DIR = process.env.BENCH_DIR ?? '/var/tmp/dangvien-bench';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const SMALL = Number(process.env.BENCH_SMALL ?? 50_000);
const LARGE = Number(process.env.BENCH_LARGE_MEMBERS ?? 5_600_000);
const PLACE_KINDS = ['village', 'school', 'agency', 'enterprise'];

interface Figure {
  median: number;
  p95: number;
}

interface Measurement {
  question: string;
  scope: string;
  app: Figure;
  floor: Figure | null;
  ratio: number | null;
  agree: boolean | null;
  note?: string;
}

function figure(samples: number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { median: round(at(0.5)), p95: round(at(0.95)) };
}

/** Runs app and floor alternately (so they see the same cache state) and times both. */
async function measure(
  question: string,
  scope: string,
  app: (i: number) => Promise<unknown>,
  floor: ((i: number) => Promise<unknown>) | null,
  agree: ((app: unknown, floor: unknown) => boolean) | null,
  note?: string,
): Promise<Measurement> {
  const appTimes: number[] = [];
  const floorTimes: number[] = [];
  let lastApp: unknown;
  let lastFloor: unknown;
  let agreed: boolean | null = agree ? true : null;
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const order = i % 2 === 0 ? ['app', 'floor'] : ['floor', 'app'];
    for (const which of order) {
      if (which === 'floor' && !floor) continue;
      const started = performance.now();
      const answer = which === 'app' ? await app(i) : await floor?.(i);
      const took = performance.now() - started;
      if (which === 'app') lastApp = answer;
      else lastFloor = answer;
      if (i >= WARMUP) (which === 'app' ? appTimes : floorTimes).push(took);
    }
    if (agree && floor && !agree(lastApp, lastFloor)) agreed = false;
  }
  const a = figure(appTimes);
  const f = floor ? figure(floorTimes) : null;
  const result: Measurement = {
    question,
    scope,
    app: a,
    floor: f,
    ratio: f && f.median > 0 ? Math.round((a.median / f.median) * 100) / 100 : null,
    agree: agreed,
    ...(note ? { note } : {}),
  };
  process.stderr.write(
    `  ${question.padEnd(28)} ${scope.padEnd(10)} app ${String(a.median).padStart(8)} ms (p95 ${a.p95})` +
      (f ? `  floor ${String(f.median).padStart(8)} ms  ×${result.ratio}` : '') +
      (agreed === false ? '  DISAGREE' : '') +
      '\n',
  );
  return result;
}

async function pgDatabaseUrl(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!rowCount) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Opens the benchmark installation of a size, generating it first when it is missing. */
async function installation(
  dialect: Dialect,
  members: number,
): Promise<{ ctx: AppContext; url: string; asOf: string }> {
  const url =
    dialect === 'sqlite'
      ? `sqlite:${join(DIR, `${members}.sqlite`)}`
      : await pgDatabaseUrl(`dangvien_bench_${members}`);
  mkdirSync(DIR, { recursive: true });
  let ctx = await openContext(url);
  const existing = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'generate.today')
    .executeTakeFirst();
  let asOf = existing?.value;
  if (!asOf) {
    process.stderr.write(`generating ${members} members on ${dialect} (${url})…\n`);
    const result = await generateNational(ctx, systemActor('bench'), { members, seed: 1 }, (m) =>
      process.stderr.write(`  ${m}\n`),
    );
    process.stderr.write(`  generated in ${result.seconds} s\n`);
    writeFileSync(
      join(RESULTS, `generate-${dialect}-${members}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    asOf = systemClock.today();
  }
  await ctx.db.destroy();
  ctx = await openContext(url, fixedClock(asOf));
  return { ctx, url, asOf };
}

function machine() {
  const cpu =
    /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  let postgres: string;
  try {
    postgres = execFileSync('psql', [PG_URL, '-Atc', 'show server_version'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    postgres = 'unknown';
  }
  return {
    nproc: cpus().length,
    cpu,
    ramGb: Math.round(totalmem() / 2 ** 30),
    postgres,
    node: process.version,
    loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    date: new Date().toISOString(),
  };
}

type Rows = Record<string, unknown>[];

function sumOf(rows: Rows, dim?: string): number {
  return rows
    .filter((r) => dim === undefined || r.dim === dim)
    .reduce((s, r) => s + Number(r.n), 0);
}
function valueOf(rows: Rows, dim: string, key: string | null = null): number {
  return Number(rows.find((r) => r.dim === dim && (key === null || r.key === key))?.n ?? 0);
}

async function run(dialect: Dialect, members: number): Promise<void> {
  const { ctx, url, asOf } = await installation(dialect, members);
  const { db } = ctx;
  const year = Number(asOf.slice(0, 4)) - 1;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const root = await db
    .selectFrom('organizations')
    .select(['id', 'code'])
    .where('code', '=', 'VN')
    .executeTakeFirstOrThrow();
  // The median province by members, and the median commune committee of it.
  const provinces = (await membersByChild(db, root.id, asOf)).sort((a, b) => a.members - b.members);
  const province = provinces[Math.floor(provinces.length / 2)];
  if (!province) throw new Error('no province');
  const communes = (await membersByChild(db, province.id, asOf))
    .filter((c) => c.code.includes('-X'))
    .sort((a, b) => a.members - b.members);
  const commune = communes[Math.floor(communes.length / 2)];
  if (!commune) throw new Error('no commune');
  const scopes = [
    {
      name: 'country',
      id: root.id,
      code: root.code,
      members: provinces.reduce((s, p) => s + p.members, 0),
    },
    { name: 'province', id: province.id, code: province.code, members: province.members },
    { name: 'commune', id: commune.id, code: commune.code, members: commune.members },
  ];
  process.stderr.write(
    `${dialect} ${members}: as of ${asOf}; ${scopes.map((s) => `${s.name} ${s.code} (${s.members})`).join(', ')}\n`,
  );
  const officer = (orgId: number): Actor => ({
    username: 'bench',
    userId: null,
    role: 'officer',
    organizationId: orgId,
  });
  const results: Measurement[] = [];

  for (const scope of scopes) {
    const actor = scope.name === 'country' ? systemActor('bench') : officer(scope.id);
    results.push(
      await measure(
        'members as of a date',
        scope.name,
        () => countMembers(db, scope.id, asOf),
        () => floorMembers(db, scope.id, asOf),
        (a, f) => (a as { members: number }).members === sumOf(f as Rows),
      ),
    );
    results.push(
      await measure(
        'statistics report',
        scope.name,
        () => statisticsReport(ctx, actor, { org: scope.code, asOf }),
        () => floorStatistics(db, dialect, scope.id, asOf),
        (a, f) => {
          const r = a as {
            members: number;
            byGender: Record<string, number>;
            byTargetGroup: Record<string, number>;
          };
          const rows = f as Rows;
          return (
            r.members === sumOf(rows, 'status') &&
            r.byGender.female === valueOf(rows, 'gender', 'female') &&
            (r.byTargetGroup.woman ?? 0) === valueOf(rows, 'group', 'woman')
          );
        },
      ),
    );
    // The same report at the last year-end: the tallies (PostgreSQL, country and upper levels)
    // are then corrected by the year's admissions, recognitions, transfers and ends.
    const yearEnd = `${Number(asOf.slice(0, 4)) - 1}-12-31`;
    results.push(
      await measure(
        'statistics at last year-end',
        scope.name,
        () => statisticsReport(ctx, actor, { org: scope.code, asOf: yearEnd }),
        () => floorStatistics(db, dialect, scope.id, yearEnd),
        (a, f) => {
          const r = a as { members: number; byGender: Record<string, number> };
          const rows = f as Rows;
          return (
            r.members === sumOf(rows, 'status') &&
            r.byGender.female === valueOf(rows, 'gender', 'female')
          );
        },
      ),
    );
    results.push(
      await measure(
        'summary report (a year)',
        scope.name,
        () => summaryReport(ctx, actor, { org: scope.code, year }),
        () => floorSummary(db, scope.id, from, to, PLACE_KINDS),
        (a, f) => {
          const r = a as {
            membersAtStart: number;
            membersAtEnd: number;
            admissions: number;
            comparison: { previousPeriod: { admissions: number; membersAtEnd: number } };
            unitsWithoutMembers: Record<string, number>;
            unitsWithoutCell: Record<string, number>;
          };
          const rows = f as Rows;
          return (
            r.membersAtStart === valueOf(rows, 'start') &&
            r.membersAtEnd === valueOf(rows, 'end') &&
            r.admissions === valueOf(rows, 'admissions') &&
            r.comparison.previousPeriod.admissions === valueOf(rows, 'previous_admissions') &&
            r.comparison.previousPeriod.membersAtEnd === valueOf(rows, 'previous_end') &&
            (r.unitsWithoutMembers.village ?? 0) === valueOf(rows, 'without_members', 'village') &&
            (r.unitsWithoutCell.village ?? 0) === valueOf(rows, 'without_cell', 'village')
          );
        },
      ),
    );
  }

  const provinceActor = officer(province.id);
  for (const q of ['Nguyễn Văn Hùng', 'hùng']) {
    results.push(
      await measure(
        `search "${q}"`,
        'province',
        () => listPeople(ctx, provinceActor, { q, org: province.code }),
        () => floorSearch(db, province.id, foldText(q), 50),
        (a, f) => {
          const r = a as { total: number; items: { id: number }[] };
          const rows = f as Rows;
          return (
            r.total === Number(rows[0]?.total ?? 0) &&
            (r.items[0]?.id ?? null) === (rows[0] ? Number(rows[0].id) : null)
          );
        },
      ),
    );
  }

  // The alerts module is another engineer's; the benchmark skips it where it is absent.
  type AlertsModule = {
    listAlerts: (ctx: AppContext, actor: Actor, raw: unknown) => Promise<unknown[]>;
  };
  const alertsModule = await import('../src/server/modules/alerts/alerts.service.ts').then(
    (m: AlertsModule) => m,
    () => null,
  );
  if (alertsModule) {
    const { listAlerts } = alertsModule;
    results.push(
      await measure(
        'alerts',
        'province',
        () => listAlerts(ctx, provinceActor, { org: province.code, asOf }),
        () => floorAlerts(db, province.id, asOf),
        null,
        'floor: stored due dates within 30 days or idle 6 months (close to, not exactly, the alert rules)',
      ),
    );
  } else {
    process.stderr.write('  alerts: module not present, skipped\n');
  }

  const { rows: sample } = await sql<{ personId: number }>`
    select mp.person_id as "personId" from member_periods mp
    join organization_closure c on c.descendant_id = mp.organization_id
    where c.ancestor_id = ${province.id} and c.valid_to > ${asOf} and mp.valid_to > ${asOf}
    order by mp.id limit 200`.execute(db);
  const personAt = (i: number) => sample[(i * 37) % sample.length]?.personId ?? 1;
  results.push(
    await measure(
      "a person's page",
      'province',
      (i) => getPerson(ctx, provinceActor, personAt(i)),
      (i) => floorPerson(db, dialect, personAt(i)),
      (a, f) => (a as { id: number }).id === Number((f as { id: number } | undefined)?.id),
    ),
  );
  const middle = Math.floor(province.members / 100) * 50;
  for (const [offset, label] of [
    [0, 'first page'],
    [middle, `offset ${middle}`],
  ] as const) {
    results.push(
      await measure(
        `member list (${label})`,
        'province',
        () => listMembers(ctx, provinceActor, { org: province.code, asOf, limit: 50, offset }),
        () => floorMemberPage(db, province.id, asOf, 50, offset),
        (a, f) => {
          const r = a as { total: number; items: { id: number }[] };
          const rows = f as Rows;
          return (
            r.total === Number(rows[0]?.total ?? 0) &&
            (r.items[0]?.id ?? null) === (rows[0] ? Number(rows[0].id) : null)
          );
        },
      ),
    );
  }
  results.push(
    await measure(
      'member list (first page)',
      'country',
      () => listMembers(ctx, systemActor('bench'), { org: 'VN', asOf, limit: 50 }),
      () => floorMemberPage(db, root.id, asOf, 50, 0),
      (a, f) => (a as { total: number }).total === Number((f as Rows)[0]?.total ?? 0),
    ),
  );
  await ctx.db.destroy();

  process.stderr.write('  server memory…\n');
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'bench/memory.ts'),
      url,
      asOf,
      String(personAt(0)),
      root.code,
      province.code,
      commune.code,
    ],
    { encoding: 'utf8', cwd: ROOT },
  );
  let memory: unknown = { error: child.stderr.slice(-2000) };
  try {
    memory = JSON.parse(child.stdout.trim().split('\n').pop() ?? '');
  } catch {
    /* the error text above is kept */
  }
  process.stderr.write(`  memory: ${JSON.stringify(memory)}\n`);

  const out = {
    dialect,
    members,
    asOf,
    iterations: ITERATIONS,
    machine: machine(),
    scopes,
    results,
    memory,
  };
  writeFileSync(join(RESULTS, `${dialect}-${members}.json`), `${JSON.stringify(out, null, 2)}\n`);
  writeFileSync(join(RESULTS, `${dialect}-${members}.md`), markdown(out));
}

function markdown(out: {
  dialect: string;
  members: number;
  asOf: string;
  scopes: { name: string; code: string; members: number }[];
  results: Measurement[];
  memory: unknown;
}): string {
  const lines = [
    `### ${out.dialect}, ${out.members.toLocaleString('en')} members (as of ${out.asOf})`,
    '',
    `Scopes: ${out.scopes.map((s) => `${s.name} \`${s.code}\` (${s.members.toLocaleString('en')} members)`).join(', ')}.`,
    '',
    '| question | scope | app median ms | app p95 ms | floor median ms | floor p95 ms | app / floor | same numbers |',
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...out.results.map(
      (r) =>
        `| ${r.question} | ${r.scope} | ${r.app.median} | ${r.app.p95} | ${r.floor?.median ?? '—'} | ${r.floor?.p95 ?? '—'} | ${r.ratio ?? '—'} | ${r.agree === null ? '—' : r.agree ? 'yes' : 'NO'} |`,
    ),
    '',
    `Server memory: \`${JSON.stringify(out.memory)}\``,
    '',
  ];
  return lines.join('\n');
}

mkdirSync(RESULTS, { recursive: true });
const only = process.env.BENCH_ONLY;
// BENCH_SMALL=0 measures only the large installation.
const plan: [Dialect, number][] =
  SMALL > 0
    ? [
        ['sqlite', SMALL],
        ['postgres', SMALL],
      ]
    : [];
if (process.env.BENCH_LARGE === '1') plan.push(['postgres', LARGE]);
if (process.env.BENCH_LARGE_SQLITE === '1') plan.push(['sqlite', LARGE]);
for (const [dialect, members] of plan) {
  if (only && only !== dialect) continue;
  await run(dialect, members);
}
