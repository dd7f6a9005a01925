import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { fixedClock } from '../../src/server/lib/clock.ts';
import { openContext } from '../../src/server/open.ts';
import { runLoad } from '../../bench/load-run.ts';
import { describeEachDialect, scratchDatabase, type ScratchDatabase } from '../support/dialects.ts';

/**
 * The short form of `npm run load` (issue 9): ~8 s of six officers browsing, searching and
 * recording pipelines over real HTTP. It asserts correctness only — no error answers, and every
 * acknowledged write in the database exactly once — never speed (CI machines are shared).
 */
describeEachDialect('load, short form: no errors, no lost or doubled writes', (dialect) => {
  let scratch: ScratchDatabase;
  let ctx: AppContext;
  beforeAll(async () => {
    scratch = await scratchDatabase(dialect);
    ctx = await openContext(scratch.url, fixedClock('2026-11-27'));
    await generateDemo(ctx, systemActor('test'));
  });
  afterAll(async () => {
    await ctx.db.destroy();
    await scratch.drop();
  });

  it('six users for 8 seconds: only 2xx answers and exact write counts', async () => {
    const report = await runLoad({
      ctx,
      databaseUrl: scratch.url,
      users: 6,
      durationMs: 8_000,
      server: 'in-process',
    });
    expect(report.errors).toEqual({});
    expect(Object.keys(report.statuses).every((s) => s.startsWith('2'))).toBe(true);
    expect(report.acknowledged.candidates).toBeGreaterThan(0);
    expect(report.acknowledged.transitions).toBeGreaterThan(0);
    expect(report.verification.problems).toEqual([]);
    expect(report.verification.peopleRows).toBe(report.acknowledged.people);
    expect(report.verification.eventsPerAcknowledgedWrite.missing).toBe(0);
    expect(report.verification.eventsPerAcknowledgedWrite.doubled).toBe(0);
  });
});
