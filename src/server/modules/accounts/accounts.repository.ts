import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { openOn } from '../../db/dated.ts';
import type { ApiTokenTable, RoleGrantTable, SessionTable, UserTable } from '../../db/schema.ts';
import type { Role } from '../../access/actor.ts';
import type { ThrottlePurpose } from './accounts.rules.ts';
import { isHeldBy } from '../organizations/tree.repository.ts';

/** The open end of a validity interval. */
const OPEN_END = '9999-12-31';

/** A stored user row. */
export type UserRow = Selectable<UserTable>;

/**
 * A user as services use it: the role and organization of the grant in force today (or, when it
 * has ended, of the last one that started), with that organization's code and name.
 */
export interface UserRecord {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  organizationId: number;
  organizationCode: string;
  organizationName: string;
  /** The lifetime of the user's organization (a dissolved one gives no scope). */
  organizationEstablishedOn: string;
  organizationDissolvedOn: string | null;
  /** Whether a role grant is in force today (a grant ended from a day leaves none). */
  grantActive: boolean;
  disabled: boolean;
  /** Set by an administrator's password reset until the user chooses their own. */
  mustChangePassword: boolean;
  passwordHash: string | null;
  /** When the user last signed in (their newest session), null if never. */
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The users with the grant that governs them on `today`: the latest non-empty grant that started
 * by then (in force when it has not ended). Users without any grant keep their row's role and
 * organization.
 */
function usersQuery(db: Db, today: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('roleGrants as g', (join) =>
      join.on((eb) =>
        eb(
          'g.id',
          '=',
          eb
            .selectFrom('roleGrants as lg')
            .select('lg.id')
            .whereRef('lg.userId', '=', 'u.id')
            .where('lg.validFrom', '<=', today)
            .whereRef('lg.validTo', '>', 'lg.validFrom')
            .orderBy('lg.validFrom', 'desc')
            .orderBy('lg.id', 'desc')
            .limit(1),
        ),
      ),
    )
    .innerJoin('organizations as o', (join) =>
      join.on((eb) => eb('o.id', '=', eb.fn.coalesce('g.organizationId', 'u.organizationId'))),
    )
    .select((eb) => [
      'u.id',
      'u.username',
      'u.displayName',
      eb.fn.coalesce('g.role', 'u.role').as('role'),
      'o.id as organizationId',
      'o.code as organizationCode',
      'o.name as organizationName',
      'o.establishedOn as organizationEstablishedOn',
      'o.dissolvedOn as organizationDissolvedOn',
      'g.validTo as grantValidTo',
      'u.disabled',
      'u.mustChangePassword',
      'u.passwordHash',
      eb
        .selectFrom('sessions as s')
        .select((s) => s.fn.max('s.createdAt').as('at'))
        .whereRef('s.userId', '=', 'u.id')
        .as('lastSignInAt'),
      'u.createdAt',
      'u.updatedAt',
    ]);
}

type UserSelect = Awaited<ReturnType<ReturnType<typeof usersQuery>['executeTakeFirstOrThrow']>>;

function toUser(row: UserSelect, today: string): UserRecord {
  const { grantValidTo, ...rest } = row;
  return {
    ...rest,
    role: row.role as Role,
    organizationDissolvedOn:
      row.organizationDissolvedOn === OPEN_END ? null : row.organizationDissolvedOn,
    grantActive: grantValidTo === null || grantValidTo > today,
    disabled: row.disabled === 1,
    mustChangePassword: row.mustChangePassword === 1,
    lastSignInAt: row.lastSignInAt ?? null,
  };
}

/** The user with this username, or undefined. */
export async function findUserByUsername(
  db: Db,
  username: string,
  today: string,
): Promise<UserRecord | undefined> {
  const row = await usersQuery(db, today).where('u.username', '=', username).executeTakeFirst();
  return row && toUser(row, today);
}

/** The user with this id, or undefined. */
export async function findUserById(
  db: Db,
  id: number,
  today: string,
): Promise<UserRecord | undefined> {
  const row = await usersQuery(db, today).where('u.id', '=', id).executeTakeFirst();
  return row && toUser(row, today);
}

/**
 * The organization that governs a user on `today` (their grant's, see `usersQuery`), by user id,
 * username or the id of one of their API tokens; the scope rule judges users by it.
 */
export async function governingOrganizationOf(
  db: Db,
  by: { id: number } | { username: string } | { tokenId: number } | { grantId: number },
  today: string,
): Promise<{ organizationId: number } | undefined> {
  let query = usersQuery(db, today);
  if ('id' in by) query = query.where('u.id', '=', by.id);
  else if ('username' in by) query = query.where('u.username', '=', by.username);
  else if ('grantId' in by)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('roleGrants as rg')
          .select('rg.id')
          .where('rg.id', '=', by.grantId)
          .whereRef('rg.userId', '=', 'u.id'),
      ),
    );
  else
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('apiTokens as t')
          .select('t.id')
          .where('t.id', '=', by.tokenId)
          .whereRef('t.userId', '=', 'u.id'),
      ),
    );
  const row = await query.executeTakeFirst();
  return row && { organizationId: row.organizationId };
}

/**
 * Users bound to organizations in root's subtree today, or, for an organization dissolved since,
 * on its last day (so that an administrator finds and moves them); all users when root is null.
 */
export async function listUsersIn(
  db: Db,
  rootId: number | null,
  today: string,
): Promise<UserRecord[]> {
  let query = usersQuery(db, today);
  if (rootId !== null) query = query.where((eb) => isHeldBy(eb, 'o', rootId, today));
  const rows = await query.orderBy('u.username').execute();
  return rows.map((row) => toUser(row, today));
}

/** How many users exist (the first admin is created from the CLI). */
export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts a user and returns the id. */
export async function insertUser(db: Db, row: Insertable<UserTable>): Promise<number> {
  const { id } = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates columns of a user. */
export async function updateUser(db: Db, id: number, set: Updateable<UserTable>): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/**
 * Records a role grant from a day: the grant covering that day (if any) ends on it, and the new
 * one is open from it. Grants planned to start later must be ended first (the service checks).
 */
export async function grantRole(
  db: Db,
  grant: {
    userId: number;
    role: Role;
    organizationId: number;
    grantedBy: string;
    from: string;
    at: string;
  },
): Promise<number> {
  await db
    .updateTable('roleGrants')
    .set({ validTo: grant.from })
    .where('userId', '=', grant.userId)
    .where(openOn('', grant.from))
    .execute();
  const { id } = await db
    .insertInto('roleGrants')
    .values({
      userId: grant.userId,
      role: grant.role,
      organizationId: grant.organizationId,
      grantedBy: grant.grantedBy,
      validFrom: grant.from,
      grantedAt: grant.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A role grant as stored (dates; `validTo` '9999-12-31' while open). */
export type RoleGrantRow = Selectable<RoleGrantTable>;

/** The role grant with this id, or undefined. */
export async function findRoleGrant(db: Db, id: number): Promise<RoleGrantRow | undefined> {
  return db.selectFrom('roleGrants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The user's grants that start after a day (planned ones), not counting cancelled ones. */
export async function grantsStartingAfter(
  db: Db,
  userId: number,
  day: string,
): Promise<RoleGrantRow[]> {
  return db
    .selectFrom('roleGrants')
    .selectAll()
    .where('userId', '=', userId)
    .where('validFrom', '>', day)
    .whereRef('validTo', '>', 'validFrom')
    .orderBy('validFrom')
    .execute();
}

/**
 * The organizations of a user's grants in force on `today` or planned to start later (non-empty,
 * not ended by then): whoever manages the user must hold every one of them.
 */
export async function organizationsOfGrantsFrom(
  db: Db,
  userId: number,
  today: string,
): Promise<number[]> {
  const rows = await db
    .selectFrom('roleGrants')
    .select('organizationId')
    .distinct()
    .where('userId', '=', userId)
    .where('validTo', '>', today)
    .whereRef('validTo', '>', 'validFrom')
    .execute();
  return rows.map((r) => r.organizationId);
}

/** Ends a grant from a day (the grant is kept: its interval closes). */
export async function endRoleGrant(db: Db, id: number, on: string, endedBy: string): Promise<void> {
  await db.updateTable('roleGrants').set({ validTo: on, endedBy }).where('id', '=', id).execute();
}

/**
 * Every dated role grant of a user, oldest first; one replaced on its first day has an empty
 * interval (validFrom = validTo) and stays in the history.
 */
export async function roleGrantsOf(db: Db, userId: number) {
  const rows = await db
    .selectFrom('roleGrants as g')
    .innerJoin('organizations as o', 'o.id', 'g.organizationId')
    .select([
      'g.id',
      'g.role',
      'o.code as organizationCode',
      'o.name as organizationName',
      'g.grantedBy',
      'g.grantedAt',
      'g.endedBy',
      'g.validFrom',
      'g.validTo',
    ])
    .where('g.userId', '=', userId)
    .orderBy('g.validFrom')
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    role: r.role as Role,
    validTo: r.validTo === OPEN_END ? null : r.validTo,
  }));
}

/** A stored session row. */
export type SessionRow = Selectable<SessionTable>;

/** Inserts a session. */
export async function insertSession(db: Db, row: Insertable<SessionTable>): Promise<number> {
  const { id } = await db
    .insertInto('sessions')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The session with this token hash, or undefined. */
export async function findSessionByHash(
  db: Db,
  tokenHash: string,
): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** Records activity on a session (for idle expiry). */
export async function touchSession(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).execute();
}

/** Revokes one session. */
export async function revokeSession(db: Db, id: number, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute();
}

/** Revokes every open session of a user; returns how many. */
export async function revokeSessionsOf(db: Db, userId: number, at: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revokedAt: at })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A stored API token row. */
export type ApiTokenRow = Selectable<ApiTokenTable>;

/** Inserts an API token and returns its id. */
export async function insertApiToken(db: Db, row: Insertable<ApiTokenTable>): Promise<number> {
  const { id } = await db
    .insertInto('apiTokens')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The API token with this hash, or undefined. */
export async function findApiTokenByHash(
  db: Db,
  tokenHash: string,
): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom('apiTokens')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** The API token with this id, or undefined. */
export async function findApiTokenById(db: Db, id: number): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** API tokens of some users, newest first (never the hash). */
export async function listApiTokensOf(db: Db, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('apiTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select([
      't.id',
      'u.username',
      't.name',
      't.prefix',
      't.createdBy',
      't.createdAt',
      't.lastUsedAt',
      't.expiresAt',
      't.revokedAt',
    ])
    .where('t.userId', 'in', userIds)
    .orderBy('t.id', 'desc')
    .execute();
}

/** Records the use of an API token. */
export async function touchApiToken(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
}

/** Revokes one API token. */
export async function revokeApiToken(db: Db, id: number, at: string): Promise<void> {
  await db
    .updateTable('apiTokens')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute();
}

/** Revokes every API token of a user (disabling the user); returns how many. */
export async function revokeApiTokensOf(db: Db, userId: number, at: string): Promise<number> {
  const result = await db
    .updateTable('apiTokens')
    .set({ revokedAt: at })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** What a throttle row is about: the purpose, the username and the client address ('' for any). */
export interface ThrottleKey {
  purpose: ThrottlePurpose;
  username: string;
  address: string;
}

/** The current lock of a throttle key (null when none was set), or undefined without a row. */
export async function findThrottle(
  db: Db,
  key: ThrottleKey,
): Promise<{ failures: number; lockedUntil: string | null } | undefined> {
  return db
    .selectFrom('credentialThrottles')
    .select(['failures', 'lockedUntil'])
    .where('purpose', '=', key.purpose)
    .where('username', '=', key.username)
    .where('address', '=', key.address)
    .executeTakeFirst();
}

/** Counts one more failure of a key in one statement (concurrent failures all count); returns the count. */
export async function countFailure(db: Db, key: ThrottleKey, at: string): Promise<number> {
  const row = await db
    .insertInto('credentialThrottles')
    .values({ ...key, failures: 1, lockedUntil: null, updatedAt: at })
    .onConflict((oc) =>
      oc.columns(['purpose', 'username', 'address']).doUpdateSet((eb) => ({
        failures: eb(eb.ref('credentialThrottles.failures'), '+', 1),
        updatedAt: at,
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

/** Locks a key until a time and starts its count again. */
export async function lockThrottle(db: Db, key: ThrottleKey, until: string): Promise<void> {
  await db
    .updateTable('credentialThrottles')
    .set({ failures: 0, lockedUntil: until })
    .where('purpose', '=', key.purpose)
    .where('username', '=', key.username)
    .where('address', '=', key.address)
    .execute();
}

/** Forgets the failures of a key (after a success). */
export async function clearThrottle(db: Db, key: ThrottleKey): Promise<void> {
  await db
    .deleteFrom('credentialThrottles')
    .where('purpose', '=', key.purpose)
    .where('username', '=', key.username)
    .where('address', '=', key.address)
    .execute();
}

/** Forgets every failure and lock of a username, from every address; returns how many rows. */
export async function clearThrottlesOf(db: Db, username: string): Promise<number> {
  const result = await db
    .deleteFrom('credentialThrottles')
    .where('username', '=', username)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes throttle rows untouched since `before` whose lock (if any) has ended by `now`. */
export async function pruneThrottles(db: Db, before: string, now: string): Promise<void> {
  await db
    .deleteFrom('credentialThrottles')
    .where('updatedAt', '<', before)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', now)]))
    .execute();
}

/** Usernames whose sign-in is locked from at least one address at `now`. */
export async function lockedUsernames(db: Db, now: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('credentialThrottles')
    .select('username')
    .distinct()
    .where('purpose', '=', 'sign_in')
    .where('lockedUntil', '>', now)
    .execute();
  return new Set(rows.map((r) => r.username));
}

/** Remembers that a user signed in from an address. */
export async function rememberAddress(
  db: Db,
  userId: number,
  address: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('userAddresses')
    .values({ userId, address, firstSeenAt: at, lastSeenAt: at })
    .onConflict((oc) => oc.columns(['userId', 'address']).doUpdateSet({ lastSeenAt: at }))
    .execute();
}

/** Whether a user has signed in from an address before. */
export async function isKnownAddress(db: Db, userId: number, address: string): Promise<boolean> {
  const row = await db
    .selectFrom('userAddresses')
    .select('id')
    .where('userId', '=', userId)
    .where('address', '=', address)
    .executeTakeFirst();
  return row !== undefined;
}
