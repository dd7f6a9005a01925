/**
 * The scans' bytes: a content-addressed directory (`<dir>/ab/cd/<sha256>`), written once through
 * a temporary file renamed into place, so two uploads of the same bytes share one file and a
 * half-written upload is never read. Metadata lives in `dossier_files`. The directory is
 * `FILES_DIR`, by default `files/` beside the SQLite database (the data folder), `./data/files`
 * for PostgreSQL (docs/operations.md: several servers share it on a network file system).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { tmpdir } from 'node:os';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import type { SCAN_MEDIA_TYPES } from '../../../shared/dossier.ts';

/** A kind of scan. */
export type ScanMediaType = (typeof SCAN_MEDIA_TYPES)[number];

/** Default largest scan (bytes) when `SCAN_MAX_MB` is not set. */
export const DEFAULT_SCAN_MAX_BYTES = 20 * 1024 * 1024;

/** The files directory of a database URL when `FILES_DIR` is not set: beside the SQLite file. */
export function defaultFilesDir(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path === '' || path === ':memory:') return join(tmpdir(), `dangvien-files-${process.pid}`);
    return join(dirname(path), 'files');
  }
  return join('data', 'files');
}

/** The context's files directory. */
export function filesDir(ctx: AppContext): string {
  return ctx.filesDir ?? process.env.FILES_DIR ?? join('data', 'files');
}

/** The context's largest scan, in bytes. */
export function scanMaxBytes(ctx: AppContext): number {
  return ctx.scanMaxBytes ?? DEFAULT_SCAN_MAX_BYTES;
}

/** Where a blob of this hash lives. */
export function blobPath(dir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** The kind of file its first bytes say it is (PDF, JPEG, PNG), or null for anything else. */
export function sniffMediaType(head: Uint8Array): ScanMediaType | null {
  const starts = (bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return null;
}

/** The kind of file a name promises by its extension, or null when it is not a scan's. */
export function mediaTypeOfName(name: string): ScanMediaType | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'pdf') return 'application/pdf';
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  return null;
}

/** A blob written to the store. */
export interface StoredBlob {
  sha256: string;
  size: number;
  mediaType: ScanMediaType;
}

/**
 * Streams an upload into the store: counts its bytes (past `maxBytes` it is refused with 413 and
 * nothing stays), hashes it, then checks that its first bytes are what its name says.
 */
export async function storeUpload(
  dir: string,
  source: Readable,
  options: { name: string; maxBytes: number },
): Promise<StoredBlob> {
  const promised = mediaTypeOfName(options.name);
  if (!promised) {
    source.resume();
    throw new AppError('validation', 'Chỉ nhận tệp PDF, JPEG hoặc PNG', [
      {
        field: 'x-file-name',
        message: `Tệp "${options.name}" không phải .pdf, .jpg, .jpeg hoặc .png`,
        messageEn: 'Only .pdf, .jpg, .jpeg or .png files',
      },
    ]);
  }
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const temporary = join(dir, 'tmp', randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > options.maxBytes) {
        done(
          new AppError('too_large', `Tệp lớn quá ${Math.round(options.maxBytes / 1048576)} MB`, [
            {
              field: '(body)',
              message: `Tệp quét tối đa ${Math.round(options.maxBytes / 1048576)} MB`,
              messageEn: `A scan may be at most ${options.maxBytes} bytes`,
            },
          ]),
        );
        return;
      }
      if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, createWriteStream(temporary));
  } catch (error) {
    source.resume();
    await rm(temporary, { force: true });
    throw error;
  }
  const actual = size === 0 ? null : sniffMediaType(head);
  if (actual !== promised) {
    await rm(temporary, { force: true });
    throw new AppError('validation', 'Nội dung tệp không đúng loại tệp', [
      {
        field: '(body)',
        message:
          size === 0
            ? 'Tệp rỗng'
            : `Tên tệp "${options.name}" là ${label(promised)} nhưng nội dung ${actual ? `là ${label(actual)}` : 'không phải PDF, JPEG hay PNG'}`,
        messageEn: 'The bytes are not what the file name says',
      },
    ]);
  }
  const sha256 = hash.digest('hex');
  const target = blobPath(dir, sha256);
  await mkdir(dirname(target), { recursive: true });
  await rename(temporary, target);
  return { sha256, size, mediaType: actual };
}

function label(type: ScanMediaType): string {
  return type === 'application/pdf' ? 'PDF' : type === 'image/jpeg' ? 'JPEG' : 'PNG';
}

/** A stored blob as a stream (throws `not_found` when the bytes are missing from the store). */
export async function openBlob(dir: string, sha256: string): Promise<ReadStream> {
  const path = blobPath(dir, sha256);
  try {
    await stat(path);
  } catch {
    throw new AppError('not_found', 'Không tìm thấy nội dung tệp trong kho lưu trữ');
  }
  return createReadStream(path);
}

/** Whether the store holds these bytes, checked against their hash. */
async function verifiedHash(path: string): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    await pipeline(createReadStream(path), async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) hash.update(chunk);
      yield* [];
    });
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/**
 * Copies the blobs named from one store to another (a backup's sidecar directory, or back on
 * restore), each checked against its hash; answers how many were copied and which are missing.
 */
export async function copyBlobs(
  from: string,
  to: string,
  sha256s: Iterable<string>,
): Promise<{ copied: number; missing: string[] }> {
  let copied = 0;
  const missing: string[] = [];
  for (const sha256 of new Set(sha256s)) {
    const source = blobPath(from, sha256);
    if ((await verifiedHash(source)) !== sha256) {
      missing.push(sha256);
      continue;
    }
    const target = blobPath(to, sha256);
    if ((await verifiedHash(target)) === sha256) {
      copied += 1;
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    await copyFile(source, temporary);
    await rename(temporary, target);
    copied += 1;
  }
  return { copied, missing };
}

/** Every blob hash a store directory holds (for a backup without a database list). */
export async function listBlobs(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (path: string, depth: number) => {
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (depth < 2 && entry.isDirectory() && /^[0-9a-f]{2}$/.test(entry.name))
        await walk(join(path, entry.name), depth + 1);
      else if (depth === 2 && entry.isFile() && /^[0-9a-f]{64}$/.test(entry.name))
        found.push(entry.name);
    }
  };
  await walk(dir, 0);
  return found;
}
