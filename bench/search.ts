/**
 * `npx tsx bench/search.ts`: times only the accent-insensitive people search (issue 8), through
 * the service (`listPeople`, as the API calls it) and beside the hand-written SQL floors
 * (bench/floors.ts `floorSearch`, a scan that needs no search schema; on PostgreSQL in an
 * upper-level committee also `floorSuffixes` over search.person_name_suffixes), for a country, a
 * province and a commune; checks that all return the same total and the same first page. Much
 * shorter than `npm run bench`.
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
import { sql } from 'kysely';
import type { Actor } from '../src/server/access/actor.ts';
import { systemActor } from '../src/server/access/actor.ts';
import type { Db } from '../src/server/db/database.ts';
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

/** One search's answer: the total and the ids of the first page. */
interface Answer {
  total: number;
  ids: number[];
}

function answerOf(rows: Record<string, unknown>[]): Answer {
  return { total: Number(rows[0]?.total ?? 0), ids: rows.map((r) => Number(r.id)) };
}

/**
 * The floor over the suffix table (PostgreSQL, an upper-level committee): the best one statement
 * a DBA could write on the new schema, next to floorSearch's schema-free scan.
 */
async function floorSuffixes(db: Db, root: number, folded: string) {
  const { rows } = await sql<Record<string, unknown>>`
    with s as materialized (
      select distinct person_id as id, name_sort from search.person_name_suffixes
      where scope_id = ${root} and suffix like ${`${folded.replace(/[\\%_]/g, '')}%`})
    select s.id, (select count(*) from s) as total from s order by s.name_sort, s.id limit 50`.execute(
    db,
  );
  return rows;
}

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
    const { level } = await db
      .selectFrom('organizations')
      .select('level')
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    const withIndexFloor = app.dialect === 'postgres' && level === 'upper';
    for (const q of QUERIES) {
      const folded = foldText(q);
      const contenders: { key: string; run: () => Promise<Answer> }[] = [
        {
          key: 'app',
          run: async () => {
            const r = await listPeople(app, actor, { q, org: org.code });
            return { total: r.total, ids: r.items.map((p) => p.id) };
          },
        },
        ...(NO_FLOOR.has(name)
          ? []
          : [
              {
                key: 'floor',
                run: async () => answerOf(await floorSearch(db, org.id, folded, 50)),
              },
            ]),
        ...(withIndexFloor
          ? [
              {
                key: 'indexFloor',
                run: async () => answerOf(await floorSuffixes(db, org.id, folded)),
              },
            ]
          : []),
      ];
      const times = new Map<string, number[]>(contenders.map((c) => [c.key, []]));
      let agree = true;
      let total = 0;
      for (let n = 0; n < WARMUP + ITERATIONS; n++) {
        // Rotate which goes first, so all see the same cache state.
        const answers: Answer[] = [];
        for (let k = 0; k < contenders.length; k++) {
          const c = contenders[(n + k) % contenders.length];
          if (!c) continue;
          const started = performance.now();
          const answer = await c.run();
          const took = performance.now() - started;
          if (n >= WARMUP) times.get(c.key)?.push(took);
          if (c.key === 'app') total = answer.total;
          answers.push(answer);
        }
        const key = (x: Answer) => `${x.total}:${x.ids.join(',')}`;
        if (answers.some((x) => key(x) !== key(answers[0] ?? x))) agree = false;
      }
      const a = figure(times.get('app') ?? []);
      const f = times.has('floor') ? figure(times.get('floor') ?? []) : null;
      const fi = times.has('indexFloor') ? figure(times.get('indexFloor') ?? []) : null;
      const ratio = (x: { median: number } | null) =>
        x && x.median > 0 ? Math.round((a.median / x.median) * 100) / 100 : null;
      const row = {
        question: `search "${q}"`,
        scope: name,
        code,
        total,
        app: a,
        floor: f,
        ratio: ratio(f),
        indexFloor: fi,
        indexRatio: ratio(fi),
        agree: contenders.length > 1 ? agree : null,
      };
      results.push(row);
      process.stderr.write(
        `${row.scope.padEnd(9)} ${row.question.padEnd(26)} total ${String(total).padStart(7)}  app ${a.median} / p95 ${a.p95} ms  floor ${f?.median} / p95 ${f?.p95} ms  index floor ${fi?.median} / p95 ${fi?.p95} ms  same ${row.agree}\n`,
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
