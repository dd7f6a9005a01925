import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ApiTokenTable, SessionTable, UserTable } from '../../db/schema.ts';
import type { Role } from '../../access/actor.ts';
import type { ThrottlePurpose } from './accounts.rules.ts';

/** The open end of a validity interval. */
const OPEN_END = '9999-12-31';

/** A stored user row. */
export type UserRow = Selectable<UserTable>;

/** A user with their organization's code and name, as services use it. */
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
  disabled: boolean;
  passwordHash: string | null;
  createdAt: string;
  updatedAt: string;
}

function usersQuery(db: Db) {
  return db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organizationId')
    .select([
      'u.id',
      'u.username',
      'u.displayName',
      'u.role',
      'u.organizationId',
      'o.code as organizationCode',
      'o.name as organizationName',
      'o.establishedOn as organizationEstablishedOn',
      'o.dissolvedOn as organizationDissolvedOn',
      'u.disabled',
      'u.passwordHash',
      'u.createdAt',
      'u.updatedAt',
    ]);
}

type UserSelect = Awaited<ReturnType<ReturnType<typeof usersQuery>['executeTakeFirstOrThrow']>>;

function toUser(row: UserSelect): UserRecord {
  return {
    ...row,
    role: row.role as Role,
    organizationDissolvedOn:
      row.organizationDissolvedOn === OPEN_END ? null : row.organizationDissolvedOn,
    disabled: row.disabled === 1,
  };
}

/** The user with this username, or undefined. */
export async function findUserByUsername(
  db: Db,
  username: string,
): Promise<UserRecord | undefined> {
  const row = await usersQuery(db).where('u.username', '=', username).executeTakeFirst();
  return row && toUser(row);
}

/** The user with this id, or undefined. */
export async function findUserById(db: Db, id: number): Promise<UserRecord | undefined> {
  const row = await usersQuery(db).where('u.id', '=', id).executeTakeFirst();
  return row && toUser(row);
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
  let query = usersQuery(db);
  if (rootId !== null)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('organizationClosure as c')
          .select('c.id')
          .where('c.ancestorId', '=', rootId)
          .whereRef('c.descendantId', '=', 'u.organizationId')
          .where(({ or, and, eb }) =>
            or([
              and([eb('c.validFrom', '<=', today), eb('c.validTo', '>', today)]),
              // The closure rows open on the last day were closed on the dissolution date.
              and([
                eb('o.dissolvedOn', '<=', today),
                eb('c.validFrom', '<', eb.ref('o.dissolvedOn')),
                eb('c.validTo', '>=', eb.ref('o.dissolvedOn')),
              ]),
            ]),
          ),
      ),
    );
  const rows = await query.orderBy('u.username').execute();
  return rows.map(toUser);
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

/** Closes the user's open role grant at `at` and opens a new one. */
export async function grantRole(
  db: Db,
  grant: { userId: number; role: Role; organizationId: number; grantedBy: string; at: string },
): Promise<void> {
  await db
    .updateTable('roleGrants')
    .set({ validTo: grant.at })
    .where('userId', '=', grant.userId)
    .where('validTo', '=', OPEN_END)
    .execute();
  await db
    .insertInto('roleGrants')
    .values({
      userId: grant.userId,
      role: grant.role,
      organizationId: grant.organizationId,
      grantedBy: grant.grantedBy,
      validFrom: grant.at,
    })
    .execute();
}

/** The dated role grants of a user, oldest first. */
export async function roleGrantsOf(db: Db, userId: number) {
  const rows = await db
    .selectFrom('roleGrants as g')
    .innerJoin('organizations as o', 'o.id', 'g.organizationId')
    .select(['g.role', 'o.code as organizationCode', 'g.grantedBy', 'g.validFrom', 'g.validTo'])
    .where('g.userId', '=', userId)
    .orderBy('g.validFrom')
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({ ...r, validTo: r.validTo === OPEN_END ? null : r.validTo }));
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
