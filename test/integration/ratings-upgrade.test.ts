import { expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrations } from '../../src/server/db/migrations/index.ts';
import { describeEachDialect, scratchDatabase } from '../support/dialects.ts';

/**
 * Upgrading an installation that had the earlier simplified "366-QĐ/TW" outline (six criteria,
 * 100 points split by assumption) with ratings made under it: the migration keeps those rows,
 * renamed and never in force, and seeds the versions (132, 124, 366-QĐ/TW) beside them.
 */
describeEachDialect('ratings migration upgrades an installation', (dialect) => {
  it('keeps the old outline and its ratings, seeds the dated versions', async () => {
    const scratch = await scratchDatabase(dialect);
    const db = await openDatabase(scratch.url, { migrate: false });
    try {
      const migrator = new Migrator({
        db,
        provider: { getMigrations: () => Promise.resolve(migrations) },
      });
      const before = await migrator.migrateTo('2026-12-06T07-00-grant-dates');
      expect(before.error).toBeUndefined();
      const { id: schemeId } = await db
        .insertInto('ratingSchemes')
        .values({
          code: '366-QĐ/TW',
          name: 'Khung cũ',
          maxPoints: 100,
          excellentMin: 90,
          goodMin: 70,
          completedMin: 50,
          validFrom: '2025-08-30',
          note: null,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      const after = await migrator.migrateToLatest();
      expect(after.error).toBeUndefined();
      const schemes = await db
        .selectFrom('ratingSchemes')
        .select(['id', 'code', 'scale', 'validFrom', 'validTo'])
        .orderBy('validFrom')
        .orderBy('id')
        .execute();
      expect(schemes.map((s) => [s.code, s.scale, s.validFrom, s.validTo])).toEqual([
        ['132-QĐ/TW', 'grades', '2018-03-08', '2023-10-04'],
        ['124-QĐ/TW', 'grades', '2023-10-04', '2025-08-30'],
        ['366-QĐ/TW (khung rút gọn cũ)', 'points', '2025-08-30', '2025-08-30'],
        ['366-QĐ/TW', 'points', '2025-08-30', '9999-12-31'],
      ]);
      expect(schemes.find((s) => s.code.startsWith('366-QĐ/TW ('))?.id).toBe(schemeId);
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });
});
