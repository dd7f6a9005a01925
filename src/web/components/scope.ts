/**
 * The organization and year the user is looking at, kept in the address (?org=DBD&year=2017) so
 * every screen can be bookmarked, shared and opened straight from a test.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api/client.ts';
import type { OrganizationNode } from '../api/types.ts';

/** Today's date in Vietnam (UTC+7) as YYYY-MM-DD, like the server's clock. */
export function todayIso(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The current scope and a setter that keeps the other query parameters. */
export function useScope(): {
  org: string | undefined;
  year: number;
  setScope: (next: { org?: string | undefined; year?: number }) => void;
} {
  const [params, setParams] = useSearchParams();
  const org = params.get('org') || undefined;
  const parsed = Number(params.get('year'));
  const year =
    Number.isInteger(parsed) && parsed >= 1930 && parsed <= 2100
      ? parsed
      : Number(todayIso().slice(0, 4));
  const setScope = useCallback(
    (next: { org?: string | undefined; year?: number }) => {
      setParams((current) => {
        const copy = new URLSearchParams(current);
        if ('org' in next) {
          if (next.org) copy.set('org', next.org);
          else copy.delete('org');
        }
        if (next.year !== undefined) copy.set('year', String(next.year));
        return copy;
      });
    },
    [setParams],
  );
  return { org, year, setScope };
}

/** The search string that carries the scope to another screen (`?org=…&year=…`). */
export function useScopeSearch(): string {
  const [params] = useSearchParams();
  const keep = new URLSearchParams();
  for (const key of ['org', 'year']) {
    const value = params.get(key);
    if (value) keep.set(key, value);
  }
  const s = keep.toString();
  return s ? `?${s}` : '';
}

/** The caller's part of the organization tree as it stood on a date. */
export function useOrganizations(asOf: string) {
  return useQuery({
    queryKey: ['organizations', asOf],
    queryFn: () => apiGet<{ items: OrganizationNode[] }>('/organizations', { asOf }),
    staleTime: 5 * 60_000,
  });
}

/** The date a year's figures are read at: its last day, or today for the running year. */
export function yearEnd(year: number): string {
  const today = todayIso();
  const end = `${year}-12-31`;
  return end > today ? today : end;
}
