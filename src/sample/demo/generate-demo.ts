import type { Insertable } from 'kysely';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access/actor.ts';
import type {
  CandidateTable,
  CandidateTransitionTable,
  MemberPeriodTable,
  MembershipTable,
  OrganizationTable,
  PersonTable,
  UnitTable,
} from '../../server/db/schema.ts';
import { insertMany, resetIdSequences } from '../../server/db/bulk.ts';
import { AppError } from '../../server/lib/errors.ts';
import { addDays, addMonths, addYears, weekday } from '../../server/lib/dates.ts';
import { foldText, nameSortKey, normalizeText } from '../../shared/text.ts';
import type { TargetGroup } from '../../shared/enums.ts';
import {
  VIETNAM_HOLIDAYS,
  VIETNAM_MAKEUP_WORKDAYS,
} from '../../server/modules/calendar/holidays.data.ts';
import { recordEvent } from '../../server/modules/audit/audit.repository.ts';
import { reorganize } from '../../server/modules/organizations/organizations.service.ts';
import {
  COMMUNES,
  DISTRICT_BODIES,
  ETHNIC_GROUPS,
  NAME_PARTS,
  NEW_COMMUNES,
  SCHOOL_TYPES,
  VILLAGE_NAMES,
} from './places.ts';
import { Random } from '../random.ts';
import { seedDemoReports } from './reports.ts';
import { seedDemoPipeline } from './pipeline.ts';

/**
 * The demo installation "Điện Biên Đông 2016–2018" (SPEC §6). The generator writes events, never
 * answers: the article's figures come out of the report queries because the histories were
 * generated to the article's totals (2,805 members on 2016-09-30, 160 admissions in 2017,
 * 3,040 members on 2017-12-31, 605 members in 56 + 1 education cells over 1,820 staff, every
 * village with a member at the end of 2017).
 */

/** The article's figures the generator is built to (SPEC §6). */
export const DEMO_FIGURES = {
  membersAt20160930: 2805,
  admissions2017: 160,
  membersAt20171231: 3040,
  educationCells: 56,
  educationCombinedCells: 1,
  educationMembers: 605,
  educationStaff: 1820,
  plan2017: 100,
  plan2018: 150,
} as const;

// How the totals are reached between the two dates: 2805 - 30 + 70 + 35 + 160 = 3040.
const ENDED_IN_WINDOW = 30;
const ADMITTED_Q4_2016 = 70;
const TRANSFERRED_IN_2017 = 35;
const ADMITTED_2016_BEFORE_OCT = 80;
const HISTORIC_ENDED = 300;
const LATE_VILLAGES = 7;
const LATER_ADMISSIONS: Record<number, number> = {
  2018: 158,
  2019: 162,
  2020: 171,
  2021: 149,
  2022: 155,
  2023: 160,
  2024: 152,
  2025: 145,
  2026: 118,
};
const FOUNDED = '1975-01-01';
const REORGANIZED = '2025-07-01';
const OPEN = '9999-12-31';

interface Cell {
  id: number;
  code: string;
  sector: string;
  parentLevel: 'upper' | 'grassroots';
  /** Units members of this cell are attached to (the first is the usual one). */
  unitIds: number[];
  weight: number;
}

interface PlannedMembership {
  admittedOn: string;
  periodFrom: string;
  startReason: 'admitted' | 'transfer_in';
  endedOn: string;
  endReason: string | null;
  cell?: Cell;
  unitId?: number;
  pinned?: boolean;
}

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
  const existing = await ctx.db
    .selectFrom('organizations')
    .select('id')
    .limit(1)
    .executeTakeFirst();
  if (existing)
    throw new AppError(
      'validation',
      'Cơ sở dữ liệu đã có dữ liệu; bản demo cần một cơ sở dữ liệu trống',
      [{ field: 'database', message: 'not empty' }],
    );
  const random = new Random(seed);
  const today = ctx.clock.today();
  const now = ctx.clock.now();
  const db = ctx.db;

  const result = await db.transaction().execute(async (trx) => {
    let orgId = 0;
    let unitId = 0;
    const orgRows: Insertable<OrganizationTable>[] = [];
    const links: { organizationId: number; parentId: number | null }[] = [];
    const unitRows: Insertable<UnitTable>[] = [];
    const coverage: { unitId: number; organizationId: number }[] = [];
    const cells: Cell[] = [];

    const addOrg = (
      code: string,
      name: string,
      kind: 'committee' | 'cell',
      level: string,
      parentId: number | null,
      extra: { sector?: string | null; combined?: boolean; decides?: boolean } = {},
    ) => {
      orgId += 1;
      const clean = normalizeText(name);
      orgRows.push({
        id: orgId,
        code,
        name: clean,
        nameFolded: foldText(clean),
        kind,
        level,
        sector: extra.sector ?? null,
        combined: extra.combined ? 1 : 0,
        decidesAdmissions: extra.decides ? 1 : 0,
        educationException: 1,
        hasYouthUnion: 1,
        establishedOn: FOUNDED,
        createdAt: now,
      });
      links.push({ organizationId: orgId, parentId });
      return orgId;
    };
    const addUnit = (
      code: string,
      name: string,
      kind: string,
      communeUnitId: number | null,
      sector: string | null,
      staff: number | null,
    ) => {
      unitId += 1;
      const clean = normalizeText(name);
      unitRows.push({
        id: unitId,
        code,
        name: clean,
        nameFolded: foldText(clean),
        kind,
        communeUnitId,
        sector,
        staffCount: staff,
        validFrom: FOUNDED,
      });
      return unitId;
    };

    // The tree: province, district, communes with village cells, schools, district bodies.
    const province = addOrg('DB', 'Đảng bộ tỉnh Điện Biên', 'committee', 'top', null, {
      decides: true,
    });
    const district = addOrg('DBD', 'Đảng bộ huyện Điện Biên Đông', 'committee', 'upper', province, {
      decides: true,
    });
    const communeOrg = new Map<string, number>();
    const communeUnit = new Map<string, number>();
    const lateVillageIds: number[] = [];
    const allVillageIds: number[] = [];
    const lateCandidates: number[] = [];
    let villageName = 0;
    for (const commune of COMMUNES) {
      const label = commune.kind === 'township' ? `thị trấn ${commune.name}` : `xã ${commune.name}`;
      const cuId = addUnit(
        `U-${commune.code}`,
        commune.kind === 'township' ? `Thị trấn ${commune.name}` : `Xã ${commune.name}`,
        commune.kind,
        null,
        'commune',
        null,
      );
      communeUnit.set(commune.code, cuId);
      const coId = addOrg(
        `DBD-${commune.code}`,
        `Đảng bộ ${label}`,
        'committee',
        'grassroots',
        district,
        { sector: 'commune' },
      );
      communeOrg.set(commune.code, coId);
      coverage.push({ unitId: cuId, organizationId: coId });
      const agencyUnit = addUnit(
        `U-${commune.code}-UB`,
        `Cơ quan ${label}`,
        'agency',
        cuId,
        'agencies',
        20,
      );
      const agencyCell = addOrg(
        `DBD-${commune.code}-CQ`,
        `Chi bộ Cơ quan ${label}`,
        'cell',
        'cell',
        coId,
        { sector: 'agencies' },
      );
      coverage.push({ unitId: agencyUnit, organizationId: agencyCell });
      cells.push({
        id: agencyCell,
        code: `DBD-${commune.code}-CQ`,
        sector: 'agencies',
        parentLevel: 'grassroots',
        unitIds: [agencyUnit],
        weight: 12,
      });
      const prefix = commune.kind === 'township' ? 'Tổ dân phố' : 'Bản';
      let previousCell: Cell | null = null;
      for (let v = 1; v <= commune.villages; v++) {
        const stem =
          commune.kind === 'township'
            ? String(v)
            : VILLAGE_NAMES[villageName++ % VILLAGE_NAMES.length];
        const vCode = `U-${commune.code}-B${String(v).padStart(2, '0')}`;
        const vId = addUnit(
          vCode,
          `${prefix} ${stem}${commune.kind === 'township' ? '' : ` (${commune.name})`}`,
          'village',
          cuId,
          'commune',
          null,
        );
        allVillageIds.push(vId);
        // Every fifth village (not the first of a commune) has no cell of its own: it is served by the previous village's cell.
        if (v % 5 === 0 && previousCell) {
          coverage.push({ unitId: vId, organizationId: previousCell.id });
          previousCell.unitIds.push(vId);
          lateCandidates.push(vId);
          continue;
        }
        const cCode = `DBD-${commune.code}-B${String(v).padStart(2, '0')}`;
        const cId = addOrg(cCode, `Chi bộ ${prefix.toLowerCase()} ${stem}`, 'cell', 'cell', coId, {
          sector: 'commune',
        });
        coverage.push({ unitId: vId, organizationId: cId });
        previousCell = {
          id: cId,
          code: cCode,
          sector: 'commune',
          parentLevel: 'grassroots',
          unitIds: [vId],
          weight: 10,
        };
        cells.push(previousCell);
      }
    }
    lateVillageIds.push(...random.shuffle(lateCandidates).slice(0, LATE_VILLAGES));

    // Schools: 52 in the communes, 4 at the district, each with its own cell; 3 small ones share a combined cell.
    const schoolCells: Cell[] = [];
    const schoolStaff: number[] = [];
    const schoolUnitIds: number[] = [];
    const schools: { code: string; name: string; commune: string | null; staff: number }[] = [];
    COMMUNES.forEach((commune, index) => {
      for (const type of SCHOOL_TYPES)
        schools.push({
          code: `${type.prefix}-${commune.code}`,
          name: `${type.name} ${commune.kind === 'township' ? 'thị trấn ' : ''}${commune.name}`,
          commune: commune.code,
          staff: type.staff + random.int(-5, 5),
        });
      if (index < 7)
        schools.push({
          code: `TH2-${commune.code}`,
          name: `Trường Tiểu học số 2 ${commune.name}`,
          commune: commune.code,
          staff: 28 + random.int(-4, 4),
        });
    });
    schools.push(
      { code: 'THPT-DBD', name: 'Trường THPT huyện Điện Biên Đông', commune: null, staff: 72 },
      { code: 'THPT-ML', name: 'Trường THPT Mường Luân', commune: null, staff: 58 },
      {
        code: 'PTDTNT',
        name: 'Trường PTDT Nội trú huyện Điện Biên Đông',
        commune: null,
        staff: 62,
      },
      { code: 'GDNN', name: 'Trung tâm GDNN - GDTX huyện', commune: null, staff: 30 },
    );
    const smallSchools = ['HL', 'TD', 'SD'].map((c) => ({
      code: `MN2-${c}`,
      name: `Trường Mầm non số 2 ${COMMUNES.find((x) => x.code === c)?.name ?? c}`,
      commune: c,
      staff: 12 + random.int(0, 4),
    }));
    // Adjust the last district school so that all education staff add up to the article's 1,820.
    const staffSoFar = [...schools, ...smallSchools].reduce((s, x) => s + x.staff, 0);
    const last = schools[schools.length - 1];
    if (last) last.staff += DEMO_FIGURES.educationStaff - staffSoFar;
    for (const school of schools) {
      const cu = school.commune
        ? (communeUnit.get(school.commune) ?? null)
        : (communeUnit.get('TT') ?? null);
      const uId = addUnit(`U-${school.code}`, school.name, 'school', cu, 'education', school.staff);
      const parent = school.commune ? (communeOrg.get(school.commune) ?? district) : district;
      const code = school.commune
        ? `DBD-${school.commune}-${school.code.split('-')[0] ?? 'T'}`
        : `DBD-${school.code}`;
      const cId = addOrg(
        code,
        `Chi bộ ${school.name}`,
        'cell',
        school.commune ? 'cell' : 'grassroots_cell',
        parent,
        { sector: 'education' },
      );
      coverage.push({ unitId: uId, organizationId: cId });
      const cell: Cell = {
        id: cId,
        code,
        sector: 'education',
        parentLevel: school.commune ? 'grassroots' : 'upper',
        unitIds: [uId],
        weight: school.staff,
      };
      schoolCells.push(cell);
      schoolStaff.push(school.staff);
      schoolUnitIds.push(uId);
    }
    const combinedId = addOrg(
      'DBD-GHEP-MN',
      'Chi bộ ghép các trường Mầm non số 2 (Háng Lìa, Tìa Dình, Sa Dung)',
      'cell',
      'grassroots_cell',
      district,
      { sector: 'education', combined: true },
    );
    const combinedUnits = smallSchools.map((s) =>
      addUnit(
        `U-${s.code}`,
        s.name,
        'school',
        communeUnit.get(s.commune) ?? null,
        'education',
        s.staff,
      ),
    );
    for (const u of combinedUnits) coverage.push({ unitId: u, organizationId: combinedId });
    schoolCells.push({
      id: combinedId,
      code: 'DBD-GHEP-MN',
      sector: 'education',
      parentLevel: 'upper',
      unitIds: combinedUnits,
      weight: 40,
    });

    // District bodies.
    const bodyCells: Cell[] = [];
    for (const body of DISTRICT_BODIES) {
      const uId = addUnit(
        `U-${body.code}`,
        body.unit,
        body.sector === 'armed_forces'
          ? 'armed_forces'
          : body.sector === 'health'
            ? 'health'
            : body.sector === 'enterprises'
              ? 'enterprise'
              : 'agency',
        communeUnit.get('TT') ?? null,
        body.sector,
        body.staff,
      );
      if (body.name.startsWith('Đảng bộ')) {
        const committee = addOrg(
          `DBD-${body.code}`,
          body.name,
          'committee',
          'grassroots',
          district,
          { sector: body.sector },
        );
        coverage.push({ unitId: uId, organizationId: committee });
        for (let i = 1; i <= 3; i++) {
          const code = `DBD-${body.code}-${i}`;
          const cId = addOrg(code, `Chi bộ ${i} - ${body.unit}`, 'cell', 'cell', committee, {
            sector: body.sector,
          });
          bodyCells.push({
            id: cId,
            code,
            sector: body.sector,
            parentLevel: 'grassroots',
            unitIds: [uId],
            weight: body.share * 3,
          });
        }
      } else {
        const code = `DBD-${body.code}`;
        const cId = addOrg(code, body.name, 'cell', 'grassroots_cell', district, {
          sector: body.sector,
        });
        coverage.push({ unitId: uId, organizationId: cId });
        bodyCells.push({
          id: cId,
          code,
          sector: body.sector,
          parentLevel: 'upper',
          unitIds: [uId],
          weight: body.share * 8,
        });
      }
    }
    // The province's own bodies (outside the demo district) are not part of the demo.

    await insertMany(trx, 'organizations', orgRows);
    await insertMany(trx, 'units', unitRows);
    await insertMany(
      trx,
      'organizationLinks',
      links.map((l) => ({ ...l, validFrom: FOUNDED })),
    );
    // Closure rows from the static tree.
    const parentOf = new Map(links.map((l) => [l.organizationId, l.parentId]));
    const closure: {
      ancestorId: number;
      descendantId: number;
      depth: number;
      validFrom: string;
    }[] = [];
    for (const { organizationId } of links) {
      let depth = 0;
      let current: number | null | undefined = organizationId;
      while (current != null) {
        closure.push({
          ancestorId: current,
          descendantId: organizationId,
          depth,
          validFrom: FOUNDED,
        });
        current = parentOf.get(current);
        depth += 1;
      }
    }
    await insertMany(trx, 'organizationClosure', closure);
    await insertMany(
      trx,
      'unitCoverage',
      coverage.map((c) => ({ ...c, validFrom: FOUNDED })),
    );
    await resetIdSequences(trx, ['organizations', 'units']);

    // Memberships, planned as events before anyone is placed.
    const plans: PlannedMembership[] = [];
    const endAfter2017 = (from: string): { endedOn: string; endReason: string | null } => {
      for (
        let year = Math.max(2018, Number(from.slice(0, 4)) + 1);
        year <= Number(today.slice(0, 4));
        year++
      ) {
        if (random.chance(0.011)) {
          const endedOn = randomWeekday(
            random,
            `${year}-01-02`,
            year === Number(today.slice(0, 4)) ? today : `${year}-12-28`,
          );
          if (endedOn > from && endedOn <= today)
            return {
              endedOn,
              endReason: random.pick(['died', 'transferred_out', 'transferred_out', 'left']),
            };
        }
      }
      return { endedOn: OPEN, endReason: null };
    };
    // Base: 2,805 members on 2016-09-30, 80 of them admitted earlier in 2016; 30 of them end before 2018.
    for (let i = 0; i < DEMO_FIGURES.membersAt20160930; i++) {
      const admittedOn =
        i < ADMITTED_2016_BEFORE_OCT
          ? randomWeekday(random, '2016-01-04', '2016-09-29')
          : randomWeekday(random, pastAdmissionYear(random), '2015-12-30');
      const ending = i >= DEMO_FIGURES.membersAt20160930 - ENDED_IN_WINDOW;
      const end = ending
        ? {
            endedOn: randomWeekday(random, '2016-10-03', '2017-12-28'),
            endReason: random.pick(['died', 'transferred_out']),
          }
        : endAfter2017(admittedOn);
      plans.push({ admittedOn, periodFrom: admittedOn, startReason: 'admitted', ...end });
    }
    const survivors = plans.slice(0, DEMO_FIGURES.membersAt20160930 - ENDED_IN_WINDOW);
    for (let i = 0; i < HISTORIC_ENDED; i++) {
      const admittedOn = randomWeekday(random, '1976-01-05', '2009-12-30');
      const endedOn = randomWeekday(
        random,
        maxIso(addYears(admittedOn, 2), '2000-01-03'),
        '2016-09-29',
      );
      plans.push({
        admittedOn,
        periodFrom: admittedOn,
        startReason: 'admitted',
        endedOn,
        endReason: random.pick(['died', 'transferred_out', 'removed']),
      });
    }
    const admissions2017: PlannedMembership[] = [];
    for (let i = 0; i < ADMITTED_Q4_2016; i++) {
      const admittedOn = randomWeekday(random, '2016-10-03', '2016-12-29');
      plans.push({
        admittedOn,
        periodFrom: admittedOn,
        startReason: 'admitted',
        ...endAfter2017(admittedOn),
      });
    }
    for (let i = 0; i < DEMO_FIGURES.admissions2017; i++) {
      const admittedOn = randomWeekday(random, '2017-01-04', '2017-12-28');
      const plan: PlannedMembership = {
        admittedOn,
        periodFrom: admittedOn,
        startReason: 'admitted',
        ...endAfter2017(admittedOn),
      };
      plans.push(plan);
      admissions2017.push(plan);
    }
    for (let i = 0; i < TRANSFERRED_IN_2017; i++) {
      const periodFrom = randomWeekday(random, '2017-01-04', '2017-12-28');
      plans.push({
        admittedOn: randomWeekday(random, '1990-01-03', '2015-06-30'),
        periodFrom,
        startReason: 'transfer_in',
        ...endAfter2017(periodFrom),
      });
    }
    for (const [year, count] of Object.entries(LATER_ADMISSIONS)) {
      const until =
        Number(year) === Number(today.slice(0, 4)) ? addDays(today, -7) : `${year}-12-28`;
      for (let i = 0; i < count; i++) {
        const admittedOn = randomWeekday(random, `${year}-01-04`, until);
        plans.push({
          admittedOn,
          periodFrom: admittedOn,
          startReason: 'admitted',
          ...endAfter2017(admittedOn),
        });
      }
    }

    // Placement. Education gets exactly 605 of the members present on 2017-12-31.
    const presentEnd2017 = plans.filter(
      (p) => p.periodFrom <= '2017-12-31' && p.endedOn > '2017-12-31',
    );
    const villageCells = cells.filter((c) => c.sector === 'commune');
    const otherCells = [...cells, ...bodyCells];
    const cellOfVillage = new Map<number, Cell>();
    for (const c of villageCells) for (const u of c.unitIds) cellOfVillage.set(u, c);
    // The seven villages without a member until 2017 each get their first member among the 2017 admissions.
    random.shuffle(admissions2017);
    lateVillageIds.forEach((villageId, i) => {
      const plan = admissions2017[i];
      const cell = cellOfVillage.get(villageId);
      if (plan && cell) Object.assign(plan, { cell, unitId: villageId, pinned: true });
    });
    // Every other village keeps at least one member from before 2016-09-30 through 2017.
    const survivorPool = random.shuffle([...survivors]);
    let s = 0;
    for (const villageId of allVillageIds) {
      if (lateVillageIds.includes(villageId)) continue;
      const cell = cellOfVillage.get(villageId);
      const plan = survivorPool[s++];
      if (plan && cell) Object.assign(plan, { cell, unitId: villageId, pinned: true });
    }
    const unplacedEnd2017 = random.shuffle(presentEnd2017.filter((p) => !p.pinned));
    const educationPlans = unplacedEnd2017.slice(0, DEMO_FIGURES.educationMembers);
    const weightedSchools = schoolCells.map((c) => ({ cell: c, weight: c.weight }));
    educationPlans.forEach((plan, i) => {
      // Round-robin first so that every education cell has members, then by size.
      const cell = i < schoolCells.length ? schoolCells[i] : random.weighted(weightedSchools).cell;
      if (cell) Object.assign(plan, { cell, unitId: random.pick(cell.unitIds) });
    });
    const weightedOthers = otherCells.map((c) => ({ cell: c, weight: c.weight }));
    const inLateVillage = new Set(lateVillageIds);
    for (const plan of plans) {
      if (plan.cell) continue;
      // Members outside the 2017 snapshot follow the same mix: about one in five in education.
      const presentIn2017 = presentEnd2017.includes(plan);
      const cell =
        !presentIn2017 && random.chance(0.2)
          ? random.weighted(weightedSchools).cell
          : random.weighted(weightedOthers).cell;
      const usual = cell.unitIds.filter((u) => !inLateVillage.has(u));
      Object.assign(plan, {
        cell,
        unitId:
          cell.sector === 'education' ? random.pick(cell.unitIds) : (usual[0] ?? cell.unitIds[0]),
      });
    }

    // People, memberships, periods, target groups.
    const people: Insertable<PersonTable>[] = [];
    const memberships: Insertable<MembershipTable>[] = [];
    const periods: Insertable<MemberPeriodTable>[] = [];
    const groups: {
      personId: number;
      targetGroup: TargetGroup;
      validFrom: string;
      validTo: string;
    }[] = [];
    const candidates: Insertable<CandidateTable>[] = [];
    const transitions: Insertable<CandidateTransitionTable>[] = [];
    const usedIds = new Set<string>();
    let personId = 0;
    let candidateId = 0;
    const byAdmission = [...plans].sort((a, b) =>
      a.admittedOn < b.admittedOn ? -1 : a.admittedOn > b.admittedOn ? 1 : 0,
    );
    for (const plan of byAdmission) {
      const cell = plan.cell;
      if (!cell) throw new AppError('internal', 'unplaced member in demo');
      personId += 1;
      const person = makePerson(random, personId, plan, cell, usedIds, now);
      people.push(person.row);
      for (const g of person.groups) {
        // Youth-union membership ends at 30; the other groups hold from before admission.
        const validTo = g === 'youth_union' ? addYears(person.row.birthDate, 31) : OPEN;
        groups.push({
          personId,
          targetGroup: g,
          validFrom: addYears(plan.admittedOn, -2),
          validTo,
        });
      }
      const membershipId = personId;
      const officialOn =
        plan.startReason === 'transfer_in' ? plan.admittedOn : addMonths(plan.admittedOn, 12);
      const isOfficial = officialOn < plan.endedOn && officialOn <= today;
      memberships.push({
        id: membershipId,
        personId,
        candidateId: null,
        admittedOn: plan.admittedOn,
        admissionDecisionNo: `${random.int(100, 999)}-QĐ/HU`,
        officialOn: isOfficial ? officialOn : null,
        officialDecisionNo: isOfficial ? `${random.int(100, 999)}-QĐ/HU` : null,
        endedOn: plan.endedOn,
        endReason: plan.endReason,
      });
      const base = { membershipId, personId, organizationId: cell.id, unitId: plan.unitId ?? null };
      if (plan.startReason === 'transfer_in' || !isOfficial || officialOn <= plan.periodFrom) {
        periods.push({
          ...base,
          status: isOfficial || plan.startReason === 'transfer_in' ? 'official' : 'probationary',
          startReason: plan.startReason,
          endReason: plan.endReason,
          validFrom: plan.periodFrom,
          validTo: plan.endedOn,
        });
      } else {
        periods.push({
          ...base,
          status: 'probationary',
          startReason: 'admitted',
          endReason: 'recognized',
          validFrom: plan.periodFrom,
          validTo: officialOn,
        });
        periods.push({
          ...base,
          status: 'official',
          startReason: 'recognized',
          endReason: plan.endReason,
          validFrom: officialOn,
          validTo: plan.endedOn,
        });
      }
      // Admissions since 2016 came through the pipeline: a candidate with every stage dated.
      if (plan.startReason === 'admitted' && plan.admittedOn >= '2016-01-01') {
        candidateId += 1;
        const history = pipelineHistory(
          random,
          plan.admittedOn,
          cell.parentLevel === 'grassroots',
          isOfficial ? officialOn : null,
          today,
        );
        const trained = history.find((h) => h.to === 'trained');
        const last = history[history.length - 1];
        candidates.push({
          id: candidateId,
          personId,
          organizationId: cell.id,
          stage: last?.to ?? 'admitted',
          stageOn: last?.on ?? plan.admittedOn,
          identifiedOn: history[0]?.on ?? plan.admittedOn,
          fosteringOn: history.find((h) => h.to === 'fostering')?.on ?? null,
          closedOn: plan.admittedOn,
          failedVotes: 0,
          certificateNumber: trained
            ? `${trained.on.slice(0, 4)}/GCN-TTCT-${String(candidateId).padStart(4, '0')}`
            : null,
          certificateIssuedOn: trained?.on ?? null,
          certificateIssuer: trained ? 'Trung tâm Chính trị huyện Điện Biên Đông' : null,
          backgroundCheckedOn: history.find((h) => h.to === 'dossier')?.on ?? null,
          createdAt: now,
          updatedAt: now,
        });
        memberships[memberships.length - 1] = {
          ...memberships[memberships.length - 1],
          candidateId,
        } as Insertable<MembershipTable>;
        let from: string | null = null;
        for (const step of history) {
          transitions.push({
            candidateId,
            fromStage: from,
            toStage: step.to,
            on: step.on,
            actor: 'demo',
            reason: null,
            details: step.details ? JSON.stringify(step.details) : null,
            recordedAt: now,
          });
          from = step.to;
        }
      }
    }
    await insertMany(trx, 'people', people);
    await insertMany(trx, 'personTargetGroups', groups);
    await insertMany(trx, 'candidates', candidates);
    await insertMany(trx, 'memberships', memberships);
    await insertMany(trx, 'memberPeriods', periods);
    await insertMany(trx, 'candidateTransitions', transitions);
    await resetIdSequences(trx, [
      'people',
      'memberships',
      'candidates',
      'member_periods',
      'candidate_transitions',
    ]);

    // Plans, the resolution, the holiday calendar.
    const planRow = (
      organizationId: number,
      year: number,
      metric: string,
      target: number,
      extra: { sector?: string; targetMax?: number; focusGroups?: string[]; note?: string } = {},
    ) => ({
      organizationId,
      year,
      metric,
      target,
      sector: extra.sector ?? null,
      targetMax: extra.targetMax ?? null,
      focusGroups: extra.focusGroups ? JSON.stringify(extra.focusGroups) : null,
      note: extra.note ?? null,
      validFrom: `${year - 1}-12-15`,
    });
    await insertMany(trx, 'plans', [
      planRow(district, 2016, 'admissions', 130, {
        note: 'Minh họa: kế hoạch năm 2016 không có trong bài báo',
      }),
      planRow(district, 2017, 'admissions', DEMO_FIGURES.plan2017),
      planRow(district, 2018, 'admissions', DEMO_FIGURES.plan2018, {
        focusGroups: [
          'armed_forces',
          'youth_union',
          'militia',
          'reserve_force',
          'village_head',
          'teacher',
          'ethnic_minority',
        ],
        note: 'Phấn đấu kết nạp từ 150 đảng viên trở lên',
      }),
      planRow(district, 2017, 'candidates_fostered', 55, { sector: 'education', targetMax: 60 }),
      planRow(district, 2018, 'candidates_fostered', 55, { sector: 'education', targetMax: 60 }),
      ...COMMUNES.map((c) =>
        planRow(
          communeOrg.get(c.code) ?? district,
          2017,
          'admissions',
          Math.max(3, Math.round(c.villages / 2)),
        ),
      ),
    ]);
    const { id: resolutionId } = await trx
      .insertInto('resolutions')
      .values({
        organizationId: district,
        code: '06-NQ/HU',
        title:
          'Nghị quyết số 06 về tăng cường xây dựng, củng cố nâng cao chất lượng hoạt động của chi bộ và phát triển đảng viên, giai đoạn 2016 - 2020',
        adoptedOn: '2016-09-30',
        fromYear: 2016,
        toYear: 2020,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertMany(trx, 'resolutionIndicators', [
      {
        resolutionId,
        code: 'members',
        name: 'Tổng số đảng viên',
        metric: 'members',
        baseline: DEMO_FIGURES.membersAt20160930,
        baselineOn: '2016-09-30',
        target: 3400,
        direction: 'increase',
        sort: 1,
      },
      {
        resolutionId,
        code: 'villages_without_members',
        name: 'Số bản chưa có đảng viên',
        metric: 'villages_without_members',
        baseline: LATE_VILLAGES,
        baselineOn: '2016-09-30',
        target: 0,
        direction: 'decrease',
        sort: 2,
      },
      {
        resolutionId,
        code: 'admissions_per_year',
        name: 'Số đảng viên kết nạp mỗi năm',
        metric: 'admissions_year',
        baseline: null,
        baselineOn: null,
        target: 150,
        direction: 'increase',
        sort: 3,
      },
    ]);
    await insertMany(
      trx,
      'holidays',
      [
        ...VIETNAM_HOLIDAYS.map((h) => ({
          date: h.date,
          name: h.name,
          nameVi: h.nameVi,
          kind: h.kind,
          working: 0,
        })),
        ...VIETNAM_MAKEUP_WORKDAYS.map((w) => ({
          date: w.date,
          name: w.note,
          nameVi: w.note,
          kind: 'makeup_workday',
          working: 1,
        })),
      ].filter((h, i, all) => all.findIndex((x) => x.date === h.date) === i),
    );
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
      after: { seed, organizations: orgRows.length, people: people.length },
    });
    return {
      organizations: orgRows.length,
      units: unitRows.length,
      people: people.length,
      memberships: memberships.length,
      candidates: candidates.length,
    };
  });

  // The 2025 reorganization: the district is abolished and its organizations move under new commune committees.
  await reorganize(ctx, actor, {
    on: REORGANIZED,
    decisionNo: '1234-QĐ/TU',
    reason: 'Sắp xếp tổ chức bộ máy: không tổ chức cấp huyện, sáp nhập xã (Nghị quyết 60-NQ/TW)',
    steps: [
      ...NEW_COMMUNES.map((c) => ({
        op: 'create' as const,
        code: c.code,
        name: c.name,
        kind: 'committee' as const,
        level: 'grassroots' as const,
        parentCode: 'DB',
        sector: 'commune' as const,
        decidesAdmissions: true,
        educationException: true,
      })),
      ...COMMUNES.map((c) => ({
        op: 'merge' as const,
        codes: [`DBD-${c.code}`],
        intoCode: c.mergesInto,
      })),
      ...DISTRICT_BODIES.map((b) => ({
        op: 'move' as const,
        code: `DBD-${b.code}`,
        toParentCode: b.mergesInto,
      })),
      { op: 'move' as const, code: 'DBD-THPT-DBD', toParentCode: 'X-DBD' },
      { op: 'move' as const, code: 'DBD-THPT-ML', toParentCode: 'X-ML' },
      { op: 'move' as const, code: 'DBD-PTDTNT', toParentCode: 'X-DBD' },
      { op: 'move' as const, code: 'DBD-GDNN', toParentCode: 'X-DBD' },
      { op: 'move' as const, code: 'DBD-GHEP-MN', toParentCode: 'X-PG' },
      { op: 'dissolve' as const, code: 'DBD' },
    ],
  });
  await seedDemoPipeline(ctx, actor);
  await seedDemoReports(ctx, actor);
  return { ...result, organizations: result.organizations + NEW_COMMUNES.length };
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

/** A weekday between two dates (inclusive), for ceremonies and decisions. */
function randomWeekday(random: Random, from: string, to: string): string {
  const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  for (;;) {
    const d = addDays(from, random.int(0, span));
    const w = weekday(d);
    if (w !== 0 && w !== 6) return d;
    if (span < 3) return d;
  }
}

/** A start year for an admission before 2016, weighted to recent decades. */
function pastAdmissionYear(random: Random): string {
  const decade = random.weighted([
    { from: 1976, weight: 5 },
    { from: 1986, weight: 10 },
    { from: 1996, weight: 22 },
    { from: 2006, weight: 40 },
    { from: 2011, weight: 23 },
  ]).from;
  return `${decade}-01-05`;
}

interface Step {
  to: string;
  on: string;
  details?: Record<string, unknown>;
}

/** The dated stages a candidate went through to a ceremony on `admittedOn` (and recognition after it). */
function pipelineHistory(
  random: Random,
  admittedOn: string,
  committeeReview: boolean,
  officialOn: string | null,
  today: string,
): Step[] {
  const decided = addDays(admittedOn, -random.int(14, 35));
  const reviewed = committeeReview ? addDays(decided, -random.int(10, 30)) : null;
  const voted = addDays(reviewed ?? decided, -random.int(7, 25));
  const dossier = addDays(voted, -random.int(20, 60));
  const trained = addDays(dossier, -random.int(15, 90));
  const fostering = addDays(trained, -random.int(60, 240));
  const source = addDays(fostering, -random.int(30, 120));
  const officialMembers = random.int(9, 30);
  const present = officialMembers - random.int(0, 2);
  const steps: Step[] = [
    { to: 'source', on: source },
    { to: 'fostering', on: fostering },
    { to: 'trained', on: trained },
    { to: 'dossier', on: dossier },
    {
      to: 'cell_voted',
      on: voted,
      details: {
        vote: {
          officialMembers,
          present,
          inFavour: present,
          resolutionNo: `${random.int(1, 40)}-NQ/CB`,
        },
      },
    },
  ];
  if (reviewed) {
    const members = random.int(7, 15);
    steps.push({
      to: 'committee_reviewed',
      on: reviewed,
      details: {
        vote: {
          members,
          inFavour: members - random.int(0, 1),
          resolutionNo: `${random.int(1, 90)}-NQ/ĐU`,
        },
      },
    });
  }
  steps.push({
    to: 'decided',
    on: decided,
    details: { decision: { number: `${random.int(100, 999)}-QĐ/HU`, on: decided } },
  });
  steps.push({ to: 'admitted', on: admittedOn });
  if (officialOn) {
    const review = addDays(officialOn, random.int(1, 20));
    if (review <= today) {
      const reviewMembers = random.int(9, 30);
      steps.push({
        to: 'probation_review',
        on: review,
        details: {
          vote: { officialMembers: reviewMembers, present: reviewMembers, inFavour: reviewMembers },
        },
      });
      const recognized = addDays(review, random.int(5, 25));
      if (recognized <= today)
        steps.push({
          to: 'official',
          on: recognized,
          details: { decision: { number: `${random.int(100, 999)}-QĐ/HU`, on: recognized } },
        });
    }
  }
  return steps;
}

function makePerson(
  random: Random,
  id: number,
  plan: PlannedMembership,
  cell: Cell,
  usedIds: Set<string>,
  now: string,
): { row: Insertable<PersonTable>; groups: TargetGroup[] } {
  const kinhLikely = cell.sector !== 'commune';
  const ethnicity =
    kinhLikely && random.chance(0.45) ? 'Kinh' : random.weighted(ETHNIC_GROUPS).name;
  const female = random.chance(
    cell.sector === 'education' ? 0.6 : cell.sector === 'armed_forces' ? 0.08 : 0.3,
  );
  const parts = NAME_PARTS[ethnicity] ?? NAME_PARTS.Kinh;
  if (!parts) throw new AppError('internal', 'name parts missing');
  const fullName = normalizeText(
    `${random.pick(parts.family)} ${random.pick(female ? parts.middleFemale : parts.middleMale)} ${random.pick(female ? parts.givenFemale : parts.givenMale)}`,
  );
  const ageAtAdmission = random.int(19, 38);
  const birthDate = addDays(addYears(plan.admittedOn, -ageAtAdmission), -random.int(0, 360));
  let nationalId: string;
  do {
    const century = Number(birthDate.slice(0, 4)) >= 2000 ? 2 : 0;
    nationalId = `011${century + (female ? 1 : 0)}${birthDate.slice(2, 4)}${String(random.int(0, 999999)).padStart(6, '0')}`;
  } while (usedIds.has(nationalId));
  usedIds.add(nationalId);
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
  const education =
    cell.sector === 'commune'
      ? random.weighted([
          { v: 'primary', weight: 15 },
          { v: 'lower_secondary', weight: 40 },
          { v: 'upper_secondary', weight: 45 },
        ]).v
      : 'upper_secondary';
  return {
    row: {
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
      address: null,
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
      occupation:
        {
          commune: 'Nông dân',
          education: 'Giáo viên',
          armed_forces: 'Lực lượng vũ trang',
          health: 'Y tế',
          enterprises: 'Nhân viên doanh nghiệp',
          agencies: 'Cán bộ, công chức',
        }[cell.sector] ?? 'Khác',
      mergedIntoId: null,
      createdAt: now,
      updatedAt: now,
    },
    groups,
  };
}
