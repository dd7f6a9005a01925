import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Word-prefix name search scoped to an upper-level committee (issue 8), PostgreSQL only. Frozen
 * in time: it imports nothing from the application.
 *
 * Why: the search is "a word of the folded name starts with q" (`name_folded LIKE 'q%' OR LIKE
 * '% q%'`). The trigram index of 2026-11-27T17-00 finds such names, but the trigrams of common
 * Vietnamese syllables match millions of people across the country, and each must then be tied to
 * the searched subtree one by one (1–2 s in a province at 5.6 million members).
 *
 * What: `search.person_name_suffixes (scope_id, suffix, person_id, name_sort)` holds, for every person not
 * merged away and every upper-level committee (level 'upper': the provinces of a national
 * installation, the districts of a province) the person is tied to, each suffix of the folded name
 * that starts at a word (`nguyen van hung`, `van hung`, `hung`). "A word starts with q" is then
 * exactly `suffix LIKE 'q%'`, a range scan of a "C"-collated B-tree inside one committee, and the
 * table answers a search rooted at such a committee with no further check. The person's sort key
 * rides along in the index, so a page in name order and the total need no visit to `people`.
 *
 * "Tied" is the application's peopleInSubtree, to the letter: a member period in the subtree while
 * the closure row was valid, a candidacy in the subtree, or a unit covered by an organization of
 * the subtree. Statement-level triggers keep the rows exact on every write that can change them
 * (people's name, unit and merge; member periods; candidacies; unit coverage; the closure; an
 * organization's level) by recomputing the affected people, so no application path has to know.
 * Bulk loads set `dangvien.search_deferred = on` for their transaction and call
 * `search.rebuild_person_name_suffixes()` at the end. Suffixes are cut at 200 characters (B-tree
 * entries have a size limit); longer queries do not use the table.
 *
 * The table lives in its own schema so that backups (which copy the `public` tables) leave it out:
 * a restore rebuilds it through the triggers. SQLite serves installations of up to a province,
 * where scanning the subtree's people is fast; it gets nothing here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Every (person, upper-level committee) tie, as peopleInSubtree defines a tie: a member period in
 * the committee's subtree while the closure row was valid, a candidacy or a covered unit there.
 */
const ALL_TIES = `
  select mp.person_id, c.ancestor_id as scope_id
    from member_periods mp
    join organization_closure c on c.descendant_id = mp.organization_id
      and c.valid_from < mp.valid_to and c.valid_to > mp.valid_from
    join organizations o on o.id = c.ancestor_id and o.level = 'upper'
  union
  select k.person_id, c.ancestor_id
    from candidates k
    join organization_closure c on c.descendant_id = k.organization_id
    join organizations o on o.id = c.ancestor_id and o.level = 'upper'
  union
  select q.id, c.ancestor_id
    from people q
    join unit_coverage uc on uc.unit_id = q.unit_id
    join organization_closure c on c.descendant_id = uc.organization_id
    join organizations o on o.id = c.ancestor_id and o.level = 'upper'`;

/**
 * The same ties for one person `p` (a LATERAL body): written per person so that every step is an
 * index lookup whatever the planner's statistics say (a bulk write inside a transaction, e.g. the
 * demo, runs before any ANALYZE has seen the rows).
 */
const TIES_OF_PERSON = `
  select c.ancestor_id as scope_id
    from member_periods mp
    join organization_closure c on c.descendant_id = mp.organization_id
      and c.valid_from < mp.valid_to and c.valid_to > mp.valid_from
    where mp.person_id = p.id
  union
  select c.ancestor_id
    from candidates k
    join organization_closure c on c.descendant_id = k.organization_id
    where k.person_id = p.id
  union
  select c.ancestor_id
    from unit_coverage uc
    join organization_closure c on c.descendant_id = uc.organization_id
    where uc.unit_id = p.unit_id`;

/** People tied to any organization of `orgs` (SQL body, `orgs` bound). */
const PEOPLE_OF_ORGS = `
  select mp.person_id from member_periods mp where mp.organization_id = any(orgs)
  union
  select k.person_id from candidates k where k.organization_id = any(orgs)
  union
  select q.id from people q join unit_coverage uc on uc.unit_id = q.unit_id
    where uc.organization_id = any(orgs)`;

const FUNCTIONS = [
  `create schema if not exists search`,
  `create table search.person_name_suffixes (
     scope_id integer not null,
     suffix text collate "C" not null,
     person_id integer not null,
     name_sort text not null
   )`,
  `create function search.deferred() returns boolean language sql stable as $$
     select coalesce(current_setting('dangvien.search_deferred', true), '') = 'on'
   $$`,
  // Each suffix of a folded name that starts at a word: split and rejoined on single spaces, so
  // it is exactly the text after each space (and the whole name).
  `create function search.name_suffixes(name text) returns setof text
   language sql immutable strict as $$
     select left(array_to_string(w[i:], ' '), 200)
     from (select string_to_array(name, ' ') as w) s, generate_subscripts(s.w, 1) as i
   $$`,
  // Nested loops over index lookups only: the per-person plan must not depend on statistics.
  `create function search.refresh_people(ids integer[]) returns void language plpgsql
   set enable_hashjoin = off set enable_mergejoin = off set enable_seqscan = off as $$
   begin
     if search.deferred() or cardinality(ids) = 0 then return; end if;
     -- Two transactions refreshing one person would each keep their own rows (neither sees the
     -- other's insert); holding the person's row, in id order, makes the second wait and redo.
     perform 1 from people where id in (select unnest(ids)) order by id for no key update;
     delete from search.person_name_suffixes s
       using (select distinct unnest(ids) as id) i where s.person_id = i.id;
     insert into search.person_name_suffixes (scope_id, suffix, person_id, name_sort)
     select t.scope_id, x.suffix, p.id, p.name_sort
     from (select distinct unnest(ids)) as i(id)
     join people p on p.id = i.id and p.merged_into_id is null
     cross join lateral (${TIES_OF_PERSON}) t
     join organizations o on o.id = t.scope_id and o.level = 'upper'
     cross join lateral search.name_suffixes(p.name_folded) as x(suffix);
   end $$`,
  `create function search.refresh_orgs(orgs integer[]) returns void language plpgsql as $$
   begin
     if search.deferred() or cardinality(orgs) = 0 then return; end if;
     perform search.refresh_people(array(${PEOPLE_OF_ORGS}));
   end $$`,
  `create function search.rebuild_person_name_suffixes() returns void language plpgsql as $$
   begin
     drop index if exists search.person_name_suffixes_scope;
     drop index if exists search.person_name_suffixes_person;
     truncate search.person_name_suffixes;
     perform set_config('maintenance_work_mem', '512MB', true);
     insert into search.person_name_suffixes (scope_id, suffix, person_id, name_sort)
     select t.scope_id, x.suffix, p.id, p.name_sort
     from (${ALL_TIES}) t
     join people p on p.id = t.person_id and p.merged_into_id is null
     cross join lateral search.name_suffixes(p.name_folded) as x(suffix);
     create index person_name_suffixes_scope
       on search.person_name_suffixes (scope_id, suffix, person_id) include (name_sort);
     create index person_name_suffixes_person on search.person_name_suffixes (person_id);
     analyze search.person_name_suffixes;
   end $$`,
  // Trigger functions: statement-level, reading the transition tables old_rows / new_rows.
  `create function search.on_people() returns trigger language plpgsql as $$
   begin
     if search.deferred() then return null; end if;
     if tg_op = 'INSERT' then
       perform search.refresh_people(array(select id from new_rows));
     elsif tg_op = 'UPDATE' then
       perform search.refresh_people(array(
         select n.id from new_rows n join old_rows o on o.id = n.id
         where n.name_folded is distinct from o.name_folded
            or n.name_sort is distinct from o.name_sort
            or n.unit_id is distinct from o.unit_id
            or n.merged_into_id is distinct from o.merged_into_id));
     else
       delete from search.person_name_suffixes where person_id in (select id from old_rows);
     end if;
     return null;
   end $$`,
  `create function search.on_person_ties() returns trigger language plpgsql as $$
   begin
     if search.deferred() then return null; end if;
     if tg_op = 'INSERT' then
       perform search.refresh_people(array(select distinct person_id from new_rows));
     elsif tg_op = 'UPDATE' then
       perform search.refresh_people(array(
         select person_id from new_rows union select person_id from old_rows));
     else
       perform search.refresh_people(array(select distinct person_id from old_rows));
     end if;
     return null;
   end $$`,
  `create function search.on_unit_coverage() returns trigger language plpgsql as $$
   begin
     if search.deferred() then return null; end if;
     if tg_op = 'INSERT' then
       perform search.refresh_people(array(
         select q.id from people q where q.unit_id in (select unit_id from new_rows)));
     elsif tg_op = 'UPDATE' then
       perform search.refresh_people(array(
         select q.id from people q where q.unit_id in
           (select unit_id from new_rows union select unit_id from old_rows)));
     else
       perform search.refresh_people(array(
         select q.id from people q where q.unit_id in (select unit_id from old_rows)));
     end if;
     return null;
   end $$`,
  `create function search.on_closure() returns trigger language plpgsql as $$
   begin
     if search.deferred() then return null; end if;
     if tg_op = 'INSERT' then
       perform search.refresh_orgs(array(
         select distinct r.descendant_id from new_rows r
         join organizations o on o.id = r.ancestor_id and o.level = 'upper'));
     elsif tg_op = 'UPDATE' then
       perform search.refresh_orgs(array(
         select r.descendant_id from new_rows r
           join organizations o on o.id = r.ancestor_id and o.level = 'upper'
         union
         select r.descendant_id from old_rows r
           join organizations o on o.id = r.ancestor_id and o.level = 'upper'));
     else
       perform search.refresh_orgs(array(
         select distinct r.descendant_id from old_rows r
         join organizations o on o.id = r.ancestor_id and o.level = 'upper'));
     end if;
     return null;
   end $$`,
  `create function search.on_organizations() returns trigger language plpgsql as $$
   begin
     if search.deferred() then return null; end if;
     perform search.refresh_orgs(array(
       select distinct c.descendant_id
       from new_rows n join old_rows o on o.id = n.id and n.level is distinct from o.level
       join organization_closure c on c.ancestor_id = n.id));
     return null;
   end $$`,
];

/** [table, trigger function, events]: one trigger per event (transition tables require it). */
const TRIGGERS: [string, string, ('insert' | 'update' | 'delete')[]][] = [
  ['people', 'on_people', ['insert', 'update', 'delete']],
  ['member_periods', 'on_person_ties', ['insert', 'update', 'delete']],
  ['candidates', 'on_person_ties', ['insert', 'update', 'delete']],
  ['unit_coverage', 'on_unit_coverage', ['insert', 'update', 'delete']],
  ['organization_closure', 'on_closure', ['insert', 'update', 'delete']],
  ['organizations', 'on_organizations', ['update']],
];

function referencing(event: 'insert' | 'update' | 'delete'): string {
  if (event === 'insert') return 'referencing new table as new_rows';
  if (event === 'delete') return 'referencing old table as old_rows';
  return 'referencing old table as old_rows new table as new_rows';
}

export async function up(db: AnyDb): Promise<void> {
  if (!isPostgres(db)) return;
  for (const statement of FUNCTIONS) await sql.raw(statement).execute(db);
  for (const [table, fn, events] of TRIGGERS)
    for (const event of events)
      await sql
        .raw(
          `create trigger search_${event} after ${event} on ${table} ${referencing(event)}
           for each statement execute function search.${fn}()`,
        )
        .execute(db);
  // Existing installations: fill the table once (minutes at 5.6 million members).
  await sql`select search.rebuild_person_name_suffixes()`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table, , events] of TRIGGERS)
    for (const event of events)
      await sql.raw(`drop trigger search_${event} on ${table}`).execute(db);
  await sql`drop schema search cascade`.execute(db);
}
