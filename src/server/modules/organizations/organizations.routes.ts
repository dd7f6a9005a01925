import { organizationInfo, reorganizationAnswer } from '../../../shared/answers.ts';
import {
  organizationCreated,
  organizationTreeAnswer,
  unitsAnswer,
} from '../../../shared/organization-answers.ts';
import { UNIT_KINDS } from '../../../shared/enums.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  code,
  createOrganizationInput,
  isoDate,
  reorganizationInput,
} from '../../../shared/contracts.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  previewReorganization,
  reorganize,
  listUnits,
} from './organizations.service.ts';

/** Organizations: the dated tree, creation, reorganization. */
export function organizationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/organizations',
    references: { 'query.org': 'organization' },
    summary: "The caller's subtree as the tree stood on a date",
    tag: 'organizations',
    query: z.object({ org: code.optional(), asOf: isoDate.optional() }),
    response: { status: 200, schema: organizationTreeAnswer },
    handler: async ({ actor, query }) => {
      const nodes = await listOrganizations(deps.ctx, actor, query);
      return {
        items: nodes.map((n) => ({
          code: n.code,
          name: n.name,
          kind: n.kind,
          level: n.level,
          parentCode: n.parentCode,
          sector: n.sector,
          combined: n.combined,
          depth: n.depth,
          decidesAdmissions: n.decidesAdmissions,
        })),
      };
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/organizations/{code}',
    references: { 'params.code': 'organization' },
    summary: 'One organization of the subtree with its lifetime (establishedOn, dissolvedOn)',
    tag: 'organizations',
    params: z.object({ code }),
    example: { params: { code: 'DBD' } },
    response: { status: 200, schema: organizationInfo },
    handler: ({ actor, params }) => getOrganization(deps.ctx, actor, params.code),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/organizations',
    references: { 'body.parentCode': 'organization', 'body.unitCodes[]': 'unit' },
    notReferences: { 'body.code': 'the code of the organization being created' },
    effectiveOn: 'establishedOn',
    summary: 'Create an organization under a parent from a date',
    tag: 'organizations',
    body: createOrganizationInput,
    example: {
      body: {
        code: 'T-NEW',
        name: 'Chi bộ thử',
        kind: 'cell',
        level: 'cell',
        parentCode: 'DBD',
        establishedOn: '2017-01-01',
      },
    },
    response: { status: 201, schema: organizationCreated },
    handler: ({ actor, body }) => createOrganization(deps.ctx, actor, body),
  });
  const reorganizationRoute = {
    references: {
      'body.steps[].code': {
        kind: 'organization' as const,
        unless: (step: Record<string, unknown>) => step.op === 'create',
      },
      'body.steps[].parentCode': 'organization' as const,
      'body.steps[].unitCodes[]': 'unit' as const,
      'body.steps[].toParentCode': 'organization' as const,
      'body.steps[].codes[]': 'organization' as const,
      'body.steps[].intoCode': 'organization' as const,
      'body.steps[].into[].childCodes[]': 'organization' as const,
      'body.steps[].into[].unitCodes[]': 'unit' as const,
    },
    notReferences: {
      'body.steps[].into[].code': 'the code of an organization a split creates',
    },
    effectiveOn: 'on',
    tag: 'organizations',
    body: reorganizationInput,
    example: {
      body: {
        on: '2017-06-01',
        reason: 'thử',
        steps: [{ op: 'move', code: 'T-A', toParentCode: 'T-B' }],
      },
    },
  };
  defineRoute(app, deps, {
    ...reorganizationRoute,
    method: 'POST',
    url: '/api/v1/reorganizations',
    summary:
      'Perform a dated reorganization (create, rename, move, merge, split, dissolve) as one operation',
    response: { status: 200, schema: reorganizationAnswer },
    handler: ({ actor, body }) => reorganize(deps.ctx, actor, body),
  });
  defineRoute(app, deps, {
    ...reorganizationRoute,
    method: 'POST',
    url: '/api/v1/reorganizations/preview',
    summary:
      'What a reorganization would do (organizations, cells, members, candidacies and units moving, a sentence per step) without writing anything',
    response: { status: 200, schema: reorganizationAnswer },
    handler: ({ actor, body }) => previewReorganization(deps.ctx, actor, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/units',
    references: { 'query.org': 'organization' },
    summary: 'Units covered by a subtree on a date (accent-insensitive name search, by kind)',
    tag: 'organizations',
    query: z.object({
      org: code.optional(),
      asOf: isoDate.optional(),
      kind: z.enum(UNIT_KINDS).optional(),
      q: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(500).optional(),
    }),
    response: { status: 200, schema: unitsAnswer },
    handler: ({ actor, query }) => listUnits(deps.ctx, actor, query),
  });
}
