import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan } from '../../access/access.ts';
import { notFound } from '../../lib/errors.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { isPersonInSubtree, organizationsOfPeople } from '../people/people.repository.ts';
import { personDataOf } from './privacy.repository.ts';

/**
 * Everything the installation holds about one person of the actor's subtree, unmasked, as JSON
 * (the person's right to know what is held about them). The export is audited.
 */
export async function exportPersonData(ctx: AppContext, actor: Actor, personId: number) {
  assertCan(actor, 'exportPersonalData');
  if (
    actor.organizationId !== null &&
    !(await isPersonInSubtree(ctx.db, actor.organizationId, personId, ctx.clock.today()))
  )
    throw notFound('người này');
  const data = await personDataOf(ctx.db, personId);
  if (!data) throw notFound('người này');
  const exportedAt = ctx.clock.now();
  await recordEvent(ctx.db, actor, exportedAt, {
    action: 'person.export',
    entity: 'person',
    entityId: personId,
    // The exporter's organization and the person's: the admins of either see the export.
    organizationId: actor.organizationId,
    organizationIds: await organizationsOfPeople(ctx.db, [personId]),
  });
  return { exportedAt, exportedBy: actor.username, ...data };
}
