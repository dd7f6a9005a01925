/**
 * All SQL of the dossier's paperwork: the checklist's ticks (`candidate_documents`, owned here:
 * the pipeline's transitions record their documents through `saveDocuments`), the requests sent
 * to other organizations (`dossier_requests`) and the scans' metadata (`dossier_files`). Read
 * only: the candidate, its transitions and linked members (owned by `candidates`).
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DossierFileTable, DossierRequestTable } from '../../db/schema.ts';

/** A request row as stored. */
export type RequestRow = Selectable<DossierRequestTable>;
/** A file row as stored. */
export type FileRow = Selectable<DossierFileTable>;

/** The checklist's rows of a dossier (ticked, or unticked since). */
export async function listDocuments(db: Db, candidateId: number) {
  return db
    .selectFrom('candidateDocuments')
    .select(['kind', 'receivedOn', 'note', 'untickedOn', 'untickedReason'])
    .where('candidateId', '=', candidateId)
    .orderBy('receivedOn')
    .execute();
}

/**
 * Records documents as received: a document received again takes the new date (and clears an
 * untick); the earlier state is kept in the audit event of the change.
 */
export async function saveDocuments(
  db: Db,
  candidateId: number,
  documents: { kind: string; receivedOn: string; note?: string | undefined }[],
): Promise<void> {
  for (const doc of documents) {
    const updated = await db
      .updateTable('candidateDocuments')
      .set({
        receivedOn: doc.receivedOn,
        note: doc.note ?? null,
        untickedOn: null,
        untickedReason: null,
      })
      .where('candidateId', '=', candidateId)
      .where('kind', '=', doc.kind)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await db
        .insertInto('candidateDocuments')
        .values({
          candidateId,
          kind: doc.kind,
          receivedOn: doc.receivedOn,
          note: doc.note ?? null,
          untickedOn: null,
          untickedReason: null,
        })
        .execute();
  }
}

/** Marks a ticked document as no longer held from a date (the row stays). */
export async function untickDocument(
  db: Db,
  candidateId: number,
  kind: string,
  on: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable('candidateDocuments')
    .set({ untickedOn: on, untickedReason: reason })
    .where('candidateId', '=', candidateId)
    .where('kind', '=', kind)
    .execute();
}

/** What the checklist derives from the candidate's own records. */
export async function candidateRecords(db: Db, candidateId: number) {
  const candidate = await db
    .selectFrom('candidates')
    .select([
      'id',
      'organizationId',
      'personId',
      'certificateNumber',
      'certificateIssuedOn',
      'certificateIssuer',
      'backgroundCheckedOn',
    ])
    .where('id', '=', candidateId)
    .executeTakeFirst();
  if (!candidate) return undefined;
  const [transitions, introducers] = await Promise.all([
    db
      .selectFrom('candidateTransitions')
      .select(['toStage', 'on', 'outcome', 'details'])
      .where('candidateId', '=', candidateId)
      .where('outcome', '=', 'done')
      .orderBy('on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('candidateMembers as cm')
      .innerJoin('people as p', 'p.id', 'cm.memberPersonId')
      .select(['p.fullName', 'cm.since'])
      .where('cm.candidateId', '=', candidateId)
      .where('cm.role', '=', 'introducer')
      .orderBy('p.fullName')
      .execute(),
  ]);
  return { candidate, transitions, introducers };
}

/** The organization a dossier belongs to (for the audit), when it exists. */
export async function organizationOfCandidate(
  db: Db,
  candidateId: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('candidates')
    .select('organizationId')
    .where('id', '=', candidateId)
    .executeTakeFirst();
  return row?.organizationId;
}

/** Inserts a request and returns its id. */
export async function insertRequest(
  db: Db,
  row: Omit<RequestRow, 'id' | 'receivedOn' | 'result' | 'resultNote'>,
): Promise<number> {
  const { id } = await db
    .insertInto('dossierRequests')
    .values({ ...row, receivedOn: null, result: null, resultNote: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A request of a dossier (undefined when it belongs to another dossier or does not exist). */
export async function findRequest(
  db: Db,
  candidateId: number,
  requestId: number,
): Promise<RequestRow | undefined> {
  return db
    .selectFrom('dossierRequests')
    .selectAll()
    .where('id', '=', requestId)
    .where('candidateId', '=', candidateId)
    .executeTakeFirst();
}

/** Records the answer to a request. */
export async function saveAnswer(
  db: Db,
  requestId: number,
  answer: { receivedOn: string; result: string; resultNote: string | null },
): Promise<void> {
  await db.updateTable('dossierRequests').set(answer).where('id', '=', requestId).execute();
}

/** A dossier's requests with the organization they went to, oldest first. */
export async function listRequests(db: Db, candidateId: number) {
  return db
    .selectFrom('dossierRequests as r')
    .leftJoin('organizations as o', 'o.id', 'r.sentToOrganizationId')
    .selectAll('r')
    .select(['o.code as organizationCode', 'o.name as organizationName'])
    .where('r.candidateId', '=', candidateId)
    .orderBy('r.sentOn')
    .orderBy('r.id')
    .execute();
}

/** Requests of a kind of several dossiers (for the pipeline rules). */
export async function requestsOfKind(
  db: Db,
  candidateId: number,
  kind: string,
): Promise<Pick<RequestRow, 'sentOn' | 'dueOn' | 'receivedOn' | 'result'>[]> {
  return db
    .selectFrom('dossierRequests')
    .select(['sentOn', 'dueOn', 'receivedOn', 'result'])
    .where('candidateId', '=', candidateId)
    .where('kind', '=', kind)
    .execute();
}

/** Inserts a file's metadata and returns its id. */
export async function insertFile(db: Db, row: Omit<FileRow, 'id'>): Promise<number> {
  const { id } = await db
    .insertInto('dossierFiles')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A file's metadata with its dossier's organization. */
export async function findFile(db: Db, fileId: number) {
  return db
    .selectFrom('dossierFiles as f')
    .innerJoin('candidates as k', 'k.id', 'f.candidateId')
    .selectAll('f')
    .select('k.organizationId')
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}

/** The files of a dossier, oldest first. */
export async function listFiles(db: Db, candidateId: number): Promise<FileRow[]> {
  return db
    .selectFrom('dossierFiles')
    .selectAll()
    .where('candidateId', '=', candidateId)
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute();
}

/** Every blob hash the database names (for a backup of the files directory). */
export async function allFileHashes(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('dossierFiles').select('sha256').distinct().execute();
  return rows.map((r) => r.sha256);
}
