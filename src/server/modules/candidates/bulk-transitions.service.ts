/**
 * Moving several dossiers to the same stage on the same date (the board's bulk action). Each
 * dossier is judged by the rules of a single transition and written in its own transaction, so
 * one refused dossier leaves the others moved; the answer lists each dossier's result, in the
 * order given, with the refusal's code and its Vietnamese reasons.
 */
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, assertOrganizationInScope } from '../../access/access.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import {
  bulkTransitionInput,
  type BulkTransitionAnswer,
  type BulkTransitionItem,
} from '../../../shared/daily.ts';
import type { PipelineStateName } from '../../../shared/pipeline.ts';
import { workingDayCalendar } from '../calendar/calendar.service.ts';
import { applyTransition } from './candidates.service.ts';
import { findCandidate, personNameOf } from './candidates.repository.ts';

/** The refusal of one dossier as one Vietnamese sentence: the title, then each field's reason. */
function refusalText(error: AppError): string {
  const reasons = [...new Set(error.errors.map((e) => e.message))].filter(
    (m) => m !== error.message,
  );
  return reasons.length > 0 ? `${error.message} — ${reasons.join('; ')}` : error.message;
}

/** Moves each dossier where the rules allow it; the others stay, each with its reason. */
export async function bulkTransition(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<BulkTransitionAnswer> {
  assertCan(actor, 'write');
  const input = parseInput(bulkTransitionInput, raw);
  const { candidateIds, ...transition } = input;
  const calendar = await workingDayCalendar(ctx.db);
  const items: BulkTransitionItem[] = [];
  for (const id of [...new Set(candidateIds)]) {
    const existing = await findCandidate(ctx.db, id);
    if (!existing) continue; // resolved through the scope before the handler; gone since
    await assertOrganizationInScope(ctx, actor, existing.organizationId);
    const fullName = (await personNameOf(ctx.db, existing.personId)) ?? '';
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const candidate = await findCandidate(trx, id);
        if (!candidate) throw new AppError('not_found', 'Không tìm thấy hồ sơ này');
        await applyTransition(
          trx,
          ctx,
          actor,
          candidate,
          { ...transition, outcome: 'done' },
          calendar,
        );
      });
      items.push({ candidateId: id, fullName, moved: true, stage: transition.to });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      items.push({
        candidateId: id,
        fullName,
        moved: false,
        stage: existing.stage as PipelineStateName,
        code: error.code,
        message: refusalText(error),
      });
    }
  }
  const moved = items.filter((i) => i.moved).length;
  return { items, moved, refused: items.length - moved };
}
