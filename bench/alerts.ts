/**
 * Times the pipeline alerts (not a test): `npx tsx bench/alerts.ts [--members N] [--database URL]`.
 *
 * Generates a synthetic national installation (`generate`) into a fresh database unless the
 * database already holds one, then times `computeAlerts` for the whole country, one province and
 * one commune: the indexed path (today) and the history path (a past date, rebuilt from
 * transitions). Prints median and p95 in milliseconds as JSON.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { systemActor } from '../src/server/access/actor.ts';
import { fixedClock } from '../src/server/lib/clock.ts';
import { openContext } from '../src/server/open.ts';
import { generateNational } from '../src/sample/national/generate.ts';
import { computeAlerts } from '../src/server/modules/alerts/alerts.service.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const members = Number(option('members', '50000'));
const url = option('database', `sqlite:/var/tmp/dangvien-bench-alerts-${members}.sqlite`);
const today = '2026-11-27';
const iterations = Number(option('iterations', '15'));

const ctx = await openContext(url, fixedClock(today));
try {
  const fresh = url.startsWith('sqlite:')
    ? !existsSync(url.slice(7)) || (await isEmpty())
    : await isEmpty();
  if (fresh) {
    const started = performance.now();
    await generateNational(ctx, systemActor('bench'), { members, seed: 1 });
    process.stderr.write(
      `generated ${members} members in ${Math.round(performance.now() - started)} ms\n`,
    );
  }
  const pick = async (level: string) =>
    ctx.db
      .selectFrom('organizations')
      .select(['id', 'code'])
      .where('level', '=', level)
      .orderBy('id')
      .executeTakeFirstOrThrow();
  const scopes = [
    await pick('top'),
    await pick('upper').catch(() => pick('grassroots')),
    await pick('grassroots'),
  ];
  const results: Record<string, unknown>[] = [];
  for (const scope of scopes) {
    for (const [path, asOf, history] of [
      ['indexed', today, false],
      ['history', '2026-06-30', true],
    ] as const) {
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < iterations; i++) {
        const started = performance.now();
        count = (await computeAlerts(ctx.db, scope.id, asOf, today, { history })).length;
        times.push(performance.now() - started);
        if (path === 'history' && i >= 2) break; // slow by design; three runs are enough
      }
      times.sort((a, b) => a - b);
      const at = (q: number) =>
        Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 10) /
        10;
      results.push({
        scope: scope.code,
        path,
        asOf,
        alerts: count,
        runs: times.length,
        medianMs: at(0.5),
        p95Ms: at(0.95),
      });
    }
  }
  process.stdout.write(
    `${JSON.stringify({ database: url.replace(/:[^:@/]+@/, ':***@'), members, results }, null, 2)}\n`,
  );
} finally {
  await ctx.db.destroy();
}

async function isEmpty(): Promise<boolean> {
  const row = await ctx.db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
