import type { Db } from '../../db/database.ts';
import { isPersonInScope, peopleInScope, personInScope } from '../../access/scope.repository.ts';
import { isSoleRoot } from '../organizations/tree.repository.ts';
import { duplicateReason, type DuplicateReason } from './duplicates.rules.ts';
import { dialectOfDb } from '../../db/database.ts';
import type { Insertable, Updateable } from 'kysely';
import { joinTargetGroups, openHistory } from './person-history.repository.ts';
import type { PersonTable } from '../../db/schema.ts';

/** A person as stored, with their unit's code and target groups. */
export interface PersonRecord {
  id: number;
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  religion: string | null;
  nationalId: string | null;
  phone: string | null;
  address: string | null;
  unitCode: string | null;
  unitName: string | null;
  educationLevel: string;
  politicalTheory: string | null;
  occupation: string | null;
  targetGroups: string[];
  version: number;
}

/** Loads people by id with unit and current target groups, in two queries. */
export async function findPeople(db: Db, ids: number[]): Promise<PersonRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('people as p')
    .leftJoin('units as u', 'u.id', 'p.unitId')
    .select([
      'p.id',
      'p.fullName',
      'p.gender',
      'p.birthDate',
      'p.ethnicity',
      'p.religion',
      'p.nationalId',
      'p.phone',
      'p.address',
      'u.code as unitCode',
      'u.name as unitName',
      'p.educationLevel',
      'p.politicalTheory',
      'p.occupation',
      'p.version',
    ])
    .where('p.id', 'in', ids)
    .execute();
  const groups = await db
    .selectFrom('personTargetGroups')
    .select(['personId', 'targetGroup'])
    .where('personId', 'in', ids)
    .where('validTo', '=', '9999-12-31')
    .execute();
  const byPerson = new Map<number, string[]>();
  for (const g of groups)
    byPerson.set(g.personId, [...(byPerson.get(g.personId) ?? []), g.targetGroup]);
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows
    .map((r) => ({ ...r, targetGroups: (byPerson.get(r.id) ?? []).sort() }))
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/**
 * Inserts a person with their dated history: the place from `unitFrom`, the facts from the birth
 * date (when they were obtained is not asked on registration) and each target group from its
 * date. Returns the id.
 */
export async function insertPerson(
  db: Db,
  row: Insertable<PersonTable>,
  targetGroups: { group: string; from: string }[],
  unitFrom: string,
): Promise<number> {
  const { id } = await db
    .insertInto('people')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  await openHistory(db, [
    {
      personId: id,
      unitId: row.unitId ?? null,
      unitFrom,
      factsFrom: row.birthDate,
      facts: {
        educationLevel: row.educationLevel,
        professionalLevel: row.professionalLevel ?? null,
        politicalTheory: row.politicalTheory ?? null,
        occupation: row.occupation ?? null,
      },
    },
  ]);
  await joinTargetGroups(
    db,
    targetGroups.map(({ group, from }) => ({ personId: id, targetGroup: group, validFrom: from })),
  );
  return id;
}

/**
 * Writes a person's current values and bumps their version, if the version is still `version`
 * (optimistic lock); false when someone changed the person since.
 */
export async function updatePersonAt(
  db: Db,
  id: number,
  version: number,
  changes: Updateable<PersonTable>,
  updatedAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable('people')
    .set((eb) => ({ ...changes, updatedAt, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** People who may be the same human: same national ID, or same folded name and birth date. */
export async function findLikelyDuplicates(
  db: Db,
  candidate: {
    nationalId: string | null;
    nameFolded: string;
    birthDate: string;
    unitId?: number | null;
  },
  excludeId?: number,
): Promise<{ id: number; fullName: string; reason: DuplicateReason }[]> {
  const exact = await db
    .selectFrom('people')
    .select(['id', 'fullName', 'nationalId', 'nameFolded', 'birthDate', 'unitId'])
    .where('mergedIntoId', 'is', null)
    .where((eb) =>
      eb.or([
        ...(candidate.nationalId ? [eb('nationalId', '=', candidate.nationalId)] : []),
        eb.and([
          eb('birthDate', '=', candidate.birthDate),
          eb('nameFolded', '=', candidate.nameFolded),
        ]),
      ]),
    )
    .limit(20)
    .execute();
  // Close names (one letter apart) in the same unit and birth year: bounded by the unit's size.
  const year = candidate.birthDate.slice(0, 4);
  const close = candidate.unitId
    ? await db
        .selectFrom('people')
        .select(['id', 'fullName', 'nationalId', 'nameFolded', 'birthDate', 'unitId'])
        .where('mergedIntoId', 'is', null)
        .where('unitId', '=', candidate.unitId)
        .where('birthDate', '>=', `${year}-01-01`)
        .where('birthDate', '<=', `${year}-12-31`)
        .limit(2000)
        .execute()
    : [];
  const found = new Map<number, { id: number; fullName: string; reason: DuplicateReason }>();
  const facts = { ...candidate, unitId: candidate.unitId ?? null };
  for (const row of [...exact, ...close]) {
    if (row.id === excludeId || found.has(row.id)) continue;
    const reason = duplicateReason(facts, row);
    if (reason) found.set(row.id, { id: row.id, fullName: row.fullName, reason });
  }
  return [...found.values()].slice(0, 20);
}

/** Subquery: ids of the people in root's subtree today (the scope rule of access/scope.repository.ts). */
export function peopleInSubtree(db: Db, rootId: number, today: string) {
  return peopleInScope(db, rootId, today);
}

/** Longest query the suffix table answers (its suffixes are cut there, see the migration). */
const SUFFIX_LIMIT = 200;

/**
 * Accent-insensitive search by folded name within a subtree, Vietnamese name order: people with a
 * word of the folded name starting with `folded` (which may span several words).
 */
export async function searchPeople(
  db: Db,
  root: { id: number; level: string },
  folded: string,
  limit: number,
  offset: number,
  today: string,
): Promise<{ ids: number[]; total: number }> {
  const escaped = folded.replace(/[\\%_]/g, '');
  // Same answer, three shapes, chosen by where the cost lies:
  // - PostgreSQL, an upper-level committee (a province of the national installation): the
  //   search.person_name_suffixes table holds exactly the word-initial suffixes of the people
  //   tied to it (merged people left out) with their sort keys, so "a word starts with q" is one
  //   index-only range scan inside the committee (issue 8).
  // - SQLite, and PostgreSQL below that level: the subtree's people are few; start from them
  //   (an IN over their union) and test only their names.
  // - The only root of today's tree (the whole installation): everyone is inside; narrow by name
  //   only (the trigram index on PostgreSQL). A top committee that is not the only root checks
  //   each match with the per-person scope rule.
  const dialect = dialectOfDb(db);
  if (
    dialect === 'postgres' &&
    root.level === 'upper' &&
    escaped !== '' &&
    escaped.length <= SUFFIX_LIMIT
  ) {
    const matches = db
      .selectFrom('search.personNameSuffixes as s')
      .where('s.scopeId', '=', root.id)
      .where('s.suffix', 'like', `${escaped}%`)
      // The table holds everyone ever tied to the committee; the scope rule keeps today's people.
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('people as p')
            .select('p.id')
            .whereRef('p.id', '=', 's.personId')
            .where((pb) => personInScope(pb, root.id, today)),
        ),
      );
    const [rows, count] = await Promise.all([
      matches
        .select(['s.personId', 's.nameSort'])
        .distinct()
        .orderBy('s.nameSort')
        .orderBy('s.personId')
        .limit(limit)
        .offset(offset)
        .execute(),
      matches
        .select((eb) => eb.fn.count<number>('s.personId').distinct().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { ids: rows.map((r) => r.personId), total: Number(count.n) };
  }
  let query = db.selectFrom('people as p').where('p.mergedIntoId', 'is', null);
  if (folded) {
    query = query.where((eb) =>
      eb.or([
        eb('p.nameFolded', 'like', `${escaped}%`),
        eb('p.nameFolded', 'like', `% ${escaped}%`),
      ]),
    );
  }
  // The installation's only root holds everyone recorded: no scope to test.
  if (!(await isSoleRoot(db, root.id, today)))
    query =
      dialect === 'sqlite' || root.level !== 'top'
        ? query.where('p.id', 'in', peopleInSubtree(db, root.id, today))
        : query.where((eb) => personInScope(eb, root.id, today));
  const [rows, count] = await Promise.all([
    query
      .select('p.id')
      .orderBy('p.nameSort')
      .orderBy('p.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(count.n) };
}

/** Whether a person lies in root's subtree today (the scope rule). */
export async function isPersonInSubtree(
  db: Db,
  rootId: number,
  personId: number,
  today: string,
): Promise<boolean> {
  return isPersonInScope(db, rootId, personId, today);
}

/**
 * Ids of the organizations people are tied to at any date (member periods, candidacies, the
 * coverage of their unit), ascending: the organizations an audit event about them concerns.
 */
export async function organizationsOfPeople(
  db: Db,
  personIds: readonly number[],
): Promise<number[]> {
  if (personIds.length === 0) return [];
  const ids = [...personIds];
  const rows = await db
    .selectFrom('memberPeriods')
    .select('organizationId')
    .where('personId', 'in', ids)
    .union(db.selectFrom('candidates').select('organizationId').where('personId', 'in', ids))
    .union(
      db
        .selectFrom('people as p')
        .innerJoin('unitCoverage as uc', 'uc.unitId', 'p.unitId')
        .select('uc.organizationId')
        .where('p.id', 'in', ids),
    )
    .execute();
  return rows.map((r) => r.organizationId).sort((a, b) => a - b);
}
