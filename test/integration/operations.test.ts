import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { fixedClock } from '../../src/server/lib/clock.ts';
import { openContext } from '../../src/server/open.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { authHeader, createUserWithToken } from '../support/auth.ts';
import { freePort, waitForListening } from '../../bench/load-run.ts';

const ROOT = resolve(import.meta.dirname, '../..');

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  req?: { url: string };
  res?: { statusCode: number };
  time: number;
}

/**
 * Operations (issue 9): `dangvien serve` finishes a request in flight when it gets SIGTERM,
 * closes the database and exits 0; its logs are JSON lines, and every line about a request
 * carries the request id that the answer's x-request-id header and problem+json body name;
 * /healthz answers 503 when the database is down.
 */
describe('operations: graceful shutdown and structured logs of dangvien serve', () => {
  let dir: string;
  let url: string;
  let token: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dangvien-ops-'));
    url = `sqlite:${join(dir, 'demo.sqlite')}`;
    const ctx = await openContext(url);
    await generateDemo(ctx, systemActor('test'));
    token = (await createUserWithToken(ctx, { role: 'admin', orgCode: 'DB' })).token;
    await ctx.db.destroy();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function serve(port: number): { child: ChildProcess; lines: LogLine[]; exit: Promise<number> } {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/dangvien.js'), 'serve', '--port', String(port), '--database', url],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const lines: LogLine[] = [];
    let rest = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      rest += chunk.toString();
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as LogLine);
    });
    const exit = new Promise<number>((done) => child.once('exit', (code) => done(code ?? -1)));
    return { child, lines, exit };
  }

  async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('SIGTERM while an export is in flight: the export completes, the process exits 0', async () => {
    const port = await freePort();
    const server = serve(port);
    await waitForListening(server.child);
    const base = `http://127.0.0.1:${port}`;
    const slow = fetch(`${base}/api/v1/exports/all?org=DB`, { headers: authHeader(token) });
    await until(() =>
      server.lines.some((l) => l.msg === 'incoming request' && l.req?.url.includes('/exports/all')),
    );
    server.child.kill('SIGTERM');
    const response = await slow;
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(body.subarray(0, 2).toString()).toBe('PK');
    expect(body.length).toBeGreaterThan(100_000);
    expect(await server.exit).toBe(0);
    const messages = server.lines.map((l) => l.msg);
    expect(messages).toContain('shutting down: finishing in-flight requests');
    expect(messages.at(-1)).toBe('stopped: database closed');
    // The export's completion is logged after the shutdown began.
    const shutdownAt = messages.indexOf('shutting down: finishing in-flight requests');
    const completed = server.lines.findIndex(
      (l) => l.msg === 'request completed' && l.res?.statusCode === 200,
    );
    expect(completed).toBeGreaterThan(shutdownAt);
    // Refused after shutdown.
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('logs JSON lines; every request line has the id the answer names', async () => {
    const port = await freePort();
    const server = serve(port);
    await waitForListening(server.child);
    const base = `http://127.0.0.1:${port}`;
    const ok = await fetch(`${base}/api/v1/organizations?org=DB`, { headers: authHeader(token) });
    const missing = await fetch(`${base}/api/v1/people/999999`, { headers: authHeader(token) });
    const anonymous = await fetch(`${base}/api/v1/people`);
    expect(ok.status).toBe(200);
    expect(missing.status).toBe(404);
    expect(anonymous.status).toBe(401);
    for (const response of [missing, anonymous]) {
      const problem = (await response.json()) as { requestId: string };
      expect(problem.requestId).toBe(response.headers.get('x-request-id'));
    }
    server.child.kill('SIGTERM');
    expect(await server.exit).toBe(0);
    const requestLines = server.lines.filter((l) => l.req || l.res);
    expect(requestLines.length).toBeGreaterThanOrEqual(6);
    for (const line of requestLines) {
      expect(line.reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof line.time).toBe('number');
      expect(typeof line.level).toBe('number');
    }
    for (const response of [ok, missing, anonymous]) {
      const id = response.headers.get('x-request-id');
      const mine = server.lines.filter((l) => l.reqId === id).map((l) => l.msg);
      expect(mine).toEqual(['incoming request', 'request completed']);
    }
    // No password, token or cookie ends up in the log.
    const text = JSON.stringify(server.lines);
    expect(text).not.toContain(token);
    expect(text.toLowerCase()).not.toContain('authorization');
  });
});

describe('operations: /healthz and API answers when the database is down', () => {
  it('a PostgreSQL server that refuses connections: /healthz 503, API 503 database.unavailable', async () => {
    // Nothing listens on port 1: every connection is refused, as when the database is stopped.
    const pool = new pg.Pool({ host: '127.0.0.1', port: 1, user: 'x', database: 'x' });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin()],
    });
    const ctx = { db, dialect: 'postgres' as const, clock: fixedClock('2026-11-27') };
    const { app } = await buildApp(ctx, { actorOf: () => Promise.resolve(systemActor('test')) });
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', database: 'postgres' });
    const list = await app.inject({ method: 'GET', url: '/api/v1/organizations' });
    expect(list.statusCode).toBe(503);
    expect(list.headers['content-type']).toContain('application/problem+json');
    expect(list.json()).toMatchObject({ code: 'database.unavailable', status: 503 });
    expect(list.json<{ requestId: string }>().requestId).toBe(list.headers['x-request-id']);
    await app.close();
    await db.destroy();
  });
});
