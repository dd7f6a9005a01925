import type { Random } from '../random.ts';
import type { SampleWriter } from '../writer.ts';
import { DEMO_FIGURES, FOUNDED, LATE_VILLAGES } from './figures.ts';
import {
  COMMUNES,
  DISTRICT_BODIES,
  SCHOOL_TYPES,
  VILLAGE_NAMES,
  type DemoCommune,
} from './places.ts';

/**
 * The demo's tree as it stood from 1975 to the 2025 reorganization: the province, the district,
 * its 15 communes with their village cells and agency cells, the schools (each with its cell, three
 * small ones in a combined cell) and the district bodies. Members are placed in its cells later.
 */

/** A cell members are placed in. */
export interface DemoCell {
  id: number;
  code: string;
  sector: string;
  parentLevel: 'upper' | 'grassroots';
  /** Units members of this cell are attached to (the first is the usual one). */
  unitIds: number[];
  weight: number;
}

/** What the rest of the demo needs from the tree. */
export interface DemoTree {
  district: number;
  /** Commune committees by commune code. */
  communeOrg: Map<string, number>;
  /** The communes' agency and village cells, in creation order. */
  cells: DemoCell[];
  /** The education cells (one per school and the combined one). */
  schoolCells: DemoCell[];
  /** The cells of the district bodies. */
  bodyCells: DemoCell[];
  allVillageIds: number[];
  /** Villages without a member until 2017. */
  lateVillageIds: number[];
  organizations: number;
  units: number;
}

/** Assigns ids in creation order and writes organizations (with their ancestors) and units. */
class TreeBuilder {
  #organizations = 0;
  #units = 0;
  readonly #ancestors = new Map<number, number[]>();
  readonly #writer: SampleWriter;
  readonly #now: string;

  constructor(writer: SampleWriter, now: string) {
    this.#writer = writer;
    this.#now = now;
  }

  get organizations(): number {
    return this.#organizations;
  }

  get units(): number {
    return this.#units;
  }

  async org(
    code: string,
    name: string,
    kind: 'committee' | 'cell',
    level: string,
    parentId: number | null,
    extra: { sector?: string | null; combined?: boolean; decides?: boolean } = {},
  ): Promise<number> {
    const id = ++this.#organizations;
    const ancestors = parentId === null ? [] : [parentId, ...(this.#ancestors.get(parentId) ?? [])];
    this.#ancestors.set(id, ancestors);
    await this.#writer.organization(
      {
        id,
        code,
        name,
        kind,
        level,
        sector: extra.sector ?? null,
        combined: extra.combined,
        decidesAdmissions: extra.decides,
        educationException: true,
        establishedOn: FOUNDED,
        createdAt: this.#now,
      },
      ancestors,
    );
    return id;
  }

  async unit(
    code: string,
    name: string,
    kind: string,
    communeUnitId: number | null,
    sector: string | null,
    staffCount: number | null,
  ): Promise<number> {
    const id = ++this.#units;
    await this.#writer.unit({
      id,
      code,
      name,
      kind,
      communeUnitId,
      sector,
      staffCount,
      validFrom: FOUNDED,
    });
    return id;
  }

  async cover(unitId: number, organizationId: number): Promise<void> {
    await this.#writer.coverage(unitId, organizationId, FOUNDED);
  }
}

/** Writes the tree and returns its cells. */
export async function writeTree(
  writer: SampleWriter,
  random: Random,
  now: string,
): Promise<DemoTree> {
  const b = new TreeBuilder(writer, now);
  const province = await b.org('DB', 'Đảng bộ tỉnh Điện Biên', 'committee', 'top', null, {
    decides: true,
  });
  const district = await b.org(
    'DBD',
    'Đảng bộ huyện Điện Biên Đông',
    'committee',
    'upper',
    province,
    {
      decides: true,
    },
  );
  const communes = new Communes(b, district);
  for (const commune of COMMUNES) await communes.write(commune);
  const lateVillageIds = random.shuffle(communes.lateCandidates).slice(0, LATE_VILLAGES);
  const schoolCells = await writeSchools(b, random, district, communes);
  const bodyCells = await writeDistrictBodies(b, district, communes.communeUnit.get('TT') ?? null);
  return {
    district,
    communeOrg: communes.communeOrg,
    cells: communes.cells,
    schoolCells,
    bodyCells,
    allVillageIds: communes.allVillageIds,
    lateVillageIds,
    organizations: b.organizations,
    units: b.units,
  };
}

/** The communes with their agency cell and village cells. */
class Communes {
  readonly communeOrg = new Map<string, number>();
  readonly communeUnit = new Map<string, number>();
  readonly cells: DemoCell[] = [];
  readonly allVillageIds: number[] = [];
  /** Villages served by a neighbouring village's cell: the late villages are drawn from them. */
  readonly lateCandidates: number[] = [];
  #villageName = 0;
  readonly #b: TreeBuilder;
  readonly #district: number;

  constructor(b: TreeBuilder, district: number) {
    this.#b = b;
    this.#district = district;
  }

  async write(commune: DemoCommune): Promise<void> {
    const b = this.#b;
    const township = commune.kind === 'township';
    const label = township ? `thị trấn ${commune.name}` : `xã ${commune.name}`;
    const name = township ? `Thị trấn ${commune.name}` : `Xã ${commune.name}`;
    const cuId = await b.unit(`U-${commune.code}`, name, commune.kind, null, 'commune', null);
    this.communeUnit.set(commune.code, cuId);
    const coId = await b.org(
      `DBD-${commune.code}`,
      `Đảng bộ ${label}`,
      'committee',
      'grassroots',
      this.#district,
      { sector: 'commune' },
    );
    this.communeOrg.set(commune.code, coId);
    await b.cover(cuId, coId);
    const agencyUnit = await b.unit(
      `U-${commune.code}-UB`,
      `Cơ quan ${label}`,
      'agency',
      cuId,
      'agencies',
      20,
    );
    const code = `DBD-${commune.code}-CQ`;
    const agencyCell = await b.org(code, `Chi bộ Cơ quan ${label}`, 'cell', 'cell', coId, {
      sector: 'agencies',
    });
    await b.cover(agencyUnit, agencyCell);
    this.cells.push({
      id: agencyCell,
      code,
      sector: 'agencies',
      parentLevel: 'grassroots',
      unitIds: [agencyUnit],
      weight: 12,
    });
    await this.#villages(commune, cuId, coId);
  }

  async #villages(commune: DemoCommune, cuId: number, coId: number): Promise<void> {
    const b = this.#b;
    const township = commune.kind === 'township';
    const prefix = township ? 'Tổ dân phố' : 'Bản';
    let previousCell: DemoCell | null = null;
    for (let v = 1; v <= commune.villages; v++) {
      const stem = township ? String(v) : VILLAGE_NAMES[this.#villageName++ % VILLAGE_NAMES.length];
      const number = String(v).padStart(2, '0');
      const vId = await b.unit(
        `U-${commune.code}-B${number}`,
        `${prefix} ${stem}${township ? '' : ` (${commune.name})`}`,
        'village',
        cuId,
        'commune',
        null,
      );
      this.allVillageIds.push(vId);
      // Every fifth village (not the first of a commune) has no cell of its own: it is served by the previous village's cell.
      if (v % 5 === 0 && previousCell) {
        await b.cover(vId, previousCell.id);
        previousCell.unitIds.push(vId);
        this.lateCandidates.push(vId);
        continue;
      }
      const code = `DBD-${commune.code}-B${number}`;
      const cId = await b.org(
        code,
        `Chi bộ ${prefix.toLowerCase()} ${stem}`,
        'cell',
        'cell',
        coId,
        {
          sector: 'commune',
        },
      );
      await b.cover(vId, cId);
      previousCell = {
        id: cId,
        code,
        sector: 'commune',
        parentLevel: 'grassroots',
        unitIds: [vId],
        weight: 10,
      };
      this.cells.push(previousCell);
    }
  }
}

interface School {
  code: string;
  name: string;
  commune: string | null;
  staff: number;
}

/**
 * Schools: 52 in the communes and 4 at the district, each with its own cell, and 3 small ones
 * sharing a combined cell; their staff add up to the article's 1,820.
 */
function schoolList(random: Random): { schools: School[]; smallSchools: School[] } {
  const schools: School[] = [];
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
  return { schools, smallSchools };
}

async function writeSchools(
  b: TreeBuilder,
  random: Random,
  district: number,
  communes: Communes,
): Promise<DemoCell[]> {
  const { schools, smallSchools } = schoolList(random);
  const schoolCells: DemoCell[] = [];
  const townshipUnit = communes.communeUnit.get('TT') ?? null;
  for (const school of schools) {
    const cu = school.commune ? (communes.communeUnit.get(school.commune) ?? null) : townshipUnit;
    const uId = await b.unit(
      `U-${school.code}`,
      school.name,
      'school',
      cu,
      'education',
      school.staff,
    );
    const parent = school.commune
      ? (communes.communeOrg.get(school.commune) ?? district)
      : district;
    const code = school.commune
      ? `DBD-${school.commune}-${school.code.split('-')[0] ?? 'T'}`
      : `DBD-${school.code}`;
    const cId = await b.org(
      code,
      `Chi bộ ${school.name}`,
      'cell',
      school.commune ? 'cell' : 'grassroots_cell',
      parent,
      { sector: 'education' },
    );
    await b.cover(uId, cId);
    schoolCells.push({
      id: cId,
      code,
      sector: 'education',
      parentLevel: school.commune ? 'grassroots' : 'upper',
      unitIds: [uId],
      weight: school.staff,
    });
  }
  const combinedId = await b.org(
    'DBD-GHEP-MN',
    'Chi bộ ghép các trường Mầm non số 2 (Háng Lìa, Tìa Dình, Sa Dung)',
    'cell',
    'grassroots_cell',
    district,
    { sector: 'education', combined: true },
  );
  const combinedUnits: number[] = [];
  for (const s of smallSchools)
    combinedUnits.push(
      await b.unit(
        `U-${s.code}`,
        s.name,
        'school',
        communes.communeUnit.get(s.commune ?? '') ?? null,
        'education',
        s.staff,
      ),
    );
  for (const u of combinedUnits) await b.cover(u, combinedId);
  schoolCells.push({
    id: combinedId,
    code: 'DBD-GHEP-MN',
    sector: 'education',
    parentLevel: 'upper',
    unitIds: combinedUnits,
    weight: 40,
  });
  return schoolCells;
}

/** The kind of unit a district body's sector is. */
function unitKindOf(sector: string): string {
  if (sector === 'armed_forces') return 'armed_forces';
  if (sector === 'health') return 'health';
  if (sector === 'enterprises') return 'enterprise';
  return 'agency';
}

/** District bodies: a committee with three cells, or a cell directly under the district. */
async function writeDistrictBodies(
  b: TreeBuilder,
  district: number,
  townshipUnit: number | null,
): Promise<DemoCell[]> {
  const bodyCells: DemoCell[] = [];
  for (const body of DISTRICT_BODIES) {
    const uId = await b.unit(
      `U-${body.code}`,
      body.unit,
      unitKindOf(body.sector),
      townshipUnit,
      body.sector,
      body.staff,
    );
    if (body.name.startsWith('Đảng bộ')) {
      const committee = await b.org(
        `DBD-${body.code}`,
        body.name,
        'committee',
        'grassroots',
        district,
        {
          sector: body.sector,
        },
      );
      await b.cover(uId, committee);
      for (let i = 1; i <= 3; i++) {
        const code = `DBD-${body.code}-${i}`;
        const cId = await b.org(code, `Chi bộ ${i} - ${body.unit}`, 'cell', 'cell', committee, {
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
      const cId = await b.org(code, body.name, 'cell', 'grassroots_cell', district, {
        sector: body.sector,
      });
      await b.cover(uId, cId);
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
  return bodyCells;
}
