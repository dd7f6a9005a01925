import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Member tallies of the top and upper-level committees (issue 8), PostgreSQL only. Frozen in
 * time: it imports nothing from the application.
 *
 * Why: the statistics report of a province or of the country counts members open on a date in the
 * subtree by status, gender, ethnicity, age, education, political theory, religion, occupation and
 * target group. Counted from the member periods, that is a join of every member of the subtree to
 * `people`, eight or nine times: about a second for a province and close to a minute for the
 * country at 5.6 million members.
 *
 * What: `tally.member_counts (scope_id, dimension, key, n)` holds, for every committee of level
 * 'top' or 'upper' (the country and its provinces; a province installation's districts), the
 * number of member periods that are open-ended (`valid_to = '9999-12-31'`) in the committee's
 * current subtree (open-ended closure rows), by each dimension: `status`, the person's current
 * `gender`, `ethnicity`, `educationLevel`, `politicalTheory`, `religion`, `occupation`, `birth`
 * (the birth date, so that any age band can be cut from it) and `targetGroup`: pairs of such a
 * period with a target-group row of the person ending after the period began, keyed
 * `group|valid_to` so that a date can keep the rows still valid on it (the youth union ends at a
 * known age: most of its rows close in the future). A missing attribute is the key ''.
 * Grassroots committees get the `status` dimension only: a province's statistics list them.
 *
 * Statement-level triggers on every table the figure depends on (member periods, people's
 * attributes, target groups, the closure, an organization's level) append the change of the
 * figure to `tally.member_count_deltas`: what the statement's new rows contribute minus what its
 * old rows contributed, joined to the other tables as they stand. The figure is a sum over
 * (period, closure row, person, target group) tuples, so a statement changing one of the tables
 * changes it by exactly that. Appending (never updating a shared row) means concurrent writers
 * never wait on or deadlock over the country's rows; `tally.compact()` folds the deltas into
 * `member_counts` under an advisory lock (the server does so every minute; readers add both).
 *
 * The application turns these "open-ended" counts into counts on any date by correcting with the
 * periods opened after the date or closed since it (indexes below), when the subtree itself has
 * not changed since the date; otherwise it counts from the member periods as before. Bulk loads
 * set `dangvien.tally_deferred = on` for their transaction and call `tally.rebuild()` at the end.
 *
 * The tables live in their own schema so that backups (which copy the `public` tables) leave them
 * out: a restore rebuilds them through the triggers. SQLite serves installations of up to a
 * province, where counting the subtree's periods is fast; it gets nothing here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const OPEN = `'9999-12-31'`;
const DELTAS = 'tally.member_count_deltas';
const TALLIED = `('top', 'upper')`;
/** Committees tallied by status only (a province's statistics list its grassroots committees). */
const STATUS_TALLIED = `('top', 'upper', 'grassroots')`;

/** The person dimensions of a `people` row alias `p` as (dimension, key) values. */
function personDimensions(p: string): string {
  return `('gender', coalesce(${p}.gender, '')), ('ethnicity', coalesce(${p}.ethnicity, '')),
    ('educationLevel', coalesce(${p}.education_level, '')),
    ('politicalTheory', coalesce(${p}.political_theory, '')),
    ('religion', coalesce(${p}.religion, '')), ('occupation', coalesce(${p}.occupation, '')),
    ('birth', coalesce(${p}.birth_date, ''))`;
}

/**
 * Appends the contribution of `s (person_id, organization_id, status, sign)` — open-ended member
 * periods, each counted `sign` times — to the deltas: every dimension, in every tallied committee
 * whose current subtree holds the period's organization.
 */
function appendPeriods(source: string, into = DELTAS): string {
  return appendTuples(
    `
    with s as (${source}),
    t as (
      select c.ancestor_id as scope_id, s.person_id, s.status, s.valid_from, s.sign,
             o.level in ${TALLIED} as full
      from s
      join organization_closure c on c.descendant_id = s.organization_id and c.valid_to = ${OPEN}
      join organizations o on o.id = c.ancestor_id and o.level in ${STATUS_TALLIED}
    )`,
    into,
  );
}

/** Appends what open-ended periods of the organizations under `s (ancestor_id, descendant_id, sign)` contribute to the ancestors. */
function appendClosure(source: string): string {
  return appendTuples(`
    with s as (${source}),
    t as (
      select s.ancestor_id as scope_id, mp.person_id, mp.status, mp.valid_from, s.sign,
             o.level in ${TALLIED} as full
      from s
      join organizations o on o.id = s.ancestor_id and o.level in ${STATUS_TALLIED}
      join member_periods mp on mp.organization_id = s.descendant_id and mp.valid_to = ${OPEN}
    )`);
}

/**
 * Appends the deltas of `t (scope_id, person_id, status, valid_from, sign, full)`, defined by the
 * `with` clause given: status for every tallied committee, the other dimensions where `full`.
 */
function appendTuples(withClause: string, into = DELTAS): string {
  return `${withClause}
    insert into ${into} (scope_id, dimension, key, n)
    select scope_id, dimension, key, n from (
      select t.scope_id, 'status' as dimension, t.status as key, sum(t.sign) as n
      from t group by 1, 2, 3
      union all
      select t.scope_id, d.dimension, d.key, sum(t.sign)
      from t join people p on p.id = t.person_id
      cross join lateral (values ${personDimensions('p')}) d(dimension, key)
      where t.full
      group by 1, 2, 3
      union all
      select t.scope_id, 'targetGroup', g.target_group || '|' || g.valid_to, sum(t.sign)
      from t join person_target_groups g
        on g.person_id = t.person_id and g.valid_to > t.valid_from
      where t.full
      group by 1, 2, 3
    ) x where n <> 0
    order by 1, 2, 3`;
}

/** Appends what target-group rows `s (person_id, target_group, valid_to, sign)` add to their people's open-ended periods. */
function appendTargetGroups(source: string): string {
  return `
    with s as (${source})
    insert into tally.member_count_deltas (scope_id, dimension, key, n)
    select scope_id, 'targetGroup', key, n from (
      select c.ancestor_id as scope_id, s.target_group || '|' || s.valid_to as key, sum(s.sign) as n
      from s
      join member_periods mp on mp.person_id = s.person_id and mp.valid_to = ${OPEN}
        and s.valid_to > mp.valid_from
      join organization_closure c on c.descendant_id = mp.organization_id and c.valid_to = ${OPEN}
      join organizations o on o.id = c.ancestor_id and o.level in ${TALLIED}
      group by 1, 2
    ) x where n <> 0`;
}

/**
 * A trigger body run once per operation: `append` gets the statement's rows as a query of
 * `columns` plus a `sign` (+1 for new rows, -1 for old rows) kept to those `where` selects.
 */
function byOperation(append: (source: string) => string, columns: string, where: string): string {
  const rows = (table: string, sign: number) =>
    `select ${columns}, ${sign} as sign from ${table} where ${where}`;
  return `
     if tg_op = 'INSERT' then
       ${append(rows('new_rows', 1))};
     elsif tg_op = 'UPDATE' then
       ${append(`${rows('new_rows', 1)} union all ${rows('old_rows', -1)}`)};
     else
       ${append(rows('old_rows', -1))};
     end if;`;
}

const FUNCTIONS = [
  `create schema tally`,
  `create table tally.member_counts (
     scope_id integer not null, dimension text not null, key text not null, n bigint not null,
     primary key (scope_id, dimension, key))`,
  `create table tally.member_count_deltas (
     id bigint generated always as identity primary key,
     scope_id integer not null, dimension text not null, key text not null, n bigint not null)`,
  `create index member_count_deltas_scope on tally.member_count_deltas (scope_id)`,
  `create function tally.deferred() returns boolean language sql stable as $$
     select coalesce(current_setting('dangvien.tally_deferred', true), '') = 'on' $$`,
  // Folds the deltas into the counts; one folder at a time (others return at once). A key whose
  // count falls to zero keeps its row (readers drop zeros; a rebuild leaves none).
  `create function tally.compact() returns void language plpgsql as $$
   begin
     if not pg_try_advisory_xact_lock(hashtext('tally.compact')) then return; end if;
     with moved as (delete from tally.member_count_deltas returning scope_id, dimension, key, n),
     summed as (select scope_id, dimension, key, sum(n) as n from moved group by 1, 2, 3)
     insert into tally.member_counts (scope_id, dimension, key, n)
     select scope_id, dimension, key, n from summed
     on conflict (scope_id, dimension, key)
       do update set n = tally.member_counts.n + excluded.n;
   end $$`,
  // Every tally from scratch (after a bulk load, or to repair), written in key order so that a
  // committee's rows lie together.
  // It first waits for the writers in flight and holds new ones until it commits: a delta committed
  // between its deleting the deltas and its counting would otherwise be counted twice.
  `create function tally.rebuild() returns void language plpgsql as $$
   begin
     lock table member_periods, people, person_target_groups, organization_closure, organizations
       in share mode;
     perform pg_advisory_xact_lock(hashtext('tally.compact'));
     delete from tally.member_count_deltas;
     delete from tally.member_counts;
     ${appendPeriods(
       `select person_id, organization_id, status, valid_from, 1 as sign
        from member_periods where valid_to = ${OPEN}`,
       'tally.member_counts',
     )};
   end $$`,
  `create function tally.on_member_periods() returns trigger language plpgsql as $$
   begin
     if tally.deferred() then return null; end if;
     ${byOperation(appendPeriods, 'person_id, organization_id, status, valid_from', `valid_to = ${OPEN}`)}
     return null;
   end $$`,
  // A person's attributes changed: their open-ended periods move from the old keys to the new.
  `create function tally.on_people() returns trigger language plpgsql as $$
   begin
     if tally.deferred() then return null; end if;
     with changed as (
       select n.id, -1 as sign, o.gender, o.ethnicity, o.education_level, o.political_theory,
              o.religion, o.occupation, o.birth_date
       from new_rows n join old_rows o on o.id = n.id
       where (n.gender, n.ethnicity, n.education_level, n.political_theory, n.religion,
              n.occupation, n.birth_date) is distinct from
             (o.gender, o.ethnicity, o.education_level, o.political_theory, o.religion,
              o.occupation, o.birth_date)
       union all
       select n.id, 1, n.gender, n.ethnicity, n.education_level, n.political_theory,
              n.religion, n.occupation, n.birth_date
       from new_rows n join old_rows o on o.id = n.id
       where (n.gender, n.ethnicity, n.education_level, n.political_theory, n.religion,
              n.occupation, n.birth_date) is distinct from
             (o.gender, o.ethnicity, o.education_level, o.political_theory, o.religion,
              o.occupation, o.birth_date)
     )
     insert into tally.member_count_deltas (scope_id, dimension, key, n)
     select scope_id, dimension, key, n from (
       select c.ancestor_id as scope_id, d.dimension, d.key, sum(p.sign) as n
       from changed p
       join member_periods mp on mp.person_id = p.id and mp.valid_to = ${OPEN}
       join organization_closure c on c.descendant_id = mp.organization_id and c.valid_to = ${OPEN}
       join organizations o on o.id = c.ancestor_id and o.level in ${TALLIED}
       cross join lateral (values ${personDimensions('p')}) d(dimension, key)
       group by 1, 2, 3
     ) x where n <> 0;
     return null;
   end $$`,
  `create function tally.on_target_groups() returns trigger language plpgsql as $$
   begin
     if tally.deferred() then return null; end if;
     ${byOperation(appendTargetGroups, 'person_id, target_group, valid_to', 'true')}
     return null;
   end $$`,
  // A closure row ties an organization's periods to a committee: its rows join or leave the tally.
  `create function tally.on_closure() returns trigger language plpgsql as $$
   begin
     if tally.deferred() then return null; end if;
     ${byOperation(appendClosure, 'ancestor_id, descendant_id', `valid_to = ${OPEN}`)}
     return null;
   end $$`,
  // An organization becoming (or ceasing to be) a top or upper-level committee: recount everything
  // (rare: a reorganization of the levels themselves).
  `create function tally.on_organizations() returns trigger language plpgsql as $$
   begin
     if tally.deferred() then return null; end if;
     if exists (select 1 from new_rows n join old_rows o on o.id = n.id
                where (n.level in ${TALLIED}) is distinct from (o.level in ${TALLIED})
                   or (n.level in ${STATUS_TALLIED}) is distinct from (o.level in ${STATUS_TALLIED})) then
       perform tally.rebuild();
     end if;
     return null;
   end $$`,
];

/** [table, trigger function, events]: one trigger per event (transition tables require it). */
const TRIGGERS: [string, string, ('insert' | 'update' | 'delete')[]][] = [
  ['member_periods', 'on_member_periods', ['insert', 'update', 'delete']],
  ['people', 'on_people', ['update']],
  ['person_target_groups', 'on_target_groups', ['insert', 'update', 'delete']],
  ['organization_closure', 'on_closure', ['insert', 'update', 'delete']],
  ['organizations', 'on_organizations', ['update']],
];

/**
 * Indexes of the corrections from "open-ended" to "on a date": periods opened after a date and
 * periods closed since a date (nationally, and per organization), target groups begun after a
 * date, and the closure rows that changed.
 */
const INDEXES = [
  `create index member_periods_open_from on member_periods (valid_from)
     include (organization_id, person_id, status) where valid_to = ${OPEN}`,
  `create index member_periods_closed_to on member_periods (valid_to)
     include (valid_from, organization_id, person_id, status) where valid_to <> ${OPEN}`,
  `create index member_periods_org_closed on member_periods (organization_id, valid_to)
     include (valid_from, person_id, status) where valid_to <> ${OPEN}`,
  `create index person_target_groups_from on person_target_groups (valid_from)
     include (person_id, target_group, valid_to)`,
  `create index organization_closure_changed on organization_closure (ancestor_id, valid_to)
     where valid_to <> ${OPEN}`,
  // The children of an organization (depth 1) without visiting the whole subtree's rows.
  `create index organization_closure_children on organization_closure (ancestor_id, depth)
     include (valid_from, valid_to, descendant_id)`,
];

function referencing(event: 'insert' | 'update' | 'delete'): string {
  if (event === 'insert') return 'referencing new table as new_rows';
  if (event === 'delete') return 'referencing old table as old_rows';
  return 'referencing old table as old_rows new table as new_rows';
}

export async function up(db: AnyDb): Promise<void> {
  if (!isPostgres(db)) return;
  for (const statement of [...FUNCTIONS, ...INDEXES]) await sql.raw(statement).execute(db);
  for (const [table, fn, events] of TRIGGERS)
    for (const event of events)
      await sql
        .raw(
          `create trigger tally_${event} after ${event} on ${table} ${referencing(event)}
           for each statement execute function tally.${fn}()`,
        )
        .execute(db);
  // Existing installations: count once (about a minute at 5.6 million members).
  await sql`select tally.rebuild()`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table, , events] of TRIGGERS)
    for (const event of events)
      await sql.raw(`drop trigger tally_${event} on ${table}`).execute(db);
  for (const name of [
    'member_periods_open_from',
    'member_periods_closed_to',
    'member_periods_org_closed',
    'person_target_groups_from',
    'organization_closure_changed',
    'organization_closure_children',
  ])
    await sql.raw(`drop index ${name}`).execute(db);
  await sql`drop schema tally cascade`.execute(db);
}
