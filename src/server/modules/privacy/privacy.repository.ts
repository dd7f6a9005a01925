import type { Db } from '../../db/database.ts';

/**
 * Everything held about one person, table by table, for a personal-data request (Decree 13/2023,
 * the 2025 Personal Data Protection Law): identity, target groups, memberships and their periods,
 * candidacies with transitions, documents and linked members, the candidacies they helped or
 * introduced, and the audit events about them.
 */
export async function personDataOf(db: Db, personId: number) {
  const person = await db
    .selectFrom('people')
    .selectAll()
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) return undefined;
  const candidacyIds = (
    await db.selectFrom('candidates').select('id').where('personId', '=', personId).execute()
  ).map((r) => r.id);
  const inCandidacies = candidacyIds.length > 0 ? candidacyIds : [-1];
  const [
    targetGroups,
    memberships,
    memberPeriods,
    candidacies,
    transitions,
    documents,
    linkedMembers,
    asHelperOrIntroducer,
    events,
  ] = await Promise.all([
    db
      .selectFrom('personTargetGroups')
      .selectAll()
      .where('personId', '=', personId)
      .orderBy('validFrom')
      .execute(),
    db
      .selectFrom('memberships')
      .selectAll()
      .where('personId', '=', personId)
      .orderBy('admittedOn')
      .execute(),
    db
      .selectFrom('memberPeriods as mp')
      .innerJoin('organizations as o', 'o.id', 'mp.organizationId')
      .selectAll('mp')
      .select('o.code as organizationCode')
      .where('mp.personId', '=', personId)
      .orderBy('mp.validFrom')
      .execute(),
    db
      .selectFrom('candidates as k')
      .innerJoin('organizations as o', 'o.id', 'k.organizationId')
      .selectAll('k')
      .select('o.code as organizationCode')
      .where('k.personId', '=', personId)
      .execute(),
    db
      .selectFrom('candidateTransitions')
      .selectAll()
      .where('candidateId', 'in', inCandidacies)
      .orderBy('on')
      .execute(),
    db
      .selectFrom('candidateDocuments')
      .selectAll()
      .where('candidateId', 'in', inCandidacies)
      .execute(),
    db
      .selectFrom('candidateMembers')
      .selectAll()
      .where('candidateId', 'in', inCandidacies)
      .execute(),
    db.selectFrom('candidateMembers').selectAll().where('memberPersonId', '=', personId).execute(),
    db
      .selectFrom('events')
      .select(['at', 'actor', 'action', 'entity', 'entityId', 'reason'])
      .where('entity', '=', 'person')
      .where('entityId', '=', String(personId))
      .orderBy('at')
      .execute(),
  ]);
  return {
    person,
    targetGroups,
    memberships,
    memberPeriods,
    candidacies,
    transitions,
    documents,
    linkedMembers,
    asHelperOrIntroducer,
    events,
  };
}
