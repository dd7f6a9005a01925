/**
 * The demo's living pipeline (SPEC §6, issue 4): as of today, candidates at every stage in the
 * cells of the new commune committees (X-*), some overdue (decision, ceremony, recognition), some
 * certificates expiring, some idle; then the due dates of every candidate, including the ones the
 * generator wrote for earlier admissions, are computed with the installation's calendar.
 *
 * It writes rows directly (like the generator) rather than replaying transitions through the
 * service, so that it can back-date histories; the histories obey the rules' order and dates.
 * Every admission it makes is after 2025-07-01 and before today, so the article's figures do not
 * move.
 */
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access/actor.ts';
import type { Db } from '../../server/db/database.ts';
import { AppError } from '../../server/lib/errors.ts';
import { addDays, addYears, weekday } from '../../shared/dates.ts';
import { foldText, nameSortKey, normalizeText } from '../../shared/text.ts';
import { recordEvent } from '../../server/modules/audit/audit.repository.ts';
import { insertPerson } from '../../server/modules/people/people.repository.ts';
import {
  findOrganizationByCode,
  subtreeAsOf,
} from '../../server/modules/organizations/organizations.repository.ts';
import { parentOn } from '../../server/modules/organizations/tree.repository.ts';
import { NAME_PARTS, pickName } from '../names.ts';
import { Random } from '../random.ts';
import type { Stage } from '../../server/modules/candidates/candidates.rules.ts';
import { admitMember } from '../../server/modules/membership/membership.ledger.ts';
import {
  insertCandidate,
  insertTransition,
  linkCandidateMembers,
  officialMembersOfCell,
} from '../../server/modules/candidates/candidates.repository.ts';
import { insertRequest, saveDocuments } from '../../server/modules/dossier/dossier.repository.ts';
import { recomputeDueDates } from '../../server/modules/candidates/candidates.service.ts';

/** How the pipeline's candidates were seeded (for the demo's summary). */
export interface DemoPipelineResult {
  candidates: number;
  admitted: number;
  dueDatesSet: number;
}

/** One seeded dossier: its last stage and how many days ago it reached it. */
interface Plan {
  stage: Stage;
  daysAgo: number;
  /** Certificate issued this many days ago (else shortly before `trained`). */
  certificateDaysAgo?: number;
  needsCommitteeReview?: boolean;
}

// Days ago are calendar days; with 60 working days ≈ 84 calendar days (more over Tết), 150 days
// is surely past the decision limit and 70 past the 30-working-day ceremony limit.
const PLANS: Plan[] = [
  { stage: 'source', daysAgo: 12 },
  { stage: 'source', daysAgo: 40 },
  { stage: 'source', daysAgo: 250 },
  { stage: 'fostering', daysAgo: 30 },
  { stage: 'fostering', daysAgo: 95 },
  { stage: 'fostering', daysAgo: 230 },
  { stage: 'trained', daysAgo: 20 },
  { stage: 'trained', daysAgo: 60 },
  { stage: 'trained', daysAgo: 400, certificateDaysAgo: 5 * 365 - 40 },
  { stage: 'trained', daysAgo: 600, certificateDaysAgo: 5 * 365 + 15 },
  { stage: 'dossier', daysAgo: 15 },
  { stage: 'dossier', daysAgo: 45, certificateDaysAgo: 5 * 365 - 60 },
  { stage: 'cell_voted', daysAgo: 10 },
  { stage: 'cell_voted', daysAgo: 150 },
  { stage: 'cell_voted', daysAgo: 20, needsCommitteeReview: true },
  { stage: 'committee_reviewed', daysAgo: 8, needsCommitteeReview: true },
  { stage: 'committee_reviewed', daysAgo: 120, needsCommitteeReview: true },
  { stage: 'decided', daysAgo: 9 },
  { stage: 'decided', daysAgo: 70 },
  { stage: 'admitted', daysAgo: 40 },
  { stage: 'admitted', daysAgo: 355 },
  { stage: 'admitted', daysAgo: 430 },
  { stage: 'probation_review', daysAgo: 6 },
  { stage: 'probation_review', daysAgo: 90 },
];

const ORDER: Stage[] = [
  'source',
  'fostering',
  'trained',
  'dossier',
  'cell_voted',
  'committee_reviewed',
  'decided',
  'admitted',
  'probation_review',
];

/** A weekday on or before `date`. */
function weekdayOnOrBefore(date: string): string {
  let d = date;
  while ([0, 6].includes(weekday(d))) d = addDays(d, -1);
  return d;
}

interface CellChoice {
  id: number;
  code: string;
  committeeReview: boolean;
}

async function candidateCells(db: Db, today: string): Promise<CellChoice[]> {
  const cells: CellChoice[] = [];
  for (const code of ['X-DBD', 'X-NS', 'X-XD', 'X-PUN', 'X-ML', 'X-PG']) {
    const root = await findOrganizationByCode(db, code);
    if (!root) continue;
    for (const node of await subtreeAsOf(db, root.id, today)) {
      if (node.kind !== 'cell' || node.combined) continue;
      const parent = await parentOn(db, node.id, today);
      cells.push({
        id: node.id,
        code: node.code,
        committeeReview:
          parent !== null && parent.kind === 'committee' && !parent.decidesAdmissions,
      });
    }
  }
  return cells;
}

/** Seeds the living pipeline and computes every candidate's due date. */
export async function seedDemoPipeline(
  ctx: AppContext,
  actor: Actor,
  seed = 2026,
): Promise<DemoPipelineResult> {
  const random = new Random(seed);
  const today = ctx.clock.today();
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const cells = await candidateCells(trx, today);
    const plain = cells.filter((c) => !c.committeeReview);
    const reviewed = cells.filter((c) => c.committeeReview);
    let admitted = 0;
    let created = 0;
    for (const [index, plan] of PLANS.entries()) {
      const pool = plan.needsCommitteeReview ? reviewed : plain;
      const cell = pool[(index * 7) % Math.max(1, pool.length)];
      if (!cell) continue;
      const seeded = await seedDossier(trx, { random, today, now }, index, plan, cell);
      created += 1;
      if (seeded.admitted) admitted += 1;
    }
    const dueDatesSet = await recomputeDueDates(trx);
    await recordEvent(trx, actor, now, {
      action: 'demo.pipeline',
      entity: 'installation',
      after: { candidates: created, admitted, dueDatesSet },
    });
    return { candidates: created, admitted, dueDatesSet };
  });
}

/** The random numbers and the clock of one seeding. */
interface Seeding {
  random: Random;
  today: string;
  now: string;
}

/** One dossier: the person, the candidate, its helper and introducers, its history, its admission. */
async function seedDossier(
  trx: Db,
  seeding: Seeding,
  index: number,
  plan: Plan,
  cell: CellChoice,
): Promise<{ admitted: boolean }> {
  const { random, today, now } = seeding;
  const unit = await trx
    .selectFrom('unitCoverage')
    .select('unitId')
    .where('organizationId', '=', cell.id)
    .where('validFrom', '<=', today)
    .where('validTo', '>', today)
    .executeTakeFirst();
  const unitId = unit?.unitId ?? null;
  const stages = ORDER.slice(0, ORDER.indexOf(plan.stage) + 1).filter(
    (s) => s !== 'committee_reviewed' || cell.committeeReview,
  );
  const dates = stageDates(random, plan, stages, today);
  const identifiedOn = dates.source ?? today;
  const personId = await seedPerson(trx, seeding, identifiedOn, unitId);
  const last = stages[stages.length - 1] ?? 'source';
  const certificateOn = dates.trained ?? null;
  const candidateId = await insertCandidate(trx, {
    personId,
    organizationId: cell.id,
    stage: last,
    stageOn: dates[last] ?? identifiedOn,
    identifiedOn,
    fosteringOn: dates.fostering ?? null,
    closedOn: dates.admitted ?? '9999-12-31',
    certificateNumber: certificateOn
      ? `${certificateOn.slice(0, 4)}/GCN-TTCT-X${candidateId0(index)}`
      : null,
    certificateIssuedOn: certificateOn,
    certificateIssuer: certificateOn ? 'Trung tâm Chính trị huyện Điện Biên Đông' : null,
    backgroundCheckedOn: dates.dossier ?? null,
    createdAt: now,
    updatedAt: now,
  });
  const introducerIds = await linkMembers(trx, candidateId, cell.id, identifiedOn, dates, today);
  await writeHistory(trx, seeding, { candidateId, index, stages, dates, introducerIds });
  if (!dates.admitted) return { admitted: false };
  await admitMember(trx, {
    personId,
    candidateId,
    admittedOn: dates.admitted,
    decisionNo: `${random.int(100, 999)}-QĐ/ĐU`,
    organizationId: cell.id,
    unitId,
  });
  return { admitted: true };
}

/**
 * Dates backwards from the last stage, each stage 15–60 days before the next (fostering 60–120
 * days before training, probation a year); a back-dated certificate moves the earlier stages too.
 */
function stageDates(
  random: Random,
  plan: Plan,
  stages: readonly Stage[],
  today: string,
): Partial<Record<Stage, string>> {
  const dates: Partial<Record<Stage, string>> = {};
  let on = weekdayOnOrBefore(addDays(today, -plan.daysAgo));
  for (const stage of [...stages].reverse()) {
    dates[stage] = on;
    const gap =
      stage === 'probation_review'
        ? 365 + random.int(3, 10)
        : stage === 'trained'
          ? random.int(60, 120)
          : random.int(15, 60);
    on = weekdayOnOrBefore(addDays(on, -gap));
  }
  if (plan.certificateDaysAgo !== undefined) {
    const issued = weekdayOnOrBefore(addDays(today, -plan.certificateDaysAgo));
    if (dates.trained && dates.trained > issued) dates.trained = issued;
    if (dates.fostering && dates.trained && dates.fostering >= dates.trained)
      dates.fostering = weekdayOnOrBefore(addDays(dates.trained, -90));
    if (dates.source && dates.fostering && dates.source >= dates.fostering)
      dates.source = weekdayOnOrBefore(addDays(dates.fostering, -60));
  }
  return dates;
}

/** A Mông candidate of the commune, registered through the people repository. */
async function seedPerson(
  trx: Db,
  { random, now }: Seeding,
  identifiedOn: string,
  unitId: number | null,
): Promise<number> {
  const female = random.chance(0.45);
  const parts = NAME_PARTS.Mông;
  if (!parts) throw new AppError('internal', 'name parts missing');
  const fullName = normalizeText(pickName(random, parts, female));
  const birthDate = addDays(addYears(identifiedOn, -random.int(20, 40)), -random.int(0, 300));
  return insertPerson(
    trx,
    {
      fullName,
      nameFolded: foldText(fullName),
      nameSort: nameSortKey(fullName),
      gender: female ? 'female' : 'male',
      birthDate,
      ethnicity: 'Mông',
      religion: null,
      nationalId: null,
      phone: null,
      address: null,
      unitId,
      educationLevel: random.pick(['lower_secondary', 'upper_secondary']),
      professionalLevel: null,
      politicalTheory: null,
      occupation: 'Nông dân',
      mergedIntoId: null,
      createdAt: now,
      updatedAt: now,
    },
    ['ethnic_minority', ...(female ? ['woman'] : [])].map((group) => ({
      group,
      from: addYears(identifiedOn, -1),
    })),
    birthDate,
  );
}

/**
 * The cell's first official member helps the candidate; from the dossier on, two official
 * members introduce them and the dossier's documents are in. Returns the introducers'
 * membership ids.
 */
async function linkMembers(
  trx: Db,
  candidateId: number,
  cellId: number,
  identifiedOn: string,
  dates: Partial<Record<Stage, string>>,
  today: string,
): Promise<number[]> {
  const helpers = await officialMembersOfCell(
    trx,
    cellId,
    identifiedOn,
    addYears(identifiedOn, -1),
  );
  await linkCandidateMembers(
    trx,
    candidateId,
    helpers.slice(0, 1).map((h) => h.personId),
    'helper',
    identifiedOn,
  );
  if (!dates.dossier) {
    // A trained candidate preparing the dossier has asked the relatives' commune to verify the
    // background: unanswered, so the older ones are overdue (an alert and a to-do item).
    if (dates.trained) {
      const sentOn = weekdayOnOrBefore(
        addDays(dates.trained, 20) < today ? addDays(dates.trained, 20) : today,
      );
      await insertRequest(trx, {
        candidateId,
        kind: 'background_verification',
        sentTo: 'Đảng ủy xã nơi gia đình cư trú',
        sentToOrganizationId: null,
        sentOn,
        dueOn: addDays(sentOn, 30),
        note: null,
        createdAt: `${sentOn}T08:00:00.000Z`,
        createdBy: 'demo',
      });
    }
    return [];
  }
  const introducers = await officialMembersOfCell(
    trx,
    cellId,
    dates.dossier,
    addYears(dates.dossier, -1),
  );
  await linkCandidateMembers(
    trx,
    candidateId,
    introducers.slice(0, 2).map((m) => m.personId),
    'introducer',
    dates.dossier,
  );
  await saveDocuments(
    trx,
    candidateId,
    [
      'application',
      'biography',
      'background_verification',
      'member_introduction',
      'mass_organization_comments',
      'residence_cell_comments',
    ].map((kind) => ({ kind, receivedOn: dates.dossier ?? today })),
  );
  return introducers.slice(0, 2).map((m) => m.membershipId);
}

/** The candidate's transitions, each with the details the service would have recorded. */
async function writeHistory(
  trx: Db,
  { random, today, now }: Seeding,
  dossier: {
    candidateId: number;
    index: number;
    stages: readonly Stage[];
    dates: Partial<Record<Stage, string>>;
    introducerIds: number[];
  },
): Promise<void> {
  let from: string | null = null;
  const officialMembers = random.int(9, 25);
  for (const stage of dossier.stages) {
    const stageOn = dossier.dates[stage] ?? today;
    const details: Record<string, unknown> = {};
    if (stage === 'trained')
      details.certificate = {
        number: `GCN-X${dossier.index}`,
        issuedOn: stageOn,
        issuer: 'Trung tâm Chính trị huyện Điện Biên Đông',
      };
    if (stage === 'dossier')
      Object.assign(details, {
        introducerMemberIds: dossier.introducerIds,
        backgroundCheckedOn: stageOn,
      });
    if (stage === 'cell_voted' || stage === 'probation_review')
      details.vote = {
        officialMembers,
        present: officialMembers - 1,
        inFavour: officialMembers - 1,
        resolutionNo: `${random.int(1, 30)}-NQ/CB`,
      };
    if (stage === 'committee_reviewed')
      details.vote = { members: 9, inFavour: 8, resolutionNo: `${random.int(1, 60)}-NQ/ĐU` };
    if (stage === 'decided')
      details.decision = { number: `${random.int(100, 999)}-QĐ/ĐU`, on: stageOn };
    await insertTransition(trx, {
      candidateId: dossier.candidateId,
      fromStage: from,
      toStage: stage,
      on: stageOn,
      actor: 'demo',
      details: Object.keys(details).length > 0 ? JSON.stringify(details) : null,
      recordedAt: now,
    });
    from = stage;
  }
}

function candidateId0(index: number): string {
  return String(index + 1).padStart(3, '0');
}
