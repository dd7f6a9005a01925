import { fromEpochDay } from '../../shared/dates.ts';
import { nextDue } from '../../server/modules/candidates/candidates.due.ts';
import { OPEN, type Cell, type NationalRun, weekdayOnOrBefore } from './run.ts';
import { addPerson } from './people.ts';

/** Candidacies: the closed ones behind recent admissions and the open ones in the pipeline today. */

export async function writeClosedCandidacy(
  run: NationalRun,
  cell: Cell,
  candidateId: number,
  personId: number,
  admitted: number,
  officialDay: number | null,
  endDay: number | null,
): Promise<void> {
  const steps = stagesBefore(run, admitted, cell.underCommittee);
  steps.push(['admitted', admitted]);
  if (officialDay === null && endDay !== null) steps.push(['not_recognized', endDay]);
  if (officialDay !== null) {
    const review = officialDay + run.random.int(1, 20);
    if (review <= run.todayDay && (endDay === null || review < endDay)) {
      steps.push(['probation_review', review]);
      const recognized = review + run.random.int(5, 25);
      if (recognized <= run.todayDay) steps.push(['official', recognized]);
    }
  }
  await writeCandidate(run, cell, candidateId, personId, steps, fromEpochDay(admitted), null);
}

export async function writeOpenCandidacy(
  run: NationalRun,
  cell: Cell,
  helper: number | null,
): Promise<void> {
  const r = run.random;
  const target = r.weighted([
    { stage: 'source', weight: 25 },
    { stage: 'fostering', weight: 30 },
    { stage: 'trained', weight: 15 },
    { stage: 'dossier', weight: 12 },
    { stage: 'cell_voted', weight: 7 },
    { stage: 'committee_reviewed', weight: cell.underCommittee ? 3 : 0 },
    { stage: 'decided', weight: 4 },
    { stage: 'withdrawn', weight: 4 },
  ]).stage;
  // The stage was reached recently (within ~4 months, some longer: idle or overdue ones).
  const reached = weekdayOnOrBefore(run.todayDay - Math.floor(r.next() ** 2 * 240) - 1);
  const all = stagesBefore(run, reached + 20, cell.underCommittee);
  const order = all.map(([s]) => s);
  const stop = target === 'withdrawn' ? r.int(1, 3) : order.indexOf(target) + 1;
  const steps = all.slice(0, stop);
  const shift = reached - (steps[steps.length - 1]?.[1] ?? reached);
  const shifted: [string, number][] = steps.map(([s, d]) => [s, d + shift]);
  let closedOn = OPEN;
  if (target === 'withdrawn') {
    shifted.push(['withdrawn', reached + 1]);
    closedOn = fromEpochDay(reached + 1);
  }
  const birthDay = reached - (18 + r.int(0, 17)) * 365 - r.int(0, 364);
  const person = await addPerson(run, cell, birthDay, birthDay + 16 * 365);
  const candidateId = ++run.counters.candidate;
  await writeCandidate(run, cell, candidateId, person.id, shifted, closedOn, helper);
}

/** The dated stages before a ceremony on `admitted` (working backwards). */
export function stagesBefore(
  run: NationalRun,
  admitted: number,
  underCommittee: boolean,
): [string, number][] {
  const r = run.random;
  const decided = weekdayOnOrBefore(admitted - r.int(14, 35));
  const reviewed = underCommittee ? weekdayOnOrBefore(decided - r.int(10, 30)) : null;
  const voted = weekdayOnOrBefore((reviewed ?? decided) - r.int(7, 25));
  const dossier = voted - r.int(20, 60);
  const trained = dossier - r.int(15, 90);
  const fostering = trained - r.int(60, 240);
  const source = fostering - r.int(30, 120);
  const stages: [string, number][] = [
    ['source', source],
    ['fostering', fostering],
    ['trained', trained],
    ['dossier', dossier],
    ['cell_voted', voted],
  ];
  if (reviewed !== null) stages.push(['committee_reviewed', reviewed]);
  stages.push(['decided', decided]);
  return stages;
}

export async function writeCandidate(
  run: NationalRun,
  cell: Cell,
  candidateId: number,
  personId: number,
  steps: [string, number][],
  closedOn: string,
  helper: number | null,
): Promise<void> {
  const r = run.random;
  const dates: Record<string, string> = {};
  for (const [stage, day] of steps) dates[stage] = fromEpochDay(day);
  const [stage, stageDay] = steps[steps.length - 1] ?? ['source', run.todayDay];
  const certificateIssuedOn = dates.trained ?? null;
  const due =
    closedOn === OPEN || stage === 'admitted' || stage === 'probation_review'
      ? nextDue(stage, dates, certificateIssuedOn, run.calendar)
      : { dueKind: null, dueOn: null };
  // The candidate row goes first: its transitions reference it.
  await run.writer.candidate({
    id: candidateId,
    personId,
    organizationId: cell.id,
    stage,
    stageOn: fromEpochDay(stageDay),
    identifiedOn: dates.source ?? fromEpochDay(stageDay),
    fosteringOn: dates.fostering ?? null,
    closedOn,
    certificateNumber: certificateIssuedOn
      ? `${certificateIssuedOn.slice(0, 4)}/GCN-${candidateId}`
      : null,
    certificateIssuedOn,
    certificateIssuer: certificateIssuedOn ? 'Trung tâm Chính trị' : null,
    backgroundCheckedOn: dates.dossier ?? null,
    dueKind: due.dueKind,
    dueOn: due.dueOn,
    createdAt: run.now,
    updatedAt: run.now,
  });
  let from: string | null = null;
  for (const [stage, day] of steps) {
    const on = fromEpochDay(day);
    const details =
      stage === 'cell_voted'
        ? JSON.stringify({
            vote: { officialMembers: 20, present: 19, inFavour: 18 - r.int(0, 3) },
          })
        : stage === 'decided' || stage === 'official'
          ? JSON.stringify({ decision: { number: `${r.int(1, 999)}-QĐ/ĐU`, on } })
          : null;
    await run.writer.transition({
      candidateId,
      fromStage: from,
      toStage: stage,
      on,
      actor: 'generate',
      details,
      recordedAt: run.now,
    });
    from = stage;
  }
  if (helper !== null)
    await run.writer.candidateMember(
      candidateId,
      helper,
      'helper',
      dates.source ?? fromEpochDay(stageDay),
    );
}
