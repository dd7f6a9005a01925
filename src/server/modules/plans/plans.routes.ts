import { planSaved, plansAnswer, resolutionsAnswer } from '../../../shared/candidate-answers.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { code } from '../../../shared/contracts.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { listPlans, listResolutions, setPlan, setPlanInput } from './plans.service.ts';

/** Plans (yearly targets) and resolutions. */
export function planRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/plans',
    references: { 'query.org': 'organization' },
    summary: 'Plan targets of an organization and its direct sub-organizations for a year',
    tag: 'plans',
    query: z.object({ org: code.optional(), year: z.coerce.number().int().min(2000).max(2100) }),
    example: { query: { year: '2017' } },
    response: { status: 200, schema: plansAnswer },
    handler: ({ actor, query }) => listPlans(deps.ctx, actor, query),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/plans',
    references: { 'body.organizationCode': 'organization' },
    summary: 'Set a plan target (the previous version is kept, dated)',
    tag: 'plans',
    body: setPlanInput,
    example: { body: { organizationCode: 'DBD', year: 2019, metric: 'admissions', target: 150 } },
    response: { status: 200, schema: planSaved },
    handler: ({ actor, body }) => setPlan(deps.ctx, actor, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/resolutions',
    references: { 'query.org': 'organization' },
    summary: 'Resolutions of an organization with their indicators',
    tag: 'plans',
    query: z.object({ org: code.optional() }),
    response: { status: 200, schema: resolutionsAnswer },
    handler: ({ actor, query }) => listResolutions(deps.ctx, actor, query),
  });
}
