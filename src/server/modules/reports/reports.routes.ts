import { CONTENT_TYPES } from '../../../shared/content-types.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { reportQuery } from '../../../shared/contracts.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { recordRead } from '../audit/audit.service.ts';
import {
  EXPORT_FORMATS,
  REPORT_ANSWER_SCHEMAS,
  REPORT_CATALOG,
  REPORT_NAMES,
} from '../../../shared/reports.ts';
import { runReport } from './reports.registry.ts';
import { contentDisposition, exportReport, reportOrganizationId } from './reports.export.ts';

/** The query of every report route: the CLI's options plus the ratings' period and the format. */
const routeQuery = reportQuery.extend({
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  scheme: z.string().trim().max(40).optional(),
  format: z.enum(['json', ...EXPORT_FORMATS]).optional(),
});

/**
 * GET /api/v1/reports/{name}: the same query parameters and JSON as the CLI; `?format=` gives
 * the same report as text, XLSX, DOCX or a printable HTML page, each download audited.
 */
export function reportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  for (const name of REPORT_NAMES) {
    defineRoute(app, deps, {
      method: 'GET',
      url: `/api/v1/reports/${name}`,
      references: { 'query.org': 'organization' },
      summary: `${REPORT_CATALOG[name].title} (JSON; ?format=xlsx|docx|html|text tải tệp)`,
      tag: 'reports',
      query: routeQuery,
      example: { query: name === 'sector' ? { sector: 'education' } : {} },
      raw: true,
      contentTypes: [
        CONTENT_TYPES.json,
        CONTENT_TYPES.text,
        CONTENT_TYPES.xlsx,
        CONTENT_TYPES.docx,
        CONTENT_TYPES.html,
      ],
      // The JSON answer (no `format`, or `format=json`); the files are described by their types.
      response: { status: 200, schema: REPORT_ANSWER_SCHEMAS[name] },
      handler: async ({ actor, query, reply }) => {
        const { format = 'json', ...rest } = query;
        if (format === 'json') {
          const { answer: result } = await runReport(deps.ctx, actor, name, rest);
          await recordRead(deps.ctx, actor, {
            action: 'report.view',
            entity: 'report',
            entityId: name,
            organizationId: await reportOrganizationId(deps.ctx, result.organization.code),
            query: rest,
          });
          return reply.code(200).send(result);
        }
        const file = await exportReport(deps.ctx, actor, name, rest, format);
        const disposition =
          format === 'html'
            ? contentDisposition(file).replace(/^attachment/, 'inline')
            : contentDisposition(file);
        return reply
          .code(200)
          .header('Content-Type', file.contentType)
          .header('Content-Disposition', disposition)
          .send(file.body);
      },
    });
  }
}
