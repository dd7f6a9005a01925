import type { AppContext } from '../../src/server/context.ts';
import type { Actor } from '../../src/server/access/actor.ts';
import {
  createOrganization,
  createUnit,
} from '../../src/server/modules/organizations/organizations.service.ts';
import { createPerson } from '../../src/server/modules/people/people.service.ts';
import type { CreateOrganizationInput, CreatePersonInput } from '../../src/shared/contracts.ts';

let sequence = 0;

/** A unique suffix for codes made by the factories. */
export function nextCode(prefix: string): string {
  sequence += 1;
  return `${prefix}${sequence}`;
}

/** Creates an organization with sensible defaults. */
export async function buildOrganization(
  ctx: AppContext,
  actor: Actor,
  overrides: Partial<CreateOrganizationInput> = {},
) {
  return createOrganization(ctx, actor, {
    code: nextCode('ORG'),
    name: 'Chi bộ thử nghiệm',
    kind: 'cell',
    level: 'cell',
    parentCode: null,
    establishedOn: '2010-01-01',
    ...overrides,
  });
}

/** Creates a village unit (optionally covered by an organization). */
export async function buildUnit(
  ctx: AppContext,
  actor: Actor,
  overrides: {
    code?: string;
    organizationCode?: string | null;
    kind?: 'village' | 'school';
    staffCount?: number | null;
  } = {},
) {
  return createUnit(ctx, actor, {
    code: overrides.code ?? nextCode('U'),
    name: 'Bản thử nghiệm',
    kind: overrides.kind ?? 'village',
    validFrom: '2010-01-01',
    organizationCode: overrides.organizationCode ?? null,
    staffCount: overrides.staffCount ?? null,
  });
}

/** Registers a person with sensible defaults. */
export async function buildPerson(
  ctx: AppContext,
  actor: Actor,
  overrides: Partial<CreatePersonInput> & { unitCode: string },
) {
  return createPerson(ctx, actor, {
    fullName: 'Giàng A Páo',
    gender: 'male',
    birthDate: '1990-03-15',
    ethnicity: 'Mông',
    educationLevel: 'upper_secondary',
    targetGroups: [],
    ...overrides,
  });
}

/** Records a membership directly (admitted on a date into a cell), for report and history tests. */
export async function buildMembership(
  ctx: AppContext,
  input: {
    personId: number;
    organizationId: number;
    unitId?: number | null;
    admittedOn: string;
    officialOn?: string | null;
    endedOn?: string;
  },
) {
  const open = '9999-12-31';
  const endedOn = input.endedOn ?? open;
  const { id } = await ctx.db
    .insertInto('memberships')
    .values({
      personId: input.personId,
      candidateId: null,
      admittedOn: input.admittedOn,
      admissionDecisionNo: null,
      officialOn: input.officialOn ?? null,
      officialDecisionNo: null,
      endedOn,
      endReason: input.endedOn ? 'died' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const base = {
    membershipId: id,
    personId: input.personId,
    organizationId: input.organizationId,
    unitId: input.unitId ?? null,
  };
  if (input.officialOn) {
    await ctx.db
      .insertInto('memberPeriods')
      .values([
        {
          ...base,
          status: 'probationary',
          startReason: 'admitted',
          endReason: 'recognized',
          validFrom: input.admittedOn,
          validTo: input.officialOn,
        },
        {
          ...base,
          status: 'official',
          startReason: 'recognized',
          endReason: null,
          validFrom: input.officialOn,
          validTo: endedOn,
        },
      ])
      .execute();
  } else {
    await ctx.db
      .insertInto('memberPeriods')
      .values({
        ...base,
        status: 'probationary',
        startReason: 'admitted',
        endReason: null,
        validFrom: input.admittedOn,
        validTo: endedOn,
      })
      .execute();
  }
  return id;
}
