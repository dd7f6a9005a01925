import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { openOn, underOn } from '../db/dated.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { isInSubtree } from '../modules/organizations/organizations.repository.ts';
import { governingOrganizationOf } from '../modules/accounts/accounts.repository.ts';

/**
 * The SQL of the scope rule (docs/security.md, "The scope rule"). A record is in the subtree of
 * root R when the organization holding it lies under R on today's tree; an organization dissolved
 * by today is judged on its last day (its records stay with the committee that held it then).
 * A person is in scope when, today, they are a member of, live in (their unit is covered by) or
 * are an open candidate of an organization of the subtree; a person with none of these ties
 * anywhere (a member who died or left, a closed candidacy) stays with the organizations that held
 * their last memberships and candidacies ("lineage"). Nothing here looks at "ever tied".
 *
 * Each rule is written once, as a correlated EXISTS, and used both for single checks and for lists.
 */

type Eb = ExpressionBuilder<Database, never>;

/**
 * The closure row that makes organization `organizationRef` (a column) held by `rootId`: under it
 * today, or, dissolved by today, under it on its last day (the row that ended with the
 * dissolution). Written as join conditions so that each rule below is one flat EXISTS (PostgreSQL
 * plans nested sublinks one by one, and planning was most of a person check's cost).
 */
function heldCondition(
  closure: string,
  organization: string,
  rootId: number,
  today: string,
): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${closure}.ancestorId`)} = ${rootId}
    and ${sql.ref(`${closure}.validFrom`)} <= ${today}
    and (${sql.ref(`${closure}.validTo`)} > ${today}
      or (${sql.ref(`${organization}.dissolvedOn`)} <= ${today}
        and ${sql.ref(`${closure}.validTo`)} = ${sql.ref(`${organization}.dissolvedOn`)}))`;
}

/** The closure row `closure` puts its descendant under `rootId` today. */
function underCondition(closure: string, rootId: number, today: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${closure}.ancestorId`)} = ${rootId}
    and ${sql.ref(`${closure}.validFrom`)} <= ${today}
    and ${sql.ref(`${closure}.validTo`)} > ${today}`;
}

/** `organizationRef` (a column) is held by `rootId` (see `heldCondition`). */
function heldByRoot(
  eb: Eb,
  organizationRef: string,
  rootId: number,
  today: string,
): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('organizationClosure as hc')
      .innerJoin('organizations as ho', 'ho.id', 'hc.descendantId')
      .select('hc.id')
      .where(sql<SqlBool>`hc.descendant_id = ${sql.ref(organizationRef)}`)
      .where(heldCondition('hc', 'ho', rootId, today)),
  );
}

/** The person `personRef` has a tie anywhere today (membership, open candidacy, covered unit). */
function hasTieToday(eb: Eb, personRef: string, unitRef: string, today: string) {
  return eb.or([
    eb.exists(
      eb
        .selectFrom('memberPeriods as am')
        .select('am.id')
        .where(sql<SqlBool>`am.person_id = ${sql.ref(personRef)}`)
        .where(openOn('am', today)),
    ),
    eb.exists(
      eb
        .selectFrom('candidates as ak')
        .select('ak.id')
        .where(sql<SqlBool>`ak.person_id = ${sql.ref(personRef)}`)
        .where('ak.closedOn', '>', today),
    ),
    eb.exists(
      eb
        .selectFrom('unitCoverage as au')
        .select('au.id')
        .where(sql<SqlBool>`au.unit_id = ${sql.ref(unitRef)}`)
        .where(openOn('au', today)),
    ),
  ]);
}

/**
 * The scope rule for the person in the row `p` (a `people as p` query): true when the person lies
 * in root's subtree today, by a current tie or, without any current tie, by lineage.
 */
export function personInScope(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query with `people as p`
  eb: ExpressionBuilder<any, any>,
  rootId: number,
  today: string,
): Expression<SqlBool> {
  const e = eb as unknown as Eb;
  return e.or([
    e.exists(
      e
        .selectFrom('memberPeriods as mp')
        .innerJoin('organizationClosure as mc', 'mc.descendantId', 'mp.organizationId')
        .select('mp.id')
        .where(sql<SqlBool>`mp.person_id = p.id`)
        .where(openOn('mp', today))
        .where(underCondition('mc', rootId, today)),
    ),
    e.exists(
      e
        .selectFrom('candidates as k')
        .innerJoin('organizationClosure as kc', 'kc.descendantId', 'k.organizationId')
        .innerJoin('organizations as ko', 'ko.id', 'k.organizationId')
        .select('k.id')
        .where(sql<SqlBool>`k.person_id = p.id`)
        .where('k.closedOn', '>', today)
        .where(heldCondition('kc', 'ko', rootId, today)),
    ),
    e.exists(
      e
        .selectFrom('unitCoverage as uc')
        .innerJoin('organizationClosure as uk', 'uk.descendantId', 'uc.organizationId')
        .select('uc.id')
        .where(sql<SqlBool>`uc.unit_id = p.unit_id`)
        .where(openOn('uc', today))
        .where(underCondition('uk', rootId, today)),
    ),
    e.and([
      e.not(hasTieToday(e, 'p.id', 'p.unitId', today)),
      e.or([
        e.exists(
          e
            .selectFrom('memberPeriods as lm')
            .innerJoin('organizationClosure as lc', 'lc.descendantId', 'lm.organizationId')
            .innerJoin('organizations as lo', 'lo.id', 'lm.organizationId')
            .select('lm.id')
            .where(sql<SqlBool>`lm.person_id = p.id`)
            .where(heldCondition('lc', 'lo', rootId, today)),
        ),
        e.exists(
          e
            .selectFrom('candidates as lk')
            .innerJoin('organizationClosure as lkc', 'lkc.descendantId', 'lk.organizationId')
            .innerJoin('organizations as lko', 'lko.id', 'lk.organizationId')
            .select('lk.id')
            .where(sql<SqlBool>`lk.person_id = p.id`)
            .where(heldCondition('lkc', 'lko', rootId, today)),
        ),
      ]),
    ]),
  ]);
}

/** Whether `rootId` is the only root of today's tree: it then holds every record there is. */
export async function isSoleRoot(db: Db, rootId: number, today: string): Promise<boolean> {
  const roots = await db
    .selectFrom('organizationLinks')
    .select('organizationId')
    .where('parentId', 'is', null)
    .where(openOn('', today))
    .limit(2)
    .execute();
  return roots.length === 1 && roots[0]?.organizationId === rootId;
}

/**
 * Subquery: ids of the people in root's subtree today (the same rule as `personInScope`), built
 * from the subtree's own rows so that a commune's lists never scan the whole installation.
 */
export function peopleInScope(db: Db, rootId: number, today: string) {
  const subtreeToday = db
    .selectFrom('organizationClosure as c')
    .select('c.descendantId')
    .where(underOn('c', rootId, today));
  const heldIds = db
    .selectFrom('organizationClosure as c')
    .innerJoin('organizations as o', 'o.id', 'c.descendantId')
    .select('c.descendantId')
    .where('c.ancestorId', '=', rootId)
    .where('c.validFrom', '<=', today)
    .where((w) =>
      w.or([
        w('c.validTo', '>', today),
        w.and([w('o.dissolvedOn', '<=', today), w('c.validTo', '=', w.ref('o.dissolvedOn'))]),
      ]),
    );
  const lineage = db
    .selectFrom('memberPeriods as lm')
    .select('lm.personId as id')
    .where('lm.organizationId', 'in', heldIds)
    .union(
      db
        .selectFrom('candidates as lk')
        .select('lk.personId as id')
        .where('lk.organizationId', 'in', heldIds),
    );
  return db
    .selectFrom('memberPeriods as mp')
    .select('mp.personId as id')
    .where('mp.organizationId', 'in', subtreeToday)
    .where(openOn('mp', today))
    .union(
      db
        .selectFrom('candidates as k')
        .select('k.personId as id')
        .where('k.organizationId', 'in', heldIds)
        .where('k.closedOn', '>', today),
    )
    .union(
      db
        .selectFrom('people as p')
        .innerJoin('unitCoverage as uc', 'uc.unitId', 'p.unitId')
        .select('p.id')
        .where('uc.organizationId', 'in', subtreeToday)
        .where(openOn('uc', today)),
    )
    .union(
      db
        .selectFrom('people as p')
        .select('p.id')
        .where('p.id', 'in', lineage)
        .where((w) => w.not(hasTieToday(w as unknown as Eb, 'p.id', 'p.unitId', today))),
    );
}

/** Whether one person lies in root's subtree today. */
export async function isPersonInScope(
  db: Db,
  rootId: number,
  personId: number,
  today: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('people as p')
    .select('p.id')
    .where('p.id', '=', personId)
    .where((eb) => personInScope(eb, rootId, today))
    .executeTakeFirst();
  if (row !== undefined) return true;
  // The installation's only root holds everyone recorded, tied or not.
  return (
    (await isSoleRoot(db, rootId, today)) &&
    (await db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst()) !==
      undefined
  );
}

/** Which of `ids` are people in root's subtree today (one statement per call). */
export async function peopleInScopeAmong(
  db: Db,
  rootId: number,
  ids: number[],
  today: string,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('people as p')
    .select('p.id')
    .where('p.id', 'in', [...new Set(ids)])
    .where((eb) => personInScope(eb, rootId, today))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether an organization is held by root: under it today, or on its last day if dissolved. */
export async function isOrganizationHeld(
  db: Db,
  rootId: number,
  organizationId: number,
  today: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('organizations as o')
    .select('o.id')
    .where('o.id', '=', organizationId)
    .where((eb) => heldByRoot(eb as unknown as Eb, 'o.id', rootId, today))
    .executeTakeFirst();
  return row !== undefined;
}

/** The organization a record of a kind belongs to, when the record exists. */
export async function organizationOfRecord(
  db: Db,
  kind: 'candidate' | 'course' | 'file',
  id: number,
): Promise<number | undefined> {
  if (kind === 'file') {
    // A scan belongs to its dossier's organization.
    const file = await db
      .selectFrom('dossierFiles as f')
      .innerJoin('candidates as k', 'k.id', 'f.candidateId')
      .select('k.organizationId')
      .where('f.id', '=', id)
      .executeTakeFirst();
    return file?.organizationId;
  }
  const table = kind === 'candidate' ? 'candidates' : 'courses';
  const row = await db
    .selectFrom(table)
    .select('organizationId')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.organizationId;
}

/**
 * Whether a membership lies in root's subtree today: its period open today is under root, or, if
 * it has none today (ended), the organization of its last period is held by root.
 */
export async function isMembershipInScope(
  db: Db,
  rootId: number,
  membershipId: number,
  today: string,
): Promise<boolean> {
  const periods = await db
    .selectFrom('memberPeriods')
    .select(['organizationId', 'validFrom', 'validTo'])
    .where('membershipId', '=', membershipId)
    .orderBy('validFrom', 'desc')
    .execute();
  const open = periods.find((p) => p.validFrom <= today && p.validTo > today);
  if (open) return isInSubtree(db, rootId, open.organizationId, today);
  const last = periods.find((p) => p.validFrom <= today);
  return last !== undefined && isOrganizationHeld(db, rootId, last.organizationId, today);
}

/** Whether a unit exists and is covered today by an organization under root. */
export async function isUnitInScope(
  db: Db,
  rootId: number,
  unitId: number,
  today: string,
): Promise<boolean> {
  return (await unitsInScope(db, rootId, [unitId], today)).has(unitId);
}

/** Of the given units, those covered on a date by an organization in root's subtree. */
export async function unitsInScope(
  db: Db,
  rootId: number,
  ids: number[],
  on: string,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('unitCoverage as uc')
    .innerJoin('organizationClosure as c', 'c.descendantId', 'uc.organizationId')
    .select('uc.unitId')
    .where('c.ancestorId', '=', rootId)
    .where('uc.unitId', 'in', ids)
    .where(openOn('uc', on))
    .where(openOn('c', on))
    .execute();
  return new Set(rows.map((r) => r.unitId));
}

/** A unit's id by code. */
export async function unitIdByCode(db: Db, code: string): Promise<number | undefined> {
  const row = await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id;
}

/** The organization governing a user today (their role grant's), by id or username. */
export function organizationOfUser(
  db: Db,
  by: { id: number } | { username: string },
  today: string,
): Promise<{ organizationId: number | null } | undefined> {
  return governingOrganizationOf(db, by, today);
}

/** The organization governing an API token's owner today. */
export function organizationOfToken(
  db: Db,
  tokenId: number,
  today: string,
): Promise<{ organizationId: number | null } | undefined> {
  return governingOrganizationOf(db, { tokenId }, today);
}

/** The organization governing the user of a role grant today. */
export function organizationOfGrant(
  db: Db,
  grantId: number,
  today: string,
): Promise<{ organizationId: number | null } | undefined> {
  return governingOrganizationOf(db, { grantId }, today);
}

/**
 * The roots of root's history on `asOf` (docs/security.md, "The scope rule": a read "as of D"
 * shows what root's subtree held on D, and the history of the organizations it holds today): root
 * itself when it existed on D, and each organization held by root today that came under it after
 * D, existed on D and lay then outside root's subtree and under no other such organization. Their
 * subtrees on D are disjoint, so counts over them add up. A commune committee created on
 * 2025-07-01 gets, for 2017, the cells it holds today as they stood under the former district.
 */
export async function historyRootIds(
  db: Db,
  rootId: number,
  asOf: string,
  today: string,
): Promise<number[]> {
  const existedThen = await isInSubtree(db, rootId, rootId, asOf);
  if (asOf >= today) return existedThen ? [rootId] : [];
  const cameLater = await db
    .selectFrom('organizationClosure as hc')
    .innerJoin('organizations as ho', 'ho.id', 'hc.descendantId')
    .select('hc.descendantId as id')
    .distinct()
    .where(heldCondition('hc', 'ho', rootId, today))
    .where('hc.validFrom', '>', asOf)
    .where('hc.descendantId', '<>', rootId)
    .where(({ exists, not, selectFrom }) =>
      exists(
        selectFrom('organizationClosure as self')
          .select('self.id')
          .whereRef('self.ancestorId', '=', 'hc.descendantId')
          .whereRef('self.descendantId', '=', 'hc.descendantId')
          .where(openOn('self', asOf)),
      ).and(
        not(
          exists(
            selectFrom('organizationClosure as was')
              .select('was.id')
              .where('was.ancestorId', '=', rootId)
              .whereRef('was.descendantId', '=', 'hc.descendantId')
              .where(openOn('was', asOf)),
          ),
        ),
      ),
    )
    .execute();
  const candidates = cameLater.map((r) => r.id);
  if (candidates.length === 0) return existedThen ? [rootId] : [];
  // Only the topmost on D: a cell under a committee that came along with it is counted with it.
  const nested = new Set<number>();
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    const rows = await db
      .selectFrom('organizationClosure')
      .select('descendantId')
      .where('descendantId', 'in', chunk)
      .where('ancestorId', 'in', candidates)
      .where('depth', '>', 0)
      .where(openOn('', asOf))
      .execute();
    for (const row of rows) nested.add(row.descendantId);
  }
  const roots = candidates.filter((id) => !nested.has(id)).sort((a, b) => a - b);
  return existedThen ? [rootId, ...roots] : roots;
}
