import type { Db } from './database.ts';

/** Names of the application locks (rows of `locks`, created by the 2026-11-27T18-40 migration). */
export type LockName = 'import' | 'setup';

/**
 * Takes a named lock for the rest of the transaction `trx` by writing its row as the first
 * write. Same SQL on both dialects: PostgreSQL holds the row lock until commit, so a second
 * holder waits; SQLite takes the database write lock at the first write (a second process waits
 * up to busy_timeout, and one process already serializes its transactions). Must be called before
 * the transaction reads what the lock protects, so the reads see the previous holder's commit.
 */
export async function holdLock(trx: Db, name: LockName, holder: string, at: string): Promise<void> {
  const result = await trx
    .updateTable('locks')
    .set({ holder, acquiredAt: at })
    .where('name', '=', name)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return;
  await trx
    .insertInto('locks')
    .values({ name, holder, acquiredAt: at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ holder, acquiredAt: at }))
    .execute();
}
