import type { Migration } from 'kysely';
import * as foundation from './2026-11-27T14-00-foundation.ts';
import * as accounts from './2026-11-27T15-10-accounts.ts';
import * as pipeline from './2026-11-27T15-40-pipeline.ts';
import * as ratings from './2026-11-27T16-10-ratings.ts';
import * as scaleIndexes from './2026-11-27T17-00-scale-indexes.ts';
import * as duplicates from './2026-11-27T17-30-duplicates.ts';
import * as locks from './2026-11-27T18-40-locks.ts';
import * as nameSearch from './2026-11-27T20-00-name-search.ts';
import * as importRows from './2026-11-27T21-00-import-rows.ts';
import * as importRowsIndexes from './2026-11-27T21-10-import-rows-indexes.ts';
import * as memberTallies from './2026-11-27T22-00-member-tallies.ts';
import * as signInThrottles from './2026-12-05T09-00-sign-in-throttles.ts';
import * as eventOrganizations from './2026-12-06T04-00-event-organizations.ts';
import * as personHistory from './2026-12-06T06-10-person-history.ts';
import * as organizationNames from './2026-12-06T06-50-organization-names.ts';
import * as grantDates from './2026-12-06T07-00-grant-dates.ts';
import * as regulations from './2026-12-06T10-00-regulations.ts';
import * as admissionCases from './2026-12-06T10-10-admission-cases.ts';
import * as ratings366 from './2026-12-06T10-30-ratings-366.ts';
import * as dossierFiles from './2026-12-06T10-40-dossier-files.ts';

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '2026-11-27T14-00-foundation': foundation,
  '2026-11-27T15-10-accounts': accounts,
  '2026-11-27T15-40-pipeline': pipeline,
  '2026-11-27T16-10-ratings': ratings,
  '2026-11-27T17-00-scale-indexes': scaleIndexes,
  '2026-11-27T17-30-duplicates': duplicates,
  '2026-11-27T18-40-locks': locks,
  '2026-11-27T20-00-name-search': nameSearch,
  '2026-11-27T21-00-import-rows': importRows,
  '2026-11-27T21-10-import-rows-indexes': importRowsIndexes,
  '2026-11-27T22-00-member-tallies': memberTallies,
  '2026-12-05T09-00-sign-in-throttles': signInThrottles,
  '2026-12-06T04-00-event-organizations': eventOrganizations,
  '2026-12-06T06-10-person-history': personHistory,
  '2026-12-06T06-50-organization-names': organizationNames,
  '2026-12-06T07-00-grant-dates': grantDates,
  '2026-12-06T10-00-regulations': regulations,
  '2026-12-06T10-10-admission-cases': admissionCases,
  '2026-12-06T10-30-ratings-366': ratings366,
  '2026-12-06T10-40-dossier-files': dossierFiles,
};
