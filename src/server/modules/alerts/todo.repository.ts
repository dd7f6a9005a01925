/** SQL of the to-do list: due dates in a window and dossiers with documents not yet received. */
import type { Db } from '../../db/database.ts';
import { joinSubtree } from '../organizations/tree.repository.ts';

/** Candidates of the subtree with the names every to-do item shows (person, organization). */
function namedCandidates(db: Db, rootId: number, treeOn: string) {
  return db
    .selectFrom('candidates as k')
    .$call(joinSubtree('c', 'k.organizationId', rootId, treeOn))
    .innerJoin('people as p', 'p.id', 'k.personId')
    .innerJoin('organizations as o', 'o.id', 'k.organizationId')
    .select([
      'k.id as candidateId',
      'p.fullName',
      'o.code as organizationCode',
      'o.name as organizationName',
    ]);
}

/** A candidate of the subtree with a stored due date in [from, through], with names. */
export async function candidatesDueWithin(
  db: Db,
  rootId: number,
  treeOn: string,
  from: string,
  through: string,
  limit: number,
) {
  return namedCandidates(db, rootId, treeOn)
    .select(['k.stage', 'k.dueKind', 'k.dueOn'])
    .where('k.dueOn', '>=', from)
    .where('k.dueOn', '<=', through)
    .orderBy('k.dueOn')
    .orderBy('k.id')
    .limit(limit)
    .execute();
}

/**
 * Dossiers of the subtree at some stages with the document kinds received and whether they have
 * introducers recorded (an introducer's letter is then known to the system).
 */
export async function dossiersWithDocuments(
  db: Db,
  rootId: number,
  treeOn: string,
  stages: string[],
  limit: number,
) {
  const rows = await namedCandidates(db, rootId, treeOn)
    .select(['k.stageOn'])
    .where('k.stage', 'in', stages)
    .orderBy('k.stageOn')
    .orderBy('k.id')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.candidateId);
  const [documents, introducers] = await Promise.all([
    db
      .selectFrom('candidateDocuments')
      .select(['candidateId', 'kind'])
      .where('candidateId', 'in', ids)
      // An unticked document stays on record (a dated change) but is no longer received.
      .where('untickedOn', 'is', null)
      .execute(),
    db
      .selectFrom('candidateMembers')
      .select('candidateId')
      .where('candidateId', 'in', ids)
      .where('role', '=', 'introducer')
      .execute(),
  ]);
  const introduced = new Set(introducers.map((r) => r.candidateId));
  const received = new Map<number, Set<string>>();
  for (const d of documents)
    received.set(d.candidateId, (received.get(d.candidateId) ?? new Set()).add(d.kind));
  return rows.map((r) => ({
    ...r,
    received: received.get(r.candidateId) ?? new Set<string>(),
    introduced: introduced.has(r.candidateId),
  }));
}

/** Open dossiers of the subtree with at least one failed vote, with names. */
export async function dossiersWithFailedVotes(
  db: Db,
  rootId: number,
  treeOn: string,
  limit: number,
) {
  return namedCandidates(db, rootId, treeOn)
    .select(['k.stage', 'k.stageOn', 'k.failedVotes'])
    .where('k.failedVotes', '>', 0)
    .where('k.closedOn', '=', '9999-12-31')
    .orderBy('k.id')
    .limit(limit)
    .execute();
}
