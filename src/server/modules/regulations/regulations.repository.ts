import type { Db } from '../../db/database.ts';
import type { RegulationGoverns } from '../../../shared/regulations.ts';
import type { StoredRegulation } from './regulations.rules.ts';

/** The texts added by administrators (the shipped ones live in regulations.data.ts). */
export async function listStoredRegulations(db: Db): Promise<StoredRegulation[]> {
  const rows = await db
    .selectFrom('regulations')
    .select([
      'number',
      'signedOn',
      'title',
      'issuer',
      'effectiveFrom',
      'governs',
      'replacesNumber',
      'replacesSignedOn',
      'source',
      'confirmed',
      'note',
    ])
    .orderBy('effectiveFrom')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    number: row.number,
    signedOn: row.signedOn,
    title: row.title,
    issuer: row.issuer,
    effectiveFrom: row.effectiveFrom,
    governs: row.governs as RegulationGoverns,
    replaces:
      row.replacesNumber !== null && row.replacesSignedOn !== null
        ? { number: row.replacesNumber, signedOn: row.replacesSignedOn }
        : null,
    source: row.source,
    confirmed: row.confirmed === 1,
    note: row.note,
  }));
}

/** Stores one added text; returns its id. */
export async function insertRegulation(
  db: Db,
  text: StoredRegulation,
  createdAt: string,
  createdBy: string,
): Promise<number> {
  const { id } = await db
    .insertInto('regulations')
    .values({
      number: text.number,
      signedOn: text.signedOn,
      title: text.title,
      issuer: text.issuer,
      effectiveFrom: text.effectiveFrom,
      governs: text.governs,
      replacesNumber: text.replaces?.number ?? null,
      replacesSignedOn: text.replaces?.signedOn ?? null,
      source: text.source,
      confirmed: text.confirmed ? 1 : 0,
      note: text.note,
      createdAt,
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
