import { memberTransferred, membersPage, membershipEnded } from '../../../shared/people-answers.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { code, isoDate } from '../../../shared/contracts.ts';
import { GENDERS, MEMBER_STATUSES, TARGET_GROUPS } from '../../../shared/enums.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import {
  endMembership,
  endMembershipInput,
  listMembers,
  transferMember,
  transferMemberInput,
} from './members.service.ts';

/** Members as of a date. */
export function memberRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/members',
    references: { 'query.org': 'organization' },
    summary: 'Members of a subtree as of a date, filtered, in Vietnamese name order',
    tag: 'members',
    query: z.object({
      org: code.optional(),
      status: z.enum(MEMBER_STATUSES).optional(),
      asOf: isoDate.optional(),
      gender: z.enum(GENDERS).optional(),
      ethnicity: z.string().trim().max(50).optional(),
      targetGroup: z.enum(TARGET_GROUPS).optional(),
      ageMin: z.coerce.number().int().min(0).max(120).optional(),
      ageMax: z.coerce.number().int().min(0).max(120).optional(),
      q: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(500).optional(),
      offset: z.coerce.number().int().min(0).optional(),
    }),
    response: { status: 200, schema: membersPage },
    handler: ({ actor, query }) => listMembers(deps.ctx, actor, query),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/members/{id}/end',
    references: { 'params.id': 'membership' },
    effectiveOn: 'on',
    summary: 'End a membership on a date (transfer out, death, removal, expulsion, leaving)',
    tag: 'members',
    params: z.object({ id: z.coerce.number().int().positive() }),
    body: endMembershipInput,
    example: { params: { id: '1' }, body: { on: '2026-11-20', reason: 'died' } },
    response: { status: 200, schema: membershipEnded },
    handler: ({ actor, params, body }) => endMembership(deps.ctx, actor, params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/members/{id}/transfer',
    references: {
      'params.id': 'membership',
      'body.toOrganizationCode': 'organization',
      'body.unitCode': 'unit',
    },
    effectiveOn: 'on',
    summary: 'Move a member to another cell from a date',
    tag: 'members',
    params: z.object({ id: z.coerce.number().int().positive() }),
    body: transferMemberInput,
    example: { params: { id: '1' }, body: { on: '2026-11-20', toOrganizationCode: 'DBD-TT-B01' } },
    response: { status: 200, schema: memberTransferred },
    handler: ({ actor, params, body }) => transferMember(deps.ctx, actor, params.id, body),
  });
}
