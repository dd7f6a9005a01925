import type { Db, Dialect } from './db/database.ts';
import type { Clock } from './lib/clock.ts';

/** What every service needs: the database, its dialect and the clock. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  clock: Clock;
}
