import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import type { AppContext } from '../../src/server/context.ts';
import type { Dialect } from '../../src/server/db/database.ts';
import { fixedClock, type Clock } from '../../src/server/lib/clock.ts';
import { openContext } from '../../src/server/open.ts';

/** The PostgreSQL server the suite may create scratch databases on (CI sets it). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** Dialects to run integration tests on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDialects(): Dialect[] {
  const wanted = (process.env.DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  return (['sqlite', 'postgres'] as const).filter(
    (d) => wanted.includes(d) && (d === 'sqlite' || TEST_DATABASE_URL),
  );
}

/** A scratch database of one dialect; `drop()` removes it. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database: a temporary SQLite file, or a new PostgreSQL database on the test server. */
export async function scratchDatabase(dialect: Dialect): Promise<ScratchDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'dangvien-'));
    return {
      url: `sqlite:${join(dir, 'test.sqlite')}`,
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `dangvien_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch (error) {
        // A scratch database left behind (e.g. a backend of another role still attached) is not a test failure.
        console.warn(
          `test: could not drop ${name}: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        await client.end();
      }
    },
  };
}

/** Opens a scratch database of a dialect with a fixed clock. */
export async function scratchContext(
  dialect: Dialect,
  clock: Clock = fixedClock('2026-11-27'),
): Promise<{ ctx: AppContext; url: string; drop: () => Promise<void> }> {
  const scratch = await scratchDatabase(dialect);
  const ctx = await openContext(scratch.url, clock);
  // Scanned files go to a directory of their own, removed with the database.
  const files = mkdtempSync(join(tmpdir(), 'dangvien-files-'));
  ctx.filesDir = files;
  return {
    ctx,
    url: scratch.url,
    drop: async () => {
      await ctx.db.destroy();
      await scratch.drop();
      rmSync(files, { recursive: true, force: true });
    },
  };
}

/** `describe` once per dialect (the same suite on SQLite and PostgreSQL); says so when PostgreSQL is skipped. */
export function describeEachDialect(name: string, suite: (dialect: Dialect) => void): void {
  const dialects = testDialects();
  if (!dialects.includes('postgres') && !process.env.DANGVIEN_QUIET_SKIP) {
    describe.skip(`${name} [postgres: skipped, TEST_DATABASE_URL not set]`, () => undefined);
  }
  for (const dialect of dialects) describe(`${name} [${dialect}]`, () => suite(dialect));
}
