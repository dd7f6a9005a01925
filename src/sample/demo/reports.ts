import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access/actor.ts';
import { Random } from '../random.ts';
import { setPlan } from '../../server/modules/plans/plans.service.ts';
import { findOrganizationByCode } from '../../server/modules/organizations/organizations.repository.ts';
import { QD_366_2025 } from '../../server/modules/ratings/ratings.data.ts';
import { cellsOfSector, installScheme } from '../../server/modules/ratings/ratings.repository.ts';
import { recordRating } from '../../server/modules/ratings/ratings.service.ts';
import { setSettingIfMissing } from '../../server/modules/reports/progress.repository.ts';

/**
 * The demo's report data beyond the article's figures: the place of the date line, the rating
 * scheme, and the 2017 quality ratings of the district's school cells. The article says member
 * development was a criterion for rating school cells; 2017 was rated under 27-HD/BTCTW (2014),
 * before 132-QĐ/TW, which the system does not ship, so the demo ANACHRONISTICALLY chooses the
 * 366-QĐ/TW scheme (100 points: general 30, results 70) to show the feature; each answer says the
 * scheme was not in force then. Each school cell gets an illustrative 2017 admission plan (1, or 2
 * for schools with 50+ staff; the article gives no per-school plans), the system proposes the
 * development points from admissions against it, and the other criteria and the conditions of
 * the levels (tasks done, on time, exceeded; no discipline) get seeded values.
 */
export async function seedDemoReports(ctx: AppContext, actor: Actor): Promise<{ ratings: number }> {
  await setSettingIfMissing(ctx.db, 'report.place', 'Điện Biên Đông');
  await ctx.db.transaction().execute((trx) => installScheme(trx, QD_366_2025));
  const district = await findOrganizationByCode(ctx.db, 'DBD');
  if (!district) return { ratings: 0 };
  const cells = await cellsOfSector(ctx.db, district.id, '2017-12-31', 'education');
  const random = new Random(2017);
  for (const cell of cells) {
    await setPlan(ctx, actor, {
      organizationCode: cell.code,
      year: 2017,
      metric: 'admissions',
      target: cell.staff >= 50 ? 2 : 1,
      note: 'Minh họa: kế hoạch kết nạp của chi bộ trường không có trong bài báo',
    });
  }
  for (const cell of cells) {
    await recordRating(ctx, actor, {
      scheme: QD_366_2025.code,
      organizationCode: cell.code,
      year: 2017,
      ratedOn: '2017-12-20',
      scores: { general: random.int(22, 30), tasks: random.int(40, 60) },
      conditions: {
        tasksCompletedPercent: 100,
        tasksLatePercent: random.int(0, 3) === 0 ? 10 : 0,
        tasksExceededPercent: random.int(0, 5) * 10,
        shortcomingsRemedied: true,
        disciplined: false,
        degradationConcluded: false,
        disunityConcluded: false,
      },
      note: 'Minh họa (dữ liệu demo)',
    });
  }
  return { ratings: cells.length };
}
