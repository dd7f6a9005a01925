import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { systemActor, type Actor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { Dialect } from '../../src/server/db/database.ts';
import type { Clock } from '../../src/server/lib/clock.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { scratchContext } from './dialects.ts';

/** The demo installation in a scratch database, and the HTTP app over it, for one describe block. */
export interface DemoFixture {
  ctx: AppContext;
  app: FastifyInstance;
  actor: Actor;
}

/**
 * Registers beforeAll/afterAll that build the demo in a scratch database of `dialect` and an app
 * whose every request acts as the system actor (authentication is tested in accounts.test.ts).
 * Read the fixture's fields inside tests, after beforeAll has run.
 */
export function useDemoApp(dialect: Dialect): DemoFixture {
  const fixture = { actor: systemActor('test') } as DemoFixture;
  let drop: () => Promise<void> = () => Promise.resolve();
  beforeAll(async () => {
    const scratch = await scratchContext(dialect);
    fixture.ctx = scratch.ctx;
    drop = scratch.drop;
    await generateDemo(fixture.ctx, fixture.actor);
    ({ app: fixture.app } = await buildApp(fixture.ctx, {
      actorOf: () => Promise.resolve(fixture.actor),
    }));
  });
  afterAll(async () => {
    await fixture.app?.close();
    await drop();
  });
  return fixture;
}

/** The demo over a clock and an app that signs people in, and how to put it away. */
export interface SignInDemo {
  ctx: AppContext;
  app: FastifyInstance;
  /** The scratch database's URL (for the CLI). */
  url: string;
  /** Closes the app and drops the scratch database. */
  close: () => Promise<void>;
}

/**
 * The demo installation in a scratch database of `dialect` on `clock`, and an app that
 * authenticates every request (sessions, tokens) with a sign-in limit high enough for many
 * sign-ins from the one test address (the limit itself is tested on its own app).
 */
export async function signInDemo(dialect: Dialect, clock?: Clock): Promise<SignInDemo> {
  const { ctx, url, drop } = await scratchContext(dialect, clock);
  await generateDemo(ctx, systemActor('test'));
  const { app } = await buildApp(ctx, { loginRateLimit: { max: 1000, timeWindow: 60_000 } });
  return {
    ctx,
    app,
    url,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}
