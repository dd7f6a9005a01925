import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { pipelineRowCounts } from '../../src/server/modules/candidates/candidates.repository.ts';
import {
  buildMembership,
  buildOrganization,
  buildPerson,
  buildUnit,
} from '../support/factories.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

const actor = systemActor('test');

interface Problem {
  status: number;
  code: string;
  errors: { field: string; message: string }[];
}

describeEachDialect('admission pipeline: one person from source to official', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let personId = 0;
  let youngId = 0;
  const introducers: number[] = [];
  let probationaryIntroducer = 0;
  let cellId = 0;

  async function post(url: string, payload: unknown) {
    return app.inject({ method: 'POST', url, payload: payload as object });
  }

  /** Posts a request that must be refused with `code`, and checks nothing was written. */
  async function expectRefused(url: string, payload: unknown, status: number, code: string) {
    const before = await pipelineRowCounts(ctx.db);
    const response = await post(url, payload);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json<Problem>();
    expect(problem.code).toBe(code);
    expect(await pipelineRowCounts(ctx.db)).toEqual(before);
    return problem;
  }

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    ({ app } = await buildApp(ctx, { actorOf: () => Promise.resolve(actor) }));
    await buildOrganization(ctx, actor, {
      code: 'P-TOP',
      kind: 'committee',
      level: 'top',
      decidesAdmissions: true,
    });
    await buildOrganization(ctx, actor, {
      code: 'P-GR',
      kind: 'committee',
      level: 'grassroots',
      parentCode: 'P-TOP',
    });
    await buildOrganization(ctx, actor, {
      code: 'P-CELL',
      kind: 'cell',
      level: 'cell',
      parentCode: 'P-GR',
      hasYouthUnion: false,
    });
    await buildUnit(ctx, actor, { code: 'P-U1', organizationCode: 'P-CELL' });
    const cell = await ctx.db
      .selectFrom('organizations')
      .select('id')
      .where('code', '=', 'P-CELL')
      .executeTakeFirstOrThrow();
    cellId = cell.id;
    personId = (await buildPerson(ctx, actor, { unitCode: 'P-U1', fullName: 'Vừ A Sùng' })).id;
    youngId = (
      await buildPerson(ctx, actor, {
        unitCode: 'P-U1',
        fullName: 'Giàng Thị Mai',
        gender: 'female',
        birthDate: '2006-10-15',
      })
    ).id;
    for (const name of ['Lò Văn Một', 'Lò Văn Hai']) {
      const member = await buildPerson(ctx, actor, { unitCode: 'P-U1', fullName: name });
      introducers.push(
        await buildMembership(ctx, {
          personId: member.id,
          organizationId: cellId,
          admittedOn: '2014-05-05',
          officialOn: '2015-05-05',
        }),
      );
    }
    const young = await buildPerson(ctx, actor, { unitCode: 'P-U1', fullName: 'Lò Văn Ba' });
    probationaryIntroducer = await buildMembership(ctx, {
      personId: young.id,
      organizationId: cellId,
      admittedOn: '2024-06-03',
    });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  let id = 0;
  const url = () => `/api/v1/candidates/${id}/transitions`;

  it('registers the candidate at source with a helper', async () => {
    const response = await post('/api/v1/candidates', {
      personId,
      organizationCode: 'P-CELL',
      identifiedOn: '2024-01-10',
      helperMemberIds: [introducers[0]],
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<{
      id: number;
      stage: string;
      helpers: unknown[];
      version: number;
    }>();
    expect(body).toMatchObject({ stage: 'source', version: 1 });
    expect(body.helpers).toHaveLength(1);
    id = body.id;
    await expectRefused(
      '/api/v1/candidates',
      { personId, organizationCode: 'P-CELL', identifiedOn: '2024-01-11', helperMemberIds: [] },
      422,
      'rule.candidacy_open',
    );
  });

  it('refuses a skipped stage (source → trained) with rule.stage_order and writes nothing', async () => {
    const problem = await expectRefused(
      url(),
      {
        to: 'trained',
        on: '2024-02-01',
        certificate: { number: 'GCN-1', issuedOn: '2024-02-01', issuer: 'TTCT' },
      },
      422,
      'rule.stage_order',
    );
    expect(problem.errors[0]?.field).toBe('to');
  });

  it('fosters, then a course issuing certificates moves the candidate to trained', async () => {
    expect((await post(url(), { to: 'fostering', on: '2024-02-01', version: 1 })).statusCode).toBe(
      201,
    );
    const course = await post('/api/v1/courses', {
      organizationCode: 'P-GR',
      name: 'Lớp nhận thức về Đảng 2024',
      organizer: 'Trung tâm Chính trị',
      startsOn: '2024-05-27',
      endsOn: '2024-05-31',
    });
    expect(course.statusCode, course.body).toBe(201);
    const courseId = course.json<{ id: number }>().id;
    const courseUrl = `/api/v1/courses/${courseId}`;
    expect((await post(`${courseUrl}/participants`, { personIds: [personId] })).statusCode).toBe(
      200,
    );
    expect(
      (await post(`${courseUrl}/results`, { results: [{ personId, result: 'passed' }] }))
        .statusCode,
    ).toBe(200);
    const issued = await post(`${courseUrl}/certificates`, { issuedOn: '2024-06-03' });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json<{ candidatesTrained: number[] }>().candidatesTrained).toEqual([id]);
    const candidate = (await app.inject({ method: 'GET', url: `/api/v1/candidates/${id}` })).json<{
      stage: string;
      certificate: { issuedOn: string };
      due: { kind: string; on: string };
    }>();
    expect(candidate.stage).toBe('trained');
    expect(candidate.certificate.issuedOn).toBe('2024-06-03');
    expect(candidate.due).toEqual({ kind: 'certificate_expiry', on: '2029-06-03' });
  });

  it('refuses a probationary introducer with rule.introducer_not_official and writes nothing', async () => {
    const problem = await expectRefused(
      url(),
      {
        to: 'dossier',
        on: '2024-09-02',
        introducerMemberIds: [introducers[0], probationaryIntroducer],
        backgroundCheckedOn: '2024-08-20',
      },
      422,
      'rule.introducer_not_official',
    );
    expect(problem.errors.map((e) => e.field)).toContain('introducerMemberIds.1');
  });

  it('completes the dossier with two official introducers and the documents', async () => {
    const response = await post(url(), {
      to: 'dossier',
      on: '2024-09-02',
      introducerMemberIds: introducers,
      backgroundCheckedOn: '2024-08-20',
      documents: [
        { kind: 'application', receivedOn: '2024-08-05' },
        { kind: 'biography', receivedOn: '2024-08-05' },
        { kind: 'background_verification', receivedOn: '2024-08-20' },
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<{
      introducers: unknown[];
      documents: { kind: string; receivedOn: string | null }[];
      checks: { to: string; rule: string; status: string }[];
    }>();
    expect(body.introducers).toHaveLength(2);
    expect(body.documents.find((d) => d.kind === 'application')?.receivedOn).toBe('2024-08-05');
    expect(body.documents.find((d) => d.kind === 'residence_cell_comments')?.receivedOn).toBeNull();
    // The preview of the next step says the cell's vote is still missing.
    expect(body.checks).toContainEqual(
      expect.objectContaining({
        to: 'cell_voted',
        rule: 'rule.cell_vote_threshold',
        status: 'blocked',
      }),
    );
  });

  it('refuses 5 of 8 votes with rule.cell_vote_threshold and writes nothing; records it with outcome=failed', async () => {
    const vote = { officialMembers: 8, present: 8, inFavour: 5, resolutionNo: '01-NQ/CB' };
    await expectRefused(
      url(),
      { to: 'cell_voted', on: '2024-09-23', vote },
      422,
      'rule.cell_vote_threshold',
    );
    const failed = await post(url(), {
      to: 'cell_voted',
      on: '2024-09-23',
      vote,
      outcome: 'failed',
    });
    expect(failed.statusCode, failed.body).toBe(201);
    const body = failed.json<{
      stage: string;
      failedVotes: number;
      history: { outcome: string }[];
    }>();
    expect(body.stage).toBe('dossier');
    expect(body.failedVotes).toBe(1);
    expect(body.history.at(-1)?.outcome).toBe('failed');
  });

  it('answers 409 for a stale version and writes nothing', async () => {
    await expectRefused(
      url(),
      {
        to: 'cell_voted',
        on: '2024-10-01',
        version: 1,
        vote: { officialMembers: 9, present: 9, inFavour: 6 },
      },
      409,
      'conflict',
    );
  });

  it('passes the cell vote with 6 of 9, the committee review, the decision and the ceremony', async () => {
    const current = (await app.inject({ method: 'GET', url: `/api/v1/candidates/${id}` })).json<{
      version: number;
      allowedTransitions: string[];
    }>();
    expect(current.allowedTransitions).toEqual(['cell_voted', 'withdrawn', 'rejected']);
    const voted = await post(url(), {
      to: 'cell_voted',
      on: '2024-10-01',
      version: current.version,
      vote: { officialMembers: 9, present: 9, inFavour: 6, resolutionNo: '02-NQ/CB' },
    });
    expect(voted.statusCode, voted.body).toBe(201);
    expect(voted.json<{ due: { kind: string } }>().due.kind).toBe('decision_due');
    // The cell sits under a grassroots committee that does not decide: no skipping its review.
    await expectRefused(
      url(),
      { to: 'decided', on: '2024-10-20', decision: { number: '10-QĐ/HU', on: '2024-10-20' } },
      422,
      'rule.stage_order',
    );
    expect(
      (
        await post(url(), {
          to: 'committee_reviewed',
          on: '2024-10-15',
          vote: { members: 9, inFavour: 7, resolutionNo: '15-NQ/ĐU' },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await post(url(), {
          to: 'decided',
          on: '2024-11-05',
          decision: { number: '123-QĐ/HU', on: '2024-11-05' },
        })
      ).statusCode,
    ).toBe(201);
    const before = await pipelineRowCounts(ctx.db);
    const admitted = await post(url(), { to: 'admitted', on: '2024-11-20' });
    expect(admitted.statusCode, admitted.body).toBe(201);
    const body = admitted.json<{
      membership: { admittedOn: string };
      closedOn: string;
      due: { kind: string; on: string };
    }>();
    expect(body.membership.admittedOn).toBe('2024-11-20');
    expect(body.closedOn).toBe('2024-11-20');
    expect(body.due).toEqual({ kind: 'probation_end', on: '2025-11-20' });
    const after = await pipelineRowCounts(ctx.db);
    expect(after.memberships).toBe((before.memberships ?? 0) + 1);
    expect(after.memberPeriods).toBe((before.memberPeriods ?? 0) + 1);
    const membership = await ctx.db
      .selectFrom('memberships')
      .selectAll()
      .where('candidateId', '=', id)
      .executeTakeFirstOrThrow();
    expect(membership.admissionDecisionNo).toBe('123-QĐ/HU');
  });

  it('refuses recognition before the 12 months, then reviews and recognizes from the end of probation', async () => {
    await expectRefused(
      url(),
      {
        to: 'probation_review',
        on: '2025-10-01',
        vote: { officialMembers: 9, present: 9, inFavour: 9 },
      },
      422,
      'rule.probation_not_finished',
    );
    expect(
      (
        await post(url(), {
          to: 'probation_review',
          on: '2025-11-24',
          vote: { officialMembers: 9, present: 9, inFavour: 8 },
        })
      ).statusCode,
    ).toBe(201);
    const official = await post(url(), {
      to: 'official',
      on: '2025-12-08',
      decision: { number: '456-QĐ/HU', on: '2025-12-08' },
    });
    expect(official.statusCode, official.body).toBe(201);
    expect(official.json<{ membership: { officialOn: string } }>().membership.officialOn).toBe(
      '2025-11-20',
    );
    const periods = await ctx.db
      .selectFrom('memberPeriods as mp')
      .innerJoin('memberships as m', 'm.id', 'mp.membershipId')
      .select(['mp.status', 'mp.validFrom', 'mp.validTo', 'mp.organizationId'])
      .where('m.candidateId', '=', id)
      .orderBy('mp.validFrom')
      .execute();
    expect(periods).toEqual([
      {
        status: 'probationary',
        validFrom: '2024-11-20',
        validTo: '2025-11-20',
        organizationId: cellId,
      },
      {
        status: 'official',
        validFrom: '2025-11-20',
        validTo: '9999-12-31',
        organizationId: cellId,
      },
    ]);
    await expectRefused(
      url(),
      { to: 'withdrawn', on: '2025-12-09', reason: 'x' },
      422,
      'rule.stage_order',
    );
  });

  it('every transition is in the audit trail with the stage before and after', async () => {
    const event = await ctx.db
      .selectFrom('events')
      .selectAll()
      .where('action', '=', 'candidate.transition')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const audit = await app.inject({
      method: 'GET',
      url: `/api/v1/audit?entity=candidate&entityId=${event.entityId ?? ''}`,
    });
    expect(audit.statusCode).toBe(200);
    const items = audit.json<{
      items: {
        action: string;
        before: { stage: string } | null;
        after: { stage: string } | null;
      }[];
    }>().items;
    const transitions = items.filter((i) => i.action === 'candidate.transition');
    expect(transitions.length).toBeGreaterThan(0);
    for (const t of transitions) {
      expect(t.before?.stage).toBeTruthy();
      expect(t.after?.stage).toBeTruthy();
      expect(t.after?.stage).not.toBe(t.before?.stage);
    }
  });

  it('refuses a cell vote when the person is 17 years 11 months old', async () => {
    const created = await post('/api/v1/candidates', {
      personId: youngId,
      organizationCode: 'P-CELL',
      identifiedOn: '2023-09-04',
      helperMemberIds: [],
    });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json<{ id: number }>().id;
    for (const body of [
      { to: 'fostering', on: '2023-10-02' },
      {
        to: 'trained',
        on: '2024-03-04',
        certificate: { number: 'GCN-9', issuedOn: '2024-03-04', issuer: 'TTCT' },
      },
      {
        to: 'dossier',
        on: '2024-08-05',
        introducerMemberIds: introducers,
        backgroundCheckedOn: '2024-07-15',
      },
    ])
      expect((await post(url(), body)).statusCode).toBe(201);
    await expectRefused(
      url(),
      { to: 'cell_voted', on: '2024-10-01', vote: { officialMembers: 9, present: 9, inFavour: 9 } },
      422,
      'rule.age_min',
    );
    // On her 18th birthday in months the same vote passes.
    expect(
      (
        await post(url(), {
          to: 'cell_voted',
          on: '2024-10-15',
          vote: { officialMembers: 9, present: 9, inFavour: 9 },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('withdrawal needs a reason and closes the candidacy', async () => {
    await expectRefused(url(), { to: 'withdrawn', on: '2024-10-20' }, 400, 'validation');
    const response = await post(url(), {
      to: 'withdrawn',
      on: '2024-10-20',
      reason: 'Chuyển công tác',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<{ closedOn: string; due: { kind: null } }>()).toMatchObject({
      closedOn: '2024-10-20',
      due: { kind: null },
    });
  });
});

describe('pipeline routes: bad input answers problem+json', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext('sqlite'));
    ({ app } = await buildApp(ctx, { actorOf: () => Promise.resolve(actor) }));
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('400 with field errors for a malformed candidate or transition, 404 for an unknown one', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/candidates',
      payload: { personId: 'x', organizationCode: '', identifiedOn: '2024-02-30' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json<Problem>().errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['personId', 'organizationCode', 'identifiedOn']),
    );
    const stage = await app.inject({
      method: 'POST',
      url: '/api/v1/candidates/1/transitions',
      payload: { to: 'elected', on: '2024-01-01' },
    });
    expect(stage.statusCode).toBe(400);
    expect(stage.json<Problem>().errors[0]?.field).toBe('to');
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/candidates/999/transitions',
      payload: { to: 'fostering', on: '2024-01-01' },
    });
    expect(missing.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/alerts?asOf=2026-13-01' })).statusCode,
    ).toBe(400);
  });

  it('the OpenAPI document lists every field of the transition body and the alerts query', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            parameters: { name: string }[];
            requestBody?: {
              content: Record<string, { schema: { properties: Record<string, unknown> } }>;
            };
          }
        >
      >;
    }>();
    const transition = doc.paths['/api/v1/candidates/{id}/transitions']?.post;
    expect(
      Object.keys(transition?.requestBody?.content['application/json']?.schema.properties ?? {}),
    ).toEqual(
      expect.arrayContaining([
        'to',
        'on',
        'reason',
        'version',
        'certificate',
        'introducerMemberIds',
        'youthUnionIntroduction',
        'backgroundCheckedOn',
        'documents',
        'vote',
        'decision',
      ]),
    );
    expect(doc.paths['/api/v1/alerts']?.get?.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['org', 'asOf']),
    );
    for (const path of ['/api/v1/courses', '/api/v1/holidays', '/api/v1/reports/pipeline'])
      expect(doc.paths[path]).toBeDefined();
  });

  it('holidays: adding a day changes the working-day deadlines', async () => {
    const added = await app.inject({
      method: 'POST',
      url: '/api/v1/holidays',
      payload: { date: '2027-03-01', name: 'Test', nameVi: 'Ngày nghỉ thử', kind: 'other' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const list = (await app.inject({ method: 'GET', url: '/api/v1/holidays?year=2027' })).json<{
      items: { date: string }[];
    }>();
    expect(list.items.map((i) => i.date)).toContain('2027-03-01');
    const weekdayMakeup = await app.inject({
      method: 'POST',
      url: '/api/v1/holidays',
      payload: {
        date: '2027-03-02',
        name: 'x',
        nameVi: 'x',
        kind: 'makeup_workday',
        working: true,
      },
    });
    expect(weekdayMakeup.statusCode).toBe(400);
  });
});
