import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { resolveScopedOrganization } from '../../access/access.ts';
import { addYears } from '../../lib/dates.ts';
import { foldText } from '../../../shared/text.ts';
import { listMembersAsOf } from './members.repository.ts';

/** The members list's query (SPEC §9 GET /members, with filters). */
export interface MemberListQuery {
  org?: string | undefined;
  status?: 'probationary' | 'official' | undefined;
  asOf?: string | undefined;
  gender?: 'male' | 'female' | undefined;
  ethnicity?: string | undefined;
  targetGroup?: string | undefined;
  ageMin?: number | undefined;
  ageMax?: number | undefined;
  q?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Members of an organization's subtree on a date, filtered, in Vietnamese name order. */
export async function listMembers(ctx: AppContext, actor: Actor, query: MemberListQuery) {
  const asOf = query.asOf ?? ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, query.org, asOf);
  // At least N years old on asOf: born on or before asOf − N years; at most M: born after asOf − (M + 1) years.
  const filters = {
    status: query.status,
    gender: query.gender,
    ethnicity: query.ethnicity,
    targetGroup: query.targetGroup,
    bornOnOrBefore: query.ageMin !== undefined ? addYears(asOf, -query.ageMin) : undefined,
    bornAfter: query.ageMax !== undefined ? addYears(asOf, -(query.ageMax + 1)) : undefined,
    nameFolded: query.q ? foldText(query.q) : undefined,
  };
  return listMembersAsOf(ctx.db, root.id, asOf, filters, query.limit ?? 50, query.offset ?? 0);
}
