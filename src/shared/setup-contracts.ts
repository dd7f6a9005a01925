import { z } from 'zod';
import { password, username } from './account-contracts.ts';
import { code, isoDate, name } from './contracts.ts';
import { ORGANIZATION_LEVEL_LABELS, type OrganizationLevel } from './enums.ts';

/**
 * Levels an installation's top organization may have: a province or city (`top`), a former
 * district (`upper`), a commune, ward or agency committee (`grassroots`), a school or agency cell
 * (`grassroots_cell`). A partial committee and a cell under a committee always have a committee
 * above them, so they cannot be the root.
 */
export const INSTALLATION_LEVELS = ['top', 'upper', 'grassroots', 'grassroots_cell'] as const;
/** A level the top organization may have. */
export type InstallationLevel = (typeof INSTALLATION_LEVELS)[number];

const levelChoices = INSTALLATION_LEVELS.map(
  (level) => `${level} (${ORGANIZATION_LEVEL_LABELS[level as OrganizationLevel]})`,
).join(', ');

/**
 * The first run (`dangvien init`, POST /api/v1/setup): the top organization, the first
 * administrator and the place line of documents ("Điện Biên, ngày … tháng … năm …").
 */
export const setupInput = z.object({
  code,
  name,
  level: z.enum(INSTALLATION_LEVELS, { message: `Cấp phải là một trong: ${levelChoices}` }),
  establishedOn: isoDate,
  place: z.string().trim().max(100, 'Địa danh dài quá 100 ký tự').optional(),
  username,
  displayName: z.string().trim().max(200, 'Họ tên dài quá 200 ký tự').nullable().optional(),
  password,
});
export type SetupInput = z.input<typeof setupInput>;

/** GET /api/v1/setup: whether the installation has its top organization yet (nothing else). */
export const setupStatus = z.object({ initialised: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatus>;

/** What the first run created. */
export const setupResult = z.object({
  organization: z.object({
    code: z.string(),
    name: z.string(),
    level: z.string(),
    establishedOn: z.string(),
  }),
  administrator: z.object({ username: z.string(), displayName: z.string().nullable() }),
  /** The place line of documents, null when the organization's name gives it. */
  place: z.string().nullable(),
});
export type SetupResult = z.infer<typeof setupResult>;
