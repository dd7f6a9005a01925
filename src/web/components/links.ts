/**
 * Addresses of filtered lists, so a figure on the dashboard or in a report opens the list behind
 * it (`/members?org=DBD&asOf=2017-12-31&gender=female`). The members screen reads the same names.
 */
import { AGE_BANDS } from '../../shared/enums.ts';

/** The members list's filters as they appear in its address (all optional). */
export interface MemberFilters {
  org?: string | undefined;
  asOf?: string | undefined;
  status?: string | undefined;
  gender?: string | undefined;
  ethnicity?: string | undefined;
  targetGroup?: string | undefined;
  ageMin?: number | undefined;
  ageMax?: number | undefined;
  q?: string | undefined;
}

/** The filter names of the members list, in the order they are written into the address. */
export const MEMBER_FILTER_KEYS = [
  'org',
  'asOf',
  'status',
  'gender',
  'ethnicity',
  'targetGroup',
  'ageMin',
  'ageMax',
  'q',
] as const;

/** `/members?…` with the given filters (empty ones left out). */
export function membersHref(filters: MemberFilters): string {
  const params = new URLSearchParams();
  for (const key of MEMBER_FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/members${search ? `?${search}` : ''}`;
}

/** The age range of a statistics age band ('18-30', '61+'), or nothing for an unknown key. */
export function ageBandRange(key: string): { ageMin: number; ageMax?: number } | undefined {
  const band = AGE_BANDS.find((b) => b.key === key);
  if (!band) return undefined;
  // The last band is open-ended: its 200 is a sentinel, not an age the API accepts.
  return band.max >= 120 ? { ageMin: band.min } : { ageMin: band.min, ageMax: band.max };
}
