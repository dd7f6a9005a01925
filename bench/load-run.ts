/**
 * The load test's engine (issue 9), shared by `npm run load` (bench/load.ts) and its short form in
 * CI (test/integration/load.test.ts).
 *
 * On a demo installation it starts the HTTP server (in this process, or as a child
 * `dangvien serve`), gives N simulated officers an API token each through the accounts service,
 * and lets each loop until the deadline, one request at a time (so N is the concurrency): browse
 * (dashboard summary, organizations, a members page), search people, read a dossier, and record
 * a pipeline (create a person → register the candidate → fostering → trained, each transition
 * with the version it read). It counts requests, latencies and statuses, and afterwards checks in
 * the database that every acknowledged write is there exactly once: each acknowledged write's
 * request id names exactly one audit event, and the rows tagged with this run equal the
 * acknowledgements (no lost and no doubled writes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../src/server/access/actor.ts';
import { buildApp } from '../src/server/app.ts';
import type { AppContext } from '../src/server/context.ts';
import { createApiToken, createUser } from '../src/server/modules/accounts/accounts.service.ts';

/** How to run the load. */
export interface LoadOptions {
  /** An open context on a database that already holds the demo installation. */
  ctx: AppContext;
  /** The database URL (for a child server). */
  databaseUrl: string;
  /** Simulated users, each with one request in flight at a time. */
  users: number;
  durationMs: number;
  /** `in-process`: buildApp + listen here; `child`: `node bin/dangvien.js serve` on the same database. */
  server: 'in-process' | 'child';
  /** Share of loop iterations that record a pipeline (the rest browse); default 0.35. */
  writeShare?: number;
  /** Progress lines (stderr in the bench). */
  log?: (line: string) => void;
}

/** Latency figures of one kind of request, in milliseconds. */
export interface LatencyFigures {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** What one load run measured and found. */
export interface LoadReport {
  dialect: string;
  server: 'in-process' | 'child';
  users: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latency: LatencyFigures;
  byKind: Record<string, LatencyFigures>;
  /** Count of answers by HTTP status ('network' for a failed connection). */
  statuses: Record<string, number>;
  /** Non-2xx answers and failures, by status, with a sample body each. */
  errors: Record<string, { count: number; sample: string }>;
  acknowledged: { people: number; candidates: number; transitions: number };
  /** The database check afterwards; `problems` is empty when every acknowledged write is there once. */
  verification: {
    peopleRows: number;
    candidateRows: number;
    transitionRows: number;
    eventsPerAcknowledgedWrite: { exactlyOne: number; missing: number; doubled: number };
    problems: string[];
  };
}

interface Place {
  unitCode: string;
  cellCode: string;
}

interface Recorder {
  latencies: Map<string, number[]>;
  statuses: Map<string, number>;
  errors: Map<string, { count: number; sample: string }>;
  /** Request ids of acknowledged writes, with the audit action each must have produced. */
  writes: { requestId: string; action: string }[];
  people: number[];
  candidates: number[];
  transitions: number;
}

const ROOT = resolve(import.meta.dirname, '..');
const GIVEN = ['Páo', 'Sùng', 'Mai', 'Dế', 'Chá', 'Lụ', 'Sinh', 'Xuân', 'Hoa', 'Đông'];
const FAMILY = ['Giàng A', 'Vừ A', 'Lò Văn', 'Quàng Thị', 'Lầu Thị', 'Cà Văn', 'Mùa A'];
const SEARCHES = ['giang', 'lo van', 'vu a pao', 'quang thi', 'dien bien', 'mua', 'sung'];

/** Runs the load and verifies the writes; throws only when the setup fails. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const { ctx } = options;
  const log = options.log ?? (() => undefined);
  const tag = `load-${randomBytes(4).toString('hex')}`;
  const today = ctx.clock.today();
  const places = await placesOn(ctx, today);
  if (places.length === 0) throw new Error('no cell with a unit today: is the demo loaded?');
  const tokens: string[] = [];
  for (let i = 0; i < options.users; i += 1) {
    const username = `${tag}.officer${i + 1}`;
    await createUser(ctx, systemActor('load'), {
      username,
      role: 'officer',
      organizationCode: 'DB',
      password: `Tai-thu-${tag}-${i}-Aa1!`,
    });
    tokens.push((await createApiToken(ctx, systemActor('load'), { username, name: 'load' })).token);
  }
  const server = await startServer(options);
  log(`load: ${options.users} users for ${options.durationMs / 1000} s against ${server.baseUrl}`);
  const recorder: Recorder = {
    latencies: new Map(),
    statuses: new Map(),
    errors: new Map(),
    writes: [],
    people: [],
    candidates: [],
    transitions: 0,
  };
  const started = performance.now();
  const deadline = started + options.durationMs;
  try {
    await Promise.all(
      tokens.map((token, index) =>
        simulatedUser({
          baseUrl: server.baseUrl,
          token,
          index,
          deadline,
          places,
          today,
          tag,
          writeShare: options.writeShare ?? 0.35,
          recorder,
        }),
      ),
    );
  } finally {
    await server.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const verification = await verify(ctx, tag, recorder);
  const all = [...recorder.latencies.values()].flat();
  const requests = all.length;
  return {
    dialect: ctx.dialect,
    server: options.server,
    users: options.users,
    seconds: round(seconds, 1),
    requests,
    requestsPerSecond: round(requests / seconds, 1),
    latency: figures(all),
    byKind: Object.fromEntries(
      [...recorder.latencies].map(([kind, list]) => [kind, figures(list)]),
    ),
    statuses: Object.fromEntries(recorder.statuses),
    errors: Object.fromEntries(recorder.errors),
    acknowledged: {
      people: recorder.people.length,
      candidates: recorder.candidates.length,
      transitions: recorder.transitions,
    },
    verification,
  };
}

/** Cells that exist today with a unit they cover, to register people and candidates in. */
async function placesOn(ctx: AppContext, today: string): Promise<Place[]> {
  const rows = await ctx.db
    .selectFrom('unitCoverage as c')
    .innerJoin('units as u', 'u.id', 'c.unitId')
    .innerJoin('organizations as o', 'o.id', 'c.organizationId')
    .select(['u.code as unitCode', 'o.code as cellCode'])
    .where('o.kind', '=', 'cell')
    .where('o.establishedOn', '<=', today)
    .where('o.dissolvedOn', '>', today)
    .where('c.validFrom', '<=', today)
    .where('c.validTo', '>', today)
    .where('u.validTo', '>', today)
    .orderBy('u.code')
    .limit(40)
    .execute();
  return rows;
}

interface Server {
  baseUrl: string;
  stop(): Promise<void>;
}

async function startServer(options: LoadOptions): Promise<Server> {
  if (options.server === 'in-process') {
    const { app } = await buildApp(options.ctx, { logLevel: 'silent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return { baseUrl: `http://127.0.0.1:${port}`, stop: () => closeApp(app) };
  }
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      resolve(ROOT, 'bin/dangvien.js'),
      'serve',
      '--port',
      String(port),
      '--database',
      options.databaseUrl,
    ],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await waitForListening(child);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function closeApp(app: FastifyInstance): Promise<void> {
  await app.close();
}

/** A port nobody listens on right now (for a child server). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

/** Resolves when a child `dangvien serve` says it listens; rejects if it exits first. */
export function waitForListening(child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  return new Promise((done, fail) => {
    let stderr = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${stderr}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('đang phục vụ')) {
        clearTimeout(timer);
        done();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
}

interface UserLoop {
  baseUrl: string;
  token: string;
  index: number;
  deadline: number;
  places: Place[];
  today: string;
  tag: string;
  writeShare: number;
  recorder: Recorder;
}

/** One officer: browse, search and record pipelines until the deadline, one request at a time. */
async function simulatedUser(loop: UserLoop): Promise<void> {
  const random = seeded(loop.index + 1);
  let sequence = 0;
  const ownCandidates: number[] = [];
  while (performance.now() < loop.deadline) {
    if (random() < loop.writeShare) {
      sequence += 1;
      const candidateId = await recordPipeline(loop, random, sequence);
      if (candidateId !== null) ownCandidates.push(candidateId);
      continue;
    }
    const choice = Math.floor(random() * 5);
    const place = pick(loop.places, random);
    if (choice === 0)
      await call(loop, 'dashboard', 'GET', '/api/v1/reports/summary?org=DBD&year=2017');
    else if (choice === 1)
      await call(loop, 'organizations', 'GET', `/api/v1/organizations?org=DB&asOf=${loop.today}`);
    else if (choice === 2)
      await call(
        loop,
        'members',
        'GET',
        `/api/v1/members?org=${place.cellCode}&limit=50&offset=${Math.floor(random() * 3) * 50}`,
      );
    else if (choice === 3)
      await call(
        loop,
        'search',
        'GET',
        `/api/v1/people?q=${encodeURIComponent(pick(SEARCHES, random))}&limit=20`,
      );
    else if (ownCandidates.length > 0)
      await call(loop, 'dossier', 'GET', `/api/v1/candidates/${pick(ownCandidates, random)}`);
    else await call(loop, 'dashboard', 'GET', '/api/v1/reports/summary?org=DBD&year=2017');
  }
}

/** Person → candidate → fostering → trained; returns the candidate id once registered. */
async function recordPipeline(
  loop: UserLoop,
  random: () => number,
  sequence: number,
): Promise<number | null> {
  const place = pick(loop.places, random);
  const person = await call(loop, 'create-person', 'POST', '/api/v1/people', {
    fullName: `${pick(FAMILY, random)} ${pick(GIVEN, random)}`,
    gender: random() < 0.5 ? 'male' : 'female',
    birthDate: `${1985 + Math.floor(random() * 15)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    ethnicity: 'Mông',
    unitCode: place.unitCode,
    educationLevel: 'upper_secondary',
    occupation: `${loop.tag} u${loop.index} #${sequence}`,
    targetGroups: ['youth_union'],
  });
  if (!person.ok) return null;
  const personId = (person.body as { id: number }).id;
  loop.recorder.people.push(personId);
  loop.recorder.writes.push({ requestId: person.requestId, action: 'person.create' });
  const candidate = await call(loop, 'create-candidate', 'POST', '/api/v1/candidates', {
    personId,
    organizationCode: place.cellCode,
    identifiedOn: loop.today,
    helperMemberIds: [],
  });
  if (!candidate.ok) return null;
  const created = candidate.body as { id: number; version: number };
  loop.recorder.candidates.push(created.id);
  loop.recorder.writes.push({ requestId: candidate.requestId, action: 'candidate.create' });
  let version = created.version;
  const steps = [
    { to: 'fostering', on: loop.today },
    {
      to: 'trained',
      on: loop.today,
      certificate: {
        number: `GCN-${loop.tag}-${loop.index}-${sequence}`,
        issuedOn: loop.today,
        issuer: 'TTCT',
      },
    },
  ];
  for (const step of steps) {
    const moved = await call(
      loop,
      'transition',
      'POST',
      `/api/v1/candidates/${created.id}/transitions`,
      { ...step, version },
    );
    if (!moved.ok) break;
    version = (moved.body as { version: number }).version;
    loop.recorder.transitions += 1;
    loop.recorder.writes.push({ requestId: moved.requestId, action: 'candidate.transition' });
  }
  return created.id;
}

interface Answer {
  ok: boolean;
  status: number;
  body: unknown;
  requestId: string;
}

async function call(
  loop: UserLoop,
  kind: string,
  method: 'GET' | 'POST',
  path: string,
  payload?: unknown,
): Promise<Answer> {
  const { recorder } = loop;
  const started = performance.now();
  let answer: Answer;
  let text: string;
  try {
    const response = await fetch(`${loop.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${loop.token}`,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    text = await response.text();
    answer = {
      ok: response.ok,
      status: response.status,
      body: safeJson(text),
      requestId: response.headers.get('x-request-id') ?? '',
    };
  } catch (error) {
    text = error instanceof Error ? error.message : String(error);
    answer = { ok: false, status: 0, body: null, requestId: '' };
  }
  const elapsed = performance.now() - started;
  const list = recorder.latencies.get(kind) ?? [];
  list.push(elapsed);
  recorder.latencies.set(kind, list);
  const status = answer.status === 0 ? 'network' : String(answer.status);
  recorder.statuses.set(status, (recorder.statuses.get(status) ?? 0) + 1);
  if (!answer.ok) {
    const key = `${status} ${kind}`;
    const entry = recorder.errors.get(key) ?? { count: 0, sample: text.slice(0, 300) };
    entry.count += 1;
    recorder.errors.set(key, entry);
  }
  return answer;
}

/** Counts in the database what the run wrote and compares it with what was acknowledged. */
async function verify(
  ctx: AppContext,
  tag: string,
  recorder: Recorder,
): Promise<LoadReport['verification']> {
  const problems: string[] = [];
  const people = await ctx.db
    .selectFrom('people')
    .select(['id'])
    .where('occupation', 'like', `${tag} %`)
    .execute();
  const peopleIds = new Set(people.map((p) => p.id));
  if (people.length !== recorder.people.length)
    problems.push(`people: ${people.length} rows for ${recorder.people.length} acknowledged`);
  for (const id of recorder.people)
    if (!peopleIds.has(id)) problems.push(`person ${id} acknowledged but missing`);
  const candidates =
    people.length === 0
      ? []
      : await ctx.db
          .selectFrom('candidates')
          .select(['id'])
          .where('personId', 'in', [...peopleIds])
          .execute();
  if (candidates.length !== recorder.candidates.length)
    problems.push(
      `candidates: ${candidates.length} rows for ${recorder.candidates.length} acknowledged`,
    );
  const candidateIds = candidates.map((c) => c.id);
  const transitionRows =
    candidateIds.length === 0
      ? 0
      : Number(
          (
            await ctx.db
              .selectFrom('candidateTransitions')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('candidateId', 'in', candidateIds)
              .executeTakeFirstOrThrow()
          ).n,
        );
  // Each registration writes its `source` transition; each acknowledged transition one more.
  const expectedTransitions = recorder.candidates.length + recorder.transitions;
  if (transitionRows !== expectedTransitions)
    problems.push(`transitions: ${transitionRows} rows for ${expectedTransitions} acknowledged`);
  const tally = { exactlyOne: 0, missing: 0, doubled: 0 };
  const requestIds = recorder.writes.map((w) => w.requestId).filter(Boolean);
  if (requestIds.length !== recorder.writes.length)
    problems.push('an acknowledged write came without an x-request-id header');
  const counted = new Map<string, number>();
  for (let i = 0; i < requestIds.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('events')
      .select(['requestId', 'action'])
      .where('requestId', 'in', requestIds.slice(i, i + 500))
      .where('action', 'in', ['person.create', 'candidate.create', 'candidate.transition'])
      .execute();
    for (const row of rows)
      counted.set(
        `${row.requestId} ${row.action}`,
        (counted.get(`${row.requestId} ${row.action}`) ?? 0) + 1,
      );
  }
  for (const write of recorder.writes) {
    const n = counted.get(`${write.requestId} ${write.action}`) ?? 0;
    if (n === 1) tally.exactlyOne += 1;
    else if (n === 0) tally.missing += 1;
    else tally.doubled += 1;
  }
  if (tally.missing > 0) problems.push(`${tally.missing} acknowledged writes have no audit event`);
  if (tally.doubled > 0) problems.push(`${tally.doubled} acknowledged writes have several events`);
  return {
    peopleRows: people.length,
    candidateRows: candidates.length,
    transitionRows,
    eventsPerAcknowledgedWrite: tally,
    problems,
  };
}

function figures(list: number[]): LatencyFigures {
  if (list.length === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    count: sorted.length,
    p50: round(at(0.5), 1),
    p99: round(at(0.99), 1),
    max: round(sorted[sorted.length - 1] ?? 0, 1),
  };
}

function round(n: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(n * scale) / scale;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function pick<T>(list: readonly T[], random: () => number): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** A small seeded generator (mulberry32), so two runs make the same choices. */
function seeded(seed: number): () => number {
  let state = seed * 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
