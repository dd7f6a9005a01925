import { PostgresAdapter } from 'kysely';
import type { Kysely, CreateTableBuilder } from 'kysely';

/**
 * The regulations register (issue 16): the Party texts added by an administrator after a
 * release (the texts known at release time ship in code, modules/regulations/regulations.data.ts,
 * and are merged with these rows). One row per text, keyed by its number and date of signing
 * (numbers repeat: 01-HD/TW exists three times). A text that replaces an earlier one names it in
 * `replaces_number` + `replaces_signed_on`; nothing is updated or deleted. Frozen in time: it
 * imports nothing from the application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  await withId(db, db.schema.createTable('regulations'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('governs', 'text', (c) => c.notNull())
    .addColumn('replaces_number', 'text')
    .addColumn('replaces_signed_on', 'text')
    .addColumn('source', 'text')
    .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('regulations_key')
    .on('regulations')
    .columns(['number', 'signed_on'])
    .unique()
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('regulations').execute();
}
