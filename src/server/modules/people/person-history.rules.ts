/** Pure logic of a person's dated history (no SQL). */

/** One dated period of a value. */
export interface Period<T> {
  id: number;
  value: T;
  validFrom: string;
  validTo: string;
}

/**
 * The value of a history on a date. A person with no period at all (written before the history
 * existed, or by a bulk loader that does not keep it) has `current` at every date. Before the
 * first period: `beforeFirst` (the first value for facts, since they start at the birth date and
 * only a corrected birth date leaves a gap; nothing for a place, where the person lived before is
 * unknown).
 */
export function valueOn<T>(
  periods: readonly Period<T>[],
  on: string,
  current: T,
  beforeFirst: 'first' | 'none',
): T | null {
  if (periods.length === 0) return current;
  const covering = periods.find((p) => p.validFrom <= on && on < p.validTo);
  if (covering) return covering.value;
  const sorted = [...periods].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  const first = sorted[0];
  if (first && on < first.validFrom) return beforeFirst === 'first' ? first.value : null;
  return null;
}

/**
 * Since when a person has been, without a break, in places that `inside` accepts, up to `on`
 * (consecutive periods in different accepted units count as one run: a move between two villages
 * of the same commune). Null when their place on `on` is unknown or not accepted.
 */
export function placeRunSince(
  periods: readonly Period<number>[],
  on: string,
  inside: (unitId: number) => boolean,
): string | null {
  const covering = periods.find((p) => p.validFrom <= on && on < p.validTo);
  if (!covering || !inside(covering.value)) return null;
  let since = covering.validFrom;
  for (;;) {
    const before = periods.find((p) => p.validTo === since && inside(p.value));
    if (!before) return since;
    since = before.validFrom;
  }
}
