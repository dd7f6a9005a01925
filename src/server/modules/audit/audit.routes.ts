import { CONTENT_TYPES } from '../../../shared/content-types.ts';
import { auditPage } from '../../../shared/answers.ts';
import type { FastifyInstance } from 'fastify';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { auditQuery } from '../../../shared/account-contracts.ts';
import { exportAudit, listAudit } from './audit.service.ts';

/** The audit trail: filterable list and XLSX export (admins, scoped to their subtree). */
export function auditRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/audit',
    notReferences: {
      'query.entityId': 'a filter: only events of the subtree are searched',
      'query.actor': 'a filter: only events of the subtree are searched',
    },
    summary: 'Audit trail of the subtree, newest first: who, when, from where, what, before, after',
    tag: 'audit',
    query: auditQuery,
    example: { query: { entity: 'user' } },
    response: { status: 200, schema: auditPage },
    handler: ({ actor, query }) => listAudit(deps.ctx, actor, query),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/audit/export',
    notReferences: {
      'query.entityId': 'a filter: only events of the subtree are searched',
      'query.actor': 'a filter: only events of the subtree are searched',
    },
    summary: 'The filtered audit trail as XLSX (the export is itself audited)',
    tag: 'audit',
    query: auditQuery,
    example: { query: { entity: 'user' } },
    raw: true,
    contentTypes: [CONTENT_TYPES.xlsx],
    handler: async ({ actor, query, reply }) => {
      const buffer = await exportAudit(deps.ctx, actor, query);
      await reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="nhat-ky.xlsx"')
        .send(buffer);
    },
  });
}
