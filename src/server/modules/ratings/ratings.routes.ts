import { ratingProposal, ratingSaved } from '../../../shared/candidate-answers.ts';
import type { FastifyInstance } from 'fastify';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { proposeRating, ratingsQuery, recordRating, recordRatingInput } from './ratings.service.ts';

/** POST /api/v1/ratings (record a rating) and GET /api/v1/ratings/proposal (the proposed development points). */
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
        year: 2017,
        ratedOn: '2017-12-20',
        scores: { politics: 18, tasks: 27, organization: 13, inspection: 13, remedies: 9 },
      },
    },
    response: { status: 201, schema: ratingSaved },
    handler: ({ actor, body }) => recordRating(deps.ctx, actor, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/ratings/proposal',
    references: { 'query.org': 'organization' },
    summary: 'Điểm đề xuất của tiêu chí phát triển đảng viên (kết nạp so với kế hoạch)',
    tag: 'ratings',
    query: ratingsQuery,
    example: { query: { year: '2017' } },
    response: { status: 200, schema: ratingProposal },
    handler: ({ actor, query }) => proposeRating(deps.ctx, actor, query),
  });
}
