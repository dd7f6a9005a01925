import { z } from 'zod';
import type { RegisteredRoute } from './routes.ts';

/** A request schema as JSON Schema (what the caller may send: defaults optional). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): unknown {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  } catch {
    return { type: 'object' };
  }
}

/**
 * The success answer of a route: its JSON schema (the zod schema of src/shared the route
 * declares), or for a raw route each content type it answers with (its JSON variant described).
 */
function successContent(route: RegisteredRoute): Record<string, unknown> | undefined {
  const schema = route.response?.schema;
  const json = schema ? { schema: jsonSchema(schema, 'output') } : {};
  if (!route.raw) return schema ? { 'application/json': json } : undefined;
  return Object.fromEntries(
    route.raw.contentTypes.map((type) => [
      type,
      type.startsWith('application/json')
        ? json
        : type.startsWith('text/')
          ? { schema: { type: 'string' } }
          : { schema: { type: 'string', format: 'binary' } },
    ]),
  );
}

const problem = {
  description: 'application/problem+json (RFC 9457)',
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          code: { type: 'string' },
          detail: { type: 'string' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              properties: { field: { type: 'string' }, message: { type: 'string' } },
            },
          },
          requestId: { type: 'string' },
        },
      },
    },
  },
};

/** Builds the OpenAPI 3.1 document from the registered routes. */
export function buildOpenApi(routes: RegisteredRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['query', route.query],
      ['path', route.params],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema) as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, prop] of Object.entries(js.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (js.required ?? []).includes(name),
          schema: prop,
        });
      }
    }
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses: {
        [String(route.response?.status ?? 200)]: {
          description: 'OK',
          ...(successContent(route) ? { content: successContent(route) } : {}),
        },
        400: problem,
        ...(route.auth ? { 401: problem, 403: problem, 404: problem } : {}),
        422: problem,
      },
      ...(route.auth ? {} : { security: [] }),
      'x-writes': route.writes,
    };
    if (route.body)
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(route.body) } },
      };
    (paths[route.url] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'dangvien API',
      version: '1',
      description: 'Quản lý công tác phát triển đảng viên',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'dangvien_session' },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}
