/**
 * Upload bounds benchmark (issue 13 items 7, 8, 9): what one upload may cost a running server.
 * Starts `dangvien serve` in a child process on a fresh database (SQLite, or PostgreSQL with
 * --dialect postgres) and measures, each scenario on a fresh server:
 *
 *  1. /healthz latency (one probe every 10 ms: p50, p99, max) while a 20 MB CSV of 100,000
 *     near-identical names (one unit, one birth year: every row a close-name candidate of every
 *     other) is previewed, with the preview's time and the server's peak RSS;
 *  2. a zip bomb (an .xlsx of about 1 MB inflating to 1 GB, sizes declared honestly, then lying):
 *     answer time and the server's peak RSS;
 *  3. ten parallel anonymous 50 MB uploads: answer times, the server's RSS before and after and
 *     its peak;
 *  4. the same preview when its client hangs up after 2 s (time until the audit log says
 *     cancelled) and when the server gets SIGTERM after 2 s (time until the process exits).
 *
 *   npx tsx bench/uploads.ts [--dialect sqlite|postgres] [--rows 100000]
 *
 * PostgreSQL: BENCH_PG_URL (else TEST_DATABASE_URL), where a scratch database is created and
 * dropped. Writes bench/results/uploads-<dialect>.json. Not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { systemActor } from '../src/server/access/actor.ts';
import { fixedClock } from '../src/server/lib/clock.ts';
import { openContext } from '../src/server/open.ts';
import { createApiToken, createUser } from '../src/server/modules/accounts/accounts.service.ts';
import {
  createOrganization,
  createUnit,
} from '../src/server/modules/organizations/organizations.service.ts';
import { xlsxBomb } from '../test/support/xlsx-bomb.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench/results');
const dialect = option('dialect', 'sqlite') as 'sqlite' | 'postgres';
const ROWS = Number(option('rows', '100000'));
const MB = 1024 * 1024;
const TODAY = '2026-11-27';
const PG_URL =
  process.env.BENCH_PG_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://app:app@127.0.0.1:5432/app';

/** A scratch database with a committee, a cell, a village and an officer's API token. */
async function scratch(): Promise<{ url: string; token: string; drop: () => Promise<void> }> {
  let url: string;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'dangvien-uploads-bench-'));
    url = `sqlite:${join(dir, 'bench.sqlite')}`;
    drop = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  } else {
    const name = `dangvien_bench_uploads_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const ctx = await openContext(url, fixedClock(TODAY));
  const actor = systemActor('bench');
  await createOrganization(ctx, actor, {
    code: 'T',
    name: 'Đảng bộ đo hiệu năng',
    kind: 'committee',
    level: 'top',
    parentCode: null,
    decidesAdmissions: true,
    establishedOn: '1990-01-01',
  });
  await createOrganization(ctx, actor, {
    code: 'T-C1',
    name: 'Chi bộ bản Nà Sự',
    kind: 'cell',
    level: 'grassroots_cell',
    parentCode: 'T',
    establishedOn: '1990-01-01',
  });
  await createUnit(ctx, actor, {
    code: 'U-NS',
    name: 'Bản Nà Sự',
    kind: 'village',
    validFrom: '1990-01-01',
    organizationCode: 'T-C1',
  });
  await createUser(ctx, actor, {
    username: 'bench.officer',
    role: 'officer',
    organizationCode: 'T',
    password: 'Mật-khẩu-đo-hiệu-năng-2026',
  });
  const { token } = await createApiToken(ctx, actor, { username: 'bench.officer', name: 'bench' });
  await ctx.db.destroy();
  return { url, token, drop };
}

/**
 * `rows` people of one unit born in one year, names differing only in their last ten characters
 * (every 1,000th one letter from an earlier row's), padded with an address to about 200 bytes a
 * row: 100,000 rows make a 20 MB file.
 */
function nearIdenticalNames(rows: number): Buffer {
  const code = (k: number) => String(k).padStart(5, '0').repeat(2);
  const lines = [
    'Họ và tên;Giới tính;Ngày sinh;Dân tộc;Số định danh cá nhân;Đơn vị;Trình độ học vấn;Địa chỉ',
  ];
  const address = 'Bản Nà Sự, xã Na Son, huyện Điện Biên Đông, tỉnh Điện Biên; '.repeat(2);
  for (let k = 0; k < rows; k++) {
    const close = k >= 1000 && k % 1000 === 0;
    const name = close ? `Nguyễn Văn Ann ${code(k - 500)}` : `Nguyễn Văn Anh ${code(k)}`;
    lines.push(
      `${name};Nam;${String(1 + (k % 28)).padStart(2, '0')}/03/1990;Kinh;;U-NS;THPT;${address}${k}`,
    );
  }
  return Buffer.from(lines.join('\n'));
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

/** `dangvien serve` on the database, once /healthz answers. */
async function serve(url: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/dangvien.js'),
      'serve',
      '--database',
      url,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', () => undefined);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  for (let i = 0; i < 600; i++) {
    const ok = await get(port, '/healthz').then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, port, exited };
    await sleep(100);
  }
  throw new Error('the server did not start');
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  await server.exited;
}

/** Resident and peak resident memory of a process (MB); `reset` restarts the peak from now. */
function memory(pid: number, reset = false): { rssMb: number; peakMb: number } {
  if (reset) writeFileSync(`/proc/${pid}/clear_refs`, '5');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

function get(port: number, path: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', fail);
    req.end();
  });
}

const uploadAgent = new Agent({ keepAlive: true });

/**
 * POSTs a body (a buffer, or `bytes` of filler written 64 KB at a time, never held) and answers
 * the status, the body and the time to the answer; `signal` hangs up. A connection closed or
 * reset before an answer is status 0 with the error's code as body.
 */
function post(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: Buffer | { bytes: number },
  signal?: AbortSignal,
): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const length = Buffer.isBuffer(body) ? body.length : body.bytes;
  return new Promise((done) => {
    let answered = false;
    let settled = false;
    const settle = (status: number, text: string) => {
      if (settled) return;
      settled = true;
      done({ status, body: text.slice(0, 300), ms: performance.now() - started });
    };
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path,
      // Kept alive, as browsers do: a client that says `Connection: close` gets its connection
      // closed after the early 401 and may see it reset before it reads the answer.
      agent: uploadAgent,
      headers: { 'content-length': String(length), ...headers },
      ...(signal ? { signal } : {}),
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        settle(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
        req.destroy();
      });
      res.on('error', () => settle(res.statusCode ?? 0, 'answer cut short'));
    });
    req.on('error', (error: NodeJS.ErrnoException) => settle(0, error.code ?? error.message));
    req.on('close', () => settle(0, 'closed before an answer'));
    if (Buffer.isBuffer(body)) {
      req.end(body);
      return;
    }
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < length && !req.destroyed && !answered) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!req.destroyed && !answered) req.end();
    };
    pump();
  });
}

// A server that answers (or exits) before a body is sent closes the socket under writes still
// queued in it; node reports that EPIPE outside any request.
process.on('uncaughtException', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
  throw error;
});

/** Probes /healthz every 10 ms until stopped; answers the latencies. */
function probeHealth(port: number): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { ms } = await get(port, '/healthz');
      latencies.push(ms);
      await sleep(10);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return latencies;
    },
  };
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0) * 10) /
    10;
  return { probes: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}

async function cancelledAt(url: string, since: number): Promise<number | null> {
  const ctx = await openContext(url, fixedClock(TODAY));
  try {
    while (performance.now() - since < 60_000) {
      const event = await ctx.db
        .selectFrom('events')
        .select('id')
        .where('action', '=', 'import.people.cancelled')
        .executeTakeFirst();
      if (event) return Math.round(performance.now() - since);
      await sleep(20);
    }
    return null;
  } finally {
    await ctx.db.destroy();
  }
}

function machine() {
  return {
    nproc: cpus().length,
    cpu: /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '',
    ramGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    date: new Date().toISOString(),
  };
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PREVIEW = '/api/v1/imports/people/preview';
const machineBefore = machine();
log(`uploads bench on ${dialect}; load average ${machineBefore.loadAverage}`);
const db = await scratch();
const auth = { authorization: `Bearer ${db.token}` };
const csv = nearIdenticalNames(ROWS);
log(`  CSV: ${ROWS} rows, ${(csv.length / MB).toFixed(1)} MB`);
const results: Record<string, unknown> = {};

try {
  // 1. /healthz during the big preview.
  let server = await serve(db.url);
  memory(server.child.pid ?? 0, true);
  const idle = memory(server.child.pid ?? 0);
  const health = probeHealth(server.port);
  await sleep(200);
  const preview = await post(server.port, PREVIEW, { 'content-type': 'text/csv', ...auth }, csv);
  const healthz = percentiles(await health.stop());
  results.preview = {
    rows: ROWS,
    megabytes: Math.round((csv.length / MB) * 10) / 10,
    status: preview.status,
    seconds: Math.round(preview.ms / 100) / 10,
    healthzMs: healthz,
    serverIdleRssMb: idle.rssMb,
    serverPeakRssMb: memory(server.child.pid ?? 0).peakMb,
    answer: preview.status === 200 ? undefined : preview.body,
  };
  log(`  preview: ${JSON.stringify(results.preview)}`);
  await stop(server);

  // 2. Zip bombs.
  server = await serve(db.url);
  const bombs: Record<string, unknown> = {};
  for (const declared of ['honest', 'lying'] as const) {
    const bomb = xlsxBomb({ expandedBytes: 1024 * MB, declared });
    const before = memory(server.child.pid ?? 0, true);
    const answer = await post(server.port, PREVIEW, { 'content-type': XLSX_TYPE, ...auth }, bomb);
    bombs[declared] = {
      fileMb: Math.round((bomb.length / MB) * 100) / 100,
      expandsToMb: 1024,
      status: answer.status,
      ms: Math.round(answer.ms),
      serverRssBeforeMb: before.rssMb,
      serverPeakRssMb: memory(server.child.pid ?? 0).peakMb,
      answer: answer.body,
    };
    log(`  zip bomb (${declared}): ${JSON.stringify(bombs[declared])}`);
  }
  results.zipBomb = bombs;
  await stop(server);

  // 3. Ten parallel anonymous 50 MB uploads.
  server = await serve(db.url);
  const before = memory(server.child.pid ?? 0, true);
  const started = performance.now();
  const anonymous = await Promise.all(
    Array.from({ length: 10 }, () =>
      post(server.port, PREVIEW, { 'content-type': 'text/csv' }, { bytes: 50 * MB }),
    ),
  );
  const allAnsweredMs = Math.round(performance.now() - started);
  await sleep(500);
  const after = memory(server.child.pid ?? 0);
  results.anonymousUploads = {
    uploads: 10,
    megabytesEach: 50,
    // 0: the connection was reset before the answer could be read.
    answers: anonymous.map((a) => (a.status === 0 ? a.body : a.status)),
    answerMs: percentiles(anonymous.map((a) => a.ms)),
    allAnsweredMs,
    serverRssBeforeMb: before.rssMb,
    serverRssAfterMb: after.rssMb,
    serverPeakRssMb: after.peakMb,
  };
  log(`  anonymous uploads: ${JSON.stringify(results.anonymousUploads)}`);
  await stop(server);

  // 4. Hang-up and SIGTERM during the big preview.
  server = await serve(db.url);
  const hangUp = new AbortController();
  const abandoned = post(
    server.port,
    PREVIEW,
    { 'content-type': 'text/csv', ...auth },
    csv,
    hangUp.signal,
  ).catch(() => null);
  await sleep(2000);
  const hungUpAt = performance.now();
  hangUp.abort();
  await abandoned;
  const stoppedMs = await cancelledAt(db.url, hungUpAt);
  const alive = await get(server.port, '/healthz');
  results.hangUp = { afterMs: 2000, cancelledAfterMs: stoppedMs, healthzAfterMs: alive.ms };
  log(`  hang-up: ${JSON.stringify(results.hangUp)}`);
  const running = post(server.port, PREVIEW, { 'content-type': 'text/csv', ...auth }, csv).catch(
    (error: unknown) => ({ status: 0, body: String(error), ms: 0 }),
  );
  await sleep(2000);
  const termAt = performance.now();
  server.child.kill('SIGTERM');
  const code = await server.exited;
  const exitMs = Math.round(performance.now() - termAt);
  const answer = await running;
  results.sigterm = {
    afterMs: 2000,
    exitCode: code,
    exitedAfterMs: exitMs,
    previewStatus: answer.status,
    previewAnswer: answer.body.slice(0, 120),
  };
  log(`  SIGTERM: ${JSON.stringify(results.sigterm)}`);
} finally {
  await db.drop();
}

mkdirSync(RESULTS, { recursive: true });
const out = { dialect, machineBefore, machineAfter: machine(), results };
writeFileSync(join(RESULTS, `uploads-${dialect}.json`), `${JSON.stringify(out, null, 2)}\n`);
log(`  written to bench/results/uploads-${dialect}.json`);
