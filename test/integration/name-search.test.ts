import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import { backupDatabase, restoreDatabase } from '../../src/server/modules/backup/backup.service.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { mergePeople } from '../../src/server/modules/duplicates/duplicates.service.ts';
import { createPerson } from '../../src/server/modules/people/people.service.ts';
import { searchPeople } from '../../src/server/modules/people/people.repository.ts';
import { fixedClock } from '../../src/server/lib/clock.ts';
import { openContext } from '../../src/server/open.ts';
import { foldText } from '../../src/shared/text.ts';
import { describeEachDialect, scratchContext, scratchDatabase } from '../support/dialects.ts';

const actor = systemActor('test');

/**
 * The word-prefix search of an upper-level committee (search.person_name_suffixes on PostgreSQL,
 * kept by triggers) must answer exactly as the subtree scan does, before and after writes.
 */
const TODAY = '2026-11-27';
/** DBD was dissolved on 2025-07-01: its people are searched as the tree stood on its last day. */
const SEARCH_DAY = '2025-06-30';

describeEachDialect('name search in an upper-level committee', (dialect) => {
  let ctx: AppContext;
  let url: string;
  let drop: () => Promise<void>;
  let district: { id: number; level: string };
  let queries: string[];
  beforeAll(async () => {
    const scratch = await scratchDatabase(dialect);
    url = scratch.url;
    ctx = await openContext(url, fixedClock(TODAY));
    drop = async () => {
      await ctx.db.destroy();
      await scratch.drop();
    };
    await generateDemo(ctx, actor);
    district = await ctx.db
      .selectFrom('organizations')
      .select(['id', 'level'])
      .where('code', '=', 'DBD')
      .executeTakeFirstOrThrow();
    const names = await ctx.db.selectFrom('people').select('nameFolded').orderBy('id').execute();
    const words = [...new Set(names.flatMap((n) => n.nameFolded.split(' ')))].sort();
    queries = [
      ...new Set([
        ...words.flatMap((w, i) => (i % 3 === 0 ? [w.slice(0, 1), w.slice(0, 2), w] : [])),
        ...names.filter((_, i) => i % 97 === 0).map((n) => n.nameFolded),
        ...names
          .filter((_, i) => i % 89 === 0)
          .map((n) => n.nameFolded.split(' ').slice(1).join(' ')),
        ...names.filter((_, i) => i % 83 === 0).map((n) => n.nameFolded.slice(0, -1)),
        foldText('Nguyễn Văn Hùng'),
        'van  a',
        'thi%',
        'a_b',
        '%',
        'zzz',
      ]),
    ];
  }, 120_000);
  afterAll(async () => drop());

  /** The answer of the suffix table (upper level) against the subtree scan (any lower level). */
  async function compare(rootId: number, q: string) {
    const fast = await searchPeople(ctx.db, { id: rootId, level: 'upper' }, q, 25, 5, SEARCH_DAY);
    const scan = await searchPeople(
      ctx.db,
      { id: rootId, level: 'grassroots' },
      q,
      25,
      5,
      SEARCH_DAY,
    );
    return { q, fast, scan };
  }

  async function expectSameAnswers(rootId: number) {
    for (const q of queries) {
      const { fast, scan } = await compare(rootId, q);
      expect({ q, ...fast }).toEqual({ q, ...scan });
    }
  }

  it('answers every word prefix and phrase as the subtree scan does', async () => {
    expect(district.level).toBe('upper');
    expect(queries.length).toBeGreaterThan(50);
    await expectSameAnswers(district.id);
    const { scan } = await compare(district.id, 'thi');
    expect(scan.total).toBeGreaterThan(100);
  }, 120_000);

  it('stays exact after a registration and a merge', async () => {
    const unit = await ctx.db
      .selectFrom('units as u')
      .innerJoin('unitCoverage as uc', 'uc.unitId', 'u.id')
      .innerJoin('organizationClosure as c', 'c.descendantId', 'uc.organizationId')
      .select('u.code')
      .where('c.ancestorId', '=', district.id)
      .orderBy('u.id')
      .executeTakeFirstOrThrow();
    const created = await createPerson(ctx, actor, {
      fullName: 'Ðèo Thị Xuyến Quỳnh',
      gender: 'female',
      birthDate: '1999-03-04',
      ethnicity: 'Thái',
      unitCode: unit.code,
      educationLevel: 'upper_secondary',
      targetGroups: [],
    });
    const found = await compare(district.id, 'xuyen quy');
    expect(found.fast).toEqual(found.scan);
    const all = await searchPeople(ctx.db, { ...district }, 'deo thi xuyen', 50, 0, SEARCH_DAY);
    expect(all.ids).toContain(created.id);

    const keep = await ctx.db
      .selectFrom('memberPeriods')
      .select('personId')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await mergePeople(ctx, actor, { keepId: keep.personId, mergeId: created.id });
    const after = await searchPeople(ctx.db, { ...district }, 'deo thi xuyen', 50, 0, SEARCH_DAY);
    expect(after.ids).not.toContain(created.id);
    await expectSameAnswers(district.id);
  }, 120_000);

  /** The suffix table's rows, in a stable order (PostgreSQL). */
  const suffixRows = async (of: AppContext) =>
    (
      await sql<Record<string, unknown>>`select scope_id, suffix, person_id, name_sort
        from search.person_name_suffixes order by scope_id, suffix, person_id`.execute(of.db)
    ).rows;

  if (dialect === 'postgres') {
    it('holds, after the demo and its 2025 reorganization, what a full rebuild holds', async () => {
      const kept = await suffixRows(ctx);
      expect(kept.length).toBeGreaterThan(1000);
      await sql`select search.rebuild_person_name_suffixes()`.execute(ctx.db);
      expect(await suffixRows(ctx)).toEqual(kept);
    });

    it('is left out of backups and refilled by a restore', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dangvien-search-'));
      const target = await scratchContext('postgres');
      try {
        const file = join(dir, 'backup.jsonl.gz');
        const backup = await backupDatabase(ctx, actor, {
          file,
          databaseUrl: url,
          format: 'portable',
        });
        expect(Object.keys(backup.tables)).not.toContain('person_name_suffixes');
        await restoreDatabase(target.ctx, actor, { file });
        expect(await suffixRows(target.ctx)).toEqual(await suffixRows(ctx));
      } finally {
        await target.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  }
});
