/**
 * The server's resident memory while it serves the benchmark's questions: builds the HTTP app on
 * a database (as `dangvien serve` does), sends the report, search, member-list, person and alerts
 * requests through it a few times, and samples the process's RSS. Run by bench/run.ts as a child
 * process so that the benchmark's own data does not count: `tsx bench/memory.ts URL ASOF ORG...`.
 */
import { readFileSync } from 'node:fs';
import { buildApp } from '../src/server/app.ts';
import { systemActor } from '../src/server/access/actor.ts';
import { openContext } from '../src/server/open.ts';
import { fixedClock } from '../src/server/lib/clock.ts';

const [url, asOf, personId, ...orgs] = process.argv.slice(2);
if (!url || !asOf || !personId) throw new Error('usage: memory.ts URL ASOF PERSON_ID ORG...');

/** The kernel's peak resident set of this process (VmHWM) in MB. */
function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

const ctx = await openContext(url, fixedClock(asOf));
const { app } = await buildApp(ctx, {
  logLevel: 'silent',
  actorOf: () => Promise.resolve(systemActor('bench')),
});
await app.ready();
const idle = Math.round(process.memoryUsage().rss / 2 ** 20);
let sampledPeak = idle;
const timer = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, Math.round(process.memoryUsage().rss / 2 ** 20));
}, 20);
const year = Number(asOf.slice(0, 4)) - 1;
const paths = orgs.flatMap((org) => [
  `/api/v1/reports/statistics?org=${org}&asOf=${asOf}`,
  `/api/v1/reports/summary?org=${org}&year=${year}`,
  `/api/v1/members?org=${org}&asOf=${asOf}&limit=50`,
  `/api/v1/people?org=${org}&q=h%C3%B9ng`,
  `/api/v1/alerts?org=${org}&asOf=${asOf}`,
]);
paths.push(`/api/v1/people/${personId}`);
const statuses: Record<string, number> = {};
for (let round = 0; round < 3; round++) {
  // Several requests at once, as a server under use sees them.
  const answers = await Promise.all(paths.map((path) => app.inject({ method: 'GET', url: path })));
  answers.forEach((a, i) => (statuses[paths[i] ?? ''] = a.statusCode));
}
clearInterval(timer);
const result = {
  idleRssMb: idle,
  sampledPeakRssMb: sampledPeak,
  peakRssMb: peakRssMb(),
  requests: paths.length * 3,
  statuses,
};
await app.close();
await ctx.db.destroy();
process.stdout.write(`${JSON.stringify(result)}\n`);
