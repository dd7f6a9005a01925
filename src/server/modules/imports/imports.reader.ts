import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { foldText } from '../../../shared/text.ts';
import { AppError } from '../../lib/errors.ts';

/**
 * Streaming readers for .xlsx (exceljs's WorkbookReader) and .csv (UTF-8, with or without BOM,
 * comma, semicolon or tab separated): both yield one row at a time, so a 100,000-row file is never
 * held in memory whole.
 */

/** A spreadsheet to import: its format (sniffed from its first bytes) and a way to stream it. */
export interface ImportFile {
  name: string;
  format: 'xlsx' | 'csv';
  open(): Readable;
  /** The whole file, when it is already in memory (an upload): read without streaming. */
  buffer?: Buffer;
}

/** One row of the sheet: its 1-based number and its cells from column A (0-based). */
export interface SheetRow {
  rowNumber: number;
  cells: unknown[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function sniff(head: Uint8Array): 'xlsx' | 'csv' {
  return ZIP_MAGIC.every((b, i) => head[i] === b) ? 'xlsx' : 'csv';
}

/**
 * exceljs 4.4's streaming reader decodes each chunk of XML on its own, so a Vietnamese letter
 * (2–3 bytes in UTF-8) split across two chunks becomes U+FFFD — names came out as "D��n". This
 * reader hands its XML parsers text decoded with a StringDecoder, which carries a split letter
 * over to the next chunk (exceljs passes strings through untouched). It also gives the
 * worksheets a default date system when they come before workbook.xml.
 */
const Utf8SafeWorkbookReader = class extends (ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => WorkbookReaderInternals) {
  override _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string) {
    // exceljs learns the date system from workbook.xml, which a streamed file (ours included) may
    // place after the sheets; until then it crashed on the first date cell ("reading 'model'").
    // Assume the 1900 system, which nearly every file uses, until workbook.xml says otherwise.
    const self = this as unknown as { properties?: { model?: { date1904?: boolean } } };
    self.properties ??= { model: { date1904: false } };
    return super._parseWorksheet(decodeUtf8(iterator), sheetNo);
  }
  override _parseSharedStrings(entry: Readable) {
    entry.setEncoding('utf8');
    return super._parseSharedStrings(entry);
  }
  override _parseWorkbook(entry: Readable) {
    entry.setEncoding('utf8');
    return super._parseWorkbook(entry);
  }
} as unknown as typeof ExcelJS.stream.xlsx.WorkbookReader;

/** The undocumented hooks of exceljs's WorkbookReader that the UTF-8 fix wraps. */
interface WorkbookReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorkbook(entry: Readable): Promise<void>;
}

async function* decodeUtf8(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    yield typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** A file on disk as an import source. */
export async function fileFromPath(path: string): Promise<ImportFile> {
  const handle = await open(path, 'r').catch(() => {
    throw new AppError('validation', `Không mở được tệp ${path}`, [
      { field: 'file', message: `Không mở được tệp ${path}` },
    ]);
  });
  const head = new Uint8Array(4);
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  return { name: basename(path), format: sniff(head), open: () => createReadStream(path) };
}

/** An uploaded body as an import source. */
export function fileFromBuffer(buffer: Buffer, name: string): ImportFile {
  return {
    name,
    format: sniff(buffer.subarray(0, 4)),
    open: () => Readable.from([buffer]),
    buffer,
  };
}

/**
 * The rows of the sheet to import. For .xlsx that is the first worksheet whose header row
 * `accepts` (so a whole-organization export, one sheet per kind, can be imported kind by kind)
 * and whose name, when the file says it before the sheet, is not one of `skipSheets`. When no
 * sheet qualifies, the first sheet's header row alone is yielded, so the caller can say which
 * columns are missing.
 */
export async function* readRows(
  file: ImportFile,
  options: { skipSheets: readonly string[]; accepts: (headers: unknown[]) => boolean },
): AsyncGenerator<SheetRow> {
  if (file.format === 'csv') {
    yield* readCsv(file.open());
    return;
  }
  const skip = new Set(options.skipSheets.map(foldText));
  let taken = false;
  let firstHeader: SheetRow | null = null;
  try {
    for await (const sheet of file.buffer
      ? bufferedSheets(file.buffer)
      : streamedSheets(file.open())) {
      const name = foldText(sheet.name);
      let state: 'header' | 'take' | 'skip' = taken || skip.has(name) ? 'skip' : 'header';
      for await (const row of sheet.rows) {
        if (state === 'skip') continue;
        const values = row.values as unknown[];
        const cells = Array.isArray(values) ? values.slice(1) : [];
        if (state === 'header') {
          if (cells.every((c) => c === null || c === undefined || c === '')) continue;
          firstHeader ??= { rowNumber: row.number, cells };
          if (!options.accepts(cells)) {
            state = 'skip';
            continue;
          }
          state = 'take';
          taken = true;
        }
        yield { rowNumber: row.number, cells };
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('validation', 'Không đọc được tệp Excel (.xlsx)', [
      { field: 'file', message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  if (!taken && firstHeader) yield firstHeader;
}

/** A worksheet's name and its rows (1-based number, exceljs `values` with cell A at index 1). */
interface SheetSource {
  name: string;
  rows:
    | AsyncIterable<{ number: number; values: unknown }>
    | Iterable<{ number: number; values: unknown }>;
}

/** Worksheets of a file on disk, streamed (large files; memory bounded by a row). */
async function* streamedSheets(input: Readable): AsyncGenerator<SheetSource> {
  const reader = new Utf8SafeWorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const worksheet of reader) {
    // exceljs knows a sheet's name only when workbook.xml came first in the zip.
    yield { name: (worksheet as unknown as { name?: string }).name ?? '', rows: worksheet };
  }
}

/**
 * Worksheets of a file already in memory (an upload, at most the body limit), read whole: the
 * streaming reader races when worksheets precede workbook.xml in the zip, as in streamed exports.
 */
async function* bufferedSheets(buffer: Buffer): AsyncGenerator<SheetSource> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  for (const worksheet of workbook.worksheets) {
    const rows: { number: number; values: unknown }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row) =>
      rows.push({ number: row.number, values: row.values }),
    );
    yield { name: worksheet.name, rows };
  }
}

/** Parses CSV text as it streams in: quoted fields may hold separators, quotes and line breaks. */
export async function* readCsv(stream: Readable): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let separator: string | null = null;
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let rowNumber = 0;
  let pending = '';
  const rows: SheetRow[] = [];
  const endRow = () => {
    row.push(field);
    field = '';
    rowNumber += 1;
    rows.push({ rowNumber, cells: row });
    row = [];
  };
  const consume = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 1;
          } else if (i + 1 === text.length) {
            // A quote at the end of a chunk: decided by the next chunk.
            pending = '"';
            return;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else field += c;
      } else if (c === '"' && field === '' && !afterQuote) quoted = true;
      else if (c === separator) {
        row.push(field);
        field = '';
        afterQuote = false;
      } else if (c === '\n') {
        endRow();
        afterQuote = false;
      } else if (c === '\r') {
        if (i + 1 === text.length) {
          // A CR at the end of a chunk: CRLF or a lone CR, decided by the next chunk.
          pending = '\r';
          return;
        }
        if (text[i + 1] !== '\n') {
          endRow();
          afterQuote = false;
        }
      } else field += c;
    }
  };
  let head = '';
  const decode = (chunk: Uint8Array, last: boolean): string => {
    try {
      return decoder.decode(chunk, { stream: !last });
    } catch {
      throw new AppError('validation', 'Tệp CSV không phải UTF-8; hãy lưu lại với mã hóa UTF-8', [
        { field: 'file', message: 'not UTF-8' },
      ]);
    }
  };
  const feed = (text: string) => {
    if (separator === null) {
      head += text;
      const newline = head.search(/[\r\n]/);
      if (newline < 0 && head.length < 65536) return;
      separator = detectSeparator(newline < 0 ? head : head.slice(0, newline));
      text = head;
      head = '';
    }
    const carried = pending;
    pending = '';
    consume(carried + text);
  };
  for await (const chunk of stream) {
    feed(decode(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array), false));
    yield* rows.splice(0);
  }
  feed(decode(new Uint8Array(0), true));
  if (separator === null) {
    separator = detectSeparator(head);
    consume(head);
  }
  if (pending === '\r') {
    endRow();
    pending = '';
  } else if (pending) {
    quoted = false;
    pending = '';
  }
  if (field !== '' || row.length > 0) endRow();
  yield* rows.splice(0);
}

function detectSeparator(headerLine: string): string {
  const counts = [',', ';', '\t'].map((s) => ({ s, n: headerLine.split(s).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].s : ',';
}
