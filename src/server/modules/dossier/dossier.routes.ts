import { CONTENT_TYPES } from '../../../shared/content-types.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  answerRequestInput,
  checklistItemParams,
  createRequestInput,
  dossierPaperwork as paperworkSchema,
  scanFile,
  tickDocumentInput,
  untickDocumentInput,
  uploadScanQuery,
} from '../../../shared/dossier.ts';
import { assertCan } from '../../access/access.ts';
import { defineRoute, requestActor, type RouteDeps } from '../../http/routes.ts';
import { AppError } from '../../lib/errors.ts';
import { refusedCharacterErrors } from '../../lib/validation.ts';
import { findOrganizationByCode } from '../organizations/organizations.repository.ts';
import { scanMaxBytes } from './files.store.ts';
import {
  answerRequest,
  createRequest,
  dossierPaperwork,
  openScan,
  tickDocument,
  untickDocument,
  uploadScan,
} from './dossier.service.ts';

/** Content types a scan may be sent with; its real kind is read from its bytes. */
const SCAN_BODY_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'];

/** Upload bodies by request: the parser hands the stream over unread, the service streams it. */
const bodies = new WeakMap<FastifyRequest, Readable>();

/** The scan's name from `X-File-Name` (percent-encoded UTF-8), required. */
function scanName(request: FastifyRequest): string {
  const header = request.headers['x-file-name'];
  const encoded = Array.isArray(header) ? header[0] : header;
  const refuse = (message: string) =>
    new AppError('validation', 'Tiêu đề X-File-Name không hợp lệ', [
      { field: 'x-file-name', message, messageEn: 'X-File-Name: the percent-encoded file name' },
    ]);
  if (!encoded) throw refuse('Cần gửi tên tệp trong tiêu đề X-File-Name');
  let name: string;
  try {
    name = decodeURIComponent(encoded).trim();
  } catch {
    throw refuse('Tên tệp phải được mã hóa phần trăm (UTF-8), ví dụ Don%20xin.pdf');
  }
  const refused = refusedCharacterErrors(name);
  if (refused.length > 0)
    throw new AppError(
      'validation',
      'Tên tệp không hợp lệ',
      refused.map((e) => ({ ...e, field: 'x-file-name' })),
    );
  if (name === '' || /[\\/]/.test(name)) throw refuse('Tên tệp không được rỗng hay chứa / hoặc \\');
  return name.slice(0, 200);
}

/** `Content-Disposition` with the UTF-8 name and an ASCII fallback. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^A-Za-z0-9._ -]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const requestParams = z.object({
  id: z.coerce.number().int().positive(),
  requestId: z.coerce.number().int().positive(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });

/**
 * The dossier's paperwork: checklist ticks, scans (`POST …/documents/{document}/files` with the
 * file as the raw body and its name in `X-File-Name`, like the imports; `GET /files/{id}`) and
 * requests to other organizations.
 */
export function dossierRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const ctx = deps.ctx;
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/candidates/{id}/dossier',
    references: { 'params.id': 'candidate' },
    summary:
      'The dossier checklist (ticked or derived, with scans) and its requests to other places',
    tag: 'dossier',
    params: idParams,
    example: { params: { id: '1' } },
    response: { status: 200, schema: paperworkSchema },
    handler: ({ actor, params }) => dossierPaperwork(ctx, actor, params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/candidates/{id}/documents/{document}/tick',
    references: { 'params.id': 'candidate' },
    effectiveOn: 'receivedOn',
    summary: 'Tick a checklist document as received on a date',
    tag: 'dossier',
    params: checklistItemParams,
    body: tickDocumentInput,
    example: {
      params: { id: '1', document: 'application' },
      body: { receivedOn: '2026-11-20' },
    },
    response: { status: 200, schema: paperworkSchema },
    handler: ({ actor, params, body }) =>
      tickDocument(ctx, actor, params.id, params.document, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/candidates/{id}/documents/{document}/untick',
    references: { 'params.id': 'candidate' },
    effectiveOn: 'on',
    summary: 'Untick a checklist document from a date, with the reason (the tick stays in history)',
    tag: 'dossier',
    params: checklistItemParams,
    body: untickDocumentInput,
    example: {
      params: { id: '1', document: 'application' },
      body: { on: '2026-11-21', reason: 'Bản nộp thiếu chữ ký' },
    },
    response: { status: 200, schema: paperworkSchema },
    handler: ({ actor, params, body }) =>
      untickDocument(ctx, actor, params.id, params.document, body),
  });
  void app.register((scope, _options, registered) => {
    // Refused before a byte of the body is read: anonymous (onRequest), a role that may not
    // write, and a declared length over the limit. The body is then streamed, never buffered:
    // the dossier is resolved in scope (404 outside) and the file name checked before it is read.
    scope.addHook('preParsing', async (request, _reply, payload) => {
      assertCan(requestActor(request) ?? (await deps.actorOf(request)), 'write');
      const length = Number(request.headers['content-length']);
      if (Number.isFinite(length) && length > scanMaxBytes(ctx))
        throw new AppError('too_large', 'Tệp lớn quá giới hạn', [
          {
            field: '(body)',
            message: `Tệp quét tối đa ${Math.round(scanMaxBytes(ctx) / 1048576)} MB`,
            messageEn: `A scan may be at most ${scanMaxBytes(ctx)} bytes`,
          },
        ]);
      return payload;
    });
    scope.addContentTypeParser(SCAN_BODY_TYPES, (request, payload, done) => {
      bodies.set(request, payload);
      done(null, undefined);
    });
    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/candidates/{id}/documents/{document}/files',
      references: { 'params.id': 'candidate' },
      notReferences: {
        'query.requestId':
          'a request of this dossier: the service finds it among params.id’s own requests (404 otherwise)',
      },
      summary:
        'Attach a scan (PDF, JPEG or PNG, checked by its bytes) to a checklist document: the file as the body, its name in X-File-Name',
      tag: 'dossier',
      params: checklistItemParams,
      query: uploadScanQuery,
      example: { params: { id: '1', document: 'application' } },
      response: { status: 201, schema: scanFile },
      handler: async ({ actor, params, query, request }) => {
        const body = bodies.get(request);
        if (!body)
          throw new AppError('validation', 'Cần gửi tệp trong thân yêu cầu', [
            { field: '(body)', message: `Content-Type: ${SCAN_BODY_TYPES.join(' | ')}` },
          ]);
        return uploadScan(ctx, actor, params.id, params.document, {
          name: scanName(request),
          body,
          requestId: query.requestId,
        });
      },
    });
    registered();
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/files/{id}',
    references: { 'params.id': 'file' },
    summary:
      'A scan: shown inline (PDF, images only; sandboxed, nosniff) or downloaded with download=true',
    tag: 'dossier',
    params: idParams,
    query: z.object({ download: z.enum(['true', 'false']).optional() }),
    example: { params: { id: '1' } },
    raw: true,
    contentTypes: [CONTENT_TYPES.pdf, CONTENT_TYPES.jpeg, CONTENT_TYPES.png],
    handler: async ({ actor, params, query, reply }) => {
      const download = query.download === 'true';
      const { file, body } = await openScan(ctx, actor, params.id, download ? 'download' : 'view');
      await reply
        .code(200)
        .type(download ? 'application/octet-stream' : file.mediaType)
        .header('content-length', file.size)
        .header('content-disposition', disposition(download ? 'attachment' : 'inline', file.name))
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-security-policy',
          "sandbox; default-src 'none'; img-src 'self'; object-src 'self'",
        )
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/candidates/{id}/requests',
    references: { 'params.id': 'candidate', 'body.sentToOrganizationCode': 'organization' },
    effectiveOn: 'sentOn',
    summary:
      'Record a request sent to another organization (background verification, residence cell comments, union introduction)',
    tag: 'dossier',
    params: idParams,
    body: createRequestInput,
    example: {
      params: { id: '1' },
      body: {
        kind: 'background_verification',
        sentTo: 'Đảng ủy xã Thanh Xương',
        sentOn: '2026-11-20',
        dueOn: '2026-12-20',
      },
    },
    response: { status: 201, schema: paperworkSchema },
    handler: async ({ actor, params, body }) => {
      const organization = body.sentToOrganizationCode
        ? await findOrganizationByCode(ctx.db, body.sentToOrganizationCode)
        : undefined;
      return createRequest(ctx, actor, params.id, {
        ...body,
        sentToOrganizationId: organization?.id ?? null,
      });
    },
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/candidates/{id}/requests/{requestId}/answer',
    references: { 'params.id': 'candidate' },
    notReferences: {
      'params.requestId':
        'a request of this dossier: the service finds it among params.id’s own requests (404 otherwise)',
    },
    effectiveOn: 'receivedOn',
    summary: 'Record the answer to a request (received on, result, note)',
    tag: 'dossier',
    params: requestParams,
    body: answerRequestInput,
    example: {
      params: { id: '1', requestId: '1' },
      body: { receivedOn: '2026-11-25', result: 'favourable' },
    },
    response: { status: 200, schema: paperworkSchema },
    handler: ({ actor, params, body }) =>
      answerRequest(ctx, actor, params.id, params.requestId, body),
  });
}
