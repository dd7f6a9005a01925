import type { AppContext } from './context.ts';
import { dialectOf, openDatabase } from './db/database.ts';
import { systemClock, type Clock } from './lib/clock.ts';

/** Opens (and migrates) the database at `url` and returns the services' context. */
export async function openContext(url: string, clock: Clock = systemClock): Promise<AppContext> {
  const db = await openDatabase(url);
  return { db, dialect: dialectOf(url), clock };
}
