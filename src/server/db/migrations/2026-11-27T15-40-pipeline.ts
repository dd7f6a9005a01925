import { PostgresAdapter } from 'kysely';
import type { Kysely, CreateTableBuilder } from 'kysely';

/**
 * The admission pipeline's own tables and indexes: Party-awareness courses and their
 * participants, a failed/done outcome on candidate transitions (a failed vote is recorded but does
 * not move the stage), and the indexes the alerts read (idle open candidates, expiring
 * certificates). Frozen in time: it imports nothing from the application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('candidate_transitions')
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('done'))
    .execute();
  await db.schema
    .createIndex('candidates_open_stage_on')
    .on('candidates')
    .columns(['closed_on', 'stage_on', 'organization_id'])
    .execute();
  await db.schema
    .createIndex('candidates_due_kind')
    .on('candidates')
    .columns(['due_kind', 'due_on', 'organization_id'])
    .execute();

  // A candidacy's membership is looked up on every recognition and in past-date alerts.
  await db.schema
    .createIndex('memberships_candidate')
    .on('memberships')
    .column('candidate_id')
    .execute();

  await withId(db, db.schema.createTable('courses'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organizer', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('certificates_issued_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('courses_org_starts')
    .on('courses')
    .columns(['organization_id', 'starts_on'])
    .execute();

  await db.schema
    .createTable('course_participants')
    .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('result', 'text')
    .addColumn('score', 'real')
    .addColumn('certificate_number', 'text')
    .addColumn('certificate_issued_on', 'text')
    .addPrimaryKeyConstraint('course_participants_pk', ['course_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('course_participants_person')
    .on('course_participants')
    .column('person_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('course_participants').execute();
  await db.schema.dropTable('courses').execute();
  await db.schema.dropIndex('memberships_candidate').execute();
  await db.schema.dropIndex('candidates_due_kind').execute();
  await db.schema.dropIndex('candidates_open_stage_on').execute();
  await db.schema.alterTable('candidate_transitions').dropColumn('outcome').execute();
}
