/**
 * Answers of the organization routes (the dated tree, one organization, units) as zod schemas
 * and their inferred types: the routes' `response`, the web app's types.
 */
import { z } from 'zod';
import { ORGANIZATION_KINDS } from './enums.ts';

/** One node of the organization tree as it stood on a date. */
export const organizationNode = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  /** One of ORGANIZATION_LEVELS, stored as text (narrow with `isOrganizationLevel`). */
  level: z.string(),
  parentCode: z.string().nullable(),
  /** One of SECTORS, stored as text (narrow with `isSector`); null where none applies. */
  sector: z.string().nullable(),
  combined: z.boolean(),
  depth: z.number(),
  decidesAdmissions: z.boolean(),
});
export type OrganizationNode = z.infer<typeof organizationNode>;

/** GET /organizations: the caller's subtree on a date, parents before children. */
export const organizationTreeAnswer = z.object({ items: z.array(organizationNode) });

/** POST /organizations: the organization created. */
export const organizationCreated = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  level: z.string(),
  sector: z.string().nullable(),
  combined: z.boolean(),
  decidesAdmissions: z.boolean(),
  educationException: z.boolean(),
  hasYouthUnion: z.boolean(),
  establishedOn: z.string(),
  dissolvedOn: z.string().nullable(),
});

/** One unit of the caller's scope (GET /units). */
export const unitItem = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  staffCount: z.number().nullable(),
  organizationCode: z.string(),
  organizationName: z.string(),
});
export type UnitItem = z.infer<typeof unitItem>;

/** GET /units. */
export const unitsAnswer = z.object({ items: z.array(unitItem) });
