import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { code, isoDate } from '../../../shared/contracts.ts';
import { MEMBER_STATUSES } from '../../../shared/enums.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { listMembers } from './members.service.ts';

/** Members as of a date. */
export function memberRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/members',
    summary: 'Members of a subtree as of a date, in Vietnamese name order',
    tag: 'members',
    query: z.object({
      org: code.optional(),
      status: z.enum(MEMBER_STATUSES).optional(),
      asOf: isoDate.optional(),
      limit: z.coerce.number().int().min(1).max(500).optional(),
      offset: z.coerce.number().int().min(0).optional(),
    }),
    handler: ({ actor, query }) => listMembers(deps.ctx, actor, query),
  });
}
