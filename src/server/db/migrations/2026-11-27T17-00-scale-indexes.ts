import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Indexes for a national installation (issue 8). Frozen in time: it imports nothing from the
 * application.
 *
 * - member_periods (organization_id, valid_to, valid_from, status, person_id): "members of these
 *   cells open on D" reads only the periods still open on D (valid_to > D comes right after the
 *   cell), and counting by status needs no table access (an index-only scan on PostgreSQL, a
 *   covering index on SQLite).
 * - PostgreSQL only: a trigram GIN index on people.name_folded, so the accent-insensitive search
 *   (`name_folded LIKE 'x%' OR LIKE '% x%'`, a word prefix anywhere in the name) is an index scan
 *   rather than a scan of every person. pg_trgm is a trusted extension: the database owner may
 *   create it. SQLite keeps scanning the folded names, which is fast at its sizes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('member_periods_org_open')
    .on('member_periods')
    .columns(['organization_id', 'valid_to', 'valid_from', 'status', 'person_id'])
    .execute();
  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index people_name_folded_trgm on people using gin (name_folded gin_trgm_ops)`.execute(
      db,
    );
  }
}

export async function down(db: AnyDb): Promise<void> {
  if (isPostgres(db)) await sql`drop index people_name_folded_trgm`.execute(db);
  await db.schema.dropIndex('member_periods_org_open').execute();
}
