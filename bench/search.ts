/**
 * `npx tsx bench/search.ts`: times only the accent-insensitive people search (issue 8), through
 * the service (`listPeople`, as the API calls it) and beside the hand-written SQL floor
 * (bench/floors.ts `floorSearch`), for a country, a province and a commune; checks that both
 * return the same total and the same first page. Much shorter than `npm run bench`.
 *
 * Environment: SEARCH_URL (the installation, default the 5.6-million PostgreSQL one),
 * SEARCH_SCOPES (name:code pairs, default country:VN,province:TN,commune:TN-X072; the
 * country is searched as the system, the others by an officer of that organization),
 * SEARCH_ITERATIONS (default 20), SEARCH_WARMUP (default 3), SEARCH_NO_FLOOR (scope names whose
 * floor is skipped: the country's takes seconds), SEARCH_OUT (a JSON file for the results),
 * SEARCH_LABEL (e.g. "before" / "after", written into the JSON).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Actor } from '../src/server/access/actor.ts';
import { systemActor } from '../src/server/access/actor.ts';
import { fixedClock } from '../src/server/lib/clock.ts';
import { openContext } from '../src/server/open.ts';
import { listPeople } from '../src/server/modules/people/people.service.ts';
import { foldText } from '../src/shared/text.ts';
import { floorSearch } from './floors.ts';

const URL = process.env.SEARCH_URL ?? 'postgres://app:app@127.0.0.1:5432/dangvien_bench_5600000';
const SCOPES = (process.env.SEARCH_SCOPES ?? 'country:VN,province:TN,commune:TN-X072')
  .split(',')
  .map((pair) => {
    const [name = '', code = ''] = pair.split(':');
    return { name, code };
  });
const NO_FLOOR = new Set((process.env.SEARCH_NO_FLOOR ?? '').split(','));
const ITERATIONS = Number(process.env.SEARCH_ITERATIONS ?? 20);
const WARMUP = Number(process.env.SEARCH_WARMUP ?? 3);
const QUERIES = ['Nguyễn Văn Hùng', 'hùng', 'thị'];

/** Median and p95 of samples, in ms to one decimal. */
function figure(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { median: round(at(0.5)), p95: round(at(0.95)) };
}

async function main(): Promise<void> {
  const ctx = await openContext(URL);
  const today = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'generate.today')
    .executeTakeFirst();
  await ctx.db.destroy();
  const app = await openContext(URL, fixedClock(today?.value ?? '2026-11-27'));
  const { db } = app;
  const results: Record<string, unknown>[] = [];
  for (const { name, code } of SCOPES) {
    const org = await db
      .selectFrom('organizations')
      .select(['id', 'code'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const actor: Actor =
      name === 'country'
        ? systemActor('bench')
        : { username: 'bench', userId: null, role: 'officer', organizationId: org.id };
    for (const q of QUERIES) {
      const appTimes: number[] = [];
      const floorTimes: number[] = [];
      let agree = true;
      let total = 0;
      for (let n = 0; n < WARMUP + ITERATIONS; n++) {
        // Alternate which goes first, so both see the same cache state.
        const order = n % 2 === 0 ? ['app', 'floor'] : ['floor', 'app'];
        let appAnswer: { total: number; items: { id: number }[] } | undefined;
        let floorRows: Record<string, unknown>[] = [];
        for (const which of order) {
          if (which === 'floor' && NO_FLOOR.has(name)) continue;
          const started = performance.now();
          if (which === 'app') appAnswer = await listPeople(app, actor, { q, org: org.code });
          else floorRows = await floorSearch(db, org.id, foldText(q), 50);
          const took = performance.now() - started;
          if (n >= WARMUP) (which === 'app' ? appTimes : floorTimes).push(took);
        }
        total = appAnswer?.total ?? -1;
        const floorIds = floorRows.map((r) => Number(r.id));
        const floorTotal = Number(floorRows[0]?.total ?? 0);
        if (NO_FLOOR.has(name)) continue;
        if (
          appAnswer?.total !== floorTotal ||
          appAnswer.items.map((p) => p.id).join(',') !== floorIds.join(',')
        )
          agree = false;
      }
      const a = figure(appTimes);
      const f = NO_FLOOR.has(name) ? null : figure(floorTimes);
      const row = {
        question: `search "${q}"`,
        scope: name,
        code,
        total,
        app: a,
        floor: f,
        ratio: f && f.median > 0 ? Math.round((a.median / f.median) * 100) / 100 : null,
        agree: f ? agree : null,
      };
      results.push(row);
      process.stderr.write(
        `${row.scope.padEnd(9)} ${row.question.padEnd(26)} total ${String(total).padStart(7)}  app ${a.median} / p95 ${a.p95} ms  floor ${f?.median} / p95 ${f?.p95} ms  same ${row.agree}\n`,
      );
    }
  }
  await app.db.destroy();
  const out = {
    label: process.env.SEARCH_LABEL ?? null,
    database: URL.replace(/\/\/[^@]*@/, '//'),
    iterations: ITERATIONS,
    warmup: WARMUP,
    machine: {
      nproc: cpus().length,
      cpu: /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1],
      ramGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
      date: new Date().toISOString(),
    },
    results,
  };
  if (process.env.SEARCH_OUT)
    writeFileSync(process.env.SEARCH_OUT, `${JSON.stringify(out, null, 2)}\n`);
  else process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

await main();
