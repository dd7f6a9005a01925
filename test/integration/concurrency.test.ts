import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { seedImportTree } from './imports.fixture.ts';
import { buildPerson } from '../support/factories.ts';
import { authHeader, createUserWithToken, type TestUser } from '../support/auth.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

const actor = systemActor('test');

interface Conflict {
  status: number;
  code: string;
  details: {
    version: number;
    stage: string;
    yourVersion: number;
    changes: { from: string | null; to: string; actor: string; outcome: string }[];
  };
}

/**
 * Two officers at once (issue 9): on the same dossier the second gets 409 with what changed
 * (optimistic versioning), never a silent overwrite; two imports of the same file at once do not
 * interleave (the import lock), so the people land once.
 */
describeEachDialect('concurrent officers and imports', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let first: TestUser;
  let second: TestUser;

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await seedImportTree(ctx);
    ({ app } = await buildApp(ctx));
    first = await createUserWithToken(ctx, { role: 'officer', orgCode: 'T' });
    second = await createUserWithToken(ctx, { role: 'officer', orgCode: 'T' });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  async function newCandidate(fullName: string): Promise<{ id: number; version: number }> {
    const person = await buildPerson(ctx, actor, { unitCode: 'U-NS', fullName });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/candidates',
      headers: authHeader(first.token),
      payload: {
        personId: person.id,
        organizationCode: 'T-C1',
        identifiedOn: '2026-01-05',
        helperMemberIds: [],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: number; version: number }>();
  }

  function transition(user: TestUser, id: number, payload: Record<string, unknown>) {
    return app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${id}/transitions`,
      headers: authHeader(user.token),
      payload,
    });
  }

  async function transitionRows(id: number): Promise<number> {
    const row = await ctx.db
      .selectFrom('candidateTransitions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('candidateId', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('both send the same version at once: one 201, one 409 naming the new stage, the version and who changed it', async () => {
    const { id, version } = await newCandidate('Giàng A Đồng Thời');
    const answers = await Promise.all([
      transition(first, id, { to: 'fostering', on: '2026-02-02', version }),
      transition(second, id, { to: 'fostering', on: '2026-02-03', version }),
    ]);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses, answers.map((a) => a.body).join('\n')).toEqual([201, 409]);
    const winner = answers[0]?.statusCode === 201 ? first : second;
    const loser = answers.find((a) => a.statusCode === 409);
    expect(loser?.headers['content-type']).toContain('application/problem+json');
    const problem = loser?.json<Conflict>();
    expect(problem).toMatchObject({
      status: 409,
      code: 'conflict',
      details: { version: version + 1, stage: 'fostering', yourVersion: version },
    });
    expect(problem?.details.changes).toEqual([
      expect.objectContaining({ from: 'source', to: 'fostering', actor: winner.username }),
    ]);
    // source + the one fostering: the loser wrote nothing.
    expect(await transitionRows(id)).toBe(2);
  });

  it('a stale version read before two changes gets 409 listing both changes', async () => {
    const { id, version } = await newCandidate('Vừ A Chậm Chân');
    expect(
      (await transition(first, id, { to: 'fostering', on: '2026-02-02', version })).statusCode,
    ).toBe(201);
    const trained = await transition(first, id, {
      to: 'trained',
      on: '2026-03-02',
      version: version + 1,
      certificate: { number: 'GCN-1', issuedOn: '2026-03-01', issuer: 'TTCT' },
    });
    expect(trained.statusCode, trained.body).toBe(201);
    const late = await transition(second, id, {
      to: 'withdrawn',
      on: '2026-03-03',
      reason: 'Xin rút',
      version,
    });
    expect(late.statusCode).toBe(409);
    const problem = late.json<Conflict>();
    expect(problem.details).toMatchObject({ version: version + 2, stage: 'trained' });
    expect(problem.details.changes.map((c) => c.to)).toEqual(['fostering', 'trained']);
    expect(await transitionRows(id)).toBe(3);
  });

  it('without a version, the second of two identical steps is refused by the stage order, not applied twice', async () => {
    const { id } = await newCandidate('Lò Văn Không Phiên Bản');
    const answers = await Promise.all([
      transition(first, id, { to: 'fostering', on: '2026-02-02' }),
      transition(second, id, { to: 'fostering', on: '2026-02-02' }),
    ]);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses[0]).toBe(201);
    expect([409, 422]).toContain(statuses[1]);
    expect(await transitionRows(id)).toBe(2);
  });

  it('the same file imported twice at once lands once: the second import waits and finds every row unchanged', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => {
      const nationalId = String(11_000_000_000 + i).padStart(12, '0');
      return `Lầu Thị Nhập ${i};Nữ;01/02/1995;Mông;${nationalId};U-NS;Trung học phổ thông`;
    });
    const csv = [
      'Họ và tên;Giới tính;Ngày sinh;Dân tộc;Số định danh cá nhân;Đơn vị;Trình độ học vấn',
      ...rows,
    ].join('\n');
    const countPeople = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('people')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await countPeople();
    const upload = (user: TestUser) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/imports/people',
        headers: {
          ...authHeader(user.token),
          'content-type': 'text/csv',
          'x-file-name': 'dong-thoi.csv',
        },
        payload: csv,
      });
    const answers = await Promise.all([upload(first), upload(second)]);
    for (const answer of answers) expect(answer.statusCode, answer.body.slice(0, 500)).toBe(201);
    const counts = answers
      .map((a) => a.json<{ counts: { new: number; unchanged: number } }>().counts)
      .sort((a, b) => b.new - a.new);
    expect(counts[0]).toMatchObject({ new: 300 });
    expect(counts[1]).toMatchObject({ new: 0, unchanged: 300 });
    expect(await countPeople()).toBe(before + 300);
    const lock = await ctx.db
      .selectFrom('locks')
      .selectAll()
      .where('name', '=', 'import')
      .executeTakeFirstOrThrow();
    expect([first.username, second.username]).toContain(lock.holder);
  });
});
