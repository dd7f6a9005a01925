import type { Db } from '../../db/database.ts';
import { openOn } from '../../db/dated.ts';
import { joinSubtree, subtreeOrganizations } from '../organizations/tree.repository.ts';
import { peopleInSubtree } from '../people/people.repository.ts';

/** The open end of a validity interval. */
const OPEN = '9999-12-31';

/** The person columns every export row carries. */
export interface ExportPerson {
  personId: number;
  fullName: string;
  nameSort: string;
  gender: string;
  birthDate: string;
  ethnicity: string;
  nationalId: string | null;
  unitCode: string | null;
  educationLevel: string;
  religion: string | null;
  phone: string | null;
  address: string | null;
  politicalTheory: string | null;
  occupation: string | null;
}

/** Where the previous page ended (keyset paging in Vietnamese name order). */
export interface PageCursor {
  nameSort: string;
  id: number;
}

const PERSON_SELECT = [
  'p.id as personId',
  'p.fullName',
  'p.nameSort',
  'p.gender',
  'p.birthDate',
  'p.ethnicity',
  'p.nationalId',
  'u.code as unitCode',
  'p.educationLevel',
  'p.religion',
  'p.phone',
  'p.address',
  'p.politicalTheory',
  'p.occupation',
] as const;

/** One page of the unmerged people tied to root's subtree, in name order. */
export async function exportPeoplePage(
  db: Db,
  rootId: number,
  after: PageCursor | null,
  limit: number,
  today: string,
): Promise<ExportPerson[]> {
  let query = db
    .selectFrom('people as p')
    .leftJoin('units as u', 'u.id', 'p.unitId')
    .select(PERSON_SELECT)
    .where('p.mergedIntoId', 'is', null)
    .where('p.id', 'in', peopleInSubtree(db, rootId, today));
  if (after)
    query = query.where((eb) =>
      eb(eb.refTuple('p.nameSort', 'p.id'), '>', eb.tuple(after.nameSort, after.id)),
    );
  return query.orderBy('p.nameSort').orderBy('p.id').limit(limit).execute();
}

/** A member as exported: the person, the cell and the membership. */
export interface ExportMember extends ExportPerson {
  organizationCode: string;
  admittedOn: string;
  admissionDecisionNo: string | null;
  officialOn: string | null;
  officialDecisionNo: string | null;
}

/** One page of the members of root's subtree on a date, in name order. */
export async function exportMembersPage(
  db: Db,
  rootId: number,
  asOf: string,
  after: PageCursor | null,
  limit: number,
): Promise<ExportMember[]> {
  let query = db
    .selectFrom('memberPeriods as mp')
    .$call(joinSubtree('c', 'mp.organizationId', rootId, asOf))
    .innerJoin('memberships as m', 'm.id', 'mp.membershipId')
    .innerJoin('people as p', 'p.id', 'mp.personId')
    .innerJoin('organizations as o', 'o.id', 'mp.organizationId')
    .leftJoin('units as u', 'u.id', 'p.unitId')
    .select(PERSON_SELECT)
    .select([
      'o.code as organizationCode',
      'm.admittedOn',
      'm.admissionDecisionNo',
      'm.officialOn',
      'm.officialDecisionNo',
    ])
    .where(openOn('mp', asOf));
  if (after)
    query = query.where((eb) =>
      eb(eb.refTuple('p.nameSort', 'p.id'), '>', eb.tuple(after.nameSort, after.id)),
    );
  const rows = await query.orderBy('p.nameSort').orderBy('p.id').limit(limit).execute();
  return rows.map((r) => ({
    ...r,
    officialOn: r.officialOn && r.officialOn <= asOf ? r.officialOn : null,
  }));
}

/** A candidate as exported. */
export interface ExportCandidate extends ExportPerson {
  organizationCode: string;
  identifiedOn: string;
  stage: string;
  fosteringOn: string | null;
  certificateNumber: string | null;
  certificateIssuedOn: string | null;
  certificateIssuer: string | null;
}

/** One page of the open candidacies (before admission) of root's subtree on a date. */
export async function exportCandidatesPage(
  db: Db,
  rootId: number,
  asOf: string,
  stages: readonly string[],
  after: PageCursor | null,
  limit: number,
): Promise<ExportCandidate[]> {
  let query = db
    .selectFrom('candidates as k')
    .$call(joinSubtree('c', 'k.organizationId', rootId, asOf))
    .innerJoin('people as p', 'p.id', 'k.personId')
    .innerJoin('organizations as o', 'o.id', 'k.organizationId')
    .leftJoin('units as u', 'u.id', 'p.unitId')
    .select(PERSON_SELECT)
    .select([
      'o.code as organizationCode',
      'k.identifiedOn',
      'k.stage',
      'k.fosteringOn',
      'k.certificateNumber',
      'k.certificateIssuedOn',
      'k.certificateIssuer',
    ])
    .where('k.closedOn', '=', OPEN)
    .where('k.stage', 'in', stages);
  if (after)
    query = query.where((eb) =>
      eb(eb.refTuple('p.nameSort', 'p.id'), '>', eb.tuple(after.nameSort, after.id)),
    );
  return query.orderBy('p.nameSort').orderBy('p.id').limit(limit).execute();
}

/** Organizations of root's subtree on a date, for the reference sheet. */
export async function exportOrganizations(db: Db, rootId: number, asOf: string, limit: number) {
  return subtreeOrganizations(db, rootId, asOf)
    .select(['o.code', 'o.name', 'o.kind', 'o.sector', 'c.depth'])
    .orderBy('c.depth')
    .orderBy('o.code')
    .limit(limit)
    .execute();
}

/** Units covered on a date by organizations of root's subtree, for the reference sheet. */
export async function exportUnits(db: Db, rootId: number, asOf: string, limit: number) {
  return db
    .selectFrom('unitCoverage as uc')
    .$call(joinSubtree('c', 'uc.organizationId', rootId, asOf))
    .innerJoin('units as u', 'u.id', 'uc.unitId')
    .innerJoin('organizations as o', 'o.id', 'uc.organizationId')
    .select(['u.code', 'u.name', 'u.kind', 'o.code as organizationCode'])
    .where(openOn('uc', asOf))
    .orderBy('u.code')
    .limit(limit)
    .execute();
}
