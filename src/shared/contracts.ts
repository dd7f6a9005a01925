import { z } from 'zod';
import {
  EDUCATION_LEVELS,
  GENDERS,
  ORGANIZATION_KINDS,
  ORGANIZATION_LEVELS,
  SECTORS,
  TARGET_GROUPS,
  UNIT_KINDS,
} from './enums.ts';
import { isIsoDate } from './dates.ts';

/**
 * Zod's own messages (where a schema gives none: an enum's value, a type) in Vietnamese, like
 * every message written here: a refusal names the field and says what is wrong in the UI's
 * language. Set once, for the server, the CLI and the web app, by the contracts they all load.
 */
z.config(z.locales.vi());

/** An ISO calendar date 'YYYY-MM-DD' that exists. */
export const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)' });

/** An organization or unit code: letters, digits, dot, dash, underscore. */
export const code = z
  .string()
  .trim()
  .min(1, 'Mã không được để trống')
  .max(40, 'Mã dài quá 40 ký tự')
  .regex(/^[A-Za-z0-9._-]+$/, 'Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới');

/** A name as typed: non-empty after trimming, bounded. */
export const name = z.string().trim().min(1, 'Không được để trống').max(200, 'Dài quá 200 ký tự');

/** Creating one organization under a parent from a date. */
export const createOrganizationInput = z.object({
  code,
  name,
  kind: z.enum(ORGANIZATION_KINDS),
  level: z.enum(ORGANIZATION_LEVELS),
  parentCode: code.nullable(),
  sector: z.enum(SECTORS).nullable().default(null),
  combined: z.boolean().default(false),
  decidesAdmissions: z.boolean().default(false),
  educationException: z.boolean().default(false),
  hasYouthUnion: z.boolean().default(true),
  establishedOn: isoDate,
  unitCodes: z.array(code).default([]),
});
export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;

/** One step of a reorganization; all steps of one operation share its date. */
export const reorganizationStep = z.discriminatedUnion('op', [
  createOrganizationInput.omit({ establishedOn: true }).extend({ op: z.literal('create') }),
  z.object({ op: z.literal('move'), code, toParentCode: code }),
  z.object({ op: z.literal('merge'), codes: z.array(code).min(1), intoCode: code }),
  z.object({
    op: z.literal('split'),
    code,
    into: z
      .array(
        z.object({
          code,
          childCodes: z.array(code).default([]),
          unitCodes: z.array(code).default([]),
        }),
      )
      .min(2, 'Chia tách cần ít nhất hai tổ chức mới'),
  }),
  z.object({ op: z.literal('dissolve'), code }),
  z.object({ op: z.literal('rename'), code, name }),
]);
export type ReorganizationStep = z.input<typeof reorganizationStep>;

/** A reorganization: dated, with the decision that ordered it, performed as one operation. */
export const reorganizationInput = z.object({
  on: isoDate,
  decisionNo: z.string().trim().max(100).optional(),
  reason: z.string().trim().min(1, 'Cần ghi lý do').max(1000),
  steps: z.array(reorganizationStep).min(1, 'Cần ít nhất một bước'),
});
export type ReorganizationInput = z.input<typeof reorganizationInput>;

/** Creating a unit (village, school, agency…), optionally covered by an organization. */
export const createUnitInput = z.object({
  code,
  name,
  kind: z.enum(UNIT_KINDS),
  communeCode: code.nullable().default(null),
  sector: z.enum(SECTORS).nullable().default(null),
  staffCount: z.number().int().min(0).nullable().default(null),
  validFrom: isoDate,
  organizationCode: code.nullable().default(null),
});
export type CreateUnitInput = z.input<typeof createUnitInput>;

/** A target group from a date, or (compatibility) the bare group meaning "from the registration date". */
export const datedTargetGroup = z.union([
  z.enum(TARGET_GROUPS),
  z.object({ group: z.enum(TARGET_GROUPS), from: isoDate }),
]);

/** A person's fields as registration, correction and the duplicate check read them. */
const gender = z.enum(GENDERS, { message: 'Giới tính phải là male hoặc female' });
const ethnicity = z.string().trim().min(1, 'Cần ghi dân tộc').max(50);
/** The 12-digit personal identification number (số định danh cá nhân), or null. */
export const nationalId = z
  .string()
  .trim()
  .regex(/^\d{12}$/, 'Số định danh cá nhân phải gồm đúng 12 chữ số')
  .nullable();
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+ .-]{8,15}$/, 'Số điện thoại không hợp lệ')
  .nullable();

/** Registering a person (SPEC §9). */
export const createPersonInput = z.object({
  fullName: name,
  gender,
  birthDate: isoDate,
  ethnicity,
  religion: z.string().trim().max(50).nullable().default(null),
  nationalId: nationalId.optional(),
  phone: phone.optional(),
  address: z.string().trim().max(300).nullable().optional(),
  unitCode: code,
  educationLevel: z.enum(EDUCATION_LEVELS),
  politicalTheory: z.string().trim().max(50).nullable().optional(),
  occupation: z.string().trim().max(100).nullable().optional(),
  /** The unit since this date (default: the birth date, "always lived here"). */
  unitFrom: isoDate.optional(),
  /** Target groups, each from a date (`'youth_union'` alone means from the registration date). */
  targetGroups: z.array(datedTargetGroup).default([]),
});
export type CreatePersonInput = z.input<typeof createPersonInput>;

/** The changeable facts of a person, as a correction or a change from a date names them. */
const personFactFields = {
  /** A unit of the caller's scope (village, school, agency). */
  unitCode: code.optional(),
  educationLevel: z.enum(EDUCATION_LEVELS).optional(),
  professionalLevel: z.string().trim().max(50).nullable().optional(),
  politicalTheory: z.string().trim().max(50).nullable().optional(),
  occupation: z.string().trim().max(100).nullable().optional(),
};

/**
 * Correcting or changing a person (`PATCH /api/v1/people/{id}`). `correction` rewrites values that
 * were recorded wrong (a typo, a wrong birth date; a fact's current period too), audited with
 * before, after and the mandatory reason. `change` records what happened from a date (moved to
 * another village, education obtained, joined or left a target group): the open period closes on
 * `on` and a new one opens. Both may come together (the correction is applied first). `version`
 * is the person's version as read; a stale one answers 409.
 */
export const updatePersonInput = z.object({
  version: z.number().int().min(0),
  correction: z
    .object({
      fullName: name.optional(),
      gender: gender.optional(),
      birthDate: isoDate.optional(),
      ethnicity: ethnicity.optional(),
      religion: z.string().trim().max(50).nullable().optional(),
      nationalId: nationalId.optional(),
      phone: phone.optional(),
      address: z.string().trim().max(300).nullable().optional(),
      ...personFactFields,
      /** The from-date of a target group was recorded wrong (its latest period starts then). */
      targetGroupDates: z
        .array(z.object({ group: z.enum(TARGET_GROUPS), from: isoDate }))
        .optional(),
      reason: z.string().trim().min(1, 'Cần ghi lý do đính chính').max(1000),
    })
    .optional(),
  change: z
    .object({
      /** The day the change took effect (not after today). */
      on: isoDate,
      ...personFactFields,
      joinTargetGroups: z.array(z.enum(TARGET_GROUPS)).default([]),
      leaveTargetGroups: z.array(z.enum(TARGET_GROUPS)).default([]),
      reason: z.string().trim().max(1000).nullable().optional(),
    })
    .optional(),
});
export type UpdatePersonInput = z.input<typeof updatePersonInput>;

/** Query of the reports (SPEC §9): the same for the CLI and the HTTP API. */
export const reportQuery = z.object({
  org: code.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  year: z.coerce.number().int().min(1930).max(2100).optional(),
  asOf: isoDate.optional(),
  sector: z.enum(SECTORS).optional(),
});
export type ReportQuery = z.input<typeof reportQuery>;
