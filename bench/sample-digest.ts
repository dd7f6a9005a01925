/**
 * `npx tsx bench/sample-digest.ts demo|generate sqlite|postgres OUT.json`: builds the demo (seed
 * 2018) or the national installation (`--members 50000 --seed 1`) in a scratch database at the
 * tests' fixed date (2026-11-27) and writes a digest of every table — row count and SHA-256 of
 * the rows ordered by every column — to OUT.json. Two digests taken before and after a change
 * of src/sample prove it writes the same data (issue 14). PostgreSQL needs TEST_DATABASE_URL (a
 * scratch database is created and dropped there); its pending tally deltas depend on how many
 * statements wrote the rows, so the tallies are also digested after folding them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { systemActor } from '../src/server/access/actor.ts';
import type { Db } from '../src/server/db/database.ts';
import { fixedClock } from '../src/server/lib/clock.ts';
import { openContext } from '../src/server/open.ts';
import { generateDemo } from '../src/sample/demo/generate-demo.ts';
import { generateNational } from '../src/sample/national/generate.ts';

const [what, dialect, out] = process.argv.slice(2);
if (
  !(what === 'demo' || what === 'generate') ||
  !(dialect === 'sqlite' || dialect === 'postgres') ||
  !out
) {
  console.error('usage: tsx bench/sample-digest.ts demo|generate sqlite|postgres OUT.json');
  process.exit(2);
}

/** A scratch database of the dialect and how to drop it. */
async function scratch(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'dangvien-digest-'));
    return {
      url: `sqlite:${join(dir, 'digest.sqlite')}`,
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set');
  const name = `dangvien_digest_${randomBytes(5).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** Row count and SHA-256 of rows (as JSON lines) in the given order. */
function digestOf(rows: unknown[]): { rows: number; sha256: string } {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
  return { rows: rows.length, sha256: hash.digest('hex') };
}

/** Every table but the migration bookkeeping, as schema-qualified names. */
async function tablesOf(db: Db): Promise<string[]> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select 'main.' || name as name from sqlite_master
          where type = 'table' order by name`.execute(db)
      : await sql<{ name: string }>`select table_schema || '.' || table_name as name
          from information_schema.tables
          where table_schema in ('public', 'search', 'tally') and table_type = 'BASE TABLE'
          order by 1`.execute(db);
  return rows.map((r) => r.name).filter((name) => !name.includes('kysely_migration'));
}

async function columnCount(db: Db, table: string): Promise<number> {
  const [schema, name] = table.split('.') as [string, string];
  const { rows } =
    dialect === 'sqlite'
      ? await sql<{ n: number }>`select count(*) as n from pragma_table_info(${name})`.execute(db)
      : await sql<{ n: number }>`select count(*)::int as n from information_schema.columns
          where table_schema = ${schema} and table_name = ${name}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

const database = await scratch();
const ctx = await openContext(database.url, fixedClock('2026-11-27'));
try {
  const result: Record<string, unknown> =
    what === 'demo'
      ? { ...(await generateDemo(ctx, systemActor('demo'))) }
      : { ...(await generateNational(ctx, systemActor('generate'), { members: 50000, seed: 1 })) };
  delete result.seconds;
  const digest: Record<string, { rows: number; sha256: string }> = {};
  for (const table of await tablesOf(ctx.db)) {
    const order = Array.from({ length: await columnCount(ctx.db, table) }, (_, i) => i + 1);
    const { rows } = await sql`select * from ${sql.table(table)}
      order by ${sql.raw(order.join(', '))}`.execute(ctx.db);
    digest[table] = digestOf(rows);
  }
  if (dialect === 'postgres') {
    const { rows } = await sql`select sequencename, last_value::text from pg_sequences
      where schemaname = 'public' order by 1`.execute(ctx.db);
    digest.sequences = digestOf(rows);
    await sql`select tally.compact()`.execute(ctx.db);
    for (const table of ['tally.member_counts', 'tally.member_count_deltas']) {
      const { rows: folded } = await sql`select * from ${sql.table(table)}`.execute(ctx.db);
      digest[`folded.${table}`] = digestOf(folded.map((r) => JSON.stringify(r)).sort());
    }
  }
  writeFileSync(out, `${JSON.stringify({ result, digest }, null, 2)}\n`);
  console.log(`wrote ${out}`);
} finally {
  await ctx.db.destroy();
  await database.drop();
}
