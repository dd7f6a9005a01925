import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { personFactsOn } from '../../src/server/modules/people/person-history.repository.ts';
import { updatePerson } from '../../src/server/modules/people/person-changes.service.ts';
import { importFile } from '../../src/server/modules/imports/imports.service.ts';
import { csvFile } from './imports.fixture.ts';
import {
  buildMembership,
  buildOrganization,
  buildPerson,
  buildUnit,
} from '../support/factories.ts';
import { authHeader, createUserWithToken, type TestUser } from '../support/auth.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

const system = systemActor('test');

interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors: { field: string; message: string }[];
}

interface PersonAnswer {
  id: number;
  birthDate: string;
  unitCode: string | null;
  educationLevel: string;
  targetGroups: string[];
  version: number;
  places: { unitCode: string; validFrom: string; validTo: string | null }[];
  facts: { field: string; value: string | null; validFrom: string; validTo: string | null }[];
  targetGroupPeriods: { group: string; validFrom: string; validTo: string | null }[];
  timeline: { on: string; kind: string; unitName?: string; reason?: string | null }[];
}

/**
 * Correcting and changing a person (issue 15 item 4): a correction rewrites and is audited with
 * before/after; a change from a date closes the open period and opens a new one, so the rules as
 * of an earlier date still see the old facts; versions, scope and all-or-nothing.
 */
describeEachDialect('a person corrected and changed from a date', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let officer: TestUser;
  let personId = 0;
  let otherPersonId = 0;
  const unitIds: Record<string, number> = {};

  const patch = (id: number, payload: unknown) =>
    app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${id}`,
      headers: authHeader(officer.token),
      payload: payload as object,
    });
  const post = (url: string, payload: unknown) =>
    app.inject({
      method: 'POST',
      url,
      headers: authHeader(officer.token),
      payload: payload as object,
    });
  const read = async (id: number) => {
    const response = await app.inject({
      url: `/api/v1/people/${id}`,
      headers: authHeader(officer.token),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PersonAnswer>();
  };

  /** Every row a refused request must leave as it was. */
  async function snapshot() {
    const [people, places, facts, groups, events] = await Promise.all([
      ctx.db.selectFrom('people').selectAll().orderBy('id').execute(),
      ctx.db.selectFrom('personPlaces').selectAll().orderBy('id').execute(),
      ctx.db.selectFrom('personFacts').selectAll().orderBy('id').execute(),
      ctx.db
        .selectFrom('personTargetGroups')
        .selectAll()
        .orderBy('personId')
        .orderBy('targetGroup')
        .orderBy('validFrom')
        .execute(),
      ctx.db.selectFrom('events').select('id').where('entity', '=', 'person').execute(),
    ]);
    return JSON.stringify({ people, places, facts, groups, events: events.length });
  }

  async function expectRefused(id: number, payload: unknown, status: number, field?: string) {
    const before = await snapshot();
    const response = await patch(id, payload);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json<Problem>();
    if (field) expect(problem.errors.map((e) => e.field)).toContain(field);
    expect(await snapshot()).toBe(before);
    return problem;
  }

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    ({ app } = await buildApp(ctx));
    await buildOrganization(ctx, system, {
      code: 'H-TOP',
      kind: 'committee',
      level: 'top',
      decidesAdmissions: true,
    });
    for (const commune of ['H-A', 'H-B']) {
      await buildOrganization(ctx, system, {
        code: commune,
        kind: 'committee',
        level: 'grassroots',
        parentCode: 'H-TOP',
      });
      await buildOrganization(ctx, system, {
        code: `${commune}-CELL`,
        kind: 'cell',
        level: 'cell',
        parentCode: commune,
        hasYouthUnion: false,
      });
    }
    for (const [code, org] of [
      ['H-A-U1', 'H-A-CELL'],
      ['H-A-U2', 'H-A-CELL'],
      ['H-B-U1', 'H-B-CELL'],
    ] as const) {
      await buildUnit(ctx, system, { code, organizationCode: org });
      unitIds[code] = (
        await ctx.db
          .selectFrom('units')
          .select('id')
          .where('code', '=', code)
          .executeTakeFirstOrThrow()
      ).id;
    }
    otherPersonId = (await buildPerson(ctx, system, { unitCode: 'H-B-U1' })).id;
    officer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'H-A' });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('registers a person with dated target groups and a dated place', async () => {
    const refused = await post('/api/v1/people', {
      fullName: 'Sùng A Dế',
      gender: 'male',
      birthDate: '1995-05-05',
      ethnicity: 'Mông',
      unitCode: 'H-A-U1',
      educationLevel: 'upper_secondary',
      targetGroups: [{ group: 'youth_union', from: '2027-01-01' }],
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json<Problem>().errors[0]?.field).toBe('targetGroups.0.from');
    expect(refused.json<Problem>().errors[0]?.message).toContain('hôm nay');

    const response = await post('/api/v1/people', {
      fullName: 'Sùng A Dế',
      gender: 'male',
      birthDate: '1995-05-05',
      ethnicity: 'Mông',
      unitCode: 'H-A-U1',
      unitFrom: '2015-01-01',
      educationLevel: 'upper_secondary',
      targetGroups: ['ethnic_minority', { group: 'youth_union', from: '2012-03-26' }],
    });
    expect(response.statusCode, response.body).toBe(201);
    personId = response.json<{ id: number }>().id;
    const person = await read(personId);
    expect(person.targetGroups).toEqual(['ethnic_minority', 'youth_union']);
    expect(person.targetGroupPeriods).toEqual([
      { group: 'youth_union', validFrom: '2012-03-26', validTo: null },
      // A bare group is held from the registration date.
      { group: 'ethnic_minority', validFrom: '2026-11-27', validTo: null },
    ]);
    expect(person.places).toEqual([
      expect.objectContaining({ unitCode: 'H-A-U1', validFrom: '2015-01-01', validTo: null }),
    ]);
    expect(person.facts.find((f) => f.field === 'educationLevel')).toMatchObject({
      value: 'upper_secondary',
      validFrom: '1995-05-05',
    });
    expect((await personFactsOn(ctx.db, personId, '2013-01-01'))?.targetGroups).toEqual([
      'youth_union',
    ]);
  });

  it('corrects the birth date: rewritten, history starts moved, audited with before/after and reason', async () => {
    const response = await patch(personId, {
      version: 1,
      correction: { birthDate: '1995-06-05', reason: 'Nhập sai tháng sinh' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const person = response.json<PersonAnswer>();
    expect(person.birthDate).toBe('1995-06-05');
    expect(person.version).toBe(2);
    expect(
      person.facts.filter((f) => f.validFrom === '1995-06-05').map((f) => f.field),
    ).toHaveLength(4);
    const event = await ctx.db
      .selectFrom('events')
      .select(['action', 'before', 'after', 'reason', 'actor'])
      .where('entity', '=', 'person')
      .where('entityId', '=', String(personId))
      .where('action', '=', 'person.correct')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.before ?? '{}')).toEqual({ birthDate: '1995-05-05' });
    expect(JSON.parse(event.after ?? '{}')).toEqual({ birthDate: '1995-06-05' });
    expect(event.reason).toBe('Nhập sai tháng sinh');
    expect(event.actor).toBe(officer.username);
    expect(person.timeline).toContainEqual(
      expect.objectContaining({ kind: 'correction', reason: 'Nhập sai tháng sinh' }),
    );
  });

  it('a stale version answers 409 and writes nothing', async () => {
    const problem = await expectRefused(
      personId,
      { version: 1, correction: { fullName: 'Sùng A Dề', reason: 'Sai dấu' } },
      409,
      'version',
    );
    expect(problem.code).toBe('conflict');
  });

  it('a correction without a reason is refused naming the field', async () => {
    await expectRefused(
      personId,
      { version: 2, correction: { fullName: 'Sùng A Dề', reason: ' ' } },
      400,
      'correction.reason',
    );
  });

  it('records a move to another village from a date: the old place stays before it', async () => {
    const response = await patch(personId, {
      version: 2,
      change: { on: '2024-03-01', unitCode: 'H-A-U2', reason: 'Chuyển về bản mới' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const person = response.json<PersonAnswer>();
    expect(person.unitCode).toBe('H-A-U2');
    expect(person.places.map((p) => [p.unitCode, p.validFrom, p.validTo])).toEqual([
      ['H-A-U1', '2015-01-01', '2024-03-01'],
      ['H-A-U2', '2024-03-01', null],
    ]);
    expect((await personFactsOn(ctx.db, personId, '2023-06-01'))?.unitId).toBe(unitIds['H-A-U1']);
    expect((await personFactsOn(ctx.db, personId, '2024-03-01'))?.unitId).toBe(unitIds['H-A-U2']);
    const event = await ctx.db
      .selectFrom('events')
      .select(['effectiveOn', 'reason', 'before', 'after'])
      .where('action', '=', 'person.change')
      .where('entityId', '=', String(personId))
      .executeTakeFirstOrThrow();
    expect(event.effectiveOn).toBe('2024-03-01');
    expect(JSON.parse(event.after ?? '{}')).toEqual({ unitCode: 'H-A-U2' });
    expect(person.timeline.filter((e) => e.kind === 'place').map((e) => e.on)).toEqual([
      '2015-01-01',
      '2024-03-01',
    ]);
  });

  it('a change before the current period, or after today, is refused naming change.on', async () => {
    await expectRefused(
      personId,
      { version: 3, change: { on: '2023-01-01', unitCode: 'H-A-U1' } },
      400,
      'change.on',
    );
    const problem = await expectRefused(
      personId,
      { version: 3, change: { on: '2026-12-01', educationLevel: 'upper_secondary' } },
      400,
      'change.on',
    );
    expect(problem.errors[0]?.message).toContain('hôm nay');
  });

  it("another commune's person answers 404; a unit of another commune 400 naming the field", async () => {
    const missing = await expectRefused(
      otherPersonId,
      { version: 1, correction: { fullName: 'Ai Đó', reason: 'thử' } },
      404,
    );
    expect(missing.code).toBe('not_found');
    await expectRefused(
      personId,
      { version: 3, change: { on: '2025-01-01', unitCode: 'H-B-U1' } },
      400,
      'change.unitCode',
    );
    await expectRefused(
      personId,
      { version: 3, correction: { unitCode: 'H-B-U1', reason: 'thử' } },
      400,
      'correction.unitCode',
    );
  });

  it('nothing is half-written when one field of a request is bad', async () => {
    await expectRefused(
      personId,
      {
        version: 3,
        correction: { fullName: 'Sùng A Dề', reason: 'Sai dấu' },
        change: {
          on: '2025-02-01',
          unitCode: 'H-A-U1',
          educationLevel: 'lower_secondary',
          leaveTargetGroups: ['woman'],
        },
      },
      400,
      'change.leaveTargetGroups.0',
    );
  });

  it('leaves and joins target groups from a date', async () => {
    const response = await patch(personId, {
      version: 3,
      change: {
        on: '2025-03-26',
        leaveTargetGroups: ['youth_union'],
        joinTargetGroups: ['militia'],
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    const person = response.json<PersonAnswer>();
    expect(person.targetGroups).toEqual(['ethnic_minority', 'militia']);
    expect(person.targetGroupPeriods).toContainEqual({
      group: 'youth_union',
      validFrom: '2012-03-26',
      validTo: '2025-03-26',
    });
    expect((await personFactsOn(ctx.db, personId, '2025-01-01'))?.targetGroups).toEqual([
      'youth_union',
    ]);
  });

  it('corrects the from-date of a target group recorded wrong, audited', async () => {
    const refused = await expectRefused(
      personId,
      {
        version: 4,
        correction: {
          targetGroupDates: [{ group: 'youth_union', from: '2025-04-01' }],
          reason: 'Sai ngày vào Đoàn',
        },
      },
      400,
      'correction.targetGroupDates.0.from',
    );
    expect(refused.errors[0]?.message).toContain('chồng');
    const response = await patch(personId, {
      version: 4,
      correction: {
        targetGroupDates: [{ group: 'youth_union', from: '2011-09-01' }],
        reason: 'Sai ngày vào Đoàn theo thẻ đoàn viên',
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<PersonAnswer>().targetGroupPeriods).toContainEqual({
      group: 'youth_union',
      validFrom: '2011-09-01',
      validTo: '2025-03-26',
    });
    expect((await personFactsOn(ctx.db, personId, '2012-01-01'))?.targetGroups).toContain(
      'youth_union',
    );
  });

  it('the people import takes "Ở đơn vị từ ngày" and "Đoàn viên từ ngày"; a later import moves the unit from its date', async () => {
    const header =
      'Họ và tên;Giới tính;Ngày sinh;Dân tộc;Đơn vị;Ở đơn vị từ ngày;Trình độ học vấn;Đối tượng;Đoàn viên từ ngày';
    const first = [
      header,
      'Hờ Thị Mỷ;Nữ;02/02/1998;Mông;H-A-U1;01/09/2016;THPT;Dân tộc thiểu số;26/03/2014',
    ];
    const result = await importFile(ctx, system, 'people', csvFile(first.join('\n')), {
      write: true,
    });
    expect(result.counts).toMatchObject({ new: 1, error: 0 });
    const id = result.items[0]?.personId ?? 0;
    const person = await read(id);
    expect(person.places.map((p) => [p.unitCode, p.validFrom, p.validTo])).toEqual([
      ['H-A-U1', '2016-09-01', null],
    ]);
    expect(person.targetGroupPeriods).toContainEqual({
      group: 'youth_union',
      validFrom: '2014-03-26',
      validTo: null,
    });
    const moved = [header, 'Hờ Thị Mỷ;Nữ;02/02/1998;Mông;H-A-U2;01/07/2025;THPT;;'];
    const again = await importFile(ctx, system, 'people', csvFile(moved.join('\n')), {
      write: true,
    });
    expect(again.counts).toMatchObject({ update: 1, error: 0 });
    expect((await read(id)).places.map((p) => [p.unitCode, p.validFrom, p.validTo])).toEqual([
      ['H-A-U1', '2016-09-01', '2025-07-01'],
      ['H-A-U2', '2025-07-01', null],
    ]);
    const future = [header, 'Hờ Thị Mỷ;Nữ;02/02/1998;Mông;H-A-U1;01/01/2027;THPT;;'];
    const preview = await importFile(ctx, system, 'people', csvFile(future.join('\n')), {
      write: false,
    });
    expect(preview.items[0]?.errors[0]).toMatchObject({ column: 'Ở đơn vị từ ngày' });
  });

  it('a person written without history (sample data) keeps their old unit and education before a first change', async () => {
    const { id } = await ctx.db
      .insertInto('people')
      .values({
        fullName: 'Mùa A Chứ',
        nameFolded: 'mua a chu',
        nameSort: 'chu mua a',
        gender: 'male',
        birthDate: '1980-01-01',
        ethnicity: 'Mông',
        religion: null,
        nationalId: null,
        phone: null,
        address: null,
        unitId: unitIds['H-A-U1'] ?? 0,
        educationLevel: 'primary',
        professionalLevel: null,
        politicalTheory: null,
        occupation: null,
        mergedIntoId: null,
        createdAt: '2026-11-27T00:00:00Z',
        updatedAt: '2026-11-27T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // No history rows: the current values hold at every date.
    expect((await personFactsOn(ctx.db, id, '2000-01-01'))?.unitId).toBe(unitIds['H-A-U1']);
    const response = await patch(id, {
      version: 1,
      change: { on: '2022-05-01', unitCode: 'H-A-U2', educationLevel: 'lower_secondary' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const before = await personFactsOn(ctx.db, id, '2022-04-30');
    expect(before).toMatchObject({ unitId: unitIds['H-A-U1'], educationLevel: 'primary' });
    const after = await personFactsOn(ctx.db, id, '2022-05-01');
    expect(after).toMatchObject({ unitId: unitIds['H-A-U2'], educationLevel: 'lower_secondary' });
  });

  it('the dossier rules judge the education of their own date, not of today', async () => {
    const cell = await ctx.db
      .selectFrom('organizations')
      .select('id')
      .where('code', '=', 'H-A-CELL')
      .executeTakeFirstOrThrow();
    const introducers: number[] = [];
    for (const fullName of ['Lò Văn Một', 'Lò Văn Hai']) {
      const member = await buildPerson(ctx, system, { unitCode: 'H-A-U1', fullName });
      introducers.push(
        await buildMembership(ctx, {
          personId: member.id,
          organizationId: cell.id,
          admittedOn: '2014-05-05',
          officialOn: '2015-05-05',
        }),
      );
    }
    const candidatePerson = await buildPerson(ctx, system, {
      unitCode: 'H-A-U1',
      fullName: 'Vừ A Sùng',
      educationLevel: 'primary',
    });
    // A second candidate lived in the other commune until 1 May 2024.
    const mover = await buildPerson(ctx, system, { unitCode: 'H-B-U1', fullName: 'Thào A Di' });
    await updatePerson(ctx, system, mover.id, {
      version: 1,
      change: { on: '2024-05-01', unitCode: 'H-A-U1', reason: 'Chuyển đến bản' },
    });
    const register = async (personId: number, identifiedOn: string) => {
      const registered = await post('/api/v1/candidates', {
        personId,
        organizationCode: 'H-A-CELL',
        identifiedOn,
        helperMemberIds: [introducers[0]],
      });
      expect(registered.statusCode, registered.body).toBe(201);
      const id = registered.json<{ id: number }>().id;
      const url = `/api/v1/candidates/${id}/transitions`;
      expect((await post(url, { to: 'fostering', on: '2024-05-20' })).statusCode).toBe(201);
      return { id, url };
    };
    const { id: candidateId, url: transitions } = await register(candidatePerson.id, '2024-01-10');
    const moved = await register(mover.id, '2024-05-10');
    const course = await post('/api/v1/courses', {
      organizationCode: 'H-A',
      name: 'Lớp nhận thức về Đảng 2024',
      organizer: 'Trung tâm Chính trị',
      startsOn: '2024-05-27',
      endsOn: '2024-05-31',
    });
    expect(course.statusCode, course.body).toBe(201);
    const courseUrl = `/api/v1/courses/${course.json<{ id: number }>().id}`;
    await post(`${courseUrl}/participants`, { personIds: [candidatePerson.id, mover.id] });
    await post(`${courseUrl}/results`, {
      results: [
        { personId: candidatePerson.id, result: 'passed' },
        { personId: mover.id, result: 'passed' },
      ],
    });
    expect((await post(`${courseUrl}/certificates`, { issuedOn: '2024-06-03' })).statusCode).toBe(
      200,
    );
    // Lower-secondary education obtained from 1 October 2024 (recorded today, in 2026).
    const changed = await patch(candidatePerson.id, {
      version: 1,
      change: { on: '2024-10-01', educationLevel: 'lower_secondary', reason: 'Tốt nghiệp THCS' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<PersonAnswer>().educationLevel).toBe('lower_secondary');
    const dossier = (on: string) => ({
      to: 'dossier',
      on,
      introducerMemberIds: introducers,
      backgroundCheckedOn: '2024-08-20',
    });
    // A dossier of 2 September 2024 is judged on the education of that day: primary.
    const early = await post(transitions, dossier('2024-09-02'));
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json<Problem>().code).toBe('rule.education');
    // From the day the diploma counts, the same dossier passes.
    const late = await post(transitions, dossier('2024-10-07'));
    expect(late.statusCode, late.body).toBe(201);

    // Introducers in the cell since 2014 have been with the mover only since 1 May 2024.
    const tooSoon = await post(moved.url, dossier('2024-10-07'));
    expect(tooSoon.statusCode, tooSoon.body).toBe(422);
    expect(tooSoon.json<Problem>().code).toBe('rule.introducer_months_together');
    expect(tooSoon.json<Problem>().errors[0]?.message).toContain('5 tháng');
    const aYearOn = await post(moved.url, dossier('2025-05-05'));
    expect(aYearOn.statusCode, aYearOn.body).toBe(201);

    // The cell's admission resolution states the education of its own date, not a later one.
    const voted = await post(transitions, {
      to: 'cell_voted',
      on: '2024-10-21',
      vote: { officialMembers: 2, present: 2, inFavour: 2, resolutionNo: '05-NQ/CB' },
    });
    expect(voted.statusCode, voted.body).toBe(201);
    const upper = await patch(candidatePerson.id, {
      version: 2,
      change: { on: '2025-06-01', educationLevel: 'upper_secondary' },
    });
    expect(upper.statusCode, upper.body).toBe(200);
    const document = await app.inject({
      url: `/api/v1/candidates/${candidateId}/documents/admission-resolution.docx`,
      headers: authHeader(officer.token),
    });
    expect(document.statusCode, document.body).toBe(200);
    const zip = await JSZip.loadAsync(document.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('trình độ học vấn Trung học cơ sở');
    expect(xml).not.toContain('Trung học phổ thông');
  });
});
