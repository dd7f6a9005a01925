import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { AppError } from '../../src/server/lib/errors.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import {
  backupDatabase,
  restoreDatabase,
  type BackupFormat,
} from '../../src/server/modules/backup/backup.service.ts';
import {
  sectorReport,
  statisticsReport,
  summaryReport,
} from '../../src/server/modules/reports/reports.service.ts';
import { describeEachDialect, scratchContext, scratchDatabase } from '../support/dialects.ts';
import { openContext } from '../../src/server/open.ts';
import { fixedClock } from '../../src/server/lib/clock.ts';

const actor = systemActor('test');

/** The report figures a restore must reproduce exactly. */
async function figures(ctx: AppContext) {
  return {
    summary2017: await summaryReport(ctx, actor, { org: 'DBD', year: 2017 }),
    summary2026: await summaryReport(ctx, actor, { org: 'DB', year: 2026 }),
    statistics2016: await statisticsReport(ctx, actor, { org: 'DBD', asOf: '2016-09-30' }),
    statisticsToday: await statisticsReport(ctx, actor, { org: 'DB', asOf: '2026-11-27' }),
    sector: await sectorReport(ctx, actor, { org: 'DBD', sector: 'education', asOf: '2017-12-31' }),
  };
}

async function count(ctx: AppContext, table: 'people' | 'events') {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDialect('backup and restore', (dialect) => {
  let ctx: AppContext;
  let url: string;
  let drop: () => Promise<void>;
  let before: Awaited<ReturnType<typeof figures>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dangvien-backup-'));
    const scratch = await scratchDatabase(dialect);
    url = scratch.url;
    ctx = await openContext(url, fixedClock('2026-11-27'));
    drop = async () => {
      await ctx.db.destroy();
      await scratch.drop();
    };
    await generateDemo(ctx, actor);
    before = await figures(ctx);
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const formats: BackupFormat[] = dialect === 'sqlite' ? ['sqlite', 'portable'] : ['portable'];
  for (const format of formats) {
    it(`a ${format} backup restored into an empty ${dialect} database gives the same reports`, async () => {
      const file = join(dir, format === 'sqlite' ? 'backup.sqlite' : 'backup.jsonl.gz');
      const backup = await backupDatabase(ctx, actor, { file, databaseUrl: url, format });
      expect(backup.tables.people).toBe(await count(ctx, 'people'));
      const target = await scratchContext(dialect);
      try {
        const restored = await restoreDatabase(target.ctx, actor, { file });
        expect(restored.tables).toEqual(backup.tables);
        expect(await figures(target.ctx)).toEqual(before);
        // Ids continue after the restored ones (PostgreSQL sequences were moved past them).
        const events = await count(target.ctx, 'events');
        expect(events).toBe((backup.tables.events ?? 0) + 1);
        const again = await restoreDatabase(target.ctx, actor, { file }).catch((e: unknown) => e);
        expect((again as AppError).code).toBe('rule.restore_target_not_empty');
      } finally {
        await target.drop();
      }
    });
  }

  if (dialect === 'postgres')
    it('an SQLite backup restores into PostgreSQL with the same reports (cross-dialect)', async () => {
      const source = await scratchDatabase('sqlite');
      const sqliteCtx = await openContext(source.url, fixedClock('2026-11-27'));
      try {
        await generateDemo(sqliteCtx, actor);
        const sqliteFigures = await figures(sqliteCtx);
        expect(sqliteFigures).toEqual(before);
        const file = join(dir, 'cross.sqlite');
        await backupDatabase(sqliteCtx, actor, { file, databaseUrl: source.url });
        const target = await scratchContext('postgres');
        try {
          await restoreDatabase(target.ctx, actor, { file });
          expect(await figures(target.ctx)).toEqual(sqliteFigures);
        } finally {
          await target.drop();
        }
      } finally {
        await sqliteCtx.db.destroy();
        await source.drop();
      }
    });

  it('a truncated portable backup is refused and leaves the target empty', async () => {
    const file = join(dir, 'whole.jsonl.gz');
    await backupDatabase(ctx, actor, { file, databaseUrl: url, format: 'portable' });
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    const target = await scratchContext(dialect);
    try {
      const error = await restoreDatabase(target.ctx, actor, { file: cut }).catch(
        (e: unknown) => e,
      );
      expect((error as AppError).code).toBe('validation');
      expect(await count(target.ctx, 'people')).toBe(0);
    } finally {
      await target.drop();
    }
  });
});
