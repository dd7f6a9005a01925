import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { peopleInSubtree } from '../people/people.repository.ts';
import { repointMemberships } from '../membership/membership.ledger.ts';
import { duplicateReason, type DuplicateReason } from '../people/duplicates.rules.ts';

/** A candidate pair: two unmerged people (aId < bId) and why they look alike. */
export interface DuplicatePairRow {
  aId: number;
  bId: number;
  reason: DuplicateReason;
}

interface PairQueryOptions {
  /** Only pairs where both people are tied to this organization's subtree. */
  rootId: number | null;
  /** Scope is judged on today's tree. */
  today: string;
  limit: number;
}

function basePairs(db: Db, options: PairQueryOptions) {
  let query = db
    .selectFrom('people as a')
    .innerJoin('people as b', (j) => j.onRef('a.id', '<', 'b.id'))
    .leftJoin('duplicateDismissals as d', (j) =>
      j.onRef('d.firstPersonId', '=', 'a.id').onRef('d.secondPersonId', '=', 'b.id'),
    )
    .where('a.mergedIntoId', 'is', null)
    .where('b.mergedIntoId', 'is', null)
    .where('d.firstPersonId', 'is', null);
  if (options.rootId !== null) {
    query = query
      .where('a.id', 'in', peopleInSubtree(db, options.rootId, options.today))
      .where('b.id', 'in', peopleInSubtree(db, options.rootId, options.today));
  }
  return query;
}

/**
 * Likely duplicate pairs not yet dismissed: same national ID, same folded name + birth date, or
 * (same unit) folded names one edit apart with the same birth year. Strongest reasons first.
 */
export async function findDuplicatePairs(
  db: Db,
  options: PairQueryOptions,
): Promise<DuplicatePairRow[]> {
  const byId = await basePairs(db, options)
    .select(['a.id as aId', 'b.id as bId'])
    .whereRef('a.nationalId', '=', 'b.nationalId')
    .where('a.nationalId', 'is not', null)
    .orderBy('a.id')
    .orderBy('b.id')
    .limit(options.limit)
    .execute();
  const byNameBirth = await basePairs(db, options)
    .select(['a.id as aId', 'b.id as bId'])
    .whereRef('a.nameFolded', '=', 'b.nameFolded')
    .whereRef('a.birthDate', '=', 'b.birthDate')
    .where((eb) =>
      eb.or([
        eb('a.nationalId', 'is', null),
        eb('b.nationalId', 'is', null),
        eb('a.nationalId', '=', eb.ref('b.nationalId')),
      ]),
    )
    .orderBy('a.id')
    .orderBy('b.id')
    .limit(options.limit)
    .execute();
  const close = await basePairs(db, options)
    .select([
      'a.id as aId',
      'b.id as bId',
      'a.nameFolded as aName',
      'b.nameFolded as bName',
      'a.birthDate as aBirth',
      'b.birthDate as bBirth',
      'a.nationalId as aNationalId',
      'b.nationalId as bNationalId',
      'a.unitId as unitId',
    ])
    .whereRef('a.unitId', '=', 'b.unitId')
    .where(
      sql<boolean>`substr(${sql.ref('a.birthDate')}, 1, 4) = substr(${sql.ref('b.birthDate')}, 1, 4)`,
    )
    .where(
      sql<boolean>`abs(length(${sql.ref('a.nameFolded')}) - length(${sql.ref('b.nameFolded')})) <= 1`,
    )
    .orderBy('a.id')
    .orderBy('b.id')
    .limit(options.limit * 20)
    .execute();
  const pairs = new Map<string, DuplicatePairRow>();
  const add = (aId: number, bId: number, reason: DuplicateReason) => {
    const key = `${aId}:${bId}`;
    if (!pairs.has(key)) pairs.set(key, { aId, bId, reason });
  };
  for (const p of byId) add(p.aId, p.bId, 'national_id');
  for (const p of byNameBirth) add(p.aId, p.bId, 'name_birth_date');
  for (const p of close) {
    const reason = duplicateReason(
      { nationalId: p.aNationalId, nameFolded: p.aName, birthDate: p.aBirth, unitId: p.unitId },
      { nationalId: p.bNationalId, nameFolded: p.bName, birthDate: p.bBirth, unitId: p.unitId },
    );
    if (reason) add(p.aId, p.bId, reason);
  }
  return [...pairs.values()].slice(0, options.limit);
}

/** Whether the pair was marked "not duplicates". */
export async function isDismissed(db: Db, aId: number, bId: number): Promise<boolean> {
  const [low, high] = aId < bId ? [aId, bId] : [bId, aId];
  const row = await db
    .selectFrom('duplicateDismissals')
    .select('firstPersonId')
    .where('firstPersonId', '=', low)
    .where('secondPersonId', '=', high)
    .executeTakeFirst();
  return row !== undefined;
}

/** Remembers a pair as "not duplicates" (idempotent). */
export async function insertDismissal(
  db: Db,
  aId: number,
  bId: number,
  actor: string,
  at: string,
  reason: string | null,
): Promise<void> {
  const [low, high] = aId < bId ? [aId, bId] : [bId, aId];
  await db
    .insertInto('duplicateDismissals')
    .values({ firstPersonId: low, secondPersonId: high, dismissedAt: at, actor, reason })
    .onConflict((oc) => oc.columns(['firstPersonId', 'secondPersonId']).doNothing())
    .execute();
}

/** The merge facts of a person: unmerged or not, and the fields a merge may fill. */
export async function findPersonForMerge(db: Db, id: number) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Memberships of a person (for the overlap check). */
export async function membershipSpans(
  db: Db,
  personId: number,
): Promise<{ id: number; admittedOn: string; endedOn: string }[]> {
  return db
    .selectFrom('memberships')
    .select(['id', 'admittedOn', 'endedOn'])
    .where('personId', '=', personId)
    .execute();
}

/** How many rows of each history table point at a person. */
export async function historyCounts(db: Db, personId: number): Promise<Record<string, number>> {
  const count = async (
    table: 'memberPeriods' | 'memberships' | 'candidates' | 'personTargetGroups',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('personId', '=', personId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const helpers = await db
    .selectFrom('candidateMembers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('memberPersonId', '=', personId)
    .executeTakeFirstOrThrow();
  return {
    memberPeriods: await count('memberPeriods'),
    memberships: await count('memberships'),
    candidates: await count('candidates'),
    candidateMembers: Number(helpers.n),
    personTargetGroups: await count('personTargetGroups'),
  };
}

/**
 * Re-points a merged person's history to the person kept: member periods, memberships,
 * candidacies, helper/introducer links and target groups. Rows that would repeat a fact the kept
 * person already has (same candidate and role, same group from the same day) stay where they are,
 * so nothing is deleted. Returns how many rows moved per table.
 */
export async function repointHistory(
  db: Db,
  keepId: number,
  mergeId: number,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = { ...(await repointMemberships(db, keepId, mergeId)) };
  const candidates = await db
    .updateTable('candidates')
    .set({ personId: keepId })
    .where('personId', '=', mergeId)
    .executeTakeFirst();
  moved.candidates = Number(candidates.numUpdatedRows);
  const links = await db
    .selectFrom('candidateMembers')
    .selectAll()
    .where('memberPersonId', '=', mergeId)
    .execute();
  moved.candidateMembers = 0;
  for (const link of links) {
    const clash = await db
      .selectFrom('candidateMembers')
      .select('candidateId')
      .where('candidateId', '=', link.candidateId)
      .where('memberPersonId', '=', keepId)
      .where('role', '=', link.role)
      .executeTakeFirst();
    if (clash) continue;
    await db
      .updateTable('candidateMembers')
      .set({ memberPersonId: keepId })
      .where('candidateId', '=', link.candidateId)
      .where('memberPersonId', '=', mergeId)
      .where('role', '=', link.role)
      .execute();
    moved.candidateMembers += 1;
  }
  const groups = await db
    .selectFrom('personTargetGroups')
    .selectAll()
    .where('personId', '=', mergeId)
    .execute();
  moved.personTargetGroups = 0;
  for (const group of groups) {
    const clash = await db
      .selectFrom('personTargetGroups')
      .select('personId')
      .where('personId', '=', keepId)
      .where('targetGroup', '=', group.targetGroup)
      .where('validFrom', '=', group.validFrom)
      .executeTakeFirst();
    if (clash) continue;
    await db
      .updateTable('personTargetGroups')
      .set({ personId: keepId })
      .where('personId', '=', mergeId)
      .where('targetGroup', '=', group.targetGroup)
      .where('validFrom', '=', group.validFrom)
      .execute();
    moved.personTargetGroups += 1;
  }
  return moved;
}

/** Fills the kept person's empty fields and marks the other as merged into it. */
export async function markMerged(
  db: Db,
  keepId: number,
  mergeId: number,
  fill: Record<string, string | number>,
  at: string,
): Promise<void> {
  if (Object.keys(fill).length > 0)
    await db
      .updateTable('people')
      .set((eb) => ({ ...fill, updatedAt: at, version: eb('version', '+', 1) }))
      .where('id', '=', keepId)
      .execute();
  await db
    .updateTable('people')
    .set((eb) => ({ mergedIntoId: keepId, updatedAt: at, version: eb('version', '+', 1) }))
    .where('id', '=', mergeId)
    .execute();
}
