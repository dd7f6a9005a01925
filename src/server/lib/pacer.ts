import { setImmediate as nextTurn } from 'node:timers/promises';

/** Longest stretch of a long use case between two turns of the event loop. */
export const SLICE_MS = 8;

/**
 * Paces a long use case (an import preview) so that it never holds the event loop for more than
 * about SLICE_MS (STYLE habit 17): `breathe()` at each step of the work yields to the event loop
 * when the slice is used up (other requests, /healthz, the client's hang-up are then handled),
 * and throws the use case's cancellation error once its signal has aborted. Synchronous database
 * calls (better-sqlite3) never yield by themselves, so the steps must be small.
 */
export class Pacer {
  private sliceStart = performance.now();

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly cancellation: () => Error,
    private readonly sliceMs = SLICE_MS,
  ) {}

  /** The cancellation error when the signal has aborted, else null (for readers that poll). */
  cancelled(): Error | null {
    return this.signal?.aborted ? this.cancellation() : null;
  }

  /** Yields to the event loop if the slice is used up; throws once cancelled. */
  async breathe(): Promise<void> {
    if (performance.now() - this.sliceStart >= this.sliceMs) {
      await nextTurn();
      this.sliceStart = performance.now();
    }
    if (this.signal?.aborted) throw this.cancellation();
  }
}
