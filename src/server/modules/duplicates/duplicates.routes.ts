import { duplicateCheckAnswer } from '../../../shared/duplicate-check.ts';
import {
  duplicatesAnswer,
  duplicatesDismissed,
  duplicatesMerged,
} from '../../../shared/people-answers.ts';
import type { FastifyInstance } from 'fastify';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { duplicateCheckInput } from '../../../shared/duplicate-check.ts';
import {
  checkDuplicates,
  dismissDuplicate,
  dismissInput,
  duplicatesQuery,
  listDuplicates,
  mergeInput,
  mergePeople,
} from './duplicates.service.ts';

/** Duplicate review: pairs side by side, merge, "not duplicates". */
export function duplicateRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/duplicates',
    references: { 'query.org': 'organization' },
    summary: 'Likely duplicate people, as pairs side by side (not yet merged or dismissed)',
    tag: 'duplicates',
    query: duplicatesQuery,
    response: { status: 200, schema: duplicatesAnswer },
    handler: ({ actor, query }) => listDuplicates(deps.ctx, actor, query),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/duplicates/check',
    references: { 'body.unitCode': 'unit' },
    summary:
      'People of the caller’s scope who may be a person about to be registered (masked national ID)',
    tag: 'duplicates',
    body: duplicateCheckInput,
    example: {
      body: { fullName: 'Giàng A Thử', birthDate: '1995-05-05', unitCode: 'U-TT-B01' },
    },
    response: { status: 200, schema: duplicateCheckAnswer },
    handler: ({ actor, body }) => checkDuplicates(deps.ctx, actor, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/duplicates/merge',
    references: { 'body.keepId': 'person', 'body.mergeId': 'person' },
    summary: 'Merge one person into another; both histories are kept under the person kept',
    tag: 'duplicates',
    body: mergeInput,
    example: { body: { keepId: 1, mergeId: 2 } },
    response: { status: 200, schema: duplicatesMerged },
    handler: ({ actor, body }) => mergePeople(deps.ctx, actor, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/duplicates/dismiss',
    references: { 'body.aId': 'person', 'body.bId': 'person' },
    summary: 'Mark two people as not duplicates, for good',
    tag: 'duplicates',
    body: dismissInput,
    example: { body: { aId: 1, bId: 2 } },
    response: { status: 200, schema: duplicatesDismissed },
    handler: ({ actor, body }) => dismissDuplicate(deps.ctx, actor, body),
  });
}
