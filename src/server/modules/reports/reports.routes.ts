import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { reportQuery } from '../../../shared/contracts.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { REPORTS, type ReportName } from './reports.registry.ts';

/** GET /api/v1/reports/{name}: the same query parameters and JSON as the CLI. */
export function reportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  for (const name of Object.keys(REPORTS) as ReportName[]) {
    defineRoute(app, deps, {
      method: 'GET',
      url: `/api/v1/reports/${name}`,
      summary: REPORTS[name].title,
      tag: 'reports',
      query: reportQuery.extend({ format: z.enum(['json']).optional() }),
      example: { query: name === 'sector' ? { sector: 'education' } : {} },
      handler: async ({ actor, query }) => {
        const { format: _format, ...rest } = query;
        const result = await REPORTS[name].run(deps.ctx, actor, rest);
        await recordEvent(deps.ctx.db, actor, deps.ctx.clock.now(), {
          action: 'report.view',
          entity: 'report',
          entityId: name,
          after: rest,
        });
        return result;
      },
    });
  }
}
