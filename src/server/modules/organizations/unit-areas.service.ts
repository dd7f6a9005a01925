/**
 * Use cases of the dated area kinds of units (issue 16 finding 6): list them, date one from a
 * day, end one from a day. Each change is one row and one audit event with actor and reason.
 */
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan } from '../../access/access.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import {
  AREA_KIND_LABELS,
  endUnitAreaKindInput,
  unitAreaKindInput,
  type AREA_KINDS,
  type UnitAreaKinds,
} from '../../../shared/pipeline.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import {
  areaKindsOfUnit,
  coveringOrganization,
  endAreaKind,
  insertAreaKind,
  openAreaKind,
  unitByCode,
} from './unit-areas.repository.ts';

const OPEN = '9999-12-31';
type AreaKind = (typeof AREA_KINDS)[number];

async function loadUnit(ctx: AppContext, code: string) {
  const unit = await unitByCode(ctx.db, code);
  if (!unit) throw notFound('đơn vị');
  return unit;
}

async function answer(ctx: AppContext, unit: { id: number; code: string; name: string }) {
  const rows = await areaKindsOfUnit(ctx.db, unit.id);
  const result: UnitAreaKinds = {
    unit: { code: unit.code, name: unit.name },
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as AreaKind,
      label: AREA_KIND_LABELS[r.kind as AreaKind] ?? r.kind,
      validFrom: r.validFrom,
      validTo: r.validTo === OPEN ? null : r.validTo,
    })),
  };
  return result;
}

/** The dated area kinds of a unit of the caller's subtree (the route resolved its code). */
export async function listUnitAreaKinds(ctx: AppContext, actor: Actor, code: string) {
  assertCan(actor, 'read');
  return answer(ctx, await loadUnit(ctx, code));
}

/** Dates a kind of area on a unit from a day; refused when that kind is already open then. */
export async function addUnitAreaKind(ctx: AppContext, actor: Actor, code: string, raw: unknown) {
  assertCan(actor, 'write');
  const input = parseInput(unitAreaKindInput, raw);
  const unit = await loadUnit(ctx, code);
  await ctx.db.transaction().execute(async (trx) => {
    const open = await openAreaKind(trx, unit.id, input.kind, input.from);
    if (open)
      throw new AppError('validation', 'Đơn vị đã có loại vùng này', [
        {
          field: 'kind',
          message: `${AREA_KIND_LABELS[input.kind]} đã ghi từ ${open.validFrom}`,
          messageEn: `Already recorded from ${open.validFrom}`,
        },
      ]);
    await insertAreaKind(trx, unit.id, input.kind, input.from);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'unit.area_kind.add',
      entity: 'unit',
      entityId: unit.id,
      organizationId: await coveringOrganization(trx, unit.id, input.from),
      effectiveOn: input.from,
      reason: input.reason ?? null,
      after: { kind: input.kind, from: input.from },
    });
  });
  return answer(ctx, unit);
}

/** Ends a kind of area of a unit from a day (the row is kept, dated). */
export async function endUnitAreaKind(ctx: AppContext, actor: Actor, code: string, raw: unknown) {
  assertCan(actor, 'write');
  const input = parseInput(endUnitAreaKindInput, raw);
  const unit = await loadUnit(ctx, code);
  await ctx.db.transaction().execute(async (trx) => {
    const open = await openAreaKind(trx, unit.id, input.kind, input.on);
    if (!open || open.validFrom >= input.on)
      throw new AppError('validation', 'Đơn vị không có loại vùng này vào ngày đó', [
        {
          field: 'on',
          message: open
            ? `${AREA_KIND_LABELS[input.kind]} ghi từ ${open.validFrom}; ngày kết thúc phải sau ngày đó`
            : `${AREA_KIND_LABELS[input.kind]} không mở vào ngày ${input.on}`,
          messageEn: 'No open period of this kind before that day',
        },
      ]);
    await endAreaKind(trx, open.id, input.on);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'unit.area_kind.end',
      entity: 'unit',
      entityId: unit.id,
      organizationId: await coveringOrganization(trx, unit.id, input.on),
      effectiveOn: input.on,
      reason: input.reason,
      before: { kind: input.kind, from: open.validFrom, to: null },
      after: { kind: input.kind, from: open.validFrom, to: input.on },
    });
  });
  return answer(ctx, unit);
}
