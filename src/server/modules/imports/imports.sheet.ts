import type { ImportKind } from '../../../shared/answers.ts';
import { AppError } from '../../lib/errors.ts';
import type { Pacer } from '../../lib/pacer.ts';
import { REFERENCE_SHEET_NAMES, SHEET_NAMES, mapHeaders } from './imports.columns.ts';
import { readRows, type ImportFile, type SheetRow } from './imports.reader.ts';
import { readCell, readingToText } from './imports.rules.ts';

/**
 * Reads the file's sheet of this kind, the same way for every import kind: the other kinds' sheets
 * and the reference sheets are skipped, the first row naming every required column is the header
 * (a missing or repeated column refuses the file, naming it in Vietnamese and English), blank rows
 * are skipped, and each data row goes to `onRow` with the header's column positions. Returns the
 * columns the file has that the kind does not read.
 */
export async function forEachDataRow(
  file: ImportFile,
  kind: ImportKind,
  pacer: Pacer,
  onRow: (header: Map<string, number>, row: SheetRow) => void | Promise<void>,
): Promise<{ ignored: string[] }> {
  let header: Map<string, number> | null = null;
  let ignored: string[] = [];
  for await (const sheetRow of readRows(file, {
    skipSheets: [
      ...REFERENCE_SHEET_NAMES,
      ...Object.values(SHEET_NAMES).filter((n) => n !== SHEET_NAMES[kind]),
    ],
    accepts: (cells) =>
      mapHeaders(
        kind,
        cells.map((c) => readingToText(readCell(c))),
      ).missing.length === 0,
    cancelled: () => pacer.cancelled(),
  })) {
    await pacer.breathe();
    const texts = sheetRow.cells.map((c) => readingToText(readCell(c)));
    if (texts.every((t) => t === '')) continue;
    if (!header) {
      const mapped = mapHeaders(kind, texts);
      if (mapped.missing.length > 0 || mapped.repeated.length > 0)
        throw new AppError(
          'validation',
          mapped.missing.length > 0
            ? `Tệp thiếu cột bắt buộc: ${mapped.missing.map((c) => c.vi).join(', ')}`
            : `Cột bị lặp: ${mapped.repeated.join(', ')}`,
          [
            ...mapped.missing.map((c) => ({
              field: c.vi,
              message: `Thiếu cột "${c.vi}" (hoặc "${c.en}")`,
              messageEn: `Missing column ${c.en}`,
            })),
            ...mapped.repeated.map((h) => ({ field: h, message: 'Cột bị lặp' })),
          ],
        );
      header = mapped.byKey;
      ignored = mapped.ignored;
      continue;
    }
    await onRow(header, sheetRow);
  }
  if (!header)
    throw new AppError('validation', 'Tệp trống: không có dòng tiêu đề', [
      { field: 'file', message: 'Tệp không có dữ liệu' },
    ]);
  return { ignored };
}
