import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, can, resolveScopedOrganization } from '../../access/access.ts';
import { AppError, notFound, type FieldError } from '../../lib/errors.ts';
import { formatDate } from '../../../shared/dates.ts';
import { parseInput } from '../../lib/validation.ts';
import { createPersonInput, type CreatePersonInput } from '../../../shared/contracts.ts';
import { foldText, nameSortKey, normalizeText } from '../../../shared/text.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { recordRead } from '../audit/audit.service.ts';
import { isUnitInScope } from '../../access/scope.repository.ts';
import type { Db } from '../../db/database.ts';
import { listEvents } from '../audit/audit.repository.ts';
import {
  factsOf,
  OPEN,
  PERSON_FACT_FIELDS,
  placesOf,
  targetGroupPeriodsOf,
} from './person-history.repository.ts';
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
  const targetGroups = datedGroups(input.targetGroups, today);
  const dateErrors = [
    ...(input.unitFrom === undefined
      ? []
      : historyDateErrors('unitFrom', input.unitFrom, input.birthDate, today)),
    ...targetGroups.flatMap((g, i) =>
      historyDateErrors(`targetGroups.${i}.from`, g.from, input.birthDate, today),
    ),
  ];
  if (dateErrors.length > 0) throw new AppError('validation', 'Ngày không hợp lệ', dateErrors);
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
      targetGroups,
      input.unitFrom ?? input.birthDate,
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

/** Target groups as registered: a bare group is held from `today`; one group once (its earliest date). */
function datedGroups(
  groups: CreatePersonInput['targetGroups'],
  today: string,
): { group: string; from: string }[] {
  const byGroup = new Map<string, string>();
  for (const g of groups ?? []) {
    const { group, from } = typeof g === 'string' ? { group: g, from: today } : g;
    const known = byGroup.get(group);
    if (known === undefined || from < known) byGroup.set(group, from);
  }
  return [...byGroup].map(([group, from]) => ({ group, from }));
}

/**
 * Why a from-date of a person's history is refused (none: it is fine): it lies after today
 * (history is recorded, not planned) or before the birth date.
 */
export function historyDateErrors(
  field: string,
  on: string,
  birthDate: string,
  today: string,
): FieldError[] {
  if (on > today)
    return [
      {
        field,
        message: `Ngày ${formatDate(on)} ở tương lai: chỉ ghi được từ ngày đến hôm nay (${formatDate(today)})`,
        messageEn: 'Only dates up to today are allowed',
      },
    ];
  if (on < birthDate)
    return [
      {
        field,
        message: `Ngày ${formatDate(on)} trước ngày sinh (${formatDate(birthDate)})`,
        messageEn: 'The date is before the birth date',
      },
    ];
  return [];
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
  return { ...shown, ...(await personHistory(ctx.db, id, shown.masked)) };
}

/** A person as this actor may see them, with their history (no audit: after a write). */
export async function personWithHistory(db: Db, actor: Actor, id: number) {
  const [person] = await findPeople(db, [id]);
  if (!person) throw notFound('người này');
  const shown = presentPerson(actor, person);
  return { ...shown, ...(await personHistory(db, id, shown.masked)) };
}

/** Fields of a correction that a masked reader sees named but not valued. */
const MASKED_FIELDS = new Set(['nationalId', 'phone', 'address', 'religion']);

/** One dated line of a person's timeline (its shape: `src/web/api/types.ts` TimelineEvent). */
interface TimelineEntry {
  on: string;
  kind: 'stage' | 'period' | 'place' | 'fact' | 'targetGroup' | 'correction';
  stage: string | null;
  organizationCode?: string;
  unitName?: string;
  field?: string;
  value?: string | null;
  group?: string;
  joined?: boolean;
  fields?: string[];
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  reason?: string | null;
  actor?: string;
}

function openEnd(validTo: string): string | null {
  return validTo === OPEN ? null : validTo;
}

async function personHistory(db: Db, personId: number, masked: boolean) {
  const periods = await db
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
  const candidacies = await db
    .selectFrom('candidates as k')
    .innerJoin('organizations as o', 'o.id', 'k.organizationId')
    .select([
      'k.id',
      'k.stage',
      'k.stageOn',
      'o.code as organizationCode',
      'o.name as organizationName',
    ])
    .where('k.personId', '=', personId)
    .execute();
  const transitions = candidacies.length
    ? await db
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
  const [places, facts, groups, corrections] = await Promise.all([
    placesOf(db, personId),
    factsOf(db, personId),
    targetGroupPeriodsOf(db, personId),
    listEvents(db, {
      entity: 'person',
      entityId: String(personId),
      action: 'person.correct',
      scope: null,
      limit: 200,
      offset: 0,
    }),
  ]);
  const shownGroups = groups.filter((g) => !masked || !MASKED_TARGET_GROUPS.has(g.targetGroup));
  const hide = (values: unknown): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries((values ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k,
        masked && MASKED_FIELDS.has(k) ? '***' : v,
      ]),
    );
  const firstOfField = new Set(
    PERSON_FACT_FIELDS.map((field) => facts.find((f) => f.field === field)?.id),
  );
  const timeline: TimelineEntry[] = [
    ...transitions.map((t): TimelineEntry => ({ on: t.on, kind: 'stage', stage: t.toStage })),
    ...periods.map((p): TimelineEntry => ({
      on: p.validFrom,
      kind: 'period',
      stage: p.startReason,
      organizationCode: p.organizationCode,
    })),
    ...places.map((p): TimelineEntry => ({
      on: p.validFrom,
      kind: 'place',
      stage: null,
      unitName: p.unitName,
    })),
    // A fact's first period is where it was first recorded, not a change.
    ...facts
      .filter((f) => !firstOfField.has(f.id))
      .map((f): TimelineEntry => ({
        on: f.validFrom,
        kind: 'fact',
        stage: null,
        field: f.field,
        value: f.value,
      })),
    ...shownGroups.flatMap((g): TimelineEntry[] => [
      { on: g.validFrom, kind: 'targetGroup', stage: null, group: g.targetGroup, joined: true },
      ...(g.validTo === OPEN
        ? []
        : [
            {
              on: g.validTo,
              kind: 'targetGroup' as const,
              stage: null,
              group: g.targetGroup,
              joined: false,
            },
          ]),
    ]),
    ...corrections.items.map((e): TimelineEntry => ({
      on: e.at.slice(0, 10),
      kind: 'correction',
      stage: null,
      fields: Object.keys((e.after ?? {}) as Record<string, unknown>),
      before: hide(e.before),
      after: hide(e.after),
      reason: e.reason,
      actor: e.actor,
    })),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return {
    memberPeriods: periods.map((p) => ({ ...p, validTo: openEnd(p.validTo) })),
    candidacies,
    places: places.map((p) => ({
      unitCode: p.unitCode,
      unitName: p.unitName,
      validFrom: p.validFrom,
      validTo: openEnd(p.validTo),
    })),
    facts: facts.map((f) => ({
      field: f.field,
      value: f.value,
      validFrom: f.validFrom,
      validTo: openEnd(f.validTo),
    })),
    targetGroupPeriods: shownGroups.map((g) => ({
      group: g.targetGroup,
      validFrom: g.validFrom,
      validTo: openEnd(g.validTo),
    })),
    timeline,
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
