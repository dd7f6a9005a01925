import { CONTENT_TYPES } from '../../../shared/content-types.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { reportQuery } from '../../../shared/contracts.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { contentDisposition, type ExportedFile } from '../reports/reports.export.ts';
import {
  candidateDocument,
  candidateDocumentKind,
  dossierZip,
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
    summary: 'Một mẫu của hồ sơ kết nạp đảng viên (1-KNĐ … 17-KNĐ) điền sẵn dữ liệu, dạng DOCX',
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
    url: '/api/v1/candidates/{id}/dossier.zip',
    references: { 'params.id': 'candidate' },
    summary:
      'Cả hồ sơ kết nạp đảng viên: mọi mẫu đã đến bước, theo thứ tự của hồ sơ, mỗi mẫu một tệp DOCX (tên bắt đầu bằng số mẫu), trong một tệp ZIP',
    tag: 'documents',
    params: z.object({ id: z.coerce.number().int().positive() }),
    example: { params: { id: '1' } },
    // A binary ZIP (application/zip): no JSON body to describe.
    response: { status: 200 },
    raw: true,
    contentTypes: [CONTENT_TYPES.zip],
    handler: async ({ actor, params, reply }) =>
      sendFile(reply, await dossierZip(deps.ctx, actor, params.id)),
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
