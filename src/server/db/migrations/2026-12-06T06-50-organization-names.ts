import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Dated names of organizations (issue 15): a rename from a date keeps the name the organization
 * bore before it, over [valid_from, valid_to), so a 2017 tree or report prints the 2017 name.
 * `organizations.name` stays the current name; this table holds only the earlier ones, so every
 * existing read of `organizations.name` keeps working and organizations never renamed have no
 * row. Frozen in time: it imports nothing from the application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const table = db.schema.createTable('organization_names');
  await (
    db.getExecutor().adapter instanceof PostgresAdapter
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organization_names_org')
    .on('organization_names')
    .columns(['organization_id', 'valid_from'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('organization_names').execute();
}
