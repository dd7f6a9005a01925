/** SQL of the alerts: indexed range scans over candidates' due dates within a dated subtree. */
import type { Db } from '../../db/database.ts';
import { joinSubtree } from '../organizations/tree.repository.ts';

const OPEN = '9999-12-31';

/** A candidate row as the alerts read it, with names. */
export interface AlertRow {
  candidateId: number;
  personId: number;
  fullName: string;
  organizationCode: string;
  organizationName: string;
  stage: string;
  stageOn: string;
  identifiedOn: string;
  closedOn: string;
  dueKind: string | null;
  dueOn: string | null;
  certificateIssuedOn: string | null;
}

/** An alert row with the end of the membership the candidacy created (history path). */
export interface HistoryAlertRow extends AlertRow {
  membershipEndedOn: string | null;
}

function inSubtree(db: Db, rootId: number, treeOn: string) {
  return db
    .selectFrom('candidates as k')
    .$call(joinSubtree('c', 'k.organizationId', rootId, treeOn))
    .innerJoin('people as p', 'p.id', 'k.personId')
    .innerJoin('organizations as o', 'o.id', 'k.organizationId')
    .select([
      'k.id as candidateId',
      'k.personId',
      'p.fullName',
      'o.code as organizationCode',
      'o.name as organizationName',
      'k.stage',
      'k.stageOn',
      'k.identifiedOn',
      'k.closedOn',
      'k.dueKind',
      'k.dueOn',
      'k.certificateIssuedOn',
    ]);
}

/** Candidates of the subtree whose stored due date of one kind lies in [from, through]. */
export async function candidatesDueBetween(
  db: Db,
  rootId: number,
  treeOn: string,
  dueKind: string,
  from: string | null,
  through: string,
): Promise<AlertRow[]> {
  let query = inSubtree(db, rootId, treeOn)
    .where('k.dueKind', '=', dueKind)
    .where('k.dueOn', '<=', through);
  if (from !== null) query = query.where('k.dueOn', '>=', from);
  return query.execute();
}

/** Open (pre-ceremony) candidates of the subtree whose stage began on or before a day. */
export async function openCandidatesIdleSince(
  db: Db,
  rootId: number,
  treeOn: string,
  stageOnThrough: string,
): Promise<AlertRow[]> {
  return inSubtree(db, rootId, treeOn)
    .where('k.closedOn', '=', OPEN)
    .where('k.stageOn', '<=', stageOnThrough)
    .execute();
}

/** Every candidate of the subtree identified by a date, with its membership's end (history path). */
export async function candidatesIdentifiedBy(
  db: Db,
  rootId: number,
  treeOn: string,
): Promise<HistoryAlertRow[]> {
  return inSubtree(db, rootId, treeOn)
    .leftJoin('memberships as m', 'm.candidateId', 'k.id')
    .select('m.endedOn as membershipEndedOn')
    .where('k.identifiedOn', '<=', treeOn)
    .execute();
}

/**
 * Requests to other organizations (dossier_requests) of the subtree's open dossiers still
 * unanswered on `asOf` whose answer was due by `dueThrough`: one row per request, with its due date.
 */
export async function overdueRequests(
  db: Db,
  rootId: number,
  asOf: string,
  dueThrough: string,
): Promise<(AlertRow & { requestDueOn: string })[]> {
  return inSubtree(db, rootId, asOf)
    .innerJoin('dossierRequests as r', 'r.candidateId', 'k.id')
    .select('r.dueOn as requestDueOn')
    .where('k.closedOn', '>', asOf)
    .where('r.sentOn', '<=', asOf)
    .where('r.dueOn', '<=', dueThrough)
    .where((eb) => eb.or([eb('r.receivedOn', 'is', null), eb('r.receivedOn', '>', asOf)]))
    .execute();
}
