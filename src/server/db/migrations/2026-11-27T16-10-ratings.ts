import { PostgresAdapter } from 'kysely';
import type { Kysely, CreateTableBuilder } from 'kysely';

/**
 * Quality ratings (xếp loại chất lượng): the rating schemes with their level thresholds, the
 * criteria and their points, one row per rating of an organization or a member for a year or a
 * quarter, and its score per criterion. Regulations change (366-QĐ/TW of 2025 replaced 124-QĐ/TW
 * of 2023), so schemes, thresholds and points are data. Frozen in time: imports no app code.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

const OPEN = '9999-12-31';

export async function up(db: AnyDb): Promise<void> {
  // A scheme is one regulation's scale: total points and the lowest total of each level.
  await withId(db, db.schema.createTable('rating_schemes'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('max_points', 'real', (c) => c.notNull())
    .addColumn('excellent_min', 'real', (c) => c.notNull())
    .addColumn('good_min', 'real', (c) => c.notNull())
    .addColumn('completed_min', 'real', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull().defaultTo(OPEN))
    .addColumn('note', 'text')
    .execute();

  await withId(db, db.schema.createTable('rating_criteria'))
    .addColumn('scheme_id', 'integer', (c) => c.notNull().references('rating_schemes.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('max_points', 'real', (c) => c.notNull())
    .addColumn('metric', 'text')
    .addColumn('sector', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('rating_criteria_scheme')
    .on('rating_criteria')
    .columns(['scheme_id', 'subject', 'sort'])
    .execute();

  // One rating of an organization (person_id null) or of a member, for a year or one quarter.
  await withId(db, db.schema.createTable('ratings'))
    .addColumn('scheme_id', 'integer', (c) => c.notNull().references('rating_schemes.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('quarter', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'real', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('rated_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ratings_org_year')
    .on('ratings')
    .columns(['organization_id', 'year', 'quarter', 'subject'])
    .execute();
  await db.schema.createIndex('ratings_person').on('ratings').column('person_id').execute();

  await db.schema
    .createTable('rating_scores')
    .addColumn('rating_id', 'integer', (c) => c.notNull().references('ratings.id'))
    .addColumn('criterion_id', 'integer', (c) => c.notNull().references('rating_criteria.id'))
    .addColumn('points', 'real', (c) => c.notNull())
    .addColumn('proposed_points', 'real')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('rating_scores_pk', ['rating_id', 'criterion_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['rating_scores', 'ratings', 'rating_criteria', 'rating_schemes'])
    await db.schema.dropTable(table).execute();
}
