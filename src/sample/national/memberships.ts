import { addMonths, fromEpochDay, toEpochDay } from '../../server/lib/dates.ts';
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
  const r = run.random;
  const recentShare = (HISTORY_YEARS * NATIONAL_ADMISSIONS_PER_YEAR) / NATIONAL_MEMBERS;
  let helper: number | null = null;
  for (let i = 0; i < cell.members + cell.ended; i++) {
    const ends = i >= cell.members;
    // A membership that ended inside the window began at least two months before today.
    // Ended memberships are mostly old ones: few end before recognition.
    const admitted = Math.min(
      admissionDay(run, r.chance(ends ? recentShare * 0.3 : recentShare)),
      ends ? run.todayDay - 60 : Infinity,
    );
    const age = 18 + Math.floor(22 * r.next() ** 1.5);
    const birthDay = admitted - age * 365 - r.int(0, 364);
    const officialDay = toEpochDay(addMonths(fromEpochDay(admitted), 12));
    let endDay: number | null = null;
    let endReason: string | null = null;
    if (ends) {
      endDay = r.int(Math.max(run.historyStartDay, admitted + 30), run.todayDay - 1);
      const ageAtEnd = (endDay - birthDay) / 365;
      endReason =
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
    }
    const person = await addPerson(
      run,
      cell,
      birthDay,
      Math.max(birthDay + 16 * 365, admitted - 730),
    );
    const membershipId = ++run.counters.membership;
    const admittedOn = fromEpochDay(admitted);
    const endedOn = endDay === null ? OPEN : fromEpochDay(endDay);
    const official = officialDay <= run.todayDay && (endDay === null || officialDay < endDay);
    const throughPipeline = admitted >= run.todayDay - 365 * PIPELINE_HISTORY_YEARS;
    const candidateId = throughPipeline ? ++run.counters.candidate : null;
    if (admitted >= run.todayDay - 365 && admitted <= run.todayDay)
      run.counters.admissionsLastYear++;
    await run.writer.membership({
      id: membershipId,
      personId: person.id,
      candidateId,
      admittedOn,
      admissionDecisionNo: `${r.int(1, 999)}-QĐ/ĐU`,
      officialOn: official ? fromEpochDay(officialDay) : null,
      endedOn,
      endReason,
    });
    // Periods: probation then official inside the window; one official period before it.
    const segments: {
      status: string;
      start: string;
      end: string | null;
      from: number;
      to: number | null;
    }[] = [];
    if (admitted < run.historyStartDay - 366) {
      segments.push({
        status: 'official',
        start: 'admitted',
        end: endReason,
        from: admitted,
        to: endDay,
      });
    } else if (!official) {
      segments.push({
        status: 'probationary',
        start: 'admitted',
        end: endReason,
        from: admitted,
        to: endDay,
      });
    } else {
      segments.push({
        status: 'probationary',
        start: 'admitted',
        end: 'recognized',
        from: admitted,
        to: officialDay,
      });
      segments.push({
        status: 'official',
        start: 'recognized',
        end: endReason,
        from: officialDay,
        to: endDay,
      });
    }
    // About one member in twenty-five moved here from another cell of the province inside the window.
    const last = segments[segments.length - 1];
    let previousCell: Cell | null = null;
    if (last && r.chance(0.04)) {
      const earliest = Math.max(last.from + 30, run.historyStartDay);
      const latest = (last.to ?? run.todayDay) - 30;
      if (earliest < latest) {
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
        previousCell = run.cells[r.int(first, end - 1)] ?? null;
        if (previousCell === cell) previousCell = null;
      }
    }
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
    if (helper === null && !ends && admitted < run.todayDay - 400) helper = person.id;
  }
  for (let i = 0; i < cell.openCandidates; i++) await writeOpenCandidacy(run, cell, helper);
}

export function admissionDay(run: NationalRun, recent: boolean): number {
  const r = run.random;
  if (recent) return weekdayOnOrBefore(r.int(run.historyStartDay, run.todayDay - 7));
  // Before the window: spread evenly since 1975 (older cohorts have mostly died out).
  const span = run.historyStartDay - toEpochDay('1975-01-01');
  return weekdayOnOrBefore(run.historyStartDay - 1 - Math.floor(span * r.next()));
}
