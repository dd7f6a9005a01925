import { alertsPageAnswer } from '../../../shared/answers.ts';
import type { FastifyInstance } from 'fastify';
import { alertsPageQuery } from '../../../shared/pipeline.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { alertsPage } from './alerts.service.ts';

/** GET /api/v1/alerts (SPEC §9). */
export function alertRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/alerts',
    references: { 'query.org': 'organization' },
    summary:
      'Pipeline alerts of a subtree as of a date (decision/ceremony/recognition overdue, probation ending, certificate expiring, idle): one page, most urgent first, with the total and the count of each kind',
    tag: 'alerts',
    query: alertsPageQuery,
    response: { status: 200, schema: alertsPageAnswer },
    handler: ({ actor, query }) => alertsPage(deps.ctx, actor, query),
  });
}
