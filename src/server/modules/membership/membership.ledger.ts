/**
 * The membership ledger: the ONLY code that writes `memberships` and `member_periods` (STYLE.md
 * habit 12, "one owner per table"). Admission, recognition, end, transfer, the moves of a
 * reorganization, the import's bulk writes and the re-pointing of a merge all come here; other
 * modules read these tables where they like but write them only through these functions.
 * `membership.ledger.test.ts` fails when another file writes them.
 *
 * A membership's time is a chain of periods `[validFrom, validTo)`, each in one cell with one
 * status; every event closes one period and opens the next, and nothing is deleted.
 */
import type { Insertable } from 'kysely';
import { openOn } from '../../db/dated.ts';
import type { Db } from '../../db/database.ts';
import { chunks, insertPerPerson } from '../../db/bulk.ts';
import type { MemberPeriodTable, MembershipTable } from '../../db/schema.ts';

/** Admission: creates the probationary membership and its first period; returns the membership id. */
export async function admitMember(
  db: Db,
  admission: {
    personId: number;
    candidateId: number;
    admittedOn: string;
    decisionNo: string | null;
    organizationId: number;
    unitId: number | null;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('memberships')
    .values({
      personId: admission.personId,
      candidateId: admission.candidateId,
      admittedOn: admission.admittedOn,
      admissionDecisionNo: admission.decisionNo,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('memberPeriods')
    .values({
      membershipId: id,
      personId: admission.personId,
      organizationId: admission.organizationId,
      unitId: admission.unitId,
      status: 'probationary',
      startReason: 'admitted',
      validFrom: admission.admittedOn,
    })
    .execute();
  return id;
}

/**
 * Recognition: makes a membership official from `officialOn`. Every probationary period running
 * past that day is split there (the probationary part ends 'recognized'; an official part
 * continues in the same organization and unit, keeping the end the period had), and probationary
 * periods starting on or after it become official — a probation spread over several cells (a
 * transfer, a reorganization) is official in all of them from the date. `decisionNo` is written
 * with the date when given (the import writes its decision numbers with `updateMembership`).
 */
export async function recognizeMembership(
  db: Db,
  membershipId: number,
  officialOn: string,
  decisionNo?: string,
): Promise<void> {
  await db
    .updateTable('memberships')
    .set(decisionNo === undefined ? { officialOn } : { officialOn, officialDecisionNo: decisionNo })
    .where('id', '=', membershipId)
    .execute();
  const periods = await db
    .selectFrom('memberPeriods')
    .selectAll()
    .where('membershipId', '=', membershipId)
    .where('status', '=', 'probationary')
    .where('validTo', '>', officialOn)
    .execute();
  for (const period of periods) {
    if (period.validFrom >= officialOn) {
      await db
        .updateTable('memberPeriods')
        .set({ status: 'official' })
        .where('id', '=', period.id)
        .execute();
      continue;
    }
    await db
      .updateTable('memberPeriods')
      .set({ validTo: officialOn, endReason: 'recognized' })
      .where('id', '=', period.id)
      .execute();
    const official: Insertable<MemberPeriodTable> = {
      membershipId,
      personId: period.personId,
      organizationId: period.organizationId,
      unitId: period.unitId,
      status: 'official',
      startReason: 'recognized',
      endReason: period.endReason,
      validFrom: officialOn,
      validTo: period.validTo,
    };
    await db.insertInto('memberPeriods').values(official).execute();
  }
}

/** Ends a membership on a date with a reason, closing the periods still open then. */
export async function endMembership(
  db: Db,
  membershipId: number,
  on: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ endedOn: on, endReason: reason })
    .where('id', '=', membershipId)
    .execute();
  await db
    .updateTable('memberPeriods')
    .set({ validTo: on, endReason: reason })
    .where('membershipId', '=', membershipId)
    .where('validTo', '>', on)
    .execute();
}

/** Transfer: closes the open period on `on` ('transferred') and opens the next in another cell. */
export async function transferMembership(
  db: Db,
  period: {
    id: number;
    membershipId: number;
    personId: number;
    status: 'probationary' | 'official';
    validTo: string;
  },
  toOrganizationId: number,
  unitId: number | null,
  on: string,
): Promise<void> {
  await db
    .updateTable('memberPeriods')
    .set({ validTo: on, endReason: 'transferred' })
    .where('id', '=', period.id)
    .execute();
  await db
    .insertInto('memberPeriods')
    .values({
      membershipId: period.membershipId,
      personId: period.personId,
      organizationId: toOrganizationId,
      unitId,
      status: period.status,
      startReason: 'transferred',
      endReason: null,
      validFrom: on,
      validTo: period.validTo,
    })
    .execute();
}

/**
 * Reorganization: the member periods of `fromId` (only those of `unitIds` when given) open on
 * `on` close then ('reorganized') and continue in `toId`; periods recorded to start after the
 * date follow the move as they are. Returns how many open periods moved.
 */
export async function moveMemberPeriods(
  db: Db,
  fromId: number,
  toId: number,
  on: string,
  unitIds?: number[],
): Promise<number> {
  let query = db
    .selectFrom('memberPeriods')
    .selectAll()
    .where('organizationId', '=', fromId)
    .where(openOn('', on));
  if (unitIds) query = query.where('unitId', 'in', unitIds.length > 0 ? unitIds : [-1]);
  const rows = await query.execute();
  // Periods already recorded to start after the date (back-filled history) follow the move.
  let later = db
    .updateTable('memberPeriods')
    .set({ organizationId: toId })
    .where('organizationId', '=', fromId)
    .where('validFrom', '>', on);
  if (unitIds) later = later.where('unitId', 'in', unitIds.length > 0 ? unitIds : [-1]);
  await later.execute();
  if (rows.length === 0) return 0;
  for (const chunk of chunks(rows)) {
    await db
      .updateTable('memberPeriods')
      .set({ validTo: on, endReason: 'reorganized' })
      .where(
        'id',
        'in',
        chunk.map((r) => r.id),
      )
      .execute();
    await db
      .insertInto('memberPeriods')
      .values(
        chunk.map((r) => ({
          membershipId: r.membershipId,
          personId: r.personId,
          organizationId: toId,
          unitId: r.unitId,
          status: r.status,
          startReason: 'reorganized',
          validFrom: on,
          validTo: r.validTo,
        })),
      )
      .execute();
  }
  return rows.length;
}

/** Import: inserts memberships; returns their ids in the order given (one per person in a batch). */
export async function insertMemberships(
  db: Db,
  rows: Insertable<MembershipTable>[],
): Promise<number[]> {
  return insertPerPerson(
    rows,
    (part) => db.insertInto('memberships').values(part).returning(['id', 'personId']).execute(),
    'membership',
  );
}

/** Import: inserts member periods. */
export async function insertMemberPeriods(
  db: Db,
  rows: Insertable<MemberPeriodTable>[],
): Promise<void> {
  for (const part of chunks(rows)) await db.insertInto('memberPeriods').values(part).execute();
}

/** Import: fills a membership's decision numbers (recognition goes through `recognizeMembership`). */
export async function updateMembershipDecisions(
  db: Db,
  id: number,
  changes: { admissionDecisionNo?: string; officialDecisionNo?: string },
): Promise<void> {
  await db.updateTable('memberships').set(changes).where('id', '=', id).execute();
}

/** Merge of duplicates: re-points a merged person's member periods and memberships to the kept one. */
export async function repointMemberships(
  db: Db,
  keepId: number,
  mergeId: number,
): Promise<{ memberPeriods: number; memberships: number }> {
  const periods = await db
    .updateTable('memberPeriods')
    .set({ personId: keepId })
    .where('personId', '=', mergeId)
    .executeTakeFirst();
  const memberships = await db
    .updateTable('memberships')
    .set({ personId: keepId })
    .where('personId', '=', mergeId)
    .executeTakeFirst();
  return {
    memberPeriods: Number(periods.numUpdatedRows),
    memberships: Number(memberships.numUpdatedRows),
  };
}
