import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback, pipeline } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import type { AppError } from '../../lib/errors.ts';
import {
  MAX_XML_RUN_BYTES,
  MAX_ZIP_ENTRIES,
  formatBytes,
  tooLargeExpanded,
  unreadableXlsx,
  type ReadLimits,
} from './imports.limits.ts';

/**
 * The zip container of an .xlsx, read from its central directory (so the parts can be taken in
 * the order the reader needs, and their declared sizes checked before anything is inflated) and
 * inflated part by part through node's zlib with a meter that refuses a part as soon as it
 * inflates past its declared size or the file past its cap. No zip64, no encryption: an .xlsx
 * never needs them within the caps.
 */

/** Bytes of a zip by position: an upload in memory or a file on disk. */
export interface ZipSource {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
  /** The bytes [start, end) as a stream of chunks of at most 64 KB. */
  stream(start: number, end: number): Readable;
}

/** One part of the zip, as its central directory declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

const CHUNK = 64 * 1024;
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** An upload in memory as a zip source. */
export function bufferSource(buffer: Buffer): ZipSource {
  return {
    size: buffer.length,
    read: (position, length) =>
      Promise.resolve(buffer.subarray(position, Math.min(buffer.length, position + length))),
    stream: (start, end) =>
      Readable.from(slices(buffer.subarray(start, end)), { objectMode: false }),
  };
}

function* slices(buffer: Buffer): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += CHUNK) yield buffer.subarray(i, i + CHUNK);
}

/** A file on disk as a zip source (read by position; nothing held but what is being read). */
export function fileSource(path: string, size: number): ZipSource {
  return {
    size,
    read: async (position, length) => {
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
        await handle.read(buffer, 0, buffer.length, position);
        return buffer;
      } finally {
        await handle.close();
      }
    },
    stream: (start, end) =>
      end > start
        ? createReadStream(path, { start, end: end - 1, highWaterMark: CHUNK })
        : Readable.from([]),
  };
}

/**
 * The parts of a zip from its central directory, after checking that their declared sizes
 * together stay within `limits.maxExpandedBytes`: a zip bomb that tells the truth about its sizes
 * is refused here, before one byte is inflated.
 */
export async function readZipDirectory(source: ZipSource, limits: ReadLimits): Promise<ZipEntry[]> {
  const tailLength = Math.min(source.size, EOCD_SIZE + MAX_COMMENT);
  const tail = await source.read(source.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadableXlsx('không phải tệp zip hợp lệ', 'not a valid zip file');
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff)
    throw tooLargeExpanded(limits);
  if (count > MAX_ZIP_ENTRIES)
    throw unreadableXlsx(
      `có ${count} phần, quá giới hạn ${MAX_ZIP_ENTRIES}`,
      `more than ${MAX_ZIP_ENTRIES} parts`,
    );
  if (directoryOffset + directorySize > source.size)
    throw unreadableXlsx('danh mục của tệp zip bị hỏng', 'corrupt zip directory');
  const directory = await source.read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let declared = 0;
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw unreadableXlsx('danh mục của tệp zip bị hỏng', 'corrupt zip directory');
    const nameLength = directory.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      declaredSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
    };
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    if (
      entry.compressedSize === 0xffffffff ||
      entry.declaredSize === 0xffffffff ||
      entry.localHeaderOffset === 0xffffffff
    )
      throw tooLargeExpanded(limits);
    declared += entry.declaredSize;
    if (declared > limits.maxExpandedBytes) throw tooLargeExpanded(limits);
    entries.push(entry);
  }
  return entries;
}

/** Bytes inflated so far for one file, against its cap; the reading stops when the signal aborts. */
export class ExpansionMeter {
  total = 0;
  constructor(
    readonly limits: ReadLimits,
    readonly cancelled: () => Error | null = () => null,
  ) {}
}

/**
 * One part's bytes, inflated. The stream fails (with an AppError) as soon as the part inflates
 * past its declared size or `partLimit`, the file past the meter's cap, a run of XML without `<`
 * passes MAX_XML_RUN_BYTES, or the caller cancels; at its end the size and CRC must match.
 */
export async function openZipEntry(
  source: ZipSource,
  entry: ZipEntry,
  meter: ExpansionMeter,
  partLimit: { bytes: number; error: () => AppError } | null = null,
): Promise<Readable> {
  if (entry.flags & 0x1)
    throw unreadableXlsx('tệp có mật khẩu (mã hóa)', 'encrypted files are not supported');
  if (entry.method !== 0 && entry.method !== 8)
    throw unreadableXlsx(
      `phần ${entry.name} nén theo cách không hỗ trợ (${entry.method})`,
      'unsupported compression method',
    );
  const local = await source.read(entry.localHeaderOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE)
    throw unreadableXlsx(`phần ${entry.name} bị hỏng`, 'corrupt local header');
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const end = start + entry.compressedSize;
  if (end > source.size) throw unreadableXlsx(`phần ${entry.name} bị cắt cụt`, 'truncated part');
  const metered = new Meter(entry, meter, partLimit);
  const raw = source.stream(start, end);
  if (entry.method === 8) pipeline(raw, createInflateRaw(), metered, ignore);
  else pipeline(raw, metered, ignore);
  return metered;
}

/** Errors reach the consumer through the last stream of the pipeline. */
function ignore(): void {}

class Meter extends Transform {
  private inflated = 0;
  private crc = 0;
  private run = 0;
  constructor(
    private readonly entry: ZipEntry,
    private readonly meter: ExpansionMeter,
    private readonly partLimit: { bytes: number; error: () => AppError } | null,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const refusal = this.check(chunk);
    if (refusal) {
      done(refusal);
      return;
    }
    this.crc = crc32(chunk, this.crc);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.inflated !== this.entry.declaredSize || this.crc >>> 0 !== this.entry.crc >>> 0)
      done(
        unreadableXlsx(
          `phần ${this.entry.name} bị hỏng (kích thước hoặc mã kiểm tra không khớp)`,
          'size or CRC mismatch',
        ),
      );
    else done();
  }

  private check(chunk: Buffer): Error | null {
    const cancelled = this.meter.cancelled();
    if (cancelled) return cancelled;
    this.inflated += chunk.length;
    this.meter.total += chunk.length;
    if (this.inflated > this.entry.declaredSize)
      return unreadableXlsx(
        `phần ${this.entry.name} giải nén ra nhiều hơn kích thước khai báo (${formatBytes(this.entry.declaredSize)})`,
        'a part inflates past its declared size',
      );
    if (this.meter.total > this.meter.limits.maxExpandedBytes)
      return tooLargeExpanded(this.meter.limits);
    if (this.partLimit && this.inflated > this.partLimit.bytes) return this.partLimit.error();
    const first = chunk.indexOf(0x3c);
    if (first < 0) this.run += chunk.length;
    else {
      if (this.run + first > MAX_XML_RUN_BYTES) return this.tooLongRun();
      this.run = chunk.length - 1 - chunk.lastIndexOf(0x3c);
    }
    return this.run > MAX_XML_RUN_BYTES ? this.tooLongRun() : null;
  }

  private tooLongRun(): AppError {
    return unreadableXlsx(
      `phần ${this.entry.name} có một ô hoặc thẻ XML dài quá ${formatBytes(MAX_XML_RUN_BYTES)}`,
      'an XML text or tag is too long',
    );
  }
}
