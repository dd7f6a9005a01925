import type { Db } from '../../db/database.ts';
import { joinSubtree, type Roots } from '../organizations/tree.repository.ts';

/**
 * Admissions counted from the member periods they opened (start reason `admitted`), in a
 * subtree as it stood on each admission day. The pipeline's outcome, read by the reports, the
 * resolution progress and the ratings' member-development proposal.
 */

/**
 * Admission periods in [from, to] in the subtrees of roots (one organization, or the disjoint
 * roots of its history) as they stood on each admission day.
 */
export function admissionsBetween(db: Db, roots: Roots, from: string, to: string) {
  return db
    .selectFrom('memberPeriods as mp')
    .$call(joinSubtree('c', 'mp.organizationId', roots, { at: 'mp.validFrom' }))
    .where('mp.startReason', '=', 'admitted')
    .where('mp.validFrom', '>=', from)
    .where('mp.validFrom', '<=', to);
}

/** Admissions (ceremonies) in a period. */
export async function countAdmissions(
  db: Db,
  roots: Roots,
  from: string,
  to: string,
): Promise<number> {
  const row = await admissionsBetween(db, roots, from, to)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
