/**
 * The officer's daily work: bulk moves on the board (each dossier judged and written on its own,
 * the answer listing each), the to-do list of the signed-in officer's subtree, and the alerts
 * export — on both databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { BulkTransitionAnswer, TodoAnswer } from '../../src/shared/daily.ts';
import { buildOrganization, buildPerson, buildUnit } from '../support/factories.ts';
import { authHeader, createUserWithToken } from '../support/auth.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

const actor = systemActor('test');

describeEachDialect('daily work: bulk moves, to-do list, alerts export', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let officerA = '';
  let viewerA = '';
  const inA: number[] = [];
  let inB = 0;

  async function register(personUnit: string, org: string, fullName: string) {
    const person = await buildPerson(ctx, actor, { unitCode: personUnit, fullName });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/candidates',
      headers: authHeader(officerA),
      payload: { personId: person.id, organizationCode: org, identifiedOn: '2026-01-05' },
    });
    if (response.statusCode !== 201) {
      // the B candidate is registered by the system (outside officer A's subtree)
      const { createCandidate } =
        await import('../../src/server/modules/candidates/candidates.service.ts');
      return (
        await createCandidate(ctx, actor, {
          personId: person.id,
          organizationCode: org,
          identifiedOn: '2026-01-05',
        })
      ).id;
    }
    return response.json<{ id: number }>().id;
  }

  function idOf(i: number): number {
    const id = inA[i];
    if (id === undefined) throw new Error(`no candidate ${i}`);
    return id;
  }

  const bulk = (token: string, payload: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/candidates/transitions',
      headers: authHeader(token),
      payload: payload as object,
    });

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    ({ app } = await buildApp(ctx));
    await buildOrganization(ctx, actor, {
      code: 'D-TOP',
      kind: 'committee',
      level: 'top',
      decidesAdmissions: true,
    });
    for (const side of ['A', 'B']) {
      await buildOrganization(ctx, actor, {
        code: `D-GR${side}`,
        name: `Đảng bộ xã ${side}`,
        kind: 'committee',
        level: 'grassroots',
        parentCode: 'D-TOP',
        decidesAdmissions: true,
      });
      await buildOrganization(ctx, actor, {
        code: `D-CELL${side}`,
        name: `Chi bộ bản ${side}`,
        kind: 'cell',
        level: 'cell',
        parentCode: `D-GR${side}`,
      });
      await buildUnit(ctx, actor, { code: `D-U${side}`, organizationCode: `D-CELL${side}` });
    }
    officerA = (await createUserWithToken(ctx, { role: 'officer', orgCode: 'D-GRA' })).token;
    viewerA = (await createUserWithToken(ctx, { role: 'viewer', orgCode: 'D-GRA' })).token;
    for (const name of ['Vừ A Dính', 'Lò Thị Hoa', 'Quàng Văn Minh'])
      inA.push(await register('D-UA', 'D-CELLA', name));
    inB = await register('D-UB', 'D-CELLB', 'Cà Văn Khác');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('moves several dossiers together and lists each result', async () => {
    const first = await bulk(officerA, {
      candidateIds: [idOf(0), idOf(1)],
      to: 'fostering',
      on: '2026-02-02',
    });
    expect(first.statusCode, first.body).toBe(200);
    const answer = first.json<BulkTransitionAnswer>();
    expect(answer).toMatchObject({ moved: 2, refused: 0 });
    expect(answer.items.map((i) => [i.candidateId, i.moved, i.stage])).toEqual([
      [idOf(0), true, 'fostering'],
      [idOf(1), true, 'fostering'],
    ]);
  });

  it('moves the dossiers the rules allow and refuses the others, each on its own', async () => {
    const response = await bulk(officerA, {
      candidateIds: [idOf(0), idOf(2), idOf(1)],
      to: 'fostering',
      on: '2026-02-03',
    });
    expect(response.statusCode, response.body).toBe(200);
    const answer = response.json<BulkTransitionAnswer>();
    expect(answer.moved).toBe(1);
    expect(answer.refused).toBe(2);
    const [a0, a2, a1] = answer.items;
    expect(a2).toMatchObject({ candidateId: idOf(2), moved: true, stage: 'fostering' });
    for (const refused of [a0, a1]) {
      expect(refused?.moved).toBe(false);
      expect(refused?.stage).toBe('fostering');
      expect(refused?.code).toBeTruthy();
      expect(refused?.message).toMatch(/\p{L}/u);
    }
    expect(a0?.fullName).toBe('Vừ A Dính');
    // The refused dossiers have one move each, from the first request; the third has its own.
    const transitions = await ctx.db
      .selectFrom('candidateTransitions')
      .select(['candidateId', 'on'])
      .where('candidateId', 'in', inA)
      .where('toStage', '=', 'fostering')
      .orderBy('candidateId')
      .execute();
    expect(transitions).toEqual([
      { candidateId: idOf(0), on: '2026-02-02' },
      { candidateId: idOf(1), on: '2026-02-02' },
      { candidateId: idOf(2), on: '2026-02-03' },
    ]);
  });

  it('answers "not found" for a dossier of another subtree, naming it, and moves none', async () => {
    const response = await bulk(officerA, {
      candidateIds: [idOf(0), inB],
      to: 'withdrawn',
      on: '2026-02-04',
      reason: 'Chuyển đi nơi khác',
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe(
      'candidateIds.1',
    );
    const stages = await ctx.db
      .selectFrom('candidates')
      .select('stage')
      .where('id', 'in', [idOf(0), inB])
      .execute();
    expect(stages.map((s) => s.stage).sort()).toEqual(['fostering', 'source']);
  });

  it('refuses a viewer and bad input naming the field', async () => {
    expect(
      (await bulk(viewerA, { candidateIds: [idOf(0)], to: 'withdrawn', on: '2026-02-04' }))
        .statusCode,
    ).toBe(403);
    const bad = await bulk(officerA, { candidateIds: [], to: 'fostering', on: '2026-02-04' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string; message: string }[] }>().errors[0]).toMatchObject({
      field: 'candidateIds',
      message: 'Chọn ít nhất một hồ sơ',
    });
  });

  it('lists the officer’s to-do items of their subtree only', async () => {
    // One dossier on each side is past its decision deadline (stored due dates, as the alerts read them).
    await ctx.db
      .updateTable('candidates')
      .set({ dueKind: 'decision_due', dueOn: '2026-11-01' })
      .where('id', 'in', [idOf(1), inB])
      .execute();
    await ctx.db
      .updateTable('candidates')
      .set({ dueKind: 'probation_end', dueOn: '2026-12-10' })
      .where('id', '=', idOf(2))
      .execute();
    // Three failed votes on each side: the higher committee decides (29-QĐ/TW 4.2c).
    await ctx.db
      .updateTable('candidates')
      .set({ failedVotes: 3 })
      .where('id', 'in', [idOf(0), inB])
      .execute();
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/todo',
      headers: authHeader(officerA),
    });
    expect(response.statusCode, response.body).toBe(200);
    const todo = response.json<TodoAnswer>();
    expect(todo.total).toBe(todo.items.length);
    expect(todo.items.every((i) => i.organizationCode === 'D-CELLA')).toBe(true);
    expect(todo.items.some((i) => i.candidateId === inB)).toBe(false);
    const overdue = todo.items.find((i) => i.kind === 'overdue');
    expect(overdue).toMatchObject({ candidateId: idOf(1), dueOn: '2026-11-01' });
    expect(overdue?.text).toContain('Lò Thị Hoa');
    expect(overdue?.text).toContain('quá hạn 26 ngày');
    const soon = todo.items.find((i) => i.kind === 'due_soon');
    expect(soon).toMatchObject({ candidateId: idOf(2), dueOn: '2026-12-10' });
    expect(soon?.text).toContain('10/12/2026');
    // The escalation first, then overdue.
    expect(todo.items[0]).toMatchObject({ kind: 'escalation', candidateId: idOf(0), dueOn: null });
    expect(todo.items[0]?.text).toContain('Vừ A Dính: đã 3 lần biểu quyết không đạt');
    expect(todo.items[1]?.kind).toBe('overdue');

    const outside = await app.inject({
      method: 'GET',
      url: '/api/v1/todo?org=D-GRB',
      headers: authHeader(officerA),
    });
    expect(outside.statusCode).toBe(404);
  });

  it('exports the alerts as XLSX and audits the export', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/alerts/export',
      headers: authHeader(officerA),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const names: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) names.push(row.getCell(2).text);
    });
    expect(names).toContain('Lò Thị Hoa');
    expect(names).not.toContain('Cà Văn Khác');
    const event = await ctx.db
      .selectFrom('events')
      .select('action')
      .where('action', '=', 'alert.export')
      .executeTakeFirst();
    expect(event?.action).toBe('alert.export');
  });
});
