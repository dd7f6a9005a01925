/** The source of "now", injected so rules and reports are testable at any date. */
export interface Clock {
  /** The current instant as an ISO timestamp. */
  now(): string;
  /** Today's date in Vietnam (UTC+7) as 'YYYY-MM-DD'. */
  today(): string;
}

/** The real clock, in Vietnam's time zone (UTC+7, no daylight saving). */
export const systemClock: Clock = {
  now: () => new Date().toISOString(),
  today: () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
};

/** A clock stopped at a given date (tests, reports "as of"). */
export function fixedClock(date: string): Clock {
  return { now: () => `${date}T00:00:00.000Z`, today: () => date };
}
