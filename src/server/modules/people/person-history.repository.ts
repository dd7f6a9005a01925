import type { Db } from '../../db/database.ts';
import { valueOn } from './person-history.rules.ts';
import { openOn } from '../../db/dated.ts';

/**
 * A person's dated history: their place (`person_places`), their changeable facts
 * (`person_facts`) and their target groups (`person_target_groups`). The people module is their
 * only writer besides the people import's bulk paths; `people.unit_id` and the fact columns hold
 * the open period's value and are written in the same transaction (people.service.ts,
 * person-changes.service.ts).
 */

/** The end of an open period. */
export const OPEN = '9999-12-31';

/** The changeable facts kept as dated history, by their `people` column. */
export const PERSON_FACT_FIELDS = [
  'educationLevel',
  'professionalLevel',
  'politicalTheory',
  'occupation',
] as const;
/** One changeable fact. */
export type PersonFactField = (typeof PERSON_FACT_FIELDS)[number];

/** A person's place periods, oldest first, with the unit's code and name. */
export async function placesOf(db: Db, personId: number) {
  const rows = await db
    .selectFrom('personPlaces as pp')
    .innerJoin('units as u', 'u.id', 'pp.unitId')
    .select(['pp.id', 'pp.unitId', 'u.code as unitCode', 'u.name as unitName', 'pp.validFrom'])
    .select('pp.validTo')
    .where('pp.personId', '=', personId)
    .orderBy('pp.validFrom')
    .orderBy('pp.id')
    .execute();
  return rows;
}

/** A person's fact periods, by field then oldest first. */
export async function factsOf(db: Db, personId: number) {
  return db
    .selectFrom('personFacts')
    .select(['id', 'field', 'value', 'validFrom', 'validTo'])
    .where('personId', '=', personId)
    .orderBy('field')
    .orderBy('validFrom')
    .orderBy('id')
    .execute();
}

/** A person's target-group periods, oldest first. */
export async function targetGroupPeriodsOf(db: Db, personId: number) {
  return db
    .selectFrom('personTargetGroups')
    .select(['targetGroup', 'validFrom', 'validTo'])
    .where('personId', '=', personId)
    .orderBy('validFrom')
    .orderBy('targetGroup')
    .execute();
}

/** What a person was on a date: the facts the rules judge by. */
export interface PersonFactsOn {
  id: number;
  fullName: string;
  birthDate: string;
  gender: string;
  mergedIntoId: number | null;
  unitId: number | null;
  /** The unit's name (as it is named now). */
  unitName: string | null;
  educationLevel: string;
  professionalLevel: string | null;
  politicalTheory: string | null;
  occupation: string | null;
  targetGroups: string[];
}

/**
 * THE read of a person's facts as of a date (issue 15): the unit, education level, professional
 * level, political theory, occupation and target groups held on `on`, from the dated history. The
 * pipeline rules, the admission's unit and the person's timeline go through it, so a 2017 dossier
 * is judged on 2017's facts however the person changed since.
 */
export async function personFactsOn(
  db: Db,
  personId: number,
  on: string,
): Promise<PersonFactsOn | undefined> {
  const person = await db
    .selectFrom('people')
    .select([
      'id',
      'fullName',
      'birthDate',
      'gender',
      'mergedIntoId',
      'unitId',
      'educationLevel',
      'professionalLevel',
      'politicalTheory',
      'occupation',
    ])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) return undefined;
  const [places, facts, groups] = await Promise.all([
    db
      .selectFrom('personPlaces')
      .select(['id', 'unitId as value', 'validFrom', 'validTo'])
      .where('personId', '=', personId)
      .execute(),
    factsOf(db, personId),
    db
      .selectFrom('personTargetGroups')
      .select('targetGroup')
      .where('personId', '=', personId)
      .where(openOn('', on))
      .execute(),
  ]);
  const fact = (field: PersonFactField) =>
    valueOn(
      facts.filter((f) => f.field === field),
      on,
      person[field],
      'first',
    );
  const unitId = valueOn<number | null>(places, on, person.unitId, 'none');
  const unit =
    unitId === null
      ? undefined
      : await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
  return {
    id: person.id,
    fullName: person.fullName,
    birthDate: person.birthDate,
    gender: person.gender,
    mergedIntoId: person.mergedIntoId,
    unitId,
    unitName: unit?.name ?? null,
    educationLevel: fact('educationLevel') ?? person.educationLevel,
    professionalLevel: fact('professionalLevel'),
    politicalTheory: fact('politicalTheory'),
    occupation: fact('occupation'),
    targetGroups: groups.map((g) => g.targetGroup).sort(),
  };
}

/** Opens a person's first place and facts (registration, a new person of an import). */
export async function openHistory(
  db: Db,
  rows: {
    personId: number;
    unitId: number | null;
    unitFrom: string;
    factsFrom: string;
    facts: Record<PersonFactField, string | null>;
  }[],
): Promise<void> {
  const places = rows
    .filter((r) => r.unitId !== null)
    .map((r) => ({ personId: r.personId, unitId: r.unitId ?? 0, validFrom: r.unitFrom }));
  const facts = rows.flatMap((r) =>
    PERSON_FACT_FIELDS.map((field) => ({
      personId: r.personId,
      field,
      value: r.facts[field],
      validFrom: r.factsFrom,
    })),
  );
  for (let i = 0; i < places.length; i += 500)
    await db
      .insertInto('personPlaces')
      .values(places.slice(i, i + 500))
      .execute();
  for (let i = 0; i < facts.length; i += 500)
    await db
      .insertInto('personFacts')
      .values(facts.slice(i, i + 500))
      .execute();
}

/**
 * Gives a person with no history (written by a bulk loader that keeps none, such as the sample
 * data) their current place and facts as periods from the birth date, before a first change
 * closes them: otherwise the change would leave nothing before its date.
 */
export async function ensureHistory(db: Db, personId: number): Promise<void> {
  const person = await db
    .selectFrom('people')
    .select([
      'birthDate',
      'unitId',
      'educationLevel',
      'professionalLevel',
      'politicalTheory',
      'occupation',
    ])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) return;
  const [place, fact] = await Promise.all([
    db.selectFrom('personPlaces').select('id').where('personId', '=', personId).executeTakeFirst(),
    db.selectFrom('personFacts').select('id').where('personId', '=', personId).executeTakeFirst(),
  ]);
  if (!place && person.unitId !== null)
    await db
      .insertInto('personPlaces')
      .values({ personId, unitId: person.unitId, validFrom: person.birthDate })
      .execute();
  if (!fact)
    await db
      .insertInto('personFacts')
      .values(
        PERSON_FACT_FIELDS.map((field) => ({
          personId,
          field,
          value: person[field],
          validFrom: person.birthDate,
        })),
      )
      .execute();
}

/** The open place period of a person, if any. */
export async function openPlaceOf(db: Db, personId: number) {
  return db
    .selectFrom('personPlaces')
    .select(['id', 'unitId', 'validFrom'])
    .where('personId', '=', personId)
    .where('validTo', '=', OPEN)
    .executeTakeFirst();
}

/** The open period of one fact of a person, if any. */
export async function openFactOf(db: Db, personId: number, field: PersonFactField) {
  return db
    .selectFrom('personFacts')
    .select(['id', 'value', 'validFrom'])
    .where('personId', '=', personId)
    .where('field', '=', field)
    .where('validTo', '=', OPEN)
    .executeTakeFirst();
}

/** Rewrites the unit of a place period (a correction: the period itself was recorded wrong). */
export async function correctPlace(db: Db, id: number, unitId: number): Promise<void> {
  await db.updateTable('personPlaces').set({ unitId }).where('id', '=', id).execute();
}

/** Rewrites the value of a fact period (a correction). */
export async function correctFact(db: Db, id: number, value: string | null): Promise<void> {
  await db.updateTable('personFacts').set({ value }).where('id', '=', id).execute();
}

/** Closes the open place on `on` (when it began before) and opens `unitId` from `on`. */
export async function movePlace(
  db: Db,
  personId: number,
  open: { id: number; validFrom: string } | undefined,
  unitId: number,
  on: string,
): Promise<void> {
  if (open && open.validFrom === on) return correctPlace(db, open.id, unitId);
  if (open)
    await db.updateTable('personPlaces').set({ validTo: on }).where('id', '=', open.id).execute();
  await db.insertInto('personPlaces').values({ personId, unitId, validFrom: on }).execute();
}

/** Closes the open period of a fact on `on` and opens the new value from `on`. */
export async function changeFact(
  db: Db,
  personId: number,
  field: PersonFactField,
  open: { id: number; validFrom: string } | undefined,
  value: string | null,
  on: string,
): Promise<void> {
  if (open && open.validFrom === on) return correctFact(db, open.id, value);
  if (open)
    await db.updateTable('personFacts').set({ validTo: on }).where('id', '=', open.id).execute();
  await db.insertInto('personFacts').values({ personId, field, value, validFrom: on }).execute();
}

/** Target groups of a person open on a date, with their from-dates. */
export async function openTargetGroupsOn(db: Db, personId: number, on: string) {
  return db
    .selectFrom('personTargetGroups')
    .select(['targetGroup', 'validFrom', 'validTo'])
    .where('personId', '=', personId)
    .where('validTo', '>', on)
    .execute();
}

/** Moves the start of one target-group period (a correction of its from-date). */
export async function correctTargetGroupStart(
  db: Db,
  personId: number,
  targetGroup: string,
  validFrom: string,
  newValidFrom: string,
): Promise<void> {
  await db
    .updateTable('personTargetGroups')
    .set({ validFrom: newValidFrom })
    .where('personId', '=', personId)
    .where('targetGroup', '=', targetGroup)
    .where('validFrom', '=', validFrom)
    .execute();
}

/** Opens target groups of a person from their dates. */
export async function joinTargetGroups(
  db: Db,
  rows: { personId: number; targetGroup: string; validFrom: string }[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('personTargetGroups').values(rows).execute();
}

/** Ends a person's open target groups on a date. */
export async function leaveTargetGroups(
  db: Db,
  personId: number,
  groups: string[],
  on: string,
): Promise<void> {
  if (groups.length === 0) return;
  await db
    .updateTable('personTargetGroups')
    .set({ validTo: on })
    .where('personId', '=', personId)
    .where('targetGroup', 'in', groups)
    .where('validFrom', '<', on)
    .where('validTo', '>', on)
    .execute();
}

/**
 * Moves the start of the periods that began on the old birth date to the corrected one (the
 * backfilled "always" periods start at birth), where that leaves them non-empty.
 */
export async function shiftBirthStarts(
  db: Db,
  personId: number,
  oldBirth: string,
  newBirth: string,
): Promise<void> {
  for (const table of ['personPlaces', 'personFacts'] as const)
    await db
      .updateTable(table)
      .set({ validFrom: newBirth })
      .where('personId', '=', personId)
      .where('validFrom', '=', oldBirth)
      .where('validTo', '>', newBirth)
      .execute();
}
