import { fromEpochDay } from '../../shared/dates.ts';
import { NATIONAL_MEMBERS, NATIONAL_ADMISSIONS_PER_YEAR, type NationalRun } from './run.ts';

/** Yearly plans of the country, the provinces and the communes; the calendar and settings. */

export async function writePlans(run: NationalRun): Promise<void> {
  const r = run.random;
  const perMemberYear = NATIONAL_ADMISSIONS_PER_YEAR / NATIONAL_MEMBERS;
  const byProvince = new Map<number, number>();
  const byCommune = new Map<number, number>();
  const educationByProvince = new Map<number, number>();
  for (const cell of run.cells) {
    byProvince.set(cell.province, (byProvince.get(cell.province) ?? 0) + cell.members);
    if (cell.commune !== null)
      byCommune.set(cell.commune, (byCommune.get(cell.commune) ?? 0) + cell.members);
    if (cell.sector === 'education')
      educationByProvince.set(
        cell.province,
        (educationByProvince.get(cell.province) ?? 0) + cell.members,
      );
  }
  const firstYear = Number(fromEpochDay(run.historyStartDay).slice(0, 4)) + 1;
  const lastYear = Number(run.today.slice(0, 4)) + 1;
  for (let year = firstYear; year <= lastYear; year++) {
    const validFrom = `${year - 1}-12-15`;
    await run.writer.plan({
      organizationId: 1,
      year: year,
      metric: 'admissions',
      sector: null,
      target: Math.round(run.n * perMemberYear),
      targetMax: null,
      validFrom: validFrom,
    });
    for (const [index, id] of run.provinceIds.entries()) {
      const members = byProvince.get(index) ?? 0;
      await run.writer.plan({
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
      await run.writer.plan({
        organizationId: id,
        year: year,
        metric: 'candidates_fostered',
        sector: 'education',
        target: fostered,
        targetMax: Math.round(fostered * 1.1),
        validFrom: validFrom,
      });
    }
    for (const commune of run.communeIds) {
      const members = byCommune.get(commune.id) ?? 0;
      await run.writer.plan({
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

export async function writeCalendarAndSettings(run: NationalRun): Promise<void> {
  await run.writer.holidayCalendar();
  await run.db
    .insertInto('settings')
    .values([
      { key: 'installation.name', value: `Cài đặt toàn quốc tổng hợp (${run.n} đảng viên)` },
      { key: 'pipeline.idleMonths', value: '6' },
      // The day the histories end on: benchmarks ask their questions as of this date.
      { key: 'generate.today', value: run.today },
    ])
    .execute();
}
