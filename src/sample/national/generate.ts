import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access/actor.ts';
import { assertCan } from '../../server/access/access.ts';
import { resetIdSequences } from '../../server/db/bulk.ts';
import type { Db } from '../../server/db/database.ts';
import { AppError } from '../../server/lib/errors.ts';
import { parseInput } from '../../server/lib/validation.ts';
import { addMonths, fromEpochDay, toEpochDay } from '../../server/lib/dates.ts';
import { foldText, nameSortKey, normalizeText } from '../../shared/text.ts';
import { recordEvent } from '../../server/modules/audit/audit.repository.ts';
import { vietnamCalendar } from '../../server/modules/calendar/holidays.data.ts';
import { nextDue } from '../../server/modules/candidates/candidates.due.ts';
import { NAME_PARTS, pickName } from '../names.ts';
import { Random } from '../random.ts';
import { PLACE_SYLLABLES, PROVINCES, type GeneratedProvince } from './provinces.ts';
import { analyzeDatabase, isEmptyInstallation, withBulkLoadMode } from './bulk-load.ts';
import { SampleWriter } from '../writer.ts';

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

const OPEN = '9999-12-31';
const FOUNDED = '1975-01-01';
/** Members of the whole Party and its yearly admissions, to which everything is scaled. */
const NATIONAL_MEMBERS = 5_600_000;
const NATIONAL_ADMISSIONS_PER_YEAR = 150_000;
const NATIONAL_COMMUNES = 3_300;
/** Grassroots organizations besides the communes (~50,000 grassroots organizations in all). */
const NATIONAL_OTHER_GRASSROOTS = 46_700;
/** Years of dated history before today. */
const HISTORY_YEARS = 10;
/** Share of members whose membership ended inside the window (deaths, transfers out, removals). */
const ENDED_SHARE = 0.13;
/** Open candidacies per member (about 1.2 years of admissions are in the pipeline at any time). */
const OPEN_CANDIDATES_PER_MEMBER = 0.032;
/** Admissions of the last this-many years came through the pipeline with every stage recorded. */
const PIPELINE_HISTORY_YEARS = 2;

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

interface Cell {
  id: number;
  code: string;
  province: number;
  /** The commune committee above it, if any (for plans). */
  commune: number | null;
  sector: string;
  /** Cells under a grassroots committee go through its review. */
  underCommittee: boolean;
  unitIds: number[];
  weight: number;
  members: number;
  ended: number;
  openCandidates: number;
}

interface Counters {
  org: number;
  unit: number;
  person: number;
  membership: number;
  candidate: number;
  periods: number;
  transitions: number;
  admissionsLastYear: number;
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

/** Splits `total` over weights by cumulative rounding, so the parts add up to `total` exactly. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let previous = 0;
  return weights.map((w) => {
    cumulative += w;
    const upTo = Math.round((total * cumulative) / sum);
    const part = upTo - previous;
    previous = upTo;
    return part;
  });
}

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
    const generator = new Generator(
      trx,
      input.members,
      input.seed,
      ctx.clock.today(),
      ctx.clock.now(),
      onProgress,
    );
    const counts = await withBulkLoadMode(trx, BULK_TABLES, () => generator.run());
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
class Generator {
  readonly #db: Db;
  readonly #n: number;
  readonly #random: Random;
  readonly #today: string;
  readonly #todayDay: number;
  readonly #historyStartDay: number;
  readonly #now: string;
  readonly #progress: (message: string) => void;
  readonly #writer: SampleWriter;
  readonly #counters: Counters = {
    org: 0,
    unit: 0,
    person: 0,
    membership: 0,
    candidate: 0,
    periods: 0,
    transitions: 0,
    admissionsLastYear: 0,
  };
  readonly #cells: Cell[] = [];
  readonly #provinceIds: number[] = [];
  /** Each province's cells as a range [first, end) of #cells (cells are created province by province). */
  readonly #provinceCells: [number, number][] = [];
  readonly #communeIds: { id: number; province: number }[] = [];
  readonly #names = new Map<string, { full: string; folded: string; sort: string }>();
  readonly #calendar = vietnamCalendar();

  constructor(
    db: Db,
    n: number,
    seed: number,
    today: string,
    now: string,
    progress: (message: string) => void,
  ) {
    this.#db = db;
    this.#n = n;
    this.#random = new Random(seed);
    this.#today = today;
    this.#todayDay = toEpochDay(today);
    this.#historyStartDay = toEpochDay(addMonths(today, -12 * HISTORY_YEARS));
    this.#now = now;
    this.#progress = progress;
    this.#writer = new SampleWriter(db);
  }

  async run(): Promise<Omit<GenerateResult, 'seconds'>> {
    await this.#tree();
    this.#progress(
      `tree: ${this.#counters.org} organizations, ${this.#cells.length} cells, ${this.#counters.unit} units`,
    );
    const members = apportion(
      this.#n,
      this.#cells.map((c) => c.weight),
    );
    const ended = apportion(
      Math.round(this.#n * ENDED_SHARE),
      this.#cells.map((c) => c.weight),
    );
    const open = apportion(
      Math.round(this.#n * OPEN_CANDIDATES_PER_MEMBER),
      this.#cells.map((c) => c.weight),
    );
    this.#cells.forEach((cell, i) => {
      cell.members = members[i] ?? 0;
      cell.ended = ended[i] ?? 0;
      cell.openCandidates = open[i] ?? 0;
    });
    let done = 0;
    let reported = 0;
    for (const cell of this.#cells) {
      await this.#membersOf(cell);
      done += cell.members;
      if (done - reported >= 250_000) {
        reported = done;
        this.#progress(`members: ${done} / ${this.#n}`);
      }
    }
    await this.#plans();
    await this.#calendarAndSettings();
    await this.#writer.flush();
    await resetIdSequences(this.#db, [
      'organizations',
      'units',
      'people',
      'memberships',
      'candidates',
    ]);
    return {
      members: this.#n,
      organizations: this.#counters.org,
      provinces: this.#provinceIds.length,
      communes: this.#communeIds.length,
      cells: this.#cells.length,
      units: this.#counters.unit,
      people: this.#counters.person,
      memberships: this.#counters.membership,
      memberPeriods: this.#writer.written('member_periods'),
      candidates: this.#counters.candidate,
      transitions: this.#writer.written('candidate_transitions'),
      admissionsLastYear: this.#counters.admissionsLastYear,
    };
  }

  // ---- the tree ----------------------------------------------------------------------------

  async #org(
    code: string,
    name: string,
    kind: 'committee' | 'cell',
    level: string,
    ancestors: number[],
    options: { sector?: string | null; decides?: boolean; exception?: boolean } = {},
  ): Promise<number> {
    const id = ++this.#counters.org;
    await this.#writer.organization(
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
        createdAt: this.#now,
      },
      ancestors,
    );
    return id;
  }

  async #unit(
    code: string,
    name: string,
    kind: string,
    communeUnitId: number | null,
    sector: string | null,
    staff: number | null,
    coveredBy: number | null,
  ): Promise<number> {
    const id = ++this.#counters.unit;
    await this.#writer.unit({
      id,
      code,
      name,
      kind,
      communeUnitId,
      sector,
      staffCount: staff,
      validFrom: FOUNDED,
    });
    if (coveredBy !== null) await this.#writer.coverage(id, coveredBy, FOUNDED);
    return id;
  }

  #placeName(): string {
    return `${this.#random.pick(PLACE_SYLLABLES)} ${this.#random.pick(PLACE_SYLLABLES)}`;
  }

  async #tree(): Promise<void> {
    const scale = this.#n / NATIONAL_MEMBERS;
    const communeTotal = Math.max(PROVINCES.length, Math.round(NATIONAL_COMMUNES * scale));
    const otherTotal = Math.max(
      PROVINCES.length * 2,
      Math.round(NATIONAL_OTHER_GRASSROOTS * scale),
    );
    const communes = apportion(
      communeTotal,
      PROVINCES.map((p) => p.communes),
    );
    const others = apportion(
      otherTotal,
      PROVINCES.map((p) => p.communes * p.memberWeight),
    );
    const root = await this.#org('VN', 'Đảng Cộng sản Việt Nam', 'committee', 'top', []);
    for (const [index, province] of PROVINCES.entries()) {
      const label = `${province.city ? 'thành phố' : 'tỉnh'} ${province.name}`;
      const provinceId = await this.#org(
        province.code,
        `Đảng bộ ${label}`,
        'committee',
        'upper',
        [root],
        {
          decides: true,
        },
      );
      this.#provinceIds.push(provinceId);
      const hardship = province.minorities.reduce((s, m) => s + m.share, 0) >= 0.15;
      const firstCell = this.#cells.length;
      const communeCount = Math.max(1, communes[index] ?? 1);
      // Members a commune holds, to size its village cells: about 45% of members live in communes.
      const perCommune = (this.#n * 0.45 * province.memberWeight) / (communeTotal * 1.0);
      for (let c = 1; c <= communeCount; c++) {
        await this.#commune(province, index, provinceId, root, c, perCommune, hardship);
      }
      for (let g = 1; g <= Math.max(2, others[index] ?? 2); g++) {
        await this.#otherGrassroots(province, index, provinceId, root, g, label);
      }
      this.#provinceCells.push([firstCell, this.#cells.length]);
    }
  }

  async #commune(
    province: GeneratedProvince,
    provinceIndex: number,
    provinceId: number,
    root: number,
    number: number,
    expectedMembers: number,
    hardship: boolean,
  ): Promise<void> {
    const ward = province.city && this.#random.chance(0.6);
    const name = this.#placeName();
    const code = `${province.code}-X${String(number).padStart(3, '0')}`;
    const label = `${ward ? 'phường' : 'xã'} ${name}`;
    const communeId = await this.#org(
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
    this.#communeIds.push({ id: communeId, province: provinceIndex });
    const communeUnit = await this.#unit(
      `U-${code}`,
      `${ward ? 'Phường' : 'Xã'} ${name}`,
      'commune',
      null,
      'commune',
      null,
      communeId,
    );
    const ancestors = [communeId, provinceId, root];
    const agencyUnit = await this.#unit(
      `U-${code}-UB`,
      `Cơ quan ${label}`,
      'agency',
      communeUnit,
      'agencies',
      25,
      null,
    );
    await this.#cell(
      `${code}-CQ`,
      `Chi bộ Cơ quan ${label}`,
      'cell',
      ancestors,
      'agencies',
      [agencyUnit],
      1,
      provinceIndex,
      communeId,
      true,
    );
    const villages = Math.max(3, Math.min(60, Math.round(expectedMembers / 30)));
    const prefix = ward ? 'Tổ dân phố' : this.#random.pick(['Thôn', 'Bản', 'Ấp', 'Xóm']);
    let previous: Cell | null = null;
    for (let v = 1; v <= villages; v++) {
      const vCode = `${code}-B${String(v).padStart(2, '0')}`;
      const vName = ward ? `${prefix} ${v}` : `${prefix} ${this.#placeName()}`;
      const vId = await this.#unit(
        `U-${vCode}`,
        `${vName}, ${label}`,
        'village',
        communeUnit,
        'commune',
        null,
        null,
      );
      // Every sixth village is served by the previous village's cell; one in a hundred has none.
      if (previous && v % 6 === 0) {
        await this.#writer.coverage(vId, previous.id, FOUNDED);
        previous.unitIds.push(vId);
        continue;
      }
      if (previous && this.#random.chance(0.01)) continue;
      previous = await this.#cell(
        vCode,
        `Chi bộ ${vName.charAt(0).toLowerCase()}${vName.slice(1)}`,
        'cell',
        ancestors,
        'commune',
        [vId],
        1,
        provinceIndex,
        communeId,
        true,
      );
    }
    for (const [s, school] of ['Trường Mầm non', 'Trường Tiểu học', 'Trường THCS'].entries()) {
      const sCode = `${code}-T${s + 1}`;
      const staff = 20 + this.#random.int(0, 25);
      const uId = await this.#unit(
        `U-${sCode}`,
        `${school} ${name}`,
        'school',
        communeUnit,
        'education',
        staff,
        null,
      );
      await this.#cell(
        sCode,
        `Chi bộ ${school} ${name}`,
        'cell',
        ancestors,
        'education',
        [uId],
        0.6,
        provinceIndex,
        communeId,
        true,
      );
    }
  }

  async #otherGrassroots(
    province: GeneratedProvince,
    provinceIndex: number,
    provinceId: number,
    root: number,
    number: number,
    label: string,
  ): Promise<void> {
    const code = `${province.code}-G${String(number).padStart(4, '0')}`;
    const kind = this.#random.weighted([
      { sector: 'agencies', unitKind: 'agency', name: 'Sở', weight: 30 },
      { sector: 'education', unitKind: 'school', name: 'Trường THPT', weight: 28 },
      { sector: 'health', unitKind: 'health', name: 'Bệnh viện', weight: 14 },
      { sector: 'enterprises', unitKind: 'enterprise', name: 'Công ty', weight: 18 },
      { sector: 'armed_forces', unitKind: 'armed_forces', name: 'Đơn vị', weight: 10 },
    ]);
    const place = this.#placeName();
    const unitName = `${kind.name} ${place} (${label})`;
    const staff = 40 + this.#random.int(0, 260);
    const uId = await this.#unit(
      `U-${code}`,
      unitName,
      kind.unitKind,
      null,
      kind.sector,
      staff,
      null,
    );
    const committee = kind.sector !== 'education' && this.#random.chance(0.3);
    if (!committee) {
      await this.#cell(
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
    const committeeId = await this.#org(
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
    await this.#writer.coverage(uId, committeeId, FOUNDED);
    const cells = this.#random.int(3, 8);
    // The body's unit is covered by the committee and by its first cell.
    for (let i = 1; i <= cells; i++)
      await this.#cell(
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

  async #cell(
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
    const id = await this.#org(code, name, 'cell', level, ancestors, { sector });
    if (cover) for (const u of unitIds) await this.#writer.coverage(u, id, FOUNDED);
    const cell: Cell = {
      id,
      code,
      province,
      commune,
      sector,
      underCommittee,
      unitIds: [...unitIds],
      weight: weight * (0.6 + this.#random.next() * 0.8),
      members: 0,
      ended: 0,
      openCandidates: 0,
    };
    this.#cells.push(cell);
    return cell;
  }

  // ---- people and their histories ----------------------------------------------------------

  #day(epochDay: number): string {
    return fromEpochDay(epochDay);
  }

  /** A weekday on or before the given day (ceremonies and decisions happen on working days). */
  #weekday(epochDay: number): number {
    const w = (((epochDay + 4) % 7) + 7) % 7; // 0 = Sunday
    return w === 0 ? epochDay - 2 : w === 6 ? epochDay - 1 : epochDay;
  }

  #admissionDay(recent: boolean): number {
    const r = this.#random;
    if (recent) return this.#weekday(r.int(this.#historyStartDay, this.#todayDay - 7));
    // Before the window: spread evenly since 1975 (older cohorts have mostly died out).
    const span = this.#historyStartDay - toEpochDay('1975-01-01');
    return this.#weekday(this.#historyStartDay - 1 - Math.floor(span * r.next()));
  }

  #name(ethnicity: string, female: boolean): { full: string; folded: string; sort: string } {
    const parts = NAME_PARTS[ethnicity] ?? NAME_PARTS.Kinh;
    if (!parts) throw new AppError('internal', 'name parts missing');
    const full = pickName(this.#random, parts, female);
    let keys = this.#names.get(full);
    if (!keys) {
      const clean = normalizeText(full);
      keys = { full: clean, folded: foldText(clean), sort: nameSortKey(clean) };
      this.#names.set(full, keys);
    }
    return keys;
  }

  /** Writes a person; returns the id and the target groups' inputs. */
  async #person(
    cell: Cell,
    birthDay: number,
    groupsFrom: number,
  ): Promise<{ id: number; female: boolean }> {
    const r = this.#random;
    const province = PROVINCES[cell.province] as GeneratedProvince;
    let ethnicity = 'Kinh';
    let roll = r.next();
    for (const m of province.minorities) {
      if (roll < m.share) {
        ethnicity = m.name;
        break;
      }
      roll -= m.share;
    }
    const female = r.chance(
      cell.sector === 'education' || cell.sector === 'health'
        ? 0.62
        : cell.sector === 'armed_forces'
          ? 0.1
          : 0.36,
    );
    const name = this.#name(ethnicity, female);
    const id = ++this.#counters.person;
    const birthDate = this.#day(birthDay);
    const religious = r.chance(0.03);
    const unitId = cell.unitIds.length === 1 ? cell.unitIds[0] : r.pick(cell.unitIds);
    // Property order is draw order: religion, education, political theory.
    await this.#writer.person({
      id,
      fullName: name.full,
      nameFolded: name.folded,
      nameSort: name.sort,
      gender: female ? 'female' : 'male',
      birthDate,
      ethnicity,
      religion: religious ? r.pick(['Phật giáo', 'Công giáo', 'Tin Lành', 'Cao Đài']) : null,
      nationalId: `0${String(cell.province + 1).padStart(2, '0')}${female ? '1' : '0'}${String(id).padStart(8, '0')}`,
      unitId: unitId ?? null,
      educationLevel:
        cell.sector === 'commune'
          ? r.weighted([
              { v: 'primary', weight: 6 },
              { v: 'lower_secondary', weight: 30 },
              { v: 'upper_secondary', weight: 64 },
            ]).v
          : 'upper_secondary',
      politicalTheory: r.weighted([
        { v: 'Sơ cấp', weight: 52 },
        { v: 'Trung cấp', weight: 33 },
        { v: 'Cao cấp', weight: 7 },
        { v: 'Chưa qua đào tạo', weight: 8 },
      ]).v,
      occupation: OCCUPATIONS[cell.sector] ?? 'Khác',
      createdAt: this.#now,
      updatedAt: this.#now,
    });
    const from = this.#day(groupsFrom);
    const group = (targetGroup: string, validFrom: string, validTo: string) =>
      this.#writer.targetGroup(id, targetGroup, validFrom, validTo);
    const youthEnds = addMonths(birthDate, 31 * 12);
    if (youthEnds > from && r.chance(0.8))
      await group('youth_union', addMonths(birthDate, 16 * 12), youthEnds);
    if (ethnicity !== 'Kinh') await group('ethnic_minority', birthDate, OPEN);
    if (female) await group('woman', birthDate, OPEN);
    if (religious) await group('religious', from, OPEN);
    if (cell.sector === 'education') await group('teacher', from, OPEN);
    if (cell.sector === 'armed_forces') await group('armed_forces', from, OPEN);
    if (cell.sector === 'enterprises' && r.chance(0.5)) await group('worker', from, OPEN);
    if (cell.sector === 'commune') {
      if (!female && r.chance(0.15)) await group('militia', from, OPEN);
      if (r.chance(0.05)) await group('village_head', from, OPEN);
      if (r.chance(0.02)) await group('business_owner', from, OPEN);
    }
    if (!female && r.chance(0.05)) await group('reserve_force', from, OPEN);
    return { id, female };
  }

  async #membersOf(cell: Cell): Promise<void> {
    const r = this.#random;
    const recentShare = (HISTORY_YEARS * NATIONAL_ADMISSIONS_PER_YEAR) / NATIONAL_MEMBERS;
    let helper: number | null = null;
    for (let i = 0; i < cell.members + cell.ended; i++) {
      const ends = i >= cell.members;
      // A membership that ended inside the window began at least two months before today.
      // Ended memberships are mostly old ones: few end before recognition.
      const admitted = Math.min(
        this.#admissionDay(r.chance(ends ? recentShare * 0.3 : recentShare)),
        ends ? this.#todayDay - 60 : Infinity,
      );
      const age = 18 + Math.floor(22 * r.next() ** 1.5);
      const birthDay = admitted - age * 365 - r.int(0, 364);
      const officialDay = toEpochDay(addMonths(this.#day(admitted), 12));
      let endDay: number | null = null;
      let endReason: string | null = null;
      if (ends) {
        endDay = r.int(Math.max(this.#historyStartDay, admitted + 30), this.#todayDay - 1);
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
      const person = await this.#person(
        cell,
        birthDay,
        Math.max(birthDay + 16 * 365, admitted - 730),
      );
      const membershipId = ++this.#counters.membership;
      const admittedOn = this.#day(admitted);
      const endedOn = endDay === null ? OPEN : this.#day(endDay);
      const official = officialDay <= this.#todayDay && (endDay === null || officialDay < endDay);
      const throughPipeline = admitted >= this.#todayDay - 365 * PIPELINE_HISTORY_YEARS;
      const candidateId = throughPipeline ? ++this.#counters.candidate : null;
      if (admitted >= this.#todayDay - 365 && admitted <= this.#todayDay)
        this.#counters.admissionsLastYear++;
      await this.#writer.membership({
        id: membershipId,
        personId: person.id,
        candidateId,
        admittedOn,
        admissionDecisionNo: `${r.int(1, 999)}-QĐ/ĐU`,
        officialOn: official ? this.#day(officialDay) : null,
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
      if (admitted < this.#historyStartDay - 366) {
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
        const earliest = Math.max(last.from + 30, this.#historyStartDay);
        const latest = (last.to ?? this.#todayDay) - 30;
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
          const [first, end] = this.#provinceCells[cell.province] ?? [0, 0];
          previousCell = this.#cells[r.int(first, end - 1)] ?? null;
          if (previousCell === cell) previousCell = null;
        }
      }
      for (const [s, segment] of segments.entries()) {
        const where = previousCell && s < segments.length - 1 ? previousCell : cell;
        await this.#writer.period({
          membershipId,
          personId: person.id,
          organizationId: where.id,
          unitId: where.unitIds[0] ?? null,
          status: segment.status,
          startReason: segment.start,
          endReason: segment.end,
          validFrom: this.#day(segment.from),
          validTo: segment.to === null ? OPEN : this.#day(segment.to),
        });
      }
      if (candidateId !== null)
        await this.#closedCandidacy(
          cell,
          candidateId,
          person.id,
          admitted,
          official ? officialDay : null,
          endDay,
        );
      if (helper === null && !ends && admitted < this.#todayDay - 400) helper = person.id;
    }
    for (let i = 0; i < cell.openCandidates; i++) await this.#openCandidacy(cell, helper);
  }

  /** The dated stages before a ceremony on `admitted` (working backwards). */
  #stagesBefore(admitted: number, underCommittee: boolean): [string, number][] {
    const r = this.#random;
    const decided = this.#weekday(admitted - r.int(14, 35));
    const reviewed = underCommittee ? this.#weekday(decided - r.int(10, 30)) : null;
    const voted = this.#weekday((reviewed ?? decided) - r.int(7, 25));
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

  async #writeCandidate(
    cell: Cell,
    candidateId: number,
    personId: number,
    steps: [string, number][],
    closedOn: string,
    helper: number | null,
  ): Promise<void> {
    const r = this.#random;
    const dates: Record<string, string> = {};
    for (const [stage, day] of steps) dates[stage] = this.#day(day);
    const [stage, stageDay] = steps[steps.length - 1] ?? ['source', this.#todayDay];
    const certificateIssuedOn = dates.trained ?? null;
    const due =
      closedOn === OPEN || stage === 'admitted' || stage === 'probation_review'
        ? nextDue(stage, dates, certificateIssuedOn, this.#calendar)
        : { dueKind: null, dueOn: null };
    // The candidate row goes first: its transitions reference it.
    await this.#writer.candidate({
      id: candidateId,
      personId,
      organizationId: cell.id,
      stage,
      stageOn: this.#day(stageDay),
      identifiedOn: dates.source ?? this.#day(stageDay),
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
      createdAt: this.#now,
      updatedAt: this.#now,
    });
    let from: string | null = null;
    for (const [stage, day] of steps) {
      const on = this.#day(day);
      const details =
        stage === 'cell_voted'
          ? JSON.stringify({
              vote: { officialMembers: 20, present: 19, inFavour: 18 - r.int(0, 3) },
            })
          : stage === 'decided' || stage === 'official'
            ? JSON.stringify({ decision: { number: `${r.int(1, 999)}-QĐ/ĐU`, on } })
            : null;
      await this.#writer.transition({
        candidateId,
        fromStage: from,
        toStage: stage,
        on,
        actor: 'generate',
        details,
        recordedAt: this.#now,
      });
      from = stage;
    }
    if (helper !== null)
      await this.#writer.candidateMember(
        candidateId,
        helper,
        'helper',
        dates.source ?? this.#day(stageDay),
      );
  }

  async #closedCandidacy(
    cell: Cell,
    candidateId: number,
    personId: number,
    admitted: number,
    officialDay: number | null,
    endDay: number | null,
  ): Promise<void> {
    const steps = this.#stagesBefore(admitted, cell.underCommittee);
    steps.push(['admitted', admitted]);
    if (officialDay === null && endDay !== null) steps.push(['not_recognized', endDay]);
    if (officialDay !== null) {
      const review = officialDay + this.#random.int(1, 20);
      if (review <= this.#todayDay && (endDay === null || review < endDay)) {
        steps.push(['probation_review', review]);
        const recognized = review + this.#random.int(5, 25);
        if (recognized <= this.#todayDay) steps.push(['official', recognized]);
      }
    }
    await this.#writeCandidate(cell, candidateId, personId, steps, this.#day(admitted), null);
  }

  async #openCandidacy(cell: Cell, helper: number | null): Promise<void> {
    const r = this.#random;
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
    const reached = this.#weekday(this.#todayDay - Math.floor(r.next() ** 2 * 240) - 1);
    const all = this.#stagesBefore(reached + 20, cell.underCommittee);
    const order = all.map(([s]) => s);
    const stop = target === 'withdrawn' ? r.int(1, 3) : order.indexOf(target) + 1;
    const steps = all.slice(0, stop);
    const shift = reached - (steps[steps.length - 1]?.[1] ?? reached);
    const shifted: [string, number][] = steps.map(([s, d]) => [s, d + shift]);
    let closedOn = OPEN;
    if (target === 'withdrawn') {
      shifted.push(['withdrawn', reached + 1]);
      closedOn = this.#day(reached + 1);
    }
    const birthDay = reached - (18 + r.int(0, 17)) * 365 - r.int(0, 364);
    const person = await this.#person(cell, birthDay, birthDay + 16 * 365);
    const candidateId = ++this.#counters.candidate;
    await this.#writeCandidate(cell, candidateId, person.id, shifted, closedOn, helper);
  }

  // ---- plans, calendar ---------------------------------------------------------------------

  async #plans(): Promise<void> {
    const r = this.#random;
    const perMemberYear = NATIONAL_ADMISSIONS_PER_YEAR / NATIONAL_MEMBERS;
    const byProvince = new Map<number, number>();
    const byCommune = new Map<number, number>();
    const educationByProvince = new Map<number, number>();
    for (const cell of this.#cells) {
      byProvince.set(cell.province, (byProvince.get(cell.province) ?? 0) + cell.members);
      if (cell.commune !== null)
        byCommune.set(cell.commune, (byCommune.get(cell.commune) ?? 0) + cell.members);
      if (cell.sector === 'education')
        educationByProvince.set(
          cell.province,
          (educationByProvince.get(cell.province) ?? 0) + cell.members,
        );
    }
    const firstYear = Number(this.#day(this.#historyStartDay).slice(0, 4)) + 1;
    const lastYear = Number(this.#today.slice(0, 4)) + 1;
    for (let year = firstYear; year <= lastYear; year++) {
      const validFrom = `${year - 1}-12-15`;
      await this.#writer.plan({
        organizationId: 1,
        year: year,
        metric: 'admissions',
        sector: null,
        target: Math.round(this.#n * perMemberYear),
        targetMax: null,
        validFrom: validFrom,
      });
      for (const [index, id] of this.#provinceIds.entries()) {
        const members = byProvince.get(index) ?? 0;
        await this.#writer.plan({
          organizationId: id,
          year: year,
          metric: 'admissions',
          sector: null,
          target: Math.max(1, Math.round(members * perMemberYear * (0.85 + r.next() * 0.25))),
          targetMax: null,
          validFrom: validFrom,
        });
        const teachers = educationByProvince.get(index) ?? 0;
        const fostered = Math.max(1, Math.round(teachers * 0.04));
        await this.#writer.plan({
          organizationId: id,
          year: year,
          metric: 'candidates_fostered',
          sector: 'education',
          target: fostered,
          targetMax: Math.round(fostered * 1.1),
          validFrom: validFrom,
        });
      }
      for (const commune of this.#communeIds) {
        const members = byCommune.get(commune.id) ?? 0;
        await this.#writer.plan({
          organizationId: commune.id,
          year: year,
          metric: 'admissions',
          sector: null,
          target: Math.max(1, Math.round(members * perMemberYear * (0.8 + r.next() * 0.4))),
          targetMax: null,
          validFrom: validFrom,
        });
      }
    }
  }

  async #calendarAndSettings(): Promise<void> {
    await this.#writer.holidayCalendar();
    await this.#db
      .insertInto('settings')
      .values([
        { key: 'installation.name', value: `Cài đặt toàn quốc tổng hợp (${this.#n} đảng viên)` },
        { key: 'pipeline.idleMonths', value: '6' },
        // The day the histories end on: benchmarks ask their questions as of this date.
        { key: 'generate.today', value: this.#today },
      ])
      .execute();
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
