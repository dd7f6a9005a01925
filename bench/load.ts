/**
 * `npm run load [-- --short] [--users N] [--seconds S] [--server child|in-process]`: the load test
 * of issue 9 against 127.0.0.1 only, on a fresh demo installation on SQLite and on PostgreSQL
 * (LOAD_DATABASE_URL, else TEST_DATABASE_URL: a server where scratch databases may be created;
 * PostgreSQL is skipped with a message when neither is set).
 *
 * Full form: 60 s per database, 16 users, the server as a child `dangvien serve` (its own
 * process, as in production). `--short`: 10 s, 6 users. Prints requests/s, p50/p99 latency and
 * errors by status, checks that every acknowledged write is in the database exactly once, writes
 * bench/results/load-<dialect>.json, and exits 1 on any error answer or lost/doubled write.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { systemActor } from '../src/server/access/actor.ts';
import type { Dialect } from '../src/server/db/database.ts';
import { openContext } from '../src/server/open.ts';
import { generateDemo } from '../src/sample/demo/generate-demo.ts';
import { scratchDatabase } from '../test/support/dialects.ts';
import { runLoad, type LoadReport } from './load-run.ts';

const args = process.argv.slice(2);
const short = args.includes('--short');
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const seconds = Number(option('--seconds') ?? (short ? 10 : 60));
const users = Number(option('--users') ?? (short ? 6 : 16));
const server = (option('--server') ?? 'child') as 'child' | 'in-process';
const pgUrl = process.env.LOAD_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const RESULTS = resolve(import.meta.dirname, 'results');

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function runOn(dialect: Dialect): Promise<LoadReport> {
  if (dialect === 'postgres' && pgUrl) process.env.TEST_DATABASE_URL = pgUrl;
  const scratch = await scratchDatabase(dialect);
  try {
    const ctx = await openContext(scratch.url);
    try {
      say(`load [${dialect}]: generating the demo installation…`);
      await generateDemo(ctx, systemActor('load'));
      return await runLoad({
        ctx,
        databaseUrl: scratch.url,
        users,
        durationMs: seconds * 1000,
        server,
        log: say,
      });
    } finally {
      await ctx.db.destroy();
    }
  } finally {
    await scratch.drop();
  }
}

function table(report: LoadReport): string {
  const lines = [
    `| ${report.dialect} | kind | requests | p50 ms | p99 ms | max ms |`,
    '|---|---|---:|---:|---:|---:|',
    `| | all | ${report.requests} | ${report.latency.p50} | ${report.latency.p99} | ${report.latency.max} |`,
    ...Object.entries(report.byKind).map(
      ([kind, f]) => `| | ${kind} | ${f.count} | ${f.p50} | ${f.p99} | ${f.max} |`,
    ),
  ];
  return lines.join('\n');
}

const dialects: Dialect[] = ['sqlite'];
if (pgUrl) dialects.push('postgres');
else say('load [postgres]: skipped — set LOAD_DATABASE_URL or TEST_DATABASE_URL to include it');

const machine = {
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  ramGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
};
let failed = false;
mkdirSync(RESULTS, { recursive: true });
for (const dialect of dialects) {
  const report = await runOn(dialect);
  writeFileSync(
    join(RESULTS, `load-${dialect}${short ? '-short' : ''}.json`),
    `${JSON.stringify({ machine, ...report }, null, 2)}\n`,
  );
  say(
    `load [${dialect}]: ${report.requests} requests in ${report.seconds} s = ${report.requestsPerSecond}/s, p50 ${report.latency.p50} ms, p99 ${report.latency.p99} ms; statuses ${JSON.stringify(report.statuses)}`,
  );
  say(
    `load [${dialect}]: acknowledged ${JSON.stringify(report.acknowledged)}; database ${JSON.stringify(report.verification)}`,
  );
  process.stdout.write(`${table(report)}\n\n`);
  if (Object.keys(report.errors).length > 0) {
    failed = true;
    say(`load [${dialect}]: ERRORS ${JSON.stringify(report.errors, null, 2)}`);
  }
  if (report.verification.problems.length > 0) {
    failed = true;
    say(`load [${dialect}]: WRITE CHECK FAILED ${report.verification.problems.join('; ')}`);
  }
}
say(`machine: ${JSON.stringify(machine)}`);
process.exit(failed ? 1 : 0);
