import { afterAll, beforeAll, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { migrateToLatest, openDatabase, type Db } from '../../src/server/db/database.ts';
import { migrations } from '../../src/server/db/migrations/index.ts';
import { describeEachDialect, scratchDatabase } from '../support/dialects.ts';

/**
 * Migration 2026-12-06T06-10-person-history backfills a person's place and facts from the
 * columns of `people`, valid from the birth date, so every past date keeps its answer.
 */
describeEachDialect(
  'migration 2026-12-06T06-10-person-history backfills the history',
  (dialect) => {
    let db: Db;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const scratch = await scratchDatabase(dialect);
      db = await openDatabase(scratch.url, { migrate: false });
      drop = async () => {
        await db.destroy();
        await scratch.drop();
      };
      const migrator = new Migrator({
        db,
        provider: { getMigrations: () => Promise.resolve(migrations) },
      });
      const { error } = await migrator.migrateTo('2026-12-06T04-00-event-organizations');
      if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
    });
    afterAll(async () => drop());

    it('gives each person an open place and four open facts from their birth date', async () => {
      const { id: unitId } = await db
        .insertInto('units')
        .values({
          code: 'M-U1',
          name: 'Bản Mường',
          nameFolded: 'ban muong',
          kind: 'village',
          communeUnitId: null,
          sector: null,
          staffCount: null,
          validFrom: '2010-01-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const person = {
        nameSort: 'x',
        gender: 'male' as const,
        ethnicity: 'Thái',
        religion: null,
        nationalId: null,
        phone: null,
        address: null,
        professionalLevel: null,
        mergedIntoId: null,
        createdAt: '2026-12-01T00:00:00Z',
        updatedAt: '2026-12-01T00:00:00Z',
      };
      await db
        .insertInto('people')
        .values([
          {
            ...person,
            fullName: 'Lò Văn A',
            nameFolded: 'lo van a',
            birthDate: '1990-02-03',
            unitId,
            educationLevel: 'upper_secondary',
            politicalTheory: 'Sơ cấp',
            occupation: 'Giáo viên',
          },
          {
            ...person,
            fullName: 'Lò Văn B',
            nameFolded: 'lo van b',
            birthDate: '1985-07-08',
            unitId: null,
            educationLevel: 'primary',
            politicalTheory: null,
            occupation: null,
          },
        ])
        .execute();
      await migrateToLatest(db);

      const places = await db
        .selectFrom('personPlaces')
        .select(['unitId', 'validFrom', 'validTo'])
        .execute();
      expect(places).toEqual([{ unitId, validFrom: '1990-02-03', validTo: '9999-12-31' }]);
      const facts = await db
        .selectFrom('personFacts as f')
        .innerJoin('people as p', 'p.id', 'f.personId')
        .select(['p.fullName', 'f.field', 'f.value', 'f.validFrom', 'f.validTo'])
        .orderBy('p.fullName')
        .orderBy('f.field')
        .execute();
      expect(facts.map((f) => [f.fullName, f.field, f.value, f.validFrom])).toEqual([
        ['Lò Văn A', 'educationLevel', 'upper_secondary', '1990-02-03'],
        ['Lò Văn A', 'occupation', 'Giáo viên', '1990-02-03'],
        ['Lò Văn A', 'politicalTheory', 'Sơ cấp', '1990-02-03'],
        ['Lò Văn A', 'professionalLevel', null, '1990-02-03'],
        ['Lò Văn B', 'educationLevel', 'primary', '1985-07-08'],
        ['Lò Văn B', 'occupation', null, '1985-07-08'],
        ['Lò Văn B', 'politicalTheory', null, '1985-07-08'],
        ['Lò Văn B', 'professionalLevel', null, '1985-07-08'],
      ]);
      expect(facts.every((f) => f.validTo === '9999-12-31')).toBe(true);
    });
  },
);
