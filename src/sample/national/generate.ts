import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access/actor.ts';
import { assertCan } from '../../server/access/access.ts';
import { resetIdSequences } from '../../server/db/bulk.ts';
import { AppError } from '../../server/lib/errors.ts';
import { parseInput } from '../../server/lib/validation.ts';
import { recordEvent } from '../../server/modules/audit/audit.repository.ts';
import { analyzeDatabase, isEmptyInstallation, withBulkLoadMode } from './bulk-load.ts';
import {
  ENDED_SHARE,
  OPEN_CANDIDATES_PER_MEMBER,
  type NationalRun,
  newRun,
  apportion,
} from './run.ts';
import { writeTree } from './tree.ts';
import { writeMembersOf } from './memberships.ts';
import { writePlans, writeCalendarAndSettings } from './plans.ts';

/**
 * A synthetic national installation for benchmarks (issue 8): the 34 provinces under a top
 * committee `VN`, communes with village, agency and school cells, other grassroots organizations
 * (agencies, schools, hospitals, enterprises, armed forces), units with coverage, and people with
 * ten years of dated history — admissions at the national rate (~150,000 a year at 5.6 million
 * members), probation then recognition, transfers, memberships that ended, dated target groups,
 * candidates in the pipeline with their transitions and due dates, and yearly plans.
 *
 * Everything scales with N except the 34 provinces; exactly N memberships are open on the
 * installation's today. Members admitted before the ten-year window carry one official period
 * from their admission (their probation lies before the system's history), so probationary
 * counts are exact only inside the window. Rows are written in bulk with ids assigned here and
 * the identity sequences moved past them afterwards; memory stays bounded because members are
 * generated cell by cell and flushed in chunks. The rows go through the sample writer
 * (../writer.ts) that the demo uses too, and names come from the same lists (../names.ts).
 */

/** Input of `generate`. */
export const generateInput = z.object({
  members: z.coerce.number().int().min(100).max(20_000_000),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
});

/** What the generator wrote. */
export interface GenerateResult {
  members: number;
  organizations: number;
  provinces: number;
  communes: number;
  cells: number;
  units: number;
  people: number;
  memberships: number;
  memberPeriods: number;
  candidates: number;
  transitions: number;
  admissionsLastYear: number;
  seconds: number;
}

/** The big tables, loaded with their secondary indexes and foreign keys set aside. */
const BULK_TABLES = [
  'people',
  'person_target_groups',
  'memberships',
  'member_periods',
  'candidates',
  'candidate_transitions',
  'candidate_members',
];

/** Creates the synthetic national installation in an empty database. */
export async function generateNational(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
  onProgress: (message: string) => void = () => undefined,
): Promise<GenerateResult> {
  assertCan(actor, 'reorganize');
  const input = parseInput(generateInput, raw);
  if (!(await isEmptyInstallation(ctx.db)))
    throw new AppError('validation', 'Cơ sở dữ liệu đã có dữ liệu; cần một cơ sở dữ liệu trống', [
      { field: 'database', message: 'not empty' },
    ]);
  const started = Date.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const run = newRun(
      trx,
      input.members,
      input.seed,
      ctx.clock.today(),
      ctx.clock.now(),
      onProgress,
    );
    const counts = await withBulkLoadMode(trx, BULK_TABLES, () => generateRows(run));
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'generate.create',
      entity: 'installation',
      after: { seed: input.seed, ...counts },
    });
    return counts;
  });
  onProgress('analyze');
  await analyzeDatabase(ctx.db);
  return { ...result, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

/** The generation of one installation: the tree first, then members cell by cell. */
async function generateRows(run: NationalRun): Promise<Omit<GenerateResult, 'seconds'>> {
  await writeTree(run);
  run.progress(
    `tree: ${run.counters.org} organizations, ${run.cells.length} cells, ${run.counters.unit} units`,
  );
  const members = apportion(
    run.n,
    run.cells.map((c) => c.weight),
  );
  const ended = apportion(
    Math.round(run.n * ENDED_SHARE),
    run.cells.map((c) => c.weight),
  );
  const open = apportion(
    Math.round(run.n * OPEN_CANDIDATES_PER_MEMBER),
    run.cells.map((c) => c.weight),
  );
  run.cells.forEach((cell, i) => {
    cell.members = members[i] ?? 0;
    cell.ended = ended[i] ?? 0;
    cell.openCandidates = open[i] ?? 0;
  });
  let done = 0;
  let reported = 0;
  for (const cell of run.cells) {
    await writeMembersOf(run, cell);
    done += cell.members;
    if (done - reported >= 250_000) {
      reported = done;
      run.progress(`members: ${done} / ${run.n}`);
    }
  }
  await writePlans(run);
  await writeCalendarAndSettings(run);
  await run.writer.flush();
  await resetIdSequences(run.db, ['organizations', 'units', 'people', 'memberships', 'candidates']);
  return {
    members: run.n,
    organizations: run.counters.org,
    provinces: run.provinceIds.length,
    communes: run.communeIds.length,
    cells: run.cells.length,
    units: run.counters.unit,
    people: run.counters.person,
    memberships: run.counters.membership,
    memberPeriods: run.writer.written('member_periods'),
    candidates: run.counters.candidate,
    transitions: run.writer.written('candidate_transitions'),
    admissionsLastYear: run.counters.admissionsLastYear,
  };
}
