import { PostgresAdapter } from 'kysely';
import type { Kysely, CreateTableBuilder } from 'kysely';

/**
 * Kinds of area of a unit (issue 16 finding 6): mountain, border, island, ethnic-minority or
 * hardship area, each over [valid_from, valid_to) like the other dated facts of a unit. The
 * lower education minimum of the guidance applies to a person whose place (a unit, or the commune
 * it lies in) is of such a kind on the day the cell considers the admission. Rows are never
 * deleted: ending a kind sets `valid_to`; who and why is in `events`.
 * Frozen in time: it imports nothing from the application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const OPEN = '9999-12-31';

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  await withId(db, db.schema.createTable('unit_area_kinds'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull().defaultTo(OPEN))
    .execute();
  await db.schema
    .createIndex('unit_area_kinds_unit')
    .on('unit_area_kinds')
    .columns(['unit_id', 'valid_from'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('unit_area_kinds').execute();
}
