import type { Kysely } from 'kysely';

/**
 * The further organizations an audit event concerns (issue 13), beyond the one in
 * `events.organization_id`: a merge concerns both people's organizations, a reorganization every
 * organization its steps touch. The audit trail shows an event to the admins of any of them.
 * Append-only like `events`. Frozen in time: it imports nothing from the application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('event_organizations')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addPrimaryKeyConstraint('event_organizations_pk', ['event_id', 'organization_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('event_organizations').execute();
}
