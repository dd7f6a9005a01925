import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, CreateTableBuilder } from 'kysely';

/**
 * A person's dated place and facts (issue 15 item 4). `person_places`: the unit (village, school,
 * agency) where the person lives, works or studies over [valid_from, valid_to) — one kind, as
 * `people.unit_id` is one: the rules judge "the unit the person belongs to" (coverage by an
 * organization, hardship area) and the introducers' "worked, studied or lived together" does not
 * depend on which of the three. `person_facts`: the changeable facts (education level,
 * professional level, political theory, occupation), one table for the four because they share
 * shape, writer and reader (the timeline and the as-of read take them together); `value` null is
 * a dated "not recorded". `people.unit_id` and the four columns stay as the current value.
 *
 * Backfill: one open period per person and fact from the person's BIRTH DATE, the earliest date
 * the data allows: nothing recorded says the value ever changed, so every past date (a 2017
 * dossier, a 2017 report) keeps the answer it had before this migration. Null facts get rows too,
 * so a later change of a fact recorded as none does not reach back before its date.
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

/** The facts' column names in `people`, as stored in `person_facts.field`. */
const FACT_COLUMNS = {
  education_level: 'educationLevel',
  professional_level: 'professionalLevel',
  political_theory: 'politicalTheory',
  occupation: 'occupation',
} as const;

export async function up(db: AnyDb): Promise<void> {
  await withId(db, db.schema.createTable('person_places'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull().defaultTo(OPEN))
    .execute();
  await db.schema
    .createIndex('person_places_person')
    .on('person_places')
    .columns(['person_id', 'valid_from'])
    .execute();
  await db.schema
    .createIndex('person_places_unit')
    .on('person_places')
    .columns(['unit_id', 'valid_from'])
    .execute();
  await withId(db, db.schema.createTable('person_facts'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull().defaultTo(OPEN))
    .execute();
  await db.schema
    .createIndex('person_facts_person')
    .on('person_facts')
    .columns(['person_id', 'field', 'valid_from'])
    .execute();

  await sql`insert into person_places (person_id, unit_id, valid_from, valid_to)
            select id, unit_id, birth_date, cast(${OPEN} as text) from people
            where unit_id is not null`.execute(db);
  for (const [column, field] of Object.entries(FACT_COLUMNS))
    await sql`insert into person_facts (person_id, field, value, valid_from, valid_to)
              select id, cast(${field} as text), ${sql.ref(column)}, birth_date, cast(${OPEN} as text)
              from people`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('person_facts').execute();
  await db.schema.dropTable('person_places').execute();
}
