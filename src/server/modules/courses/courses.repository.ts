/** SQL of the Party-awareness courses and their participants. */
import type { Insertable, Selectable } from 'kysely';
import { joinSubtree } from '../organizations/tree.repository.ts';
import type { Db } from '../../db/database.ts';
import type { CourseTable } from '../../db/schema.ts';

/** A course row as stored. */
export type CourseRow = Selectable<CourseTable>;

/** Inserts a course and returns its id. */
export async function insertCourse(db: Db, row: Insertable<CourseTable>): Promise<number> {
  const { id } = await db
    .insertInto('courses')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The course with this id, or undefined. */
export async function findCourse(db: Db, id: number): Promise<CourseRow | undefined> {
  return db.selectFrom('courses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Courses held by organizations of root's subtree (as the tree stands on a date), newest first. */
export async function listCoursesIn(db: Db, rootId: number, asOf: string) {
  return db
    .selectFrom('courses as k')
    .$call(joinSubtree('c', 'k.organizationId', rootId, asOf))
    .innerJoin('organizations as o', 'o.id', 'k.organizationId')
    .select([
      'k.id',
      'k.name',
      'k.organizer',
      'k.startsOn',
      'k.endsOn',
      'k.certificatesIssuedOn',
      'k.version',
      'o.code as organizationCode',
    ])
    .orderBy('k.startsOn', 'desc')
    .execute();
}

/** Participants of a course with names and, when they have one, their open candidacy. */
export async function listParticipants(db: Db, courseId: number) {
  return db
    .selectFrom('courseParticipants as cp')
    .innerJoin('people as p', 'p.id', 'cp.personId')
    .leftJoin('candidates as k', (join) =>
      join.onRef('k.personId', '=', 'cp.personId').on('k.closedOn', '=', '9999-12-31'),
    )
    .select([
      'cp.personId',
      'p.fullName',
      'cp.result',
      'cp.score',
      'cp.certificateNumber',
      'cp.certificateIssuedOn',
      'k.id as candidateId',
      'k.stage as candidateStage',
    ])
    .where('cp.courseId', '=', courseId)
    .orderBy('p.nameSort')
    .execute();
}

/** Adds participants; people already in the course are left as they are. Returns how many were added. */
export async function addParticipants(
  db: Db,
  courseId: number,
  personIds: number[],
): Promise<number> {
  const existing = await db
    .selectFrom('courseParticipants')
    .select('personId')
    .where('courseId', '=', courseId)
    .execute();
  const have = new Set(existing.map((r) => r.personId));
  const rows = [...new Set(personIds)]
    .filter((id) => !have.has(id))
    .map((personId) => ({ courseId, personId }));
  if (rows.length > 0) await db.insertInto('courseParticipants').values(rows).execute();
  return rows.length;
}

/** Records one participant's result; returns whether the participant exists. */
export async function setResult(
  db: Db,
  courseId: number,
  personId: number,
  result: string,
  score: number | null,
): Promise<boolean> {
  const updated = await db
    .updateTable('courseParticipants')
    .set({ result, score })
    .where('courseId', '=', courseId)
    .where('personId', '=', personId)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Records the certificate issued to a participant. */
export async function setCertificate(
  db: Db,
  courseId: number,
  personId: number,
  number: string,
  issuedOn: string,
): Promise<void> {
  await db
    .updateTable('courseParticipants')
    .set({ certificateNumber: number, certificateIssuedOn: issuedOn })
    .where('courseId', '=', courseId)
    .where('personId', '=', personId)
    .execute();
}

/** Marks a course's certificates issued if its version is still `version`; returns whether it did. */
export async function markCertificatesIssued(
  db: Db,
  courseId: number,
  version: number,
  issuedOn: string,
  now: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('courses')
    .set((eb) => ({
      certificatesIssuedOn: issuedOn,
      updatedAt: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', courseId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Which of these people exist (and are not merged away). */
export async function existingPeople(db: Db, personIds: number[]): Promise<Set<number>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('id', 'in', personIds)
    .where('mergedIntoId', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}
