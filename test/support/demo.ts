import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { systemActor, type Actor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { Dialect } from '../../src/server/db/database.ts';
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
