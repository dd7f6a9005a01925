import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import {
  endMembership,
  listMembers,
  transferMember,
} from '../../src/server/modules/members/members.service.ts';
import { admitMember } from '../../src/server/modules/membership/membership.ledger.ts';
import { reorganize } from '../../src/server/modules/organizations/organizations.service.ts';
import { statisticsReport } from '../../src/server/modules/reports/reports.service.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import {
  buildMembership,
  buildOrganization,
  buildPerson,
  buildUnit,
} from '../support/factories.ts';

const actor = systemActor('test');

describeEachDialect('member changes are dated events', (dialect) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let membershipA: number;
  let membershipB: number;

  beforeAll(async () => {
    ({ ctx, drop } = await scratchContext(dialect));
    await buildOrganization(ctx, actor, {
      code: 'M',
      name: 'Đảng bộ xã',
      kind: 'committee',
      level: 'grassroots',
      parentCode: null,
    });
    const cell1 = await buildOrganization(ctx, actor, {
      code: 'M-1',
      name: 'Chi bộ 1',
      parentCode: 'M',
    });
    await buildOrganization(ctx, actor, { code: 'M-2', name: 'Chi bộ 2', parentCode: 'M' });
    const unit = await buildUnit(ctx, actor, { code: 'UM-1', organizationCode: 'M-1' });
    const a = await buildPerson(ctx, actor, { unitCode: unit.code, fullName: 'Lò Văn Xôm' });
    const b = await buildPerson(ctx, actor, {
      unitCode: unit.code,
      fullName: 'Quàng Thị Ơn',
      gender: 'female',
    });
    membershipA = await buildMembership(ctx, {
      personId: a.id,
      organizationId: cell1.id,
      unitId: unit.id,
      admittedOn: '2015-05-19',
      officialOn: '2016-05-19',
    });
    membershipB = await buildMembership(ctx, {
      personId: b.id,
      organizationId: cell1.id,
      unitId: unit.id,
      admittedOn: '2016-02-03',
      officialOn: '2017-02-03',
    });
  });
  afterAll(async () => drop());

  it('a probationary member past 12 months without a recognition decision is "chờ công nhận"', async () => {
    const cell = await buildOrganization(ctx, actor, {
      code: 'W',
      name: 'Chi bộ W',
      parentCode: null,
    });
    const unit = await buildUnit(ctx, actor, { code: 'UW-1', organizationCode: 'W' });
    const person = await buildPerson(ctx, actor, { unitCode: unit.code, fullName: 'Giàng A Pả' });
    const id = await buildMembership(ctx, {
      personId: person.id,
      organizationId: cell.id,
      unitId: unit.id,
      admittedOn: '2025-03-01',
    });
    const on = async (asOf: string) =>
      (await listMembers(ctx, actor, { org: 'W', asOf })).items.find((m) => m.id === id);
    expect(await on('2026-02-28')).toMatchObject({
      status: 'probationary',
      awaitingRecognitionSince: null,
    });
    expect(await on('2026-03-01')).toMatchObject({
      status: 'probationary',
      awaitingRecognitionSince: '2026-03-01',
    });
  });

  it('a transfer moves the member from the date; earlier counts do not change', async () => {
    await transferMember(ctx, actor, membershipA, { on: '2020-01-15', toOrganizationCode: 'M-2' });
    const count = async (org: string, asOf: string) =>
      (await statisticsReport(ctx, actor, { org, asOf })).members;
    expect(await count('M-1', '2020-01-14')).toBe(2);
    expect(await count('M-2', '2020-01-14')).toBe(0);
    expect(await count('M-1', '2020-01-15')).toBe(1);
    expect(await count('M-2', '2020-01-15')).toBe(1);
    expect(await count('M', '2020-01-15')).toBe(2);
  });

  it('ending a membership keeps its history and is audited with before and after', async () => {
    await endMembership(ctx, actor, membershipB, { on: '2024-08-01', reason: 'died' });
    expect((await listMembers(ctx, actor, { org: 'M', asOf: '2024-07-31' })).total).toBe(2);
    expect((await listMembers(ctx, actor, { org: 'M', asOf: '2024-08-01' })).total).toBe(1);
    const event = await ctx.db
      .selectFrom('events')
      .selectAll()
      .where('action', '=', 'membership.end')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.after ?? '{}')).toMatchObject({
      endedOn: '2024-08-01',
      endReason: 'died',
    });
    expect(JSON.parse(event.before ?? '{}')).toMatchObject({ endedOn: null });
  });

  it('refuses changes out of order, on inactive dates, or to a committee — and writes nothing', async () => {
    const before = await ctx.db
      .selectFrom('memberPeriods')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      endMembership(ctx, actor, membershipB, { on: '2025-01-01', reason: 'left' }),
    ).rejects.toMatchObject({ code: 'rule.membership_not_active' });
    await expect(
      transferMember(ctx, actor, membershipA, { on: '2019-01-01', toOrganizationCode: 'M-1' }),
    ).rejects.toMatchObject({ code: 'rule.membership_changed_later' });
    await expect(
      transferMember(ctx, actor, membershipA, { on: '2021-01-01', toOrganizationCode: 'M' }),
    ).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'toOrganizationCode' }] });
    await expect(
      endMembership(ctx, actor, membershipA, { on: '2021-02-30', reason: 'left' }),
    ).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'on' }] });
    const after = await ctx.db
      .selectFrom('memberPeriods')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a merge moves open candidacies with the cell’s members', async () => {
    const person = await buildPerson(ctx, actor, {
      unitCode: 'UM-1',
      fullName: 'Vàng A Chứ',
      birthDate: '2000-01-01',
    });
    const cell = await ctx.db
      .selectFrom('organizations')
      .select('id')
      .where('code', '=', 'M-2')
      .executeTakeFirstOrThrow();
    const now = ctx.clock.now();
    await ctx.db
      .insertInto('candidates')
      .values({
        personId: person.id,
        organizationId: cell.id,
        stage: 'fostering',
        stageOn: '2026-01-05',
        identifiedOn: '2025-12-01',
        fosteringOn: '2026-01-05',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const result = await reorganize(ctx, actor, {
      on: '2026-03-01',
      reason: 'Hợp nhất chi bộ',
      steps: [{ op: 'merge', codes: ['M-2'], intoCode: 'M-1' }],
    });
    expect(result).toMatchObject({ membersMoved: 1, candidatesMoved: 1, dissolved: ['M-2'] });
    expect((await statisticsReport(ctx, actor, { org: 'M-1', asOf: '2026-03-01' })).members).toBe(
      1,
    );
  });
});

describeEachDialect(
  'a transfer during probation moves the candidacy with a new version',
  (dialect) => {
    let ctx: AppContext;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ ctx, drop } = await scratchContext(dialect));
    });
    afterAll(async () => drop());

    it('the candidacy follows the member and its version goes up', async () => {
      await buildOrganization(ctx, actor, {
        code: 'V',
        name: 'Đảng bộ xã',
        kind: 'committee',
        level: 'grassroots',
        parentCode: null,
      });
      const cell1 = await buildOrganization(ctx, actor, {
        code: 'V-1',
        name: 'Chi bộ 1',
        parentCode: 'V',
      });
      const cell2 = await buildOrganization(ctx, actor, {
        code: 'V-2',
        name: 'Chi bộ 2',
        parentCode: 'V',
      });
      const unit = await buildUnit(ctx, actor, { code: 'UV-1', organizationCode: 'V-1' });
      const person = await buildPerson(ctx, actor, {
        unitCode: unit.code,
        fullName: 'Lò Văn Piềng',
      });
      const now = ctx.clock.now();
      const candidate = await ctx.db
        .insertInto('candidates')
        .values({
          personId: person.id,
          organizationId: cell1.id,
          stage: 'admitted',
          stageOn: '2026-01-05',
          identifiedOn: '2025-01-01',
          createdAt: now,
          updatedAt: now,
        })
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow();
      const membershipId = await ctx.db.transaction().execute((trx) =>
        admitMember(trx, {
          personId: person.id,
          candidateId: candidate.id,
          admittedOn: '2026-01-05',
          decisionNo: null,
          organizationId: cell1.id,
          unitId: unit.id,
        }),
      );
      await transferMember(ctx, actor, membershipId, {
        on: '2026-06-01',
        toOrganizationCode: 'V-2',
      });
      const after = await ctx.db
        .selectFrom('candidates')
        .select(['organizationId', 'version'])
        .where('id', '=', candidate.id)
        .executeTakeFirstOrThrow();
      expect(after).toEqual({ organizationId: cell2.id, version: candidate.version + 1 });
    });
  },
);
