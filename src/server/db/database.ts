import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CamelCasePlugin,
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import { foldText } from '../../shared/text.ts';
import { AppError } from '../lib/errors.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

/** The application's Kysely instance. */
export type Db = Kysely<Database>;

/** Which SQL dialect a database speaks. */
export type Dialect = 'sqlite' | 'postgres';

/** The default embedded database (SPEC §9). */
export const DEFAULT_DATABASE_URL = 'sqlite:./data/dangvien.sqlite';

// pg returns int8 (count(*)) and numeric as strings; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

/** The dialect named by a database URL. */
export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new AppError(
    'config.database_url',
    `DATABASE_URL must start with sqlite: or postgres:// (got "${url}")`,
  );
}

/** Opens the database named by `url` (sqlite:PATH or postgres://…) and migrates it to the latest schema. */
export async function openDatabase(url: string, options: { migrate?: boolean } = {}): Promise<Db> {
  const db =
    dialectOf(url) === 'sqlite' ? openSqlite(url.slice('sqlite:'.length)) : openPostgres(url);
  if (options.migrate !== false) await migrateToLatest(db);
  return db;
}

function openSqlite(path: string): Db {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path === '' ? ':memory:' : path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('cache_size = -64000');
  database.function('vn_fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldText(value) : null,
  );
  return new Kysely<Database>({
    dialect: new SqliteDialectKeepingErrors(database),
    plugins: [new CamelCasePlugin()],
  });
}

/**
 * better-sqlite3 through Kysely, with two changes to transactions. BEGIN IMMEDIATE takes the write
 * lock at the start, so a transaction waits (busy_timeout) for another process's writer instead
 * of failing half-way when its read snapshot cannot be upgraded. And when SQLite has already
 * rolled a transaction back by itself (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM…), no second
 * ROLLBACK is sent: its "no transaction is active" error would hide the real one.
 */
class SqliteDriverKeepingErrors extends SqliteDriver {
  readonly #database: SQLite.Database;
  constructor(database: SQLite.Database) {
    super({ database });
    this.#database = database;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#database.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

class SqliteDialectKeepingErrors extends SqliteDialect {
  readonly #database: SQLite.Database;
  constructor(database: SQLite.Database) {
    super({ database });
    this.#database = database;
  }
  override createDriver(): Driver {
    return new SqliteDriverKeepingErrors(this.#database);
  }
}

/**
 * Settings of the application's PostgreSQL sessions, for a web application answering many small
 * requests at once (docs/benchmarks.md, issue 8, measured at 5.6 million members on 2 cores):
 * - no JIT: our statements are short index-driven reads whose estimates can look expensive, and
 *   the stock server spent 580 ms of a 688 ms province statistics compiling its plan;
 * - no parallel workers per query: a report already runs its ~10 queries at once, and workers
 *   only compete with them and with other users (a province's summary 320 → 205 ms with the next
 *   setting; the country's reports unchanged);
 * - random_page_cost 1.1: the data is read from memory or SSD, where an index probe is not 4× a
 *   sequential page (the planner otherwise hashes a whole table against a province's few
 *   thousand rows).
 */
const SESSION_SETTINGS = '-c jit=off -c max_parallel_workers_per_gather=0 -c random_page_cost=1.1';

function openPostgres(url: string): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    options: SESSION_SETTINGS,
  });
  // An idle connection dropped by a server restart emits 'error' on the pool; unheard, it would
  // crash the process. The pool discards that client and the next query opens a new one.
  pool.on('error', (error) => {
    process.stderr.write(`dangvien: PostgreSQL connection lost (${error.message}); reconnecting\n`);
  });
  // A client checked out when the server goes away (e.g. held by a transaction between two
  // queries) emits 'error' on itself, not on the pool; its query fails and the pool drops it.
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      process.stderr.write(`dangvien: PostgreSQL connection lost (${error.message})\n`);
    });
  });
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
}

/** The dialect of an open database. */
export function dialectOfDb(db: Db): Dialect {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter' ? 'postgres' : 'sqlite';
}

/** Runs every pending migration; throws with the failing migration's error. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError(
      'internal',
      `Migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
}

/** Whether the database is reachable (for /healthz). */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
