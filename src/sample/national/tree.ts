import { PLACE_SYLLABLES, PROVINCES, type GeneratedProvince } from './provinces.ts';
import {
  FOUNDED,
  NATIONAL_MEMBERS,
  NATIONAL_COMMUNES,
  NATIONAL_OTHER_GRASSROOTS,
  type Cell,
  type NationalRun,
  apportion,
} from './run.ts';

/**
 * The national tree: the top committee, the 34 provinces, communes (agency, village and school
 * cells) and the other grassroots organizations, with their units and coverage.
 */

export async function writeTree(run: NationalRun): Promise<void> {
  const scale = run.n / NATIONAL_MEMBERS;
  const communeTotal = Math.max(PROVINCES.length, Math.round(NATIONAL_COMMUNES * scale));
  const otherTotal = Math.max(PROVINCES.length * 2, Math.round(NATIONAL_OTHER_GRASSROOTS * scale));
  const communes = apportion(
    communeTotal,
    PROVINCES.map((p) => p.communes),
  );
  const others = apportion(
    otherTotal,
    PROVINCES.map((p) => p.communes * p.memberWeight),
  );
  const root = await addOrganization(run, 'VN', 'Đảng Cộng sản Việt Nam', 'committee', 'top', []);
  for (const [index, province] of PROVINCES.entries()) {
    const label = `${province.city ? 'thành phố' : 'tỉnh'} ${province.name}`;
    const provinceId = await addOrganization(
      run,
      province.code,
      `Đảng bộ ${label}`,
      'committee',
      'upper',
      [root],
      {
        decides: true,
      },
    );
    run.provinceIds.push(provinceId);
    const hardship = province.minorities.reduce((s, m) => s + m.share, 0) >= 0.15;
    const firstCell = run.cells.length;
    const communeCount = Math.max(1, communes[index] ?? 1);
    // Members a commune holds, to size its village cells: about 45% of members live in communes.
    const perCommune = (run.n * 0.45 * province.memberWeight) / (communeTotal * 1.0);
    for (let c = 1; c <= communeCount; c++) {
      await writeCommune(run, province, index, provinceId, root, c, perCommune, hardship);
    }
    for (let g = 1; g <= Math.max(2, others[index] ?? 2); g++) {
      await writeOtherGrassroots(run, province, index, provinceId, root, g, label);
    }
    run.provinceCells.push([firstCell, run.cells.length]);
  }
}

export async function writeCommune(
  run: NationalRun,
  province: GeneratedProvince,
  provinceIndex: number,
  provinceId: number,
  root: number,
  number: number,
  expectedMembers: number,
  hardship: boolean,
): Promise<void> {
  const ward = province.city && run.random.chance(0.6);
  const name = placeName(run);
  const code = `${province.code}-X${String(number).padStart(3, '0')}`;
  const label = `${ward ? 'phường' : 'xã'} ${name}`;
  const communeId = await addOrganization(
    run,
    code,
    `Đảng bộ ${label}`,
    'committee',
    'grassroots',
    [provinceId, root],
    {
      sector: 'commune',
      decides: true,
      exception: hardship,
    },
  );
  run.communeIds.push({ id: communeId, province: provinceIndex });
  const communeUnit = await addUnit(
    run,
    `U-${code}`,
    `${ward ? 'Phường' : 'Xã'} ${name}`,
    'commune',
    null,
    'commune',
    null,
    communeId,
  );
  const commune: Commune = {
    code,
    name,
    label,
    ward,
    communeId,
    communeUnit,
    ancestors: [communeId, provinceId, root],
    provinceIndex,
  };
  const agencyUnit = await addUnit(
    run,
    `U-${code}-UB`,
    `Cơ quan ${label}`,
    'agency',
    communeUnit,
    'agencies',
    25,
    null,
  );
  await addCell(
    run,
    `${code}-CQ`,
    `Chi bộ Cơ quan ${label}`,
    'cell',
    commune.ancestors,
    'agencies',
    [agencyUnit],
    1,
    provinceIndex,
    communeId,
    true,
  );
  await writeVillages(run, commune, Math.max(3, Math.min(60, Math.round(expectedMembers / 30))));
  await writeSchools(run, commune);
}

/** A commune being written: its names, committee, unit and the ancestors of its cells. */
interface Commune {
  code: string;
  name: string;
  label: string;
  ward: boolean;
  communeId: number;
  communeUnit: number;
  ancestors: number[];
  provinceIndex: number;
}

/** Villages (or a ward's residential groups), most with a cell of their own. */
async function writeVillages(run: NationalRun, commune: Commune, villages: number): Promise<void> {
  const { code, ward, label } = commune;
  const prefix = ward ? 'Tổ dân phố' : run.random.pick(['Thôn', 'Bản', 'Ấp', 'Xóm']);
  let previous: Cell | null = null;
  for (let v = 1; v <= villages; v++) {
    const vCode = `${code}-B${String(v).padStart(2, '0')}`;
    const vName = ward ? `${prefix} ${v}` : `${prefix} ${placeName(run)}`;
    const vId = await addUnit(
      run,
      `U-${vCode}`,
      `${vName}, ${label}`,
      'village',
      commune.communeUnit,
      'commune',
      null,
      null,
    );
    // Every sixth village is served by the previous village's cell; one in a hundred has none.
    if (previous && v % 6 === 0) {
      await run.writer.coverage(vId, previous.id, FOUNDED);
      previous.unitIds.push(vId);
      continue;
    }
    if (previous && run.random.chance(0.01)) continue;
    previous = await addCell(
      run,
      vCode,
      `Chi bộ ${vName.charAt(0).toLowerCase()}${vName.slice(1)}`,
      'cell',
      commune.ancestors,
      'commune',
      [vId],
      1,
      commune.provinceIndex,
      commune.communeId,
      true,
    );
  }
}

/** The commune's nursery, primary and lower secondary schools, each with its cell. */
async function writeSchools(run: NationalRun, commune: Commune): Promise<void> {
  for (const [s, school] of ['Trường Mầm non', 'Trường Tiểu học', 'Trường THCS'].entries()) {
    const sCode = `${commune.code}-T${s + 1}`;
    const staff = 20 + run.random.int(0, 25);
    const uId = await addUnit(
      run,
      `U-${sCode}`,
      `${school} ${commune.name}`,
      'school',
      commune.communeUnit,
      'education',
      staff,
      null,
    );
    await addCell(
      run,
      sCode,
      `Chi bộ ${school} ${commune.name}`,
      'cell',
      commune.ancestors,
      'education',
      [uId],
      0.6,
      commune.provinceIndex,
      commune.communeId,
      true,
    );
  }
}

export async function writeOtherGrassroots(
  run: NationalRun,
  province: GeneratedProvince,
  provinceIndex: number,
  provinceId: number,
  root: number,
  number: number,
  label: string,
): Promise<void> {
  const code = `${province.code}-G${String(number).padStart(4, '0')}`;
  const kind = run.random.weighted([
    { sector: 'agencies', unitKind: 'agency', name: 'Sở', weight: 30 },
    { sector: 'education', unitKind: 'school', name: 'Trường THPT', weight: 28 },
    { sector: 'health', unitKind: 'health', name: 'Bệnh viện', weight: 14 },
    { sector: 'enterprises', unitKind: 'enterprise', name: 'Công ty', weight: 18 },
    { sector: 'armed_forces', unitKind: 'armed_forces', name: 'Đơn vị', weight: 10 },
  ]);
  const place = placeName(run);
  const unitName = `${kind.name} ${place} (${label})`;
  const staff = 40 + run.random.int(0, 260);
  const uId = await addUnit(
    run,
    `U-${code}`,
    unitName,
    kind.unitKind,
    null,
    kind.sector,
    staff,
    null,
  );
  const committee = kind.sector !== 'education' && run.random.chance(0.3);
  if (!committee) {
    await addCell(
      run,
      code,
      `Chi bộ ${unitName}`,
      'grassroots_cell',
      [provinceId, root],
      kind.sector,
      [uId],
      1.5,
      provinceIndex,
      null,
      false,
    );
    return;
  }
  const committeeId = await addOrganization(
    run,
    code,
    `Đảng bộ ${unitName}`,
    'committee',
    'grassroots',
    [provinceId, root],
    {
      sector: kind.sector,
      decides: true,
    },
  );
  await run.writer.coverage(uId, committeeId, FOUNDED);
  const cells = run.random.int(3, 8);
  // The body's unit is covered by the committee and by its first cell.
  for (let i = 1; i <= cells; i++)
    await addCell(
      run,
      `${code}-${i}`,
      `Chi bộ ${i} - ${unitName}`,
      'cell',
      [committeeId, provinceId, root],
      kind.sector,
      [uId],
      1.5,
      provinceIndex,
      null,
      true,
      i === 1,
    );
}

export async function addCell(
  run: NationalRun,
  code: string,
  name: string,
  level: 'cell' | 'grassroots_cell',
  ancestors: number[],
  sector: string,
  unitIds: number[],
  weight: number,
  province: number,
  commune: number | null,
  underCommittee: boolean,
  cover = true,
): Promise<Cell> {
  const id = await addOrganization(run, code, name, 'cell', level, ancestors, { sector });
  if (cover) for (const u of unitIds) await run.writer.coverage(u, id, FOUNDED);
  const cell: Cell = {
    id,
    code,
    province,
    commune,
    sector,
    underCommittee,
    unitIds: [...unitIds],
    weight: weight * (0.6 + run.random.next() * 0.8),
    members: 0,
    ended: 0,
    openCandidates: 0,
  };
  run.cells.push(cell);
  return cell;
}

export async function addOrganization(
  run: NationalRun,
  code: string,
  name: string,
  kind: 'committee' | 'cell',
  level: string,
  ancestors: number[],
  options: { sector?: string | null; decides?: boolean; exception?: boolean } = {},
): Promise<number> {
  const id = ++run.counters.org;
  await run.writer.organization(
    {
      id,
      code,
      name,
      kind,
      level,
      sector: options.sector ?? null,
      decidesAdmissions: options.decides,
      educationException: options.exception,
      establishedOn: FOUNDED,
      createdAt: run.now,
    },
    ancestors,
  );
  return id;
}

export async function addUnit(
  run: NationalRun,
  code: string,
  name: string,
  kind: string,
  communeUnitId: number | null,
  sector: string | null,
  staff: number | null,
  coveredBy: number | null,
): Promise<number> {
  const id = ++run.counters.unit;
  await run.writer.unit({
    id,
    code,
    name,
    kind,
    communeUnitId,
    sector,
    staffCount: staff,
    validFrom: FOUNDED,
  });
  if (coveredBy !== null) await run.writer.coverage(id, coveredBy, FOUNDED);
  return id;
}

export function placeName(run: NationalRun): string {
  return `${run.random.pick(PLACE_SYLLABLES)} ${run.random.pick(PLACE_SYLLABLES)}`;
}
