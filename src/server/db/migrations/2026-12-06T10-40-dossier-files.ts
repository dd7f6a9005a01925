import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The dossier's paperwork (issue 17): a document of the checklist can be unticked as a dated
 * change (`candidate_documents.unticked_on`, with the reason; the row stays), requests sent to
 * other organizations (background verification letters, the residence cell's comments, the
 * youth or trade union's introduction) are tracked in `dossier_requests`, and scanned files are
 * described in `dossier_files` (their bytes live in a content-addressed directory, by sha256).
 * Frozen in time: it imports nothing from the application.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('candidate_documents').addColumn('unticked_on', 'text').execute();
  await db.schema.alterTable('candidate_documents').addColumn('unticked_reason', 'text').execute();

  await withId(db, db.schema.createTable('dossier_requests'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_to', 'text', (c) => c.notNull())
    .addColumn('sent_to_organization_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text')
    .addColumn('result', 'text')
    .addColumn('result_note', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dossier_requests_candidate')
    .on('dossier_requests')
    .columns(['candidate_id', 'sent_on'])
    .execute();
  await db.schema
    .createIndex('dossier_requests_due')
    .on('dossier_requests')
    .columns(['due_on', 'received_on'])
    .execute();

  await withId(db, db.schema.createTable('dossier_files'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('document_kind', 'text', (c) => c.notNull())
    .addColumn('request_id', 'integer', (c) => c.references('dossier_requests.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dossier_files_candidate')
    .on('dossier_files')
    .columns(['candidate_id', 'document_kind'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('dossier_files').execute();
  await db.schema.dropTable('dossier_requests').execute();
  await db.schema.alterTable('candidate_documents').dropColumn('unticked_reason').execute();
  await db.schema.alterTable('candidate_documents').dropColumn('unticked_on').execute();
}
