import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { code, createPersonInput } from '../../../shared/contracts.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { createPerson, getPerson, listPeople } from './people.service.ts';

/** People: register, search, read. */
export function peopleRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/people',
    references: { 'query.org': 'organization' },
    summary: 'Search people (accent-insensitive) in the caller’s subtree',
    tag: 'people',
    query: z.object({
      q: z.string().max(100).optional(),
      org: code.optional(),
      limit: z.coerce.number().int().min(1).max(500).optional(),
      offset: z.coerce.number().int().min(0).optional(),
    }),
    handler: ({ actor, query }) => listPeople(deps.ctx, actor, query),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/people/{id}',
    references: { 'params.id': 'person' },
    summary: 'One person with their dated history',
    tag: 'people',
    params: z.object({ id: z.coerce.number().int().positive() }),
    example: { params: { id: '1' } },
    handler: ({ actor, params }) => getPerson(deps.ctx, actor, params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/people',
    references: { 'body.unitCode': 'unit' },
    summary: 'Register a person; likely duplicates are listed in the answer',
    tag: 'people',
    body: createPersonInput,
    example: {
      body: {
        fullName: 'Giàng A Thử',
        gender: 'male',
        birthDate: '1995-05-05',
        ethnicity: 'Mông',
        unitCode: 'U-TT-B01',
        educationLevel: 'upper_secondary',
        targetGroups: [],
      },
    },
    response: { status: 201 },
    handler: ({ actor, body }) => createPerson(deps.ctx, actor, body),
  });
}
