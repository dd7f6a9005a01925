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

/** Chunk size for IN lists and multi-row inserts: far under both dialects' parameter limits. */
export const CHUNK = 500;

/** Splits a list into chunks of `size` (IN lists, multi-row inserts). */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Inserts rows of one person each in chunks and returns the new ids in the order given: `insert`
 * writes one chunk and returns `{ id, personId }` of its rows (a batch holds one row per person).
 */
export async function insertPerPerson<R extends { personId: number }>(
  rows: readonly R[],
  insert: (part: R[]) => Promise<{ id: number; personId: number }[]>,
  what: string,
): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunks(rows)) {
    const byPerson = new Map((await insert(part)).map((r) => [r.personId, r.id]));
    for (const r of part) {
      const id = byPerson.get(r.personId);
      if (id === undefined) throw new Error(`inserted ${what} not returned`);
      ids.push(id);
    }
  }
  return ids;
}
