/** Vietnamese display helpers for the screens (dd/mm/yyyy, 3.040, 160%) over src/shared/text.ts. */
import { formatNumber, formatPercent } from '../../shared/text.ts';
import { formatDate } from '../../shared/dates.ts';

/** A count as 3.040, or a dash for a missing value. */
export function num(n: number | null | undefined, digits = 0): string {
  return n === null || n === undefined ? '—' : formatNumber(n, digits);
}

/** A percentage as 160% or 12,5%, or a dash. */
export function pct(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return formatPercent(n, Number.isInteger(n) ? 0 : 1);
}

/** A date as dd/mm/yyyy, or a dash. */
export function day(iso: string | null | undefined): string {
  return iso ? formatDate(iso) : '—';
}
