import type { FastifyInstance } from 'fastify';
import { alertsQuery } from '../../../shared/pipeline.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { listAlerts } from './alerts.service.ts';

/** GET /api/v1/alerts (SPEC §9). */
export function alertRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/alerts',
    summary:
      'Pipeline alerts of a subtree as of a date: decision/ceremony/recognition overdue, probation ending, certificate expiring, idle',
    tag: 'alerts',
    query: alertsQuery,
    handler: ({ actor, query }) => listAlerts(deps.ctx, actor, query),
  });
}
