import type { Kysely } from 'kysely';

/**
 * `import_rows` (2026-11-27T21-00) again, with no index that starts with `import_id`. Frozen in
 * time: it imports nothing from the application.
 *
 * Why: a batch looks up 250 (name, birth date) pairs as `import_id = ? AND (pair OR pair …)`.
 * With `import_id` first in every index (and in the primary key), PostgreSQL factors the common
 * `import_id = ?` out of the OR and SQLite picks the shortest usable prefix: both then read every
 * row the import has staged, once per batch, and a 100,000-row import slowed from 1,500 to 700
 * rows/s on PostgreSQL. Led by the looked-up columns, each pair is one index search. The table
 * only holds rows of imports under way, so it is dropped and created again; the delete at the end
 * of an import (by `import_id`) reads the table once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropTable('import_rows').execute();
  await db.schema
    .createTable('import_rows')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('national_id', 'text')
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer')
    .addColumn('person_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('import_rows_national_id')
    .on('import_rows')
    .columns(['national_id', 'import_id'])
    .execute();
  await db.schema
    .createIndex('import_rows_birth_folded')
    .on('import_rows')
    .columns(['birth_date', 'name_folded', 'import_id'])
    .execute();
  await db.schema
    .createIndex('import_rows_unit_birth')
    .on('import_rows')
    .columns(['unit_id', 'birth_date', 'import_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('import_rows').execute();
  await db.schema
    .createTable('import_rows')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('national_id', 'text')
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer')
    .addColumn('person_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'row'])
    .execute();
}
