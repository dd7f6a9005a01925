import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { createPerson } from '../../src/server/modules/people/people.service.ts';
import { importFile } from '../../src/server/modules/imports/imports.service.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import { csvFile, seedImportTree } from './imports.fixture.ts';

const actor = systemActor('test');

interface Pair {
  reason: string;
  a: { id: number; fullName: string };
  b: { id: number; fullName: string };
}

const person = (fullName: string, birthDate: string, unitCode: string, nationalId?: string) => ({
  fullName,
  gender: 'male' as const,
  birthDate,
  ethnicity: 'Thái',
  unitCode,
  educationLevel: 'upper_secondary' as const,
  ...(nationalId ? { nationalId } : {}),
});

describeEachDialect('duplicates: review, merge, not duplicates; imports over HTTP', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await seedImportTree(ctx);
    ({ app } = await buildApp(ctx, { actorOf: () => Promise.resolve(actor) }));
    // B first, without a national ID, with a candidacy; then A, the same man with his ID and a membership.
    ids.b = (await createPerson(ctx, actor, person('Lò Văn Tư', '1980-01-01', 'U-NS'))).id;
    await importFile(
      ctx,
      actor,
      'candidates',
      csvFile(
        'Họ và tên,Giới tính,Ngày sinh,Dân tộc,Đơn vị,Trình độ học vấn,Chi bộ,Ngày phát hiện\nLò Văn Tư,Nam,01/01/1980,Thái,U-NS,THPT,T-C1,01/02/2010\n',
      ),
      { write: true },
    );
    ids.a = (
      await createPerson(ctx, actor, person('Lò Văn Tư', '1980-01-01', 'U-NS', '011080000001'))
    ).id;
    await importFile(
      ctx,
      actor,
      'members',
      csvFile(
        'Họ và tên,Giới tính,Ngày sinh,Dân tộc,Số định danh cá nhân,Đơn vị,Trình độ học vấn,Chi bộ,Ngày kết nạp\nLò Văn Tư,Nam,01/01/1980,Thái,011080000001,U-NS,THPT,T-C1,03/02/2012\n',
      ),
      { write: true },
    );
    ids.c = (
      await createPerson(ctx, actor, person('Lường Văn Xuân', '1985-02-02', 'U-TH', '011085000002'))
    ).id;
    ids.d = (
      await createPerson(ctx, actor, person('Lường Văn Suân', '1985-03-03', 'U-TH', '011085000002'))
    ).id;
    ids.e = (await createPerson(ctx, actor, person('Quàng Văn Ún', '1990-05-05', 'U-NS'))).id;
    ids.f = (await createPerson(ctx, actor, person('Quàng Văn Ủn', '1990-06-06', 'U-NS'))).id;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const pairs = async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/duplicates' });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: Pair[] }>().items;
  };
  const has = (list: Pair[], x: number, y: number) =>
    list.find((p) => (p.a.id === x && p.b.id === y) || (p.a.id === y && p.b.id === x));

  it('lists likely pairs side by side: same national ID, same name + birth date, close names in one unit', async () => {
    const list = await pairs();
    expect(has(list, ids.a ?? 0, ids.b ?? 0)?.reason).toBe('name_birth_date');
    expect(has(list, ids.c ?? 0, ids.d ?? 0)?.reason).toBe('national_id');
    expect(has(list, ids.e ?? 0, ids.f ?? 0)?.reason).toBe('close_name');
  });

  it('merge keeps both histories under the person kept, marks the other merged, and audits both', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/duplicates/merge',
      payload: { keepId: ids.a, mergeId: ids.b, reason: 'Cùng một người' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      kept: { history: Record<string, number> };
      moved: Record<string, number>;
    }>();
    expect(body.kept.history).toMatchObject({ memberships: 1, candidates: 1 });
    expect(body.moved.candidates).toBe(1);
    const merged = await ctx.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', ids.b ?? 0)
      .executeTakeFirstOrThrow();
    expect(merged.mergedIntoId).toBe(ids.a);
    const events = await ctx.db
      .selectFrom('events')
      .select(['action', 'entityId', 'before', 'after'])
      .where('action', 'in', ['person.merge', 'person.merged_into'])
      .execute();
    expect(events.map((e) => e.entityId).sort()).toEqual([String(ids.a), String(ids.b)].sort());
    expect(JSON.parse(events[0]?.before ?? '{}')).toHaveProperty('merge');
    expect(has(await pairs(), ids.a ?? 0, ids.b ?? 0)).toBeUndefined();
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/duplicates/merge',
      payload: { keepId: ids.a, mergeId: ids.b },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json<{ code: string }>().code).toBe('rule.person_already_merged');
  });

  it('"not duplicates" is remembered for good', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/duplicates/dismiss',
        payload: { aId: ids.d, bId: ids.c },
      });
      expect(response.statusCode).toBe(200);
    }
    expect(has(await pairs(), ids.c ?? 0, ids.d ?? 0)).toBeUndefined();
    expect(has(await pairs(), ids.e ?? 0, ids.f ?? 0)).toBeDefined();
  });

  it('two records that were members over the same days are not merged', async () => {
    await importFile(
      ctx,
      actor,
      'members',
      csvFile(
        'Họ và tên,Giới tính,Ngày sinh,Dân tộc,Đơn vị,Trình độ học vấn,Chi bộ,Ngày kết nạp\nQuàng Văn Ún,Nam,05/05/1990,Thái,U-NS,THPT,T-C1,01/02/2015\nQuàng Văn Ủn,Nam,06/06/1990,Thái,U-NS,THPT,T-C1,01/02/2016\n',
      ),
      { write: true },
    );
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/duplicates/merge',
      payload: { keepId: ids.e, mergeId: ids.f },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ code: string }>().code).toBe('rule.merge_overlapping_memberships');
  });

  it('imports over HTTP: preview, refusal naming rows, confirm, idempotent re-send', async () => {
    const good =
      'Họ và tên,Giới tính,Ngày sinh,Dân tộc,Đơn vị,Trình độ học vấn\nCầm Thị Mai,Nữ,02/02/1999,Thái,U-TH,THPT\n';
    const bad = `${good}Cầm Thị Lan,Nữ,30/02/1999,Thái,U-TH,THPT\n`;
    const preview = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/people/preview',
      headers: { 'content-type': 'text/csv', 'x-file-name': 'nguoi.csv' },
      payload: bad,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json<{ counts: Record<string, number>; file: string }>()).toMatchObject({
      file: 'nguoi.csv',
      counts: { new: 1, error: 1 },
    });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/people',
      headers: { 'content-type': 'text/csv' },
      payload: bad,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe(
      'dòng 3 · Ngày sinh',
    );
    for (const expected of [{ new: 1 }, { unchanged: 1, new: 0 }]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/imports/people',
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from(good),
      });
      expect(response.statusCode).toBe(201);
      expect(response.json<{ counts: Record<string, number> }>().counts).toMatchObject(expected);
    }
    const empty = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/people',
      headers: { 'content-type': 'application/json' },
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
  });

  it('exports and the template answer XLSX files', async () => {
    for (const url of [
      '/api/v1/exports/members?org=T',
      '/api/v1/exports/all',
      '/api/v1/imports/members/template',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      expect(response.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    }
    const missing = await app.inject({ method: 'GET', url: '/api/v1/exports/members?org=NOPE' });
    expect(missing.statusCode).toBe(404);
    const exports = await ctx.db
      .selectFrom('events')
      .select('action')
      .where('action', 'like', 'export.%')
      .execute();
    expect(exports.length).toBeGreaterThanOrEqual(2);
  });
});
