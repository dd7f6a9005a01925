import { CONTENT_TYPES } from '../../../shared/content-types.ts';
import { importColumnsAnswer, importResult } from '../../../shared/answers.ts';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { code, isoDate } from '../../../shared/contracts.ts';
import { defineRoute, requestActor, type RouteDeps } from '../../http/routes.ts';
import { AppError } from '../../lib/errors.ts';
import { refusedCharacterErrors } from '../../lib/validation.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan } from '../../access/access.ts';
import { contentDisposition, fileNames } from '../../http/download.ts';
import { FILE_TITLES, IMPORT_KINDS } from './imports.columns.ts';
import { fileFromBuffer } from './imports.reader.ts';
import { importColumns, importFile } from './imports.service.ts';
import { EXPORT_KINDS, buildTemplate, exportWorkbook } from './exports.service.ts';

/** Largest spreadsheet accepted over HTTP (bigger files go through the CLI, which streams them). */
export const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_TYPES = ['application/octet-stream', 'text/csv', XLSX_TYPE];

/** Uploaded bodies by request: the route's parser keeps the bytes out of the JSON body path. */
const uploads = new WeakMap<FastifyRequest, Buffer>();

/** The uploaded file, once the actor may import at all (a viewer's upload is 403, not 400). */
function uploaded(actor: Actor, request: FastifyRequest): Buffer {
  assertCan(actor, 'write');
  const body = uploads.get(request);
  if (!body || body.length === 0)
    throw new AppError('validation', 'Cần gửi tệp .xlsx hoặc .csv trong thân yêu cầu', [
      {
        field: '(body)',
        message: `Content-Type: ${FILE_TYPES.join(' | ')}`,
      },
    ]);
  return body;
}

/** The file's name from `X-File-Name` (percent-encoded UTF-8); it goes into the audit event. */
function fileName(request: FastifyRequest, kind: string): string {
  const header = request.headers['x-file-name'];
  const encoded = Array.isArray(header) ? header[0] : header;
  if (!encoded) return `${kind}-upload`;
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    throw new AppError('validation', 'Tiêu đề X-File-Name không hợp lệ', [
      {
        field: 'x-file-name',
        message: 'Tên tệp phải được mã hóa phần trăm (UTF-8), ví dụ Danh%20s%C3%A1ch.xlsx',
        messageEn: 'X-File-Name must be percent-encoded UTF-8',
      },
    ]);
  }
  const refused = refusedCharacterErrors(name);
  if (refused.length > 0)
    throw new AppError(
      'validation',
      'Tên tệp không hợp lệ',
      refused.map((e) => ({ ...e, field: 'x-file-name' })),
    );
  return name.slice(0, 200);
}

const kindParams = z.object({ kind: z.enum(IMPORT_KINDS) });

/**
 * Imports (preview, confirm, template) and exports. Files travel as the raw request body
 * (`application/octet-stream`, `text/csv` or the XLSX type, up to 50 MB), read by this plugin's
 * own content-type parser, so no multipart library is needed; the same file is sent to preview
 * and then to confirm.
 */
export function importRoutes(app: FastifyInstance, deps: RouteDeps): void {
  // Imports still running when the server closes (SIGTERM) are cancelled, so closing does not
  // wait for a long preview: each answers 409 import.cancelled and writes nothing.
  const running = new Set<AbortController>();
  app.addHook('preClose', (done) => {
    for (const controller of running) controller.abort();
    done();
  });
  /** Runs an import that stops when the client goes away or the server closes. */
  const cancellable = async <T>(
    reply: FastifyReply,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    const controller = new AbortController();
    running.add(controller);
    const hangUp = () => {
      if (!reply.raw.writableFinished) controller.abort();
    };
    reply.raw.once('close', hangUp);
    try {
      return await run(controller.signal);
    } finally {
      running.delete(controller);
      reply.raw.off('close', hangUp);
    }
  };
  void app.register((scope, _options, registered) => {
    // Refusals that need no body come before it is read: the route's onRequest hook has refused
    // anonymous callers; here a signed-in caller who may not import (a viewer) and a malformed
    // X-File-Name, so neither has 50 MB buffered first.
    scope.addHook('preParsing', async (request, _reply, payload) => {
      assertCan(requestActor(request) ?? (await deps.actorOf(request)), 'write');
      fileName(request, 'upload');
      return payload;
    });
    scope.addContentTypeParser(
      FILE_TYPES,
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (request, body, done) => {
        uploads.set(request, body as Buffer);
        done(null, undefined);
      },
    );
    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/imports/{kind}/preview',
      summary:
        'Preview an import: per row new / update / unchanged / duplicate / error (nothing written)',
      tag: 'imports',
      params: kindParams,
      writes: true,
      example: { params: { kind: 'people' } },
      response: { status: 200, schema: importResult },
      handler: ({ actor, params, request, reply }) => {
        const file = fileFromBuffer(uploaded(actor, request), fileName(request, params.kind));
        return cancellable(reply, (signal) =>
          importFile(deps.ctx, actor, params.kind, file, { write: false, signal }),
        );
      },
    });
    defineRoute(scope, deps, {
      method: 'POST',
      url: '/api/v1/imports/{kind}',
      summary: 'Import a file: every row in one transaction, or nothing (422 naming every bad row)',
      tag: 'imports',
      params: kindParams,
      example: { params: { kind: 'people' } },
      response: { status: 201, schema: importResult },
      handler: ({ actor, params, request, reply }) => {
        const file = fileFromBuffer(uploaded(actor, request), fileName(request, params.kind));
        return cancellable(reply, (signal) =>
          importFile(deps.ctx, actor, params.kind, file, { write: true, signal }),
        );
      },
    });
    registered();
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/imports/{kind}/columns',
    summary: 'The columns of an import kind (Vietnamese and English headers, required or not)',
    tag: 'imports',
    params: kindParams,
    example: { params: { kind: 'people' } },
    response: { status: 200, schema: importColumnsAnswer },
    handler: ({ params }) => Promise.resolve({ items: importColumns(params.kind) }),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/imports/{kind}/template',
    references: { 'query.org': 'organization' },
    summary: 'The XLSX template of an import kind, with a sheet of allowed values',
    tag: 'imports',
    params: kindParams,
    query: z.object({ org: code.optional() }),
    example: { params: { kind: 'people' } },
    raw: true,
    contentTypes: [CONTENT_TYPES.xlsx],
    handler: async ({ actor, params, query, reply }) => {
      const buffer = await buildTemplate(deps.ctx, actor, params.kind, query.org);
      await reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          contentDisposition(fileNames(FILE_TITLES[params.kind].template, 'xlsx')),
        )
        .send(buffer);
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/exports/{kind}',
    references: { 'query.org': 'organization' },
    summary: 'Export a list (people, members, candidates) or the whole organization (all) as XLSX',
    tag: 'imports',
    params: z.object({ kind: z.enum(EXPORT_KINDS) }),
    query: z.object({ org: code.optional(), asOf: isoDate.optional() }),
    example: { params: { kind: 'people' } },
    raw: true,
    contentTypes: [CONTENT_TYPES.xlsx],
    handler: async ({ actor, params, query, request, reply }) => {
      // Resolve scope and write the first bytes before answering 200, so a refusal is a clean 4xx.
      const stream = new PassThrough();
      const done = exportWorkbook(
        deps.ctx,
        actor,
        { kind: params.kind, org: query.org, asOf: query.asOf, signal: abortOnClose(reply) },
        stream,
      );
      const failed = await Promise.race([
        done.then(
          () => null,
          (error: unknown) => error,
        ),
        new Promise<null>((resolve) => stream.once('readable', () => resolve(null))),
      ]);
      if (failed) throw failed instanceof Error ? failed : new Error('export failed');
      done.catch((error: unknown) => {
        request.log.error({ err: error }, 'export failed while streaming');
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      await reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          contentDisposition(
            fileNames(
              [FILE_TITLES[params.kind].export, query.org, query.asOf].filter(Boolean).join(' - '),
              'xlsx',
            ),
          ),
        )
        .send(stream);
    },
  });
}

/** Aborts when the client goes away before the answer is sent (the import then writes nothing). */
function abortOnClose(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
