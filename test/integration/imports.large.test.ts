import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { AppError } from '../../src/server/lib/errors.ts';
import { IMPORT_ITEM_LIMIT, importFile } from '../../src/server/modules/imports/imports.service.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import { csvFile, seedImportTree } from './imports.fixture.ts';

const actor = systemActor('test');
const HEADER = 'Họ và tên;Giới tính;Ngày sinh;Dân tộc;Số định danh cá nhân;Đơn vị;Trình độ học vấn';

/** Names of different people differ in at least two letters, so none is a close name of another. */
const code = (k: number) => String(k).padStart(4, '0').repeat(2);

/** `n` distinct people of unit U-NS (row k is person k, national ID 0330900xxxxx). */
function people(n: number): string[] {
  return Array.from(
    { length: n },
    (_, k) =>
      `Lò Văn A${code(k)};Nam;${String(1 + (k % 28)).padStart(2, '0')}/01/${1960 + (k % 40)};Thái;${String(33_090_000_000 + k).padStart(12, '0')};U-NS;THPT`,
  );
}

async function stagedRows(ctx: AppContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('importRows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Large imports (issue 7) keep no per-row state in memory: rows of earlier batches (500 rows each)
 * are found in `import_rows`, which is empty again when the import ends.
 */
describeEachDialect('large spreadsheet import', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await seedImportTree(ctx);
  });
  afterAll(async () => drop());

  it('duplicates and close names are found across batches; nothing stays in import_rows', async () => {
    const rows = people(1200);
    // Row 1,101 repeats the national ID of row 5 under another name; row 1,151 (no national ID)
    // is one letter from row 4's name, born the same year in the same unit.
    rows[1099] = rows[3]?.replace(`Lò Văn A${code(3)}`, 'Lường Văn Khác') ?? '';
    rows[1149] = `Lò Văn B${code(2)};Nam;15/06/1962;Thái;;U-NS;THPT`;
    const file = () => csvFile([HEADER, ...rows].join('\n'), false, 'lon.csv');
    const preview = await importFile(ctx, actor, 'people', file(), { write: false });
    expect(preview.counts).toMatchObject({ new: 1199, duplicate: 1 });
    const duplicate = preview.items.find((i) => i.row === 1101);
    expect(duplicate?.duplicateOf).toMatchObject({ row: 5 });
    const close = preview.items.find((i) => i.row === 1151);
    expect(close?.warnings.map((w) => w.message).join()).toMatch(/dòng 4/);
    expect(await stagedRows(ctx)).toBe(0);

    const refused = await importFile(ctx, actor, 'people', file(), { write: true }).catch(
      (e: unknown) => e,
    );
    expect((refused as AppError).code).toBe('rule.import_rejected');
    expect(await stagedRows(ctx)).toBe(0);

    rows[1099] = people(1201)[1200] ?? '';
    const done = await importFile(ctx, actor, 'people', file(), { write: true });
    expect(done.counts).toMatchObject({ new: 1200, duplicate: 0, error: 0 });
    expect(await stagedRows(ctx)).toBe(0);
    // One audit event for the file, naming it and its counts, not one per row.
    const events = await ctx.db
      .selectFrom('events')
      .select(['action', 'entityId', 'after'])
      .where('action', 'like', 'import.people%')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'import.people.preview',
      'import.people.rejected',
      'import.people',
    ]);
    expect(events[2]?.entityId).toBe('lon.csv');
    expect(JSON.parse(events[2]?.after ?? '{}')).toMatchObject({
      file: 'lon.csv',
      rows: 1200,
      counts: { new: 1200 },
    });
    const perRow = await ctx.db
      .selectFrom('events')
      .select('id')
      .where('action', 'like', 'person.import%')
      .execute();
    expect(perRow).toHaveLength(0);
  });

  it('a file with more bad rows than the list holds lists the first ones and counts them all', async () => {
    const bad = Array.from(
      { length: IMPORT_ITEM_LIMIT + 300 },
      (_, k) => `Người Sai ${k};Nam;31/02/1990;Kinh;;U-NS;THPT`,
    );
    const preview = await importFile(ctx, actor, 'people', csvFile([HEADER, ...bad].join('\n')), {
      write: false,
    });
    expect(preview.counts.error).toBe(IMPORT_ITEM_LIMIT + 300);
    expect(preview.truncated).toBe(true);
    expect(preview.itemLimit).toBe(IMPORT_ITEM_LIMIT);
    expect(preview.items).toHaveLength(IMPORT_ITEM_LIMIT);
    expect(preview.items[0]?.row).toBe(2);
  });
});
