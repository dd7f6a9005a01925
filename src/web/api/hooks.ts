/** React Query hooks for the read models several screens share. */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from './client.ts';
import type {
  AlertItem,
  OrganizationInfo,
  Page,
  StatisticsReport,
  SummaryReport,
} from './types.ts';

/** The development summary of an organization for a whole year. */
export function useSummary(org: string | undefined, year: number) {
  return useQuery({
    queryKey: ['reports', 'summary', org, year],
    queryFn: () => apiGet<SummaryReport>('/reports/summary', { org, year }),
  });
}

/** Member statistics of an organization as of a date. */
export function useStatistics(org: string | undefined, asOf: string, enabled = true) {
  return useQuery({
    queryKey: ['reports', 'statistics', org, asOf],
    queryFn: () => apiGet<StatisticsReport>('/reports/statistics', { org, asOf }),
    enabled,
  });
}

/** Open alerts of a subtree; a 404 means the alerts module is not on this server yet. */
export function useAlerts(org: string | undefined, asOf: string) {
  return useQuery({
    queryKey: ['alerts', org, asOf],
    queryFn: async () => {
      const answer = await apiGet<Page<AlertItem>>('/alerts', { org, asOf, limit: 8 });
      return answer;
    },
  });
}

/** One organization with its lifetime (when it was established and dissolved), if any is chosen. */
export function useOrganization(code: string | undefined) {
  return useQuery({
    queryKey: ['organization', code],
    queryFn: () => apiGet<OrganizationInfo>(`/organizations/${encodeURIComponent(code ?? '')}`),
    enabled: Boolean(code),
    staleTime: 5 * 60_000,
  });
}

/** The date an organization was dissolved, when that is on or before `on`; else undefined. */
export function dissolvedBy(info: OrganizationInfo | undefined, on: string): string | undefined {
  return info?.dissolvedOn && info.dissolvedOn <= on ? info.dissolvedOn : undefined;
}
