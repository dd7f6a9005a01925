/**
 * The regulations register (issue 16): the shipped texts merged with those an administrator
 * added, which texts are in force on a date for a role, and adding a text. A new text is cited
 * by documents from its effective date; the rule values of a new version of the implementing
 * regulation still ship in code (candidates/rule-versions.ts) with a release.
 */
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import type { Db } from '../../db/database.ts';
import { assertCan, assertCanConfigure } from '../../access/access.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { formatDate } from '../../../shared/dates.ts';
import {
  regulationInput,
  type RegulationGoverns,
  type RegulationItem,
  type RegulationList,
} from '../../../shared/regulations.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { insertRegulation, listStoredRegulations } from './regulations.repository.ts';
import {
  documentBasis,
  inForceOn,
  mergeRegulations,
  regulationKey,
  type StoredRegulation,
} from './regulations.rules.ts';

/** The whole register: shipped texts and the ones added since. */
export async function regulationRegister(db: Db): Promise<RegulationItem[]> {
  return mergeRegulations(await listStoredRegulations(db));
}

/** The texts of a role in force on a date, from the installation's register. */
export async function regulationsInForceOn(
  db: Db,
  date: string,
  governs: RegulationGoverns,
): Promise<RegulationItem[]> {
  return inForceOn(date, governs, await regulationRegister(db));
}

/** The "Căn cứ" lines of a document dated `date` (implementing rules, guidance, forms). */
export async function documentBasisOn(db: Db, date: string): Promise<string[]> {
  return documentBasis(date, await regulationRegister(db));
}

/** `GET /api/v1/regulations`: every text, for any signed-in user. */
export async function listRegulations(ctx: AppContext, actor: Actor): Promise<RegulationList> {
  assertCan(actor, 'read');
  return { items: await regulationRegister(ctx.db) };
}

/** Adds a text (administrators of the whole installation); nothing is changed or deleted. */
export async function addRegulation(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<RegulationItem> {
  await assertCanConfigure(ctx, actor);
  const input = parseInput(regulationInput, raw);
  const text: StoredRegulation = {
    number: input.number,
    signedOn: input.signedOn,
    title: input.title,
    issuer: input.issuer,
    effectiveFrom: input.effectiveFrom,
    governs: input.governs,
    replaces: input.replaces ?? null,
    source: input.source ? input.source : null,
    confirmed: input.confirmed,
    note: input.note,
  };
  const key = regulationKey(text.number, text.signedOn);
  return ctx.db.transaction().execute(async (trx) => {
    const register = await regulationRegister(trx);
    if (register.some((item) => regulationKey(item.number, item.signedOn) === key))
      throw new AppError(
        'conflict',
        `Văn bản ${text.number} ngày ${formatDate(text.signedOn)} đã có trong danh mục`,
        [{ field: 'number', message: 'Đã có văn bản cùng số hiệu và ngày ký' }],
      );
    if (text.replaces) {
      const replaced = register.find(
        (item) =>
          regulationKey(item.number, item.signedOn) ===
          regulationKey(text.replaces?.number ?? '', text.replaces?.signedOn ?? ''),
      );
      if (!replaced)
        throw new AppError('validation', 'Không tìm thấy văn bản được thay thế', [
          { field: 'replaces', message: 'Chọn một văn bản có trong danh mục' },
        ]);
      if (replaced.governs !== text.governs)
        throw new AppError(
          'validation',
          'Văn bản thay thế phải cùng loại với văn bản bị thay thế',
          [{ field: 'governs', message: `Văn bản bị thay thế thuộc loại "${replaced.governs}"` }],
        );
      if (replaced.replacedBy !== null)
        throw new AppError(
          'validation',
          `Văn bản ${replaced.number} đã được thay thế bởi ${replaced.replacedBy}`,
          [{ field: 'replaces', message: 'Văn bản này đã được thay thế' }],
        );
      if (replaced.effectiveFrom >= text.effectiveFrom)
        throw new AppError(
          'validation',
          'Văn bản thay thế phải có hiệu lực sau văn bản bị thay thế',
          [
            {
              field: 'effectiveFrom',
              message: `Phải sau ngày ${formatDate(replaced.effectiveFrom)}`,
            },
          ],
        );
    }
    const id = await insertRegulation(trx, text, ctx.clock.now(), actor.username);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'regulation.create',
      entity: 'regulation',
      entityId: id,
      effectiveOn: text.effectiveFrom,
      reason: input.reason,
      after: text,
    });
    const added = mergeRegulations(await listStoredRegulations(trx)).find(
      (item) => regulationKey(item.number, item.signedOn) === key,
    );
    if (!added) throw new Error('The added regulation was not found');
    return added;
  });
}
