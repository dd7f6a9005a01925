/**
 * Reading resolutions and alerts whatever shape the modules being built settle on: fields are
 * looked up under the names SPEC §2/§9 suggest, so the screens degrade instead of breaking.
 */
import type { AlertItem } from '../../api/types.ts';

/** One indicator of a resolution: baseline (and its date), target, current value. */
export interface ResolutionIndicator {
  code?: string;
  name?: string;
  label?: string;
  metric?: string | null;
  baseline?: number | null;
  baselineOn?: string | null;
  target?: number | null;
  current?: number | null;
  direction?: string;
}

/** A multi-year resolution with its indicators. */
export interface Resolution {
  id?: number;
  code?: string;
  number?: string;
  name?: string;
  title?: string;
  from?: string;
  to?: string;
  startsOn?: string;
  endsOn?: string;
  fromYear?: number;
  toYear?: number;
  adoptedOn?: string;
  baselineOn?: string;
  organizationCode?: string;
  organizationName?: string;
  indicators?: ResolutionIndicator[];
}

/** Accepts a bare array or `{ items }`. */
export function resolutionList(
  data: Resolution[] | { items: Resolution[] } | undefined,
): Resolution[] {
  if (!data) return [];
  return Array.isArray(data) ? data : (data.items ?? []);
}

/** The period of a resolution as [from, to] (years or ISO dates) when known. */
export function resolutionPeriod(r: Resolution): [string | undefined, string | undefined] {
  return [
    r.from ?? r.startsOn ?? (r.fromYear !== undefined ? String(r.fromYear) : undefined),
    r.to ?? r.endsOn ?? (r.toYear !== undefined ? String(r.toYear) : undefined),
  ];
}

/** The baseline date of a resolution: its own, else its member-count indicator's, else any indicator's. */
export function baselineOf(r: Resolution): string | undefined {
  const indicators = r.indicators ?? [];
  return (
    r.baselineOn ??
    indicators.find((i) => i.metric === 'members' && i.baselineOn)?.baselineOn ??
    indicators.find((i) => i.baselineOn)?.baselineOn ??
    undefined
  );
}

/** The baseline date of the resolution covering a year (or the latest before it), if any. */
export function resolutionBaseline(
  data: Resolution[] | { items: Resolution[] } | undefined,
  year: number,
): string | undefined {
  const list = resolutionList(data)
    .map((r) => ({ r, from: resolutionPeriod(r)[0] ?? '', baseline: baselineOf(r) }))
    .filter((x) => x.baseline && x.baseline.slice(0, 4) <= String(year))
    .sort((a, b) => (a.from < b.from ? 1 : -1));
  return list[0]?.baseline;
}

/** The display name of a resolution. */
export function resolutionName(r: Resolution): string {
  return [r.number ?? r.code, r.name ?? r.title].filter(Boolean).join(' — ');
}

/** The display name of an indicator. */
export function indicatorName(i: ResolutionIndicator): string {
  return i.label ?? i.name ?? i.code ?? '';
}

/** The person an alert is about, by name. */
export function alertPerson(a: AlertItem): string {
  return typeof a.person === 'string' ? a.person : a.person.fullName;
}

/** The organization an alert is about, by name. */
export function alertOrganization(a: AlertItem): string {
  return typeof a.organization === 'string' ? a.organization : a.organization.name;
}
