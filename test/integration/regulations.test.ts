import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { systemActor, type Actor } from '../../src/server/access/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { regulationItem, regulationList } from '../../src/shared/regulations.ts';
import { documentBasisOn } from '../../src/server/modules/regulations/regulations.service.ts';
import { buildOrganization, buildPerson, buildUnit } from '../support/factories.ts';
import { describeEachDialect, scratchContext } from '../support/dialects.ts';

const admin = systemActor('test');
const viewer: Actor = { username: 'viewer', userId: null, role: 'viewer', organizationId: null };

const NEW_FORMS = {
  number: '99-HD/BTCTW',
  title: 'Hướng dẫn nghiệp vụ công tác đảng viên',
  issuer: 'Ban Tổ chức Trung ương',
  signedOn: '2026-03-02',
  effectiveFrom: '2026-04-01',
  governs: 'forms',
  replaces: { number: '12-HD/BTCTW', signedOn: '2022-01-18' },
  reason: 'Ban Tổ chức Trung ương ban hành hướng dẫn mới',
};

describeEachDialect(
  'regulations register: GET/POST /api/v1/regulations and documents’ "Căn cứ"',
  (dialect) => {
    let ctx: AppContext;
    let drop: () => Promise<void>;
    let app: FastifyInstance;
    let candidateId = 0;
    let candidate2026 = 0;

    const as = (who: 'admin' | 'viewer') => ({ 'x-test-role': who });

    beforeAll(async () => {
      ({ ctx, drop } = await scratchContext(dialect));
      ({ app } = await buildApp(ctx, {
        actorOf: (request) =>
          Promise.resolve(request.headers['x-test-role'] === 'viewer' ? viewer : admin),
      }));
      await buildOrganization(ctx, admin, {
        code: 'R-TOP',
        name: 'Đảng ủy xã Thử',
        kind: 'committee',
        level: 'grassroots',
        decidesAdmissions: true,
      });
      const cell = await buildOrganization(ctx, admin, {
        code: 'R-CELL',
        name: 'Chi bộ bản Thử',
        parentCode: 'R-TOP',
      });
      await buildUnit(ctx, admin, { code: 'R-U', organizationCode: 'R-CELL' });
      const person = await buildPerson(ctx, admin, { unitCode: 'R-U', fullName: 'Lò Văn Thử' });
      const now = '2017-11-20T00:00:00.000Z';
      ({ id: candidateId } = await ctx.db
        .insertInto('candidates')
        .values({
          personId: person.id,
          organizationId: cell.id,
          stage: 'decided',
          stageOn: '2017-10-30',
          identifiedOn: '2016-01-01',
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
      await ctx.db
        .insertInto('candidateTransitions')
        .values([
          {
            candidateId,
            fromStage: 'dossier',
            toStage: 'cell_voted',
            on: '2016-08-15',
            actor: 'test',
            details: JSON.stringify({
              vote: { officialMembers: 9, present: 9, inFavour: 9, resolutionNo: '07-NQ/CB' },
            }),
            recordedAt: now,
          },
          {
            candidateId,
            fromStage: 'cell_voted',
            toStage: 'decided',
            on: '2017-10-30',
            actor: 'test',
            details: JSON.stringify({ decision: { number: '512-QĐ/ĐU', on: '2017-10-30' } }),
            recordedAt: now,
          },
        ])
        .execute();
      const other = await buildPerson(ctx, admin, { unitCode: 'R-U', fullName: 'Lò Thị Mới' });
      ({ id: candidate2026 } = await ctx.db
        .insertInto('candidates')
        .values({
          personId: other.id,
          organizationId: cell.id,
          stage: 'decided',
          stageOn: '2026-03-16',
          identifiedOn: '2025-01-01',
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
      await ctx.db
        .insertInto('candidateTransitions')
        .values({
          candidateId: candidate2026,
          fromStage: 'cell_voted',
          toStage: 'decided',
          on: '2026-03-16',
          actor: 'test',
          details: JSON.stringify({ decision: { number: '77-QĐ/ĐU', on: '2026-03-16' } }),
          recordedAt: now,
        })
        .execute();
    });

    afterAll(async () => {
      await app.close();
      await drop();
    });

    async function documentText(kind: string, id = candidateId): Promise<string> {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/candidates/${id}/documents/${kind}.docx`,
        headers: as('admin'),
      });
      expect(res.statusCode, res.body).toBe(200);
      const zip = await JSZip.loadAsync(res.rawPayload);
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      return xml.replace(/<[^>]+>/g, '');
    }

    it('lists every text with its dates and role, to any signed-in user', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/regulations',
        headers: as('viewer'),
      });
      expect(res.statusCode, res.body).toBe(200);
      const { items } = regulationList.parse(res.json());
      expect(items.filter((r) => r.number === '01-HD/TW').map((r) => r.signedOn)).toEqual([
        '2012-01-05',
        '2016-09-20',
        '2021-09-28',
      ]);
      const r294 = items.find((r) => r.number === '294-QĐ/TW');
      expect(r294).toMatchObject({
        signedOn: '2025-05-26',
        effectiveFrom: '2025-07-01',
        governs: 'charter_rules',
        replacedBy: null,
        confirmed: true,
      });
      expect(items.find((r) => r.number === '232-QĐ/TW')).toMatchObject({
        replacedBy: '294-QĐ/TW',
        replacedFrom: '2025-07-01',
      });
    });

    it('a document dated 15/8/2016 cites 29-QĐ/TW and the guidance then in force; one of 30/10/2017 cites 09-HD/BTCTW', async () => {
      const resolution = await documentText('admission-resolution');
      expect(resolution).toContain('Quy định số 29-QĐ/TW ngày 25/7/2016');
      expect(resolution).not.toContain('01-HD/TW ngày 20/9/2016');
      expect(resolution).not.toContain('09-HD/BTCTW');
      expect(resolution).toContain('12-HD/BTCTW ngày 17/5/2012');
      const decision = await documentText('admission-decision');
      expect(decision).toContain('Hướng dẫn số 01-HD/TW ngày 20/9/2016');
      expect(decision).toContain('Hướng dẫn số 09-HD/BTCTW ngày 5/6/2017');
      expect(decision).not.toContain('12-HD/BTCTW');
      // A 2026 decision cites the 2025 texts: 294-QĐ/TW and its guidance 06-HD/TW.
      const recent = await documentText('admission-decision', candidate2026);
      expect(recent).toContain('Quy định số 294-QĐ/TW ngày 26/5/2025');
      expect(recent).toContain('Hướng dẫn số 06-HD/TW ngày 9/6/2025');
      expect(recent).toContain('Hướng dẫn số 12-HD/BTCTW ngày 18/1/2022');
      expect(recent).not.toContain('01-HD/TW');
      expect(recent).not.toContain('232-QĐ/TW');
    });

    it('refuses a viewer, bad input naming the field, an unknown or mismatched replaced text, and a duplicate', async () => {
      const post = (payload: unknown, who: 'admin' | 'viewer' = 'admin') =>
        app.inject({
          method: 'POST',
          url: '/api/v1/regulations',
          headers: as(who),
          payload: payload as object,
        });
      expect((await post(NEW_FORMS, 'viewer')).statusCode).toBe(403);
      const missing = await post({ ...NEW_FORMS, number: '' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json<{ errors: { field: string; message: string }[] }>().errors).toEqual(
        expect.arrayContaining([{ field: 'number', message: 'Chưa nhập số hiệu văn bản' }]),
      );
      const early = await post({ ...NEW_FORMS, effectiveFrom: '2026-03-01' });
      expect(early.statusCode).toBe(400);
      expect(early.body).toContain('effectiveFrom');
      const unknown = await post({
        ...NEW_FORMS,
        replaces: { number: '12-HD/BTCTW', signedOn: '2020-01-01' },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain('replaces');
      const otherRole = await post({ ...NEW_FORMS, governs: 'guidance' });
      expect(otherRole.statusCode).toBe(400);
      expect(otherRole.body).toContain('governs');
      const shipped = await post({
        ...NEW_FORMS,
        number: '29-QĐ/TW',
        signedOn: '2016-07-25',
        effectiveFrom: '2016-07-25',
        replaces: null,
      });
      expect(shipped.statusCode).toBe(409);
      expect(await ctx.db.selectFrom('regulations').select('id').execute()).toEqual([]);
    });

    it('an administrator adds a text replacing the forms guidance; documents cite it from its effective date', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/regulations',
        headers: as('admin'),
        payload: NEW_FORMS,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(regulationItem.parse(res.json())).toMatchObject({
        number: '99-HD/BTCTW',
        origin: 'added',
        replacedBy: null,
      });
      const { items } = regulationList.parse(
        (
          await app.inject({ method: 'GET', url: '/api/v1/regulations', headers: as('admin') })
        ).json(),
      );
      expect(
        items.find((r) => r.number === '12-HD/BTCTW' && r.signedOn === '2022-01-18'),
      ).toMatchObject({
        replacedBy: '99-HD/BTCTW',
        replacedBySignedOn: '2026-03-02',
        replacedFrom: '2026-04-01',
      });
      expect((await documentBasisOn(ctx.db, '2026-03-31'))[2]).toContain(
        '12-HD/BTCTW ngày 18/1/2022',
      );
      expect((await documentBasisOn(ctx.db, '2026-04-01'))[2]).toContain(
        '99-HD/BTCTW ngày 2/3/2026',
      );
      const events = await ctx.db
        .selectFrom('events')
        .select(['action', 'effectiveOn', 'reason', 'actor'])
        .where('action', '=', 'regulation.create')
        .execute();
      expect(events).toEqual([
        {
          action: 'regulation.create',
          effectiveOn: '2026-04-01',
          reason: NEW_FORMS.reason,
          actor: 'test',
        },
      ]);
      // Replaced once: a second text cannot replace it again.
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/regulations',
        headers: as('admin'),
        payload: { ...NEW_FORMS, number: '100-HD/BTCTW' },
      });
      expect(again.statusCode).toBe(400);
    });
  },
);
