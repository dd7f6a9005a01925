import { personExport } from '../../../shared/people-answers.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { exportPersonData } from './privacy.service.ts';

/** Personal-data requests: one person's data export. */
export function privacyRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/people/{id}/export',
    references: { 'params.id': 'person' },
    summary: 'Everything held about one person, as JSON (audited; admins and officers)',
    tag: 'people',
    params: z.object({ id: z.coerce.number().int().positive() }),
    example: { params: { id: '1' } },
    response: { status: 200, schema: personExport },
    handler: async ({ actor, params, reply }) => {
      const data = await exportPersonData(deps.ctx, actor, params.id);
      void reply.header('content-disposition', `attachment; filename="person-${params.id}.json"`);
      return data;
    },
  });
}
