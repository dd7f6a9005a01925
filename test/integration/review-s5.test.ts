import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { reorganize } from '../../src/server/modules/organizations/organizations.service.ts';
import { authHeader, createUserWithToken, type TestUser } from '../support/auth.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import { buildTwoCommunes } from '../support/two-communes.ts';
import { buildPerson } from '../support/factories.ts';
import { createCandidate } from '../../src/server/modules/candidates/candidates.service.ts';
import { createRequest } from '../../src/server/modules/dossier/dossier.service.ts';
import { fieldPaths } from '../support/schema-fields.ts';
import type { RegisteredRoute } from '../../src/server/http/routes.ts';

/**
 * Session 5's hostile review of the new routes: the officer of the next commune tries each one.
 * Two communes C1 and C2 under D; the cell C1-1 moved from C1 to C2 on 2026-06-01 (today is
 * 2026-11-27).
 */

const system = systemActor('test');

describeEachDialect('session 5 review: the next commune against the new routes', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let c2Officer: TestUser;
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await buildTwoCommunes(ctx, system, {
      commune: (c) => `Đảng bộ xã ${c}`,
      cell: (c) => `Chi bộ ${c}`,
    });
    await reorganize(ctx, system, {
      on: '2026-06-01',
      reason: 'Điều chỉnh địa giới',
      steps: [{ op: 'move', code: 'C1-1', toParentCode: 'C2' }],
    });
    c2Officer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'C2' });
    ({ app, routes } = await buildApp(ctx));
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const ratingsOf = async (code: string) =>
    (
      await ctx.db
        .selectFrom('ratings as r')
        .innerJoin('organizations as o', 'o.id', 'r.organizationId')
        .select('r.id')
        .where('o.code', '=', code)
        .execute()
    ).length;

  const rate = (ratedOn: string, year: number) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/ratings',
      headers: authHeader(c2Officer.token),
      payload: {
        organizationCode: 'C1-1',
        year,
        ratedOn,
        scores: { general: 27, tasks: 55, development: 8 },
        conditions: {
          tasksCompletedPercent: 100,
          tasksLatePercent: 0,
          tasksExceededPercent: 35,
          shortcomingsRemedied: true,
          disciplined: false,
          degradationConcluded: false,
          disunityConcluded: false,
        },
      },
    });

  it('a rating is judged on its date: the new commune cannot rate a moved cell on a day it was the old commune’s', async () => {
    // Rated on 20/12/2025, when C1-1 lay under C1: the write takes effect on a day C2 did not
    // hold the cell, refused like any backdated write on another commune's part of the tree.
    const backdated = await rate('2025-12-20', 2025);
    expect(backdated.statusCode, backdated.body).toBe(400);
    expect(backdated.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe(
      'organizationCode',
    );
    expect(await ratingsOf('C1-1')).toBe(0);
    // Rated after the move (the 2025 review held in C2 in June 2026): C2's to record.
    const after = await rate('2026-06-15', 2025);
    expect(after.statusCode, after.body).toBe(201);
    expect(await ratingsOf('C1-1')).toBe(1);
  });

  it('a member’s rating is judged on its date too: a member of the moved cell, rated as C2 on a day the cell was C1’s', async () => {
    const member = await ctx.db
      .selectFrom('memberPeriods as mp')
      .innerJoin('organizations as o', 'o.id', 'mp.organizationId')
      .select('mp.personId')
      .where('o.code', '=', 'C1-1')
      .executeTakeFirstOrThrow();
    const rateMember = (ratedOn: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/ratings',
        headers: authHeader(c2Officer.token),
        payload: {
          organizationCode: 'C2',
          personId: member.personId,
          year: 2025,
          ratedOn,
          scores: { general: 28, results: 64 },
          conditions: {
            tasksCompletedPercent: 100,
            tasksLatePercent: 0,
            tasksExceededPercent: 35,
            shortcomingsRemedied: true,
            disciplined: false,
            degradationConcluded: false,
            disunityConcluded: false,
          },
        },
      });
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/ratings',
      headers: authHeader(c2Officer.token),
      payload: {
        organizationCode: 'C2',
        personId: 999999,
        year: 2025,
        ratedOn: '2025-12-20',
        scores: { general: 28, results: 64 },
      },
    });
    const backdated = await rateMember('2025-12-20');
    expect(backdated.statusCode, backdated.body).toBe(400);
    const strip = (body: string) => ({ ...(JSON.parse(body) as object), requestId: null });
    expect(strip(backdated.body)).toEqual(strip(missing.body));
    const rows = () =>
      ctx.db.selectFrom('ratings').select('id').where('personId', '=', member.personId).execute();
    expect(await rows()).toHaveLength(0);
    const after = await rateMember('2026-06-15');
    expect(after.statusCode, after.body).toBe(201);
    expect(await rows()).toHaveLength(1);
  });

  it('my dossier paired with the next commune’s request id: the letter, the answer and a scan answer like a missing request; a viewer is refused every write and the letter', async () => {
    const candidate = async (cell: string, fullName: string) => {
      const person = await buildPerson(ctx, system, { unitCode: `U-${cell}`, fullName });
      return (
        (await createCandidate(ctx, system, {
          personId: person.id,
          organizationCode: cell,
          identifiedOn: '2026-01-05',
        })) as { id: number }
      ).id;
    };
    const mine = await candidate('C2-2', 'Lò Văn Mình');
    const theirs = await candidate('C1-2', 'Quàng Thị Họ');
    const sent = await createRequest(ctx, system, theirs, {
      kind: 'background_verification',
      sentTo: 'Đảng ủy xã Thanh Xương',
      sentOn: '2026-11-01',
      dueOn: '2026-12-01',
    });
    const theirRequest = sent.requests[0]?.id ?? 0;
    expect(theirRequest).toBeGreaterThan(0);
    const strip = (body: string) => ({ ...(JSON.parse(body) as object), requestId: null });
    const as = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: authHeader(user.token),
        ...(payload ? { payload } : {}),
      });
    for (const [method, path, payload] of [
      ['GET', 'letter.docx', undefined],
      ['POST', 'answer', { receivedOn: '2026-11-20', result: 'favourable' }],
    ] as const) {
      const foreign = await as(
        c2Officer,
        method,
        `/api/v1/candidates/${mine}/requests/${theirRequest}/${path}`,
        payload,
      );
      const missing = await as(
        c2Officer,
        method,
        `/api/v1/candidates/${mine}/requests/987654/${path}`,
        payload,
      );
      expect(foreign.statusCode, path).toBe(404);
      expect(strip(foreign.body)).toEqual(strip(missing.body));
    }
    const scan = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${mine}/documents/background_verification/files?requestId=${theirRequest}`,
      headers: {
        ...authHeader(c2Officer.token),
        'content-type': 'application/pdf',
        'x-file-name': 'tra-loi.pdf',
      },
      payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    expect(scan.statusCode).toBe(404);
    const request = await ctx.db
      .selectFrom('dossierRequests')
      .select(['receivedOn'])
      .where('id', '=', theirRequest)
      .executeTakeFirstOrThrow();
    expect(request.receivedOn).toBeNull();
    expect(
      await ctx.db
        .selectFrom('dossierFiles')
        .select('id')
        .where('candidateId', '=', mine)
        .execute(),
    ).toHaveLength(0);

    const viewer = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'C2' });
    const tick = await as(viewer, 'POST', `/api/v1/candidates/${mine}/documents/application/tick`, {
      receivedOn: '2026-11-20',
    });
    expect(tick.statusCode).toBe(403);
    const bulk = await as(viewer, 'POST', '/api/v1/candidates/transitions', {
      candidateIds: [mine],
      to: 'fostering',
      on: '2026-11-20',
    });
    expect(bulk.statusCode).toBe(403);
    const viewerScan = await app.inject({
      method: 'POST',
      url: `/api/v1/candidates/${mine}/documents/application/files`,
      headers: {
        ...authHeader(viewer.token),
        'content-type': 'application/pdf',
        'x-file-name': 'don.pdf',
      },
      payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    expect(viewerScan.statusCode).toBe(403);
    const myRequest = (
      await createRequest(ctx, system, mine, {
        kind: 'background_verification',
        sentTo: 'Đảng ủy xã Thanh Xương',
        sentOn: '2026-11-01',
        dueOn: '2026-12-01',
      })
    ).requests[0]?.id;
    const letter = await as(
      viewer,
      'GET',
      `/api/v1/candidates/${mine}/requests/${myRequest}/letter.docx`,
    );
    expect(letter.statusCode).toBe(403);
  });

  it('every dated write names its date by a field of its body (a wrong path checks nothing)', () => {
    const wrong = routes
      .filter((r) => r.effectiveOn !== undefined)
      .filter((r) => !r.body || !fieldPaths(r.body).has(r.effectiveOn ?? ''))
      .map((r) => `${r.method} ${r.url} effectiveOn=${r.effectiveOn}`);
    expect(wrong).toEqual([]);
  });
});
