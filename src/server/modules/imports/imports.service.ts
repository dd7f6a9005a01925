import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan } from '../../access/access.ts';
import type { Db } from '../../db/database.ts';
import type { MemberPeriodTable, PersonTable } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { foldText, nameSortKey } from '../../../shared/text.ts';
import { formatDate, maxDate } from '../../../shared/dates.ts';
import { holdLock } from '../../db/locks.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { peopleInScopeAmong } from '../../access/scope.repository.ts';
import { organizationsInSubtree, unitsCoveredInSubtree } from '../organizations/tree.repository.ts';
import {
  findOrganizationsByKeys,
  organizationsCoveringUnits,
} from '../organizations/organizations.repository.ts';
import { Pacer } from '../../lib/pacer.ts';
import {
  COLUMNS,
  IMPORT_STAGES,
  isTreeKind,
  stageLabel,
  type ImportKind,
  type ImportStage,
} from './imports.columns.ts';
import type { ImportFile } from './imports.reader.ts';
import { forEachDataRow } from './imports.sheet.ts';
import {
  IMPORT_ITEM_LIMIT,
  cancelledImport,
  rejection,
  type ImportOptions,
} from './imports.outcome.ts';
import { importTreeFile } from './tree-imports.service.ts';
import { CLOSE_NAME_WARNINGS, CloseNameGroup, CloseNameGroups } from './close-names.ts';
import type { ImportResult, ImportRowResult, RowStatus } from '../../../shared/answers.ts';
import {
  clearStagedRows,
  clearStaleStagedRows,
  closeTargetGroups,
  currentTargetGroups,
  findMemberships,
  findOpenCandidacies,
  findPeopleByKeys,
  findStagedByKeys,
  findUnitsByKeys,
  insertCandidates,
  insertPeople,
  insertTargetGroups,
  insertTransitions,
  peopleOfUnitYears,
  stageRows,
  stagedOfUnitYears,
  updatePerson,
  type PlaceRow,
  type StagedRow,
  type StoredCandidacy,
  type StoredMembership,
  type StoredPerson,
} from './imports.repository.ts';
import {
  changeFact,
  ensureHistory,
  movePlace,
  openFactOf,
  openHistory,
  openPlaceOf,
  PERSON_FACT_FIELDS,
  shiftBirthStarts,
} from '../people/person-history.repository.ts';
import {
  insertMemberPeriods,
  insertMemberships,
  recognizeMembership,
  updateMembershipDecisions,
} from '../membership/membership.ledger.ts';
import { parseRow, type ParsedRow, type RowIssue } from './imports.rules.ts';

export type { ImportResult, ImportRowResult, RowStatus };

/**
 * Spreadsheet import (SPEC §8): preview first, then confirm. Both run the same single streaming
 * pass over the file in batches; confirm runs it inside ONE transaction and writes a batch only
 * while no row so far has failed, then refuses the whole file (rolling everything back) if any
 * row failed. Existing people are matched by national ID, else by folded name + birth date, so
 * importing the same file twice changes nothing the second time.
 *
 * Memory is bounded by a batch, not by the file: the keys of rows already read (for in-file
 * duplicates and close names) go to the `import_rows` table and are looked up by index, the answer
 * lists at most IMPORT_ITEM_LIMIT rows (failures first, then warnings, then the rest; the counts
 * cover the whole file), and the audit trail is one event per import naming the file and its
 * counts rather than one per row.
 */

const OPEN = '9999-12-31';
const BATCH = 500;
export { IMPORT_ITEM_LIMIT, type ImportOptions };
/** Most distinct unit or organization names remembered between batches. */
const PLACE_CACHE_LIMIT = 10_000;
/**
 * Most close-name candidates (stored people and rows, see close-names.ts) an import keeps between
 * batches; past it the least recently used groups are read again when needed.
 */
const CLOSE_NAME_CACHE_LIMIT = 200_000;
/** Rows left in `import_rows` by a preview that died are removed after this long. */
const STALE_MS = 24 * 60 * 60 * 1000;

/** One row on its way through a batch. */
interface Work {
  parsed: ParsedRow;
  result: ImportRowResult;
  unit: PlaceRow | null;
  organization: PlaceRow | null;
  match: StoredPerson | null;
  personChanges: Partial<Insertable<PersonTable>>;
  groupsToAdd: string[];
  groupsToClose: string[];
  membership: StoredMembership | null;
  membershipChanges: {
    admissionDecisionNo?: string;
    officialDecisionNo?: string;
    officialOn?: string;
  };
  newMembership: boolean;
  newCandidacy: boolean;
}

/** State kept across batches: caches, in-file keys and the running counts. */
class ImportRun {
  readonly counts: Record<RowStatus, number> = {
    new: 0,
    update: 0,
    unchanged: 0,
    duplicate: 0,
    error: 0,
  };
  readonly failures: ImportRowResult[] = [];
  readonly warned: ImportRowResult[] = [];
  readonly others: ImportRowResult[] = [];
  truncated = false;
  rows = 0;
  readonly units = new Map<string, PlaceRow | RowIssue>();
  readonly organizations = new Map<string, PlaceRow | RowIssue>();
  /** The cells and units rows went to: the import's audit event concerns their organizations. */
  readonly cellIds = new Set<number>();
  readonly unitIds = new Set<number>();
  /** Names this run's rows in `import_rows`. */
  readonly id = randomUUID();
  /** The groups of close-name candidates read so far (unit and birth year). */
  readonly closeNames = new CloseNameGroups(CLOSE_NAME_CACHE_LIMIT);
  /** Yields to the event loop between slices of work; stops the run once cancelled. */
  readonly pacer: Pacer;
  readonly today: string;
  readonly now: string;
  constructor(
    readonly ctx: AppContext,
    readonly actor: Actor,
    readonly kind: ImportKind,
    readonly file: ImportFile,
    readonly options: ImportOptions,
  ) {
    this.today = ctx.clock.today();
    this.now = ctx.clock.now();
    this.pacer = new Pacer(options.signal, cancelledImport);
  }

  get failed(): number {
    return this.counts.error + this.counts.duplicate;
  }

  /** The organizations the import concerns: the actor's, the rows' cells, their units' coverers. */
  async organizationIds(db: Db): Promise<(number | null)[]> {
    return [
      this.actor.organizationId,
      ...this.cellIds,
      ...(await organizationsCoveringUnits(db, [...this.unitIds])),
    ];
  }

  /**
   * Counts a row and lists it while fewer than IMPORT_ITEM_LIMIT are listed; when full, a failure
   * takes the place of a plain row or a warned one, and a warned row that of a plain one.
   */
  keep(item: ImportRowResult): void {
    this.counts[item.status] += 1;
    const rank =
      item.status === 'error' || item.status === 'duplicate' ? 0 : item.warnings.length > 0 ? 1 : 2;
    const lists = [this.failures, this.warned, this.others] as const;
    if (this.failures.length + this.warned.length + this.others.length >= IMPORT_ITEM_LIMIT) {
      this.truncated = true;
      const victim =
        rank < 2 && this.others.length > 0
          ? this.others
          : rank < 1 && this.warned.length > 0
            ? this.warned
            : null;
      if (!victim) return;
      victim.pop();
    }
    lists[rank].push(item);
  }

  /** Remembers a resolved place name, forgetting the oldest once the cache is full. */
  remember(cache: Map<string, PlaceRow | RowIssue>, key: string, place: PlaceRow | RowIssue): void {
    if (cache.size >= PLACE_CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, place);
  }

  result(written: boolean, ignoredColumns: string[]): ImportResult {
    const items = [...this.failures, ...this.warned, ...this.others].sort((a, b) => a.row - b.row);
    return {
      kind: this.kind,
      file: this.file.name,
      format: this.file.format,
      dryRun: !this.options.write,
      written,
      rows: this.rows,
      counts: this.counts,
      ignoredColumns,
      items,
      truncated: this.truncated,
      itemLimit: IMPORT_ITEM_LIMIT,
    };
  }
}

/**
 * Previews (options.write false) or performs an import. A confirmed import with any bad row is
 * refused whole with `rule.import_rejected`, its `errors` naming every bad row and its details
 * holding the preview; a cancelled one (options.signal) writes nothing.
 */
export async function importFile(
  ctx: AppContext,
  actor: Actor,
  kind: ImportKind,
  file: ImportFile,
  options: ImportOptions,
): Promise<ImportResult> {
  if (isTreeKind(kind)) return importTreeFile(ctx, actor, kind, file, options);
  assertCan(actor, 'write');
  const run = new ImportRun(ctx, actor, kind, file, options);
  try {
    if (!options.write) {
      await clearStaleStagedRows(ctx.db, new Date(Date.parse(run.now) - STALE_MS).toISOString());
      let result: ImportResult;
      try {
        result = await pass(ctx.db, run);
      } finally {
        await clearStagedRows(ctx.db, run.id);
      }
      await recordEvent(ctx.db, actor, run.now, {
        action: `import.${kind}.preview`,
        entity: 'import',
        entityId: file.name,
        organizationIds: await run.organizationIds(ctx.db),
        after: { kind, file: file.name, rows: result.rows, counts: result.counts },
      });
      return result;
    }
    return await ctx.db.transaction().execute(async (trx) => {
      // Two confirmed imports never interleave: the second waits here for the first to commit,
      // then reads what it wrote (so a file imported twice at once lands once).
      await holdLock(trx, 'import', actor.username, run.now);
      const result = await pass(trx, run);
      if (run.failed > 0) throw rejection(result);
      await clearStagedRows(trx, run.id);
      // One event for the whole file (not one per row, which made the audit trail the largest
      // write of a big import): it names the file and counts what each row became.
      await recordEvent(trx, actor, run.now, {
        action: `import.${kind}`,
        entity: 'import',
        entityId: file.name,
        organizationIds: await run.organizationIds(trx),
        reason: `Nhập từ tệp ${file.name}`,
        after: { kind, file: file.name, rows: result.rows, counts: result.counts },
      });
      return result;
    });
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === 'rule.import_rejected' || error.code === 'import.cancelled')
    ) {
      await recordEvent(ctx.db, actor, ctx.clock.now(), {
        action:
          error.code === 'import.cancelled'
            ? `import.${kind}.cancelled`
            : `import.${kind}.rejected`,
        entity: 'import',
        entityId: file.name,
        organizationIds: await run.organizationIds(ctx.db),
        after: { kind, file: file.name, rows: run.rows, counts: run.counts },
      });
    }
    throw error;
  }
}

/** One streaming pass over the file: read, batch, decide, and (if writing and clean) write. */
async function pass(db: Db, run: ImportRun): Promise<ImportResult> {
  let batch: ParsedRow[] = [];
  const { ignored } = await forEachDataRow(
    run.file,
    run.kind,
    run.pacer,
    async (header, sheetRow) => {
      run.rows += 1;
      batch.push(parseRow(run.kind, header, sheetRow.cells, sheetRow.rowNumber, run.today));
      if (batch.length >= BATCH) {
        await processBatch(db, run, batch);
        batch = [];
        run.options.onProgress?.(run.rows);
      }
    },
  );
  if (batch.length > 0) await processBatch(db, run, batch);
  run.options.onProgress?.(run.rows);
  return run.result(run.options.write && run.failed === 0, ignored);
}

function emptyResult(parsed: ParsedRow): ImportRowResult {
  return {
    row: parsed.row,
    status: parsed.errors.length > 0 || !parsed.person ? 'error' : 'new',
    fullName: parsed.person?.fullName ?? parsed.label,
    personId: null,
    organizationCode: null,
    unitCode: null,
    changes: [],
    duplicateOf: null,
    errors: [...parsed.errors],
    warnings: [...parsed.warnings],
  };
}

async function processBatch(db: Db, run: ImportRun, batch: ParsedRow[]): Promise<void> {
  const work: Work[] = batch.map((parsed) => ({
    parsed,
    result: emptyResult(parsed),
    unit: null,
    organization: null,
    match: null,
    personChanges: {},
    groupsToAdd: [],
    groupsToClose: [],
    membership: null,
    membershipChanges: {},
    newMembership: false,
    newCandidacy: false,
  }));
  const valid = () =>
    work.filter((w) => w.result.status !== 'error' && w.result.status !== 'duplicate');

  // Each step is a few queries; between steps the event loop gets its turn (SQLite's calls are
  // synchronous and would otherwise hold it for the whole batch).
  await resolvePlaces(db, run, work);
  await run.pacer.breathe();
  const staged = await inFileDuplicates(db, run, valid());
  await run.pacer.breathe();

  const rows = valid();
  const stored = await findPeopleByKeys(
    db,
    [
      ...new Set(
        rows.flatMap((w) => (w.parsed.person?.nationalId ? [w.parsed.person.nationalId] : [])),
      ),
    ],
    [
      ...new Map(
        rows.flatMap((w) => {
          const p = w.parsed.person;
          return p ? [[`${p.nameFolded}|${p.birthDate}`, p] as const] : [];
        }),
      ).values(),
    ].map((p) => ({ nameFolded: p.nameFolded, birthDate: p.birthDate })),
  );
  // Only people the importer may see are matched: a row carrying the national ID of another
  // commune's person is a new person here (the committee above both merges the pair), so that an
  // import cannot be used to learn who holds an ID (docs/security.md, "The scope rule").
  const root = run.actor.organizationId;
  const inScope =
    root === null
      ? null
      : await peopleInScopeAmong(
          db,
          root,
          stored.map((s) => s.id),
          run.today,
        );
  const byNationalId = new Map<string, StoredPerson>();
  const byNameBirth = new Map<string, StoredPerson[]>();
  for (const s of stored) {
    if (inScope && !inScope.has(s.id)) continue;
    if (s.nationalId) byNationalId.set(s.nationalId, s);
    const key = `${s.nameFolded}|${s.birthDate}`;
    byNameBirth.set(key, [...(byNameBirth.get(key) ?? []), s]);
  }
  for (const w of rows) matchPerson(w, byNationalId, byNameBirth);
  await run.pacer.breathe();
  const matchedIds = valid().flatMap((w) => (w.match ? [w.match.id] : []));
  const groups = await currentTargetGroups(db, matchedIds, run.today);
  for (const w of valid()) comparePerson(w, groups);
  await run.pacer.breathe();
  if (run.kind === 'members') {
    const memberships = await findMemberships(db, matchedIds, run.today);
    for (const w of valid()) decideMembership(run, w, memberships);
  }
  if (run.kind === 'candidates') {
    const memberships = await findMemberships(db, matchedIds, run.today);
    const candidacies = await findOpenCandidacies(db, matchedIds);
    for (const w of valid()) decideCandidacy(run, w, memberships, candidacies);
  }
  await run.pacer.breathe();
  const fresh = await closeNameWarnings(db, run, valid());
  await run.pacer.breathe();

  for (const w of work) {
    const r = w.result;
    if (r.status === 'new' && w.match)
      r.status =
        w.newMembership || w.newCandidacy ? 'new' : r.changes.length > 0 ? 'update' : 'unchanged';
    run.keep(r);
  }
  if (run.options.write && run.failed === 0) await writeBatch(db, run, work);
  await run.pacer.breathe();
  await stageRows(
    db,
    run.id,
    run.now,
    staged.flatMap((w): StagedRow[] => {
      const p = w.parsed.person;
      if (!p) return [];
      return [
        {
          row: w.parsed.row,
          nationalId: p.nationalId,
          nameFolded: p.nameFolded,
          birthDate: p.birthDate,
          fullName: p.fullName,
          unitId: fresh.has(w) ? (w.unit?.id ?? null) : null,
          personId: fresh.has(w) ? w.result.personId : null,
        },
      ];
    }),
  );
}

function fail(w: Work, column: string, message: string, messageEn: string): void {
  w.result.errors.push({ column, message, messageEn });
  w.result.status = 'error';
}

/** Resolves units and organizations by code or folded name, with the batch's lookups cached. */
async function resolvePlaces(db: Db, run: ImportRun, work: Work[]): Promise<void> {
  const unitKeys = new Set<string>();
  const orgKeys = new Set<string>();
  for (const w of work) {
    const unit = w.parsed.person?.unit;
    if (unit && !run.units.has(unit)) unitKeys.add(unit);
    const org = w.parsed.membership?.organization ?? w.parsed.candidacy?.organization;
    if (org && !run.organizations.has(org)) orgKeys.add(org);
  }
  const root = run.actor.organizationId;
  if (unitKeys.size > 0) {
    const keys = [...unitKeys];
    const found = await findUnitsByKeys(db, keys, keys.map(foldText));
    const inScope =
      root === null
        ? null
        : await unitsCoveredInSubtree(
            db,
            root,
            found.map((u) => u.id),
            run.today,
          );
    for (const key of keys)
      run.remember(
        run.units,
        key,
        resolvePlace(
          key,
          found.filter((u) => inScope === null || inScope.has(u.id)),
          'đơn vị',
          run.today,
        ),
      );
  }
  if (orgKeys.size > 0) {
    const keys = [...orgKeys];
    const found = await findOrganizationsByKeys(db, keys, keys.map(foldText));
    const inScope =
      root === null
        ? null
        : await organizationsInSubtree(
            db,
            root,
            found.map((o) => o.id),
            run.today,
          );
    for (const key of keys)
      run.remember(
        run.organizations,
        key,
        resolvePlace(
          key,
          found.filter((o) => inScope === null || inScope.has(o.id)),
          'chi bộ',
          run.today,
        ),
      );
  }
  for (const w of work) {
    if (!w.parsed.person) continue;
    const unit = w.parsed.person.unit ? run.units.get(w.parsed.person.unit) : undefined;
    if (unit && 'id' in unit) {
      w.unit = unit;
      w.result.unitCode = unit.code;
      run.unitIds.add(unit.id);
    } else if (unit) fail(w, unit.column, unit.message, unit.messageEn);
    const orgKey = w.parsed.membership?.organization ?? w.parsed.candidacy?.organization;
    if (!orgKey) continue;
    const org = run.organizations.get(orgKey);
    if (org && 'id' in org) {
      if (org.kind !== 'cell')
        fail(
          w,
          'Chi bộ',
          `${org.name} (${org.code}) là đảng bộ; đảng viên và quần chúng thuộc một chi bộ`,
          'Not a cell',
        );
      w.organization = org;
      w.result.organizationCode = org.code;
      run.cellIds.add(org.id);
    } else if (org) fail(w, org.column, org.message, org.messageEn);
  }
}

function resolvePlace(
  key: string,
  found: PlaceRow[],
  what: 'đơn vị' | 'chi bộ',
  today: string,
): PlaceRow | RowIssue {
  const column = what === 'đơn vị' ? 'Đơn vị' : 'Chi bộ';
  const byCode =
    found.find((p) => p.code === key) ??
    found.find((p) => p.code.toUpperCase() === key.toUpperCase());
  const byName = found.filter((p) => p.nameFolded === foldText(key));
  const place = byCode ?? (byName.length === 1 ? byName[0] : undefined);
  if (!place) {
    if (byName.length > 1)
      return {
        column,
        message: `Có ${byName.length} ${what} tên "${key}"; hãy ghi mã (${byName.map((p) => p.code).join(', ')})`,
        messageEn: `Ambiguous name; use the code`,
      };
    return {
      column,
      message: `Không có ${what} "${key}" (ghi mã hoặc tên đúng như trong hệ thống)`,
      messageEn: `Unknown ${what === 'đơn vị' ? 'unit' : 'organization'}`,
    };
  }
  if (place.endsOn <= today)
    return {
      column,
      message: `${place.name} (${place.code}) đã giải thể từ ngày ${formatDate(place.endsOn)}`,
      messageEn: 'Dissolved',
    };
  return place;
}

/**
 * The same person twice in one file: the later row is a duplicate of the earlier. Earlier batches'
 * rows are looked up in `import_rows`, this batch's in a map of the batch. Returns the rows to
 * stage for the batches after (those not found to be duplicates), in file order.
 */
async function inFileDuplicates(db: Db, run: ImportRun, work: Work[]): Promise<Work[]> {
  type Seen = { row: number; nationalId: string | null; fullName: string };
  const people = work.flatMap((w) => (w.parsed.person ? [w.parsed.person] : []));
  const earlier = await findStagedByKeys(
    db,
    run.id,
    [...new Set(people.flatMap((p) => (p.nationalId ? [p.nationalId] : [])))],
    [...new Map(people.map((p) => [`${p.nameFolded}|${p.birthDate}`, p])).values()],
  );
  const seenNationalIds = new Map<string, number>();
  const seenNameBirth = new Map<string, Seen>();
  // The first row holding a key is the one later rows duplicate.
  for (const e of [...earlier].sort((a, b) => b.row - a.row)) {
    if (e.nationalId) seenNationalIds.set(e.nationalId, e.row);
    seenNameBirth.set(`${e.nameFolded}|${e.birthDate}`, e);
  }
  const staged: Work[] = [];
  for (const w of work) {
    const p = w.parsed.person;
    if (!p) continue;
    const byId = p.nationalId ? seenNationalIds.get(p.nationalId) : undefined;
    const nameBirth = `${p.nameFolded}|${p.birthDate}`;
    const seen = seenNameBirth.get(nameBirth);
    if (byId !== undefined) {
      w.result.status = 'duplicate';
      w.result.duplicateOf = {
        personId: null,
        row: byId,
        fullName: p.fullName,
        reason: 'Trùng số định danh với một dòng trước',
      };
      continue;
    }
    if (seen && (!seen.nationalId || !p.nationalId)) {
      w.result.status = 'duplicate';
      w.result.duplicateOf = {
        personId: null,
        row: seen.row,
        fullName: seen.fullName,
        reason: 'Trùng họ tên và ngày sinh với một dòng trước',
      };
      continue;
    }
    if (p.nationalId) seenNationalIds.set(p.nationalId, w.parsed.row);
    if (!seen)
      seenNameBirth.set(nameBirth, {
        row: w.parsed.row,
        nationalId: p.nationalId,
        fullName: p.fullName,
      });
    staged.push(w);
  }
  return staged;
}

/** Matches a row to a stored person: by national ID, else by folded name + birth date. */
function matchPerson(
  w: Work,
  byNationalId: Map<string, StoredPerson>,
  byNameBirth: Map<string, StoredPerson[]>,
): void {
  const p = w.parsed.person;
  if (!p) return;
  if (p.nationalId) {
    const owner = byNationalId.get(p.nationalId);
    if (owner) {
      if (owner.nameFolded === p.nameFolded || owner.birthDate === p.birthDate) {
        w.match = owner;
        w.result.personId = owner.id;
      } else {
        w.result.status = 'duplicate';
        w.result.duplicateOf = {
          personId: owner.id,
          row: null,
          fullName: owner.fullName,
          reason: `Số định danh ${p.nationalId} đã thuộc về ${owner.fullName} (sinh ${formatDate(owner.birthDate)})`,
        };
      }
      return;
    }
  }
  const same = byNameBirth.get(`${p.nameFolded}|${p.birthDate}`) ?? [];
  const compatible = same.filter((s) => !s.nationalId || !p.nationalId);
  if (compatible.length === 1) {
    w.match = compatible[0] ?? null;
  } else if (compatible.length > 1) {
    const first = compatible[0];
    w.result.status = 'duplicate';
    w.result.duplicateOf = {
      personId: first?.id ?? null,
      row: null,
      fullName: first?.fullName ?? p.fullName,
      reason: `Có ${compatible.length} hồ sơ cùng họ tên và ngày sinh (mã ${compatible.map((s) => s.id).join(', ')}); hãy ghi số định danh hoặc gộp hồ sơ trùng trước`,
    };
  } else {
    for (const s of same)
      w.result.warnings.push({
        column: 'Họ và tên',
        message: `Cùng họ tên và ngày sinh với ${s.fullName} (mã ${s.id}) nhưng khác số định danh; sẽ tạo người mới`,
        messageEn: 'Same name and birth date as another person with a different national ID',
      });
  }
  if (w.match) w.result.personId = w.match.id;
  else if (!w.unit && w.result.status !== 'error' && w.result.status !== 'duplicate')
    fail(w, 'Đơn vị', 'Người mới cần đơn vị (bản, trường, cơ quan)', 'A new person needs a unit');
}

/** What an update of a matched person would change (only cells that are filled count). */
function comparePerson(w: Work, groups: Map<number, string[]>): void {
  const p = w.parsed.person;
  const s = w.match;
  if (!p || !s) return;
  const desired: Partial<Insertable<PersonTable>> = {
    fullName: p.fullName,
    gender: p.gender,
    birthDate: p.birthDate,
    ethnicity: p.ethnicity,
    ...(w.unit ? { unitId: w.unit.id } : {}),
    educationLevel: p.educationLevel,
    ...(p.nationalId ? { nationalId: p.nationalId } : {}),
    ...(p.religion ? { religion: p.religion } : {}),
    ...(p.phone ? { phone: p.phone } : {}),
    ...(p.address ? { address: p.address } : {}),
    ...(p.politicalTheory ? { politicalTheory: p.politicalTheory } : {}),
    ...(p.occupation ? { occupation: p.occupation } : {}),
  };
  for (const [key, value] of Object.entries(desired)) {
    if ((s as unknown as Record<string, unknown>)[key] !== value) {
      (w.personChanges as Record<string, unknown>)[key] = value;
      w.result.changes.push(key);
    }
  }
  if (w.personChanges.fullName) {
    w.personChanges.nameFolded = foldText(p.fullName);
    w.personChanges.nameSort = nameSortKey(p.fullName);
  }
  const current = new Set(groups.get(s.id) ?? []);
  if (p.targetGroups) {
    w.groupsToAdd = p.targetGroups.filter((g) => !current.has(g));
    const wanted = new Set<string>(p.targetGroups);
    w.groupsToClose = [...current].filter((g) => !wanted.has(g));
  } else if (p.youthUnionFrom && !current.has('youth_union')) w.groupsToAdd = ['youth_union'];
  if (w.groupsToAdd.length + w.groupsToClose.length > 0) w.result.changes.push('targetGroups');
}

function decideMembership(run: ImportRun, w: Work, memberships: StoredMembership[]): void {
  const m = w.parsed.membership;
  if (!m || !w.organization) return;
  if (!w.match) {
    w.newMembership = true;
    return;
  }
  const own = memberships.filter((x) => x.personId === w.match?.id);
  const same = own.find((x) => x.admittedOn === m.admittedOn);
  if (same) {
    w.membership = same;
    if (same.endedOn <= run.today) {
      fail(
        w,
        'Ngày kết nạp',
        `Đảng tịch kết nạp ngày ${formatDate(same.admittedOn)} đã chấm dứt ngày ${formatDate(same.endedOn)}`,
        'That membership has ended',
      );
      return;
    }
    if (same.organizationId !== null && same.organizationId !== w.organization.id) {
      fail(
        w,
        'Chi bộ',
        `Đảng viên đang sinh hoạt tại chi bộ khác (mã ${same.organizationId}); chuyển sinh hoạt làm trong hồ sơ đảng viên, không qua nhập tệp`,
        'Member belongs to another cell',
      );
      return;
    }
    if (m.officialOn && same.officialOn && m.officialOn !== same.officialOn) {
      fail(
        w,
        'Ngày công nhận chính thức',
        `Khác hồ sơ (${formatDate(same.officialOn)}); sửa trong hồ sơ đảng viên`,
        'Differs from the record',
      );
      return;
    }
    if (m.officialOn && !same.officialOn) {
      w.membershipChanges.officialOn = m.officialOn;
      w.result.changes.push('officialOn');
    }
    if (m.admissionDecisionNo && m.admissionDecisionNo !== same.admissionDecisionNo) {
      w.membershipChanges.admissionDecisionNo = m.admissionDecisionNo;
      w.result.changes.push('admissionDecisionNo');
    }
    if (m.officialDecisionNo && m.officialDecisionNo !== same.officialDecisionNo) {
      w.membershipChanges.officialDecisionNo = m.officialDecisionNo;
      w.result.changes.push('officialDecisionNo');
    }
    return;
  }
  const open = own.find((x) => x.endedOn > run.today);
  if (open) {
    fail(
      w,
      'Ngày kết nạp',
      `Đã là đảng viên, kết nạp ngày ${formatDate(open.admittedOn)}`,
      'Already a member',
    );
    return;
  }
  const overlapping = own.find((x) => x.endedOn > m.admittedOn);
  if (overlapping) {
    fail(
      w,
      'Ngày kết nạp',
      `Trùng thời gian với đảng tịch kết nạp ngày ${formatDate(overlapping.admittedOn)}`,
      'Overlaps an earlier membership',
    );
    return;
  }
  w.newMembership = true;
}

function decideCandidacy(
  run: ImportRun,
  w: Work,
  memberships: StoredMembership[],
  candidacies: StoredCandidacy[],
): void {
  const c = w.parsed.candidacy;
  if (!c || !w.organization) return;
  if (!w.match) {
    requireImportableStage(w, c.stage);
    if (w.result.status !== 'error') w.newCandidacy = true;
    return;
  }
  const personId = w.match.id;
  const open = candidacies.filter((x) => x.personId === personId);
  const same = open.find((x) => x.organizationId === w.organization?.id);
  if (same) {
    if (same.stage !== c.stage || same.identifiedOn !== c.identifiedOn)
      fail(
        w,
        'Giai đoạn',
        `Đã có hồ sơ tại chi bộ này (giai đoạn ${stageLabel(same.stage)}, từ ${formatDate(same.identifiedOn)}); cập nhật trong quy trình kết nạp`,
        'Candidacy exists with other data',
      );
    return;
  }
  if (memberships.some((m) => m.personId === personId && m.endedOn > run.today)) {
    fail(w, 'Họ và tên', 'Người này đang là đảng viên', 'Already a member');
    return;
  }
  if (open.length > 0) {
    fail(
      w,
      'Chi bộ',
      'Người này đang là quần chúng ưu tú của chi bộ khác',
      'Candidate of another cell',
    );
    return;
  }
  requireImportableStage(w, c.stage);
  if (w.result.status !== 'error') w.newCandidacy = true;
}

/** A new candidacy starts only where paper still rules: source, fostering or course done. */
function requireImportableStage(w: Work, stage: string): void {
  if (!(IMPORT_STAGES as readonly string[]).includes(stage))
    fail(
      w,
      'Giai đoạn',
      `Hồ sơ mới chỉ nhập được ở giai đoạn: ${IMPORT_STAGES.map(stageLabel).join(', ')}; các bước sau ghi trong quy trình kết nạp`,
      'New candidacies can only be imported at source, fostering or trained',
    );
}

/**
 * Warns about new people whose names are one edit from someone of the same unit and birth year:
 * stored people, then new people of earlier rows (this batch's included), the earliest first.
 * The groups (unit, year) are read from the database the first time a batch needs them (stored
 * people, and the rows earlier batches staged) and kept for the batches after (close-names.ts:
 * a search per row, not a comparison with every earlier row). Returns the rows that count as new
 * people for the batches after.
 */
async function closeNameWarnings(db: Db, run: ImportRun, work: Work[]): Promise<Set<Work>> {
  const fresh = work.filter((w) => !w.match && w.unit && w.parsed.person);
  const key = (unitId: number, birthDate: string) => `${unitId}|${birthDate.slice(0, 4)}`;
  const used = new Set<string>();
  const missing = new Map<string, { unitId: number; year: string }>();
  for (const w of fresh) {
    const unitId = w.unit?.id ?? 0;
    const birthDate = w.parsed.person?.birthDate ?? '';
    const k = key(unitId, birthDate);
    used.add(k);
    if (!run.closeNames.has(k)) missing.set(k, { unitId, year: birthDate.slice(0, 4) });
  }
  if (missing.size > 0) {
    const groups = new Map([...missing.keys()].map((k) => [k, new CloseNameGroup()]));
    const pairs = [...missing.values()];
    const staged = await stagedOfUnitYears(db, run.id, pairs);
    await run.pacer.breathe();
    // People this import already wrote are named by their row, as in a preview.
    const written = new Set(staged.flatMap((s) => (s.personId === null ? [] : [s.personId])));
    for (const p of await peopleOfUnitYears(db, pairs))
      if (!written.has(p.id))
        groups.get(key(p.unitId ?? 0, p.birthDate))?.add({ ...p, row: null, fullName: '' });
    await run.pacer.breathe();
    for (const s of staged.sort((a, b) => a.row - b.row))
      groups.get(key(s.unitId ?? 0, s.birthDate))?.add({
        id: s.personId,
        row: s.row,
        nameFolded: s.nameFolded,
        fullName: s.fullName,
        birthDate: s.birthDate,
      });
    for (const [k, group] of groups) run.closeNames.set(k, group);
    await run.pacer.breathe();
  }
  for (const w of fresh) {
    const p = w.parsed.person;
    if (!p) continue;
    const k = key(w.unit?.id ?? 0, p.birthDate);
    // As many as take the row to CLOSE_NAME_WARNINGS warnings, and at least one.
    const room = Math.max(1, CLOSE_NAME_WARNINGS - w.result.warnings.length);
    for (const other of run.closeNames.get(k)?.closest(p.nameFolded, p.birthDate, room) ?? [])
      w.result.warnings.push({
        column: 'Họ và tên',
        message:
          other.row !== null
            ? `Có thể trùng với dòng ${other.row} (${other.fullName}): tên gần giống, cùng năm sinh, cùng đơn vị`
            : `Có thể trùng với người mã ${other.id}: tên gần giống, cùng năm sinh, cùng đơn vị`,
        messageEn: 'Possible duplicate: close name, same birth year and unit',
      });
    run.closeNames.add(k, {
      id: null,
      row: w.parsed.row,
      nameFolded: p.nameFolded,
      fullName: p.fullName,
      birthDate: p.birthDate,
    });
  }
  run.closeNames.trim(used);
  return new Set(fresh);
}

/**
 * An import that changes a known person's unit or facts records a change in their dated history:
 * the unit from the row's "in the unit since" date (else today), the facts from today; never
 * before the open period's start (an earlier date would rewrite that period: use a correction).
 * A changed birth date moves the periods that began on the old one.
 */
async function keepHistoryInStep(db: Db, w: Work, today: string): Promise<void> {
  const person = w.match;
  if (!person) return;
  const changes = w.personChanges;
  if (changes.birthDate !== undefined)
    await shiftBirthStarts(db, person.id, person.birthDate, changes.birthDate);
  if (changes.unitId !== undefined && changes.unitId !== null) {
    const open = await openPlaceOf(db, person.id);
    const from = w.parsed.person?.unitFrom ?? today;
    await movePlace(
      db,
      person.id,
      open,
      changes.unitId,
      open ? maxDate(from, open.validFrom) : from,
    );
  }
  for (const field of PERSON_FACT_FIELDS) {
    const value = changes[field];
    if (value === undefined) continue;
    const open = await openFactOf(db, person.id, field);
    await changeFact(
      db,
      person.id,
      field,
      open,
      value,
      open ? maxDate(today, open.validFrom) : today,
    );
  }
}

/** Writes one clean batch: new people, updates, target groups, memberships or candidacies. */
async function writeBatch(db: Db, run: ImportRun, work: Work[]): Promise<void> {
  const { now, today, actor } = run;
  const rows = work.filter(
    (w) => w.parsed.person && (w.result.status === 'new' || w.result.status === 'update'),
  );
  const fresh = rows.filter((w) => !w.match);
  const ids = await insertPeople(
    db,
    fresh.map((w) => {
      const p = w.parsed.person;
      if (!p) throw new Error('unreachable');
      return {
        fullName: p.fullName,
        nameFolded: p.nameFolded,
        nameSort: nameSortKey(p.fullName),
        gender: p.gender,
        birthDate: p.birthDate,
        ethnicity: p.ethnicity,
        religion: p.religion,
        nationalId: p.nationalId,
        phone: p.phone,
        address: p.address,
        unitId: w.unit?.id ?? null,
        educationLevel: p.educationLevel,
        professionalLevel: null,
        politicalTheory: p.politicalTheory,
        occupation: p.occupation,
        mergedIntoId: null,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  fresh.forEach((w, i) => {
    w.result.personId = ids[i] ?? null;
    const p = w.parsed.person;
    w.groupsToAdd = p?.targetGroups ?? (p?.youthUnionFrom ? ['youth_union'] : []);
  });
  // The new people's dated history: the place from its column (else the birth date, "always
  // lived here"), the facts from the birth date.
  await openHistory(
    db,
    fresh.flatMap((w) => {
      const p = w.parsed.person;
      if (!p || w.result.personId === null) return [];
      return [
        {
          personId: w.result.personId,
          unitId: w.unit?.id ?? null,
          unitFrom: p.unitFrom ?? p.birthDate,
          factsFrom: p.birthDate,
          facts: {
            educationLevel: p.educationLevel,
            professionalLevel: null,
            politicalTheory: p.politicalTheory,
            occupation: p.occupation,
          },
        },
      ];
    }),
  );
  for (const w of rows) {
    if (w.match && Object.keys(w.personChanges).length > 0) {
      // Before the row is rewritten: a person without history gets their current values as such.
      await ensureHistory(db, w.match.id);
      await updatePerson(db, w.match.id, w.personChanges, now);
      await keepHistoryInStep(db, w, today);
    }
    if (w.match && w.groupsToClose.length > 0)
      await closeTargetGroups(db, w.match.id, w.groupsToClose, today);
  }
  // Groups held since the membership or candidacy began, so reports by date count them; the
  // youth union from its own column when it is filled.
  const groupsFrom = (w: Work, targetGroup: string) =>
    (targetGroup === 'youth_union' ? w.parsed.person?.youthUnionFrom : null) ??
    (w.match
      ? today
      : (w.parsed.membership?.admittedOn ?? w.parsed.candidacy?.identifiedOn ?? today));
  await insertTargetGroups(
    db,
    rows.flatMap((w) =>
      w.groupsToAdd.map((targetGroup) => ({
        personId: w.result.personId ?? 0,
        targetGroup,
        validFrom: groupsFrom(w, targetGroup),
      })),
    ),
  );

  if (run.kind === 'members') {
    const fresh = rows.filter((w) => w.newMembership && w.parsed.membership);
    const membershipIds = await insertMemberships(
      db,
      fresh.map((w) => {
        const m = w.parsed.membership;
        if (!m) throw new Error('unreachable');
        return {
          personId: w.result.personId ?? 0,
          candidateId: null,
          admittedOn: m.admittedOn,
          admissionDecisionNo: m.admissionDecisionNo,
          officialOn: m.officialOn,
          officialDecisionNo: m.officialDecisionNo,
        };
      }),
    );
    await insertMemberPeriods(
      db,
      fresh.flatMap((w, i): Insertable<MemberPeriodTable>[] => {
        const m = w.parsed.membership;
        if (!m) return [];
        const base = {
          membershipId: membershipIds[i] ?? 0,
          personId: w.result.personId ?? 0,
          organizationId: w.organization?.id ?? 0,
          unitId: w.unit?.id ?? null,
        };
        return m.officialOn
          ? [
              {
                ...base,
                status: 'probationary' as const,
                startReason: 'admitted',
                endReason: 'recognized',
                validFrom: m.admittedOn,
                validTo: m.officialOn,
              },
              {
                ...base,
                status: 'official' as const,
                startReason: 'recognized',
                validFrom: m.officialOn,
                validTo: OPEN,
              },
            ]
          : [
              {
                ...base,
                status: 'probationary' as const,
                startReason: 'admitted',
                validFrom: m.admittedOn,
                validTo: OPEN,
              },
            ];
      }),
    );
    for (const w of rows) {
      if (!w.membership) continue;
      const { officialOn, ...numbers } = w.membershipChanges;
      if (officialOn) await recognizeMembership(db, w.membership.id, officialOn);
      if (Object.keys(numbers).length > 0)
        await updateMembershipDecisions(db, w.membership.id, numbers);
    }
  }

  if (run.kind === 'candidates') {
    const fresh = rows.filter((w) => w.newCandidacy && w.parsed.candidacy);
    const reason = `Nhập từ tệp ${run.file.name}`;
    const candidateIds = await insertCandidates(
      db,
      fresh.map((w) => {
        const c = w.parsed.candidacy;
        if (!c) throw new Error('unreachable');
        const stageOn =
          c.stage === 'trained'
            ? (c.certificateIssuedOn ?? c.identifiedOn)
            : c.stage === 'fostering'
              ? (c.fosteringOn ?? c.identifiedOn)
              : c.identifiedOn;
        return {
          personId: w.result.personId ?? 0,
          organizationId: w.organization?.id ?? 0,
          stage: c.stage,
          stageOn,
          identifiedOn: c.identifiedOn,
          fosteringOn: c.stage === 'source' ? null : c.fosteringOn,
          certificateNumber: c.stage === 'trained' ? c.certificateNumber : null,
          certificateIssuedOn: c.stage === 'trained' ? c.certificateIssuedOn : null,
          certificateIssuer: c.stage === 'trained' ? c.certificateIssuer : null,
          backgroundCheckedOn: null,
          dueKind: null,
          dueOn: null,
          createdAt: now,
          updatedAt: now,
        };
      }),
    );
    await insertTransitions(
      db,
      fresh.flatMap((w, i) => {
        const c = w.parsed.candidacy;
        if (!c) return [];
        const reached = IMPORT_STAGES.slice(0, IMPORT_STAGES.indexOf(c.stage as ImportStage) + 1);
        const on = {
          source: c.identifiedOn,
          fostering: c.fosteringOn ?? c.identifiedOn,
          trained: c.certificateIssuedOn ?? c.identifiedOn,
        };
        return reached.map((stage, k) => ({
          candidateId: candidateIds[i] ?? 0,
          fromStage: k === 0 ? null : (reached[k - 1] ?? null),
          toStage: stage,
          on: on[stage],
          actor: actor.username,
          reason,
          details: null,
          recordedAt: now,
        }));
      }),
    );
  }
}

/** The column list of a kind, for API clients building their own files. */
export function importColumns(kind: ImportKind) {
  return COLUMNS[kind].map((c) => ({
    key: c.key,
    vi: c.vi,
    en: c.en,
    required: c.required,
    hint: c.hint,
  }));
}
