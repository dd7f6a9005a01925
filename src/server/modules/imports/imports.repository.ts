import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { openOn } from '../../db/dated.ts';
import { chunks, insertPerPerson } from '../../db/bulk.ts';
import type {
  CandidateTable,
  CandidateTransitionTable,
  ImportRowTable,
  PersonTable,
} from '../../db/schema.ts';

/** The open end of a validity interval. */
const OPEN = '9999-12-31';

/** A unit or organization as the import resolves names and codes to it. */
export interface PlaceRow {
  id: number;
  code: string;
  name: string;
  nameFolded: string;
  kind: string;
  /** For organizations: the day after their last; units: '9999-12-31'. */
  endsOn: string;
}

/** Units whose code or folded name is one of the given keys. */
export async function findUnitsByKeys(
  db: Db,
  codes: string[],
  foldedNames: string[],
): Promise<PlaceRow[]> {
  if (codes.length === 0 && foldedNames.length === 0) return [];
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'nameFolded', 'kind', 'validTo as endsOn'])
    .where((eb) =>
      eb.or([
        eb('code', 'in', codes.length > 0 ? codes : ['']),
        eb('nameFolded', 'in', foldedNames.length > 0 ? foldedNames : ['']),
      ]),
    )
    .execute();
}

/** A stored person as the import compares a row with it. */
export type StoredPerson = Pick<
  Selectable<PersonTable>,
  | 'id'
  | 'fullName'
  | 'nameFolded'
  | 'gender'
  | 'birthDate'
  | 'ethnicity'
  | 'religion'
  | 'nationalId'
  | 'phone'
  | 'address'
  | 'unitId'
  | 'educationLevel'
  | 'politicalTheory'
  | 'occupation'
  | 'version'
>;

const PERSON_COLUMNS = [
  'id',
  'fullName',
  'nameFolded',
  'gender',
  'birthDate',
  'ethnicity',
  'religion',
  'nationalId',
  'phone',
  'address',
  'unitId',
  'educationLevel',
  'politicalTheory',
  'occupation',
  'version',
] as const;

/**
 * Unmerged people holding any of the national IDs, or any of the (folded name, birth date)
 * pairs: a pair list, not a name list, so a common name ("Nguyễn Văn Hùng") does not pull in
 * everyone who bears it (the people_birth_folded index answers it).
 */
export async function findPeopleByKeys(
  db: Db,
  nationalIds: string[],
  nameBirths: { nameFolded: string; birthDate: string }[],
): Promise<StoredPerson[]> {
  const out: StoredPerson[] = [];
  for (const part of chunks(nationalIds)) {
    out.push(
      ...(await db
        .selectFrom('people')
        .select(PERSON_COLUMNS)
        .where('nationalId', 'in', part)
        .where('mergedIntoId', 'is', null)
        .execute()),
    );
  }
  for (const part of chunks(nameBirths, 250)) {
    out.push(
      ...(await db
        .selectFrom('people')
        .select(PERSON_COLUMNS)
        // OR of equalities, not a row-value IN: SQLite's planner indexes only the former.
        .where((eb) =>
          eb.or(
            part.map((k) =>
              eb.and([eb('birthDate', '=', k.birthDate), eb('nameFolded', '=', k.nameFolded)]),
            ),
          ),
        )
        .where('mergedIntoId', 'is', null)
        .execute()),
    );
  }
  const seen = new Set<number>();
  return out.filter((p) => !seen.has(p.id) && seen.add(p.id));
}

/** Target groups each person belongs to on a date. */
export async function currentTargetGroups(
  db: Db,
  personIds: number[],
  on: string,
): Promise<Map<number, string[]>> {
  const byPerson = new Map<number, string[]>();
  for (const part of chunks(personIds)) {
    const rows = await db
      .selectFrom('personTargetGroups')
      .select(['personId', 'targetGroup'])
      .where('personId', 'in', part)
      .where(openOn('', on))
      .execute();
    for (const r of rows)
      byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r.targetGroup]);
  }
  return byPerson;
}

/** A stored membership with the organization of its period open on a date (if any). */
export interface StoredMembership {
  id: number;
  personId: number;
  admittedOn: string;
  admissionDecisionNo: string | null;
  officialOn: string | null;
  officialDecisionNo: string | null;
  endedOn: string;
  organizationId: number | null;
  status: string | null;
}

/** Every membership of the given people, with the period open on `on`. */
export async function findMemberships(
  db: Db,
  personIds: number[],
  on: string,
): Promise<StoredMembership[]> {
  const out: StoredMembership[] = [];
  for (const part of chunks(personIds)) {
    out.push(
      ...(await db
        .selectFrom('memberships as m')
        .leftJoin('memberPeriods as mp', (j) =>
          j.onRef('mp.membershipId', '=', 'm.id').on(openOn('mp', on)),
        )
        .select([
          'm.id',
          'm.personId',
          'm.admittedOn',
          'm.admissionDecisionNo',
          'm.officialOn',
          'm.officialDecisionNo',
          'm.endedOn',
          'mp.organizationId',
          'mp.status',
        ])
        .where('m.personId', 'in', part)
        .execute()),
    );
  }
  return out;
}

/** A stored open candidacy. */
export interface StoredCandidacy {
  id: number;
  personId: number;
  organizationId: number;
  stage: string;
  identifiedOn: string;
}

/** Candidacies of the given people that are still open. */
export async function findOpenCandidacies(db: Db, personIds: number[]): Promise<StoredCandidacy[]> {
  const out: StoredCandidacy[] = [];
  for (const part of chunks(personIds)) {
    out.push(
      ...(await db
        .selectFrom('candidates')
        .select(['id', 'personId', 'organizationId', 'stage', 'identifiedOn'])
        .where('personId', 'in', part)
        .where('closedOn', '=', OPEN)
        .execute()),
    );
  }
  return out;
}

/** Inserts people; returns their ids in the order given. */
export async function insertPeople(db: Db, rows: Insertable<PersonTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunks(rows)) {
    const inserted = await db
      .insertInto('people')
      .values(part)
      .returning(['id', 'nameFolded', 'birthDate', 'nationalId'])
      .execute();
    // RETURNING's row order is not promised on SQLite: match rows back by their identity.
    const key = (r: { nameFolded: string; birthDate: string; nationalId: string | null }) =>
      `${r.nameFolded}|${r.birthDate}|${r.nationalId ?? ''}`;
    const byKey = new Map(inserted.map((r) => [key(r), r.id]));
    for (const r of part) {
      const id = byKey.get(
        key(r as { nameFolded: string; birthDate: string; nationalId: string | null }),
      );
      if (id === undefined) throw new Error('inserted person not returned');
      ids.push(id);
    }
  }
  return ids;
}

/** Updates a person's fields and bumps their version. */
export async function updatePerson(
  db: Db,
  id: number,
  changes: Partial<Insertable<PersonTable>>,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('people')
    .set((eb) => ({ ...changes, updatedAt, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Opens target-group memberships. */
export async function insertTargetGroups(
  db: Db,
  rows: { personId: number; targetGroup: string; validFrom: string }[],
): Promise<void> {
  for (const part of chunks(rows)) await db.insertInto('personTargetGroups').values(part).execute();
}

/** Ends a person's target groups on a date (those open then). */
export async function closeTargetGroups(
  db: Db,
  personId: number,
  groups: string[],
  on: string,
): Promise<void> {
  if (groups.length === 0) return;
  await db
    .updateTable('personTargetGroups')
    .set({ validTo: on })
    .where('personId', '=', personId)
    .where('targetGroup', 'in', groups)
    .where(openOn('', on))
    .execute();
}

/** Inserts candidacies; returns their ids in the order given (one per person in a batch). */
export async function insertCandidates(
  db: Db,
  rows: Insertable<CandidateTable>[],
): Promise<number[]> {
  return insertPerPerson(
    rows,
    (part) => db.insertInto('candidates').values(part).returning(['id', 'personId']).execute(),
    'candidate',
  );
}

/** Inserts candidate transitions. */
export async function insertTransitions(
  db: Db,
  rows: Insertable<CandidateTransitionTable>[],
): Promise<void> {
  for (const part of chunks(rows))
    await db.insertInto('candidateTransitions').values(part).execute();
}

/** The keys of a row an import has read, as its later batches look them up. */
export type StagedRow = Omit<Insertable<ImportRowTable>, 'importId' | 'createdAt'>;

/** Records the keys of a batch's rows for the batches after it. */
export async function stageRows(
  db: Db,
  importId: string,
  createdAt: string,
  rows: StagedRow[],
): Promise<void> {
  for (const part of chunks(rows, 200))
    await db
      .insertInto('importRows')
      .values(part.map((r) => ({ ...r, importId, createdAt })))
      .execute();
}

/** Rows of an import read so far that hold any of the national IDs or (name, birth) pairs. */
export async function findStagedByKeys(
  db: Db,
  importId: string,
  nationalIds: string[],
  nameBirths: { nameFolded: string; birthDate: string }[],
): Promise<Selectable<ImportRowTable>[]> {
  const out: Selectable<ImportRowTable>[] = [];
  for (const part of chunks(nationalIds))
    out.push(
      ...(await db
        .selectFrom('importRows')
        .selectAll()
        .where('importId', '=', importId)
        .where('nationalId', 'in', part)
        .execute()),
    );
  for (const part of chunks(nameBirths, 250))
    out.push(
      ...(await db
        .selectFrom('importRows')
        .selectAll()
        // No index starts with import_id (migration 2026-11-27T21-10), so each pair is one index
        // search on both dialects instead of a read of every row the import has staged.
        .where('importId', '=', importId)
        .where((eb) =>
          eb.or(
            part.map((k) =>
              eb.and([eb('birthDate', '=', k.birthDate), eb('nameFolded', '=', k.nameFolded)]),
            ),
          ),
        )
        .execute()),
    );
  return out;
}

/** A unit and a birth year: where the close-name check looks for look-alikes. */
export interface UnitYear {
  unitId: number;
  year: string;
}

/** Unmerged stored people of the given units born in the given years (one pair each). */
export async function peopleOfUnitYears(
  db: Db,
  pairs: UnitYear[],
): Promise<{ id: number; unitId: number | null; nameFolded: string; birthDate: string }[]> {
  const out: { id: number; unitId: number | null; nameFolded: string; birthDate: string }[] = [];
  // A group can hold 100,000 people: appended one by one (a spread that large overflows the stack).
  for (const part of chunks(pairs, 100))
    for (const row of await db
      .selectFrom('people')
      .select(['id', 'unitId', 'nameFolded', 'birthDate'])
      .where((eb) =>
        eb.or(
          part.map((k) =>
            eb.and([
              eb('unitId', '=', k.unitId),
              eb('birthDate', '>=', `${k.year}-01-01`),
              eb('birthDate', '<=', `${k.year}-12-31`),
            ]),
          ),
        ),
      )
      .where('mergedIntoId', 'is', null)
      .execute())
      out.push(row);
  return out;
}

/** New people an import has read so far in the given units and birth years. */
export async function stagedOfUnitYears(
  db: Db,
  importId: string,
  pairs: UnitYear[],
): Promise<Selectable<ImportRowTable>[]> {
  const out: Selectable<ImportRowTable>[] = [];
  for (const part of chunks(pairs, 100))
    for (const row of await db
      .selectFrom('importRows')
      .selectAll()
      .where('importId', '=', importId)
      .where((eb) =>
        eb.or(
          part.map((k) =>
            eb.and([
              eb('unitId', '=', k.unitId),
              eb('birthDate', '>=', `${k.year}-01-01`),
              eb('birthDate', '<=', `${k.year}-12-31`),
            ]),
          ),
        ),
      )
      .execute())
      out.push(row);
  return out;
}

/** Forgets an import's rows, at its end. */
export async function clearStagedRows(db: Db, importId: string): Promise<void> {
  await db.deleteFrom('importRows').where('importId', '=', importId).execute();
}

/** Forgets the rows left by previews that died before their end (started before `before`). */
export async function clearStaleStagedRows(db: Db, before: string): Promise<void> {
  await db.deleteFrom('importRows').where('createdAt', '<', before).execute();
}

/** A stored unit as a units import compares a row with it. */
export interface StoredUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  sector: string | null;
  staffCount: number | null;
  validFrom: string;
  validTo: string;
  communeCode: string | null;
  /** The organizations covering it on its first day, by code, sorted. */
  organizationCodes: string[];
}

/** The units with these codes, each with its commune and its coverers on its first day. */
export async function findUnitsByCodes(db: Db, codes: readonly string[]): Promise<StoredUnit[]> {
  const out: StoredUnit[] = [];
  for (const part of chunks([...new Set(codes)])) {
    const rows = await db
      .selectFrom('units as u')
      .leftJoin('units as c', 'c.id', 'u.communeUnitId')
      .select([
        'u.id',
        'u.code',
        'u.name',
        'u.kind',
        'u.sector',
        'u.staffCount',
        'u.validFrom',
        'u.validTo',
        'c.code as communeCode',
      ])
      .where('u.code', 'in', part)
      .execute();
    if (rows.length === 0) continue;
    const coverage = await db
      .selectFrom('unitCoverage as uc')
      .innerJoin('units as u', 'u.id', 'uc.unitId')
      .innerJoin('organizations as o', 'o.id', 'uc.organizationId')
      .select(['uc.unitId', 'o.code'])
      .where(
        'uc.unitId',
        'in',
        rows.map((r) => r.id),
      )
      .whereRef('uc.validFrom', '<=', 'u.validFrom')
      .whereRef('uc.validTo', '>', 'u.validFrom')
      .execute();
    for (const r of rows)
      out.push({
        ...r,
        organizationCodes: coverage
          .filter((c) => c.unitId === r.id)
          .map((c) => c.code)
          .sort(),
      });
  }
  return out;
}
