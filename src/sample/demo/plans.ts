import { insertMany } from '../../server/db/bulk.ts';
import type { Db } from '../../server/db/database.ts';
import type { SamplePlan, SampleWriter } from '../writer.ts';
import { DEMO_FIGURES, LATE_VILLAGES } from './figures.ts';
import { COMMUNES } from './places.ts';
import type { DemoTree } from './tree.ts';

/**
 * The district's admission plans of 2016–2018 (2017 and 2018 as in the article), the education
 * sector's fostering targets, the communes' 2017 plans, and resolution 06-NQ/HU with its
 * indicators.
 */

function planRow(
  organizationId: number,
  year: number,
  metric: string,
  target: number,
  extra: { sector?: string; targetMax?: number; focusGroups?: string[]; note?: string } = {},
): SamplePlan {
  return {
    organizationId,
    year,
    metric,
    sector: extra.sector ?? null,
    target,
    targetMax: extra.targetMax ?? null,
    focusGroups: extra.focusGroups ? JSON.stringify(extra.focusGroups) : null,
    note: extra.note ?? null,
    validFrom: `${year - 1}-12-15`,
  };
}

/** Writes the plans of the district and its communes. */
export async function writePlans(writer: SampleWriter, tree: DemoTree): Promise<void> {
  const { district } = tree;
  const rows = [
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
        tree.communeOrg.get(c.code) ?? district,
        2017,
        'admissions',
        Math.max(3, Math.round(c.villages / 2)),
      ),
    ),
  ];
  for (const row of rows) await writer.plan(row);
}

/** Writes resolution 06-NQ/HU of the district committee and its three indicators. */
export async function writeResolution(db: Db, district: number): Promise<void> {
  const { id: resolutionId } = await db
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
  await insertMany(db, 'resolutionIndicators', [
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
}
