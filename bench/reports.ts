/**
 * Times the summary and statistics reports (not a test): `npx tsx bench/reports.ts
 * [--dataset demo|national] [--members N] [--database URL] [--iterations N]`.
 *
 * Builds the dataset into a fresh database unless it already holds one (the demo, or a generated
 * national installation), then times each report through its service and the same figures by
 * ONE hand-written SQL statement on the same database in the same run, checks both agree, and
 * prints median/p95 and the ratio. Results go to bench/results/reports-<dialect>-<dataset>.json
 * with the machine (cores, CPU model, RAM).
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { systemActor } from '../src/server/access/actor.ts';
import { fixedClock } from '../src/server/lib/clock.ts';
import { openContext } from '../src/server/open.ts';
import { generateDemo } from '../src/sample/demo/generate-demo.ts';
import { generateNational } from '../src/sample/national/generate.ts';
import { statisticsReport, summaryReport } from '../src/server/modules/reports/reports.service.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const dataset = option('dataset', 'demo');
const members = Number(option('members', '50000'));
const today = '2026-11-27';
const url = option(
  'database',
  `sqlite:/var/tmp/dangvien-bench-reports-${dataset === 'demo' ? 'demo' : `national-${members}`}.sqlite`,
);
const iterations = Number(option('iterations', '20'));
const actor = systemActor('bench');
const ctx = await openContext(url, fixedClock(today));

async function isEmpty(): Promise<boolean> {
  return !(await ctx.db.selectFrom('organizations').select('id').limit(1).executeTakeFirst());
}

async function time<T>(
  run: () => Promise<T>,
): Promise<{ result: T; medianMs: number; p95Ms: number }> {
  let result = await run(); // warm-up (statement caches, pages)
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 100) / 100;
  return { result, medianMs: at(0.5), p95Ms: at(0.95) };
}

try {
  if (
    url.startsWith('sqlite:') ? !existsSync(url.slice(7)) || (await isEmpty()) : await isEmpty()
  ) {
    const started = performance.now();
    if (dataset === 'demo') await generateDemo(ctx, actor);
    else await generateNational(ctx, actor, { members, seed: 1 });
    process.stderr.write(`built ${dataset} in ${Math.round(performance.now() - started)} ms\n`);
  }
  const org =
    dataset === 'demo'
      ? await ctx.db
          .selectFrom('organizations')
          .select(['id', 'code'])
          .where('code', '=', 'DBD')
          .executeTakeFirstOrThrow()
      : await ctx.db
          .selectFrom('organizations')
          .select(['id', 'code'])
          .where('level', '=', 'top')
          .orderBy('id')
          .executeTakeFirstOrThrow();
  const year = dataset === 'demo' ? 2017 : 2025;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const start = `${year - 1}-12-31`;
  const asOf = dataset === 'demo' ? '2017-12-31' : today;

  const summary = await time(() => summaryReport(ctx, actor, { org: org.code, year }));
  // The summary's headline figures by one statement: members at start and end, admissions.
  const summarySql = await time(async () => {
    const { rows } = await sql<{ atStart: number; atEnd: number; admissions: number }>`
      select
        (select count(*) from member_periods mp join organization_closure c on c.descendant_id = mp.organization_id
          where c.ancestor_id = ${org.id} and c.valid_from <= ${start} and c.valid_to > ${start}
            and mp.valid_from <= ${start} and mp.valid_to > ${start}) as at_start,
        (select count(*) from member_periods mp join organization_closure c on c.descendant_id = mp.organization_id
          where c.ancestor_id = ${org.id} and c.valid_from <= ${to} and c.valid_to > ${to}
            and mp.valid_from <= ${to} and mp.valid_to > ${to}) as at_end,
        (select count(*) from member_periods mp join organization_closure c on c.descendant_id = mp.organization_id
            and c.valid_from <= mp.valid_from and c.valid_to > mp.valid_from
          where c.ancestor_id = ${org.id} and mp.start_reason = 'admitted'
            and mp.valid_from >= ${from} and mp.valid_from <= ${to}) as admissions`.execute(ctx.db);
    return rows[0];
  });
  const summaryAgrees =
    Number(summarySql.result?.atStart) === summary.result.membersAtStart &&
    Number(summarySql.result?.atEnd) === summary.result.membersAtEnd &&
    Number(summarySql.result?.admissions) === summary.result.admissions;

  const statistics = await time(() => statisticsReport(ctx, actor, { org: org.code, asOf }));
  // Statistics by one statement: every breakdown as UNION ALL over one CTE of the members on the date.
  const statisticsSql = await time(async () => {
    const { rows } = await sql<{ dim: string; key: string | null; n: number }>`
      with m as (
        select mp.status, p.gender, p.ethnicity, p.education_level, p.political_theory, p.religion, p.occupation
        from member_periods mp
        join organization_closure c on c.descendant_id = mp.organization_id
        join people p on p.id = mp.person_id
        where c.ancestor_id = ${org.id} and c.valid_from <= ${asOf} and c.valid_to > ${asOf}
          and mp.valid_from <= ${asOf} and mp.valid_to > ${asOf})
      select 'status' as dim, status as key, count(*) as n from m group by status
      union all select 'gender', gender, count(*) from m group by gender
      union all select 'ethnicity', ethnicity, count(*) from m group by ethnicity
      union all select 'education', education_level, count(*) from m group by education_level
      union all select 'theory', political_theory, count(*) from m group by political_theory
      union all select 'religion', religion, count(*) from m group by religion
      union all select 'occupation', occupation, count(*) from m group by occupation`.execute(
      ctx.db,
    );
    return rows;
  });
  const byDim = (dim: string) =>
    Object.fromEntries(
      statisticsSql.result
        .filter((r) => r.dim === dim)
        .map((r) => [r.key ?? 'unknown', Number(r.n)]),
    );
  const statisticsAgrees =
    JSON.stringify(Object.entries(byDim('gender')).sort()) ===
      JSON.stringify(Object.entries(statistics.result.byGender).sort()) &&
    JSON.stringify(Object.entries(byDim('ethnicity')).sort()) ===
      JSON.stringify(Object.entries(statistics.result.byEthnicity).sort()) &&
    (byDim('status').official ?? 0) === statistics.result.official;

  const cpu = cpus();
  const output = {
    dataset,
    database: url.replace(/\/\/[^@]*@/, '//…@'),
    dialect: ctx.dialect,
    organization: org.code,
    members: statistics.result.members,
    iterations,
    machine: {
      nproc: cpu.length,
      cpuModel: cpu[0]?.model ?? 'unknown',
      ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
    },
    measuredAt: new Date().toISOString(),
    results: [
      {
        report: 'summary',
        query: { org: org.code, year },
        serviceMedianMs: summary.medianMs,
        serviceP95Ms: summary.p95Ms,
        oneSqlMedianMs: summarySql.medianMs,
        oneSqlP95Ms: summarySql.p95Ms,
        ratio: Math.round((summary.medianMs / Math.max(0.01, summarySql.medianMs)) * 10) / 10,
        agrees: summaryAgrees,
        note: 'the service also computes breakdowns, plans and comparisons; the SQL only the three headline counts',
      },
      {
        report: 'statistics',
        query: { org: org.code, asOf },
        serviceMedianMs: statistics.medianMs,
        serviceP95Ms: statistics.p95Ms,
        oneSqlMedianMs: statisticsSql.medianMs,
        oneSqlP95Ms: statisticsSql.p95Ms,
        ratio: Math.round((statistics.medianMs / Math.max(0.01, statisticsSql.medianMs)) * 10) / 10,
        agrees: statisticsAgrees,
        note: 'the SQL leaves out age bands, target groups and sub-organizations',
      },
    ],
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/reports-${ctx.dialect}-${dataset === 'demo' ? 'demo' : `national-${members}`}.json`;
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  process.stderr.write(`wrote ${file}\n`);
} finally {
  await ctx.db.destroy();
}
