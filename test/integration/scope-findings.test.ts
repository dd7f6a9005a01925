import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { fixedClock } from '../../src/server/lib/clock.ts';
import { openContext } from '../../src/server/open.ts';
import { isPersonInScope } from '../../src/server/access/scope.repository.ts';
import { importFile } from '../../src/server/modules/imports/imports.service.ts';
import { csvFile } from './imports.fixture.ts';
import { createCourse } from '../../src/server/modules/courses/courses.service.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { reorganize } from '../../src/server/modules/organizations/organizations.service.ts';
import { authHeader, createUserWithToken, type TestUser } from '../support/auth.ts';
import { describeEachDialect, scratchDatabase } from '../support/dialects.ts';

/**
 * Issue 13's findings 1–6, each as the hostile officer of the next commune tried it on the demo
 * (today 27/11/2026, after the 2025 reorganization: communes X-ML and X-NS under DB).
 */

const TODAY = '2026-11-27';
const system = systemActor('test');

describeEachDialect('scope findings of issue 13', (dialect) => {
  let ctx: AppContext;
  let url: string;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let mlAdmin: TestUser;
  let mlOfficer: TestUser;
  let mlTrainer: TestUser;
  let nsOfficer: TestUser;
  let province: TestUser;

  async function cellsUnder(root: string) {
    return ctx.db
      .selectFrom('organizationClosure as c')
      .innerJoin('organizations as a', 'a.id', 'c.ancestorId')
      .innerJoin('organizations as d', 'd.id', 'c.descendantId')
      .select(['d.id', 'd.code'])
      .where('a.code', '=', root)
      .where('d.kind', '=', 'cell')
      .where('c.validFrom', '<=', TODAY)
      .where('c.validTo', '>', TODAY)
      .orderBy('d.code')
      .execute();
  }

  /** A member of a cell today: person, membership, name, national ID. */
  async function memberOf(cellId: number) {
    return ctx.db
      .selectFrom('memberPeriods as mp')
      .innerJoin('people as p', 'p.id', 'mp.personId')
      .select(['mp.personId', 'mp.membershipId', 'p.fullName', 'p.nationalId', 'p.birthDate'])
      .where('mp.organizationId', '=', cellId)
      .where('mp.validFrom', '<=', TODAY)
      .where('mp.validTo', '>', TODAY)
      .where('mp.status', '=', 'official')
      .orderBy('mp.id')
      .executeTakeFirstOrThrow();
  }

  function call(
    user: TestUser,
    method: 'GET' | 'POST',
    path: string,
    payload?: Record<string, unknown>,
  ) {
    return app.inject({
      method,
      url: path,
      headers: authHeader(user.token),
      ...(payload ? { payload } : {}),
    });
  }

  async function eventCount() {
    const row = await ctx.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    const scratch = await scratchDatabase(dialect);
    url = scratch.url;
    ctx = await openContext(url, fixedClock(TODAY));
    drop = async () => {
      await ctx.db.destroy();
      await scratch.drop();
    };
    await generateDemo(ctx, system);
    mlAdmin = await createUserWithToken(ctx, { role: 'admin', orgCode: 'X-ML' });
    mlOfficer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'X-ML' });
    mlTrainer = await createUserWithToken(ctx, { role: 'trainer', orgCode: 'X-ML' });
    nsOfficer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'X-NS' });
    province = await createUserWithToken(ctx, { role: 'officer', orgCode: 'DB' });
    ({ app } = await buildApp(ctx));
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('1. a person of another commune cannot be taken over through a candidacy or a merge', async () => {
    const [nsCell] = await cellsUnder('X-NS');
    const [mlCell] = await cellsUnder('X-ML');
    if (!nsCell || !mlCell) throw new Error('demo cells missing');
    const target = await memberOf(nsCell.id);
    const own = await memberOf(mlCell.id);
    const before = await eventCount();
    const register = (personId: number) =>
      call(mlOfficer, 'POST', '/api/v1/candidates', {
        personId,
        organizationCode: mlCell.code,
        identifiedOn: '2026-11-01',
        helperMemberIds: [],
      });
    const outside = await register(target.personId);
    const missing = await register(987654321);
    expect(outside.statusCode).toBe(400);
    // The refusal does not say the person is a member ("… đang là đảng viên"), nor that they exist.
    expect(outside.body).not.toContain('đảng viên');
    expect(outside.json<{ errors: unknown }>().errors).toEqual(
      missing.json<{ errors: unknown }>().errors,
    );
    expect((await call(mlOfficer, 'GET', `/api/v1/people/${target.personId}`)).statusCode).toBe(
      404,
    );
    const merge = await call(mlOfficer, 'POST', '/api/v1/duplicates/merge', {
      keepId: own.personId,
      mergeId: target.personId,
      reason: 'thử',
    });
    expect(merge.statusCode).toBe(400);
    expect(merge.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('mergeId');
    expect(await eventCount()).toBe(before);
  });

  it('2, 3. after a cell moves to another commune, its old officer neither reads, lists, exports nor changes its people', async () => {
    const [moved] = await cellsUnder('X-NS');
    if (!moved) throw new Error('no cell');
    const member = await memberOf(moved.id);
    const word = member.fullName.split(' ').pop() ?? '';
    const listed = async (user: TestUser, org: string) =>
      (
        await call(
          user,
          'GET',
          `/api/v1/people?org=${org}&q=${encodeURIComponent(member.fullName)}&limit=200`,
        )
      )
        .json<{ items: { id: number }[] }>()
        .items.map((p) => p.id);
    expect(await listed(nsOfficer, 'X-NS')).toContain(member.personId);
    await reorganize(ctx, system, {
      on: TODAY,
      reason: 'Chuyển chi bộ sang xã Mường Luân',
      steps: [{ op: 'move', code: moved.code, toParentCode: 'X-ML' }],
    });
    expect((await call(nsOfficer, 'GET', `/api/v1/people/${member.personId}`)).statusCode).toBe(
      404,
    );
    expect((await call(mlOfficer, 'GET', `/api/v1/people/${member.personId}`)).statusCode).toBe(
      200,
    );
    expect(await listed(nsOfficer, 'X-NS')).not.toContain(member.personId);
    expect(await listed(mlOfficer, 'X-ML')).toContain(member.personId);
    const exportedNames = async (user: TestUser, org: string) => {
      const exported = await call(user, 'GET', `/api/v1/exports/people?org=${org}`);
      expect(exported.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      book.eachSheet((sheet) => sheet.eachRow((row) => cells.push(JSON.stringify(row.values))));
      return cells.join('\n');
    };
    expect(await exportedNames(nsOfficer, 'X-NS')).not.toContain(member.fullName);
    expect(await exportedNames(mlOfficer, 'X-ML')).toContain(member.fullName);
    expect(word).not.toBe('');
    // 3. The old officer cannot end the membership of the moved cell's member.
    const before = await eventCount();
    const ended = await call(nsOfficer, 'POST', `/api/v1/members/${member.membershipId}/end`, {
      on: TODAY,
      reason: 'died',
    });
    expect(ended.statusCode).toBe(404);
    expect(await eventCount()).toBe(before);
  });

  it('2. a user bound to a district dissolved in 2025 sees none of the province today', async () => {
    // Created while the district existed (the account predates the reorganization).
    const early = await openContext(url, fixedClock('2025-03-01'));
    const district = await createUserWithToken(early, { role: 'officer', orgCode: 'DBD' });
    await early.db.destroy();
    const [nsCell] = await cellsUnder('X-NS');
    if (!nsCell) throw new Error('no cell');
    const member = await memberOf(nsCell.id);
    // The account cannot act at all any more (accounts: a dissolved organization's users are
    // refused until moved); and the scope rule alone would not give it the province either.
    expect((await call(district, 'GET', `/api/v1/people/${member.personId}`)).statusCode).toBe(401);
    expect((await call(district, 'GET', '/api/v1/people?limit=500')).statusCode).toBe(401);
    const districtId = (
      await ctx.db
        .selectFrom('organizations')
        .select('id')
        .where('code', '=', 'DBD')
        .executeTakeFirstOrThrow()
    ).id;
    expect(await isPersonInScope(ctx.db, districtId, member.personId, TODAY)).toBe(false);
  });

  it("4. a commune administrator cannot reorganize another commune's cells, backdated or not, nor take its units", async () => {
    const [nsCell] = await cellsUnder('X-NS');
    if (!nsCell) throw new Error('no cell');
    const countMembers = async () =>
      (await call(province, 'GET', `/api/v1/reports/statistics?org=DB&asOf=${TODAY}`)).json<{
        members: number;
      }>().members;
    const membersBefore = await countMembers();
    const before = await eventCount();
    for (const on of ['2024-06-01', TODAY]) {
      const moved = await call(mlAdmin, 'POST', '/api/v1/reorganizations', {
        on,
        reason: 'thử',
        steps: [{ op: 'move', code: nsCell.code, toParentCode: 'X-ML' }],
      });
      const missing = await call(mlAdmin, 'POST', '/api/v1/reorganizations', {
        on,
        reason: 'thử',
        steps: [{ op: 'move', code: 'KHONG-CO', toParentCode: 'X-ML' }],
      });
      expect(moved.statusCode).toBe(missing.statusCode);
      expect(moved.json<{ errors: unknown }>().errors).toEqual(
        missing.json<{ errors: unknown }>().errors,
      );
    }
    const nsUnit = await ctx.db
      .selectFrom('unitCoverage as uc')
      .innerJoin('units as u', 'u.id', 'uc.unitId')
      .select('u.code')
      .where('uc.organizationId', '=', nsCell.id)
      .where('uc.validTo', '>', TODAY)
      .executeTakeFirstOrThrow();
    const created = await call(mlAdmin, 'POST', '/api/v1/organizations', {
      code: 'X-ML-MOI',
      name: 'Chi bộ mới',
      kind: 'cell',
      level: 'grassroots',
      parentCode: 'X-ML',
      establishedOn: TODAY,
      unitCodes: [nsUnit.code],
    });
    expect(created.statusCode).toBe(400);
    expect(created.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('unitCodes.0');
    expect(await eventCount()).toBe(before);
    expect(await countMembers()).toBe(membersBefore);
  });

  it('4. even the installation cannot backdate a move across a later change, nor move a committee under itself', async () => {
    const [cell] = await cellsUnder('X-ML');
    if (!cell) throw new Error('no cell');
    const total = async () =>
      (await call(province, 'GET', `/api/v1/reports/statistics?org=DB&asOf=${TODAY}`)).json<{
        members: number;
      }>().members;
    const before = await total();
    // The cell moved under X-ML on 2025-07-01; a move dated before that would rewrite history.
    await expect(
      reorganize(ctx, system, {
        on: '2024-06-01',
        reason: 'thử',
        steps: [{ op: 'move', code: cell.code, toParentCode: 'X-NS' }],
      }),
    ).rejects.toMatchObject({ code: 'rule.organization_changed_later' });
    await expect(
      reorganize(ctx, system, {
        on: TODAY,
        reason: 'thử',
        steps: [{ op: 'move', code: 'X-ML', toParentCode: cell.code }],
      }),
    ).rejects.toMatchObject({ code: 'validation' });
    expect(await total()).toBe(before);
  });

  it("5. a trainer cannot enrol, grade or certify another commune's people through a course", async () => {
    const course = (await createCourse(ctx, system, {
      organizationCode: 'X-ML',
      name: 'Lớp thử',
      organizer: 'Trung tâm',
      startsOn: '2026-03-02',
      endsOn: '2026-03-08',
    })) as { id: number };
    const candidate = await ctx.db
      .selectFrom('candidates as k')
      .innerJoin('organizationClosure as c', 'c.descendantId', 'k.organizationId')
      .innerJoin('organizations as a', 'a.id', 'c.ancestorId')
      .select(['k.personId', 'k.stage'])
      .where('a.code', '=', 'X-DBD')
      .where('c.validTo', '>', TODAY)
      .where('k.closedOn', '>', TODAY)
      .orderBy('k.id')
      .executeTakeFirstOrThrow();
    const before = await eventCount();
    const enrol = await call(mlTrainer, 'POST', `/api/v1/courses/${course.id}/participants`, {
      personIds: [candidate.personId],
    });
    expect(enrol.statusCode).toBe(400);
    expect(enrol.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('personIds.0');
    const grade = await call(mlTrainer, 'POST', `/api/v1/courses/${course.id}/results`, {
      results: [{ personId: candidate.personId, result: 'passed' }],
    });
    expect(grade.statusCode).toBe(400);
    expect(await eventCount()).toBe(before);
  });

  it('6. duplicate hints, ratings and introducers say nothing about another commune', async () => {
    const [nsCell] = await cellsUnder('X-NS');
    const [mlCell] = await cellsUnder('X-ML');
    if (!nsCell || !mlCell) throw new Error('no cell');
    const other = await memberOf(nsCell.id);
    const unit = await ctx.db
      .selectFrom('unitCoverage as uc')
      .innerJoin('units as u', 'u.id', 'uc.unitId')
      .select('u.code')
      .where('uc.organizationId', '=', mlCell.id)
      .where('uc.validTo', '>', TODAY)
      .executeTakeFirstOrThrow();
    const twin = {
      fullName: other.fullName,
      gender: 'male',
      birthDate: other.birthDate,
      ethnicity: 'Kinh',
      unitCode: unit.code,
      educationLevel: 'upper_secondary',
      targetGroups: [],
    };
    const created = await call(mlOfficer, 'POST', '/api/v1/people', twin);
    expect(created.statusCode).toBe(201);
    expect(created.json<{ duplicates: { id: number }[] }>().duplicates).toEqual([]);
    const seen = await call(province, 'POST', '/api/v1/people', twin);
    expect(seen.json<{ duplicates: { id: number }[] }>().duplicates.map((d) => d.id)).toContain(
      other.personId,
    );

    const rate = (personId: number) =>
      call(mlOfficer, 'POST', '/api/v1/ratings', {
        organizationCode: mlCell.code,
        personId,
        year: 2025,
        ratedOn: '2026-01-15',
        scores: {},
      });
    const outside = await rate(other.personId);
    const missing = await rate(987654321);
    expect(outside.statusCode).toBe(missing.statusCode);
    expect(outside.json<{ errors: unknown }>().errors).toEqual(
      missing.json<{ errors: unknown }>().errors,
    );

    const candidate = await ctx.db
      .selectFrom('candidates')
      .select(['id', 'version'])
      .where('organizationId', '=', mlCell.id)
      .where('closedOn', '>', TODAY)
      .orderBy('id')
      .executeTakeFirst();
    if (candidate) {
      const introduce = (memberId: number) =>
        call(mlOfficer, 'POST', `/api/v1/candidates/${candidate.id}/transitions`, {
          to: 'dossier',
          on: TODAY,
          version: candidate.version,
          introducerMemberIds: [memberId],
        });
      const a = await introduce(other.membershipId);
      const b = await introduce(987654321);
      expect(a.statusCode).toBe(400);
      expect(a.json<{ errors: unknown }>().errors).toEqual(b.json<{ errors: unknown }>().errors);
    }
  });

  it('6. an import does not tell who holds a national ID in another commune', async () => {
    const [nsCell] = await cellsUnder('X-NS');
    const [mlCell] = await cellsUnder('X-ML');
    if (!nsCell || !mlCell) throw new Error('no cell');
    const other = await ctx.db
      .selectFrom('memberPeriods as mp')
      .innerJoin('people as p', 'p.id', 'mp.personId')
      .select(['p.fullName', 'p.nationalId'])
      .where('mp.organizationId', '=', nsCell.id)
      .where('mp.validTo', '>', TODAY)
      .where('p.nationalId', 'is not', null)
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    const unit = await ctx.db
      .selectFrom('unitCoverage as uc')
      .innerJoin('units as u', 'u.id', 'uc.unitId')
      .select('u.code')
      .where('uc.organizationId', '=', mlCell.id)
      .where('uc.validTo', '>', TODAY)
      .executeTakeFirstOrThrow();
    const ml = await ctx.db
      .selectFrom('organizations')
      .select('id')
      .where('code', '=', 'X-ML')
      .executeTakeFirstOrThrow();
    const officer = {
      username: mlOfficer.username,
      userId: mlOfficer.userId,
      role: 'officer' as const,
      organizationId: ml.id,
    };
    const preview = async (nationalId: string) =>
      (
        await importFile(
          ctx,
          officer,
          'people',
          csvFile(
            [
              'Full name,Gender,Birth date,Ethnicity,National ID,Unit,Education',
              `Lò Văn Thử,Nam,01/01/1990,Thái,${nationalId},${unit.code},THPT`,
            ].join('\n'),
          ),
          { write: false },
        )
      ).items[0];
    const taken = await preview(other.nationalId ?? '');
    const fresh = await preview('099999999999');
    expect(taken?.status).toBe('new');
    expect(JSON.stringify(taken)).not.toContain(other.fullName);
    expect({ ...taken, personId: null }).toEqual({ ...fresh, personId: null });
  });
});
