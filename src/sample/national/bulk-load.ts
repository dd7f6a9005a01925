import { sql } from 'kysely';
import type { Db } from '../../server/db/database.ts';
import { dialectOfDb } from '../../server/db/database.ts';
import { hasAnyOrganization } from '../../server/modules/organizations/organizations.repository.ts';

/** Whether the database holds no organization yet (the generator writes into empty ones only). */
export async function isEmptyInstallation(db: Db): Promise<boolean> {
  return !(await hasAnyOrganization(db));
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
