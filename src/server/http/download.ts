import { foldText } from '../../shared/text.ts';

/** A file ready to send or write. */
export interface ExportedFile {
  body: Buffer | string;
  contentType: string;
  /** The Vietnamese file name, and an ASCII one for clients that ignore RFC 5987. */
  filename: string;
  asciiFilename: string;
}

/** "Báo cáo tổng hợp … – DBD – 2017.xlsx" and its folded ASCII twin "bao-cao-tong-hop-…-dbd-2017.xlsx". */
export function fileNames(
  base: string,
  extension: string,
): { filename: string; asciiFilename: string } {
  const clean = base
    .replace(/[\\/:*?"<>|\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const ascii = foldText(clean)
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return { filename: `${clean}.${extension}`, asciiFilename: `${ascii || 'tep'}.${extension}` };
}

/** A `Content-Disposition` value safe for Vietnamese names (RFC 6266 with RFC 5987 `filename*`). */
export function contentDisposition(file: { filename: string; asciiFilename: string }): string {
  return `attachment; filename="${file.asciiFilename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`;
}
