/**
 * Use cases of the admission pipeline (SPEC §3, §9): register a candidate, read a dossier with the
 * checks of its next steps, list candidates, and record a transition. The rules are the pure
 * functions of candidates.rules.ts; this module gathers their facts from the database and writes
 * what they allow, each change in one transaction with an audit event.
 *
 * Decisions worth knowing:
 * - Helpers and introducers are given as membership ids (the `id` of `GET /members`).
 * - "Together in the same grassroots unit since" is approximated by the earliest start of the
 *   introducer's member periods in organizations that, on the introduction day, lie under the
 *   candidate's grassroots organization (nearest ancestor of level grassroots or grassroots_cell).
 *   Working or living together outside the Party is not recorded, so it is not counted.
 * - Committee review applies when the cell's parent on the day is a committee that does not
 *   decide admissions.
 * - A vote below its threshold, sent as a normal transition, is refused with 422 like any blocking
 *   rule and writes nothing. Sent with `outcome: "failed"`, it is recorded: a transition row with
 *   outcome 'failed' (the stage does not change), `failed_votes` + 1 and an audit event; the count
 *   of failed votes at that stage feeds the escalation rule.
 */
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import type { Db } from '../../db/database.ts';
import {
  assertCan,
  assertOrganizationInScope,
  can,
  resolveScopedOrganization,
} from '../../access/access.ts';
import { AppError, notFound, type FieldError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import {
  candidateListQuery,
  createCandidateInput,
  DOCUMENT_KINDS,
  DOCUMENT_LABELS,
  PIPELINE_STATE_LABELS,
  transitionInput,
  type CreateCandidateInput,
  type PipelineStateName,
  type TransitionInput,
} from '../../../shared/pipeline.ts';
import type { z } from 'zod';
import { recordEvent } from '../audit/audit.repository.ts';
import { recordRead } from '../audit/audit.service.ts';
import { findOrganizationById } from '../organizations/organizations.repository.ts';
import { parentOn } from '../organizations/tree.repository.ts';
import { workingDayCalendar } from '../calendar/calendar.service.ts';
import { listDocuments, requestsOfKind, saveDocuments } from '../dossier/dossier.repository.ts';
import { backgroundFromRequests } from '../dossier/dossier.service.ts';
import {
  checkTransition,
  committeeReviewApplies as reviewApplies,
  deadlinesAfter,
  nextStages,
  officialFrom,
  OFF_RAMPS,
  RULE_CODES,
  STAGES,
  type Check,
  type IntroducerFacts,
  type PipelineState,
  type ReadmissionFacts,
  type Stage,
  type TransitionContext,
  type WorkingDayCalendarLike,
} from './candidates.rules.ts';
import {
  EDUCATION_ORDER,
  ruleSetOn,
  type AreaKind,
  type EducationCase,
  type EducationLevel,
  type ExitGround,
  type Over60Ground,
} from './rule-versions.ts';
import { areaKindsOn } from '../organizations/unit-areas.repository.ts';
import { nextDue, stageDatesFrom } from './candidates.due.ts';
import {
  candidatesNeedingDue,
  findCandidate,
  findMemberships,
  grassrootsOf,
  insertCandidate,
  insertTransition,
  linkCandidateMembers,
  listCandidateMembers,
  listCandidatesIn,
  listTransitions,
  memberInSubtreeSince,
  personPlacedInSubtreeSince,
  membershipOfCandidate,
  membershipsOfPerson,
  memberStatusOn,
  openCandidaciesOfPerson,
  personFacts,
  setCandidateDue,
  updateCandidateAtVersion,
  type CandidateRow,
  type TransitionRow,
} from './candidates.repository.ts';
import {
  admitMember,
  endMembership,
  recognizeMembership,
} from '../membership/membership.ledger.ts';

const OPEN = '9999-12-31';
const VOTE_STAGES: ReadonlySet<string> = new Set([
  'cell_voted',
  'committee_reviewed',
  'probation_review',
]);
const THRESHOLD_RULES: ReadonlySet<string> = new Set([
  RULE_CODES.cellVoteThreshold,
  RULE_CODES.committeeVoteThreshold,
]);

/** Parsed body of a transition. */
export type Transition = z.output<typeof transitionInput>;

/** Registers a candidate at stage `source` with the members assigned to help. */
export async function createCandidate(ctx: AppContext, actor: Actor, raw: CreateCandidateInput) {
  assertCan(actor, 'write');
  const input = parseInput(createCandidateInput, raw);
  const today = ctx.clock.today();
  if (input.identifiedOn > today)
    throw new AppError('validation', 'Ngày phát hiện nguồn ở tương lai', [
      { field: 'identifiedOn', message: 'Không thể sau hôm nay' },
    ]);
  const organization = await resolveScopedOrganization(
    ctx,
    actor,
    input.organizationCode,
    input.identifiedOn,
  );
  if (organization.kind !== 'cell')
    throw new AppError('validation', 'Quần chúng ưu tú được đăng ký tại một chi bộ', [
      { field: 'organizationCode', message: `${organization.code} không phải chi bộ` },
    ]);
  if (
    organization.establishedOn > input.identifiedOn ||
    (organization.dissolvedOn !== null && organization.dissolvedOn <= input.identifiedOn)
  )
    throw new AppError('validation', 'Chi bộ không hoạt động vào ngày này', [
      {
        field: 'identifiedOn',
        message: `${organization.code} không hoạt động ngày ${input.identifiedOn}`,
      },
    ]);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const person = await personFacts(trx, input.personId, input.identifiedOn);
    if (!person || person.mergedIntoId !== null) throw fieldNotFound('personId', 'người này');
    const memberships = await membershipsOfPerson(trx, person.id);
    if (
      memberships.some((m) => m.endedOn > input.identifiedOn && m.admittedOn <= input.identifiedOn)
    )
      throw new AppError('rule.already_member', `${person.fullName} đang là đảng viên`, [
        {
          field: 'personId',
          message: 'Người này đang là đảng viên',
          messageEn: 'Already a member',
        },
      ]);
    if ((await openCandidaciesOfPerson(trx, person.id)).length > 0)
      throw new AppError('rule.candidacy_open', `${person.fullName} đã có hồ sơ đang xét`, [
        {
          field: 'personId',
          message: 'Người này đã có hồ sơ vào Đảng đang xét',
          messageEn: 'An open candidacy exists',
        },
      ]);
    const helpers = await findMemberships(trx, input.helperMemberIds);
    const helperErrors: FieldError[] = [];
    input.helperMemberIds.forEach((memberId, index) => {
      const helper = helpers.find((h) => h.id === memberId);
      if (!helper || helper.admittedOn > input.identifiedOn || helper.endedOn <= input.identifiedOn)
        helperErrors.push({
          field: `helperMemberIds.${index}`,
          message: `Đảng viên #${memberId} không có hoặc không còn sinh hoạt vào ngày ${input.identifiedOn}`,
          messageEn: `Member #${memberId} does not exist or is not a member on ${input.identifiedOn}`,
        });
    });
    if (helperErrors.length > 0)
      throw new AppError('rule.helper_not_member', 'Người giúp đỡ phải là đảng viên', helperErrors);
    const candidateId = await insertCandidate(trx, {
      personId: person.id,
      organizationId: organization.id,
      stage: 'source',
      stageOn: input.identifiedOn,
      identifiedOn: input.identifiedOn,
      createdAt: now,
      updatedAt: now,
    });
    await insertTransition(trx, {
      candidateId,
      fromStage: null,
      toStage: 'source',
      on: input.identifiedOn,
      actor: actor.username,
      details: JSON.stringify({ helperMemberIds: input.helperMemberIds }),
      recordedAt: now,
    });
    await linkCandidateMembers(
      trx,
      candidateId,
      helpers.map((h) => h.personId),
      'helper',
      input.identifiedOn,
    );
    await recordEvent(trx, actor, now, {
      action: 'candidate.create',
      entity: 'candidate',
      entityId: candidateId,
      organizationId: organization.id,
      effectiveOn: input.identifiedOn,
      after: { personId: person.id, organizationCode: organization.code, stage: 'source' },
    });
    return candidateId;
  });
  return candidateDetail(ctx, actor, id);
}

/** One dossier: stage, history, documents, members, votes, deadlines and the next steps' checks. */
export async function getCandidate(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'read');
  const candidate = await findCandidate(ctx.db, id);
  if (!candidate) throw notFound('hồ sơ này');
  await assertOrganizationInScope(ctx, actor, candidate.organizationId);
  return candidateDetail(ctx, actor, id);
}

/** Candidates of a subtree (open ones unless `all`), optionally at one stage, with counts per stage. */
export async function listCandidates(ctx: AppContext, actor: Actor, raw: unknown) {
  const query = parseInput(candidateListQuery, raw);
  const today = ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, query.org, today);
  const result = await listCandidatesIn(
    ctx.db,
    root.id,
    today,
    {
      stage: query.stage,
      includeClosed:
        query.all === 'true' ||
        OFF_RAMPS.includes(query.stage as never) ||
        query.stage === 'official',
      overdue: query.overdue === 'true',
    },
    query.limit ?? 50,
    query.offset ?? 0,
  );
  await recordRead(ctx, actor, {
    action: 'candidate.list',
    entity: 'candidate',
    organizationId: root.id,
    effectiveOn: today,
    query,
    returned: result.items.length,
    total: result.total,
    personIds: result.items.map((item) => item.personId),
  });
  return {
    organization: { code: root.code, name: root.name },
    ...result,
    items: result.items.map((item) => ({
      ...item,
      stageLabel: PIPELINE_STATE_LABELS[item.stage as PipelineStateName],
    })),
  };
}

/** Records one transition (or, with outcome 'failed', one failed vote) of a candidate. */
export async function transitionCandidate(
  ctx: AppContext,
  actor: Actor,
  id: number,
  raw: TransitionInput,
) {
  assertCan(actor, 'write');
  const input = parseInput(transitionInput, raw);
  const existing = await findCandidate(ctx.db, id);
  if (!existing) throw notFound('hồ sơ này');
  await assertOrganizationInScope(ctx, actor, existing.organizationId);
  const calendar = await workingDayCalendar(ctx.db);
  const checks = await ctx.db.transaction().execute(async (trx) => {
    const candidate = await findCandidate(trx, id);
    if (!candidate) throw notFound('hồ sơ này');
    return applyTransition(trx, ctx, actor, candidate, input, calendar);
  });
  const detail = await candidateDetail(ctx, actor, id);
  return { ...detail, warnings: checks.filter((c) => c.status === 'warning') };
}

/**
 * Judges and records a transition inside the caller's transaction: throws (writing nothing) when
 * a rule blocks; otherwise updates the candidate with an optimistic version check, appends the
 * transition and the rows it implies, and records the audit event. Returns the checks.
 */
export async function applyTransition(
  trx: Db,
  ctx: AppContext,
  actor: Actor,
  candidate: CandidateRow,
  input: Transition,
  calendar: WorkingDayCalendarLike,
): Promise<Check[]> {
  const today = ctx.clock.today();
  if (input.on > today)
    throw new AppError('validation', 'Ngày chuyển bước ở tương lai', [
      { field: 'on', message: 'Không thể sau hôm nay' },
    ]);
  if (input.version !== undefined && input.version !== candidate.version)
    throw await conflict(trx, candidate.id, input.version);
  requireDetails(input);
  const transitions = await listTransitions(trx, candidate.id);
  const facts = await gatherContext(trx, candidate, transitions, input, calendar);
  const checks = checkTransition(facts.context);
  const blocked = checks.filter((c) => c.status === 'blocked');
  const now = ctx.clock.now();
  const details = transitionDetails(input, checks);

  if (input.outcome === 'failed') {
    if (!VOTE_STAGES.has(input.to))
      throw new AppError(
        'validation',
        'Chỉ ghi nhận biểu quyết không đạt cho các bước có biểu quyết',
        [
          {
            field: 'outcome',
            message: 'Chỉ dùng với cell_voted, committee_reviewed, probation_review',
          },
        ],
      );
    if (!input.vote)
      throw new AppError('validation', 'Thiếu kết quả biểu quyết', [
        { field: 'vote', message: 'Cần kết quả biểu quyết không đạt' },
      ]);
    const otherBlocks = blocked.filter((c) => !THRESHOLD_RULES.has(c.rule));
    if (otherBlocks.length > 0) throw ruleError(otherBlocks);
    if (blocked.length === 0)
      throw new AppError('validation', 'Biểu quyết đã đạt tỷ lệ; hãy ghi nhận chuyển bước', [
        {
          field: 'vote.inFavour',
          message: 'Số phiếu tán thành đã đủ',
          messageEn: 'The vote passed',
        },
      ]);
    const updated = await updateCandidateAtVersion(trx, candidate.id, candidate.version, {
      failedVotes: candidate.failedVotes + 1,
      updatedAt: now,
    });
    if (!updated) throw await conflict(trx, candidate.id, input.version ?? candidate.version);
    await insertTransition(trx, {
      candidateId: candidate.id,
      fromStage: candidate.stage,
      toStage: input.to,
      on: input.on,
      actor: actor.username,
      reason: input.reason ?? null,
      details: JSON.stringify(details),
      recordedAt: now,
      outcome: 'failed',
    });
    await recordEvent(trx, actor, now, {
      action: 'candidate.vote_failed',
      entity: 'candidate',
      entityId: candidate.id,
      organizationId: candidate.organizationId,
      effectiveOn: input.on,
      reason: input.reason ?? null,
      before: {
        stage: candidate.stage,
        failedVotes: candidate.failedVotes,
        version: candidate.version,
      },
      after: {
        stage: candidate.stage,
        failedVotes: candidate.failedVotes + 1,
        version: candidate.version + 1,
        vote: input.vote,
      },
    });
    return checks;
  }

  if (blocked.length > 0) throw ruleError(blocked);

  const to = input.to;
  const stageDates = { ...facts.context.stageDates };
  if ((STAGES as readonly string[]).includes(to)) stageDates[to as Stage] = input.on;
  const certificate = to === 'trained' ? (input.certificate ?? null) : null;
  const certificateIssuedOn = certificate?.issuedOn ?? candidate.certificateIssuedOn;
  const due = nextDue(to, stageDates, certificateIssuedOn, calendar);
  const changes: Parameters<typeof updateCandidateAtVersion>[3] = {
    stage: to,
    stageOn: input.on,
    updatedAt: now,
    dueKind: due.dueKind,
    dueOn: due.dueOn,
  };
  if (to === 'fostering') changes.fosteringOn = input.on;
  if (certificate) {
    changes.certificateNumber = certificate.number;
    changes.certificateIssuedOn = certificate.issuedOn;
    changes.certificateIssuer = certificate.issuer;
  }
  if (to === 'dossier' && input.backgroundCheckedOn)
    changes.backgroundCheckedOn = input.backgroundCheckedOn;
  if (['admitted', 'withdrawn', 'rejected'].includes(to) && candidate.closedOn === OPEN)
    changes.closedOn = input.on;
  const updated = await updateCandidateAtVersion(trx, candidate.id, candidate.version, changes);
  if (!updated) throw await conflict(trx, candidate.id, input.version ?? candidate.version);
  await insertTransition(trx, {
    candidateId: candidate.id,
    fromStage: candidate.stage,
    toStage: to,
    on: input.on,
    actor: actor.username,
    reason: input.reason ?? null,
    details: JSON.stringify(details),
    recordedAt: now,
  });
  if (to === 'dossier' && facts.introducerPersonIds.length > 0)
    await linkCandidateMembers(
      trx,
      candidate.id,
      facts.introducerPersonIds,
      'introducer',
      input.on,
    );
  if (input.documents && input.documents.length > 0)
    await saveDocuments(trx, candidate.id, input.documents);

  let membershipId: number | null = null;
  if (to === 'admitted') {
    const person = await personFacts(trx, candidate.personId, input.on);
    const memberships = await membershipsOfPerson(trx, candidate.personId);
    if (memberships.some((m) => m.endedOn > input.on && m.admittedOn <= input.on))
      throw new AppError('rule.already_member', 'Người này đang là đảng viên', [
        { field: 'to', message: 'Người này đang là đảng viên', messageEn: 'Already a member' },
      ]);
    membershipId = await admitMember(trx, {
      personId: candidate.personId,
      candidateId: candidate.id,
      admittedOn: input.on,
      decisionNo: facts.decisionNo,
      organizationId: candidate.organizationId,
      unitId: person?.unitId ?? null,
    });
  }
  if (to === 'official' || to === 'not_recognized') {
    const membership = await membershipOfCandidate(trx, candidate.id);
    if (!membership) throw new AppError('internal', `candidate ${candidate.id} has no membership`);
    membershipId = membership.id;
    if (to === 'official')
      await recognizeMembership(
        trx,
        membership.id,
        officialFrom(membership.admittedOn, ruleSetOn(membership.admittedOn)),
        input.decision?.number ?? '',
      );
    else await endMembership(trx, membership.id, input.on, 'removed');
  }
  await recordEvent(trx, actor, now, {
    action: 'candidate.transition',
    entity: 'candidate',
    entityId: candidate.id,
    organizationId: candidate.organizationId,
    effectiveOn: input.on,
    reason: input.reason ?? null,
    before: {
      stage: candidate.stage,
      stageOn: candidate.stageOn,
      version: candidate.version,
      dueKind: candidate.dueKind,
      dueOn: candidate.dueOn,
    },
    after: {
      stage: to,
      stageOn: input.on,
      version: candidate.version + 1,
      ...due,
      ...(membershipId !== null ? { membershipId } : {}),
      details,
    },
  });
  return checks;
}

/** Recomputes the stored due date of every unfinished candidate (after a calendar change, or the demo). */
export async function recomputeDueDates(db: Db): Promise<number> {
  const calendar = await workingDayCalendar(db);
  const candidates = await candidatesNeedingDue(db);
  let changed = 0;
  for (const candidate of candidates) {
    const transitions = (await listTransitions(db, candidate.id)).filter(
      (t) => t.outcome === 'done',
    );
    // A probationary member who died or left has no recognition to wait for.
    const membership =
      candidate.stage === 'admitted' || candidate.stage === 'probation_review'
        ? await membershipOfCandidate(db, candidate.id)
        : undefined;
    const ended = membership !== undefined && membership.endedOn !== OPEN;
    const due = ended
      ? { dueKind: null, dueOn: null }
      : nextDue(
          candidate.stage,
          stageDatesFrom(transitions),
          candidate.certificateIssuedOn,
          calendar,
        );
    if (due.dueKind !== candidate.dueKind || due.dueOn !== candidate.dueOn) {
      await setCandidateDue(db, candidate.id, due.dueKind, due.dueOn);
      changed += 1;
    }
  }
  return changed;
}

function requireDetails(input: Transition): void {
  const missing = (field: string, message: string) =>
    new AppError('validation', 'Thiếu thông tin của bước này', [{ field, message }]);
  if ((input.to === 'decided' || input.to === 'official') && !input.decision)
    throw missing('decision', 'Cần số và ngày của quyết định');
  if (OFF_RAMPS.includes(input.to as never) && !input.reason)
    throw missing('reason', 'Cần ghi lý do');
  if ((input.to === 'cell_voted' || input.to === 'probation_review') && input.vote)
    if (input.vote.officialMembers === undefined || input.vote.present === undefined)
      throw missing('vote', 'Cần số đảng viên chính thức (officialMembers) và số có mặt (present)');
  if (input.to === 'committee_reviewed' && input.vote && input.vote.members === undefined)
    throw missing('vote.members', 'Cần số cấp ủy viên (members)');
}

function transitionDetails(input: Transition, checks: Check[]): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const key of [
    'certificate',
    'vote',
    'decision',
    'introducerMemberIds',
    'youthUnionIntroduction',
    'backgroundCheckedOn',
    'documents',
    'over60ApprovalOn',
    'over60',
    'tradeUnionIntroduction',
    'readmission',
    'educationCase',
    'educationApprovalOn',
    'extensionReason',
  ] as const)
    if (input[key] !== undefined) details[key] = input[key];
  const warnings = checks.filter((c) => c.status === 'warning').map((c) => c.rule);
  if (warnings.length > 0) details.warnings = warnings;
  return details;
}

function parseDetails(row: TransitionRow): Record<string, unknown> {
  if (!row.details) return {};
  try {
    return JSON.parse(row.details) as Record<string, unknown>;
  } catch {
    return {};
  }
}

interface GatheredFacts {
  context: TransitionContext;
  introducerPersonIds: number[];
  decisionNo: string | null;
}

/** Builds the rules' TransitionContext for a candidate and a (proposed) transition from the database. */
async function gatherContext(
  db: Db,
  candidate: CandidateRow,
  transitions: TransitionRow[],
  input: Pick<Transition, 'to' | 'on'> & Partial<Transition>,
  calendar: WorkingDayCalendarLike,
): Promise<GatheredFacts> {
  const done = transitions.filter((t) => t.outcome === 'done');
  const stageDates = stageDatesFrom(done);
  const detailsOf = (stage: string) => {
    const row = [...done].reverse().find((t) => t.toStage === stage);
    return row ? parseDetails(row) : {};
  };
  const dossier = detailsOf('dossier');
  const on = input.on;
  const person = await personFacts(db, candidate.personId, on);
  if (!person) throw notFound('người này');
  const organization = await findOrganizationById(db, candidate.organizationId);
  if (!organization) throw notFound('tổ chức đảng');
  const parent = await parentOn(db, candidate.organizationId, on);
  const committeeReviewApplies = reviewApplies(parent);
  const latest = latestFacts(done, input);
  const former = formerMembershipsOf(
    await membershipsOfPerson(db, candidate.personId),
    candidate.id,
    on,
  );
  const entered = latest.readmission?.formerEndedOn;
  const previousEnded = former.at(-1)?.endedOn ?? (entered && entered <= on ? entered : undefined);
  const readmission: ReadmissionFacts | null = previousEnded
    ? {
        formerMemberships: Math.max(former.length, 1),
        exitGround: (latest.readmission?.exitGround as ExitGround | undefined) ?? null,
        criminalRecordClearedOn: latest.readmission?.criminalRecordClearedOn ?? null,
        provincialConsentOn: latest.readmission?.provincialConsentOn ?? null,
      }
    : null;
  // Null (area unknown: no kind ever recorded for the place) falls back to the organization's flag.
  const placeAreaKinds =
    person.unitId === null
      ? null
      : ((await areaKindsOn(db, person.unitId, consideredDay(input, stageDates))) as
          AreaKind[] | null);

  const introducerIds =
    input.to === 'dossier'
      ? (input.introducerMemberIds ?? [])
      : ((dossier.introducerMemberIds as number[] | undefined) ?? []);
  const introducedOn = input.to === 'dossier' ? on : (stageDates.dossier ?? on);
  const grassroots = await grassrootsOf(db, candidate.organizationId, introducedOn);
  const memberships = await findMemberships(db, introducerIds);
  const unknown = introducerIds
    .map((memberId, index) => ({ memberId, index }))
    .filter(({ memberId }) => !memberships.some((m) => m.id === memberId));
  if (unknown.length > 0)
    throw new AppError(
      'validation',
      'Không có đảng viên này',
      unknown.map(({ memberId, index }) => ({
        field: `introducerMemberIds.${index}`,
        message: `Không có đảng viên #${memberId}`,
      })),
    );
  // "Together" is the overlap of both sides: the introducer's membership in the grassroots
  // subtree and the person's own place in it (a person who moved in 5 months ago has not been
  // with anyone there for 12 months).
  const placedSince =
    grassroots === null
      ? null
      : await personPlacedInSubtreeSince(db, candidate.personId, grassroots, introducedOn);
  const introducers: IntroducerFacts[] = [];
  for (const memberId of introducerIds) {
    const memberSince =
      grassroots === null
        ? null
        : await memberInSubtreeSince(db, memberId, grassroots, introducedOn);
    introducers.push({
      memberId,
      name: memberships.find((m) => m.id === memberId)?.fullName,
      status: await memberStatusOn(db, memberId, introducedOn),
      togetherSince:
        memberSince === null || placedSince === null
          ? memberSince
          : maxDate(memberSince, placedSince),
    });
  }
  const youth =
    (input.to === 'dossier' ? input.youthUnionIntroduction : undefined) ??
    (dossier.youthUnionIntroduction as { resolutionNo: string; on: string } | undefined) ??
    null;
  const tradeUnion =
    (input.to === 'dossier' ? input.tradeUnionIntroduction : undefined) ??
    (dossier.tradeUnionIntroduction as { resolutionNo: string; on: string } | undefined) ??
    null;
  const over60 =
    input.over60ApprovalOn ??
    done.map((t) => parseDetails(t).over60ApprovalOn as string | undefined).find(Boolean) ??
    null;
  const certificate =
    input.to === 'trained'
      ? (input.certificate ?? null)
      : candidate.certificateNumber && candidate.certificateIssuedOn
        ? {
            number: candidate.certificateNumber,
            issuedOn: candidate.certificateIssuedOn,
            issuer: candidate.certificateIssuer ?? '',
          }
        : null;
  const vote = input.vote;
  // Verification letters recorded on the dossier: all answered favourably stand for the check.
  const background = backgroundFromRequests(
    await requestsOfKind(db, candidate.id, 'background_verification'),
  );
  const education = (EDUCATION_ORDER as readonly string[]).includes(person.educationLevel)
    ? (person.educationLevel as EducationLevel)
    : 'none';
  const decision = detailsOf('decided').decision as { number?: string } | undefined;
  return {
    introducerPersonIds: introducerIds.map(
      (memberId) => memberships.find((m) => m.id === memberId)?.personId ?? 0,
    ),
    decisionNo: decision?.number ?? null,
    context: {
      from: candidate.stage as PipelineState,
      to: input.to,
      on,
      committeeReviewApplies,
      person: {
        birthDate: person.birthDate,
        educationLevel: education,
        isYouthUnionMember: person.isYouthUnionMember,
        previousMembershipEndedOn: previousEnded ?? null,
        over60ApprovalOn: over60,
        over60Conditions: latest.over60 ?? null,
        readmission,
        educationCase:
          (latest.educationCase as EducationCase | undefined) ??
          (person.isVillageHead ? 'village_elder' : null),
        educationApprovalOn: latest.educationApprovalOn ?? null,
        placeAreaKinds,
      },
      organization: {
        educationException: organization.educationException,
        hasYouthUnion: organization.hasYouthUnion,
      },
      certificate,
      backgroundCheckedOn:
        (input.to === 'dossier' ? input.backgroundCheckedOn : undefined) ??
        candidate.backgroundCheckedOn ??
        background.checkedOn,
      backgroundRequests: { pending: background.pending, unfavourable: background.unfavourable },
      introducers,
      youthUnionIntroduction: youth,
      tradeUnionIntroduction: tradeUnion,
      extensionReason: input.extensionReason ?? null,
      vote:
        vote && vote.officialMembers !== undefined && vote.present !== undefined
          ? {
              officialMembers: vote.officialMembers,
              present: vote.present,
              inFavour: vote.inFavour,
            }
          : null,
      committeeVote:
        vote && vote.members !== undefined
          ? { members: vote.members, inFavour: vote.inFavour }
          : null,
      failedVotes: transitions.filter((t) => t.outcome === 'failed' && t.toStage === input.to)
        .length,
      stageDates,
      calendar,
    },
  };
}

async function candidateDetail(ctx: AppContext, actor: Actor, id: number) {
  const db = ctx.db;
  const candidate = await findCandidate(db, id);
  if (!candidate) throw notFound('hồ sơ này');
  const today = ctx.clock.today();
  const calendar = await workingDayCalendar(db);
  const [transitions, members, documents, person, organization, membership] = await Promise.all([
    listTransitions(db, id),
    listCandidateMembers(db, id),
    listDocuments(db, id),
    db
      .selectFrom('people as p')
      .leftJoin('units as u', 'u.id', 'p.unitId')
      .select([
        'p.id',
        'p.fullName',
        'p.gender',
        'p.birthDate',
        'p.ethnicity',
        'p.educationLevel',
        'u.code as unitCode',
        'u.name as unitName',
      ])
      .where('p.id', '=', candidate.personId)
      .executeTakeFirstOrThrow(),
    findOrganizationById(db, candidate.organizationId),
    membershipOfCandidate(db, id),
  ]);
  const done = transitions.filter((t) => t.outcome === 'done');
  const stageDates = stageDatesFrom(done);
  const stage = candidate.stage as PipelineState;
  const parent = await parentOn(db, candidate.organizationId, maxDate(today, candidate.stageOn));
  const committeeReviewApplies = reviewApplies(parent);
  const former = formerMembershipsOf(
    await membershipsOfPerson(db, candidate.personId),
    candidate.id,
    maxDate(today, candidate.stageOn),
  );
  const readmissionFacts = latestFacts(
    transitions.filter((t) => t.outcome === 'done'),
    { to: stage, on: today },
  ).readmission;
  const allowed = nextStages(stage, { committeeReviewApplies });
  const previewOn = maxDate(today, candidate.stageOn);
  const checks: (Check & { to: string })[] = [];
  for (const to of allowed.filter((s) => !OFF_RAMPS.includes(s as never))) {
    try {
      const facts = await gatherContext(
        db,
        candidate,
        transitions,
        { to, on: previewOn },
        calendar,
      );
      for (const check of checkTransition(facts.context)) checks.push({ ...check, to });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  const isStage = (STAGES as readonly string[]).includes(stage);
  return {
    id: candidate.id,
    stage,
    stageLabel: PIPELINE_STATE_LABELS[stage],
    stageOn: candidate.stageOn,
    identifiedOn: candidate.identifiedOn,
    closedOn: candidate.closedOn === OPEN ? null : candidate.closedOn,
    version: candidate.version,
    failedVotes: candidate.failedVotes,
    /** Failed votes after which the next higher committee decides (the version in force at the stage). */
    failedVotesLimit: ruleSetOn(candidate.stageOn).maxFailedVotesBeforeEscalation,
    person,
    organization: organization && { code: organization.code, name: organization.name },
    certificate: candidate.certificateNumber
      ? {
          number: candidate.certificateNumber,
          issuedOn: candidate.certificateIssuedOn,
          issuer: candidate.certificateIssuer,
        }
      : null,
    backgroundCheckedOn: candidate.backgroundCheckedOn,
    /** A former member admitted again: the 18-KNĐ register flags it. */
    readmitted: former.length > 0 || readmissionFacts?.formerEndedOn !== undefined,
    readmission: readmissionFacts ?? null,
    history: transitions.map((t) => ({
      from: t.fromStage,
      to: t.toStage,
      on: t.on,
      actor: t.actor,
      reason: t.reason,
      outcome: t.outcome,
      details: parseDetails(t),
    })),
    documents: DOCUMENT_KINDS.map((kind) => {
      const doc = documents.find((d) => d.kind === kind && d.untickedOn === null);
      return {
        kind,
        label: DOCUMENT_LABELS[kind],
        receivedOn: doc?.receivedOn ?? null,
        note: doc?.note ?? null,
      };
    }),
    helpers: members.filter((m) => m.role === 'helper'),
    introducers: members.filter((m) => m.role === 'introducer'),
    votes: transitions
      .filter((t) => parseDetails(t).vote !== undefined)
      .map((t) => ({
        stage: t.toStage,
        on: t.on,
        outcome: t.outcome,
        ...(parseDetails(t).vote as object),
      })),
    due: { kind: candidate.dueKind, on: candidate.dueOn },
    deadlines: isStage
      ? deadlinesAfter(
          stage as Stage,
          stageDates,
          ruleSetOn(stageDates[stage as Stage] ?? candidate.stageOn),
          calendar,
          candidate.certificateIssuedOn,
        )
      : [],
    membership: membership
      ? {
          id: membership.id,
          admittedOn: membership.admittedOn,
          officialOn: membership.officialOn,
          endedOn: membership.endedOn === OPEN ? null : membership.endedOn,
          endReason: membership.endReason,
        }
      : null,
    checks,
    allowedTransitions: can(actor, 'write') ? allowed : [],
  };
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * The 409 of optimistic versioning: the dossier as it stands now (version, stage) and what was
 * recorded since the caller's version, so the second of two officers sees what changed. Every
 * versioned change appends exactly one transition, so the last (current − caller's) transitions are
 * the changes the caller has not seen.
 */
async function conflict(db: Db, id: number, callerVersion: number): Promise<AppError> {
  const current = await findCandidate(db, id);
  if (!current) return notFound('hồ sơ này');
  const since = Math.max(0, current.version - callerVersion);
  const recorded = (await listTransitions(db, id)).sort((a, b) => a.id - b.id);
  const changes = recorded.slice(Math.max(0, recorded.length - since)).map((t) => ({
    from: t.fromStage,
    to: t.toStage,
    on: t.on,
    actor: t.actor,
    outcome: t.outcome,
    recordedAt: t.recordedAt,
  }));
  const stage = current.stage as PipelineState;
  return new AppError(
    'conflict',
    `Hồ sơ đã được người khác cập nhật (nay ở bước "${PIPELINE_STATE_LABELS[stage]}", phiên bản ${current.version}); hãy tải lại`,
    [
      {
        field: 'version',
        message: `Phiên bản hiện tại là ${current.version}, bước ${PIPELINE_STATE_LABELS[stage]}`,
        messageEn: `Current version is ${current.version}, stage ${stage}`,
      },
    ],
    {
      version: current.version,
      stage,
      stageOn: current.stageOn,
      yourVersion: callerVersion,
      changes,
    },
  );
}

function ruleError(blocked: Check[]): AppError {
  const first = blocked[0];
  if (!first) return new AppError('internal', 'no blocking check');
  return new AppError(
    first.rule,
    first.message,
    blocked.map((c) => ({ field: c.field ?? 'to', message: c.message, messageEn: c.messageEn })),
    { checks: blocked },
  );
}

function fieldNotFound(field: string, what: string): AppError {
  return new AppError('validation', `Không tìm thấy ${what}`, [
    { field, message: `Không tìm thấy ${what}` },
  ]);
}

/** End reasons by which a person left the Party (a transfer or a death is not leaving). */
const LEAVING_REASONS: ReadonlySet<string> = new Set(['removed', 'expelled', 'left']);

/** The person's memberships ended by leaving the Party before a day, oldest first. */
function formerMembershipsOf(
  memberships: readonly {
    endedOn: string;
    endReason: string | null;
    candidateId: number | null;
  }[],
  candidateId: number,
  on: string,
) {
  return memberships
    .filter(
      (m) =>
        m.endedOn <= on &&
        m.candidateId !== candidateId &&
        m.endReason !== null &&
        LEAVING_REASONS.has(m.endReason),
    )
    .sort((a, b) => a.endedOn.localeCompare(b.endedOn));
}

/** The entered facts of the special cases, later transitions (and then the proposed one) winning field by field. */
interface LatestFacts {
  readmission?: {
    formerEndedOn?: string;
    exitGround?: string;
    criminalRecordClearedOn?: string;
    provincialConsentOn?: string;
  };
  over60?: { ground: Over60Ground; healthAndPrestige: boolean };
  educationCase?: string;
  educationApprovalOn?: string;
}

function latestFacts(
  done: readonly TransitionRow[],
  input: Partial<Transition> & { to: string; on: string },
): LatestFacts {
  const sources = [...done.map(parseDetails), input as Record<string, unknown>];
  const facts: LatestFacts = {};
  for (const details of sources) {
    const readmission = details.readmission as LatestFacts['readmission'] | undefined;
    if (readmission) facts.readmission = { ...facts.readmission, ...definedOnly(readmission) };
    if (details.over60) facts.over60 = details.over60 as LatestFacts['over60'];
    if (typeof details.educationCase === 'string') facts.educationCase = details.educationCase;
    if (typeof details.educationApprovalOn === 'string')
      facts.educationApprovalOn = details.educationApprovalOn;
  }
  return facts;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The cell's consideration day of a (proposed) transition: the day the person's place is read. */
function consideredDay(
  input: { to: string; on: string },
  stageDates: Partial<Record<Stage, string>>,
): string {
  if (input.to === 'cell_voted' || input.to === 'dossier') return input.on;
  return stageDates.cell_voted ?? input.on;
}
