import { sql } from 'kysely';
import type { Db } from '../../server/db/database.ts';
import { dialectOfDb } from '../../server/db/database.ts';

/**
 * Bulk writing for the generator. Rows are buffered per table as columns and flushed in large
 * chunks: on PostgreSQL one `INSERT … SELECT * FROM unnest($1::int[], $2::text[], …)` per chunk
 * (one bound parameter per column, so a chunk may hold tens of thousands of rows and the server
 * parses one statement), on SQLite multi-row VALUES under its bound-parameter limit.
 */

/** A column of a bulk table: its SQL name and the PostgreSQL array type of its values. */
export interface BulkColumn {
  name: string;
  type: 'int' | 'text' | 'real';
}

/** Rows of one table waiting to be written, column by column. */
export class BulkTable {
  readonly #db: Db;
  readonly #postgres: boolean;
  readonly #table: string;
  readonly #columns: readonly BulkColumn[];
  readonly #chunk: number;
  readonly #parents: readonly BulkTable[];
  #values: unknown[][];
  /** Rows written so far. */
  written = 0;

  /** `parents` are the tables this one references: they are flushed first, so foreign keys hold. */
  constructor(
    db: Db,
    table: string,
    columns: readonly BulkColumn[],
    parents: readonly BulkTable[] = [],
    chunk = 50_000,
  ) {
    this.#parents = parents;
    this.#db = db;
    this.#postgres = dialectOfDb(db) === 'postgres';
    this.#table = table;
    this.#columns = columns;
    this.#chunk = this.#postgres ? chunk : Math.max(1, Math.floor(30_000 / columns.length));
    this.#values = columns.map(() => []);
  }

  /** Buffers one row (values in column order) and writes the buffer when it is full. */
  async add(row: readonly unknown[]): Promise<void> {
    for (let i = 0; i < row.length; i++) this.#values[i]?.push(row[i]);
    if ((this.#values[0]?.length ?? 0) >= this.#chunk) await this.flush();
  }

  /** Writes whatever is buffered. */
  async flush(): Promise<void> {
    const count = this.#values[0]?.length ?? 0;
    if (count === 0) return;
    for (const parent of this.#parents) await parent.flush();
    const values = this.#values;
    this.#values = this.#columns.map(() => []);
    const names = sql.join(this.#columns.map((c) => sql.id(c.name)));
    if (this.#postgres) {
      const arrays = sql.join(
        this.#columns.map(
          (c, i) =>
            sql`${values[i]}::${sql.raw(c.type === 'int' ? 'int' : c.type === 'real' ? 'float8' : 'text')}[]`,
        ),
      );
      await sql`insert into ${sql.id(this.#table)} (${names}) select * from unnest(${arrays})`.execute(
        this.#db,
      );
    } else {
      const rows = [];
      for (let r = 0; r < count; r++)
        rows.push(sql`(${sql.join(values.map((column) => column[r]))})`);
      await sql`insert into ${sql.id(this.#table)} (${names}) values ${sql.join(rows)}`.execute(
        this.#db,
      );
    }
    this.written += count;
  }
}

/** Whether the database holds no organization yet (the generator writes into empty ones only). */
export async function isEmptyInstallation(db: Db): Promise<boolean> {
  const row = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Refreshes the planner's statistics after a bulk load. On PostgreSQL it also vacuums, which sets
 * the visibility map so that counts can be answered by index-only scans from the start.
 */
export async function analyzeDatabase(db: Db): Promise<void> {
  await sql`${sql.raw(dialectOfDb(db) === 'postgres' ? 'vacuum analyze' : 'analyze')}`.execute(db);
}

/**
 * Runs a bulk load with the secondary indexes and foreign keys of `tables` set aside, then
 * rebuilds them in one pass each, which is many times faster than maintaining them row by row.
 * PostgreSQL only (its DDL is transactional, so run it inside the load's transaction: a failure
 * leaves the schema as it was); on SQLite the load simply runs.
 */
export async function withBulkLoadMode<T>(
  db: Db,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  if (dialectOfDb(db) !== 'postgres') return load();
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in (${sql.join(tables)})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  const { rows: foreignKeys } = await sql<{ table: string; name: string; definition: string }>`
    select t.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c join pg_class t on t.oid = c.conrelid
    where c.contype = 'f' and t.relname in (${sql.join(tables)})
      and t.relnamespace = current_schema()::regnamespace`.execute(db);
  for (const fk of foreignKeys)
    await sql`alter table ${sql.id(fk.table)} drop constraint ${sql.id(fk.name)}`.execute(db);
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  // The name-search triggers (migration 2026-11-27T20-00) would recompute people per chunk
  // against tables without their indexes: defer them and rebuild their table once at the end.
  await sql`set local dangvien.search_deferred = 'on'`.execute(db);
  // Likewise the member tallies (migration 2026-11-27T22-00): counted once at the end.
  await sql`set local dangvien.tally_deferred = 'on'`.execute(db);
  const result = await load();
  await sql`set local maintenance_work_mem = '256MB'`.execute(db);
  for (const index of indexes) await sql.raw(index.definition).execute(db);
  for (const fk of foreignKeys)
    await sql`alter table ${sql.id(fk.table)} add constraint ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(
      db,
    );
  await sql`set local dangvien.search_deferred = 'off'`.execute(db);
  await sql`select search.rebuild_person_name_suffixes()`.execute(db);
  await sql`set local dangvien.tally_deferred = 'off'`.execute(db);
  await sql`select tally.rebuild()`.execute(db);
  return result;
}
