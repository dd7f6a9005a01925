import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Db } from './database.ts';
import { dialectOfDb } from './database.ts';
import type { Database } from './schema.ts';

/** Inserts many rows in chunks sized under both dialects' bound-parameter limits. */
export async function insertMany<T extends keyof Database>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const chunk = Math.max(1, Math.floor(30000 / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk))
      .execute();
  }
}

/** After rows were inserted with explicit ids, moves PostgreSQL's identity sequences past them. */
export async function resetIdSequences(db: Db, tables: string[]): Promise<void> {
  if (dialectOfDb(db) !== 'postgres') return;
  for (const table of tables) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
      db,
    );
  }
}
