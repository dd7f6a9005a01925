import type { Db } from '../../db/database.ts';

/** A member as listed: their open period on the date, in Vietnamese name order. */
export interface MemberListItem {
  id: number;
  personId: number;
  fullName: string;
  organizationCode: string;
  organizationName: string;
  status: 'probationary' | 'official';
  admittedOn: string;
  officialOn: string | null;
}

/** Members of root's subtree on a date, optionally by status, one page in name order, and the total. */
export async function listMembersAsOf(
  db: Db,
  rootId: number,
  asOf: string,
  status: 'probationary' | 'official' | undefined,
  limit: number,
  offset: number,
): Promise<{ items: MemberListItem[]; total: number }> {
  let query = db
    .selectFrom('memberPeriods as mp')
    .innerJoin('organizationClosure as c', 'c.descendantId', 'mp.organizationId')
    .where('c.ancestorId', '=', rootId)
    .where('c.validFrom', '<=', asOf)
    .where('c.validTo', '>', asOf)
    .where('mp.validFrom', '<=', asOf)
    .where('mp.validTo', '>', asOf);
  if (status) query = query.where('mp.status', '=', status);
  const [rows, count] = await Promise.all([
    query
      .innerJoin('people as p', 'p.id', 'mp.personId')
      .innerJoin('memberships as m', 'm.id', 'mp.membershipId')
      .innerJoin('organizations as o', 'o.id', 'mp.organizationId')
      .select([
        'm.id',
        'p.id as personId',
        'p.fullName',
        'o.code as organizationCode',
        'o.name as organizationName',
        'mp.status',
        'm.admittedOn',
        'm.officialOn',
      ])
      .orderBy('p.nameSort')
      .orderBy('p.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      officialOn: r.officialOn && r.officialOn <= asOf ? r.officialOn : null,
    })),
    total: Number(count.n),
  };
}
