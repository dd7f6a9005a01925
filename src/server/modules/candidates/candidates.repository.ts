/**
 * All SQL of the admission pipeline: candidates, their transitions, linked members, documents.
 * The memberships and member periods a ceremony, a recognition or a refusal writes belong to the
 * membership ledger (`membership/membership.ledger.ts`).
 */
import type { Insertable, Selectable } from 'kysely';
import { openOn } from '../../db/dated.ts';
import type { Db } from '../../db/database.ts';
import { personFactsOn, placesOf } from '../people/person-history.repository.ts';
import { placeRunSince } from '../people/person-history.rules.ts';
import { joinSubtree, nearestAncestorAtLevel } from '../organizations/tree.repository.ts';
import type { CandidateTable, CandidateTransitionTable } from '../../db/schema.ts';

/** Admission writes through the ledger; the name stays for the demo pipeline, which imports it here. */

const OPEN = '9999-12-31';

/** A candidate row as stored. */
export type CandidateRow = Selectable<CandidateTable>;

/** A transition row as stored. */
export type TransitionRow = Selectable<CandidateTransitionTable>;

/** The candidate with this id, or undefined. */
export async function findCandidate(db: Db, id: number): Promise<CandidateRow | undefined> {
  return db.selectFrom('candidates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a candidate and returns its id. */
export async function insertCandidate(db: Db, row: Insertable<CandidateTable>): Promise<number> {
  const { id } = await db
    .insertInto('candidates')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Updates a candidate only if its version is still `version` (and bumps it); returns whether it did. */
export async function updateCandidateAtVersion(
  db: Db,
  id: number,
  version: number,
  changes: Partial<Omit<Insertable<CandidateTable>, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('candidates')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * A member's transfer carries their still-open candidacy (probation) to the new cell, bumping its
 * version: a transition sent with the version from before the transfer answers 409.
 */
export async function moveOpenCandidacy(
  db: Db,
  id: number,
  organizationId: number,
  on: string,
): Promise<void> {
  await db
    .updateTable('candidates')
    .set((eb) => ({ organizationId, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('closedOn', '>', on)
    .execute();
}

/** Sets a candidate's next due date (recomputation; the version does not change). */
export async function setCandidateDue(
  db: Db,
  id: number,
  dueKind: string | null,
  dueOn: string | null,
): Promise<void> {
  await db.updateTable('candidates').set({ dueKind, dueOn }).where('id', '=', id).execute();
}

/** Appends a transition row. */
export async function insertTransition(
  db: Db,
  row: Insertable<CandidateTransitionTable>,
): Promise<void> {
  await db.insertInto('candidateTransitions').values(row).execute();
}

/** Every transition of a candidate (done and failed), in date then record order. */
export async function listTransitions(db: Db, candidateId: number): Promise<TransitionRow[]> {
  return db
    .selectFrom('candidateTransitions')
    .selectAll()
    .where('candidateId', '=', candidateId)
    .orderBy('on')
    .orderBy('id')
    .execute();
}

/** Done transitions of many candidates up to a date (history and reports). */
export async function transitionsOf(
  db: Db,
  candidateIds: number[],
  through: string,
): Promise<Pick<TransitionRow, 'candidateId' | 'toStage' | 'on' | 'id'>[]> {
  const rows: Pick<TransitionRow, 'candidateId' | 'toStage' | 'on' | 'id'>[] = [];
  for (let i = 0; i < candidateIds.length; i += 1000) {
    rows.push(
      ...(await db
        .selectFrom('candidateTransitions')
        .select(['candidateId', 'toStage', 'on', 'id'])
        .where('candidateId', 'in', candidateIds.slice(i, i + 1000))
        .where('outcome', '=', 'done')
        .where('on', '<=', through)
        .orderBy('candidateId')
        .orderBy('on')
        .orderBy('id')
        .execute()),
    );
  }
  return rows;
}

/** A member linked to a candidate (helper or introducer) with their name. */
export interface LinkedMember {
  personId: number;
  fullName: string;
  role: string;
  since: string;
}

/** Helpers and introducers of a candidate. */
export async function listCandidateMembers(db: Db, candidateId: number): Promise<LinkedMember[]> {
  return db
    .selectFrom('candidateMembers as cm')
    .innerJoin('people as p', 'p.id', 'cm.memberPersonId')
    .select(['cm.memberPersonId as personId', 'p.fullName', 'cm.role', 'cm.since'])
    .where('cm.candidateId', '=', candidateId)
    .orderBy('cm.role')
    .orderBy('cm.since')
    .execute();
}

/** Links members to a candidate in a role; existing links of the same person and role are kept. */
export async function linkCandidateMembers(
  db: Db,
  candidateId: number,
  personIds: number[],
  role: 'helper' | 'introducer',
  since: string,
): Promise<void> {
  if (personIds.length === 0) return;
  const existing = await db
    .selectFrom('candidateMembers')
    .select('memberPersonId')
    .where('candidateId', '=', candidateId)
    .where('role', '=', role)
    .execute();
  const have = new Set(existing.map((r) => r.memberPersonId));
  const rows = [...new Set(personIds)]
    .filter((id) => !have.has(id))
    .map((memberPersonId) => ({ candidateId, memberPersonId, role, since }));
  if (rows.length > 0) await db.insertInto('candidateMembers').values(rows).execute();
}

/** A membership as the pipeline needs it. */
export interface MembershipFacts {
  id: number;
  personId: number;
  fullName: string;
  admittedOn: string;
  endedOn: string;
}

/** Memberships by id with the member's name. */
export async function findMemberships(db: Db, ids: number[]): Promise<MembershipFacts[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.personId')
    .select(['m.id', 'm.personId', 'p.fullName', 'm.admittedOn', 'm.endedOn'])
    .where('m.id', 'in', ids)
    .execute();
}

/** The status of a membership's period open on a date, or 'none'. */
export async function memberStatusOn(
  db: Db,
  membershipId: number,
  on: string,
): Promise<'official' | 'probationary' | 'none'> {
  const row = await db
    .selectFrom('memberPeriods')
    .select('status')
    .where('membershipId', '=', membershipId)
    .where(openOn('', on))
    .executeTakeFirst();
  return row?.status ?? 'none';
}

/**
 * The earliest start of a membership's periods in organizations that, as of `on`, lie in
 * `grassrootsId`'s subtree: how long the member has been in the candidate's grassroots unit.
 */
export async function memberInSubtreeSince(
  db: Db,
  membershipId: number,
  grassrootsId: number,
  on: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('memberPeriods as mp')
    .$call(joinSubtree('c', 'mp.organizationId', grassrootsId, on))
    .select((eb) => eb.fn.min('mp.validFrom').as('since'))
    .where('mp.membershipId', '=', membershipId)
    .where('mp.validFrom', '<=', on)
    .executeTakeFirst();
  return row?.since ?? null;
}

/**
 * Since when a person has lived or worked, without a break, in units covered by the subtree of
 * `grassrootsId` (as it stands on `on`), from their dated places; null when unknown (no place
 * history, or their place on `on` lies outside: then only the introducer's side is judged).
 */
export async function personPlacedInSubtreeSince(
  db: Db,
  personId: number,
  grassrootsId: number,
  on: string,
): Promise<string | null> {
  const places = await placesOf(db, personId);
  if (places.length === 0) return null;
  const covered = await db
    .selectFrom('unitCoverage as uc')
    .$call(joinSubtree('c', 'uc.organizationId', grassrootsId, on))
    .select('uc.unitId')
    .where(openOn('uc', on))
    .where(
      'uc.unitId',
      'in',
      places.map((p) => p.unitId),
    )
    .execute();
  const inside = new Set(covered.map((r) => r.unitId));
  return placeRunSince(
    places.map((p) => ({ id: p.id, value: p.unitId, validFrom: p.validFrom, validTo: p.validTo })),
    on,
    (unitId) => inside.has(unitId),
  );
}

/** The nearest grassroots organization holding `organizationId` (itself included) on a date. */
export async function grassrootsOf(
  db: Db,
  organizationId: number,
  on: string,
): Promise<number | null> {
  return nearestAncestorAtLevel(db, organizationId, on, ['grassroots', 'grassroots_cell']);
}

/** What the rules need to know about a person on a date. */
export interface PersonFacts {
  id: number;
  fullName: string;
  birthDate: string;
  gender: string;
  educationLevel: string;
  unitId: number | null;
  mergedIntoId: number | null;
  isYouthUnionMember: boolean;
  /** In the target group of village heads (trưởng bản): the education guidance treats them apart. */
  isVillageHead: boolean;
}

/**
 * A person's facts on a date, or undefined: their education, unit and target groups AS OF `on`
 * (the people module's dated history), so a transition is judged on the facts of its own day.
 */
export async function personFacts(
  db: Db,
  personId: number,
  on: string,
): Promise<PersonFacts | undefined> {
  const facts = await personFactsOn(db, personId, on);
  if (!facts) return undefined;
  return {
    id: facts.id,
    fullName: facts.fullName,
    birthDate: facts.birthDate,
    gender: facts.gender,
    educationLevel: facts.educationLevel,
    unitId: facts.unitId,
    mergedIntoId: facts.mergedIntoId,
    isYouthUnionMember: facts.targetGroups.includes('youth_union'),
    isVillageHead: facts.targetGroups.includes('village_head'),
  };
}

/** A person's memberships, oldest first. */
export async function membershipsOfPerson(db: Db, personId: number) {
  return db
    .selectFrom('memberships')
    .select(['id', 'admittedOn', 'endedOn', 'endReason', 'officialOn', 'candidateId'])
    .where('personId', '=', personId)
    .orderBy('admittedOn')
    .execute();
}

/** A person's candidacies that are still in the pipeline before admission. */
export async function openCandidaciesOfPerson(db: Db, personId: number) {
  return db
    .selectFrom('candidates')
    .select(['id', 'stage'])
    .where('personId', '=', personId)
    .where('closedOn', '=', OPEN)
    .execute();
}

/** The membership a candidacy created, if any. */
export async function membershipOfCandidate(db: Db, candidateId: number) {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('candidateId', '=', candidateId)
    .executeTakeFirst();
}

/** One candidate as listed. */
export interface CandidateListItem {
  id: number;
  personId: number;
  fullName: string;
  organizationCode: string;
  organizationName: string;
  stage: string;
  stageOn: string;
  dueKind: string | null;
  dueOn: string | null;
  version: number;
}

/** Candidates of a subtree (as the tree stands on `asOf`), optionally at one stage. */
export async function listCandidatesIn(
  db: Db,
  rootId: number,
  asOf: string,
  filter: { stage?: string | undefined; includeClosed: boolean; overdue?: boolean },
  limit: number,
  offset: number,
): Promise<{ items: CandidateListItem[]; total: number; byStage: Record<string, number> }> {
  let query = db
    .selectFrom('candidates as k')
    .$call(joinSubtree('c', 'k.organizationId', rootId, asOf));
  if (filter.overdue) query = query.where('k.dueOn', '<', asOf);
  if (!filter.includeClosed)
    query = query.where('k.stage', 'not in', [
      'official',
      'withdrawn',
      'rejected',
      'not_recognized',
    ]);
  const byStageRows = await query
    .select(['k.stage', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('k.stage')
    .execute();
  if (filter.stage) query = query.where('k.stage', '=', filter.stage);
  const [rows, count] = await Promise.all([
    query
      .innerJoin('people as p', 'p.id', 'k.personId')
      .innerJoin('organizations as o', 'o.id', 'k.organizationId')
      .select([
        'k.id',
        'k.personId',
        'p.fullName',
        'o.code as organizationCode',
        'o.name as organizationName',
        'k.stage',
        'k.stageOn',
        'k.dueKind',
        'k.dueOn',
        'k.version',
      ])
      .orderBy('k.stageOn')
      .orderBy('k.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows,
    total: Number(count.n),
    byStage: Object.fromEntries(byStageRows.map((r) => [r.stage, Number(r.n)])),
  };
}

/** Ids of every candidate whose due date may need recomputing (not finished). */
export async function candidatesNeedingDue(db: Db): Promise<CandidateRow[]> {
  return db
    .selectFrom('candidates')
    .selectAll()
    .where('stage', 'not in', ['official', 'withdrawn', 'rejected', 'not_recognized'])
    .execute();
}

/** The value of a setting, or undefined. */
export async function settingValue(db: Db, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

/** Counts of the tables a transition writes (for tests and diagnostics). */
export async function pipelineRowCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'candidates',
    'candidateTransitions',
    'candidateMembers',
    'candidateDocuments',
    'memberships',
    'memberPeriods',
    'events',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Current candidates of a subtree (tree as of `asOf`) counted per organization and stage. */
export async function countsByOrganizationAndStage(
  db: Db,
  rootId: number,
  asOf: string,
): Promise<{ organizationId: number; stage: string; n: number }[]> {
  const rows = await db
    .selectFrom('candidates as k')
    .$call(joinSubtree('c', 'k.organizationId', rootId, asOf))
    .select(['k.organizationId', 'k.stage', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['k.organizationId', 'k.stage'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Candidates of a subtree (tree as of `asOf`) identified by then, with their organization. */
export async function candidatesOfSubtree(
  db: Db,
  rootId: number,
  asOf: string,
): Promise<{ id: number; organizationId: number }[]> {
  return db
    .selectFrom('candidates as k')
    .$call(joinSubtree('c', 'k.organizationId', rootId, asOf))
    .select(['k.id', 'k.organizationId'])
    .where('k.identifiedOn', '<=', asOf)
    .execute();
}

/** Official members of a cell on a date who were already in it on `since` (introducer choices). */
export async function officialMembersOfCell(
  db: Db,
  organizationId: number,
  on: string,
  since: string,
): Promise<{ membershipId: number; personId: number }[]> {
  return db
    .selectFrom('memberPeriods as now')
    .innerJoin('memberPeriods as then', 'then.membershipId', 'now.membershipId')
    .select(['now.membershipId', 'now.personId'])
    .distinct()
    .where('now.organizationId', '=', organizationId)
    .where('now.status', '=', 'official')
    .where(openOn('now', on))
    .where('then.organizationId', '=', organizationId)
    .where(openOn('then', since))
    .orderBy('now.membershipId')
    .limit(6)
    .execute();
}

/** A person's full name, or undefined. */
export async function personNameOf(db: Db, personId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('people')
    .select('fullName')
    .where('id', '=', personId)
    .executeTakeFirst();
  return row?.fullName;
}
