import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { generateDemo } from '../../src/sample/demo/generate-demo.ts';
import { foldText } from '../../src/shared/text.ts';
import { authHeader, createUserWithToken, type TestUser } from '../support/auth.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

/**
 * Issue 15 item 5 on the demo: the duplicate check of a person about to be registered names only
 * people of the caller's scope (masked national ID, audited), and the pickers' searches find
 * names typed without accents within the caller's scope.
 */

const TODAY = '2026-11-27';

describeEachDialect('duplicate check and picker searches', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let mlOfficer: TestUser;
  let nsOfficer: TestUser;
  let mlViewer: TestUser;

  beforeAll(async () => {
    const scratch = await scratchContext(dialect);
    ({ ctx, drop } = scratch);
    await generateDemo(ctx, systemActor('test'));
    mlOfficer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'X-ML' });
    nsOfficer = await createUserWithToken(ctx, { role: 'officer', orgCode: 'X-NS' });
    mlViewer = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'X-ML' });
    ({ app } = await buildApp(ctx));
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await drop();
  });

  const call = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: authHeader(user.token), ...(payload ? { payload } : {}) });

  /** A member of a commune today with a national ID, and a village unit of the commune. */
  async function memberOf(commune: string) {
    return ctx.db
      .selectFrom('memberPeriods as mp')
      .innerJoin('organizationClosure as c', 'c.descendantId', 'mp.organizationId')
      .innerJoin('organizations as a', 'a.id', 'c.ancestorId')
      .innerJoin('people as p', 'p.id', 'mp.personId')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .select(['p.id', 'p.fullName', 'p.birthDate', 'p.nationalId', 'u.code as unitCode'])
      .where('a.code', '=', commune)
      .where('c.validFrom', '<=', TODAY)
      .where('c.validTo', '>', TODAY)
      .where('mp.validFrom', '<=', TODAY)
      .where('mp.validTo', '>', TODAY)
      .where('p.nationalId', 'is not', null)
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
  }

  async function events(action: string) {
    return ctx.db
      .selectFrom('events')
      .select(['actorUserId', 'after'])
      .where('action', '=', action)
      .execute();
  }

  it('names a person of the caller’s scope by folded name and birth date, national ID masked', async () => {
    const person = await memberOf('X-ML');
    const res = await call(mlOfficer, 'POST', '/api/v1/duplicates/check', {
      fullName: foldText(person.fullName),
      birthDate: person.birthDate,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json<{
      items: { id: number; fullName: string; nationalIdMasked: string; reason: string }[];
    }>().items;
    const found = items.find((i) => i.id === person.id);
    expect(found).toMatchObject({
      fullName: person.fullName,
      reason: 'name_birth_date',
      nationalIdMasked: `*********${person.nationalId?.slice(-3)}`,
    });
    expect(JSON.stringify(items)).not.toContain(person.nationalId);
    const audited = (await events('duplicate.check')).filter(
      (e) => e.actorUserId === mlOfficer.userId,
    );
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited[0]?.after)).toContain(String(person.id));
  });

  it('finds the same national ID; says nothing of a person of another commune', async () => {
    const own = await memberOf('X-ML');
    const byId = await call(mlOfficer, 'POST', '/api/v1/duplicates/check', {
      fullName: 'Tên Khác Hẳn',
      birthDate: '1990-01-01',
      nationalId: own.nationalId,
    });
    expect(byId.json<{ items: { id: number; reason: string }[] }>().items).toEqual([
      expect.objectContaining({ id: own.id, reason: 'national_id' }),
    ]);
    const other = await memberOf('X-NS');
    for (const body of [
      { fullName: other.fullName, birthDate: other.birthDate },
      { fullName: 'Tên Khác Hẳn', birthDate: '1990-01-01', nationalId: other.nationalId },
    ]) {
      const res = await call(mlOfficer, 'POST', '/api/v1/duplicates/check', body);
      expect(res.statusCode).toBe(200);
      expect(res.json<{ items: { id: number }[] }>().items.map((i) => i.id)).not.toContain(
        other.id,
      );
    }
    // The other commune's own officer is told.
    const theirs = await call(nsOfficer, 'POST', '/api/v1/duplicates/check', {
      fullName: other.fullName,
      birthDate: other.birthDate,
    });
    expect(theirs.json<{ items: { id: number }[] }>().items.map((i) => i.id)).toContain(other.id);
  });

  it('refuses bad input naming the field, a unit of another commune as not found, and a viewer', async () => {
    const bad = await call(mlOfficer, 'POST', '/api/v1/duplicates/check', {
      fullName: 'Lò Văn A',
      birthDate: '31/12/1990',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('birthDate');
    const other = await memberOf('X-NS');
    const outside = await call(mlOfficer, 'POST', '/api/v1/duplicates/check', {
      fullName: 'Lò Văn A',
      birthDate: '1990-12-31',
      unitCode: other.unitCode,
    });
    const missing = await call(mlOfficer, 'POST', '/api/v1/duplicates/check', {
      fullName: 'Lò Văn A',
      birthDate: '1990-12-31',
      unitCode: 'KHONG-CO',
    });
    expect(outside.statusCode).toBe(400);
    const { requestId: _a, ...outsideAnswer } = outside.json<{ requestId: string }>();
    const { requestId: _b, ...missingAnswer } = missing.json<{ requestId: string }>();
    expect(outsideAnswer).toEqual(missingAnswer);
    const viewer = await call(mlViewer, 'POST', '/api/v1/duplicates/check', {
      fullName: 'Lò Văn A',
      birthDate: '1990-12-31',
    });
    expect(viewer.statusCode).toBe(403);
  });

  it('the pickers’ searches find accent-free names within the caller’s scope only', async () => {
    const own = await memberOf('X-ML');
    const q = encodeURIComponent(foldText(own.fullName));
    const members = await call(mlOfficer, 'GET', `/api/v1/members?q=${q}&limit=50`);
    expect(
      members.json<{ items: { personId: number }[] }>().items.map((m) => m.personId),
    ).toContain(own.id);
    const people = await call(mlOfficer, 'GET', `/api/v1/people?q=${q}&limit=50`);
    expect(people.json<{ items: { id: number }[] }>().items.map((p) => p.id)).toContain(own.id);
    const elsewhere = await call(nsOfficer, 'GET', `/api/v1/members?q=${q}&limit=50`);
    expect(
      elsewhere.json<{ items: { personId: number }[] }>().items.map((m) => m.personId),
    ).not.toContain(own.id);
    const unit = await ctx.db
      .selectFrom('units')
      .select(['code', 'name'])
      .where('code', '=', own.unitCode)
      .executeTakeFirstOrThrow();
    const units = await call(
      mlOfficer,
      'GET',
      `/api/v1/units?q=${encodeURIComponent(foldText(unit.name))}`,
    );
    expect(units.json<{ items: { code: string }[] }>().items.map((u) => u.code)).toContain(
      unit.code,
    );
    const unitsElsewhere = await call(
      nsOfficer,
      'GET',
      `/api/v1/units?q=${encodeURIComponent(foldText(unit.name))}`,
    );
    expect(
      unitsElsewhere.json<{ items: { code: string }[] }>().items.map((u) => u.code),
    ).not.toContain(unit.code);
  });
});
