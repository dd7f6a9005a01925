import { addMonths, fromEpochDay, toEpochDay } from '../../shared/dates.ts';
import {
  OPEN,
  NATIONAL_MEMBERS,
  NATIONAL_ADMISSIONS_PER_YEAR,
  HISTORY_YEARS,
  PIPELINE_HISTORY_YEARS,
  type Cell,
  type NationalRun,
  weekdayOnOrBefore,
} from './run.ts';
import { addPerson } from './people.ts';
import { writeClosedCandidacy, writeOpenCandidacy } from './candidacies.ts';

/**
 * Members cell by cell: admission dates at the national rate, probation then recognition,
 * memberships that ended, transfers between cells of a province, and the candidacies of recent
 * admissions.
 */

export async function writeMembersOf(run: NationalRun, cell: Cell): Promise<void> {
  let helper: number | null = null;
  for (let i = 0; i < cell.members + cell.ended; i++) {
    const ends = i >= cell.members;
    const member = await writeMember(run, cell, ends);
    if (helper === null && !ends && member.admitted < run.todayDay - 400) helper = member.personId;
  }
  for (let i = 0; i < cell.openCandidates; i++) await writeOpenCandidacy(run, cell, helper);
}

/** One member of a cell (`ends`: one whose membership ended inside the window), with periods and candidacy. */
async function writeMember(
  run: NationalRun,
  cell: Cell,
  ends: boolean,
): Promise<{ personId: number; admitted: number }> {
  const r = run.random;
  const recentShare = (HISTORY_YEARS * NATIONAL_ADMISSIONS_PER_YEAR) / NATIONAL_MEMBERS;
  // A membership that ended inside the window began at least two months before today.
  // Ended memberships are mostly old ones: few end before recognition.
  const admitted = Math.min(
    admissionDay(run, r.chance(ends ? recentShare * 0.3 : recentShare)),
    ends ? run.todayDay - 60 : Infinity,
  );
  const age = 18 + Math.floor(22 * r.next() ** 1.5);
  const birthDay = admitted - age * 365 - r.int(0, 364);
  const officialDay = toEpochDay(addMonths(fromEpochDay(admitted), 12));
  const { endDay, endReason } = ends
    ? drawEnd(run, admitted, birthDay, officialDay)
    : { endDay: null, endReason: null };
  const person = await addPerson(
    run,
    cell,
    birthDay,
    Math.max(birthDay + 16 * 365, admitted - 730),
  );
  const membershipId = ++run.counters.membership;
  const official = officialDay <= run.todayDay && (endDay === null || officialDay < endDay);
  const throughPipeline = admitted >= run.todayDay - 365 * PIPELINE_HISTORY_YEARS;
  const candidateId = throughPipeline ? ++run.counters.candidate : null;
  if (admitted >= run.todayDay - 365 && admitted <= run.todayDay) run.counters.admissionsLastYear++;
  await run.writer.membership({
    id: membershipId,
    personId: person.id,
    candidateId,
    admittedOn: fromEpochDay(admitted),
    admissionDecisionNo: `${r.int(1, 999)}-QĐ/ĐU`,
    officialOn: official ? fromEpochDay(officialDay) : null,
    endedOn: endDay === null ? OPEN : fromEpochDay(endDay),
    endReason,
  });
  const segments = segmentsOf(run, admitted, official ? officialDay : null, endDay, endReason);
  const previousCell = transferWithinProvince(run, cell, segments);
  for (const [s, segment] of segments.entries()) {
    const where = previousCell && s < segments.length - 1 ? previousCell : cell;
    await run.writer.period({
      membershipId,
      personId: person.id,
      organizationId: where.id,
      unitId: where.unitIds[0] ?? null,
      status: segment.status,
      startReason: segment.start,
      endReason: segment.end,
      validFrom: fromEpochDay(segment.from),
      validTo: segment.to === null ? OPEN : fromEpochDay(segment.to),
    });
  }
  if (candidateId !== null)
    await writeClosedCandidacy(
      run,
      cell,
      candidateId,
      person.id,
      admitted,
      official ? officialDay : null,
      endDay,
    );
  return { personId: person.id, admitted };
}

/** When and why a membership ended inside the window (removed before recognition, died if old…). */
function drawEnd(
  run: NationalRun,
  admitted: number,
  birthDay: number,
  officialDay: number,
): { endDay: number; endReason: string } {
  const r = run.random;
  const endDay = r.int(Math.max(run.historyStartDay, admitted + 30), run.todayDay - 1);
  const ageAtEnd = (endDay - birthDay) / 365;
  const endReason =
    endDay < officialDay
      ? 'removed'
      : ageAtEnd > 65 && r.chance(0.8)
        ? 'died'
        : r.weighted([
            { v: 'transferred_out', weight: 45 },
            { v: 'removed', weight: 25 },
            { v: 'left', weight: 15 },
            { v: 'expelled', weight: 8 },
            { v: 'died', weight: 7 },
          ]).v;
  return { endDay, endReason };
}

/** A stretch of a membership with one status (epoch days; `to` null while open). */
interface Segment {
  status: string;
  start: string;
  end: string | null;
  from: number;
  to: number | null;
}

/**
 * Probation then official inside the window (`officialDay` null: not recognized); one official
 * period for a member admitted before it.
 */
function segmentsOf(
  run: NationalRun,
  admitted: number,
  officialDay: number | null,
  endDay: number | null,
  endReason: string | null,
): Segment[] {
  if (admitted < run.historyStartDay - 366)
    return [{ status: 'official', start: 'admitted', end: endReason, from: admitted, to: endDay }];
  if (officialDay === null)
    return [
      { status: 'probationary', start: 'admitted', end: endReason, from: admitted, to: endDay },
    ];
  return [
    {
      status: 'probationary',
      start: 'admitted',
      end: 'recognized',
      from: admitted,
      to: officialDay,
    },
    { status: 'official', start: 'recognized', end: endReason, from: officialDay, to: endDay },
  ];
}

/**
 * About one member in twenty-five moved here from another cell of the province inside the
 * window: splits the last segment and returns the cell the earlier ones were in (null if none).
 */
function transferWithinProvince(run: NationalRun, cell: Cell, segments: Segment[]): Cell | null {
  const r = run.random;
  const last = segments[segments.length - 1];
  if (!last || !r.chance(0.04)) return null;
  const earliest = Math.max(last.from + 30, run.historyStartDay);
  const latest = (last.to ?? run.todayDay) - 30;
  if (earliest >= latest) return null;
  const moved = r.int(earliest, latest);
  segments.push({
    status: last.status,
    start: 'transfer_in',
    end: last.end,
    from: moved,
    to: last.to,
  });
  last.to = moved;
  last.end = 'transferred';
  const [first, end] = run.provinceCells[cell.province] ?? [0, 0];
  const previousCell = run.cells[r.int(first, end - 1)] ?? null;
  return previousCell === cell ? null : previousCell;
}

export function admissionDay(run: NationalRun, recent: boolean): number {
  const r = run.random;
  if (recent) return weekdayOnOrBefore(r.int(run.historyStartDay, run.todayDay - 7));
  // Before the window: spread evenly since 1975 (older cohorts have mostly died out).
  const span = run.historyStartDay - toEpochDay('1975-01-01');
  return weekdayOnOrBefore(run.historyStartDay - 1 - Math.floor(span * r.next()));
}
