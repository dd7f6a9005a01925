import type { Db } from '../../db/database.ts';
import type { Actor } from '../../access/actor.ts';

/** What a use case records about one change or one export. */
export interface EventInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  /** The organization the event is filed under: the admins of its subtree see the event. */
  organizationId?: number | null;
  /**
   * Further organizations the event concerns (both people of a merge, every organization a
   * reorganization touches): their admins see it too. Kept in `event_organizations`; when
   * `organizationId` is absent the first of them is the one the event is filed under.
   */
  organizationIds?: readonly (number | null | undefined)[];
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
  const organizations = [
    ...new Set(
      [event.organizationId, ...(event.organizationIds ?? [])].filter(
        (id): id is number => typeof id === 'number',
      ),
    ),
  ];
  const { id } = await db
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
      organizationId: organizations[0] ?? null,
      effectiveOn: event.effectiveOn ?? null,
      reason: event.reason ?? null,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (organizations.length > 1)
    await db
      .insertInto('eventOrganizations')
      .values(organizations.slice(1).map((organizationId) => ({ eventId: id, organizationId })))
      .execute();
}

/** Filters of the audit trail; `scope` limits it to a subtree's organizations. */
export interface EventFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  /** Events at or after this date. */
  from?: string | undefined;
  /** Events on or before this date. */
  to?: string | undefined;
  /** Only events of organizations in root's subtree at the event's time or today; null: every event. */
  scope: { rootId: number; today: string } | null;
  limit: number;
  offset: number;
}

/** One audit event as read back, with its organizations' codes. */
export interface EventRecord {
  id: number;
  at: string;
  actor: string;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** The organization the event is filed under. */
  organizationCode: string | null;
  /** Every organization the event concerns: that one first, then the further ones by code. */
  organizationCodes: string[];
  effectiveOn: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Events matching a filter, newest first, and how many match in all. */
export async function listEvents(
  db: Db,
  filter: EventFilter,
): Promise<{ items: EventRecord[]; total: number }> {
  let query = db
    .selectFrom('events as e')
    .leftJoin('organizations as o', 'o.id', 'e.organizationId');
  if (filter.entity) query = query.where('e.entity', '=', filter.entity);
  if (filter.entityId) query = query.where('e.entityId', '=', filter.entityId);
  if (filter.actor) query = query.where('e.actor', '=', filter.actor);
  if (filter.action) query = query.where('e.action', '=', filter.action);
  if (filter.from) query = query.where('e.at', '>=', filter.from);
  // `to` is a date and `at` a timestamp: everything on that day sorts before the next day.
  if (filter.to) query = query.where('e.at', '<', `${filter.to}~`);
  const scope = filter.scope;
  if (scope) {
    // In the subtree at the event's time or today: the organization the event is filed under,
    // or any further organization it concerns.
    query = query.where(({ or, exists, selectFrom }) =>
      or([
        exists(
          selectFrom('organizationClosure as c')
            .select('c.id')
            .where('c.ancestorId', '=', scope.rootId)
            .whereRef('c.descendantId', '=', 'e.organizationId')
            .where((c) =>
              c.or([
                c.and([c('c.validFrom', '<=', c.ref('e.at')), c('c.validTo', '>', c.ref('e.at'))]),
                c.and([c('c.validFrom', '<=', scope.today), c('c.validTo', '>', scope.today)]),
              ]),
            ),
        ),
        exists(
          selectFrom('eventOrganizations as eo')
            .innerJoin('organizationClosure as c', 'c.descendantId', 'eo.organizationId')
            .select('c.id')
            .whereRef('eo.eventId', '=', 'e.id')
            .where('c.ancestorId', '=', scope.rootId)
            .where((c) =>
              c.or([
                c.and([c('c.validFrom', '<=', c.ref('e.at')), c('c.validTo', '>', c.ref('e.at'))]),
                c.and([c('c.validFrom', '<=', scope.today), c('c.validTo', '>', scope.today)]),
              ]),
            ),
        ),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        'e.id',
        'e.at',
        'e.actor',
        'e.ip',
        'e.action',
        'e.entity',
        'e.entityId',
        'o.code as organizationCode',
        'e.effectiveOn',
        'e.reason',
        'e.before',
        'e.after',
      ])
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const further = new Map<number, string[]>();
  if (rows.length > 0)
    for (const row of await db
      .selectFrom('eventOrganizations as eo')
      .innerJoin('organizations as o', 'o.id', 'eo.organizationId')
      .select(['eo.eventId', 'o.code'])
      .where(
        'eo.eventId',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('o.code')
      .execute())
      further.set(row.eventId, [...(further.get(row.eventId) ?? []), row.code]);
  return {
    items: rows.map((r) => ({
      ...r,
      organizationCodes: [
        ...(r.organizationCode === null ? [] : [r.organizationCode]),
        ...(further.get(r.id) ?? []),
      ],
      before: parseJson(r.before),
      after: parseJson(r.after),
    })),
    total: Number(count.n),
  };
}
