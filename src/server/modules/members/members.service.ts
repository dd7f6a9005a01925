import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { resolveScopedOrganization } from '../../access/access.ts';
import { listMembersAsOf } from './members.repository.ts';

/** Members of an organization's subtree on a date (SPEC §9 GET /members). */
export async function listMembers(
  ctx: AppContext,
  actor: Actor,
  query: {
    org?: string | undefined;
    status?: 'probationary' | 'official' | undefined;
    asOf?: string | undefined;
    limit?: number | undefined;
    offset?: number | undefined;
  },
) {
  const asOf = query.asOf ?? ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, query.org, asOf);
  return listMembersAsOf(ctx.db, root.id, asOf, query.status, query.limit ?? 50, query.offset ?? 0);
}
