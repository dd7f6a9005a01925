import { CONTENT_TYPES } from '../../../shared/content-types.ts';
import { alertsPageAnswer } from '../../../shared/answers.ts';
import type { FastifyInstance } from 'fastify';
import { alertsPageQuery } from '../../../shared/pipeline.ts';
import { alertsExportQuery, todoAnswer, todoQuery } from '../../../shared/daily.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { alertsPage } from './alerts.service.ts';
import { exportAlerts } from './alerts-export.service.ts';
import { todoList } from './todo.service.ts';

/** GET /api/v1/alerts (SPEC §9), its XLSX export, and the to-do list. */
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
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/alerts/export',
    references: { 'query.org': 'organization' },
    summary: 'Every alert of the filter as XLSX (the export is itself audited)',
    tag: 'alerts',
    query: alertsExportQuery,
    raw: true,
    contentTypes: [CONTENT_TYPES.xlsx],
    handler: async ({ actor, query, reply }) => {
      const buffer = await exportAlerts(deps.ctx, actor, query);
      await reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="canh-bao.xlsx"')
        .send(buffer);
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/todo',
    references: { 'query.org': 'organization' },
    summary:
      'The signed-in officer’s to-do list: overdue, due in the next 30 days, idle dossiers and dossiers waiting on a document, in the subtree, most urgent first',
    tag: 'alerts',
    query: todoQuery,
    response: { status: 200, schema: todoAnswer },
    handler: ({ actor, query }) => todoList(deps.ctx, actor, query),
  });
}
