import type { Db, Dialect } from './db/database.ts';
import type { Clock } from './lib/clock.ts';

/** What every service needs: the database, its dialect and the clock. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  /** The directory of scanned files (content-addressed); `FILES_DIR`, else beside the database. */
  filesDir?: string;
  /** The largest scan accepted, in bytes (`SCAN_MAX_MB`). */
  scanMaxBytes?: number;
}
