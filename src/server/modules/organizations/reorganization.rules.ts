/**
 * The Vietnamese sentence of one reorganization step ("12 chi bộ, 340 đảng viên sẽ chuyển sang
 * Đảng bộ xã …"): pure, from the step's counted effect, so the preview and the operation say the
 * same thing.
 */
import type {
  NamedOrganization,
  ReorganizationMove,
  ReorganizationStepEffect,
} from '../../../shared/answers.ts';
import { formatDate } from '../../../shared/dates.ts';
import { formatNumber } from '../../../shared/text.ts';

/** A step's effect before its sentence is written. */
export type StepEffectDraft = Omit<ReorganizationStepEffect, 'text'>;

function names(organizations: NamedOrganization[]): string {
  return organizations.map((o) => o.name).join(', ');
}

/** "12 chi bộ, 1 đảng bộ, 340 đảng viên, 3 hồ sơ kết nạp, 10 đơn vị" (zero counts left out). */
export function movedCounts(move: Omit<ReorganizationMove, 'to'>): string {
  const committees = move.organizations - move.cells;
  const parts = [
    [move.cells, 'chi bộ'],
    [committees, 'đảng bộ'],
    [move.members, 'đảng viên'],
    [move.candidates, 'hồ sơ kết nạp'],
    [move.units, 'đơn vị (thôn, bản, trường…)'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${formatNumber(n)} ${what}`)
    .join(', ');
}

function movesSentence(moves: ReorganizationMove[]): string {
  const said = moves
    .map((m) => ({ counts: movedCounts(m), to: m.to }))
    .filter((m) => m.counts !== '')
    .map((m) => `${m.counts} sẽ chuyển sang ${m.to.name}`);
  return said.length > 0
    ? said.join('; ')
    : 'không có chi bộ, đảng viên, hồ sơ hay đơn vị nào phải chuyển';
}

/** The sentence of one step on its date. */
export function describeStep(effect: StepEffectDraft, on: string): string {
  const date = formatDate(on);
  const subjects = names(effect.subjects);
  switch (effect.op) {
    case 'create': {
      const parent = effect.moves[0]?.to;
      return parent
        ? `Thành lập ${subjects} trực thuộc ${parent.name} từ ngày ${date}.`
        : `Thành lập ${subjects} từ ngày ${date}.`;
    }
    case 'rename':
      return `Đổi tên ${effect.rename?.from ?? subjects} thành ${effect.rename?.to ?? ''} từ ngày ${date}.`;
    case 'move':
      return `Chuyển ${subjects} sang ${effect.moves[0]?.to.name ?? ''} từ ngày ${date}: ${movesSentence(effect.moves)}.`;
    case 'merge':
      return `Hợp nhất ${subjects} vào ${effect.moves[0]?.to.name ?? ''} từ ngày ${date}: ${movesSentence(effect.moves)}; ${subjects} giải thể.`;
    case 'split':
      return `Chia tách ${subjects} từ ngày ${date}: ${movesSentence(effect.moves)}; ${subjects} giải thể.`;
    case 'dissolve':
      return `Giải thể ${subjects} từ ngày ${date}.`;
  }
}

/** Adds what moves to one organization to a step's moves (one entry per receiving organization). */
export function addMove(
  moves: ReorganizationMove[],
  to: NamedOrganization,
  counts: Omit<ReorganizationMove, 'to'>,
): void {
  let entry = moves.find((m) => m.to.code === to.code);
  if (!entry) {
    entry = { to, organizations: 0, cells: 0, members: 0, candidates: 0, units: 0 };
    moves.push(entry);
  }
  entry.organizations += counts.organizations;
  entry.cells += counts.cells;
  entry.members += counts.members;
  entry.candidates += counts.candidates;
  entry.units += counts.units;
}
