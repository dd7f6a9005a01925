import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, can, resolveScopedOrganization } from '../../access/access.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { createPersonInput, type CreatePersonInput } from '../../../shared/contracts.ts';
import { foldText, nameSortKey, normalizeText } from '../../../shared/text.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { recordRead } from '../audit/audit.service.ts';
import { isUnitInScope } from '../../access/scope.repository.ts';
import {
  findLikelyDuplicates,
  findPeople,
  insertPerson,
  isPersonInSubtree,
  organizationsOfPeople,
  searchPeople,
  type PersonRecord,
} from './people.repository.ts';

/** Masks all but the last `keep` characters (national ID, phone) for roles that do not need them. */
export function mask(value: string | null, keep = 3): string | null {
  if (value === null) return null;
  return value.length <= keep
    ? '*'.repeat(value.length)
    : `${'*'.repeat(value.length - keep)}${value.slice(-keep)}`;
}

/** Target groups that would tell a masked field: "religious" tells that the person has a religion. */
const MASKED_TARGET_GROUPS: ReadonlySet<string> = new Set(['religious']);

/**
 * A person as the API shows them to this actor: roles without `readPersonalData` (trainer,
 * viewer) see the national ID, phone, address and religion masked (docs/security.md, "Masking").
 * Religion is sensitive data (Decree 13/2023/NĐ-CP art. 2(4)(a)) that no task of theirs needs;
 * it shows as `***` whether or not one is recorded, so the mask does not tell "none" from
 * "some", and the "religious" target group is left out for the same reason. Ethnicity stays: it
 * is the statistics report's own dimension and the members list's filter for every reader.
 */
export function presentPerson(
  actor: Actor,
  person: PersonRecord,
): PersonRecord & { masked: boolean } {
  if (can(actor, 'readPersonalData')) return { ...person, masked: false };
  return {
    ...person,
    nationalId: mask(person.nationalId),
    phone: mask(person.phone),
    address: person.address ? '***' : null,
    religion: '***',
    targetGroups: person.targetGroups.filter((group) => !MASKED_TARGET_GROUPS.has(group)),
    masked: true,
  };
}

/** Registers a person; likely duplicates are returned beside the record for review (SPEC §8). */
export async function createPerson(ctx: AppContext, actor: Actor, raw: CreatePersonInput) {
  assertCan(actor, 'write');
  const input = parseInput(createPersonInput, raw);
  const today = ctx.clock.today();
  if (input.birthDate > today) {
    throw new AppError('validation', 'Ngày sinh ở tương lai', [
      { field: 'birthDate', message: 'Ngày sinh không thể sau hôm nay' },
    ]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('units')
      .select(['id'])
      .where('code', '=', input.unitCode)
      .executeTakeFirst();
    if (!unit)
      throw new AppError('validation', 'Không có đơn vị này', [
        { field: 'unitCode', message: `Không có đơn vị mã ${input.unitCode}` },
      ]);
    // Outside the caller's subtree the unit is "not found", as any record there.
    if (
      actor.organizationId !== null &&
      !(await isUnitInScope(trx, actor.organizationId, unit.id, today))
    )
      throw notFound(`đơn vị ${input.unitCode}`);
    const fullName = normalizeText(input.fullName);
    const nameFolded = foldText(fullName);
    const likely = await findLikelyDuplicates(trx, {
      nationalId: input.nationalId ?? null,
      nameFolded,
      birthDate: input.birthDate,
      unitId: unit.id,
    });
    // Only people the caller may see are named: a hint about another commune's person would say
    // who exists there. The committee above both sees the pair in its duplicate review.
    const root = actor.organizationId;
    const duplicates =
      root === null
        ? likely
        : (
            await Promise.all(
              likely.map(async (d) =>
                (await isPersonInSubtree(trx, root, d.id, today)) ? d : null,
              ),
            )
          ).filter((d) => d !== null);
    const now = ctx.clock.now();
    const id = await insertPerson(
      trx,
      {
        fullName,
        nameFolded,
        nameSort: nameSortKey(fullName),
        gender: input.gender,
        birthDate: input.birthDate,
        ethnicity: normalizeText(input.ethnicity),
        religion: input.religion ? normalizeText(input.religion) : null,
        nationalId: input.nationalId ?? null,
        phone: input.phone ?? null,
        address: input.address ? normalizeText(input.address) : null,
        unitId: unit.id,
        educationLevel: input.educationLevel,
        professionalLevel: null,
        politicalTheory: input.politicalTheory ?? null,
        occupation: input.occupation ?? null,
        mergedIntoId: null,
        createdAt: now,
        updatedAt: now,
      },
      [...new Set(input.targetGroups)],
      today,
    );
    const [person] = await findPeople(trx, [id]);
    if (!person) throw new AppError('internal', 'person vanished');
    await recordEvent(trx, actor, now, {
      action: 'person.create',
      entity: 'person',
      entityId: id,
      // The organizations covering the person's unit: the admins there see who registered them.
      organizationIds: await organizationsOfPeople(trx, [id]),
      after: person,
    });
    return { ...presentPerson(actor, person), duplicates };
  });
}

/** One person, if they are tied to the actor's subtree; viewing the full record is audited. */
export async function getPerson(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'read');
  if (
    actor.organizationId !== null &&
    !(await isPersonInSubtree(ctx.db, actor.organizationId, id, ctx.clock.today()))
  )
    throw notFound('người này');
  const [person] = await findPeople(ctx.db, [id]);
  if (!person) throw notFound('người này');
  const shown = presentPerson(actor, person);
  if (!shown.masked)
    await recordRead(ctx, actor, {
      action: 'person.view',
      entity: 'person',
      entityId: id,
      // The viewer's organization, so the admins of their subtree see who looked at full records,
      // and the person's, so the admins of their commune see who looked at them.
      organizationId: actor.organizationId,
      organizationIds: await organizationsOfPeople(ctx.db, [id]),
    });
  const history = await personHistory(ctx, id);
  return { ...shown, ...history };
}

async function personHistory(ctx: AppContext, personId: number) {
  const periods = await ctx.db
    .selectFrom('memberPeriods as mp')
    .innerJoin('organizations as o', 'o.id', 'mp.organizationId')
    .select([
      'mp.status',
      'mp.startReason',
      'mp.endReason',
      'mp.validFrom',
      'mp.validTo',
      'o.code as organizationCode',
      'o.name as organizationName',
    ])
    .where('mp.personId', '=', personId)
    .orderBy('mp.validFrom')
    .execute();
  const candidacies = await ctx.db
    .selectFrom('candidates as k')
    .innerJoin('organizations as o', 'o.id', 'k.organizationId')
    .select(['k.id', 'k.stage', 'k.stageOn', 'o.code as organizationCode'])
    .where('k.personId', '=', personId)
    .execute();
  const transitions = candidacies.length
    ? await ctx.db
        .selectFrom('candidateTransitions')
        .select(['candidateId', 'fromStage', 'toStage', 'on'])
        .where(
          'candidateId',
          'in',
          candidacies.map((c) => c.id),
        )
        .orderBy('on')
        .execute()
    : [];
  return {
    memberPeriods: periods.map((p) => ({
      ...p,
      validTo: p.validTo === '9999-12-31' ? null : p.validTo,
    })),
    candidacies,
    timeline: [
      ...transitions.map((t) => ({ on: t.on, kind: 'stage', stage: t.toStage })),
      ...periods.map((p) => ({
        on: p.validFrom,
        kind: 'period',
        stage: p.startReason,
        organizationCode: p.organizationCode,
      })),
    ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)),
  };
}

/** Accent-insensitive search within the actor's subtree (or a given organization's). */
export async function listPeople(
  ctx: AppContext,
  actor: Actor,
  query: {
    q?: string | undefined;
    org?: string | undefined;
    limit?: number | undefined;
    offset?: number | undefined;
  },
) {
  const today = ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, query.org, today);
  const { ids, total } = await searchPeople(
    ctx.db,
    root,
    foldText(query.q ?? ''),
    query.limit ?? 50,
    query.offset ?? 0,
    today,
  );
  const people = await findPeople(ctx.db, ids);
  const items = people.map((p) => presentPerson(actor, p));
  await recordRead(ctx, actor, {
    action: 'person.list',
    entity: 'person',
    organizationId: root.id,
    query: { q: query.q, org: query.org, limit: query.limit, offset: query.offset },
    returned: items.length,
    total,
    personIds: ids,
    masked: !can(actor, 'readPersonalData'),
  });
  return { items, total };
}
