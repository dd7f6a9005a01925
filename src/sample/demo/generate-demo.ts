import type { Actor } from '../../server/access/actor.ts';
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../server/db/database.ts';
import { resetIdSequences } from '../../server/db/bulk.ts';
import { AppError } from '../../server/lib/errors.ts';
import { recordEvent } from '../../server/modules/audit/audit.repository.ts';
import { hasAnyOrganization } from '../../server/modules/organizations/organizations.repository.ts';
import { Random } from '../random.ts';
import { SampleWriter } from '../writer.ts';
import { placeMemberships } from './placement.ts';
import { planMemberships } from './memberships.ts';
import { writeMembers } from './people.ts';
import { seedDemoPipeline } from './pipeline.ts';
import { NEW_COMMUNES } from './places.ts';
import { writePlans, writeResolution } from './plans.ts';
import { reorganizeIn2025 } from './reorganization.ts';
import { seedDemoReports } from './reports.ts';
import { writeTree } from './tree.ts';

/**
 * The demo installation "Điện Biên Đông 2016–2018" (SPEC §6). The generator writes events, never
 * answers: the article's figures (figures.ts) come out of the report queries because the
 * histories were generated to the article's totals (2,805 members on 2016-09-30, 160 admissions
 * in 2017, 3,040 members on 2017-12-31, 605 members in 56 + 1 education cells over 1,820 staff,
 * every village with a member at the end of 2017).
 *
 * In order: the tree as it stood before 2025 (tree.ts), the memberships planned as dated events
 * (memberships.ts), placed in cells (placement.ts), written with their people and candidacies
 * (people.ts), the plans and the resolution (plans.ts) — all in one transaction through the
 * sample writer — then the 2025 reorganization (reorganization.ts), the living pipeline of today
 * (pipeline.ts) and the report data beyond the article (reports.ts) through the services.
 */

/** What the demo created, for the CLI to print. */
export interface DemoResult {
  organizations: number;
  units: number;
  people: number;
  memberships: number;
  candidates: number;
}

/** Creates the demo installation in an empty database. */
export async function generateDemo(
  ctx: AppContext,
  actor: Actor,
  seed = 2018,
): Promise<DemoResult> {
  if (await hasAnyOrganization(ctx.db))
    throw new AppError(
      'validation',
      'Cơ sở dữ liệu đã có dữ liệu; bản demo cần một cơ sở dữ liệu trống',
      [{ field: 'database', message: 'not empty' }],
    );
  const result = await ctx.db
    .transaction()
    .execute((trx) => writeHistory(trx, actor, seed, ctx.clock.today(), ctx.clock.now()));
  await reorganizeIn2025(ctx, actor);
  await seedDemoPipeline(ctx, actor);
  await seedDemoReports(ctx, actor);
  return { ...result, organizations: result.organizations + NEW_COMMUNES.length };
}

/** The installation's history up to today, before the 2025 reorganization is applied. */
async function writeHistory(
  trx: Db,
  actor: Actor,
  seed: number,
  today: string,
  now: string,
): Promise<DemoResult> {
  const random = new Random(seed);
  const writer = new SampleWriter(trx);
  const tree = await writeTree(writer, random, now);
  const plan = planMemberships(random, today);
  placeMemberships(random, plan, tree);
  const members = await writeMembers(writer, random, plan.all, today, now);
  await writePlans(writer, tree);
  await writer.holidayCalendar();
  await writer.flush();
  await resetIdSequences(trx, [
    'organizations',
    'units',
    'people',
    'memberships',
    'candidates',
    'member_periods',
    'candidate_transitions',
  ]);
  await writeResolution(trx, tree.district);
  await trx
    .insertInto('settings')
    .values([
      { key: 'installation.name', value: 'Điện Biên Đông 2016–2018 (demo)' },
      { key: 'pipeline.idleMonths', value: '6' },
    ])
    .execute();
  await recordEvent(trx, actor, now, {
    action: 'demo.create',
    entity: 'installation',
    after: { seed, organizations: tree.organizations, people: members.people },
  });
  return {
    organizations: tree.organizations,
    units: tree.units,
    people: members.people,
    memberships: members.memberships,
    candidates: members.candidates,
  };
}
