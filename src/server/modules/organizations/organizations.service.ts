import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, historyRoots, resolveScopedOrganization } from '../../access/access.ts';
import { isReferenceInScope } from '../../access/scope.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import {
  createOrganizationInput,
  createUnitInput,
  reorganizationInput,
  type CreateOrganizationInput,
  type CreateUnitInput,
  type ReorganizationInput,
} from '../../../shared/contracts.ts';
import { foldText, normalizeText } from '../../../shared/text.ts';
import type { Db } from '../../db/database.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import {
  ancestorIdsOn,
  attachSubtree,
  childrenAsOf,
  closeOrganization,
  countOpenMemberPeriods,
  currentNameSince,
  findOrganizationByCode,
  findUnitByCode,
  insertOrganization,
  insertUnit,
  insertUnitCoverage,
  isInSubtree,
  moveOpenCandidates,
  moveUnitCoverage,
  nameOn,
  parentIdAsOf,
  renameOrganization,
  subtreeAsOf,
  subtreeFigures,
  subtreeMemberIds,
  treeChangesAfter,
  unitsAsOf,
  type Organization,
  type TreeNode,
} from './organizations.repository.ts';
import { moveMemberPeriods } from '../membership/membership.ledger.ts';
import type { OrganizationInfo, ReorganizationAnswer } from '../../../shared/answers.ts';
import { formatDate } from '../../../shared/dates.ts';
import { addMove, describeStep, type StepEffectDraft } from './reorganization.rules.ts';

async function requireOrganization(db: Db, code: string): Promise<Organization> {
  const organization = await findOrganizationByCode(db, code);
  if (!organization)
    throw new AppError('validation', `Không có tổ chức đảng mã ${code}`, [
      { field: 'code', message: `Không có tổ chức đảng mã ${code}` },
    ]);
  return organization;
}

async function requireUnitIds(db: Db, codes: string[]): Promise<number[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('units')
    .select(['id', 'code'])
    .where('code', 'in', codes)
    .execute();
  const missing = codes.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length > 0) {
    throw new AppError('validation', `Không có đơn vị mã ${missing.join(', ')}`, [
      { field: 'unitCodes', message: `Không có đơn vị mã ${missing.join(', ')}` },
    ]);
  }
  return rows.map((r) => r.id);
}

/** Creates an organization in one transaction: its row, its dated link and closure, its units, the event. */
export async function createOrganization(
  ctx: AppContext,
  actor: Actor,
  raw: CreateOrganizationInput,
): Promise<Organization> {
  assertCan(actor, 'reorganize');
  const input = parseInput(createOrganizationInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const created = await createOrganizationIn(trx, ctx, actor, {
      ...input,
      on: input.establishedOn,
    });
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'organization.create',
      entity: 'organization',
      entityId: created.id,
      organizationId: created.id,
      effectiveOn: input.establishedOn,
      after: created,
    });
    return created;
  });
}

/** An organization to create (the parsed input) from the date `on`. */
export type CreateFields = Omit<
  ReturnType<typeof createOrganizationInput.parse>,
  'establishedOn'
> & {
  on: string;
};

/**
 * Writes an organization, its dated link and closure and its units' coverage inside the caller's
 * transaction (no event: the caller records the operation). A root (no parent) only for an actor
 * over the whole installation.
 */
export async function createOrganizationIn(
  db: Db,
  ctx: AppContext,
  actor: Actor,
  input: CreateFields,
): Promise<Organization> {
  if (await findOrganizationByCode(db, input.code)) {
    throw new AppError('validation', `Mã ${input.code} đã được dùng`, [
      { field: 'code', message: `Mã ${input.code} đã được dùng` },
    ]);
  }
  const parent = input.parentCode ? await requireOrganization(db, input.parentCode) : null;
  if (parent?.kind === 'cell') {
    throw new AppError('validation', 'Chi bộ không có tổ chức cấp dưới', [
      { field: 'parentCode', message: 'Chi bộ không có tổ chức cấp dưới' },
    ]);
  }
  if (
    actor.organizationId !== null &&
    (parent === null || !(await isInSubtree(db, actor.organizationId, parent.id, input.on)))
  ) {
    throw notFound(`tổ chức đảng ${input.parentCode ?? ''}`);
  }
  const name = normalizeText(input.name);
  const id = await insertOrganization(db, {
    code: input.code,
    name,
    nameFolded: foldText(name),
    kind: input.kind,
    level: input.level,
    sector: input.sector,
    combined: input.combined ? 1 : 0,
    decidesAdmissions: input.decidesAdmissions ? 1 : 0,
    educationException: input.educationException ? 1 : 0,
    hasYouthUnion: input.hasYouthUnion ? 1 : 0,
    establishedOn: input.on,
    createdAt: ctx.clock.now(),
  });
  await attachSubtree(db, id, parent?.id ?? null, input.on);
  const unitIds = await requireUnitIds(db, input.unitCodes);
  await insertUnitCoverage(
    db,
    unitIds.map((unitId) => ({ unitId, organizationId: id, validFrom: input.on })),
  );
  const created = await findOrganizationByCode(db, input.code);
  if (!created) throw new AppError('internal', 'organization vanished');
  return created;
}

/** Creates a unit (village, school…) and, if given, its coverage by an organization. */
export async function createUnit(
  ctx: AppContext,
  actor: Actor,
  raw: CreateUnitInput,
): Promise<{ id: number; code: string }> {
  assertCan(actor, 'write');
  const input = parseInput(createUnitInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const communeUnitId = input.communeCode
      ? ((await requireUnitIds(trx, [input.communeCode]))[0] ?? null)
      : null;
    let coveringId: number | null = null;
    if (input.organizationCode) {
      const organization = await requireOrganization(trx, input.organizationCode);
      coveringId = organization.id;
      if (
        actor.organizationId !== null &&
        organization.id !== actor.organizationId &&
        !(await isInSubtree(trx, actor.organizationId, organization.id, input.validFrom))
      )
        throw notFound(`tổ chức đảng ${input.organizationCode}`);
    }
    const id = await createUnitIn(trx, {
      ...input,
      communeUnitId,
      organizationIds: coveringId === null ? [] : [coveringId],
    });
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'unit.create',
      entity: 'unit',
      entityId: id,
      organizationId: coveringId,
      effectiveOn: input.validFrom,
      after: input,
    });
    return { id, code: input.code };
  });
}

/** A unit to create inside a caller's transaction, its commune and coverers already resolved. */
export interface NewUnit {
  code: string;
  name: string;
  kind: string;
  communeUnitId: number | null;
  sector: string | null;
  staffCount: number | null;
  validFrom: string;
  /** The organizations covering it from `validFrom` (checked in the caller's scope by the caller). */
  organizationIds: readonly number[];
}

/**
 * Creates a unit and its coverage from its first day, inside the caller's transaction (the
 * caller records the event): the one path units are created by, by hand or by an import.
 */
export async function createUnitIn(db: Db, unit: NewUnit): Promise<number> {
  if (await findUnitByCode(db, unit.code))
    throw new AppError('validation', `Mã ${unit.code} đã được dùng`, [
      { field: 'code', message: `Mã ${unit.code} đã được dùng` },
    ]);
  const name = normalizeText(unit.name);
  const id = await insertUnit(db, {
    code: unit.code,
    name,
    nameFolded: foldText(name),
    kind: unit.kind,
    communeUnitId: unit.communeUnitId,
    sector: unit.sector,
    staffCount: unit.staffCount,
    validFrom: unit.validFrom,
  });
  await insertUnitCoverage(
    db,
    unit.organizationIds.map((organizationId) => ({
      unitId: id,
      organizationId,
      validFrom: unit.validFrom,
    })),
  );
  return id;
}

/** What a reorganization does (or, for a preview, would do), step by step. */
export type ReorganizationResult = ReorganizationAnswer;

/**
 * Performs a reorganization (create, rename, move, merge, split, dissolve) as one dated operation
 * in one transaction: the tree, names, unit coverage and member periods change from `on`; before
 * it, nothing changes, so reports for earlier dates keep the earlier tree.
 */
export async function reorganize(
  ctx: AppContext,
  actor: Actor,
  raw: ReorganizationInput,
): Promise<ReorganizationResult> {
  assertCan(actor, 'reorganize');
  const input = parseInput(reorganizationInput, raw);
  await assertReorganizationInScope(ctx, actor, input);
  return ctx.db
    .transaction()
    .execute((trx) => performReorganization(trx, ctx, actor, input, { preview: false }));
}

/** Carries a preview's answer out of the transaction it rolls back. */
class PreviewRollback extends Error {
  constructor(readonly answer: ReorganizationResult) {
    super('reorganization preview rolled back');
  }
}

/**
 * What a reorganization would do, without doing it: the same checks and the same steps run in a
 * transaction that is then rolled back, so the counts are the operation's own and nothing stays
 * (no tree change, no event; the operation takes no application lock). On PostgreSQL the identity
 * sequences of the rows a preview inserted have moved on, as after any rolled-back insert.
 */
export async function previewReorganization(
  ctx: AppContext,
  actor: Actor,
  raw: ReorganizationInput,
): Promise<ReorganizationResult> {
  assertCan(actor, 'reorganize');
  const input = parseInput(reorganizationInput, raw);
  await assertReorganizationInScope(ctx, actor, input);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      throw new PreviewRollback(
        await performReorganization(trx, ctx, actor, input, { preview: true }),
      );
    });
  } catch (error) {
    if (error instanceof PreviewRollback) return error.answer;
    throw error;
  }
  throw new AppError('internal', 'reorganization preview was not rolled back');
}

async function named(db: Db, organization: Organization, on: string) {
  return { code: organization.code, name: await nameOn(db, organization, on) };
}

/** The steps of a reorganization inside the caller's transaction, with the event (unless a preview). */
async function performReorganization(
  trx: Db,
  ctx: AppContext,
  actor: Actor,
  input: ReturnType<typeof reorganizationInput.parse>,
  mode: { preview: boolean },
): Promise<ReorganizationResult> {
  const { on } = input;
  const result: ReorganizationResult = {
    on,
    preview: mode.preview,
    created: [],
    moved: [],
    dissolved: [],
    renamed: [],
    membersMoved: 0,
    unitsMoved: 0,
    candidatesMoved: 0,
    steps: [],
  };
  let effect: StepEffectDraft = { op: 'create', subjects: [], moves: [], dissolved: [] };
  // Every organization a step touches, and the parents they leave: the event is theirs too.
  const touched = new Set<number>();
  const touch = async (organization: { id: number }) => {
    touched.add(organization.id);
    const parentId = await parentIdAsOf(trx, organization.id, on);
    if (parentId !== null) touched.add(parentId);
  };
  const move = async (organization: Organization, parent: Organization) => {
    const subtree = await subtreeMemberIds(trx, organization.id, on);
    if (subtree.includes(parent.id))
      throw new AppError(
        'validation',
        `Không thể chuyển ${organization.code} vào chính nó hoặc tổ chức trực thuộc của nó`,
        [{ field: 'steps', message: `${parent.code} nằm trong ${organization.code}` }],
      );
    await assertNoLaterTreeChanges(
      trx,
      [
        ...subtree,
        ...(await ancestorIdsOn(trx, organization.id, on)),
        ...(await ancestorIdsOn(trx, parent.id, on)),
      ],
      on,
    );
    await touch(organization);
    touched.add(parent.id);
    addMove(
      effect.moves,
      await named(trx, parent, on),
      await subtreeFigures(trx, organization.id, on),
    );
    await attachSubtree(trx, organization.id, parent.id, on);
    result.moved.push(organization.code);
  };
  const dissolve = async (organization: Organization) => {
    await touch(organization);
    if (
      (await childrenAsOf(trx, organization.id, on)).length > 0 ||
      (await countOpenMemberPeriods(trx, organization.id, on)) > 0
    ) {
      throw new AppError(
        'rule.dissolve_not_empty',
        `Tổ chức ${organization.code} còn tổ chức trực thuộc hoặc đảng viên; hãy chuyển đi trước khi giải thể`,
        [{ field: 'steps', message: `${organization.code} chưa trống` }],
      );
    }
    await assertNoLaterTreeChanges(trx, [organization.id], on);
    effect.dissolved.push(await named(trx, organization, on));
    await closeOrganization(trx, organization.id, on);
    result.dissolved.push(organization.code);
  };
  const absorb = async (
    source: Organization,
    target: Organization,
    childCodes?: string[],
    unitCodes?: string[],
  ) => {
    for (const child of await childrenAsOf(trx, source.id, on)) {
      if (!childCodes || childCodes.includes(child.code)) await move(child, target);
    }
    touched.add(source.id);
    touched.add(target.id);
    const unitIds = unitCodes ? await requireUnitIds(trx, unitCodes) : undefined;
    const units = await moveUnitCoverage(trx, source.id, target.id, on, unitIds);
    const members = await moveMemberPeriods(trx, source.id, target.id, on, unitIds);
    const candidates = await moveOpenCandidates(trx, source.id, target.id, on);
    addMove(effect.moves, await named(trx, target, on), {
      organizations: 0,
      cells: 0,
      members,
      candidates,
      units,
    });
    result.unitsMoved += units;
    result.membersMoved += members;
    result.candidatesMoved += candidates;
  };
  const rename = async (organization: Organization, name: string, index: number) => {
    const newName = normalizeText(name);
    const field = `steps.${index}.name`;
    if (newName === organization.name)
      throw new AppError('validation', 'Tên mới trùng với tên hiện tại', [
        { field, message: 'Tên mới trùng với tên hiện tại' },
      ]);
    const since = await currentNameSince(trx, organization);
    if (on <= since || (organization.dissolvedOn !== null && organization.dissolvedOn <= on))
      throw new AppError(
        'validation',
        `Ngày đổi tên phải sau ngày ${formatDate(since)} (ngày tên hiện tại bắt đầu) và khi tổ chức còn hoạt động`,
        [{ field: 'on', message: `Ngày đổi tên phải sau ngày ${formatDate(since)}` }],
      );
    // organizations.name is the name today; a rename from a later day would show early everywhere.
    if (on > ctx.clock.today())
      throw new AppError('validation', 'Chưa thể đổi tên từ một ngày sau hôm nay', [
        { field: 'on', message: 'Ngày đổi tên không được sau hôm nay' },
      ]);
    await touch(organization);
    effect.rename = { from: organization.name, to: newName };
    await renameOrganization(trx, organization, since, on, newName, foldText(newName));
    result.renamed.push(organization.code);
  };

  for (const [index, step] of input.steps.entries()) {
    effect = { op: step.op, subjects: [], moves: [], dissolved: [] };
    switch (step.op) {
      case 'create': {
        const { op: _op, ...fields } = step;
        const created = await createOrganizationIn(trx, ctx, actor, { ...fields, on });
        await touch(created);
        effect.subjects.push(await named(trx, created, on));
        if (fields.parentCode) {
          const parent = await requireOrganization(trx, fields.parentCode);
          addMove(effect.moves, await named(trx, parent, on), {
            organizations: 1,
            cells: created.kind === 'cell' ? 1 : 0,
            members: 0,
            candidates: 0,
            units: fields.unitCodes.length,
          });
        }
        result.created.push(created.code);
        break;
      }
      case 'rename': {
        const organization = await requireOrganization(trx, step.code);
        effect.subjects.push(await named(trx, organization, on));
        await rename(organization, step.name, index);
        break;
      }
      case 'move': {
        const organization = await requireOrganization(trx, step.code);
        effect.subjects.push(await named(trx, organization, on));
        await move(organization, await requireOrganization(trx, step.toParentCode));
        break;
      }
      case 'merge': {
        const target = await requireOrganization(trx, step.intoCode);
        for (const code of step.codes) {
          const source = await requireOrganization(trx, code);
          effect.subjects.push(await named(trx, source, on));
          await absorb(source, target);
          await dissolve(source);
        }
        break;
      }
      case 'split': {
        const source = await requireOrganization(trx, step.code);
        effect.subjects.push(await named(trx, source, on));
        for (const part of step.into) {
          await absorb(
            source,
            await requireOrganization(trx, part.code),
            part.childCodes,
            part.unitCodes,
          );
        }
        const first = step.into[0];
        if (first) await absorb(source, await requireOrganization(trx, first.code));
        await dissolve(source);
        break;
      }
      case 'dissolve': {
        const organization = await requireOrganization(trx, step.code);
        effect.subjects.push(await named(trx, organization, on));
        await dissolve(organization);
        break;
      }
    }
    result.steps.push({ ...effect, text: describeStep(effect, on) });
  }
  if (!mode.preview)
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'organization.reorganize',
      entity: 'reorganization',
      entityId: input.decisionNo ?? null,
      organizationIds: [...touched],
      effectiveOn: on,
      reason: input.reason,
      after: { steps: input.steps, result },
    });
  return result;
}

/**
 * A scoped admin may reorganize only inside their subtree, as it stands today and on the
 * operation's date (the scope rule of access/scope.ts, for writes): every organization and unit
 * a step names (other than the organizations the operation creates) must lie in it, else it is
 * "not found" — whether or not it exists elsewhere. The route checks the same before the body
 * reaches here; this also covers the parts of a split, which may be created by an earlier step.
 */
async function assertReorganizationInScope(
  ctx: AppContext,
  actor: Actor,
  input: ReturnType<typeof reorganizationInput.parse>,
): Promise<void> {
  if (actor.organizationId === null) return;
  const created = new Set(input.steps.flatMap((s) => (s.op === 'create' ? [s.code] : [])));
  const named = input.steps.flatMap((s) => {
    switch (s.op) {
      case 'create':
        return s.parentCode ? [s.parentCode] : [];
      case 'move':
        return [s.code, s.toParentCode];
      case 'merge':
        return [...s.codes, s.intoCode];
      case 'split':
        return [s.code, ...s.into.flatMap((p) => [p.code, ...p.childCodes])];
      case 'dissolve':
      case 'rename':
        return [s.code];
    }
  });
  const units = input.steps.flatMap((s) =>
    s.op === 'create' ? s.unitCodes : s.op === 'split' ? s.into.flatMap((p) => p.unitCodes) : [],
  );
  const check = { purpose: 'write' as const, on: input.on };
  for (const code of new Set(named.filter((c) => !created.has(c))))
    if (!(await isReferenceInScope(ctx, actor, 'organization', code, check)))
      throw notFound(`tổ chức đảng ${code}`);
  for (const code of new Set(units))
    if (!(await isReferenceInScope(ctx, actor, 'unit', code, check)))
      throw notFound(`đơn vị ${code}`);
}

/**
 * A reorganization on `on` may not touch a part of the tree that changed after `on` (the later
 * change was recorded against the tree as it then stood; rewriting under it would leave links
 * that end before they start): record changes in date order.
 */
async function assertNoLaterTreeChanges(db: Db, organizationIds: number[], on: string) {
  const later = await treeChangesAfter(db, organizationIds, on);
  if (later.length > 0)
    throw new AppError(
      'rule.organization_changed_later',
      `Đã có thay đổi tổ chức sau ngày ${on}; hãy ghi các thay đổi theo thứ tự thời gian`,
      [{ field: 'on', message: `Có thay đổi sau ngày này (${later.join(', ')})` }],
    );
}

/** The caller's subtree (or a given organization's) as the tree stood on a date. */
export async function listOrganizations(
  ctx: AppContext,
  actor: Actor,
  query: { org?: string; asOf?: string },
): Promise<TreeNode[]> {
  const asOf = query.asOf ?? ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, query.org, asOf);
  const nodes: TreeNode[] = [];
  for (const id of await historyRoots(ctx, root, asOf))
    nodes.push(...(await subtreeAsOf(ctx.db, id, asOf)));
  if (nodes.length === 0 && query.org) throw notFound(`tổ chức đảng ${query.org} vào ngày ${asOf}`);
  return nodes;
}

/**
 * One organization of the caller's subtree with its lifetime (established, dissolved), whatever
 * the date: screens use it to say "dissolved on …" instead of showing a dissolved one's zeros.
 */
export async function getOrganization(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<OrganizationInfo> {
  const organization = await resolveScopedOrganization(ctx, actor, code, ctx.clock.today());
  return {
    code: organization.code,
    name: organization.name,
    kind: organization.kind,
    level: organization.level,
    sector: organization.sector,
    combined: organization.combined,
    decidesAdmissions: organization.decidesAdmissions,
    establishedOn: organization.establishedOn,
    dissolvedOn: organization.dissolvedOn,
  };
}

/** Units (villages, schools, agencies…) covered by the caller's subtree on a date: for pickers and lists. */
export async function listUnits(
  ctx: AppContext,
  actor: Actor,
  query: {
    org?: string | undefined;
    asOf?: string | undefined;
    kind?: string | undefined;
    q?: string | undefined;
    limit?: number | undefined;
  },
) {
  const asOf = query.asOf ?? ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, query.org, asOf);
  const items = await unitsAsOf(
    ctx.db,
    root.id,
    asOf,
    { kind: query.kind, nameFolded: query.q ? foldText(query.q) : undefined },
    query.limit ?? 100,
  );
  return { items };
}
