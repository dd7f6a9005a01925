import {
  candidateDetail,
  candidateList,
  transitionAnswer,
} from '../../../shared/candidate-answers.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  candidateListQuery,
  createCandidateInput,
  transitionInput,
} from '../../../shared/pipeline.ts';
import { bulkTransitionAnswer, bulkTransitionInput } from '../../../shared/daily.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { bulkTransition } from './bulk-transitions.service.ts';
import {
  createCandidate,
  getCandidate,
  listCandidates,
  transitionCandidate,
} from './candidates.service.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });

/** Candidates: register, read a dossier, list (board), record transitions (SPEC §9). */
export function candidateRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/candidates',
    references: { 'query.org': 'organization' },
    summary: 'Candidates of a subtree, open ones unless all=true, with counts per stage',
    tag: 'candidates',
    query: candidateListQuery,
    response: { status: 200, schema: candidateList },
    handler: ({ actor, query }) => listCandidates(deps.ctx, actor, query),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/candidates/{id}',
    references: { 'params.id': 'candidate' },
    summary:
      'One dossier: stage, history, documents, helpers, introducers, votes, deadlines, checks of the next steps',
    tag: 'candidates',
    params: idParams,
    example: { params: { id: '1' } },
    response: { status: 200, schema: candidateDetail },
    handler: ({ actor, params }) => getCandidate(deps.ctx, actor, params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/candidates',
    references: {
      'body.personId': 'person',
      'body.organizationCode': 'organization',
      'body.helperMemberIds[]': 'membership',
    },
    summary: 'Register a candidate at stage source with the members assigned to help',
    tag: 'candidates',
    body: createCandidateInput,
    example: {
      body: {
        personId: 1,
        organizationCode: 'DBD-KL-B01',
        identifiedOn: '2026-01-05',
        helperMemberIds: [],
      },
    },
    response: { status: 201, schema: candidateDetail },
    handler: ({ actor, body }) => createCandidate(deps.ctx, actor, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/candidates/{id}/transitions',
    references: { 'params.id': 'candidate', 'body.introducerMemberIds[]': 'membership' },
    summary:
      'Move a candidate to a stage (or record a failed vote with outcome=failed); a blocking rule answers 422 and nothing changes',
    tag: 'candidates',
    params: idParams,
    body: transitionInput,
    example: { params: { id: '1' }, body: { to: 'fostering', on: '2026-02-02' } },
    response: { status: 201, schema: transitionAnswer },
    handler: ({ actor, params, body }) => transitionCandidate(deps.ctx, actor, params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/candidates/transitions',
    references: { 'body.candidateIds[]': 'candidate' },
    effectiveOn: 'on',
    summary:
      'Move several dossiers to the same stage on the same date: each judged and written on its own (one transaction per dossier), the answer lists each result',
    tag: 'candidates',
    body: bulkTransitionInput,
    example: { body: { candidateIds: [1], to: 'fostering', on: '2026-02-02' } },
    response: { status: 200, schema: bulkTransitionAnswer },
    handler: ({ actor, body }) => bulkTransition(deps.ctx, actor, body),
  });
}
