import { peoplePage, personCreated, personDetail } from '../../../shared/people-answers.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { code, createPersonInput, updatePersonInput } from '../../../shared/contracts.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { createPerson, getPerson, listPeople } from './people.service.ts';
import { updatePerson } from './person-changes.service.ts';

/** People: register, search, read, correct and change. */
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
    response: { status: 200, schema: peoplePage },
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
    response: { status: 200, schema: personDetail },
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
        unitFrom: '2015-01-01',
        targetGroups: ['ethnic_minority', { group: 'youth_union', from: '2011-03-26' }],
      },
    },
    response: { status: 201, schema: personCreated },
    handler: ({ actor, body }) => createPerson(deps.ctx, actor, body),
  });
  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/people/{id}',
    references: {
      'params.id': 'person',
      'body.correction.unitCode': 'unit',
      'body.change.unitCode': 'unit',
    },
    effectiveOn: 'change.on',
    summary:
      'Correct a person (rewrites, audited with before/after and reason) and/or record a change from a date (closes the open period, opens a new one); optimistic version',
    tag: 'people',
    params: z.object({ id: z.coerce.number().int().positive() }),
    body: updatePersonInput,
    example: {
      params: { id: '1' },
      body: {
        version: 1,
        correction: {
          birthDate: '1995-05-06',
          unitCode: 'U-TT-B01',
          reason: 'Nhập sai ngày sinh và bản',
        },
        change: {
          on: '2024-03-01',
          unitCode: 'U-TT-B01',
          joinTargetGroups: ['youth_union'],
          reason: 'Chuyển về bản mới',
        },
      },
    },
    response: { status: 200, schema: personDetail },
    handler: ({ actor, params, body }) => updatePerson(deps.ctx, actor, params.id, body),
  });
}
