import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, posix } from 'node:path';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { foldText } from '../../../shared/text.ts';
import { AppError } from '../../lib/errors.ts';
import {
  FILE_READ_LIMITS,
  MAX_COLUMNS,
  UPLOAD_READ_LIMITS,
  tooLargeExpanded,
  tooManyRows,
  tooManySharedStrings,
  type ReadLimits,
} from './imports.limits.ts';
import {
  ExpansionMeter,
  bufferSource,
  fileSource,
  openZipEntry,
  readZipDirectory,
  type ZipSource,
} from './imports.zip.ts';

/**
 * Streaming readers for .xlsx (exceljs's worksheet reader over the zip parts of imports.zip.ts)
 * and .csv (UTF-8, with or without BOM, comma, semicolon or tab separated): both yield one row at
 * a time, so a 100,000-row file is never held in memory whole, and both stop at the file's caps
 * (imports.limits.ts).
 */

/** A spreadsheet to import: its format (sniffed from its first bytes) and a way to stream it. */
export interface ImportFile {
  name: string;
  format: 'xlsx' | 'csv';
  open(): Readable;
  /** The file by position, for .xlsx (its zip directory is read first); else `open()` is read whole. */
  zip?: () => ZipSource;
  /** The whole file, when it is already in memory (an upload). */
  buffer?: Buffer;
  /** What reading it may cost; an upload's caps when not set. */
  limits?: ReadLimits;
}

/** One row of the sheet: its 1-based number and its cells from column A (0-based). */
export interface SheetRow {
  rowNumber: number;
  cells: unknown[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Bytes read at a time from a file or an upload (a slice of work between other requests). */
const CHUNK = 64 * 1024;

function sniff(head: Uint8Array): 'xlsx' | 'csv' {
  return ZIP_MAGIC.every((b, i) => head[i] === b) ? 'xlsx' : 'csv';
}

/**
 * exceljs 4.4's streaming reader decodes each chunk of XML on its own, so a Vietnamese letter
 * (2–3 bytes in UTF-8) split across two chunks becomes U+FFFD — names came out as "D��n". This
 * reader hands its XML parsers text decoded with a StringDecoder, which carries a split letter
 * over to the next chunk (exceljs passes strings through untouched). It also gives the
 * worksheets a default date system when the file has no workbook.xml.
 */
const Utf8SafeWorkbookReader = class extends (ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => WorkbookReaderInternals) {
  override _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string) {
    // exceljs learns the date system from workbook.xml (read before the sheets, wherever the zip
    // puts it); without one it crashed on the first date cell ("reading 'model'"). Assume the
    // 1900 system, which nearly every file uses.
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

/**
 * The undocumented parts of exceljs's WorkbookReader that the UTF-8 fix wraps and the zip reader
 * drives part by part.
 */
interface WorkbookReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseRels(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { name?: string; rId: string }[] };
}

async function* decodeUtf8(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    yield typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** A file on disk as an import source (read with the caps of files on disk). */
export async function fileFromPath(path: string): Promise<ImportFile> {
  const handle = await open(path, 'r').catch(() => {
    throw new AppError('validation', `Không mở được tệp ${path}`, [
      { field: 'file', message: `Không mở được tệp ${path}` },
    ]);
  });
  const head = new Uint8Array(4);
  let size: number;
  try {
    await handle.read(head, 0, 4, 0);
    size = (await handle.stat()).size;
  } finally {
    await handle.close();
  }
  return {
    name: basename(path),
    format: sniff(head),
    open: () => createReadStream(path, { highWaterMark: CHUNK }),
    zip: () => fileSource(path, size),
    limits: FILE_READ_LIMITS,
  };
}

/** An uploaded body as an import source (read with the caps of uploads unless others are given). */
export function fileFromBuffer(
  buffer: Buffer,
  name: string,
  limits: ReadLimits = UPLOAD_READ_LIMITS,
): ImportFile {
  return {
    name,
    format: sniff(buffer.subarray(0, 4)),
    // In slices, so that a 20 MB CSV is parsed a slice at a time between other requests.
    open: () => Readable.from(slices(buffer)),
    zip: () => bufferSource(buffer),
    buffer,
    limits,
  };
}

function* slices(buffer: Buffer): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += CHUNK) yield buffer.subarray(i, i + CHUNK);
}

/** What reading a file may cost: its own caps, else those of an upload. */
function limitsOf(file: ImportFile): ReadLimits {
  return file.limits ?? UPLOAD_READ_LIMITS;
}

/**
 * The rows of the sheet to import. For .xlsx that is the first worksheet, in the workbook's
 * order, whose header row `accepts` (so a whole-organization export, one sheet per kind, can be
 * imported kind by kind) and whose name is not one of `skipSheets`. When no sheet qualifies, the
 * first sheet's header row alone is yielded, so the caller can say which columns are missing.
 *
 * The file's caps (`limitsOf`) hold while it is read: rows per sheet, and for .xlsx the bytes
 * inflated (see imports.zip.ts); a row's cells stop at MAX_COLUMNS. `cancelled` is asked between
 * inflated chunks, so a cancelled import stops reading even where no row comes out.
 */
export async function* readRows(
  file: ImportFile,
  options: {
    skipSheets: readonly string[];
    accepts: (headers: unknown[]) => boolean;
    cancelled?: () => Error | null;
  },
): AsyncGenerator<SheetRow> {
  const limits = limitsOf(file);
  if (file.format === 'csv') {
    for await (const row of readCsv(file.open())) {
      if (row.rowNumber > limits.maxRows) throw tooManyRows(limits);
      yield row;
    }
    return;
  }
  const skip = new Set(options.skipSheets.map(foldText));
  let taken = false;
  let firstHeader: SheetRow | null = null;
  const meter = new ExpansionMeter(limits, options.cancelled);
  try {
    const source = file.zip ? file.zip() : bufferSource(await collect(file.open(), limits));
    for await (const sheet of xlsxSheets(source, meter)) {
      const name = foldText(sheet.name);
      let state: 'header' | 'take' | 'skip' = taken || skip.has(name) ? 'skip' : 'header';
      let rows = 0;
      for await (const row of sheet.rows) {
        rows += 1;
        if (rows > limits.maxRows) throw tooManyRows(limits);
        if (state === 'skip') continue;
        const values = row.values as unknown[];
        const cells = Array.isArray(values) ? values.slice(1, MAX_COLUMNS + 1) : [];
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

/** A stream read whole (a caller's file without random access), refused past the expanded cap. */
async function collect(stream: Readable, limits: ReadLimits): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += buffer.length;
    if (length > limits.maxExpandedBytes) {
      stream.destroy();
      throw tooLargeExpanded(limits);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** A worksheet's name and its rows (1-based number, exceljs `values` with cell A at index 1). */
interface SheetSource {
  name: string;
  rows: AsyncIterable<{ number: number; values: unknown }>;
}

const SHEET_PATH = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * The worksheets of an .xlsx in the workbook's order, each streamed from its zip part (memory
 * bounded by a row, plus the shared strings). The parts the sheets depend on are read first,
 * wherever the zip puts them: relationships and workbook (sheet names, date system), shared
 * strings, styles (which numbers are dates).
 */
async function* xlsxSheets(source: ZipSource, meter: ExpansionMeter): AsyncGenerator<SheetSource> {
  const entries = new Map(
    (await readZipDirectory(source, meter.limits)).map((e) => [e.name.replace(/^\//, ''), e]),
  );
  const reader = new Utf8SafeWorkbookReader(undefined as unknown as Readable, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as WorkbookReaderInternals;
  const read = async (
    name: string,
    parse: (stream: Readable) => Promise<unknown>,
    partLimit: { bytes: number; error: () => AppError } | null = null,
  ) => {
    const entry = entries.get(name);
    if (!entry) return;
    const stream = await openZipEntry(source, entry, meter, partLimit);
    try {
      await parse(stream);
    } finally {
      stream.destroy();
    }
  };
  await read('xl/_rels/workbook.xml.rels', (s) => reader._parseRels(s));
  await read('xl/workbook.xml', (s) => reader._parseWorkbook(s));
  await read(
    'xl/sharedStrings.xml',
    async (s) => {
      for await (const _ of reader._parseSharedStrings(s)) void _;
    },
    {
      bytes: meter.limits.maxSharedStringsBytes,
      error: () => tooManySharedStrings(meter.limits),
    },
  );
  await read('xl/styles.xml', (s) => reader._parseStyles(s));
  for (const sheet of worksheetOrder(reader, [...entries.keys()])) {
    const entry = entries.get(sheet.path);
    if (!entry) continue;
    const stream = await openZipEntry(source, entry, meter);
    try {
      for (const event of reader._parseWorksheet(stream, sheet.number)) {
        const worksheet = (event as { value: AsyncIterable<{ number: number; values: unknown }> })
          .value;
        yield { name: sheet.name, rows: worksheet };
      }
    } finally {
      stream.destroy();
    }
  }
}

/**
 * The worksheet parts in the workbook's order with their names; parts the workbook does not name
 * come after, by number, nameless.
 */
function worksheetOrder(
  reader: WorkbookReaderInternals,
  paths: string[],
): { path: string; name: string; number: string }[] {
  const targets = new Map((reader.workbookRels ?? []).map((r) => [r.Id, r.Target]));
  const ordered: { path: string; name: string; number: string }[] = [];
  const named = new Set<string>();
  for (const sheet of reader.model?.sheets ?? []) {
    const target = targets.get(sheet.rId);
    if (!target) continue;
    const path = target.startsWith('/') ? target.slice(1) : posix.normalize(`xl/${target}`);
    const number = SHEET_PATH.exec(path)?.[1];
    if (!number || named.has(path)) continue;
    named.add(path);
    ordered.push({ path, name: sheet.name ?? '', number });
  }
  const rest = paths
    .flatMap((path) => {
      const number = SHEET_PATH.exec(path)?.[1];
      return number && !named.has(path) ? [{ path, name: '', number }] : [];
    })
    .sort((a, b) => Number(a.number) - Number(b.number));
  return [...ordered, ...rest];
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
    if (row.length < MAX_COLUMNS) row.push(field);
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
        if (row.length < MAX_COLUMNS) row.push(field);
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
