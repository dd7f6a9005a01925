import type { Actor } from '../../access/actor.ts';
import type { AppContext } from '../../context.ts';
import { holdLock } from '../../db/locks.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { formatDate } from '../../../shared/dates.ts';
import {
  setupInput,
  type SetupInput,
  type SetupResult,
  type SetupStatus,
} from '../../../shared/setup-contracts.ts';
import {
  assertStrongPassword,
  hashPassword,
  insertUserWithGrant,
} from '../accounts/accounts.service.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { hasAnyOrganization } from '../organizations/organizations.repository.ts';
import { createOrganizationIn } from '../organizations/organizations.service.ts';
import { setSettingIfMissing } from '../reports/progress.repository.ts';

/** The setting documents and reports read their place line from (reports.export.ts `placeOf`). */
export const PLACE_SETTING = 'report.place';

/** The refusal of a second first run. */
export const alreadyInitialised = () =>
  new AppError(
    'setup.already_initialised',
    'Hệ thống đã được khởi tạo (đã có tổ chức đảng cấp cao nhất); không khởi tạo lại. Hãy đăng nhập bằng tài khoản quản trị.',
    [],
    { messageEn: 'The installation is already initialised; sign in as its administrator' },
  );

/** Whether the installation has its top organization yet. */
export async function setupStatus(ctx: AppContext): Promise<SetupStatus> {
  return { initialised: await hasAnyOrganization(ctx.db) };
}

/**
 * The first run of an empty installation (`dangvien init`, POST /api/v1/setup): in one
 * transaction, under the `setup` lock, the top organization (root of the tree from its date), the
 * first administrator with an `admin` grant over it, and the place line of documents. Refused
 * with `setup.already_initialised` as soon as any organization exists, also when two first runs
 * race: the second waits for the lock, then sees the first one's organization and writes nothing.
 * `actor` acts over the whole installation (the CLI, or the anonymous first-run screen).
 */
export async function initialise(
  ctx: AppContext,
  actor: Actor,
  raw: SetupInput,
): Promise<SetupResult> {
  const input = parseInput(setupInput, raw);
  if (await hasAnyOrganization(ctx.db)) throw alreadyInitialised();
  const today = ctx.clock.today();
  if (input.establishedOn > today)
    throw new AppError('validation', 'Ngày thành lập không được sau hôm nay', [
      {
        field: 'establishedOn',
        message: `Ngày thành lập ${formatDate(input.establishedOn)} sau hôm nay (${formatDate(today)}); người quản trị chưa thể làm việc với tổ chức chưa thành lập`,
      },
    ]);
  assertStrongPassword(input.password, input.username, 'password');
  const passwordHash = await hashPassword(input.password);
  const place = input.place ? input.place : null;
  const kind = input.level === 'grassroots_cell' ? 'cell' : 'committee';
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await holdLock(trx, 'setup', actor.username, now);
    if (await hasAnyOrganization(trx)) throw alreadyInitialised();
    const organization = await createOrganizationIn(trx, ctx, actor, {
      code: input.code,
      name: input.name,
      kind,
      level: input.level,
      parentCode: null,
      sector: null,
      combined: false,
      // Nobody above the top organization in this installation: a committee decides admissions.
      decidesAdmissions: kind === 'committee',
      educationException: false,
      hasYouthUnion: true,
      unitCodes: [],
      on: input.establishedOn,
    });
    await recordEvent(trx, actor, now, {
      action: 'organization.create',
      entity: 'organization',
      entityId: organization.id,
      organizationId: organization.id,
      effectiveOn: input.establishedOn,
      after: organization,
    });
    const administrator = await insertUserWithGrant(trx, ctx, actor, {
      username: input.username,
      displayName: input.displayName ?? null,
      passwordHash,
      role: 'admin',
      organizationId: organization.id,
    });
    if (place) await setSettingIfMissing(trx, PLACE_SETTING, place);
    await recordEvent(trx, actor, now, {
      action: 'installation.init',
      entity: 'installation',
      organizationId: organization.id,
      effectiveOn: input.establishedOn,
      after: {
        organizationCode: organization.code,
        administrator: administrator.username,
        place,
      },
    });
    return {
      organization: {
        code: organization.code,
        name: organization.name,
        level: organization.level,
        establishedOn: organization.establishedOn,
      },
      administrator: {
        username: administrator.username,
        displayName: administrator.displayName,
      },
      place,
    };
  });
}
