import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan } from '../../access/access.ts';
import { resetIdSequences } from '../../db/bulk.ts';
import { AppError } from '../../lib/errors.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { allFileHashes } from '../dossier/dossier.repository.ts';
import { copyBlobs, filesDir } from '../dossier/files.store.ts';
import {
  clearTable,
  countRows,
  insertRows,
  listTables,
  migrationNames,
  rawDb,
  readPage,
  setColumn,
  type TableInfo,
} from './backup.repository.ts';

/**
 * Backup and restore for both dialects (SPEC §9 `backup FILE`, `restore FILE`).
 *
 * - `sqlite`: SQLite's online backup API (better-sqlite3 `.backup()`), a consistent copy of a
 *   live database file.
 * - `portable`: gzip of JSON lines written through Kysely (a header, then per table its columns and
 *   one array per row), read in one snapshot transaction; the PostgreSQL format, and usable on
 *   SQLite too.
 *
 * Restore reads either format into an EMPTY database of either dialect (so SQLite → PostgreSQL
 * works), in one transaction, parents before children, self-references filled after their
 * table, then PostgreSQL's identity sequences moved past the restored ids.
 */

/** Backup formats. */
export const BACKUP_FORMATS = ['sqlite', 'portable'] as const;
/** A backup format. */
export type BackupFormat = (typeof BACKUP_FORMATS)[number];

const FORMAT_TAG = 'dangvien-backup';
const PAGE = 5000;
const INSERT_BATCH = 2000;
/** Tables whose rows mean the database is in use (a migration never seeds them). */
const IN_USE_TABLES = ['organizations', 'people', 'memberships', 'candidates'];

/** What a backup or a restore moved. */
export interface BackupResult {
  format: BackupFormat;
  file: string;
  bytes: number;
  tables: Record<string, number>;
  migrations: string[];
  /** Scanned files copied to (backup) or from (restore) the directory `<file>.files` beside it. */
  files: number;
}

/** The directory beside a backup file holding its scanned files (same sha256 layout as the store). */
export function backupFilesDir(file: string): string {
  return `${file}.files`;
}

/** Copies the scans the database names between the store and a backup's directory; refuses gaps. */
async function copyScans(from: string, to: string, sha256s: string[]): Promise<number> {
  const { copied, missing } = await copyBlobs(from, to, sha256s);
  if (missing.length > 0)
    throw new AppError(
      'validation',
      `Thiếu ${missing.length} tệp quét trong ${from} (hoặc nội dung không khớp mã sha256)`,
      [{ field: 'files', message: missing.slice(0, 5).join(', ') }],
    );
  return copied;
}

function sqlitePath(url: string): string | null {
  return url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : null;
}

/**
 * Backs the database up to `file`. The default format is `sqlite` for an SQLite database (unless
 * the file name ends in .gz) and `portable` for PostgreSQL. Audited in the database backed up.
 */
export async function backupDatabase(
  ctx: AppContext,
  actor: Actor,
  options: { file: string; databaseUrl: string; format?: BackupFormat | undefined },
): Promise<BackupResult> {
  assertCan(actor, 'manageUsers');
  const path = sqlitePath(options.databaseUrl);
  const format: BackupFormat =
    options.format ?? (path && !options.file.endsWith('.gz') ? 'sqlite' : 'portable');
  if (format === 'sqlite' && (!path || ctx.dialect !== 'sqlite'))
    throw new AppError('validation', 'Sao lưu dạng sqlite chỉ dùng cho cơ sở dữ liệu SQLite', [
      { field: 'format', message: 'Dùng --format portable cho PostgreSQL' },
    ]);
  await rm(options.file, { force: true });
  let tables: Record<string, number>;
  let migrations: string[];
  if (format === 'sqlite' && path) {
    const source = new SQLite(path, { readonly: true, fileMustExist: true });
    try {
      await source.backup(options.file);
    } finally {
      source.close();
    }
    const copy = openSqliteFile(options.file);
    try {
      tables = {};
      for (const t of await listTables(copy, 'sqlite'))
        tables[t.name] = await countRows(copy, t.name);
      migrations = await migrationNames(copy);
    } finally {
      await copy.destroy();
    }
  } else {
    ({ tables, migrations } = await writePortable(ctx, options.file));
  }
  const { size } = await stat(options.file);
  // The scans' bytes go beside the backup (the database holds only their hashes).
  await rm(backupFilesDir(options.file), { recursive: true, force: true });
  const files = await copyScans(
    filesDir(ctx),
    backupFilesDir(options.file),
    await allFileHashes(ctx.db),
  );
  const result: BackupResult = {
    format,
    file: options.file,
    bytes: size,
    tables,
    migrations,
    files,
  };
  await recordEvent(ctx.db, actor, ctx.clock.now(), {
    action: 'backup.create',
    entity: 'backup',
    entityId: options.file,
    after: { format, bytes: size, tables, files },
  });
  return result;
}

function openSqliteFile(path: string) {
  return rawDb(
    new Kysely<unknown>({
      dialect: new SqliteDialect({
        database: new SQLite(path, { readonly: true, fileMustExist: true }),
      }),
    }) as never,
  );
}

async function writePortable(
  ctx: AppContext,
  file: string,
): Promise<{ tables: Record<string, number>; migrations: string[] }> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  const run = async (db: ReturnType<typeof rawDb>) => {
    const infos = await listTables(db, ctx.dialect);
    const migrations = await migrationNames(db);
    await write({
      format: FORMAT_TAG,
      version: 1,
      dialect: ctx.dialect,
      createdAt: ctx.clock.now(),
      migrations,
      tables: infos.map((t) => t.name),
    });
    const tables: Record<string, number> = {};
    for (const table of infos) {
      await write({ table: table.name, columns: table.columns });
      let count = 0;
      let lastId = 0;
      for (;;) {
        const rows = await readPage(
          db,
          table,
          table.hasId ? { id: lastId } : { offset: count },
          PAGE,
        );
        for (const row of rows) await write(row);
        count += rows.length;
        if (rows.length < PAGE) break;
        lastId = Number(rows[rows.length - 1]?.[table.columns.indexOf('id')] ?? 0);
      }
      await write({ end: table.name, rows: count });
      tables[table.name] = count;
    }
    await write({ done: true });
    return { tables, migrations };
  };
  try {
    // One snapshot: rows written meanwhile are either all in the dump or all out of it.
    const result =
      ctx.dialect === 'postgres'
        ? await ctx.db
            .transaction()
            .setIsolationLevel('repeatable read')
            .execute((trx) => run(rawDb(trx)))
        : await ctx.db.transaction().execute((trx) => run(rawDb(trx)));
    gzip.end();
    await finished(out);
    return result;
  } catch (error) {
    gzip.destroy();
    out.destroy();
    await rm(file, { force: true });
    throw error;
  }
}

/** One step of a backup being read: which table, then its rows in batches. */
type BackupItem =
  | { kind: 'header'; migrations: string[]; tables: string[] }
  | { kind: 'table'; name: string; columns: string[] }
  | { kind: 'rows'; rows: unknown[][] }
  | { kind: 'end'; name: string; rows: number };

async function* readPortable(file: string): AsyncGenerator<BackupItem> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  let batch: unknown[][] = [];
  let first = true;
  let done = false;
  for await (const line of lines) {
    if (line === '') continue;
    const value = JSON.parse(line) as unknown;
    if (Array.isArray(value)) {
      batch.push(value as unknown[]);
      if (batch.length >= INSERT_BATCH) {
        yield { kind: 'rows', rows: batch };
        batch = [];
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    if (first) {
      first = false;
      if (record.format !== FORMAT_TAG)
        throw new AppError('validation', 'Tệp không phải bản sao lưu của dangvien', [
          { field: 'file', message: 'unknown format' },
        ]);
      yield {
        kind: 'header',
        migrations: record.migrations as string[],
        tables: record.tables as string[],
      };
    } else if (typeof record.table === 'string') {
      yield { kind: 'table', name: record.table, columns: record.columns as string[] };
    } else if (typeof record.end === 'string') {
      if (batch.length > 0) yield { kind: 'rows', rows: batch };
      batch = [];
      yield { kind: 'end', name: record.end, rows: Number(record.rows) };
    } else if (record.done === true) done = true;
  }
  if (!done)
    throw new AppError('validation', 'Bản sao lưu bị cắt cụt (thiếu phần cuối); không khôi phục', [
      { field: 'file', message: 'truncated' },
    ]);
}

async function* readSqliteBackup(file: string): AsyncGenerator<BackupItem> {
  const source = openSqliteFile(file);
  try {
    const infos = await listTables(source, 'sqlite');
    yield {
      kind: 'header',
      migrations: await migrationNames(source),
      tables: infos.map((t) => t.name),
    };
    for (const table of infos) {
      yield { kind: 'table', name: table.name, columns: table.columns };
      let count = 0;
      let lastId = 0;
      for (;;) {
        const rows = await readPage(
          source,
          table,
          table.hasId ? { id: lastId } : { offset: count },
          INSERT_BATCH,
        );
        if (rows.length > 0) yield { kind: 'rows', rows };
        count += rows.length;
        if (rows.length < INSERT_BATCH) break;
        lastId = Number(rows[rows.length - 1]?.[table.columns.indexOf('id')] ?? 0);
      }
      yield { kind: 'end', name: table.name, rows: count };
    }
  } finally {
    await source.destroy();
  }
}

async function sniffBackup(file: string): Promise<BackupFormat> {
  const handle = await open(file, 'r').catch(() => {
    throw new AppError('validation', `Không mở được tệp ${file}`, [
      { field: 'file', message: file },
    ]);
  });
  const head = Buffer.alloc(16);
  try {
    await handle.read(head, 0, 16, 0);
  } finally {
    await handle.close();
  }
  if (head.toString('latin1') === 'SQLite format 3\u0000') return 'sqlite';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'portable';
  throw new AppError('validation', 'Tệp không phải bản sao lưu (SQLite hoặc .jsonl.gz)', [
    { field: 'file', message: 'unknown format' },
  ]);
}

/**
 * Restores a backup (either format, from either dialect) into this database, which must be
 * empty: all in one transaction, or nothing. Audited in the restored database.
 */
export async function restoreDatabase(
  ctx: AppContext,
  actor: Actor,
  options: { file: string },
): Promise<BackupResult> {
  assertCan(actor, 'manageUsers');
  const format = await sniffBackup(options.file);
  const target = rawDb(ctx.db);
  const targetTables = new Map((await listTables(target, ctx.dialect)).map((t) => [t.name, t]));
  for (const name of IN_USE_TABLES) {
    if (targetTables.has(name) && (await countRows(target, name)) > 0)
      throw new AppError(
        'rule.restore_target_not_empty',
        'Chỉ khôi phục vào một cơ sở dữ liệu trống; cơ sở dữ liệu này đã có dữ liệu',
        [{ field: 'database', message: `Bảng ${name} đã có dữ liệu` }],
      );
  }
  const targetMigrations = new Set(await migrationNames(target));
  const items = format === 'sqlite' ? readSqliteBackup(options.file) : readPortable(options.file);
  const tables: Record<string, number> = {};
  let migrations: string[] = [];
  let files = 0;
  await ctx.db.transaction().execute(async (trx) => {
    const db = rawDb(trx);
    let current: {
      info: TableInfo;
      columns: string[];
      selfIndexes: number[];
      pending: [number, number, unknown][];
    } | null = null;
    for await (const item of items) {
      switch (item.kind) {
        case 'header': {
          migrations = item.migrations;
          const unknown = item.migrations.filter((m) => !targetMigrations.has(m));
          if (unknown.length > 0)
            throw new AppError(
              'validation',
              `Bản sao lưu từ phiên bản mới hơn (migration ${unknown.join(', ')}); hãy cập nhật chương trình trước`,
              [{ field: 'file', message: 'newer schema' }],
            );
          const missing = item.tables.filter((t) => !targetTables.has(t));
          if (missing.length > 0)
            throw new AppError(
              'validation',
              `Cơ sở dữ liệu đích không có bảng: ${missing.join(', ')}`,
              [{ field: 'file', message: 'unknown tables' }],
            );
          // Rows a migration seeded (e.g. rating schemes) give way to the backup's, children first.
          const present = new Set(item.tables);
          for (const info of [...targetTables.values()].reverse())
            if (present.has(info.name) && (await countRows(db, info.name)) > 0)
              await clearTable(db, info.name);
          break;
        }
        case 'table': {
          const info = targetTables.get(item.name);
          if (!info)
            throw new AppError('validation', `Cơ sở dữ liệu đích không có bảng ${item.name}`, [
              { field: 'file', message: 'unknown table' },
            ]);
          const extra = item.columns.filter((c) => !info.columns.includes(c));
          if (extra.length > 0)
            throw new AppError('validation', `Bảng ${item.name} thiếu cột: ${extra.join(', ')}`, [
              { field: 'file', message: 'unknown columns' },
            ]);
          current = {
            info,
            columns: item.columns,
            selfIndexes: info.selfReferences
              .map((c) => item.columns.indexOf(c))
              .filter((i) => i >= 0),
            pending: [],
          };
          break;
        }
        case 'rows': {
          if (!current) throw new AppError('validation', 'Bản sao lưu hỏng (dòng ngoài bảng)');
          const { columns, selfIndexes, pending } = current;
          const idIndex = columns.indexOf('id');
          const rows =
            selfIndexes.length === 0
              ? item.rows
              : item.rows.map((row) => {
                  const copy = [...row];
                  for (const i of selfIndexes) {
                    if (copy[i] !== null && copy[i] !== undefined) {
                      pending.push([Number(copy[idIndex]), i, copy[i]]);
                      copy[i] = null;
                    }
                  }
                  return copy;
                });
          await insertRows(db, current.info.name, columns, rows);
          break;
        }
        case 'end': {
          if (!current) break;
          for (const [id, index, value] of current.pending)
            await setColumn(db, current.info.name, current.columns[index] ?? '', id, value);
          tables[item.name] = await countRows(db, item.name);
          if (tables[item.name] !== item.rows)
            throw new AppError(
              'validation',
              `Bảng ${item.name}: ${tables[item.name]} dòng, bản sao lưu ghi ${item.rows}`,
            );
          current = null;
          break;
        }
      }
    }
    await resetIdSequences(
      trx,
      [...targetTables.values()].filter((t) => t.hasId && t.name in tables).map((t) => t.name),
    );
    // The scans come back from beside the backup into this installation's store; a missing or
    // altered one undoes the restore.
    files = await copyScans(backupFilesDir(options.file), filesDir(ctx), await allFileHashes(trx));
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'backup.restore',
      entity: 'backup',
      entityId: options.file,
      after: { format, tables, files },
    });
  });
  const { size } = await stat(options.file);
  return { format, file: options.file, bytes: size, tables, migrations, files };
}
