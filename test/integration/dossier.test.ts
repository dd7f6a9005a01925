import { mkdtempSync, rmSync } from 'node:fs';
import JSZip from 'jszip';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { createCandidate } from '../../src/server/modules/candidates/candidates.service.ts';
import {
  backupDatabase,
  backupFilesDir,
  restoreDatabase,
} from '../../src/server/modules/backup/backup.service.ts';
import type { DossierPaperwork, ScanFile } from '../../src/shared/dossier.ts';
import { authHeader, createUserWithToken, type TestUser } from '../support/auth.ts';
import { buildOrganization, buildPerson, buildUnit } from '../support/factories.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

const actor = systemActor('test');

/** A minimal valid PDF, a PNG header and an HTML page. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

describeEachDialect('dossier paperwork: checklist, scans and requests', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let officer: TestUser;
  let viewer: TestUser;
  let own = 0;
  let other = 0;
  let otherScan = 0;

  const headers = (user: TestUser = officer) => authHeader(user.token);
  const paperwork = async (id: number) =>
    (
      await app.inject({ url: `/api/v1/candidates/${id}/dossier`, headers: headers() })
    ).json<DossierPaperwork>();
  const upload = (id: number, name: string, bytes: Buffer, document = 'application', query = '') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${id}/documents/${document}/files${query}`,
      headers: {
        ...headers(),
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
      },
      payload: bytes,
    });
  const count = async (table: 'dossierFiles' | 'candidateDocuments' | 'dossierRequests') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    ({ app } = await buildApp(ctx));
    await buildOrganization(ctx, actor, {
      code: 'D-TOP',
      kind: 'committee',
      level: 'grassroots',
      decidesAdmissions: true,
      name: 'Đảng bộ xã Thử',
    });
    for (const code of ['D-A', 'D-B']) {
      await buildOrganization(ctx, actor, { code, parentCode: 'D-TOP', name: `Chi bộ ${code}` });
      await buildUnit(ctx, actor, { code: `${code}-U`, organizationCode: code });
    }
    const candidate = async (code: string, fullName: string) => {
      const person = await buildPerson(ctx, actor, { unitCode: `${code}-U`, fullName });
      const created = await createCandidate(ctx, actor, {
        personId: person.id,
        organizationCode: code,
        identifiedOn: '2026-01-05',
      });
      return (created as { id: number }).id;
    };
    own = await candidate('D-A', 'Lò Văn Minh');
    other = await candidate('D-B', 'Quàng Thị Hoa');
    officer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'D-A' });
    viewer = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'D-A' });
    const b = await createUserWithToken(ctx, { role: 'officer', orgCode: 'D-B' });
    const theirs = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${other}/documents/biography/files`,
      headers: {
        ...authHeader(b.token),
        'content-type': 'application/pdf',
        'x-file-name': 'ly-lich.pdf',
      },
      payload: PDF,
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    otherScan = theirs.json<ScanFile>().id;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('ticks a document with its received date and unticks it as a dated change (nothing deleted)', async () => {
    const tick = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${own}/documents/application/tick`,
      headers: headers(),
      payload: { receivedOn: '2026-11-20', note: 'Bản gốc' },
    });
    expect(tick.statusCode, tick.body).toBe(200);
    const item = tick.json<DossierPaperwork>().checklist.find((c) => c.kind === 'application');
    expect(item).toMatchObject({ status: 'ticked', receivedOn: '2026-11-20', note: 'Bản gốc' });

    const future = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${own}/documents/biography/tick`,
      headers: headers(),
      payload: { receivedOn: '2026-12-20' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('receivedOn');

    const rows = await count('candidateDocuments');
    const untick = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${own}/documents/application/untick`,
      headers: headers(),
      payload: { on: '2026-11-25', reason: 'Thiếu chữ ký' },
    });
    expect(untick.statusCode, untick.body).toBe(200);
    expect(
      untick.json<DossierPaperwork>().checklist.find((c) => c.kind === 'application'),
    ).toMatchObject({ status: 'missing', unticked: { on: '2026-11-25', reason: 'Thiếu chữ ký' } });
    expect(await count('candidateDocuments')).toBe(rows);
    const events = await ctx.db
      .selectFrom('events')
      .select(['action', 'effectiveOn', 'reason'])
      .where('entity', '=', 'candidate')
      .where('entityId', '=', String(own))
      .where('action', 'like', 'dossier.%')
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { action: 'dossier.document_tick', effectiveOn: '2026-11-20', reason: null },
      { action: 'dossier.document_untick', effectiveOn: '2026-11-25', reason: 'Thiếu chữ ký' },
    ]);
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${own}/documents/application/untick`,
      headers: headers(),
      payload: { on: '2026-11-26', reason: 'Lần nữa' },
    });
    expect(again.statusCode).toBe(422);
  });

  it('stores a PDF scan and serves it inline (sandboxed, nosniff) or as an attachment, audited', async () => {
    const response = await upload(own, 'Đơn xin vào Đảng.pdf', PDF);
    expect(response.statusCode, response.body).toBe(201);
    const scan = response.json<ScanFile>();
    expect(scan).toMatchObject({
      mediaType: 'application/pdf',
      size: PDF.length,
      name: 'Đơn xin vào Đảng.pdf',
    });
    const view = await app.inject({ url: `/api/v1/files/${scan.id}`, headers: headers() });
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('application/pdf');
    expect(view.headers['content-disposition']).toMatch(/^inline; /);
    expect(view.headers['x-content-type-options']).toBe('nosniff');
    expect(view.headers['content-security-policy']).toMatch(/sandbox/);
    expect(Buffer.compare(view.rawPayload, PDF)).toBe(0);
    const download = await app.inject({
      url: `/api/v1/files/${scan.id}?download=true`,
      headers: headers(),
    });
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    expect(download.headers['content-type']).toBe('application/octet-stream');
    const audit = await ctx.db
      .selectFrom('events')
      .select('action')
      .where('entity', '=', 'dossier_file')
      .where('entityId', '=', String(scan.id))
      .orderBy('id')
      .execute();
    expect(audit.map((e) => e.action)).toEqual([
      'dossier.file_upload',
      'dossier.file_view',
      'dossier.file_download',
    ]);
    const listed = await paperwork(own);
    expect(listed.checklist.find((c) => c.kind === 'application')?.files.map((f) => f.id)).toEqual([
      scan.id,
    ]);
    // A viewer reads the dossier but not the scans (personal data).
    const byViewer = await app.inject({
      url: `/api/v1/files/${scan.id}`,
      headers: headers(viewer),
    });
    expect(byViewer.statusCode).toBe(403);
    // "Tải cả hồ sơ" carries the scan after the forms, byte for byte, in its own folder.
    const whole = await app.inject({
      url: `/api/v1/candidates/${own}/dossier.zip`,
      headers: headers(),
    });
    expect(whole.statusCode).toBe(200);
    const archive = await JSZip.loadAsync(whole.rawPayload);
    const names = Object.keys(archive.files);
    expect(names).toContain('Bản quét/01 Đơn xin vào Đảng - Đơn xin vào Đảng.pdf');
    expect(names.indexOf('Bản quét/01 Đơn xin vào Đảng - Đơn xin vào Đảng.pdf')).toBe(
      names.length - 1,
    );
    const packed = await archive
      .file('Bản quét/01 Đơn xin vào Đảng - Đơn xin vào Đảng.pdf')!
      .async('nodebuffer');
    expect(Buffer.compare(packed, PDF)).toBe(0);
  });

  it('refuses a scan whose bytes are not what its name says, and never stores HTML', async () => {
    const before = await count('dossierFiles');
    const png = await upload(own, 'don.pdf', PNG);
    expect(png.statusCode).toBe(400);
    expect(png.json<{ errors: { message: string }[] }>().errors[0]?.message).toMatch(
      /là PDF nhưng nội dung là PNG/,
    );
    const html = await upload(own, 'don.pdf', HTML);
    expect(html.statusCode).toBe(400);
    const named = await upload(own, 'trang.html', HTML);
    expect(named.statusCode).toBe(400);
    expect(named.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('x-file-name');
    const noName = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${own}/documents/application/files`,
      headers: { ...headers(), 'content-type': 'application/pdf' },
      payload: PDF,
    });
    expect(noName.statusCode).toBe(400);
    expect(await count('dossierFiles')).toBe(before);
  });

  it('refuses a scan over the size limit with 413', async () => {
    const limit = ctx.scanMaxBytes;
    ctx.scanMaxBytes = 100;
    try {
      const response = await upload(own, 'big.pdf', PDF);
      expect(response.statusCode).toBe(413);
    } finally {
      ctx.scanMaxBytes = limit;
    }
  });

  it("answers another subtree's scan and dossier exactly like missing ones", async () => {
    const theirs = await app.inject({ url: `/api/v1/files/${otherScan}`, headers: headers() });
    const missing = await app.inject({ url: '/api/v1/files/987654321', headers: headers() });
    expect(theirs.statusCode).toBe(404);
    const strip = (body: string) => {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      delete parsed.requestId;
      return parsed;
    };
    expect(strip(theirs.body)).toEqual(strip(missing.body));
    const into = await upload(other, 'x.pdf', PDF);
    expect(into.statusCode).toBe(404);
    const read = await app.inject({
      url: `/api/v1/candidates/${other}/dossier`,
      headers: headers(),
    });
    expect(read.statusCode).toBe(404);
  });

  it('tracks a verification request: overdue alert, printable letter, answer fills the checklist and the rule', async () => {
    const sent = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${own}/requests`,
      headers: headers(),
      payload: {
        kind: 'background_verification',
        sentTo: 'Đảng ủy xã Thanh Xương, huyện Điện Biên',
        sentOn: '2026-10-01',
        dueOn: '2026-11-01',
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const request = sent.json<DossierPaperwork>().requests[0];
    expect(request).toMatchObject({
      kind: 'background_verification',
      overdue: true,
      receivedOn: null,
    });
    const alerts = await app.inject({
      url: '/api/v1/alerts?kind=request_overdue',
      headers: headers(),
    });
    expect(alerts.statusCode, alerts.body).toBe(200);
    expect(
      alerts.json<{ items: { candidateId: number; dueOn: string; daysOverdue: number }[] }>().items,
    ).toEqual([
      expect.objectContaining({ candidateId: own, dueOn: '2026-11-01', daysOverdue: 26 }),
    ]);

    const letter = await app.inject({
      url: `/api/v1/candidates/${own}/requests/${request?.id}/letter.docx`,
      headers: headers(),
    });
    expect(letter.statusCode).toBe(200);
    expect(letter.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${own}/requests/${request?.id}/answer`,
      headers: headers(),
      payload: { receivedOn: '2026-09-01', result: 'favourable' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('receivedOn');
    const answered = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${own}/requests/${request?.id}/answer`,
      headers: headers(),
      payload: { receivedOn: '2026-11-20', result: 'favourable', resultNote: 'Không có vấn đề' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json<DossierPaperwork>().requests[0]).toMatchObject({
      receivedOn: '2026-11-20',
      overdue: false,
    });
    // A second place asked: the verification is done only once every place has answered.
    const second = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${own}/requests`,
      headers: headers(),
      payload: {
        kind: 'background_verification',
        sentTo: 'Chi bộ bản Na Son (nơi cha mẹ cư trú)',
        sentOn: '2026-11-02',
        dueOn: '2026-12-02',
      },
    });
    const secondId = second.json<DossierPaperwork>().requests[1]?.id;
    expect(
      second.json<DossierPaperwork>().checklist.find((c) => c.kind === 'background_verification')
        ?.status,
    ).toBe('missing');
    const both = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${own}/requests/${secondId}/answer`,
      headers: headers(),
      payload: { receivedOn: '2026-11-18', result: 'favourable' },
    });
    const after = both.json<DossierPaperwork>();
    expect(after.checklist.find((c) => c.kind === 'background_verification')).toMatchObject({
      status: 'derived',
      receivedOn: '2026-11-20',
    });
    const scan = await upload(
      own,
      'tra-loi.png',
      PNG,
      'background_verification',
      `?requestId=${request?.id}`,
    );
    expect(scan.statusCode, scan.body).toBe(201);
    expect((await paperwork(own)).requests[0]?.files).toHaveLength(1);
    const quiet = await app.inject({
      url: '/api/v1/alerts?kind=request_overdue',
      headers: headers(),
    });
    expect(quiet.json<{ total: number }>().total).toBe(0);

    // Another dossier's request id through this dossier: not found.
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${other}/requests/${request?.id}/answer`,
      headers: headers(),
      payload: { receivedOn: '2026-11-20', result: 'favourable' },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('backup and restore carry the scanned files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dangvien-dossier-backup-'));
    try {
      const file = join(dir, 'backup.jsonl.gz');
      const result = await backupDatabase(ctx, actor, {
        file,
        databaseUrl: 'postgres://unused',
        format: 'portable',
      });
      const hashes = await ctx.db.selectFrom('dossierFiles').select('sha256').distinct().execute();
      expect(result.files).toBe(hashes.length);
      // Two uploads of the same PDF share one stored file.
      expect(result.files).toBe(2);
      const target = await scratchContext(dialect);
      try {
        const restored = await restoreDatabase(target.ctx, actor, { file });
        expect(restored.files).toBe(hashes.length);
        const { app: second } = await buildApp(target.ctx, {
          actorOf: () => Promise.resolve(actor),
        });
        const scan = await target.ctx.db
          .selectFrom('dossierFiles')
          .select('id')
          .where('name', '=', 'Đơn xin vào Đảng.pdf')
          .executeTakeFirstOrThrow();
        const served = await second.inject({ url: `/api/v1/files/${scan.id}` });
        expect(served.statusCode).toBe(200);
        expect(Buffer.compare(served.rawPayload, PDF)).toBe(0);
        await second.close();
        // A backup whose files were lost is refused, and nothing is restored.
        rmSync(backupFilesDir(file), { recursive: true, force: true });
        const empty = await scratchContext(dialect);
        try {
          await expect(restoreDatabase(empty.ctx, actor, { file })).rejects.toThrow(/tệp quét/);
          const people = await empty.ctx.db
            .selectFrom('people')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          expect(Number(people.n)).toBe(0);
        } finally {
          await empty.drop();
        }
      } finally {
        await target.drop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
