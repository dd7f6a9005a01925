import type { AppContext } from './context.ts';
import { dialectOf, openDatabase } from './db/database.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { DEFAULT_SCAN_MAX_BYTES, defaultFilesDir } from './modules/dossier/files.store.ts';

/** Opens (and migrates) the database at `url` and returns the services' context. */
export async function openContext(url: string, clock: Clock = systemClock): Promise<AppContext> {
  const db = await openDatabase(url);
  const scanMb = Number(process.env.SCAN_MAX_MB);
  return {
    db,
    dialect: dialectOf(url),
    clock,
    filesDir: process.env.FILES_DIR || defaultFilesDir(url),
    scanMaxBytes:
      Number.isFinite(scanMb) && scanMb > 0 ? Math.round(scanMb * 1048576) : DEFAULT_SCAN_MAX_BYTES,
  };
}
