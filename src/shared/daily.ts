/**
 * Contracts of an officer's daily work on the pipeline: moving several dossiers in one step (each
 * judged and written on its own), the to-do list ("Việc cần làm") and the alerts export. Shared by
 * the server (validation, OpenAPI) and the web app (types inferred with z.infer).
 */
import { z } from 'zod';
import { code, isoDate } from './contracts.ts';
import { ALERT_KINDS, PIPELINE_STATES, transitionInput } from './pipeline.ts';

const positiveId = z.number().int().positive();

/**
 * Moving several dossiers to the same stage on the same date (POST /candidates/transitions).
 * Each dossier is judged by the same rules as one transition and written in its own transaction;
 * introducers and votes differ per person, so they are recorded one dossier at a time.
 */
export const bulkTransitionInput = transitionInput
  .pick({ to: true, on: true, reason: true, certificate: true, decision: true })
  .extend({
    candidateIds: z
      .array(positiveId, { message: 'Chọn ít nhất một hồ sơ' })
      .min(1, 'Chọn ít nhất một hồ sơ')
      .max(200, 'Tối đa 200 hồ sơ một lần'),
  });
/** Body of POST /candidates/transitions. */
export type BulkTransitionInput = z.input<typeof bulkTransitionInput>;

/** What happened to one dossier of a bulk move. */
export const bulkTransitionItem = z.object({
  candidateId: z.number().int(),
  fullName: z.string(),
  /** True when the dossier moved. */
  moved: z.boolean(),
  /** The dossier's stage after the request (unchanged when refused). */
  stage: z.enum(PIPELINE_STATES),
  /** The refusal's code (`rule.*`, `validation`, `conflict`) when refused. */
  code: z.string().optional(),
  /** Why it was refused, in Vietnamese, with each field's message. */
  message: z.string().optional(),
});
/** One dossier's result in a bulk move. */
export type BulkTransitionItem = z.infer<typeof bulkTransitionItem>;

/** Answer of POST /candidates/transitions: one result per dossier, in the order given. */
export const bulkTransitionAnswer = z.object({
  items: z.array(bulkTransitionItem),
  moved: z.number().int(),
  refused: z.number().int(),
});
/** Answer of a bulk move. */
export type BulkTransitionAnswer = z.infer<typeof bulkTransitionAnswer>;

/** Kinds of to-do item. */
export const TODO_KINDS = [
  'escalation',
  'overdue',
  'due_soon',
  'idle',
  'waiting_document',
] as const;
/** One kind of to-do item. */
export type TodoKind = (typeof TODO_KINDS)[number];

/** Vietnamese names of the to-do kinds. */
export const TODO_LABELS: Record<TodoKind, string> = {
  escalation: 'Cấp trên quyết định',
  overdue: 'Quá hạn',
  due_soon: 'Đến hạn trong 30 ngày',
  idle: 'Hồ sơ dừng lâu',
  waiting_document: 'Chờ giấy tờ',
};

/** Query of GET /todo. */
export const todoQuery = z.object({ org: code.optional() });

/** One thing the officer has to do. */
export const todoItem = z.object({
  kind: z.enum(TODO_KINDS),
  /** The date it falls due; null when nothing is due (a dossier waiting on a document). */
  dueOn: isoDate.nullable(),
  candidateId: z.number().int().optional(),
  organizationCode: z.string(),
  organizationName: z.string(),
  /** What to do, in Vietnamese (names the person and the step or the documents). */
  text: z.string(),
});
/** One to-do item. */
export type TodoItem = z.infer<typeof todoItem>;

/** Answer of GET /todo: the signed-in officer's to-do list, most urgent first. */
export const todoAnswer = z.object({ items: z.array(todoItem), total: z.number().int() });
/** The to-do list. */
export type TodoAnswer = z.infer<typeof todoAnswer>;

/** Query of GET /alerts/export (every alert of the filter, no paging). */
export const alertsExportQuery = z.object({
  org: code.optional(),
  asOf: isoDate.optional(),
  kind: z.enum(ALERT_KINDS).optional(),
});
