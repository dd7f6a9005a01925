import { CONTENT_TYPES } from '../../../shared/content-types.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { reportQuery } from '../../../shared/contracts.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { contentDisposition, type ExportedFile } from '../reports/reports.export.ts';
import {
  candidateDocument,
  candidateDocumentKind,
  probationaryRegisterDocument,
} from './documents.service.ts';

async function sendFile(
  reply: Parameters<Parameters<typeof defineRoute>[2]['handler']>[0]['reply'],
  file: ExportedFile,
) {
  return reply
    .code(200)
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', contentDisposition(file))
    .send(file.body);
}

/** Procedure documents (guidance 12-HD/BTCTW forms) as pre-filled DOCX. */
export function documentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/candidates/{id}/documents/{kind}.docx',
    references: { 'params.id': 'candidate' },
    summary:
      'Văn bản thủ tục của người vào Đảng (6-KNĐ, 9-KNĐ, 13-KNĐ, 16-KNĐ) điền sẵn dữ liệu, dạng DOCX',
    tag: 'documents',
    params: z.object({ id: z.coerce.number().int().positive(), kind: candidateDocumentKind }),
    example: { params: { id: '1', kind: 'admission-resolution' } },
    raw: true,
    contentTypes: [CONTENT_TYPES.docx],
    handler: async ({ actor, params, reply }) =>
      sendFile(reply, await candidateDocument(deps.ctx, actor, params.id, params.kind)),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/documents/probationary-register.docx',
    references: { 'query.org': 'organization' },
    summary: 'Sổ đảng viên dự bị (Mẫu 18-KNĐ) của một tổ chức đảng trong một kỳ, dạng DOCX',
    tag: 'documents',
    query: reportQuery,
    example: { query: { year: '2017' } },
    raw: true,
    contentTypes: [CONTENT_TYPES.docx],
    handler: async ({ actor, query, reply }) =>
      sendFile(reply, await probationaryRegisterDocument(deps.ctx, actor, query)),
  });
}
