import type { Db } from '../../db/database.ts';
import { joinSubtree } from '../organizations/tree.repository.ts';

/** What the procedure documents need of a candidate: the person, the cell, the membership. */
export interface CandidateFacts {
  id: number;
  organizationId: number;
  stage: string;
  person: {
    id: number;
    fullName: string;
    gender: string;
    birthDate: string;
    ethnicity: string;
    religion: string | null;
    address: string | null;
    educationLevel: string;
    politicalTheory: string | null;
    occupation: string | null;
    unitName: string | null;
  };
  membership: {
    admittedOn: string;
    admissionDecisionNo: string | null;
    officialOn: string | null;
    officialDecisionNo: string | null;
  } | null;
}

/** One recorded transition with its details parsed. */
export interface TransitionFacts {
  toStage: string;
  on: string;
  details: Record<string, unknown>;
}

/** A candidate with their person and membership (the candidates module owns the writes). */
export async function findCandidateFacts(
  db: Db,
  candidateId: number,
): Promise<CandidateFacts | undefined> {
  const row = await db
    .selectFrom('candidates as k')
    .innerJoin('people as p', 'p.id', 'k.personId')
    .leftJoin('units as u', 'u.id', 'p.unitId')
    .select([
      'k.id',
      'k.organizationId',
      'k.stage',
      'p.id as personId',
      'p.fullName',
      'p.gender',
      'p.birthDate',
      'p.ethnicity',
      'p.religion',
      'p.address',
      'p.educationLevel',
      'p.politicalTheory',
      'p.occupation',
      'u.name as unitName',
    ])
    .where('k.id', '=', candidateId)
    .executeTakeFirst();
  if (!row) return undefined;
  const membership = await db
    .selectFrom('memberships')
    .select(['admittedOn', 'admissionDecisionNo', 'officialOn', 'officialDecisionNo'])
    .where('candidateId', '=', candidateId)
    .orderBy('admittedOn', 'desc')
    .executeTakeFirst();
  return {
    id: row.id,
    organizationId: row.organizationId,
    stage: row.stage,
    person: {
      id: row.personId,
      fullName: row.fullName,
      gender: row.gender,
      birthDate: row.birthDate,
      ethnicity: row.ethnicity,
      religion: row.religion,
      address: row.address,
      educationLevel: row.educationLevel,
      politicalTheory: row.politicalTheory,
      occupation: row.occupation,
      unitName: row.unitName,
    },
    membership: membership ?? null,
  };
}

/** The latest transition of a candidate into each stage (a failed vote is superseded by the one that passed). */
export async function latestTransitions(
  db: Db,
  candidateId: number,
): Promise<Map<string, TransitionFacts>> {
  const rows = await db
    .selectFrom('candidateTransitions')
    .select(['toStage', 'on', 'details'])
    .where('candidateId', '=', candidateId)
    .orderBy('on')
    .orderBy('id')
    .execute();
  const out = new Map<string, TransitionFacts>();
  for (const row of rows) {
    let details: Record<string, unknown> = {};
    try {
      details = row.details ? (JSON.parse(row.details) as Record<string, unknown>) : {};
    } catch {
      // A malformed details value prints as dotted lines rather than failing the document.
    }
    out.set(row.toStage, { toStage: row.toStage, on: row.on, details });
  }
  return out;
}

/** Names of the members linked to a candidate in a role (introducers, helpers). */
export async function linkedMemberNames(
  db: Db,
  candidateId: number,
  role: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('candidateMembers as m')
    .innerJoin('people as p', 'p.id', 'm.memberPersonId')
    .select('p.fullName')
    .where('m.candidateId', '=', candidateId)
    .where('m.role', '=', role)
    .orderBy('p.nameSort')
    .execute();
  return rows.map((r) => r.fullName);
}

/** One line of the register of probationary members (18-KNĐ). */
export interface ProbationaryRow {
  fullName: string;
  gender: string;
  birthDate: string;
  ethnicity: string;
  address: string | null;
  unitName: string | null;
  organizationName: string;
  admittedOn: string;
  admissionDecisionNo: string | null;
  officialOn: string | null;
  endedOn: string;
  endReason: string | null;
  /** The day the committee signed the admission decision (the candidate's `decided` step). */
  decidedOn: string | null;
  /** Whether the person had been a member before (a re-admission, noted in column 10). */
  readmitted: boolean;
}

/**
 * Everyone admitted into root's subtree during [from, to] (admission day's tree), in the order of
 * admission, with how their probation ended — the register lists them all, not only those still
 * probationary on `to`.
 */
export async function probationaryRegister(
  db: Db,
  rootId: number,
  from: string,
  to: string,
): Promise<ProbationaryRow[]> {
  return db
    .selectFrom('memberPeriods as mp')
    .$call(joinSubtree('c', 'mp.organizationId', rootId, { at: 'mp.validFrom' }))
    .innerJoin('memberships as ms', 'ms.id', 'mp.membershipId')
    .innerJoin('people as p', 'p.id', 'mp.personId')
    .innerJoin('organizations as o', 'o.id', 'mp.organizationId')
    .leftJoin('units as u', 'u.id', 'p.unitId')
    .select([
      'p.fullName',
      'p.gender',
      'p.birthDate',
      'p.ethnicity',
      'p.address',
      'u.name as unitName',
      'o.name as organizationName',
      'ms.admittedOn',
      'ms.admissionDecisionNo',
      'ms.officialOn',
      'ms.endedOn',
      'ms.endReason',
      (eb) =>
        eb
          .selectFrom('candidateTransitions as ct')
          .select((e) => e.fn.max('ct.on').as('on'))
          .whereRef('ct.candidateId', '=', 'ms.candidateId')
          .where('ct.toStage', '=', 'decided')
          .where('ct.outcome', '=', 'done')
          .as('decidedOn'),
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('memberships as prior')
              .select('prior.id')
              .whereRef('prior.personId', '=', 'ms.personId')
              .whereRef('prior.endedOn', '<=', 'ms.admittedOn')
              .where('prior.endReason', 'in', ['removed', 'expelled', 'left']),
          )
          .as('readmitted'),
    ])
    .where('mp.startReason', '=', 'admitted')
    .where('mp.validFrom', '>=', from)
    .where('mp.validFrom', '<=', to)
    .orderBy('ms.admittedOn')
    .orderBy('p.nameSort')
    .execute()
    .then((rows) =>
      rows.map((row) => ({
        ...row,
        decidedOn: row.decidedOn ?? null,
        readmitted: Boolean(row.readmitted),
      })),
    );
}

/** One dated place of a person (work, study or residence unit). */
export interface PersonPlace {
  unitName: string;
  validFrom: string;
  validTo: string;
}

/** A person's dated places, oldest first (the background record's list of where they were). */
export async function placesOf(db: Db, personId: number): Promise<PersonPlace[]> {
  return db
    .selectFrom('personPlaces as pp')
    .innerJoin('units as u', 'u.id', 'pp.unitId')
    .select(['u.name as unitName', 'pp.validFrom', 'pp.validTo'])
    .where('pp.personId', '=', personId)
    .orderBy('pp.validFrom')
    .orderBy('pp.id')
    .execute();
}
