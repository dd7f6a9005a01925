import { holidayAnswer, holidaysAnswer } from '../../../shared/candidate-answers.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { holidayInput } from '../../../shared/pipeline.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { addHoliday, getHolidays } from './calendar.service.ts';

/** The holiday calendar that working-day deadlines are counted with. */
export function calendarRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/holidays',
    summary: 'Public holidays and make-up working days, optionally for one year',
    tag: 'calendar',
    query: z.object({ year: z.coerce.number().int().min(1930).max(2100).optional() }),
    response: { status: 200, schema: holidaysAnswer },
    handler: ({ actor, query }) => getHolidays(deps.ctx, actor, query.year),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/holidays',
    summary: 'Add or replace one day of the holiday calendar (administrators)',
    tag: 'calendar',
    body: holidayInput,
    example: {
      body: {
        date: '2027-02-15',
        name: 'Tết',
        nameVi: 'Nghỉ Tết Nguyên đán',
        kind: 'lunar_new_year',
      },
    },
    response: { status: 201, schema: holidayAnswer },
    handler: ({ actor, body }) => addHoliday(deps.ctx, actor, body),
  });
}
