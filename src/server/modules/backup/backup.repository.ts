import { sql, type Kysely } from 'kysely';
import type { Db, Dialect } from '../../db/database.ts';

/**
 * Table-level SQL for backup and restore, dialect-neutral: the tables and columns as the database
 * itself reports them (so tables added by later migrations are included without code changes),
 * their foreign keys (to order a restore), pages of rows and multi-row inserts. It works on the
 * raw snake_case names through a plugin-free view of the connection.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawDb = Kysely<any>;

/** The connection without the camelCase plugin: backups move columns under their stored names. */
export function rawDb(db: Db | RawDb): RawDb {
  return (db as RawDb).withoutPlugins();
}

/** A table to back up: its columns, whether it has an `id`, and the tables it references. */
export interface TableInfo {
  name: string;
  columns: string[];
  hasId: boolean;
  references: string[];
  /** Columns referencing the table itself (filled after the rows, see restore). */
  selfReferences: string[];
}

/** The application's tables (not Kysely's migration bookkeeping), parents before children. */
export async function listTables(db: RawDb, dialect: Dialect): Promise<TableInfo[]> {
  const metadata = await db.introspection.getTables();
  const tables = metadata
    .filter((t) => !t.isView && !t.name.startsWith('kysely_') && !t.name.startsWith('sqlite_'))
    .filter((t) => dialect === 'sqlite' || t.schema === undefined || t.schema === 'public')
    .map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }));
  const keys = await foreignKeys(
    db,
    dialect,
    tables.map((t) => t.name),
  );
  const infos: TableInfo[] = tables.map((t) => {
    const own = keys.filter((k) => k.table === t.name);
    return {
      name: t.name,
      columns: t.columns,
      hasId: t.columns.includes('id'),
      references: [...new Set(own.filter((k) => k.references !== t.name).map((k) => k.references))],
      selfReferences: own.filter((k) => k.references === t.name).map((k) => k.column),
    };
  });
  return topologicalOrder(infos);
}

async function foreignKeys(
  db: RawDb,
  dialect: Dialect,
  tables: string[],
): Promise<{ table: string; column: string; references: string }[]> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{ table: string; column: string; references: string }>`
      select tc.table_name as "table", kcu.column_name as "column", ccu.table_name as "references"
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu
        on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      join information_schema.constraint_column_usage ccu
        on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
    return rows;
  }
  const out: { table: string; column: string; references: string }[] = [];
  for (const table of tables) {
    const { rows } = await sql<{
      table: string;
      from: string;
    }>`select "table", "from" from pragma_foreign_key_list(${table})`.execute(db);
    for (const r of rows) out.push({ table, column: r.from, references: r.table });
  }
  return out;
}

/** Parents before children (by name among equals, so the order is stable). */
function topologicalOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const parent of t.references) {
      const p = byName.get(parent);
      if (p) visit(p, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return out;
}

/** The names of the migrations the database has run. */
export async function migrationNames(db: RawDb): Promise<string[]> {
  try {
    const rows = await db.selectFrom('kysely_migration').select('name').orderBy('name').execute();
    return rows.map((r: { name: string }) => r.name);
  } catch {
    return [];
  }
}

/** One page of a table's rows, as arrays in `columns` order (keyset on id, else offset). */
export async function readPage(
  db: RawDb,
  table: TableInfo,
  after: { id: number } | { offset: number },
  limit: number,
): Promise<unknown[][]> {
  let query = db.selectFrom(table.name).select(table.columns);
  if ('id' in after) query = query.where('id', '>', after.id).orderBy('id');
  else {
    for (const column of table.columns) query = query.orderBy(column);
    query = query.offset(after.offset);
  }
  const rows: Record<string, unknown>[] = await query.limit(limit).execute();
  return rows.map((row) => table.columns.map((c) => row[c] ?? null));
}

/** How many rows a table holds. */
export async function countRows(db: RawDb, table: string): Promise<number> {
  const row: { n: number | string | bigint } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Empties a table (restore replaces rows a migration seeded into an otherwise empty database). */
export async function clearTable(db: RawDb, table: string): Promise<void> {
  await db.deleteFrom(table).execute();
}

/** Inserts rows given as arrays in `columns` order, in chunks under the parameter limits. */
export async function insertRows(
  db: RawDb,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const chunk = Math.max(1, Math.min(1000, Math.floor(30000 / Math.max(1, columns.length))));
  for (let i = 0; i < rows.length; i += chunk) {
    const values = rows
      .slice(i, i + chunk)
      .map((row) => Object.fromEntries(columns.map((c, k) => [c, row[k] ?? null])));
    await db.insertInto(table).values(values).execute();
  }
}

/** Sets a self-referencing column after all rows of its table exist. */
export async function setColumn(
  db: RawDb,
  table: string,
  column: string,
  id: number,
  value: unknown,
): Promise<void> {
  await db
    .updateTable(table)
    .set({ [column]: value })
    .where('id', '=', id)
    .execute();
}
