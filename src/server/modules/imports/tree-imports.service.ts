import { organizationsInSubtree, unitsCoveredInSubtree } from '../organizations/tree.repository.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan } from '../../access/access.ts';
import { isReferenceInScope } from '../../access/scope.ts';
import type { Db } from '../../db/database.ts';
import { holdLock } from '../../db/locks.ts';
import { AppError } from '../../lib/errors.ts';
import { Pacer } from '../../lib/pacer.ts';
import { formatDate } from '../../../shared/dates.ts';
import {
  ORGANIZATION_LEVEL_LABELS,
  SECTOR_LABELS,
  UNIT_KIND_LABELS,
  type OrganizationLevel,
  type Sector,
  type UnitKind,
} from '../../../shared/enums.ts';
import type { ImportResult, ImportRowResult, RowStatus } from '../../../shared/answers.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import {
  ancestorIdsOn,
  findOrganizationsByCodes,
  treeChangesAfter,
  type StoredOrganization,
} from '../organizations/organizations.repository.ts';
import { createOrganizationIn, createUnitIn } from '../organizations/organizations.service.ts';
import { yesNoLabel, type TreeImportKind } from './imports.columns.ts';
import { TREE_READ_LIMITS, tooManyRows } from './imports.limits.ts';
import {
  IMPORT_ITEM_LIMIT,
  cancelledImport,
  rejection,
  type ImportOptions,
} from './imports.outcome.ts';
import type { ImportFile } from './imports.reader.ts';
import { forEachDataRow } from './imports.sheet.ts';
import { findUnitsByCodes, type StoredUnit } from './imports.repository.ts';
import {
  parentsFirst,
  parseOrganizationRow,
  parseUnitRow,
  sameName,
  treeColumn,
  type ImportedOrganization,
  type ImportedUnit,
  type ParsedTreeRow,
} from './tree-imports.rules.ts';

/**
 * Import of the tree (organizations) and its units (SPEC §8, issue 15), with the people import's
 * behaviour: preview first, then one transaction that writes every row or none; a code already
 * there with the same values is "unchanged" (so the same file imported twice changes nothing),
 * with other values a row error — an import never rewrites the tree, reorganizations do.
 *
 * A row may name a parent (or a commune) further down the file, so the file is read whole (at
 * most TREE_READ_LIMITS rows) and written parents first. Organizations are created through the
 * organizations service's createOrganizationIn (the dated link and closure), units through its
 * createUnitIn. Every parent and coverer must lie in the caller's subtree, today and on the row's
 * date; one that does not is refused exactly like one that does not exist.
 */

const OPEN = '9999-12-31';

/** One row with its answer. */
interface Decision<T> {
  parsed: ParsedTreeRow<T>;
  result: ImportRowResult;
}

/** The run of one tree import. */
interface TreeRun {
  ctx: AppContext;
  actor: Actor;
  kind: TreeImportKind;
  file: ImportFile;
  options: ImportOptions;
  pacer: Pacer;
  today: string;
  now: string;
  /** The organizations the import's event concerns: created ones, their parents, coverers. */
  organizationIds: Set<number>;
}

/** Previews (options.write false) or performs an organizations or units import. */
export async function importTreeFile(
  ctx: AppContext,
  actor: Actor,
  kind: TreeImportKind,
  file: ImportFile,
  options: ImportOptions,
): Promise<ImportResult> {
  // Creating organizations is a reorganization (admins); units are everyday writes.
  assertCan(actor, kind === 'organizations' ? 'reorganize' : 'write');
  const run: TreeRun = {
    ctx,
    actor,
    kind,
    file,
    options,
    pacer: new Pacer(options.signal, cancelledImport),
    today: ctx.clock.today(),
    now: ctx.clock.now(),
    organizationIds: new Set(actor.organizationId === null ? [] : [actor.organizationId]),
  };
  let rows = 0;
  let counts: Record<RowStatus, number> | null = null;
  try {
    const { parsed, ignored } = await readTreeFile(run);
    rows = parsed.length;
    if (!options.write) {
      const { result } = await decide(ctx.db, run, parsed, ignored);
      await recordEvent(ctx.db, actor, run.now, {
        action: `import.${kind}.preview`,
        entity: 'import',
        entityId: file.name,
        organizationIds: [...run.organizationIds],
        after: { kind, file: file.name, rows: result.rows, counts: result.counts },
      });
      return result;
    }
    return await ctx.db.transaction().execute(async (trx) => {
      await holdLock(trx, 'import', actor.username, run.now);
      const { result, ordered } = await decide(trx, run, parsed, ignored);
      counts = result.counts;
      if (result.counts.error + result.counts.duplicate > 0) throw rejection(result);
      await write(trx, run, ordered);
      await recordEvent(trx, actor, run.now, {
        action: `import.${kind}`,
        entity: 'import',
        entityId: file.name,
        organizationIds: [...run.organizationIds],
        reason: `Nhập từ tệp ${file.name}`,
        after: { kind, file: file.name, rows: result.rows, counts: result.counts },
      });
      return { ...result, written: true };
    });
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === 'rule.import_rejected' || error.code === 'import.cancelled')
    ) {
      await recordEvent(ctx.db, actor, ctx.clock.now(), {
        action: `import.${kind}.${error.code === 'import.cancelled' ? 'cancelled' : 'rejected'}`,
        entity: 'import',
        entityId: file.name,
        organizationIds: [...run.organizationIds],
        after: { kind, file: file.name, rows, counts },
      });
    }
    throw error;
  }
}

/** Reads the file's sheet of this kind whole: the header row matched, every data row parsed. */
async function readTreeFile(run: TreeRun): Promise<{
  parsed: ParsedTreeRow<ImportedOrganization | ImportedUnit>[];
  ignored: string[];
}> {
  const parsed: ParsedTreeRow<ImportedOrganization | ImportedUnit>[] = [];
  const { ignored } = await forEachDataRow(run.file, run.kind, run.pacer, (header, sheetRow) => {
    if (parsed.length >= TREE_READ_LIMITS.maxRows) throw tooManyRows(TREE_READ_LIMITS);
    parsed.push(
      run.kind === 'organizations'
        ? parseOrganizationRow(header, sheetRow.cells, sheetRow.rowNumber, run.today)
        : parseUnitRow(header, sheetRow.cells, sheetRow.rowNumber, run.today),
    );
    if (parsed.length % 1000 === 0) run.options.onProgress?.(parsed.length);
  });
  run.options.onProgress?.(parsed.length);
  return { parsed, ignored };
}

function fail(d: Decision<unknown>, column: string, message: string, messageEn: string): void {
  d.result.errors.push({ column, message, messageEn });
  d.result.status = 'error';
}

function failed(d: Decision<unknown>): boolean {
  return d.result.status === 'error' || d.result.status === 'duplicate';
}

/**
 * A code already used: the same record (unchanged, when `compare` finds no difference) or a row
 * error; never a rewrite. One held outside the caller's scope is only "already used".
 */
function markExisting<T extends { code: string }, S extends { id: number }>(
  valid: Decision<T>[],
  byCode: Map<string, S>,
  visible: Set<number>,
  codeColumn: string,
  compare: (d: Decision<T>, record: T, stored: S) => void,
): void {
  for (const d of valid) {
    const record = d.parsed.record;
    const existing = byCode.get(d.parsed.code);
    if (!record || !existing) continue;
    if (!visible.has(existing.id)) {
      fail(d, codeColumn, `Mã ${record.code} đã được dùng`, 'Code already used');
      continue;
    }
    compare(d, record, existing);
    if (!failed(d)) d.result.status = 'unchanged';
  }
}

/** What a decided file will do, and the rows to write in order. */
interface Decided {
  result: ImportResult;
  ordered: (Decision<ImportedOrganization> | Decision<ImportedUnit>)[];
}

/** Decides every row (new, unchanged, duplicate, error) against the database, writing nothing. */
async function decide(
  db: Db,
  run: TreeRun,
  parsed: ParsedTreeRow<ImportedOrganization | ImportedUnit>[],
  ignored: string[],
): Promise<Decided> {
  const decisions = parsed.map((p): Decision<ImportedOrganization | ImportedUnit> => ({
    parsed: p,
    result: {
      row: p.row,
      status: p.record ? 'new' : 'error',
      fullName: p.label,
      personId: null,
      organizationCode: run.kind === 'organizations' ? p.code || null : null,
      unitCode: run.kind === 'units' ? p.code || null : null,
      parentCode: p.parent,
      changes: [],
      duplicateOf: null,
      errors: [...p.errors],
      warnings: [],
    },
  }));
  // The same code twice: the later row duplicates the first.
  const first = new Map<string, Decision<unknown>>();
  for (const d of decisions) {
    if (!d.parsed.record) continue;
    const earlier = first.get(d.parsed.code);
    if (earlier) {
      d.result.status = 'duplicate';
      d.result.duplicateOf = {
        personId: null,
        row: earlier.parsed.row,
        fullName: earlier.parsed.label,
        reason: `Trùng mã ${d.parsed.code} với dòng ${earlier.parsed.row}`,
      };
    } else first.set(d.parsed.code, d);
  }
  const ordered =
    run.kind === 'organizations'
      ? await decideOrganizations(db, run, decisions as Decision<ImportedOrganization>[])
      : await decideUnits(db, run, decisions as Decision<ImportedUnit>[]);
  return { result: resultOf(run, decisions, ignored), ordered };
}

/** The answer: counts over every row, at most IMPORT_ITEM_LIMIT rows listed, failures first. */
function resultOf(run: TreeRun, decisions: Decision<unknown>[], ignored: string[]): ImportResult {
  const counts: Record<RowStatus, number> = {
    new: 0,
    update: 0,
    unchanged: 0,
    duplicate: 0,
    error: 0,
  };
  for (const d of decisions) counts[d.result.status] += 1;
  const rank = (d: Decision<unknown>) => (failed(d) ? 0 : d.result.warnings.length > 0 ? 1 : 2);
  const listed = [...decisions]
    .sort((a, b) => rank(a) - rank(b) || a.parsed.row - b.parsed.row)
    .slice(0, IMPORT_ITEM_LIMIT)
    .map((d) => d.result)
    .sort((a, b) => a.row - b.row);
  return {
    kind: run.kind,
    file: run.file.name,
    format: run.file.format,
    dryRun: !run.options.write,
    written: false,
    rows: decisions.length,
    counts,
    ignoredColumns: ignored,
    items: listed,
    truncated: decisions.length > IMPORT_ITEM_LIMIT,
    itemLimit: IMPORT_ITEM_LIMIT,
  };
}

/**
 * Whether a stored organization may be named by this actor on a date (the scope rule for
 * writes: held today and under the actor's organization on that date), memoized per run.
 */
function scopeChecker(db: Db, run: TreeRun) {
  const ctx = { ...run.ctx, db };
  const seen = new Map<string, Promise<boolean>>();
  return (kind: 'organization' | 'unit', code: string, on: string): Promise<boolean> => {
    const key = `${kind}|${code}|${on}`;
    let answer = seen.get(key);
    if (!answer) {
      answer = isReferenceInScope(ctx, run.actor, kind, code, { purpose: 'write', on });
      seen.set(key, answer);
    }
    return answer;
  };
}

/** Codes of the organizations the actor may see among stored ones (today's subtree). */
async function visibleOrganizations(
  db: Db,
  run: TreeRun,
  stored: StoredOrganization[],
): Promise<Set<number>> {
  const root = run.actor.organizationId;
  if (root === null) return new Set(stored.map((o) => o.id));
  return organizationsInSubtree(
    db,
    root,
    stored.map((o) => o.id),
    run.today,
  );
}

async function decideOrganizations(
  db: Db,
  run: TreeRun,
  decisions: Decision<ImportedOrganization>[],
): Promise<Decision<ImportedOrganization>[]> {
  const col = (key: string) => treeColumn('organizations', key).vi;
  const valid = decisions.filter((d) => !failed(d) && d.parsed.record);
  const stored = await findOrganizationsByCodes(
    db,
    valid.flatMap((d) => [d.parsed.code, d.parsed.record?.parentCode ?? d.parsed.code]),
  );
  const byCode = new Map(stored.map((o) => [o.code, o]));
  const visible = await visibleOrganizations(db, run, stored);
  await run.pacer.breathe();

  markExisting(valid, byCode, visible, col('code'), compareOrganization);

  const inFile = new Map(valid.map((d) => [d.parsed.code, d]));
  const { ordered, loops } = parentsFirst(
    valid,
    (d) => d.parsed.code,
    (d) => d.parsed.record?.parentCode ?? null,
  );
  for (const [d, path] of loops)
    fail(d, col('parentCode'), `Vòng lặp cấp trên trong tệp: ${path}`, 'Parent loop in the file');
  const inScope = scopeChecker(db, run);
  const root = run.actor.organizationId;
  for (const d of ordered) {
    await run.pacer.breathe();
    const record = d.parsed.record;
    if (!record || d.result.status !== 'new') continue;
    const parentCode = record.parentCode;
    if (parentCode === null) {
      if (root !== null)
        fail(
          d,
          col('parentCode'),
          'Cần mã tổ chức cấp trên (một tổ chức trong phạm vi của bạn hoặc một dòng của tệp)',
          'A parent is required',
        );
      continue;
    }
    const parentRow = inFile.get(parentCode);
    if (parentRow && parentRow.result.status === 'new') {
      const parent = parentRow.parsed.record;
      if (!parent) continue;
      if (parent.kind === 'cell')
        fail(
          d,
          col('parentCode'),
          `${parentCode} (dòng ${parentRow.parsed.row}) là chi bộ; chi bộ không có tổ chức cấp dưới`,
          'A cell has no sub-organizations',
        );
      else if (parent.establishedOn > record.establishedOn)
        fail(
          d,
          col('establishedOn'),
          `Trước ngày thành lập ${formatDate(parent.establishedOn)} của tổ chức cấp trên ${parentCode} (dòng ${parentRow.parsed.row})`,
          'Before its parent was established',
        );
      continue;
    }
    if (parentRow && failed(parentRow)) {
      fail(
        d,
        col('parentCode'),
        `Tổ chức cấp trên ${parentCode} (dòng ${parentRow.parsed.row}) có lỗi`,
        'The parent row has errors',
      );
      continue;
    }
    const parent = byCode.get(parentCode);
    if (!parent || !(await inScope('organization', parentCode, record.establishedOn))) {
      fail(
        d,
        col('parentCode'),
        `Không tìm thấy tổ chức đảng mã ${parentCode} trong phạm vi của bạn`,
        'Parent not found in your scope',
      );
      continue;
    }
    const problem = await parentProblem(db, parent, record.establishedOn);
    if (problem)
      fail(
        d,
        problem.column === 'date' ? col('establishedOn') : col('parentCode'),
        problem.message,
        problem.messageEn,
      );
    else if (root === null || parent.id !== root) run.organizationIds.add(parent.id);
  }
  return ordered;
}

/** Why a stored organization cannot take a new child from `on`, if it cannot. */
async function parentProblem(
  db: Db,
  parent: StoredOrganization,
  on: string,
): Promise<{ column: 'parent' | 'date'; message: string; messageEn: string } | null> {
  if (parent.kind === 'cell')
    return {
      column: 'parent',
      message: `${parent.name} (${parent.code}) là chi bộ; chi bộ không có tổ chức cấp dưới`,
      messageEn: 'A cell has no sub-organizations',
    };
  if (parent.establishedOn > on)
    return {
      column: 'date',
      message: `Trước ngày thành lập ${formatDate(parent.establishedOn)} của tổ chức cấp trên ${parent.code}`,
      messageEn: 'Before its parent was established',
    };
  if (parent.dissolvedOn <= on)
    return {
      column: 'date',
      message: `Tổ chức cấp trên ${parent.code} đã giải thể từ ngày ${formatDate(parent.dissolvedOn)}`,
      messageEn: 'The parent was dissolved by then',
    };
  // The new child's closure rows run from `on` on the tree as it stood then: a later change
  // around its parent would leave them wrong (the reorganization's own rule, in date order).
  const later = await treeChangesAfter(
    db,
    [parent.id, ...(await ancestorIdsOn(db, parent.id, on))],
    on,
  );
  if (later.length > 0)
    return {
      column: 'date',
      message: `Cây tổ chức quanh ${parent.code} đã thay đổi sau ngày ${formatDate(on)} (${later.join(', ')}); ghi ngày thành lập từ sau thay đổi đó, hoặc thành lập bằng sắp xếp tổ chức`,
      messageEn: 'The tree around the parent changed after that date',
    };
  return null;
}

/** Row errors for every value that differs from the stored organization (filled cells only). */
function compareOrganization(
  d: Decision<ImportedOrganization>,
  record: ImportedOrganization,
  stored: StoredOrganization,
): void {
  const col = (key: string) => treeColumn('organizations', key).vi;
  const what = `Đã có tổ chức mã ${record.code}`;
  const differ = (key: string, message: string) =>
    fail(
      d,
      col(key),
      `${what} ${message}; sửa bằng màn hình cây tổ chức, không qua nhập tệp`,
      'Exists with other values',
    );
  if (!sameName(stored.name, record.name)) differ('name', `với tên khác: "${stored.name}"`);
  if (stored.level !== record.level)
    differ(
      'level',
      `ở cấp khác: ${ORGANIZATION_LEVEL_LABELS[stored.level as OrganizationLevel] ?? stored.level}`,
    );
  if (stored.parentCode !== record.parentCode)
    differ(
      'parentCode',
      stored.parentCode === null
        ? 'không có tổ chức cấp trên'
        : `trực thuộc tổ chức khác: ${stored.parentCode}`,
    );
  if (stored.establishedOn !== record.establishedOn)
    differ('establishedOn', `thành lập ngày khác: ${formatDate(stored.establishedOn)}`);
  if (record.sector !== null && stored.sector !== record.sector)
    differ(
      'sector',
      `thuộc khối khác: ${stored.sector ? (SECTOR_LABELS[stored.sector as Sector] ?? stored.sector) : 'không khối nào'}`,
    );
  const flags = [
    ['combined', record.combined, stored.combined],
    ['decidesAdmissions', record.decidesAdmissions, stored.decidesAdmissions],
    ['educationException', record.educationException, stored.educationException],
    ['hasYouthUnion', record.hasYouthUnion, stored.hasYouthUnion],
  ] as const;
  for (const [key, wanted, has] of flags)
    if (wanted !== null && wanted !== (has === 1))
      differ(key, `với "${col(key)}" là ${yesNoLabel(has === 1)}`);
}

async function decideUnits(
  db: Db,
  run: TreeRun,
  decisions: Decision<ImportedUnit>[],
): Promise<Decision<ImportedUnit>[]> {
  const col = (key: string) => treeColumn('units', key).vi;
  const valid = decisions.filter((d) => !failed(d) && d.parsed.record);
  const stored = await findUnitsByCodes(
    db,
    valid.flatMap((d) => [d.parsed.code, d.parsed.record?.communeCode ?? d.parsed.code]),
  );
  const byCode = new Map(stored.map((u) => [u.code, u]));
  const root = run.actor.organizationId;
  const visible =
    root === null
      ? new Set(stored.map((u) => u.id))
      : await unitsCoveredInSubtree(
          db,
          root,
          stored.map((u) => u.id),
          run.today,
        );
  const coverers = new Map(
    (
      await findOrganizationsByCodes(
        db,
        valid.flatMap((d) => d.parsed.record?.organizationCodes ?? []),
      )
    ).map((o) => [o.code, o]),
  );
  await run.pacer.breathe();

  markExisting(valid, byCode, visible, col('code'), compareUnit);

  const inFile = new Map(valid.map((d) => [d.parsed.code, d]));
  const { ordered, loops } = parentsFirst(
    valid,
    (d) => d.parsed.code,
    (d) => d.parsed.record?.communeCode ?? null,
  );
  for (const [d, path] of loops)
    fail(d, col('communeCode'), `Vòng lặp trong tệp: ${path}`, 'Commune loop in the file');
  const inScope = scopeChecker(db, run);
  for (const d of ordered) {
    await run.pacer.breathe();
    const record = d.parsed.record;
    if (!record) continue;
    d.result.organizationCode = record.organizationCodes?.[0] ?? null;
    if (d.result.status !== 'new') continue;
    const communeCode = record.communeCode;
    const communeRow = communeCode === null ? undefined : inFile.get(communeCode);
    if (communeCode !== null && communeRow && failed(communeRow))
      fail(
        d,
        col('communeCode'),
        `Đơn vị ${communeCode} (dòng ${communeRow.parsed.row}) có lỗi`,
        'The commune row has errors',
      );
    else if (
      communeCode !== null &&
      !communeRow &&
      !(byCode.has(communeCode) && visible.has(byCode.get(communeCode)?.id ?? 0))
    )
      fail(
        d,
        col('communeCode'),
        `Không tìm thấy đơn vị mã ${communeCode} trong phạm vi của bạn`,
        'Commune not found in your scope',
      );
    const codes = record.organizationCodes ?? [];
    if (codes.length === 0 && root !== null)
      fail(
        d,
        col('organizations'),
        'Cần tổ chức đảng phụ trách (trong phạm vi của bạn)',
        'A covering organization is required',
      );
    for (const code of codes) {
      const organization = coverers.get(code);
      if (!organization || !(await inScope('organization', code, record.validFrom))) {
        fail(
          d,
          col('organizations'),
          `Không tìm thấy tổ chức đảng mã ${code} trong phạm vi của bạn`,
          'Organization not found in your scope',
        );
        continue;
      }
      if (organization.establishedOn > record.validFrom)
        fail(
          d,
          col('validFrom'),
          `Trước ngày thành lập ${formatDate(organization.establishedOn)} của ${organization.code}`,
          'Before the covering organization was established',
        );
      else if (organization.dissolvedOn !== OPEN)
        fail(
          d,
          col('organizations'),
          `${organization.name} (${organization.code}) đã giải thể từ ngày ${formatDate(organization.dissolvedOn)}`,
          'Dissolved',
        );
      else run.organizationIds.add(organization.id);
    }
  }
  return ordered;
}

/** Row errors for every value that differs from the stored unit (filled cells only). */
function compareUnit(d: Decision<ImportedUnit>, record: ImportedUnit, stored: StoredUnit): void {
  const col = (key: string) => treeColumn('units', key).vi;
  const what = `Đã có đơn vị mã ${record.code}`;
  const differ = (key: string, message: string) =>
    fail(d, col(key), `${what} ${message}`, 'Exists with other values');
  if (!sameName(stored.name, record.name)) differ('name', `với tên khác: "${stored.name}"`);
  if (stored.kind !== record.kind)
    differ('kind', `thuộc loại khác: ${UNIT_KIND_LABELS[stored.kind as UnitKind] ?? stored.kind}`);
  if (record.communeCode !== null && stored.communeCode !== record.communeCode)
    differ('communeCode', `thuộc xã khác: ${stored.communeCode ?? 'không thuộc xã nào'}`);
  if (record.sector !== null && stored.sector !== record.sector)
    differ(
      'sector',
      `thuộc khối khác: ${stored.sector ? (SECTOR_LABELS[stored.sector as Sector] ?? stored.sector) : 'không khối nào'}`,
    );
  if (record.staffCount !== null && stored.staffCount !== record.staffCount)
    differ('staffCount', `với số cán bộ khác: ${stored.staffCount ?? 'không ghi'}`);
  if (stored.validFrom !== record.validFrom)
    differ('validFrom', `từ ngày khác: ${formatDate(stored.validFrom)}`);
  const wanted = record.organizationCodes ? [...record.organizationCodes].sort() : null;
  if (wanted && wanted.join(';') !== stored.organizationCodes.join(';'))
    differ(
      'organizations',
      `do tổ chức khác phụ trách từ ngày ${formatDate(stored.validFrom)}: ${stored.organizationCodes.join('; ') || 'không có'}`,
    );
}

/** Writes the new rows, parents first, through the organizations service. */
async function write(
  db: Db,
  run: TreeRun,
  ordered: (Decision<ImportedOrganization> | Decision<ImportedUnit>)[],
): Promise<void> {
  const created = new Map<string, number>();
  for (const d of ordered) {
    await run.pacer.breathe();
    if (d.result.status !== 'new') continue;
    if (run.kind === 'organizations') {
      const o = d.parsed.record as ImportedOrganization;
      const organization = await createOrganizationIn(db, run.ctx, run.actor, {
        code: o.code,
        name: o.name,
        kind: o.kind,
        level: o.level,
        parentCode: o.parentCode,
        sector: o.sector,
        combined: o.combined ?? false,
        decidesAdmissions: o.decidesAdmissions ?? false,
        educationException: o.educationException ?? false,
        hasYouthUnion: o.hasYouthUnion ?? true,
        unitCodes: [],
        on: o.establishedOn,
      });
      run.organizationIds.add(organization.id);
    } else {
      const u = d.parsed.record as ImportedUnit;
      const communeUnitId =
        u.communeCode === null
          ? null
          : (created.get(u.communeCode) ??
            (await findUnitsByCodes(db, [u.communeCode]))[0]?.id ??
            null);
      const organizationIds = (await findOrganizationsByCodes(db, u.organizationCodes ?? [])).map(
        (o) => o.id,
      );
      const id = await createUnitIn(db, {
        code: u.code,
        name: u.name,
        kind: u.kind,
        communeUnitId,
        sector: u.sector,
        staffCount: u.staffCount,
        validFrom: u.validFrom,
        organizationIds,
      });
      created.set(u.code, id);
    }
  }
  run.options.onProgress?.(ordered.length);
}
