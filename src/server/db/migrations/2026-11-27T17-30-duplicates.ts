import type { Kysely } from 'kysely';

/**
 * Duplicate review (SPEC §8): pairs of people an officer has marked "not duplicates", so they are
 * never proposed again. (No index on people.merged_into_id: it is NULL for nearly everyone and
 * SQLite's planner would pick it for `merged_into_id IS NULL` over the selective indexes.)
 * Frozen in time: it imports nothing from the application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // One row per unordered pair, stored with the smaller id as the first.
  await db.schema
    .createTable('duplicate_dismissals')
    .addColumn('first_person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('second_person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('dismissed_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('duplicate_dismissals_pk', ['first_person_id', 'second_person_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('duplicate_dismissals').execute();
}
