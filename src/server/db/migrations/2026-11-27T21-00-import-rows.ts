import type { Kysely } from 'kysely';

/**
 * Large imports in bounded memory (issue 7). Frozen in time: it imports nothing from the
 * application.
 *
 * `import_rows` holds the keys of the rows an import has already read (national ID, folded name
 * + birth date, and for new people their unit), so that each batch finds its in-file duplicates
 * and close names with indexed lookups instead of the process keeping every row's keys in memory.
 * A confirmed import writes them inside its transaction and deletes them before commit (a refused
 * or killed import rolls them back); a preview writes them outside any transaction and deletes
 * them when it ends. The index on people (unit_id, birth_date) answers "people of this unit born
 * in this year", the close-name check against stored people, without reading the whole unit.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
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
  await db.schema
    .createIndex('import_rows_national_id')
    .on('import_rows')
    .columns(['import_id', 'national_id'])
    .execute();
  await db.schema
    .createIndex('import_rows_birth_folded')
    .on('import_rows')
    .columns(['import_id', 'birth_date', 'name_folded'])
    .execute();
  await db.schema
    .createIndex('import_rows_unit_birth')
    .on('import_rows')
    .columns(['import_id', 'unit_id', 'birth_date'])
    .execute();
  await db.schema
    .createIndex('people_unit_birth')
    .on('people')
    .columns(['unit_id', 'birth_date'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('people_unit_birth').execute();
  await db.schema.dropTable('import_rows').execute();
}
