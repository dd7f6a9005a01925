/**
 * Import benchmark (issue 7): generates a members spreadsheet of N rows (default 100,000) with
 * exceljs's streaming writer, imports it for real (one transaction) into an empty database, and
 * reports rows per second, the peak resident memory sampled during the import and the resident
 * memory every 10,000 rows. Not a test.
 *
 *   npx tsx bench/import.ts [--rows 100000] [--format xlsx|csv] [--database URL]
 *
 * Without --database it uses a fresh SQLite file. The result is written as JSON to
 * bench/results/import-<dialect>-<format>-<rows>.json.
 */
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { systemActor } from '../src/server/access/actor.ts';
import { openContext } from '../src/server/open.ts';
import { fixedClock } from '../src/server/lib/clock.ts';
import { insertMany } from '../src/server/db/bulk.ts';
import { foldText } from '../src/shared/text.ts';
import { addDays, fromEpochDay, toEpochDay } from '../src/shared/dates.ts';
import { COLUMNS } from '../src/server/modules/imports/imports.columns.ts';
import { fileFromPath } from '../src/server/modules/imports/imports.reader.ts';
import { importFile } from '../src/server/modules/imports/imports.service.ts';
import { createOrganization } from '../src/server/modules/organizations/organizations.service.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const rows = Number(option('rows', '100000'));
const format = option('format', 'xlsx') as 'xlsx' | 'csv';
const dir = mkdtempSync(join(tmpdir(), 'dangvien-import-bench-'));
const url = option('database', `sqlite:${join(dir, 'bench.sqlite')}`);
const CELLS = 50;
const UNITS_PER_CELL = 4;
const TODAY = '2026-11-27';

// A small deterministic generator (the bench must be repeatable, not random per run): mulberry32,
// in 32-bit integer arithmetic. The earlier `seed * 1103515245 % 2^31` lost precision in doubles
// and cycled after ~10,000 draws, so the file repeated ~1,500 people under new national IDs.
let seed = 20180126;
function next(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const FAMILY = [
  'Lò',
  'Lường',
  'Quàng',
  'Cầm',
  'Vì',
  'Giàng',
  'Sùng',
  'Vàng',
  'Lầu',
  'Mùa',
  'Nguyễn',
  'Trần',
  'Phạm',
];
const MIDDLE = ['Văn', 'Thị', 'A', 'Thị', 'Đức', 'Ngọc'];
const GIVEN = [
  'Đức',
  'Tư',
  'Xuân',
  'Pọm',
  'Mỷ',
  'Chả',
  'Sình',
  'Hoa',
  'Lan',
  'Mai',
  'Phong',
  'Quyết',
  'Dung',
  'Hùng',
  'Thắng',
];

async function seedTree(): Promise<void> {
  const ctx = await openContext(url, fixedClock(TODAY));
  const actor = systemActor('bench');
  await createOrganization(ctx, actor, {
    code: 'B',
    name: 'Đảng bộ đo hiệu năng',
    kind: 'committee',
    level: 'top',
    parentCode: null,
    establishedOn: '1950-01-01',
  });
  for (let c = 1; c <= CELLS; c++)
    await createOrganization(ctx, actor, {
      code: `B-C${c}`,
      name: `Chi bộ ${c}`,
      kind: 'cell',
      level: 'grassroots_cell',
      parentCode: 'B',
      establishedOn: '1950-01-01',
    });
  const cells = await ctx.db
    .selectFrom('organizations')
    .select(['id', 'code'])
    .where('kind', '=', 'cell')
    .execute();
  const units = cells.flatMap((cell) =>
    Array.from({ length: UNITS_PER_CELL }, (_, u) => ({ cell, code: `${cell.code}-U${u + 1}` })),
  );
  await insertMany(
    ctx.db,
    'units',
    units.map((u) => ({
      code: u.code,
      name: `Bản ${u.code}`,
      nameFolded: foldText(`Bản ${u.code}`),
      kind: 'village',
      communeUnitId: null,
      sector: null,
      staffCount: null,
      validFrom: '1950-01-01',
    })),
  );
  const unitIds = await ctx.db.selectFrom('units').select(['id', 'code']).execute();
  await insertMany(
    ctx.db,
    'unitCoverage',
    unitIds.map((u) => ({
      unitId: u.id,
      organizationId: cells.find((c) => u.code.startsWith(`${c.code}-`))?.id ?? 0,
      validFrom: '1950-01-01',
    })),
  );
  await ctx.db.destroy();
}

/** The n-th generated row, in the members template's columns. */
function row(n: number): unknown[] {
  const cell = 1 + (n % CELLS);
  const unit = `B-C${cell}-U${1 + (Math.floor(n / CELLS) % UNITS_PER_CELL)}`;
  const gender = next() < 0.4 ? 'Nữ' : 'Nam';
  const birth = fromEpochDay(toEpochDay('1950-01-01') + Math.floor(next() * 18000));
  const admitted = addDays(birth, 365 * 20 + Math.floor(next() * 5000));
  const admittedOn = admitted < '2026-01-01' ? admitted : '2025-06-02';
  const official = next() < 0.8 ? addDays(admittedOn, 366) : null;
  const values: Record<string, unknown> = {
    fullName: `${pick(FAMILY)} ${gender === 'Nữ' ? 'Thị' : pick(MIDDLE)} ${pick(GIVEN)}`,
    gender,
    birthDate: `${birth.slice(8, 10)}/${birth.slice(5, 7)}/${birth.slice(0, 4)}`,
    ethnicity: pick(['Thái', 'Mông', 'Khơ Mú', 'Kinh']),
    nationalId: String(11000000000 + n).padStart(12, '0'),
    unit,
    educationLevel: pick(['THCS', 'THPT', 'Tiểu học']),
    targetGroups: next() < 0.5 ? 'Dân tộc thiểu số' : null,
    organization: `B-C${cell}`,
    admittedOn,
    officialOn: official && official < TODAY ? official : null,
  };
  return COLUMNS.members.map((c) => values[c.key] ?? null);
}

async function writeFile(path: string): Promise<void> {
  const headers = COLUMNS.members.map((c) => c.vi);
  if (format === 'csv') {
    const out = createWriteStream(path);
    const quote = (v: string | number | null) =>
      v === null ? '' : `"${String(v).replace(/"/g, '""')}"`;
    out.write(`\ufeff${headers.map(quote).join(',')}\n`);
    for (let n = 0; n < rows; n++)
      if (
        !out.write(
          `${row(n)
            .map((v) => quote(v as string | number | null))
            .join(',')}\n`,
        )
      )
        await once(out, 'drain');
    out.end();
    await finished(out);
    return;
  }
  const out = createWriteStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(headers).commit();
  for (let n = 0; n < rows; n++) sheet.addRow(row(n)).commit();
  sheet.commit();
  await workbook.commit();
  await finished(out);
}

const file = join(dir, `members.${format}`);
const generatedAt = Date.now();
await writeFile(file);
const generateSeconds = (Date.now() - generatedAt) / 1000;
await seedTree();

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
global.gc?.();
const baselineRss = mb(process.memoryUsage().rss);
let peakRss = baselineRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, mb(process.memoryUsage().rss));
}, 50);
const ctx = await openContext(url, fixedClock(TODAY));
const started = Date.now();
let lastReport = started;
/** Resident memory every 10,000 rows: flat when memory is bounded by a batch, not by the file. */
const rssByRows: Record<number, number> = {};
const result = await importFile(ctx, systemActor('bench'), 'members', await fileFromPath(file), {
  write: true,
  onProgress: (done) => {
    if (done % 10000 === 0) rssByRows[done] = mb(process.memoryUsage().rss);
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      process.stderr.write(
        `${done} rows, ${Math.round(done / ((lastReport - started) / 1000))} rows/s\n`,
      );
    }
  },
});
const seconds = (Date.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, mb(process.memoryUsage().rss));
const stored = await ctx.db
  .selectFrom('memberships')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
await ctx.db.destroy();

const summary = {
  benchmark: 'import members',
  dialect: url.startsWith('sqlite:') ? 'sqlite' : 'postgres',
  format,
  rows,
  fileMb: Math.round((statSync(file).size / 2 ** 20) * 10) / 10,
  generateSeconds,
  importSeconds: seconds,
  rowsPerSecond: Math.round(rows / seconds),
  baselineRssMb: baselineRss,
  peakRssMb: peakRss,
  rssMbByRows: rssByRows,
  counts: result.counts,
  membershipsStored: Number(stored.n),
  warningsListed: result.items.length,
  node: process.version,
  measuredAt: new Date().toISOString(),
};
const results = resolve(import.meta.dirname, 'results');
mkdirSync(results, { recursive: true });
const out = join(results, `import-${summary.dialect}-${format}-${rows}.json`);
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
rmSync(dir, { recursive: true, force: true });
