import { AppError } from '../../server/lib/errors.ts';
import { addMonths, fromEpochDay } from '../../shared/dates.ts';
import { foldText, nameSortKey, normalizeText } from '../../shared/text.ts';
import { NAME_PARTS, pickName } from '../names.ts';
import { PROVINCES, type GeneratedProvince } from './provinces.ts';
import { OPEN, type Cell, type NationalRun } from './run.ts';

/** People of the national installation: ethnic group by province, names, target groups. */

/** Writes a person; returns the id and the target groups' inputs. */
export async function addPerson(
  run: NationalRun,
  cell: Cell,
  birthDay: number,
  groupsFrom: number,
): Promise<{ id: number; female: boolean }> {
  const r = run.random;
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
  const name = drawName(run, ethnicity, female);
  const id = ++run.counters.person;
  const birthDate = fromEpochDay(birthDay);
  const religious = r.chance(0.03);
  const unitId = cell.unitIds.length === 1 ? cell.unitIds[0] : r.pick(cell.unitIds);
  // Property order is draw order: religion, education, political theory.
  await run.writer.person({
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
    createdAt: run.now,
    updatedAt: run.now,
  });
  const from = fromEpochDay(groupsFrom);
  const group = (targetGroup: string, validFrom: string, validTo: string) =>
    run.writer.targetGroup(id, targetGroup, validFrom, validTo);
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

export function drawName(
  run: NationalRun,
  ethnicity: string,
  female: boolean,
): { full: string; folded: string; sort: string } {
  const parts = NAME_PARTS[ethnicity] ?? NAME_PARTS.Kinh;
  if (!parts) throw new AppError('internal', 'name parts missing');
  const full = pickName(run.random, parts, female);
  let keys = run.names.get(full);
  if (!keys) {
    const clean = normalizeText(full);
    keys = { full: clean, folded: foldText(clean), sort: nameSortKey(clean) };
    run.names.set(full, keys);
  }
  return keys;
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
