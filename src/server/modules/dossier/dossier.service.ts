/**
 * The dossier's paperwork (issue 17): the checklist (ticked by an officer with its received date,
 * unticked as a dated change with its reason, or derived from what the system already holds),
 * scanned files of any document, and requests sent to other organizations. Each write is one
 * transaction with its audit event; the routes resolve the dossier through the caller's scope
 * before any of these run, and a scan's own route resolves the scan (`file` reference).
 */
import type { Readable } from 'node:stream';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, assertOrganizationInScope } from '../../access/access.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { formatDate } from '../../../shared/dates.ts';
import {
  CHECKLIST_KINDS,
  CHECKLIST_LABELS,
  REQUEST_DOCUMENT,
  REQUEST_LABELS,
  type AnswerRequestInput,
  type ChecklistItem,
  type ChecklistKind,
  type CreateRequestInput,
  type DossierPaperwork,
  type DossierRequest,
  type RequestKind,
  type RequestResult,
  type ScanFile,
} from '../../../shared/dossier.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import {
  blobPath,
  filesDir,
  openBlob,
  scanMaxBytes,
  storeUpload,
  type ScanMediaType,
} from './files.store.ts';
import {
  candidateRecords,
  findFile,
  findRequest,
  insertFile,
  insertRequest,
  listDocuments,
  listFiles,
  listRequests,
  organizationOfCandidate,
  saveAnswer,
  saveDocuments,
  untickDocument as untickRow,
  type FileRow,
  type RequestRow,
} from './dossier.repository.ts';

async function dossierOrganization(ctx: AppContext, candidateId: number): Promise<number> {
  const organizationId = await organizationOfCandidate(ctx.db, candidateId);
  if (organizationId === undefined) throw notFound('hồ sơ');
  return organizationId;
}

function toScan(row: FileRow): ScanFile {
  return {
    id: row.id,
    documentKind: row.documentKind as ChecklistKind,
    requestId: row.requestId,
    name: row.name,
    mediaType: row.mediaType as ScanMediaType,
    size: row.size,
    sha256: row.sha256,
    uploadedAt: row.uploadedAt,
    uploadedBy: row.uploadedBy,
  };
}

function parsed(details: string | null): Record<string, unknown> {
  if (!details) return {};
  try {
    return JSON.parse(details) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The background verification as the received requests give it: the last answer's date once
 * every letter sent has come back favourable; null while one is awaited or came back otherwise.
 */
export function backgroundFromRequests(requests: Pick<RequestRow, 'receivedOn' | 'result'>[]): {
  checkedOn: string | null;
  pending: number;
  unfavourable: number;
} {
  const pending = requests.filter((r) => r.receivedOn === null).length;
  const unfavourable = requests.filter(
    (r) => r.receivedOn !== null && r.result === 'unfavourable',
  ).length;
  const received = requests.map((r) => r.receivedOn).filter((d): d is string => d !== null);
  const checkedOn =
    requests.length > 0 && pending === 0 && unfavourable === 0
      ? (received.sort().at(-1) ?? null)
      : null;
  return { checkedOn, pending, unfavourable };
}

/** The dossier's checklist and requests (the route has resolved the dossier in scope). */
export async function dossierPaperwork(
  ctx: AppContext,
  actor: Actor,
  candidateId: number,
): Promise<DossierPaperwork> {
  assertCan(actor, 'read');
  const records = await candidateRecords(ctx.db, candidateId);
  if (!records) throw notFound('hồ sơ');
  const [documents, requestRows, files] = await Promise.all([
    listDocuments(ctx.db, candidateId),
    listRequests(ctx.db, candidateId),
    listFiles(ctx.db, candidateId),
  ]);
  const today = ctx.clock.today();
  const scans = files.map(toScan);
  const requests: DossierRequest[] = requestRows.map((r) => ({
    id: r.id,
    kind: r.kind as RequestKind,
    label: REQUEST_LABELS[r.kind as RequestKind] ?? r.kind,
    sentTo: r.sentTo,
    sentToOrganization:
      r.organizationCode && r.organizationName
        ? { code: r.organizationCode, name: r.organizationName }
        : null,
    sentOn: r.sentOn,
    dueOn: r.dueOn,
    receivedOn: r.receivedOn,
    result: r.result as RequestResult | null,
    resultNote: r.resultNote,
    note: r.note,
    overdue: r.receivedOn === null && r.dueOn < today,
    files: scans.filter((f) => f.requestId === r.id),
  }));
  const derived = deriveChecklist(records, requestRows);
  const checklist: ChecklistItem[] = CHECKLIST_KINDS.map((kind) => {
    const row = documents.find((d) => d.kind === kind);
    const ticked = row && row.untickedOn === null ? row : undefined;
    const fromRecords = derived[kind];
    return {
      kind,
      label: CHECKLIST_LABELS[kind],
      status: ticked ? 'ticked' : fromRecords ? 'derived' : 'missing',
      receivedOn: ticked?.receivedOn ?? fromRecords?.on ?? null,
      note: ticked?.note ?? null,
      source: fromRecords?.source ?? null,
      unticked:
        row && row.untickedOn !== null ? { on: row.untickedOn, reason: row.untickedReason } : null,
      files: scans.filter((f) => f.documentKind === kind),
    };
  });
  return { candidateId, checklist, requests };
}

type Records = NonNullable<Awaited<ReturnType<typeof candidateRecords>>>;

/** What the system already holds for each checklist item, with where it comes from. */
function deriveChecklist(
  records: Records,
  requests: RequestRow[],
): Partial<Record<ChecklistKind, { on: string | null; source: string }>> {
  const { candidate, transitions, introducers } = records;
  const out: Partial<Record<ChecklistKind, { on: string | null; source: string }>> = {};
  const last = (stage: string) => [...transitions].reverse().find((t) => t.toStage === stage);
  if (candidate.certificateNumber)
    out.course_certificate = {
      on: candidate.certificateIssuedOn,
      source: `Giấy chứng nhận số ${candidate.certificateNumber}${candidate.certificateIssuedOn ? ` ngày ${formatDate(candidate.certificateIssuedOn)}` : ''}${candidate.certificateIssuer ? `, ${candidate.certificateIssuer}` : ''}`,
    };
  const background = backgroundFromRequests(
    requests.filter((r) => r.kind === 'background_verification'),
  );
  if (candidate.backgroundCheckedOn)
    out.background_verification = {
      on: candidate.backgroundCheckedOn,
      source: `Đã thẩm tra lý lịch ngày ${formatDate(candidate.backgroundCheckedOn)} (ghi khi hoàn thiện hồ sơ)`,
    };
  else if (background.checkedOn)
    out.background_verification = {
      on: background.checkedOn,
      source: `Các nơi được đề nghị thẩm tra đã trả lời (ngày cuối ${formatDate(background.checkedOn)})`,
    };
  if (introducers.length > 0)
    out.member_introduction = {
      on: introducers.map((i) => i.since).sort()[0] ?? null,
      source: `Người giới thiệu: ${introducers.map((i) => i.fullName).join(', ')}`,
    };
  const youth = parsed(last('dossier')?.details ?? null).youthUnionIntroduction as
    { resolutionNo?: string; on?: string } | undefined;
  if (youth?.resolutionNo)
    out.youth_union_introduction = {
      on: youth.on ?? null,
      source: `Nghị quyết giới thiệu của Đoàn số ${youth.resolutionNo}${youth.on ? ` ngày ${formatDate(youth.on)}` : ''}`,
    };
  // The other requests fill their document once one is answered favourably; verification
  // letters count only together (above), every place having answered.
  for (const request of requests) {
    if (request.kind === 'background_verification') continue;
    if (request.receivedOn === null || request.result !== 'favourable') continue;
    const kind = REQUEST_DOCUMENT[request.kind as RequestKind] as ChecklistKind | undefined;
    if (!kind || out[kind]) continue;
    out[kind] = {
      on: request.receivedOn,
      source: `Trả lời của ${request.sentTo} ngày ${formatDate(request.receivedOn)}`,
    };
  }
  const voted = last('cell_voted');
  if (voted) {
    const vote = (parsed(voted.details).vote ?? {}) as {
      inFavour?: number;
      officialMembers?: number;
      resolutionNo?: string;
    };
    out.cell_resolution = {
      on: voted.on,
      source: `Chi bộ xét ngày ${formatDate(voted.on)}${vote.inFavour !== undefined && vote.officialMembers !== undefined ? `, ${vote.inFavour}/${vote.officialMembers} đảng viên chính thức tán thành` : ''}${vote.resolutionNo ? `, nghị quyết số ${vote.resolutionNo}` : ''}`,
    };
  }
  const decided = last('decided');
  if (decided) {
    const decision = (parsed(decided.details).decision ?? {}) as { number?: string; on?: string };
    out.admission_decision = {
      on: decision.on ?? decided.on,
      source: `Quyết định số ${decision.number ?? '…'} ngày ${formatDate(decision.on ?? decided.on)}`,
    };
  }
  return out;
}

/** Ticks a document of the checklist as received on a date (a dated, audited change). */
export async function tickDocument(
  ctx: AppContext,
  actor: Actor,
  candidateId: number,
  kind: ChecklistKind,
  input: { receivedOn: string; note?: string | undefined },
): Promise<DossierPaperwork> {
  assertCan(actor, 'write');
  const organizationId = await dossierOrganization(ctx, candidateId);
  if (input.receivedOn > ctx.clock.today())
    throw new AppError('validation', 'Ngày nhận không được sau hôm nay', [
      {
        field: 'receivedOn',
        message: 'Ngày nhận giấy tờ không được sau hôm nay',
        messageEn: 'The received date cannot be in the future',
      },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    const before = (await listDocuments(trx, candidateId)).find((d) => d.kind === kind) ?? null;
    await saveDocuments(trx, candidateId, [{ kind, ...input }]);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'dossier.document_tick',
      entity: 'candidate',
      entityId: candidateId,
      organizationId,
      effectiveOn: input.receivedOn,
      before,
      after: { kind, receivedOn: input.receivedOn, note: input.note ?? null },
    });
  });
  return dossierPaperwork(ctx, actor, candidateId);
}

/** Unticks a document from a date, with the reason; the tick stays in the history. */
export async function untickDocument(
  ctx: AppContext,
  actor: Actor,
  candidateId: number,
  kind: ChecklistKind,
  input: { on: string; reason: string },
): Promise<DossierPaperwork> {
  assertCan(actor, 'write');
  const organizationId = await dossierOrganization(ctx, candidateId);
  await ctx.db.transaction().execute(async (trx) => {
    const before = (await listDocuments(trx, candidateId)).find((d) => d.kind === kind);
    if (!before || before.untickedOn !== null)
      throw new AppError('rule', 'Giấy tờ này chưa được đánh dấu đã nhận', [
        {
          field: 'document',
          message: `"${CHECKLIST_LABELS[kind]}" chưa được đánh dấu đã nhận nên không bỏ đánh dấu được`,
          messageEn: 'This document is not ticked',
        },
      ]);
    if (input.on < before.receivedOn)
      throw new AppError('validation', 'Ngày bỏ đánh dấu trước ngày nhận', [
        {
          field: 'on',
          message: `Ngày bỏ đánh dấu phải từ ngày nhận (${formatDate(before.receivedOn)}) trở đi`,
          messageEn: 'The untick date must not be before the received date',
        },
      ]);
    await untickRow(trx, candidateId, kind, input.on, input.reason);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'dossier.document_untick',
      entity: 'candidate',
      entityId: candidateId,
      organizationId,
      effectiveOn: input.on,
      reason: input.reason,
      before,
      after: { kind, untickedOn: input.on },
    });
  });
  return dossierPaperwork(ctx, actor, candidateId);
}

/**
 * Stores a scan of a document (optionally the answer to one of the dossier's requests): its
 * bytes must be what its name says (PDF, JPEG or PNG), within the size limit. Audited.
 */
export async function uploadScan(
  ctx: AppContext,
  actor: Actor,
  candidateId: number,
  kind: ChecklistKind,
  upload: { name: string; body: Readable; requestId?: number | undefined },
): Promise<ScanFile> {
  assertCan(actor, 'write');
  const organizationId = await dossierOrganization(ctx, candidateId);
  if (
    upload.requestId !== undefined &&
    !(await findRequest(ctx.db, candidateId, upload.requestId))
  ) {
    upload.body.resume();
    throw notFound('văn bản đề nghị');
  }
  const stored = await storeUpload(filesDir(ctx), upload.body, {
    name: upload.name,
    maxBytes: scanMaxBytes(ctx),
  });
  const row = {
    candidateId,
    documentKind: kind,
    requestId: upload.requestId ?? null,
    name: upload.name,
    mediaType: stored.mediaType,
    size: stored.size,
    sha256: stored.sha256,
    uploadedAt: ctx.clock.now(),
    uploadedBy: actor.username,
  };
  const id = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertFile(trx, row);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'dossier.file_upload',
      entity: 'dossier_file',
      entityId: inserted,
      organizationId,
      after: row,
    });
    return inserted;
  });
  return toScan({ id, ...row });
}

/**
 * A scan's bytes for viewing in the browser or downloading; it shows personal data, so it needs
 * the personal-data ability. Audited (`dossier.file_view` / `dossier.file_download`).
 */
export async function openScan(
  ctx: AppContext,
  actor: Actor,
  fileId: number,
  purpose: 'view' | 'download',
): Promise<{ file: ScanFile; body: Readable }> {
  assertCan(actor, 'readPersonalData');
  const row = await findFile(ctx.db, fileId);
  if (!row) throw notFound('tệp');
  await assertOrganizationInScope(ctx, actor, row.organizationId);
  const body = await openBlob(filesDir(ctx), row.sha256);
  await recordEvent(ctx.db, actor, ctx.clock.now(), {
    action: purpose === 'view' ? 'dossier.file_view' : 'dossier.file_download',
    entity: 'dossier_file',
    entityId: fileId,
    organizationId: row.organizationId,
    after: { candidateId: row.candidateId, documentKind: row.documentKind, name: row.name },
  });
  return { file: toScan(row), body };
}

/**
 * The scans of a dossier with where their bytes are, for whoever packs the dossier (the dossier
 * ZIP). The caller has resolved the dossier in scope.
 */
export async function candidateScans(
  ctx: AppContext,
  candidateId: number,
): Promise<(ScanFile & { path: string; label: string })[]> {
  const dir = filesDir(ctx);
  return (await listFiles(ctx.db, candidateId)).map((row) => ({
    ...toScan(row),
    path: blobPath(dir, row.sha256),
    label: CHECKLIST_LABELS[row.documentKind as ChecklistKind] ?? row.documentKind,
  }));
}

/** Records a request sent to another organization for the dossier. Audited. */
export async function createRequest(
  ctx: AppContext,
  actor: Actor,
  candidateId: number,
  input: CreateRequestInput & { sentToOrganizationId?: number | null },
): Promise<DossierPaperwork> {
  assertCan(actor, 'write');
  const organizationId = await dossierOrganization(ctx, candidateId);
  if (input.sentOn > ctx.clock.today())
    throw new AppError('validation', 'Ngày gửi không được sau hôm nay', [
      {
        field: 'sentOn',
        message: 'Ngày gửi không được sau hôm nay',
        messageEn: 'Sent date is in the future',
      },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    const row = {
      candidateId,
      kind: input.kind,
      sentTo: input.sentTo,
      sentToOrganizationId: input.sentToOrganizationId ?? null,
      sentOn: input.sentOn,
      dueOn: input.dueOn,
      note: input.note ?? null,
      createdAt: ctx.clock.now(),
      createdBy: actor.username,
    };
    const id = await insertRequest(trx, row);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'dossier.request_send',
      entity: 'dossier_request',
      entityId: id,
      organizationIds: [organizationId, input.sentToOrganizationId],
      effectiveOn: input.sentOn,
      after: row,
    });
  });
  return dossierPaperwork(ctx, actor, candidateId);
}

/** Records the answer to a request of the dossier. Audited. */
export async function answerRequest(
  ctx: AppContext,
  actor: Actor,
  candidateId: number,
  requestId: number,
  input: AnswerRequestInput,
): Promise<DossierPaperwork> {
  assertCan(actor, 'write');
  const organizationId = await dossierOrganization(ctx, candidateId);
  await ctx.db.transaction().execute(async (trx) => {
    const request = await findRequest(trx, candidateId, requestId);
    if (!request) throw notFound('văn bản đề nghị');
    if (input.receivedOn < request.sentOn)
      throw new AppError('validation', 'Ngày nhận trả lời trước ngày gửi', [
        {
          field: 'receivedOn',
          message: `Ngày nhận trả lời phải từ ngày gửi (${formatDate(request.sentOn)}) trở đi`,
          messageEn: 'The answer cannot be received before the request was sent',
        },
      ]);
    if (input.receivedOn > ctx.clock.today())
      throw new AppError('validation', 'Ngày nhận không được sau hôm nay', [
        {
          field: 'receivedOn',
          message: 'Ngày nhận trả lời không được sau hôm nay',
          messageEn: 'In the future',
        },
      ]);
    const answer = {
      receivedOn: input.receivedOn,
      result: input.result,
      resultNote: input.resultNote ?? null,
    };
    await saveAnswer(trx, requestId, answer);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'dossier.request_answer',
      entity: 'dossier_request',
      entityId: requestId,
      organizationId,
      effectiveOn: input.receivedOn,
      before: {
        receivedOn: request.receivedOn,
        result: request.result,
        resultNote: request.resultNote,
      },
      after: answer,
    });
  });
  return dossierPaperwork(ctx, actor, candidateId);
}
