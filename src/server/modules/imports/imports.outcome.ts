import { AppError, type FieldError } from '../../lib/errors.ts';
import type { ImportResult, ImportRowResult } from '../../../shared/answers.ts';

/**
 * What every import kind shares (people and their lists in imports.service.ts, the tree in
 * tree-imports.service.ts): how it is run, how long its answer's list may be, and how it ends
 * other than well (cancelled, or refused whole).
 */

/** Most rows an answer lists (failures first); the counts always cover every row. */
export const IMPORT_ITEM_LIMIT = 5000;

/** How to run an import. */
export interface ImportOptions {
  /** false: preview only (nothing written). */
  write: boolean;
  signal?: AbortSignal;
  onProgress?: (rowsRead: number) => void;
}

/** The error of a cancelled import (the client went away, the server closes, Ctrl-C). */
export function cancelledImport(): AppError {
  return new AppError('import.cancelled', 'Đã hủy nhập tệp; không có gì được ghi');
}

/** The refusal of a confirmed import with bad rows: every bad row named, the preview in details. */
export function rejection(result: ImportResult): AppError {
  const bad = result.items.filter((i) => i.status === 'error' || i.status === 'duplicate');
  const errors: FieldError[] = bad.flatMap((item) =>
    item.status === 'duplicate' && item.errors.length === 0
      ? [{ field: `dòng ${item.row}`, message: duplicateMessage(item) }]
      : item.errors.map((e) => ({
          field: `dòng ${item.row} · ${e.column}`,
          message: e.message,
          messageEn: `row ${item.row}: ${e.messageEn}`,
        })),
  );
  const failed = result.counts.error + result.counts.duplicate;
  return new AppError(
    'rule.import_rejected',
    `Tệp có ${failed} dòng sai hoặc trùng; không dòng nào được ghi. Hãy sửa rồi nhập lại`,
    errors,
    { preview: result },
  );
}

function duplicateMessage(item: ImportRowResult): string {
  const d = item.duplicateOf;
  if (!d) return 'Trùng';
  return d.row !== null
    ? `Trùng với dòng ${d.row} (${d.fullName})`
    : `Trùng với ${d.fullName} (mã ${d.personId ?? ''}): ${d.reason}`;
}
