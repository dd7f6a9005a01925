import { PostgresAdapter } from 'kysely';
import type { Kysely, CreateTableBuilder } from 'kysely';

/**
 * Foundation schema: the dated organization tree (links + closure), units and their dated
 * coverage, people, memberships split into dated periods, plans, resolutions, holidays and the
 * append-only event log. Frozen in time: it imports nothing from the application.
 *
 * Dates are ISO 'YYYY-MM-DD' text on both dialects (lexicographic order is date order); an open
 * interval ends on '9999-12-31' rather than NULL so that range predicates stay sargable.
 * Booleans are integers 0/1 on both dialects.
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
  await withId(db, db.schema.createTable('organizations'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('combined', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decides_admissions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('education_exception', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('has_youth_union', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('established_on', 'text', (c) => c.notNull())
    .addColumn('dissolved_on', 'text', (c) => c.notNull().defaultTo(OPEN))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organizations_name_folded')
    .on('organizations')
    .column('name_folded')
    .execute();

  await withId(db, db.schema.createTable('organization_links'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('parent_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull().defaultTo(OPEN))
    .execute();
  await db.schema
    .createIndex('organization_links_org')
    .on('organization_links')
    .columns(['organization_id', 'valid_from'])
    .execute();
  await db.schema
    .createIndex('organization_links_parent')
    .on('organization_links')
    .columns(['parent_id', 'valid_from'])
    .execute();

  // Dated closure: ancestor covers descendant (depth 0 = itself) from valid_from until valid_to.
  await withId(db, db.schema.createTable('organization_closure'))
    .addColumn('ancestor_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('descendant_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull().defaultTo(OPEN))
    .execute();
  await db.schema
    .createIndex('organization_closure_ancestor')
    .on('organization_closure')
    .columns(['ancestor_id', 'valid_from', 'valid_to', 'descendant_id'])
    .execute();
  await db.schema
    .createIndex('organization_closure_descendant')
    .on('organization_closure')
    .columns(['descendant_id', 'valid_from', 'valid_to', 'ancestor_id', 'depth'])
    .execute();

  await withId(db, db.schema.createTable('units'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('commune_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('sector', 'text')
    .addColumn('staff_count', 'integer')
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull().defaultTo(OPEN))
    .execute();
  await db.schema.createIndex('units_commune').on('units').column('commune_unit_id').execute();

  await withId(db, db.schema.createTable('unit_coverage'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull().defaultTo(OPEN))
    .execute();
  await db.schema
    .createIndex('unit_coverage_org')
    .on('unit_coverage')
    .columns(['organization_id', 'valid_from', 'valid_to'])
    .execute();
  await db.schema
    .createIndex('unit_coverage_unit')
    .on('unit_coverage')
    .columns(['unit_id', 'valid_from'])
    .execute();

  await withId(db, db.schema.createTable('people'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('name_sort', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('ethnicity', 'text', (c) => c.notNull())
    .addColumn('religion', 'text')
    .addColumn('national_id', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('education_level', 'text', (c) => c.notNull())
    .addColumn('professional_level', 'text')
    .addColumn('political_theory', 'text')
    .addColumn('occupation', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('people.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_name_folded').on('people').column('name_folded').execute();
  await db.schema.createIndex('people_name_sort').on('people').column('name_sort').execute();
  await db.schema.createIndex('people_national_id').on('people').column('national_id').execute();
  await db.schema.createIndex('people_unit').on('people').column('unit_id').execute();
  await db.schema
    .createIndex('people_birth_folded')
    .on('people')
    .columns(['birth_date', 'name_folded'])
    .execute();

  await db.schema
    .createTable('person_target_groups')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('target_group', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull().defaultTo(OPEN))
    .addPrimaryKeyConstraint('person_target_groups_pk', ['person_id', 'target_group', 'valid_from'])
    .execute();
  await db.schema
    .createIndex('person_target_groups_group')
    .on('person_target_groups')
    .columns(['target_group', 'person_id'])
    .execute();

  await withId(db, db.schema.createTable('memberships'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('candidate_id', 'integer')
    .addColumn('admitted_on', 'text', (c) => c.notNull())
    .addColumn('admission_decision_no', 'text')
    .addColumn('official_on', 'text')
    .addColumn('official_decision_no', 'text')
    .addColumn('ended_on', 'text', (c) => c.notNull().defaultTo(OPEN))
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema
    .createIndex('memberships_person')
    .on('memberships')
    .columns(['person_id', 'admitted_on'])
    .execute();
  await db.schema
    .createIndex('memberships_admitted')
    .on('memberships')
    .column('admitted_on')
    .execute();

  // A membership's time in one cell with one status; recognition and transfers close a period
  // and open the next, so "members of a subtree as of D, by status" is one indexed range scan.
  await withId(db, db.schema.createTable('member_periods'))
    .addColumn('membership_id', 'integer', (c) => c.notNull().references('memberships.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_reason', 'text', (c) => c.notNull())
    .addColumn('end_reason', 'text')
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull().defaultTo(OPEN))
    .execute();
  await db.schema
    .createIndex('member_periods_org_dates')
    .on('member_periods')
    .columns(['organization_id', 'valid_from', 'valid_to'])
    .execute();
  await db.schema
    .createIndex('member_periods_person')
    .on('member_periods')
    .columns(['person_id', 'valid_from'])
    .execute();
  await db.schema
    .createIndex('member_periods_membership')
    .on('member_periods')
    .column('membership_id')
    .execute();
  await db.schema
    .createIndex('member_periods_unit')
    .on('member_periods')
    .columns(['unit_id', 'valid_from'])
    .execute();

  await withId(db, db.schema.createTable('plans'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('target', 'integer', (c) => c.notNull())
    .addColumn('target_max', 'integer')
    .addColumn('focus_groups', 'text')
    .addColumn('note', 'text')
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull().defaultTo(OPEN))
    .execute();
  await db.schema
    .createIndex('plans_org_year')
    .on('plans')
    .columns(['organization_id', 'year', 'metric'])
    .execute();

  await withId(db, db.schema.createTable('resolutions'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('adopted_on', 'text', (c) => c.notNull())
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('to_year', 'integer', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('resolution_indicators'))
    .addColumn('resolution_id', 'integer', (c) => c.notNull().references('resolutions.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('metric', 'text')
    .addColumn('baseline', 'real')
    .addColumn('baseline_on', 'text')
    .addColumn('target', 'real')
    .addColumn('direction', 'text', (c) => c.notNull().defaultTo('increase'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db, db.schema.createTable('indicator_values'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('resolution_indicators.id'))
    .addColumn('measured_on', 'text', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('holidays')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('working', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  // The admission pipeline: one row per candidacy with its current stage and the next due date
  // (indexed, so alerts are range scans); every transition is a row of candidate_transitions.
  await withId(db, db.schema.createTable('candidates'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_on', 'text', (c) => c.notNull())
    .addColumn('identified_on', 'text', (c) => c.notNull())
    .addColumn('fostering_on', 'text')
    .addColumn('closed_on', 'text', (c) => c.notNull().defaultTo(OPEN))
    .addColumn('failed_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('certificate_number', 'text')
    .addColumn('certificate_issued_on', 'text')
    .addColumn('certificate_issuer', 'text')
    .addColumn('background_checked_on', 'text')
    .addColumn('due_kind', 'text')
    .addColumn('due_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('candidates_org_stage')
    .on('candidates')
    .columns(['organization_id', 'stage'])
    .execute();
  await db.schema.createIndex('candidates_person').on('candidates').column('person_id').execute();
  await db.schema
    .createIndex('candidates_due')
    .on('candidates')
    .columns(['due_on', 'organization_id'])
    .execute();
  await db.schema
    .createIndex('candidates_fostering')
    .on('candidates')
    .columns(['organization_id', 'fostering_on', 'closed_on'])
    .execute();

  await withId(db, db.schema.createTable('candidate_transitions'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('on', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('details', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('candidate_transitions_candidate')
    .on('candidate_transitions')
    .columns(['candidate_id', 'on'])
    .execute();

  await db.schema
    .createTable('candidate_members')
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('member_person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('candidate_members_pk', ['candidate_id', 'member_person_id', 'role'])
    .execute();

  await db.schema
    .createTable('candidate_documents')
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('candidate_documents_pk', ['candidate_id', 'kind'])
    .execute();

  // Append-only: every change and every export, with who, when, from where, what and why.
  await withId(db, db.schema.createTable('events'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('organization_id', 'integer')
    .addColumn('effective_on', 'text')
    .addColumn('reason', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema
    .createIndex('events_entity')
    .on('events')
    .columns(['entity', 'entity_id'])
    .execute();
  await db.schema.createIndex('events_at').on('events').column('at').execute();
  await db.schema
    .createIndex('events_org')
    .on('events')
    .columns(['organization_id', 'at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'events',
    'candidate_documents',
    'candidate_members',
    'candidate_transitions',
    'candidates',
    'settings',
    'holidays',
    'indicator_values',
    'resolution_indicators',
    'resolutions',
    'plans',
    'member_periods',
    'memberships',
    'person_target_groups',
    'people',
    'unit_coverage',
    'units',
    'organization_closure',
    'organization_links',
    'organizations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
