import type { DuplicatePair } from '../../../shared/people-answers.ts';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, resolveScopedOrganization } from '../../access/access.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { code } from '../../../shared/contracts.ts';
import { formatDate } from '../../../shared/dates.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { recordRead } from '../audit/audit.service.ts';
import {
  duplicateCheckInput,
  type DuplicateCheckAnswer,
  type DuplicateCheckInput,
} from '../../../shared/duplicate-check.ts';
import { foldText, normalizeText } from '../../../shared/text.ts';
import { peopleInScopeAmong, unitIdByCode } from '../../access/scope.repository.ts';
import {
  findLikelyDuplicates,
  findPeople,
  isPersonInSubtree,
  organizationsOfPeople,
} from '../people/people.repository.ts';
import { mask, presentPerson } from '../people/people.service.ts';
import { DUPLICATE_REASON_LABELS } from '../people/duplicates.rules.ts';
import {
  findDuplicatePairs,
  findPersonForMerge,
  historyCounts,
  insertDismissal,
  markMerged,
  membershipSpans,
  repointHistory,
} from './duplicates.repository.ts';

/**
 * Duplicate review (SPEC §8): likely pairs side by side, merge (both histories kept under one
 * person, the other record marked merged, nothing deleted) and "not duplicates" remembered.
 */

/** Query of the review list. */
export const duplicatesQuery = z.object({
  org: code.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** Merge input: the person kept and the one merged into it. */
export const mergeInput = z
  .object({
    keepId: z.coerce.number().int().positive(),
    mergeId: z.coerce.number().int().positive(),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((v) => v.keepId !== v.mergeId, {
    message: 'Hai hồ sơ phải khác nhau',
    path: ['mergeId'],
  });

/** Dismiss input: a pair that is not the same person. */
export const dismissInput = z
  .object({
    aId: z.coerce.number().int().positive(),
    bId: z.coerce.number().int().positive(),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((v) => v.aId !== v.bId, { message: 'Hai hồ sơ phải khác nhau', path: ['bId'] });

/** Likely duplicate pairs in the actor's subtree (or a given organization's), not yet dismissed. */
export async function listDuplicates(
  ctx: AppContext,
  actor: Actor,
  raw: z.input<typeof duplicatesQuery>,
): Promise<{ items: DuplicatePair[] }> {
  assertCan(actor, 'readPersonalData');
  const query = parseInput(duplicatesQuery, raw);
  const today = ctx.clock.today();
  const rootId =
    query.org || actor.organizationId !== null
      ? (await resolveScopedOrganization(ctx, actor, query.org, today)).id
      : null;
  const pairs = await findDuplicatePairs(ctx.db, { rootId, today, limit: query.limit ?? 100 });
  const people = new Map(
    (await findPeople(ctx.db, [...new Set(pairs.flatMap((p) => [p.aId, p.bId]))])).map((p) => [
      p.id,
      p,
    ]),
  );
  const items: DuplicatePair[] = [];
  for (const pair of pairs) {
    const a = people.get(pair.aId);
    const b = people.get(pair.bId);
    if (!a || !b) continue;
    items.push({
      reason: pair.reason,
      reasonText: DUPLICATE_REASON_LABELS[pair.reason],
      a: { ...presentPerson(actor, a), history: await historyCounts(ctx.db, a.id) },
      b: { ...presentPerson(actor, b), history: await historyCounts(ctx.db, b.id) },
    });
  }
  await recordRead(ctx, actor, {
    action: 'duplicate.list',
    entity: 'person',
    organizationId: rootId,
    query,
    returned: items.length,
    personIds: items.flatMap((pair) => [pair.a.id, pair.b.id]),
  });
  return { items };
}

/** Strongest reason first, as the form lists them. */
const REASON_ORDER = { national_id: 0, name_birth_date: 1, close_name: 2 } as const;

/**
 * The people of the caller's scope who may be the person about to be registered (the same rules
 * as the duplicate review: national ID, folded name and birth date, a close name in the same unit
 * and birth year). Others are left out: a hint about another commune's person would say who
 * exists there (docs/security.md). The answer names people, so it is audited as a read.
 */
export async function checkDuplicates(
  ctx: AppContext,
  actor: Actor,
  raw: DuplicateCheckInput,
): Promise<DuplicateCheckAnswer> {
  assertCan(actor, 'write');
  const input = parseInput(duplicateCheckInput, raw);
  const today = ctx.clock.today();
  const unitId = input.unitCode ? await unitIdByCode(ctx.db, input.unitCode) : undefined;
  const likely = await findLikelyDuplicates(ctx.db, {
    nationalId: input.nationalId ?? null,
    nameFolded: foldText(normalizeText(input.fullName)),
    birthDate: input.birthDate,
    unitId: unitId ?? null,
  });
  const root = actor.organizationId;
  const visible =
    root === null
      ? new Set(likely.map((d) => d.id))
      : await peopleInScopeAmong(
          ctx.db,
          root,
          likely.map((d) => d.id),
          today,
        );
  const people = new Map(
    (await findPeople(ctx.db, [...visible])).map((person) => [person.id, person]),
  );
  const items = likely
    .flatMap((d) => {
      const person = people.get(d.id);
      return person
        ? [
            {
              id: person.id,
              fullName: person.fullName,
              birthDate: person.birthDate,
              unitName: person.unitName,
              nationalIdMasked: mask(person.nationalId),
              reason: d.reason,
              reasonText: DUPLICATE_REASON_LABELS[d.reason],
            },
          ]
        : [];
    })
    .sort((a, b) => REASON_ORDER[a.reason] - REASON_ORDER[b.reason]);
  await recordRead(ctx, actor, {
    action: 'duplicate.check',
    entity: 'person',
    organizationId: root,
    returned: items.length,
    personIds: items.map((item) => item.id),
  });
  return { items };
}

async function requireMergeable(ctx: AppContext, actor: Actor, id: number) {
  const person = await findPersonForMerge(ctx.db, id);
  if (!person) throw notFound('người này');
  if (
    actor.organizationId !== null &&
    !(await isPersonInSubtree(ctx.db, actor.organizationId, id, ctx.clock.today()))
  )
    throw notFound('người này');
  if (person.mergedIntoId !== null)
    throw new AppError(
      'rule.person_already_merged',
      `Hồ sơ mã ${id} đã được gộp vào mã ${person.mergedIntoId}`,
      [{ field: 'mergeId', message: 'Đã gộp' }],
    );
  return person;
}

/** Fields the kept record takes from the merged one when it has none. */
const FILLABLE = [
  'nationalId',
  'phone',
  'address',
  'religion',
  'unitId',
  'professionalLevel',
  'politicalTheory',
  'occupation',
] as const;

/**
 * Merges `mergeId` into `keepId` in one transaction: its member periods, memberships,
 * candidacies, helper links and target groups move to the kept person, the kept record's empty
 * fields are filled from it, and it is marked merged (kept, never deleted). Audited on both
 * records with before and after. Refused when the two were members over the same days, since a
 * human is one member once: end the duplicated membership first.
 */
export async function mergePeople(ctx: AppContext, actor: Actor, raw: z.input<typeof mergeInput>) {
  assertCan(actor, 'write');
  const input = parseInput(mergeInput, raw);
  const keep = await requireMergeable(ctx, actor, input.keepId);
  const merge = await requireMergeable(ctx, actor, input.mergeId);
  const keepSpans = await membershipSpans(ctx.db, keep.id);
  const mergeSpans = await membershipSpans(ctx.db, merge.id);
  for (const a of keepSpans)
    for (const b of mergeSpans)
      if (a.admittedOn < b.endedOn && b.admittedOn < a.endedOn)
        throw new AppError(
          'rule.merge_overlapping_memberships',
          `Hai hồ sơ cùng là đảng viên trong cùng thời gian (kết nạp ${formatDate(a.admittedOn)} và ${formatDate(b.admittedOn)}); hãy chấm dứt đảng tịch ghi trùng trước khi gộp`,
          [{ field: 'mergeId', message: 'Đảng tịch trùng thời gian' }],
        );
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    // Both people's organizations, read before the merge moves the history: the admins of
    // either side see the merge.
    const organizationIds = await organizationsOfPeople(trx, [keep.id, merge.id]);
    const [keepBefore, mergeBefore] = await findPeople(trx, [keep.id, merge.id]);
    const historyBefore = {
      keep: await historyCounts(trx, keep.id),
      merge: await historyCounts(trx, merge.id),
    };
    const fill: Record<string, string | number> = {};
    for (const field of FILLABLE) {
      const value = merge[field];
      if (keep[field] === null && value !== null) fill[field] = value;
    }
    const moved = await repointHistory(trx, keep.id, merge.id);
    await markMerged(trx, keep.id, merge.id, fill, now);
    const [keepAfter] = await findPeople(trx, [keep.id]);
    if (!keepAfter) throw new AppError('internal', 'kept person vanished');
    const history = await historyCounts(trx, keep.id);
    for (const [entityId, action] of [
      [keep.id, 'person.merge'],
      [merge.id, 'person.merged_into'],
    ] as const) {
      await recordEvent(trx, actor, now, {
        action,
        entity: 'person',
        entityId,
        organizationIds,
        reason: input.reason ?? null,
        before: { keep: keepBefore, merge: mergeBefore, history: historyBefore },
        after: {
          keep: keepAfter,
          mergedId: merge.id,
          mergedIntoId: keep.id,
          moved,
          filled: Object.keys(fill),
          history,
        },
      });
    }
    return { kept: { ...presentPerson(actor, keepAfter), history }, mergedId: merge.id, moved };
  });
}

/** Remembers that two records are different people, so the pair is never proposed again. */
export async function dismissDuplicate(
  ctx: AppContext,
  actor: Actor,
  raw: z.input<typeof dismissInput>,
) {
  assertCan(actor, 'write');
  const input = parseInput(dismissInput, raw);
  await requireMergeable(ctx, actor, input.aId);
  await requireMergeable(ctx, actor, input.bId);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const organizationIds = await organizationsOfPeople(trx, [input.aId, input.bId]);
    await insertDismissal(trx, input.aId, input.bId, actor.username, now, input.reason ?? null);
    for (const [entityId, other] of [
      [input.aId, input.bId],
      [input.bId, input.aId],
    ] as const)
      await recordEvent(trx, actor, now, {
        action: 'person.not_duplicate',
        entity: 'person',
        entityId,
        organizationIds,
        reason: input.reason ?? null,
        after: { notDuplicateOf: other },
      });
  });
  return {
    aId: Math.min(input.aId, input.bId),
    bId: Math.max(input.aId, input.bId),
    dismissed: true,
  };
}
