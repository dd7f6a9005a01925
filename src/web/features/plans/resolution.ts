/** Reading the resolutions list (GET /resolutions) and alerts for the screens. */
import type { AlertItem, Resolution, ResolutionsAnswer } from '../../api/types.ts';

/** The resolutions of an answer (none while it loads). */
export function resolutionList(data: ResolutionsAnswer | undefined): Resolution[] {
  return data?.items ?? [];
}

/** The period of a resolution as [from, to] years. */
export function resolutionPeriod(r: Resolution): [string, string] {
  return [String(r.fromYear), String(r.toYear)];
}

/** The baseline date of a resolution: its member-count indicator's, else any indicator's. */
export function baselineOf(r: Resolution): string | undefined {
  return (
    r.indicators.find((i) => i.metric === 'members' && i.baselineOn)?.baselineOn ??
    r.indicators.find((i) => i.baselineOn)?.baselineOn ??
    undefined
  );
}

/** The baseline date of the resolution covering a year (or the latest before it), if any. */
export function resolutionBaseline(
  data: ResolutionsAnswer | undefined,
  year: number,
): string | undefined {
  const list = resolutionList(data)
    .map((r) => ({ r, from: resolutionPeriod(r)[0], baseline: baselineOf(r) }))
    .filter((x) => x.baseline && x.baseline.slice(0, 4) <= String(year))
    .sort((a, b) => (a.from < b.from ? 1 : -1));
  return list[0]?.baseline;
}

/** The display name of a resolution. */
export function resolutionName(r: Resolution): string {
  return [r.code, r.title].filter(Boolean).join(' — ');
}

/** The display name of an indicator. */
export function indicatorName(i: { code?: string; name?: string }): string {
  return i.name || i.code || '';
}

/** The person an alert is about, by name. */
export function alertPerson(a: AlertItem): string {
  return a.person.fullName;
}

/** The organization an alert is about, by name. */
export function alertOrganization(a: AlertItem): string {
  return a.organization.name;
}
