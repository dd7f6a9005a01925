import { sql, type Kysely } from 'kysely';

/**
 * Role grants dated by day (issue 15): a grant may start on a later day ("officer of X from
 * 01/01/2027") and be ended from a day, so `valid_from`/`valid_to` become ISO dates like every
 * other dated row; the moment a grant was recorded moves to `granted_at`, who ended it to
 * `ended_by`. `users.must_change_password` is set when an administrator resets a password: the
 * user chooses their own at the next sign-in. Frozen in time: it imports nothing from the
 * application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('role_grants').addColumn('granted_at', 'text').execute();
  await db.schema.alterTable('role_grants').addColumn('ended_by', 'text').execute();
  await db
    .updateTable('role_grants')
    .set({
      granted_at: sql`valid_from`,
      valid_from: sql`substr(valid_from, 1, 10)`,
      valid_to: sql`substr(valid_to, 1, 10)`,
    })
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
  await db.schema.alterTable('role_grants').dropColumn('ended_by').execute();
  await db.schema.alterTable('role_grants').dropColumn('granted_at').execute();
}
