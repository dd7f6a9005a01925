import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { AppError } from '../../src/server/lib/errors.ts';
import { FILE_READ_LIMITS } from '../../src/server/modules/imports/imports.limits.ts';
import { fileFromBuffer, fileFromPath } from '../../src/server/modules/imports/imports.reader.ts';
import { importFile } from '../../src/server/modules/imports/imports.service.ts';
import { authHeader, createUserWithToken, signInSession, type TestUser } from '../support/auth.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import { xlsxBomb } from '../support/xlsx-bomb.ts';
import { seedImportTree, xlsxFile } from './imports.fixture.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = 'Họ và tên;Giới tính;Ngày sinh;Dân tộc;Số định danh cá nhân;Đơn vị;Trình độ học vấn';
const MB = 1024 * 1024;

/** Row k's code: two copies of k, so two names of the file differ in at least two letters. */
const code = (k: number) => String(k).padStart(5, '0').repeat(2);

/**
 * `n` people of one unit born in one year whose names differ only in their last ten characters,
 * the file that made the preview quadratic (issue 13 item 7). Every 1,000th row from row 1,002 on
 * is one letter from the name of the row 500 rows before it: a close name the preview must flag.
 */
function nearIdenticalNames(n: number): Buffer {
  const lines = [HEADER];
  for (let k = 0; k < n; k++) {
    const close = k >= 1000 && k % 1000 === 0;
    const name = close ? `Nguyễn Văn Ann ${code(k - 500)}` : `Nguyễn Văn Anh ${code(k)}`;
    lines.push(`${name};Nam;${String(1 + (k % 28)).padStart(2, '0')}/03/1990;Kinh;;U-NS;THPT`);
  }
  return Buffer.from(lines.join('\n'));
}

/** Sends `bytes` of body without holding them (64 KB at a time), answers status and body. */
function upload(
  port: number,
  headers: Record<string, string>,
  bytes: number,
): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/imports/people/preview',
      headers: { 'content-type': 'text/csv', 'content-length': String(bytes), ...headers },
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        });
        req.destroy();
      });
    });
    // Writing on after the server has answered and closed is expected.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < bytes && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

/**
 * What one request may cost (issue 13 items 7, 8, 9, 12; STYLE habit 17): spreadsheets are
 * capped while they are read, the preview neither blocks the event loop nor outlives its client
 * or the server, and an upload is refused before its body is read when the caller is unknown.
 */
describeEachDialect('import bounds', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let officer: TestUser;
  let port: number;

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await seedImportTree(ctx);
    officer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'T' });
    ({ app } = await buildApp(ctx));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const preview = (payload: Buffer, type: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/imports/people/preview',
      headers: { 'content-type': type, ...authHeader(officer.token), ...headers },
      payload,
    });

  it('a zip bomb (1 MB inflating to 1 GB) is refused before it is inflated: 400 problem+json naming the limit', async () => {
    for (const declared of ['honest', 'lying'] as const) {
      const bomb = xlsxBomb({ expandedBytes: 1024 * MB, declared });
      expect(bomb.length).toBeLessThan(2 * MB);
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const response = await preview(bomb, XLSX_TYPE);
      const took = performance.now() - started;
      expect(response.statusCode, `${declared}: ${response.body.slice(0, 500)}`).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json<{ code: string; title: string; errors: { field: string }[] }>();
      expect(problem.code).toBe('validation');
      expect(problem.errors[0]?.field).toBe('file');
      expect(problem.title).toMatch(declared === 'honest' ? /giới hạn \d+ MB/ : /khai báo/);
      expect(took, declared).toBeLessThan(2000);
      expect(process.memoryUsage().rss - rssBefore, declared).toBeLessThan(200 * MB);
    }
  });

  it('the caps are enforced while reading: expanded bytes, shared strings and rows (caps injected small)', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => [
      `Người Thử ${i}`,
      'Nam',
      '01/01/1990',
      'Kinh',
      'U-NS',
      'THPT',
    ]);
    const workbook = await xlsxFile([
      ['Họ và tên', 'Giới tính', 'Ngày sinh', 'Dân tộc', 'Đơn vị', 'Trình độ học vấn'],
      ...rows,
    ]);
    const buffer = workbook.buffer ?? Buffer.alloc(0);
    const refusal = (file: Parameters<typeof importFile>[3]) =>
      importFile(ctx, systemActor('test'), 'people', file, { write: false }).then(
        () => null,
        (e: unknown) => e as AppError,
      );
    const big = await refusal(
      fileFromBuffer(buffer, 'lon.xlsx', {
        maxExpandedBytes: 16 * 1024,
        maxSharedStringsBytes: MB,
        maxRows: 10_000,
      }),
    );
    expect(big?.code).toBe('validation');
    expect(big?.message).toMatch(/giới hạn 16 KB/);
    const strings = await refusal(
      fileFromBuffer(buffer, 'lon.xlsx', {
        maxExpandedBytes: 64 * MB,
        maxSharedStringsBytes: 1024,
        maxRows: 10_000,
      }),
    );
    expect(strings?.code).toBe('validation');
    expect(strings?.message).toMatch(/chuỗi/);
    const limits = { maxExpandedBytes: 64 * MB, maxSharedStringsBytes: MB, maxRows: 100 };
    const manyRows = await refusal(fileFromBuffer(buffer, 'lon.xlsx', limits));
    expect(manyRows?.code).toBe('validation');
    expect(manyRows?.message).toMatch(/100 dòng/);
    const csv = Buffer.from(
      [HEADER, ...rows.map((r) => `${r[0]};Nam;01/01/1990;Kinh;;U-NS;THPT`)].join('\n'),
    );
    const manyCsvRows = await refusal(fileFromBuffer(csv, 'lon.csv', limits));
    expect(manyCsvRows?.code).toBe('validation');
    expect(manyCsvRows?.message).toMatch(/100 dòng/);
    // Under the caps the same files are read as before.
    const roomy = { maxExpandedBytes: 64 * MB, maxSharedStringsBytes: MB, maxRows: 1000 };
    expect(await refusal(fileFromBuffer(buffer, 'lon.xlsx', roomy))).toBeNull();
    expect(await refusal(fileFromBuffer(csv, 'lon.csv', roomy))).toBeNull();
  });

  it('a file on disk is read by position with the higher caps of files on disk; an over-long XML text is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dangvien-bounds-'));
    try {
      const headers = [
        'Họ và tên',
        'Giới tính',
        'Ngày sinh',
        'Dân tộc',
        'Đơn vị',
        'Trình độ học vấn',
      ];
      const path = join(dir, 'danh-sach.xlsx');
      const workbook = await xlsxFile([
        headers,
        ['Lò Thị Xuân', 'Nữ', '02/02/1992', 'Thái', 'U-NS', 'THPT'],
      ]);
      writeFileSync(path, workbook.buffer ?? Buffer.alloc(0));
      const file = await fileFromPath(path);
      expect(file.limits).toBe(FILE_READ_LIMITS);
      const result = await importFile(ctx, systemActor('test'), 'people', file, { write: false });
      expect(result.counts).toMatchObject({ new: 1, error: 0 });
      // One cell of 2 MB of text: past MAX_XML_RUN_BYTES, refused while it is read.
      const long = await xlsxFile([
        headers,
        ['x'.repeat(2 * MB), 'Nữ', '02/02/1992', 'Thái', 'U-NS', 'THPT'],
      ]);
      const error = await importFile(ctx, systemActor('test'), 'people', long, {
        write: false,
      }).then(
        () => null,
        (e: unknown) => e as AppError,
      );
      expect(error?.code).toBe('validation');
      expect(error?.message).toMatch(/dài quá 1 MB/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a row of 100,000 fields is read as its first MAX_COLUMNS cells', async () => {
    const wide = Buffer.from(`${HEADER}
Lò Văn Tư;Nam;03/03/1993;Thái;;U-NS;THPT${';x'.repeat(100_000)}\n`);
    const started = performance.now();
    const result = await importFile(
      ctx,
      systemActor('test'),
      'people',
      fileFromBuffer(wide, 'rong.csv'),
      {
        write: false,
      },
    );
    expect(result.counts).toMatchObject({ new: 1, error: 0 });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('/healthz keeps answering while a preview of near-identical names runs, and close names are still flagged', async () => {
    const file = nearIdenticalNames(8000);
    const gaps: number[] = [];
    let running = true;
    const probe = (async () => {
      let last = performance.now();
      while (running) {
        const response = await app.inject({ method: 'GET', url: '/healthz' });
        expect(response.statusCode).toBe(200);
        const now = performance.now();
        gaps.push(now - last);
        last = now;
        await sleep(5);
      }
    })();
    const started = performance.now();
    const response = await preview(file, 'text/csv');
    const took = performance.now() - started;
    running = false;
    await probe;
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    const result = response.json<{
      rows: number;
      counts: Record<string, number>;
      items: { row: number; warnings: { message: string }[] }[];
    }>();
    expect(result.rows).toBe(8000);
    expect(result.counts).toMatchObject({ new: 8000, duplicate: 0, error: 0 });
    const warned = result.items.filter((i) => i.warnings.length > 0);
    expect(warned.map((i) => i.row)).toEqual([1002, 2002, 3002, 4002, 5002, 6002, 7002]);
    expect(warned[0]?.warnings[0]?.message).toMatch(/dòng 502 /);
    expect(gaps.length).toBeGreaterThan(took / 100);
    expect(Math.max(...gaps), `preview took ${Math.round(took)} ms`).toBeLessThan(500);
  });

  it('a preview stops when its caller aborts it, promptly', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const timer = setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, 300);
    const error = await importFile(
      ctx,
      systemActor('test'),
      'people',
      fileFromBuffer(nearIdenticalNames(20_000), 'lon.csv'),
      { write: false, signal: controller.signal },
    ).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    clearTimeout(timer);
    expect(error?.code).toBe('import.cancelled');
    expect(performance.now() - abortedAt).toBeLessThan(500);
  });

  it('a client that hangs up stops its preview (the audit log says cancelled)', async () => {
    const body = nearIdenticalNames(20_000);
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/imports/people/preview',
      headers: {
        'content-type': 'text/csv',
        'content-length': String(body.length),
        ...authHeader(officer.token),
      },
    });
    req.on('error', () => undefined);
    req.end(body);
    await sleep(500);
    req.destroy();
    const hungUp = performance.now();
    let cancelled = false;
    while (!cancelled && performance.now() - hungUp < 3000) {
      await sleep(25);
      const events = await ctx.db
        .selectFrom('events')
        .select('action')
        .where('action', '=', 'import.people.cancelled')
        .execute();
      cancelled = events.length > 0;
    }
    expect(cancelled).toBe(true);
    expect(performance.now() - hungUp).toBeLessThan(1000);
  });

  it('closing the server (SIGTERM) stops a running preview instead of waiting for it', async () => {
    const { app: closing } = await buildApp(ctx, {
      actorOf: () => Promise.resolve(systemActor('test')),
    });
    const answer = closing.inject({
      method: 'POST',
      url: '/api/v1/imports/people/preview',
      headers: { 'content-type': 'text/csv' },
      payload: nearIdenticalNames(20_000),
    });
    await sleep(400);
    const started = performance.now();
    await closing.close();
    const response = await answer;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(409);
    expect(response.json<{ code: string }>().code).toBe('import.cancelled');
  });

  it("anonymous, CSRF-less and viewers' 49 MB uploads are refused before their body is read; memory stays flat", async () => {
    const bytes = 49 * MB;
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const anonymous = await Promise.all(Array.from({ length: 10 }, () => upload(port, {}, bytes)));
    const took = performance.now() - started;
    expect(anonymous.map((a) => a.status)).toEqual(Array.from({ length: 10 }, () => 401));
    expect(JSON.parse(anonymous[0]?.body ?? '{}')).toMatchObject({ code: 'unauthenticated' });
    const session = await signInSession(app, officer.username);
    const csrfLess = await upload(port, { cookie: session.cookie }, bytes);
    expect(csrfLess.status).toBe(403);
    expect(JSON.parse(csrfLess.body)).toMatchObject({ code: 'forbidden' });
    // Signed in, but a viewer may not import: refused before the body too.
    const viewer = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'T' });
    const viewers = await Promise.all(
      Array.from({ length: 5 }, () => upload(port, authHeader(viewer.token), bytes)),
    );
    expect(viewers.map((v) => v.status)).toEqual([403, 403, 403, 403, 403]);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * MB);
    expect(took).toBeLessThan(5000);
  });

  it('a malformed x-file-name header is a 400 naming the header, not a 500', async () => {
    const response = await preview(Buffer.from(`${HEADER}\n`), 'text/csv', {
      'x-file-name': '%E0%A4%A',
    });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json<{ code: string; errors: { field: string }[] }>();
    expect(problem.code).toBe('validation');
    expect(problem.errors[0]?.field).toBe('x-file-name');
    const named = await preview(Buffer.from(`${HEADER}\n`), 'text/csv', {
      'x-file-name': encodeURIComponent('Danh sách.csv'),
    });
    expect(named.json<{ file: string }>().file).toBe('Danh sách.csv');
  });
});
