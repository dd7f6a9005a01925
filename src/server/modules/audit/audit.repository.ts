import type { Db } from '../../db/database.ts';
import type { Actor } from '../../access/actor.ts';

/** What a use case records about one change or one export. */
export interface EventInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  organizationId?: number | null;
  effectiveOn?: string | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one event to the audit log (inside the caller's transaction). */
export async function recordEvent(
  db: Db,
  actor: Actor,
  at: string,
  event: EventInput,
): Promise<void> {
  await db
    .insertInto('events')
    .values({
      at,
      actor: actor.username,
      actorUserId: actor.userId,
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId == null ? null : String(event.entityId),
      organizationId: event.organizationId ?? null,
      effectiveOn: event.effectiveOn ?? null,
      reason: event.reason ?? null,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    })
    .execute();
}
