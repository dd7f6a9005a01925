import { PostgresAdapter } from 'kysely';
import type { Kysely, CreateTableBuilder } from 'kysely';

/**
 * Sign-in hardening (issue 13). Failed password checks are counted per username AND client
 * address (`credential_throttles`), so that someone elsewhere cannot lock the real user out; the
 * addresses each user has signed in from are kept (`user_addresses`), and an administrator is
 * never locked out from one of them. `users.failed_logins` and `users.locked_until` are no
 * longer read; they stay so that backups taken before this migration still restore. Frozen in
 * time: it imports nothing from the application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  // One row per (what is checked, username as typed, client address): consecutive failures and
  // the end of the current lock. Unknown usernames get rows too, so they behave like known ones.
  await withId(db, db.schema.createTable('credential_throttles'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('credential_throttles_key')
    .on('credential_throttles')
    .columns(['purpose', 'username', 'address'])
    .unique()
    .execute();
  // Old rows are pruned by age.
  await db.schema
    .createIndex('credential_throttles_updated')
    .on('credential_throttles')
    .column('updated_at')
    .execute();

  await withId(db, db.schema.createTable('user_addresses'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('user_addresses_key')
    .on('user_addresses')
    .columns(['user_id', 'address'])
    .unique()
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('user_addresses').execute();
  await db.schema.dropTable('credential_throttles').execute();
}
