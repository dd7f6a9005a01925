import type { Kysely } from 'kysely';

/**
 * Named application locks (issue 9): one row per operation that must not run twice at once, e.g.
 * spreadsheet imports. A transaction takes the lock by updating its row first, so a second one
 * waits for the first to commit on PostgreSQL (row lock) and on SQLite (the write lock a first
 * write takes). Frozen in time: it imports nothing from the application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text')
    .addColumn('acquired_at', 'text')
    .execute();
  await db
    .insertInto('locks')
    .values({ name: 'import', holder: null, acquired_at: null })
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('locks').execute();
}
