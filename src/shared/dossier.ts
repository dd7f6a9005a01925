/**
 * Contracts of the dossier's paperwork (issue 17), shared by the server and the web: the
 * checklist (each document ticked with its received date, or derived from what the system already
 * holds), scanned files, and requests sent to other organizations. Request and answer schemas;
 * the OpenAPI document is built from them and the web app infers its types from them.
 */
import { z } from 'zod';
import { code, isoDate } from './contracts.ts';
import { DOCUMENT_KINDS, DOCUMENT_LABELS } from './pipeline.ts';

/** The checklist: the documents an officer receives, then those the system derives from its records. */
export const CHECKLIST_KINDS = [
  'course_certificate',
  ...DOCUMENT_KINDS,
  'cell_resolution',
  'admission_decision',
] as const;

/** One item of the checklist. */
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

/** Vietnamese names of the checklist items. */
export const CHECKLIST_LABELS: Record<ChecklistKind, string> = {
  course_certificate: 'Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng',
  ...DOCUMENT_LABELS,
  cell_resolution: 'Nghị quyết của chi bộ đề nghị kết nạp',
  admission_decision: 'Quyết định kết nạp đảng viên',
};

/** Kinds of request sent to another organization for a dossier. */
export const REQUEST_KINDS = [
  'background_verification',
  'residence_cell_comments',
  'youth_union_introduction',
  'trade_union_introduction',
] as const;

/** One kind of request. */
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Vietnamese names of the request kinds. */
export const REQUEST_LABELS: Record<RequestKind, string> = {
  background_verification: 'Thẩm tra lý lịch (nơi bản thân, người thân cư trú, công tác)',
  residence_cell_comments: 'Xin nhận xét của chi ủy nơi cư trú',
  youth_union_introduction: 'Đề nghị Đoàn TNCS Hồ Chí Minh giới thiệu',
  trade_union_introduction: 'Đề nghị Công đoàn giới thiệu',
};

/** The checklist item a request's answer fills. */
export const REQUEST_DOCUMENT: Record<RequestKind, ChecklistKind> = {
  background_verification: 'background_verification',
  residence_cell_comments: 'residence_cell_comments',
  youth_union_introduction: 'youth_union_introduction',
  trade_union_introduction: 'mass_organization_comments',
};

/** What an answer says. */
export const REQUEST_RESULTS = ['favourable', 'unfavourable'] as const;

/** One result of a request. */
export type RequestResult = (typeof REQUEST_RESULTS)[number];

/** Vietnamese names of the results. */
export const REQUEST_RESULT_LABELS: Record<RequestResult, string> = {
  favourable: 'Đạt (không có vấn đề)',
  unfavourable: 'Có vấn đề cần làm rõ',
};

/** Kinds of file a scan may be, checked by its bytes. */
export const SCAN_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

const note = z.string().trim().max(500, 'Dài quá 500 ký tự').optional();

/** Path of a checklist item of a dossier. */
export const checklistItemParams = z.object({
  id: z.coerce.number().int().positive(),
  document: z.enum(CHECKLIST_KINDS, { message: 'Không có giấy tờ này trong danh mục hồ sơ' }),
});

/** Ticking a document as received on a date. */
export const tickDocumentInput = z.object({ receivedOn: isoDate, note });
/** Body of POST /candidates/{id}/documents/{document}/tick. */
export type TickDocumentInput = z.input<typeof tickDocumentInput>;

/** Unticking a document: from a date, with the reason (the earlier tick stays in the history). */
export const untickDocumentInput = z.object({
  on: isoDate,
  reason: z.string().trim().min(1, 'Cần ghi lý do bỏ đánh dấu').max(500, 'Dài quá 500 ký tự'),
});
/** Body of POST /candidates/{id}/documents/{document}/untick. */
export type UntickDocumentInput = z.input<typeof untickDocumentInput>;

/** Query of a scan upload: the request whose answer it is, if any. */
export const uploadScanQuery = z.object({
  requestId: z.coerce.number().int().positive().optional(),
});

/** Sending a request to another organization. */
export const createRequestInput = z
  .object({
    kind: z.enum(REQUEST_KINDS, { message: 'Chọn loại văn bản đề nghị' }),
    sentTo: z
      .string()
      .trim()
      .min(1, 'Cần ghi nơi nhận (tên cơ quan, tổ chức, địa chỉ)')
      .max(300, 'Dài quá 300 ký tự'),
    /** An organization of the caller's subtree the request goes to (optional; free text otherwise). */
    sentToOrganizationCode: code.optional(),
    sentOn: isoDate,
    dueOn: isoDate,
    note,
  })
  .refine((r) => r.dueOn >= r.sentOn, {
    message: 'Hạn trả lời phải từ ngày gửi trở đi',
    path: ['dueOn'],
  });
/** Body of POST /candidates/{id}/requests. */
export type CreateRequestInput = z.input<typeof createRequestInput>;

/** Recording the answer to a request. */
export const answerRequestInput = z.object({
  receivedOn: isoDate,
  result: z.enum(REQUEST_RESULTS, { message: 'Chọn kết quả' }),
  resultNote: note,
});
/** Body of POST /candidates/{id}/requests/{requestId}/answer. */
export type AnswerRequestInput = z.input<typeof answerRequestInput>;

/** A scanned file as listed (never its bytes). */
export const scanFile = z.object({
  id: z.number().int(),
  documentKind: z.enum(CHECKLIST_KINDS),
  requestId: z.number().int().nullable(),
  name: z.string(),
  mediaType: z.enum(SCAN_MEDIA_TYPES),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
});
/** One scanned file. */
export type ScanFile = z.infer<typeof scanFile>;

/** One item of the checklist as the dossier shows it. */
export const checklistItem = z.object({
  kind: z.enum(CHECKLIST_KINDS),
  label: z.string(),
  /** `ticked`: an officer ticked it; `derived`: the system holds it (see `source`); `missing`. */
  status: z.enum(['ticked', 'derived', 'missing']),
  receivedOn: z.string().nullable(),
  note: z.string().nullable(),
  /** Where a derived item comes from, in Vietnamese ("Giấy chứng nhận số 12/GCN ngày 01/03/2026"). */
  source: z.string().nullable(),
  /** The last untick, while the item stays unticked. */
  unticked: z.object({ on: z.string(), reason: z.string().nullable() }).nullable(),
  files: z.array(scanFile),
});
/** One checklist item. */
export type ChecklistItem = z.infer<typeof checklistItem>;

/** A request to another organization as the dossier shows it. */
export const dossierRequest = z.object({
  id: z.number().int(),
  kind: z.enum(REQUEST_KINDS),
  label: z.string(),
  sentTo: z.string(),
  sentToOrganization: z.object({ code: z.string(), name: z.string() }).nullable(),
  sentOn: z.string(),
  dueOn: z.string(),
  receivedOn: z.string().nullable(),
  result: z.enum(REQUEST_RESULTS).nullable(),
  resultNote: z.string().nullable(),
  note: z.string().nullable(),
  /** Unanswered past its due date (today). */
  overdue: z.boolean(),
  files: z.array(scanFile),
});
/** One request. */
export type DossierRequest = z.infer<typeof dossierRequest>;

/** GET /candidates/{id}/dossier: the checklist and the requests. */
export const dossierPaperwork = z.object({
  candidateId: z.number().int(),
  checklist: z.array(checklistItem),
  requests: z.array(dossierRequest),
});
/** The dossier's paperwork. */
export type DossierPaperwork = z.infer<typeof dossierPaperwork>;
