import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { AppError } from '../../src/server/lib/errors.ts';
import { createCandidate } from '../../src/server/modules/candidates/candidates.service.ts';
import { importFile } from '../../src/server/modules/imports/imports.service.ts';
import { reorganize } from '../../src/server/modules/organizations/organizations.service.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';
import { authHeader, createUserWithToken, type TestUser } from '../support/auth.ts';
import {
  buildMembership,
  buildOrganization,
  buildPerson,
  buildUnit,
} from '../support/factories.ts';
import { csvFile } from './imports.fixture.ts';

const system = systemActor('test');

/** An audit event as GET /api/v1/audit answers it. */
interface AuditItem {
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  organizationCode: string | null;
  organizationCodes: string[];
  effectiveOn: string | null;
  after: Record<string, unknown> | null;
}

/** A problem+json answer. */
interface Problem {
  code: string;
  errors: { field: string; message: string; messageEn?: string }[];
}

/**
 * Issue 13 (items 11 and 12): bulk reads of personal data are audited once per request, every
 * event carries the organizations it concerns (so a commune's admin sees them and a neighbour's
 * does not), hostile characters are refused in every text input, and religion is masked for roles
 * without `readPersonalData`.
 *
 * The tree: top committee P; communes C1, C2, C3 under it; cells C1-1 (village U1), C2-1 (U2),
 * C2-2 (U3, empty: it is moved by the reorganization test) and C3-1.
 */
describeEachDialect(
  'audit of bulk reads and organizations of events, hostile text, masking',
  (dialect) => {
    let ctx: AppContext;
    let drop: () => Promise<void>;
    let app: FastifyInstance;
    const users = {} as Record<
      | 'adminP'
      | 'adminC1'
      | 'adminC2'
      | 'adminC3'
      | 'officerP'
      | 'officerC1'
      | 'viewerC1'
      | 'trainerC1',
      TestUser
    >;
    const people = {} as Record<'a' | 'a2' | 'd1' | 'd2' | 'k', number>;

    beforeAll(async () => {
      ({ ctx, drop } = await scratchContext(dialect));
      await buildOrganization(ctx, system, {
        code: 'P',
        name: 'Đảng bộ tỉnh',
        kind: 'committee',
        level: 'top',
        parentCode: null,
        decidesAdmissions: true,
      });
      for (const commune of ['C1', 'C2', 'C3'])
        await buildOrganization(ctx, system, {
          code: commune,
          name: `Đảng bộ xã ${commune}`,
          kind: 'committee',
          level: 'grassroots',
          parentCode: 'P',
        });
      for (const [cell, parent, unit] of [
        ['C1-1', 'C1', 'U1'],
        ['C2-1', 'C2', 'U2'],
        ['C2-2', 'C2', 'U3'],
        ['C3-1', 'C3', 'U4'],
      ] as const) {
        await buildOrganization(ctx, system, {
          code: cell,
          name: `Chi bộ ${cell}`,
          parentCode: parent,
        });
        await buildUnit(ctx, system, { code: unit, organizationCode: cell });
      }
      ({ app } = await buildApp(ctx));
      users.adminP = await createUserWithToken(ctx, { role: 'admin', orgCode: 'P' });
      users.adminC1 = await createUserWithToken(ctx, { role: 'admin', orgCode: 'C1' });
      users.adminC2 = await createUserWithToken(ctx, { role: 'admin', orgCode: 'C2' });
      users.adminC3 = await createUserWithToken(ctx, { role: 'admin', orgCode: 'C3' });
      users.officerP = await createUserWithToken(ctx, { role: 'officer', orgCode: 'P' });
      users.officerC1 = await createUserWithToken(ctx, { role: 'officer', orgCode: 'C1' });
      users.viewerC1 = await createUserWithToken(ctx, { role: 'viewer', orgCode: 'C1' });
      users.trainerC1 = await createUserWithToken(ctx, { role: 'trainer', orgCode: 'C1' });

      people.a = (
        await buildPerson(ctx, system, {
          fullName: 'Giàng A Sùng',
          unitCode: 'U1',
          ethnicity: 'Mông',
          religion: 'Công giáo',
          nationalId: '011090000001',
          phone: '0912345678',
          address: 'Bản Một, xã C1',
          targetGroups: ['religious', 'ethnic_minority'],
        })
      ).id;
      people.a2 = (
        await buildPerson(ctx, system, {
          fullName: 'Giàng A Sùng',
          birthDate: '1990-03-16',
          unitCode: 'U2',
          nationalId: '011090000001',
        })
      ).id;
      people.d1 = (await buildPerson(ctx, system, { fullName: 'Lò Văn Đôi', unitCode: 'U1' })).id;
      people.d2 = (await buildPerson(ctx, system, { fullName: 'Lò Văn Đôi', unitCode: 'U1' })).id;
      people.k = (
        await buildPerson(ctx, system, {
          fullName: 'Vàng Thị Ca',
          gender: 'female',
          unitCode: 'U1',
        })
      ).id;
      const cell = await ctx.db
        .selectFrom('organizations')
        .select('id')
        .where('code', '=', 'C1-1')
        .executeTakeFirstOrThrow();
      await buildMembership(ctx, {
        personId: people.a,
        organizationId: cell.id,
        admittedOn: '2015-01-01',
        officialOn: '2016-01-01',
      });
      await createCandidate(ctx, system, {
        personId: people.k,
        organizationCode: 'C1-1',
        identifiedOn: '2026-01-05',
        helperMemberIds: [],
      });
    });
    afterAll(async () => {
      await app.close();
      await drop();
    });

    async function get(user: TestUser, url: string) {
      return app.inject({ method: 'GET', url, headers: authHeader(user.token) });
    }

    async function audit(user: TestUser, query: string): Promise<AuditItem[]> {
      const response = await get(user, `/api/v1/audit?limit=1000&${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ items: AuditItem[] }>().items;
    }

    describe('bulk reads of personal data are audited, one event per request', () => {
      it('a people search: who, the query, the organization, how many and whom', async () => {
        const response = await get(users.officerC1, '/api/v1/people?q=giang&limit=20&offset=0');
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json<{ items: { id: number }[] }>().items.map((p) => p.id)).toContain(
          people.a,
        );
        const events = await audit(
          users.adminC1,
          `action=person.list&actor=${users.officerC1.username}`,
        );
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          entity: 'person',
          organizationCode: 'C1',
          after: {
            query: { q: 'giang', limit: 20, offset: 0 },
            returned: 1,
            total: 1,
            personIds: [people.a],
            masked: false,
          },
        });
        // The admin of another commune does not see who searched in C1.
        expect(await audit(users.adminC2, 'action=person.list')).toHaveLength(0);
      });

      it('a masked search by a viewer is audited too (names and membership are personal data)', async () => {
        const response = await get(users.viewerC1, '/api/v1/people');
        expect(response.statusCode).toBe(200);
        const events = await audit(
          users.adminC1,
          `action=person.list&actor=${users.viewerC1.username}`,
        );
        expect(events).toHaveLength(1);
        expect(events[0]?.after).toMatchObject({ masked: true, returned: 4, total: 4 });
        expect(events[0]?.after?.personIds).toEqual(
          expect.arrayContaining([people.a, people.d1, people.d2, people.k]),
        );
      });

      it('the members list: the filters, the date and the members listed', async () => {
        const response = await get(
          users.officerC1,
          '/api/v1/members?status=official&asOf=2026-06-30',
        );
        expect(response.statusCode, response.body).toBe(200);
        const events = await audit(users.adminC1, 'action=member.list');
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          actor: users.officerC1.username,
          entity: 'member',
          organizationCode: 'C1',
          effectiveOn: '2026-06-30',
          after: {
            query: { status: 'official', asOf: '2026-06-30' },
            returned: 1,
            total: 1,
            personIds: [people.a],
          },
        });
      });

      it('the candidates list and the duplicates list', async () => {
        expect((await get(users.officerC1, '/api/v1/candidates?org=C1-1')).statusCode).toBe(200);
        const candidates = await audit(users.adminC1, 'action=candidate.list');
        expect(candidates).toHaveLength(1);
        expect(candidates[0]).toMatchObject({
          organizationCode: 'C1-1',
          after: { query: { org: 'C1-1' }, returned: 1, personIds: [people.k] },
        });
        expect((await get(users.officerC1, '/api/v1/duplicates')).statusCode).toBe(200);
        const duplicates = await audit(users.adminC1, 'action=duplicate.list');
        expect(duplicates).toHaveLength(1);
        expect(duplicates[0]?.organizationCode).toBe('C1');
        expect(duplicates[0]?.after?.personIds).toEqual(
          expect.arrayContaining([people.d1, people.d2]),
        );
      });

      it('the alerts page', async () => {
        const response = await get(users.officerC1, '/api/v1/alerts?limit=10');
        expect(response.statusCode, response.body).toBe(200);
        const items = response.json<{ items: { person: { id: number } }[] }>().items;
        const events = await audit(users.adminC1, 'action=alert.list');
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          organizationCode: 'C1',
          effectiveOn: '2026-11-27',
          after: { query: { limit: 10, offset: 0 }, returned: items.length },
        });
        expect(events[0]?.after?.personIds).toEqual([...new Set(items.map((a) => a.person.id))]);
      });

      it('an export records its query and organization', async () => {
        const response = await get(users.officerC1, '/api/v1/exports/people?org=C1-1');
        expect(response.statusCode).toBe(200);
        const events = await audit(users.adminC1, 'action=export.people');
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          actor: users.officerC1.username,
          organizationCode: 'C1-1',
          after: { query: { kind: 'people', org: 'C1-1' }, rows: { people: 4 }, completed: true },
        });
      });
    });

    describe('every event carries the organizations it concerns', () => {
      it('person.create: the organization covering the person’s unit', async () => {
        const c1 = await audit(users.adminC1, 'action=person.create');
        expect(c1.map((e) => Number(e.entityId)).sort()).toEqual(
          [people.a, people.d1, people.d2, people.k].sort(),
        );
        expect(c1.every((e) => e.organizationCode === 'C1-1')).toBe(true);
        const c2 = await audit(users.adminC2, 'action=person.create');
        expect(c2.map((e) => Number(e.entityId))).toEqual([people.a2]);
        expect(await audit(users.adminC3, 'action=person.create')).toHaveLength(0);
      });

      it('person.view by a province officer is seen by the admins of the person’s commune', async () => {
        expect((await get(users.officerP, `/api/v1/people/${people.a}`)).statusCode).toBe(200);
        const events = await audit(users.adminC1, `action=person.view&entityId=${people.a}`);
        expect(events).toHaveLength(1);
        expect(events[0]?.organizationCodes).toEqual(['P', 'C1-1']);
        expect(await audit(users.adminC2, 'action=person.view')).toHaveLength(0);
      });

      it('person.merge: both people’s organizations; another commune sees nothing', async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/duplicates/merge',
          headers: authHeader(users.adminP.token),
          payload: { keepId: people.a, mergeId: people.a2, reason: 'Cùng số định danh' },
        });
        expect(response.statusCode, response.body).toBe(200);
        for (const admin of [users.adminC1, users.adminC2]) {
          const events = await audit(admin, 'entity=person&action=person.merge');
          expect(events, admin.username).toHaveLength(1);
          expect(events[0]?.organizationCodes.sort()).toEqual(['C1-1', 'C2-1']);
          expect(await audit(admin, 'action=person.merged_into')).toHaveLength(1);
        }
        expect(await audit(users.adminC3, 'action=person.merge')).toHaveLength(0);
        expect(await audit(users.adminC3, 'action=person.merged_into')).toHaveLength(0);
      });

      it('an import by the CLI: the organizations covering its rows’ units', async () => {
        const csv = [
          'Họ và tên,Giới tính,Ngày sinh,Dân tộc,Đơn vị,Trình độ học vấn',
          'Lò Văn Nhập,Nam,01/01/1991,Thái,U4,THPT',
        ].join('\n');
        await importFile(ctx, system, 'people', csvFile(csv, false, 'ds.csv'), { write: true });
        const events = await audit(users.adminC3, 'action=import.people');
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ entityId: 'ds.csv', organizationCodes: ['C3-1'] });
        expect(await audit(users.adminC1, 'action=import.people')).toHaveLength(0);
      });

      it('organization.reorganize: every organization a step touches, the old parent too', async () => {
        await reorganize(ctx, system, {
          on: '2026-11-27',
          decisionNo: '12-QĐ/TU',
          reason: 'Chuyển chi bộ',
          steps: [{ op: 'move', code: 'C2-2', toParentCode: 'C1' }],
        });
        for (const admin of [users.adminC1, users.adminC2]) {
          const events = await audit(admin, 'action=organization.reorganize');
          expect(events, admin.username).toHaveLength(1);
          expect(events[0]?.organizationCodes.sort()).toEqual(['C1', 'C2', 'C2-2']);
        }
        expect(await audit(users.adminC3, 'action=organization.reorganize')).toHaveLength(0);
      });
    });

    describe('hostile characters are refused in every text input', () => {
      const person = {
        fullName: 'Lò Văn Mới',
        gender: 'male',
        birthDate: '1995-05-05',
        ethnicity: 'Thái',
        unitCode: 'U1',
        educationLevel: 'upper_secondary',
        targetGroups: [],
      };
      async function post(url: string, payload: object) {
        return app.inject({
          method: 'POST',
          url,
          headers: authHeader(users.adminP.token),
          payload,
        });
      }
      function expectRefused(response: LightMyRequestResponse, field: string, codePoint: string) {
        expect(response.statusCode, response.body).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        const problem = response.json<Problem>();
        expect(problem.code).toBe('validation');
        const error = problem.errors.find((e) => e.field === field);
        expect(error, response.body).toBeDefined();
        expect(error?.message).toContain(codePoint);
        expect(error?.message).toMatch(/không được phép/);
      }

      it('NUL and bidirectional controls in a person’s name, free text and codes: 400 naming the field', async () => {
        expectRefused(
          await post('/api/v1/people', { ...person, fullName: 'Lò Văn\u0000 Mới' }),
          'fullName',
          'U+0000',
        );
        expectRefused(
          await post('/api/v1/people', { ...person, fullName: 'Lò \u202EiớM năV' }),
          'fullName',
          'U+202E',
        );
        expectRefused(
          await post('/api/v1/people', { ...person, address: 'Bản \u2066Một\u2069' }),
          'address',
          'U+2066',
        );
        expectRefused(
          await post('/api/v1/people', { ...person, religion: 'Không\u200F' }),
          'religion',
          'U+200F',
        );
        expectRefused(
          await post('/api/v1/people', { ...person, unitCode: 'U1\u202D' }),
          'unitCode',
          'U+202D',
        );
        expectRefused(
          await post('/api/v1/reorganizations', {
            on: '2026-11-27',
            reason: 'Sáp nhập \u202Bchi bộ',
            steps: [{ op: 'dissolve', code: 'C3-1' }],
          }),
          'reason',
          'U+202B',
        );
        expectRefused(
          await post('/api/v1/reorganizations', {
            on: '2026-11-27',
            reason: 'Thành lập',
            steps: [
              {
                op: 'create',
                code: 'C3-9',
                name: 'Chi bộ\u0000',
                kind: 'cell',
                level: 'cell',
                parentCode: 'C3',
              },
            ],
          }),
          'steps.0.name',
          'U+0000',
        );
        const stored = await ctx.db
          .selectFrom('people')
          .select('id')
          .where('fullName', 'like', 'Lò%Mới')
          .execute();
        expect(stored).toHaveLength(0);
      });

      it('in query strings too (a NUL once made PostgreSQL answer 500)', async () => {
        expectRefused(await get(users.officerC1, '/api/v1/people?q=gi%00ang'), 'q', 'U+0000');
        expectRefused(await get(users.officerC1, '/api/v1/members?q=%E2%80%AEabc'), 'q', 'U+202E');
        expectRefused(await get(users.adminC1, '/api/v1/audit?actor=a%00b'), 'actor', 'U+0000');
      });

      it('Vietnamese text, tabs and line breaks in free text still pass', async () => {
        const response = await post('/api/v1/people', {
          ...person,
          fullName: 'Nguyễn Thị Ánh Tuyết',
          address: 'Thôn Đông,\tngõ 3\nxã C1',
        });
        expect(response.statusCode, response.body).toBe(201);
      });

      it('an upload’s file name (X-File-Name, written to the audit trail) too, and a malformed one', async () => {
        const upload = (name: string) =>
          app.inject({
            method: 'POST',
            url: '/api/v1/imports/people/preview',
            headers: {
              ...authHeader(users.adminP.token),
              'content-type': 'text/csv',
              'x-file-name': name,
            },
            payload:
              'Họ và tên,Giới tính,Ngày sinh,Dân tộc,Đơn vị,Trình độ học vấn\nLò Văn Tên,Nam,01/01/1990,Thái,U1,THPT\n',
          });
        expectRefused(await upload('ds%00.csv'), 'x-file-name', 'U+0000');
        expectRefused(await upload('ds%E2%80%AEvsc.exe'), 'x-file-name', 'U+202E');
        const malformed = await upload('%E0%A4%A');
        expect(malformed.statusCode, malformed.body).toBe(400);
        expect(malformed.json<Problem>().errors[0]?.field).toBe('x-file-name');
        expect((await upload('danh%20s%C3%A1ch.csv')).statusCode).toBe(200);
      });

      it('an imported cell with such a character fails its row, naming the row and the column', async () => {
        const csv = [
          'Họ và tên,Giới tính,Ngày sinh,Dân tộc,Đơn vị,Trình độ học vấn',
          'Lò Văn Tốt,Nam,01/01/1990,Thái,U1,THPT',
          'Lò \u202EnăV Xấu,Nam,02/02/1990,Thái,U1,THPT',
          'Lò Văn Rỗng,Nam,03/03/1990,Thái\u0000,U1,THPT',
        ].join('\n');
        const preview = await importFile(ctx, system, 'people', csvFile(csv), { write: false });
        expect(preview.counts).toMatchObject({ new: 1, error: 2 });
        const refused = await importFile(ctx, system, 'people', csvFile(csv), {
          write: true,
        }).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(AppError);
        const fields = (refused as AppError).errors.map((e) => e.field);
        expect(fields).toEqual(expect.arrayContaining(['dòng 3 · Họ và tên', 'dòng 4 · Dân tộc']));
        const named = (refused as AppError).errors.find((e) => e.field === 'dòng 3 · Họ và tên');
        expect(named?.message).toContain('U+202E');
      });
    });

    describe('religion is masked for roles without readPersonalData; ethnicity is not', () => {
      it('viewer and trainer see neither the religion nor the “religious” target group', async () => {
        for (const user of [users.viewerC1, users.trainerC1]) {
          const one = await get(user, `/api/v1/people/${people.a}`);
          expect(one.statusCode, one.body).toBe(200);
          const shown = one.json<{
            religion: string | null;
            ethnicity: string;
            targetGroups: string[];
          }>();
          expect(shown).toMatchObject({ masked: true, religion: '***', ethnicity: 'Mông' });
          expect(shown.targetGroups).toEqual(['ethnic_minority']);
          expect(one.body).not.toContain('Công giáo');
          const listed = await get(user, '/api/v1/people?q=giang');
          expect(listed.body).not.toContain('Công giáo');
          expect(listed.body).not.toContain('religious');
        }
        // A person without a religion looks the same: the mask does not tell "none" from "some".
        const none = await get(users.viewerC1, `/api/v1/people/${people.k}`);
        expect(none.json<{ religion: string | null }>().religion).toBe('***');
        const officer = await get(users.officerC1, `/api/v1/people/${people.a}`);
        expect(officer.json()).toMatchObject({
          masked: false,
          religion: 'Công giáo',
          targetGroups: ['ethnic_minority', 'religious'],
        });
      });

      it('a viewer may not filter the members list by the “religious” group (it would unmask religion)', async () => {
        const refused = await get(users.viewerC1, '/api/v1/members?targetGroup=religious');
        expect(refused.statusCode, refused.body).toBe(403);
        expect(
          (await get(users.viewerC1, '/api/v1/members?targetGroup=ethnic_minority')).statusCode,
        ).toBe(200);
        expect(
          (await get(users.officerC1, '/api/v1/members?targetGroup=religious')).statusCode,
        ).toBe(200);
      });
    });
  },
);
