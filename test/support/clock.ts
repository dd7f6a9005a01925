import type { Clock } from '../../src/server/lib/clock.ts';

/**
 * A clock the tests move forward (idle expiry, lock expiry, grants that start on a later day).
 * Its day is the date in Vietnam (UTC+7) of its instant; `start` is an ISO instant.
 */
export function movableClock(start: string) {
  let now = Date.parse(start);
  const clock: Clock = {
    now: () => new Date(now).toISOString(),
    today: () => new Date(now + 7 * 3600_000).toISOString().slice(0, 10),
  };
  return {
    clock,
    advanceMinutes: (m: number) => (now += m * 60_000),
    advanceDays: (d: number) => (now += d * 86_400_000),
  };
}
