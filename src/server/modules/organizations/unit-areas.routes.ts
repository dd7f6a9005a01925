import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { code } from '../../../shared/contracts.ts';
import {
  endUnitAreaKindInput,
  unitAreaKindInput,
  unitAreaKindsAnswer,
} from '../../../shared/pipeline.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { addUnitAreaKind, endUnitAreaKind, listUnitAreaKinds } from './unit-areas.service.ts';

/** The dated area kinds of a unit (mountain, border, island, ethnic-minority, hardship). */
export function unitAreaRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const params = z.object({ code });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/units/{code}/area-kinds',
    references: { 'params.code': 'unit' },
    summary: 'The dated kinds of area of a unit (the lower education minimum applies there)',
    tag: 'organizations',
    params,
    example: { params: { code: 'U-TT-B01' } },
    response: { status: 200, schema: unitAreaKindsAnswer },
    handler: ({ actor, params: p }) => listUnitAreaKinds(deps.ctx, actor, p.code),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/units/{code}/area-kinds',
    references: { 'params.code': 'unit' },
    effectiveOn: 'from',
    summary: 'Dates a kind of area on a unit from a day',
    tag: 'organizations',
    writes: true,
    params,
    body: unitAreaKindInput,
    example: {
      params: { code: 'U-TT-B01' },
      body: { kind: 'hardship', from: '2020-01-01', reason: 'Quyết định của Thủ tướng' },
    },
    response: { status: 201, schema: unitAreaKindsAnswer },
    handler: ({ actor, params: p, body }) => addUnitAreaKind(deps.ctx, actor, p.code, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/units/{code}/area-kinds/end',
    references: { 'params.code': 'unit' },
    effectiveOn: 'on',
    summary: 'Ends a kind of area of a unit from a day (kept as dated history)',
    tag: 'organizations',
    writes: true,
    params,
    body: endUnitAreaKindInput,
    example: {
      params: { code: 'U-TT-B01' },
      body: {
        kind: 'hardship',
        on: '2024-01-01',
        reason: 'Ra khỏi danh sách xã đặc biệt khó khăn',
      },
    },
    response: { status: 200, schema: unitAreaKindsAnswer },
    handler: ({ actor, params: p, body }) => endUnitAreaKind(deps.ctx, actor, p.code, body),
  });
}
