import { z } from 'zod';
import type { LightMyRequestResponse } from 'fastify';
import type { RegisteredRoute } from '../../src/server/http/routes.ts';

/**
 * The contract check of one answer (issue 14): a 2xx JSON answer of a route is parsed with the
 * response schema the route declares. Returns null when it matches (or when there is nothing to
 * check: an error, a file), else a message naming the route and every zod issue with its path.
 */
export function answerProblem(
  route: Pick<RegisteredRoute, 'method' | 'url' | 'response'> | undefined,
  response: LightMyRequestResponse,
  label = route ? `${route.method} ${route.url}` : 'unknown route',
): string | null {
  if (response.statusCode < 200 || response.statusCode >= 300) return null;
  if (!String(response.headers['content-type']).includes('application/json')) return null;
  const schema = route?.response?.schema;
  if (!schema) return `${label}: answered JSON but declares no response schema`;
  if (route.response?.status !== undefined && response.statusCode !== route.response.status)
    return `${label}: answered ${response.statusCode}, declares ${route.response.status}`;
  const parsed = schema.safeParse(response.json());
  if (parsed.success) return null;
  return `${label}: the answer does not match its response schema\n${z.prettifyError(parsed.error)}`;
}
