import type { FastifyInstance } from 'fastify';
import { regulationInput, regulationItem, regulationList } from '../../../shared/regulations.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { addRegulation, listRegulations } from './regulations.service.ts';

/** The regulations register: the Party texts the pipeline is judged by and documents cite. */
export function regulationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/regulations',
    summary: 'The regulations register: every text with its dates, role and replacement',
    tag: 'regulations',
    response: { status: 200, schema: regulationList },
    handler: ({ actor }) => listRegulations(deps.ctx, actor),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/regulations',
    summary: 'Add a text to the register (administrators of the whole installation)',
    tag: 'regulations',
    body: regulationInput,
    effectiveOn: 'effectiveFrom',
    example: {
      body: {
        number: '99-HD/BTCTW',
        title: 'Hướng dẫn nghiệp vụ công tác đảng viên',
        issuer: 'Ban Tổ chức Trung ương',
        signedOn: '2026-03-02',
        effectiveFrom: '2026-03-02',
        governs: 'forms',
        replaces: { number: '12-HD/BTCTW', signedOn: '2022-01-18' },
        reason: 'Văn bản mới ban hành',
      },
    },
    response: { status: 201, schema: regulationItem },
    handler: ({ actor, body }) => addRegulation(deps.ctx, actor, body),
  });
}
