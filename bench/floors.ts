import { sql } from 'kysely';
import type { Db, Dialect } from '../src/server/db/database.ts';
import { AGE_BANDS } from '../src/shared/enums.ts';
import { addDays, addYears } from '../src/shared/dates.ts';

/**
 * The floors of the benchmark: each question answered by ONE hand-written SQL statement on the
 * same database, returning the same numbers as the application (the benchmark checks they agree).
 * They are what a careful DBA would write with no application around it, so the ratio
 * application / floor shows what the layering costs.
 */

type Row = Record<string, unknown>;

/** The subtree of root as it stood on a date (closure rows), as SQL to embed. */
const subtree = (root: number, on: string) =>
  sql`select descendant_id from organization_closure where ancestor_id = ${root} and valid_from <= ${on} and valid_to > ${on}`;

/** Members on a date by status. */
export async function floorMembers(db: Db, root: number, asOf: string): Promise<Row[]> {
  const { rows } = await sql<Row>`
    select mp.status as key, count(*) as n from member_periods mp
    where mp.organization_id in (${subtree(root, asOf)})
      and mp.valid_from <= ${asOf} and mp.valid_to > ${asOf}
    group by mp.status`.execute(db);
  return rows;
}

/**
 * Every number of the statistics report in one statement: on PostgreSQL one pass over the members
 * with GROUPING SETS, on SQLite (which has none) a materialized CTE grouped once per dimension.
 */
export async function floorStatistics(
  db: Db,
  dialect: Dialect,
  root: number,
  asOf: string,
): Promise<Row[]> {
  const bands = AGE_BANDS.map((b) => ({ key: b.key, bornAfter: addYears(asOf, -(b.max + 1)) }));
  const age = bands.reduce(
    (acc, b) => sql`${acc} when birth_date > ${b.bornAfter} then ${b.key}`,
    sql`case`,
  );
  if (dialect === 'postgres') {
    const { rows } = await sql<Row>`
      with m as materialized (
        select mp.person_id, mp.status, mp.organization_id, p.gender, p.ethnicity, p.birth_date,
               p.education_level, p.political_theory, p.religion, p.occupation
        from member_periods mp
        join organization_closure c on c.descendant_id = mp.organization_id
        join people p on p.id = mp.person_id
        where c.ancestor_id = ${root} and c.valid_from <= ${asOf} and c.valid_to > ${asOf}
          and mp.valid_from <= ${asOf} and mp.valid_to > ${asOf})
      select case when grouping(status) = 0 then 'status' when grouping(gender) = 0 then 'gender'
          when grouping(ethnicity) = 0 then 'ethnicity' when grouping(education_level) = 0 then 'education'
          when grouping(political_theory) = 0 then 'theory' when grouping(religion) = 0 then 'religion'
          when grouping(occupation) = 0 then 'occupation' else 'age' end as dim,
        coalesce(status, gender, ethnicity, education_level, political_theory, religion, occupation, band) as key,
        count(*) as n
      from (select m.*, ${age} else 'other' end as band from m) a
      group by grouping sets ((status), (gender), (ethnicity), (education_level), (political_theory),
        (religion), (occupation), (band))
      union all select 'group', g.target_group, count(*) from m
        join person_target_groups g on g.person_id = m.person_id and g.valid_from <= ${asOf} and g.valid_to > ${asOf}
        group by g.target_group
      union all select 'child', cast(top.descendant_id as text), count(*) from m
        join organization_closure cc on cc.descendant_id = m.organization_id and cc.valid_from <= ${asOf} and cc.valid_to > ${asOf}
        join organization_closure top on top.descendant_id = cc.ancestor_id and top.ancestor_id = ${root}
          and top.depth = 1 and top.valid_from <= ${asOf} and top.valid_to > ${asOf}
        group by top.descendant_id`.execute(db);
    return rows;
  }
  const { rows } = await sql<Row>`
    with m as materialized (
      select mp.person_id, mp.status, mp.organization_id, p.gender, p.ethnicity, p.birth_date,
             p.education_level, p.political_theory, p.religion, p.occupation
      from member_periods mp
      join organization_closure c on c.descendant_id = mp.organization_id
      join people p on p.id = mp.person_id
      where c.ancestor_id = ${root} and c.valid_from <= ${asOf} and c.valid_to > ${asOf}
        and mp.valid_from <= ${asOf} and mp.valid_to > ${asOf})
    select 'status' as dim, status as key, count(*) as n from m group by status
    union all select 'gender', gender, count(*) from m group by gender
    union all select 'ethnicity', ethnicity, count(*) from m group by ethnicity
    union all select 'education', education_level, count(*) from m group by education_level
    union all select 'theory', political_theory, count(*) from m group by political_theory
    union all select 'religion', religion, count(*) from m group by religion
    union all select 'occupation', occupation, count(*) from m group by occupation
    union all select 'age', a.band, count(*) from (select ${age} else 'other' end as band from m) a group by a.band
    union all select 'group', g.target_group, count(*) from m
      join person_target_groups g on g.person_id = m.person_id and g.valid_from <= ${asOf} and g.valid_to > ${asOf}
      group by g.target_group
    union all select 'child', cast(top.descendant_id as text), count(*) from m
      join organization_closure cc on cc.descendant_id = m.organization_id and cc.valid_from <= ${asOf} and cc.valid_to > ${asOf}
      join organization_closure top on top.descendant_id = cc.ancestor_id and top.ancestor_id = ${root}
        and top.depth = 1 and top.valid_from <= ${asOf} and top.valid_to > ${asOf}
      group by top.descendant_id`.execute(db);
  return rows;
}

/** Every number of the summary report for a period in one statement. */
export async function floorSummary(
  db: Db,
  root: number,
  from: string,
  to: string,
  kinds: string[],
): Promise<Row[]> {
  const dayBefore = addDays(from, -1);
  const previousFrom = addYears(from, -1);
  const previousTo = addYears(to, -1);
  const kindList = sql.join(kinds);
  const admissions = (a: string, b: string) => sql`
    select mp.person_id, mp.organization_id, mp.valid_from from member_periods mp
    join organization_closure c on c.descendant_id = mp.organization_id
      and c.valid_from <= mp.valid_from and c.valid_to > mp.valid_from
    where c.ancestor_id = ${root} and mp.start_reason = 'admitted'
      and mp.valid_from >= ${a} and mp.valid_from <= ${b}`;
  const membersOn = (on: string) => sql`
    select count(*) from member_periods
    where organization_id in (${subtree(root, on)}) and valid_from <= ${on} and valid_to > ${on}`;
  const { rows } = await sql<Row>`
    with adm as materialized (${admissions(from, to)}),
    units_in as materialized (
      select u.id, u.kind from units u
      where u.valid_from <= ${to} and u.valid_to > ${to} and u.kind in (${kindList})
        and exists (select 1 from unit_coverage uc
          join organization_closure c on c.descendant_id = uc.organization_id
          where (uc.unit_id = u.id or uc.unit_id = u.commune_unit_id)
            and uc.valid_from <= ${to} and uc.valid_to > ${to}
            and c.ancestor_id = ${root} and c.valid_from <= ${to} and c.valid_to > ${to}))
    select 'start' as dim, null as key, (${membersOn(dayBefore)}) as n
    union all select 'end', null, (${membersOn(to)})
    union all select 'admissions', null, count(*) from adm
    union all select 'group', g.target_group, count(*) from adm
      join person_target_groups g on g.person_id = adm.person_id
        and g.valid_from <= adm.valid_from and g.valid_to > adm.valid_from
      group by g.target_group
    union all select 'month', substr(adm.valid_from, 1, 7), count(*) from adm group by substr(adm.valid_from, 1, 7)
    union all select 'child_admissions', cast(top.descendant_id as text), count(*) from adm
      join organization_closure cc on cc.descendant_id = adm.organization_id
        and cc.valid_from <= adm.valid_from and cc.valid_to > adm.valid_from
      join organization_closure top on top.descendant_id = cc.ancestor_id and top.ancestor_id = ${root}
        and top.depth = 1 and top.valid_from <= ${to} and top.valid_to > ${to}
      group by top.descendant_id
    union all select 'child_members', cast(top.descendant_id as text), count(*) from member_periods mp
      join organization_closure cc on cc.descendant_id = mp.organization_id and cc.valid_from <= ${to} and cc.valid_to > ${to}
      join organization_closure top on top.descendant_id = cc.ancestor_id and top.ancestor_id = ${root}
        and top.depth = 1 and top.valid_from <= ${to} and top.valid_to > ${to}
      where mp.valid_from <= ${to} and mp.valid_to > ${to}
      group by top.descendant_id
    union all select 'previous_admissions', null, (select count(*) from (${admissions(previousFrom, previousTo)}) x)
    union all select 'previous_end', null, (${membersOn(previousTo)})
    union all select 'without_members', kind, count(*) from units_in u
      where not exists (select 1 from member_periods mp where mp.unit_id = u.id and mp.valid_from <= ${to} and mp.valid_to > ${to})
      group by kind
    union all select 'without_cell', kind, count(*) from units_in u
      where not exists (select 1 from unit_coverage uc join organizations o on o.id = uc.organization_id
        where uc.unit_id = u.id and o.kind = 'cell' and uc.valid_from <= ${to} and uc.valid_to > ${to})
      group by kind`.execute(db);
  return rows;
}

/** People tied to root's subtree whose folded name has a word starting with `folded`: one page and the total. */
export async function floorSearch(
  db: Db,
  root: number,
  folded: string,
  limit: number,
): Promise<Row[]> {
  const { rows } = await sql<Row>`
    with s as materialized (
      select p.id, p.name_sort from people p
      where p.merged_into_id is null
        and (p.name_folded like ${`${folded}%`} or p.name_folded like ${`% ${folded}%`})
        and p.id in (
          select mp.person_id from member_periods mp join organization_closure c
            on c.descendant_id = mp.organization_id and c.valid_from < mp.valid_to and c.valid_to > mp.valid_from
            where c.ancestor_id = ${root}
          union select k.person_id from candidates k join organization_closure c on c.descendant_id = k.organization_id
            where c.ancestor_id = ${root}
          union select q.id from people q join unit_coverage uc on uc.unit_id = q.unit_id
            join organization_closure c on c.descendant_id = uc.organization_id where c.ancestor_id = ${root}))
    select s.id, (select count(*) from s) as total from s order by s.name_sort, s.id limit ${limit}`.execute(
    db,
  );
  return rows;
}

/** A person's page (record, unit, target groups, periods, candidacies, transitions) as one JSON row. */
export async function floorPerson(db: Db, dialect: Dialect, id: number): Promise<Row | undefined> {
  const agg =
    dialect === 'postgres'
      ? {
          arr: (x: ReturnType<typeof sql>) => sql`coalesce(json_agg(${x}), '[]'::json)`,
          obj: sql.raw('json_build_object'),
        }
      : {
          arr: (x: ReturnType<typeof sql>) => sql`json_group_array(${x})`,
          obj: sql.raw('json_object'),
        };
  const { rows } = await sql<Row>`
    select p.id, p.full_name, p.gender, p.birth_date, p.ethnicity, p.religion, p.national_id, p.phone,
      p.address, u.code as unit_code, u.name as unit_name, p.education_level, p.political_theory,
      p.occupation, p.version,
      (select ${agg.arr(sql`g.target_group`)} from person_target_groups g
        where g.person_id = p.id and g.valid_to = '9999-12-31') as target_groups,
      (select ${agg.arr(sql`${agg.obj}('status', mp.status, 'start', mp.start_reason, 'end', mp.end_reason,
          'from', mp.valid_from, 'to', mp.valid_to, 'code', o.code, 'name', o.name)`)}
        from member_periods mp join organizations o on o.id = mp.organization_id where mp.person_id = p.id) as periods,
      (select ${agg.arr(sql`${agg.obj}('id', k.id, 'stage', k.stage, 'on', k.stage_on, 'code', o.code)`)}
        from candidates k join organizations o on o.id = k.organization_id where k.person_id = p.id) as candidacies,
      (select ${agg.arr(sql`${agg.obj}('candidate', t.candidate_id, 'from', t.from_stage, 'to', t.to_stage, 'on', t."on")`)}
        from candidate_transitions t join candidates k on k.id = t.candidate_id where k.person_id = p.id) as transitions
    from people p left join units u on u.id = p.unit_id where p.id = ${id}`.execute(db);
  return rows[0];
}

/** One page of members of root's subtree on a date in name order, with the total. */
export async function floorMemberPage(
  db: Db,
  root: number,
  asOf: string,
  limit: number,
  offset: number,
): Promise<Row[]> {
  const { rows } = await sql<Row>`
    select m.id, p.id as person_id, p.full_name, o.code, o.name, mp.status, m.admitted_on, m.official_on,
      (select count(*) from member_periods x
        where x.organization_id in (${subtree(root, asOf)}) and x.valid_from <= ${asOf} and x.valid_to > ${asOf}) as total
    from member_periods mp
    join organization_closure c on c.descendant_id = mp.organization_id
    join people p on p.id = mp.person_id
    join memberships m on m.id = mp.membership_id
    join organizations o on o.id = mp.organization_id
    where c.ancestor_id = ${root} and c.valid_from <= ${asOf} and c.valid_to > ${asOf}
      and mp.valid_from <= ${asOf} and mp.valid_to > ${asOf}
    order by p.name_sort, p.id limit ${limit} offset ${offset}`.execute(db);
  return rows;
}

/** Candidates of the subtree with a stored due date up to 30 days ahead, or idle for six months. */
export async function floorAlerts(db: Db, root: number, asOf: string): Promise<Row[]> {
  const { rows } = await sql<Row>`
    select k.id, k.due_kind, k.due_on, p.full_name, o.code from candidates k
    join organization_closure c on c.descendant_id = k.organization_id
    join people p on p.id = k.person_id
    join organizations o on o.id = k.organization_id
    where c.ancestor_id = ${root} and c.valid_from <= ${asOf} and c.valid_to > ${asOf}
      and ((k.due_kind is not null and k.due_on <= ${addDays(asOf, 30)})
        or (k.closed_on = '9999-12-31' and k.stage_on <= ${addDays(asOf, -183)}))`.execute(db);
  return rows;
}
