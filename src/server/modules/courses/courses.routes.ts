import {
  certificatesIssued,
  courseDetail,
  coursesAnswer,
} from '../../../shared/candidate-answers.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { code } from '../../../shared/contracts.ts';
import {
  courseParticipantsInput,
  courseResultsInput,
  createCourseInput,
  issueCertificatesInput,
} from '../../../shared/pipeline.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import {
  addCourseParticipants,
  createCourse,
  getCourse,
  issueCourseCertificates,
  listCourses,
  recordCourseResults,
} from './courses.service.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });

/** Party-awareness courses: record, participants, results, certificates. */
export function courseRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/courses',
    references: { 'query.org': 'organization' },
    summary: 'Party-awareness courses held in a subtree',
    tag: 'courses',
    query: z.object({ org: code.optional() }),
    response: { status: 200, schema: coursesAnswer },
    handler: ({ actor, query }) => listCourses(deps.ctx, actor, query),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/courses/{id}',
    references: { 'params.id': 'course' },
    summary: 'One course with participants, results and certificates',
    tag: 'courses',
    params: idParams,
    example: { params: { id: '1' } },
    response: { status: 200, schema: courseDetail },
    handler: ({ actor, params }) => getCourse(deps.ctx, actor, params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/courses',
    references: { 'body.organizationCode': 'organization' },
    summary: 'Record a Party-awareness course',
    tag: 'courses',
    body: createCourseInput,
    example: {
      body: {
        organizationCode: 'X-DBD',
        name: 'Lớp bồi dưỡng nhận thức về Đảng khóa 1/2026',
        organizer: 'Trung tâm Chính trị',
        startsOn: '2026-03-02',
        endsOn: '2026-03-08',
      },
    },
    response: { status: 201, schema: courseDetail },
    handler: ({ actor, body }) => createCourse(deps.ctx, actor, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/courses/{id}/participants',
    references: { 'params.id': 'course', 'body.personIds[]': 'person' },
    summary: 'Add people to a course',
    tag: 'courses',
    params: idParams,
    body: courseParticipantsInput,
    example: { params: { id: '1' }, body: { personIds: [1] } },
    response: { status: 200, schema: courseDetail },
    handler: ({ actor, params, body }) => addCourseParticipants(deps.ctx, actor, params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/courses/{id}/results',
    references: { 'params.id': 'course', 'body.results[].personId': 'person' },
    summary: 'Record participants’ results',
    tag: 'courses',
    params: idParams,
    body: courseResultsInput,
    example: { params: { id: '1' }, body: { results: [{ personId: 1, result: 'passed' }] } },
    response: { status: 200, schema: courseDetail },
    handler: ({ actor, params, body }) => recordCourseResults(deps.ctx, actor, params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/courses/{id}/certificates',
    references: { 'params.id': 'course' },
    summary:
      'Issue the certificates; passing candidates at fostering move to trained in the same transaction',
    tag: 'courses',
    params: idParams,
    body: issueCertificatesInput,
    example: { params: { id: '1' }, body: { issuedOn: '2026-03-09' } },
    response: { status: 200, schema: certificatesIssued },
    handler: ({ actor, params, body }) => issueCourseCertificates(deps.ctx, actor, params.id, body),
  });
}
