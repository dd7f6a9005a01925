/**
 * A child process for the fault tests (test/integration/faults.test.ts): records one transition of
 * a candidate through the pipeline service, but pauses for good inside the transaction after its
 * Nth write (INSERT or UPDATE), printing `PAUSED` on stdout, so the test can SIGKILL it with part
 * of the transition written and nothing committed.
 *
 * Usage: tsx test/support/paused-transition.ts DATABASE_URL CANDIDATE_ID TO ON PAUSE_AFTER_WRITES
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import type { QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { systemActor } from '../../src/server/access/actor.ts';
import { fixedClock } from '../../src/server/lib/clock.ts';
import { openContext } from '../../src/server/open.ts';
import { transitionCandidate } from '../../src/server/modules/candidates/candidates.service.ts';
import type { PipelineStateName } from '../../src/shared/pipeline.ts';

/** Counts INSERT/UPDATE statements and never returns from the Nth one's result. */
class PauseAfterWrites implements KyselyPlugin {
  readonly #kinds = new Map<unknown, string>();
  #writes = 0;
  constructor(private readonly pauseAfter: number) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#kinds.set(args.queryId, args.node.kind);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const kind = this.#kinds.get(args.queryId);
    if (kind === 'InsertQueryNode' || kind === 'UpdateQueryNode') {
      this.#writes += 1;
      if (this.#writes === this.pauseAfter) {
        process.stdout.write(`PAUSED after ${this.#writes} writes\n`);
        await new Promise(() => undefined);
      }
    }
    return args.result;
  }
}

const [url, id, to, on, pauseAfter] = process.argv.slice(2);
if (!url || !id || !to || !on || !pauseAfter) throw new Error('usage: URL ID TO ON N');
const ctx = await openContext(url, fixedClock('2026-11-27'));
const paused = { ...ctx, db: ctx.db.withPlugin(new PauseAfterWrites(Number(pauseAfter))) };
await transitionCandidate(paused, systemActor('fault-test'), Number(id), {
  to: to as PipelineStateName,
  on,
  decision: { number: '99-QĐ/HU', on },
});
process.stdout.write('DONE (the pause never came)\n');
await ctx.db.destroy();
