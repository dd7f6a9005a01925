import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../http/routes.ts';
import { alertRoutes } from '../alerts/alerts.routes.ts';
import { calendarRoutes } from '../calendar/calendar.routes.ts';
import { courseRoutes } from '../courses/courses.routes.ts';
import { candidateRoutes } from './candidates.routes.ts';

/** Every route of the admission pipeline: candidates, courses, alerts and the holiday calendar. */
export function pipelineRoutes(app: FastifyInstance, deps: RouteDeps): void {
  candidateRoutes(app, deps);
  courseRoutes(app, deps);
  alertRoutes(app, deps);
  calendarRoutes(app, deps);
}
