import { addDays, addMonths, addYears } from '../../shared/dates.ts';
import { AppError } from '../../server/lib/errors.ts';
import type { TargetGroup } from '../../shared/enums.ts';
import { foldText, nameSortKey, normalizeText } from '../../shared/text.ts';
import { DISTRICT_KINH_NAMES, NAME_PARTS, pickName } from '../names.ts';
import type { Random } from '../random.ts';
import type { SamplePeriod, SamplePerson, SampleWriter } from '../writer.ts';
import { OPEN } from './figures.ts';
import { pipelineHistory } from './history.ts';
import { ETHNIC_GROUPS } from './places.ts';
import type { PlannedMembership } from './memberships.ts';
import type { DemoCell } from './tree.ts';

/**
 * The demo's people, in order of admission: each planned membership becomes a person with dated
 * target groups, a membership with its periods (probation, then official), and — for admissions
 * since 2016 — the candidate they were, with every stage of the pipeline dated.
 */

/** How many of each were written. */
export interface MembersWritten {
  people: number;
  memberships: number;
  candidates: number;
}

/** Shared by the members of one run: the clock and the national ids already given. */
interface Run {
  writer: SampleWriter;
  random: Random;
  today: string;
  now: string;
  usedIds: Set<string>;
  candidates: number;
}

/** Writes a person, a membership and (since 2016) a candidacy for every placed plan. */
export async function writeMembers(
  writer: SampleWriter,
  random: Random,
  plans: readonly PlannedMembership[],
  today: string,
  now: string,
): Promise<MembersWritten> {
  const run: Run = { writer, random, today, now, usedIds: new Set(), candidates: 0 };
  const byAdmission = [...plans].sort((a, b) =>
    a.admittedOn < b.admittedOn ? -1 : a.admittedOn > b.admittedOn ? 1 : 0,
  );
  let personId = 0;
  for (const plan of byAdmission) {
    const cell = plan.cell;
    if (!cell) throw new AppError('internal', 'unplaced member in demo');
    personId += 1;
    await writeMember(run, personId, plan, cell);
  }
  return { people: personId, memberships: personId, candidates: run.candidates };
}

async function writeMember(
  run: Run,
  personId: number,
  plan: PlannedMembership,
  cell: DemoCell,
): Promise<void> {
  const { writer, random, today } = run;
  const person = makePerson(random, personId, plan, cell, run.usedIds, run.now);
  await writer.person(person.row);
  for (const g of person.groups)
    // Youth-union membership ends at 30; the other groups hold from before admission.
    await writer.targetGroup(
      personId,
      g,
      addYears(plan.admittedOn, -2),
      g === 'youth_union' ? addYears(person.row.birthDate, 31) : OPEN,
    );
  const officialOn =
    plan.startReason === 'transfer_in' ? plan.admittedOn : addMonths(plan.admittedOn, 12);
  const isOfficial = officialOn < plan.endedOn && officialOn <= today;
  // The membership's decision numbers are drawn before the candidacy's history.
  const membership = {
    id: personId,
    personId,
    candidateId: null as number | null,
    admittedOn: plan.admittedOn,
    admissionDecisionNo: `${random.int(100, 999)}-QĐ/HU`,
    officialOn: isOfficial ? officialOn : null,
    officialDecisionNo: isOfficial ? `${random.int(100, 999)}-QĐ/HU` : null,
    endedOn: plan.endedOn,
    endReason: plan.endReason,
  };
  // Admissions since 2016 came through the pipeline: a candidate with every stage dated.
  if (plan.startReason === 'admitted' && plan.admittedOn >= '2016-01-01') {
    membership.candidateId = ++run.candidates;
    await writeCandidacy(run, membership.candidateId, personId, plan, cell, membership.officialOn);
  }
  await writer.membership(membership);
  for (const period of periodsOf(plan, cell, personId, officialOn, isOfficial))
    await writer.period(period);
}

/** The membership's time in its cell: one period, or probation then official. */
function periodsOf(
  plan: PlannedMembership,
  cell: DemoCell,
  personId: number,
  officialOn: string,
  isOfficial: boolean,
): SamplePeriod[] {
  const base = {
    membershipId: personId,
    personId,
    organizationId: cell.id,
    unitId: plan.unitId ?? null,
  };
  if (plan.startReason === 'transfer_in' || !isOfficial || officialOn <= plan.periodFrom)
    return [
      {
        ...base,
        status: isOfficial || plan.startReason === 'transfer_in' ? 'official' : 'probationary',
        startReason: plan.startReason,
        endReason: plan.endReason,
        validFrom: plan.periodFrom,
        validTo: plan.endedOn,
      },
    ];
  return [
    {
      ...base,
      status: 'probationary',
      startReason: 'admitted',
      endReason: 'recognized',
      validFrom: plan.periodFrom,
      validTo: officialOn,
    },
    {
      ...base,
      status: 'official',
      startReason: 'recognized',
      endReason: plan.endReason,
      validFrom: officialOn,
      validTo: plan.endedOn,
    },
  ];
}

/** The closed candidacy that led to an admission, with its transitions. */
async function writeCandidacy(
  run: Run,
  candidateId: number,
  personId: number,
  plan: PlannedMembership,
  cell: DemoCell,
  officialOn: string | null,
): Promise<void> {
  const history = pipelineHistory(
    run.random,
    plan.admittedOn,
    cell.parentLevel === 'grassroots',
    officialOn,
    run.today,
  );
  const trained = history.find((h) => h.to === 'trained');
  const last = history[history.length - 1];
  await run.writer.candidate({
    id: candidateId,
    personId,
    organizationId: cell.id,
    stage: last?.to ?? 'admitted',
    stageOn: last?.on ?? plan.admittedOn,
    identifiedOn: history[0]?.on ?? plan.admittedOn,
    fosteringOn: history.find((h) => h.to === 'fostering')?.on ?? null,
    closedOn: plan.admittedOn,
    certificateNumber: trained
      ? `${trained.on.slice(0, 4)}/GCN-TTCT-${String(candidateId).padStart(4, '0')}`
      : null,
    certificateIssuedOn: trained?.on ?? null,
    certificateIssuer: trained ? 'Trung tâm Chính trị huyện Điện Biên Đông' : null,
    backgroundCheckedOn: history.find((h) => h.to === 'dossier')?.on ?? null,
    createdAt: run.now,
    updatedAt: run.now,
  });
  let from: string | null = null;
  for (const step of history) {
    await run.writer.transition({
      candidateId,
      fromStage: from,
      toStage: step.to,
      on: step.on,
      actor: 'demo',
      details: step.details ? JSON.stringify(step.details) : null,
      recordedAt: run.now,
    });
    from = step.to;
  }
}

/** Occupation recorded for members of a sector's cells. */
const OCCUPATIONS: Record<string, string> = {
  commune: 'Nông dân',
  education: 'Giáo viên',
  armed_forces: 'Lực lượng vũ trang',
  health: 'Y tế',
  enterprises: 'Nhân viên doanh nghiệp',
  agencies: 'Cán bộ, công chức',
};

/** A person admitted as planned in a cell: identity drawn by the cell's sector. */
function makePerson(
  random: Random,
  id: number,
  plan: PlannedMembership,
  cell: DemoCell,
  usedIds: Set<string>,
  now: string,
): { row: SamplePerson; groups: TargetGroup[] } {
  const kinhLikely = cell.sector !== 'commune';
  const ethnicity =
    kinhLikely && random.chance(0.45) ? 'Kinh' : random.weighted(ETHNIC_GROUPS).name;
  const female = random.chance(
    cell.sector === 'education' ? 0.6 : cell.sector === 'armed_forces' ? 0.08 : 0.3,
  );
  const parts = ethnicity === 'Kinh' ? DISTRICT_KINH_NAMES : NAME_PARTS[ethnicity];
  if (!parts) throw new AppError('internal', 'name parts missing');
  const fullName = normalizeText(pickName(random, parts, female));
  const ageAtAdmission = random.int(19, 38);
  const birthDate = addDays(addYears(plan.admittedOn, -ageAtAdmission), -random.int(0, 360));
  const nationalId = newNationalId(random, birthDate, female, usedIds);
  const groups = targetGroupsOf(random, cell, ethnicity, female, ageAtAdmission);
  const education =
    cell.sector === 'commune'
      ? random.weighted([
          { v: 'primary', weight: 15 },
          { v: 'lower_secondary', weight: 40 },
          { v: 'upper_secondary', weight: 45 },
        ]).v
      : 'upper_secondary';
  // Property order is draw order: religion, phone, professional level, political theory.
  const row: SamplePerson = {
    id,
    fullName,
    nameFolded: foldText(fullName),
    nameSort: nameSortKey(fullName),
    gender: female ? 'female' : 'male',
    birthDate,
    ethnicity,
    religion: groups.includes('religious') ? random.pick(['Tin Lành', 'Công giáo']) : null,
    nationalId,
    phone: `09${String(random.int(0, 99999999)).padStart(8, '0')}`,
    unitId: plan.unitId ?? null,
    educationLevel: education,
    professionalLevel:
      cell.sector === 'commune'
        ? null
        : random.pick(['Trung cấp', 'Cao đẳng', 'Đại học', 'Đại học']),
    politicalTheory: random.weighted([
      { v: 'Sơ cấp', weight: 55 },
      { v: 'Trung cấp', weight: 35 },
      { v: 'Cao cấp', weight: 4 },
      { v: 'Chưa qua đào tạo', weight: 6 },
    ]).v,
    occupation: OCCUPATIONS[cell.sector] ?? 'Khác',
    createdAt: now,
    updatedAt: now,
  };
  return { row, groups };
}

/** A 12-digit citizen id (province 011, century and gender, birth year), unique in the demo. */
function newNationalId(
  random: Random,
  birthDate: string,
  female: boolean,
  usedIds: Set<string>,
): string {
  const century = Number(birthDate.slice(0, 4)) >= 2000 ? 2 : 0;
  let nationalId: string;
  do {
    nationalId = `011${century + (female ? 1 : 0)}${birthDate.slice(2, 4)}${String(random.int(0, 999999)).padStart(6, '0')}`;
  } while (usedIds.has(nationalId));
  usedIds.add(nationalId);
  return nationalId;
}

/** The target groups a member belongs to (SPEC §4), drawn by sector, gender and age. */
function targetGroupsOf(
  random: Random,
  cell: DemoCell,
  ethnicity: string,
  female: boolean,
  ageAtAdmission: number,
): TargetGroup[] {
  const groups: TargetGroup[] = [];
  if (ageAtAdmission <= 30 && random.chance(0.85)) groups.push('youth_union');
  if (ethnicity !== 'Kinh') groups.push('ethnic_minority');
  if (female) groups.push('woman');
  if (cell.sector === 'education') groups.push('teacher');
  if (cell.sector === 'armed_forces') groups.push('armed_forces');
  if (cell.sector === 'commune' && !female && random.chance(0.15)) groups.push('militia');
  if (cell.sector === 'commune' && random.chance(0.06)) groups.push('village_head');
  if (!female && random.chance(0.05)) groups.push('reserve_force');
  if (random.chance(0.03)) groups.push('religious');
  return groups;
}
