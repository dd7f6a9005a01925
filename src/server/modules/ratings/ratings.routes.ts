import { ratingProposal } from '../../../shared/candidate-answers.ts';
import type { FastifyInstance } from 'fastify';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { ratingSchemeAnswer, recordedRating } from '../../../shared/ratings.ts';
import {
  proposeRating,
  ratingScheme,
  ratingSchemeQuery,
  ratingsQuery,
  recordRating,
  recordRatingInput,
} from './ratings.service.ts';

/**
 * POST /api/v1/ratings (record a rating: its level decided by points and conditions, with the
 * reason and citation), GET /api/v1/ratings/scheme (the scheme in force for a period) and
 * GET /api/v1/ratings/proposal (the proposed development points).
 */
export function ratingRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/ratings',
    references: { 'body.organizationCode': 'organization', 'body.personId': 'person' },
    summary: 'Ghi kết quả xếp loại chất lượng của tổ chức đảng hoặc đảng viên',
    tag: 'ratings',
    body: recordRatingInput,
    example: {
      body: {
        organizationCode: 'DBD',
        year: 2025,
        ratedOn: '2025-12-20',
        scores: { general: 27, tasks: 55, development: 8 },
        conditions: {
          tasksCompletedPercent: 100,
          tasksLatePercent: 0,
          tasksExceededPercent: 35,
          shortcomingsRemedied: true,
          disciplined: false,
          degradationConcluded: false,
          disunityConcluded: false,
        },
      },
    },
    effectiveOn: 'ratedOn',
    response: { status: 201, schema: recordedRating },
    handler: ({ actor, body }) => recordRating(deps.ctx, actor, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/ratings/scheme',
    references: {},
    summary:
      'Bộ tiêu chí xếp loại có hiệu lực cho một kỳ: nhóm tiêu chí, điểm và điều kiện cần nhập',
    tag: 'ratings',
    query: ratingSchemeQuery,
    example: { query: { year: '2025' } },
    response: { status: 200, schema: ratingSchemeAnswer },
    handler: ({ actor, query }) => ratingScheme(deps.ctx, actor, query),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/ratings/proposal',
    references: { 'query.org': 'organization' },
    summary: 'Điểm đề xuất của tiêu chí phát triển đảng viên (kết nạp so với kế hoạch)',
    tag: 'ratings',
    query: ratingsQuery,
    example: { query: { year: '2025' } },
    response: { status: 200, schema: ratingProposal },
    handler: ({ actor, query }) => proposeRating(deps.ctx, actor, query),
  });
}
