import { formatNumber } from '../../../shared/text.ts';
import { AppError } from '../../lib/errors.ts';

/**
 * What reading one spreadsheet may cost (STYLE habit 17). Every cap is checked while the file is
 * read, never after: a zip bomb is refused from its declared sizes before anything is inflated,
 * and from the bytes actually inflated if the declared sizes lie.
 */
export interface ReadLimits {
  /**
   * Most bytes all the parts of an .xlsx together may inflate to. The zip's central directory is
   * checked first (the sum of declared sizes); then each part is refused as soon as it inflates
   * to more than it declared, so the bytes inflated never pass this cap.
   */
  maxExpandedBytes: number;
  /**
   * Most bytes the shared-strings part of an .xlsx may inflate to: its strings are kept in memory
   * while the sheets are read (about 2.5 bytes of memory per byte of XML at worst).
   */
  maxSharedStringsBytes: number;
  /** Most rows of one sheet or of a .csv file, the header row included. */
  maxRows: number;
}

const MB = 1024 * 1024;

/**
 * Caps of an upload (HTTP, body at most 50 MB). A 100,000-row members sheet written by Excel
 * inflates to about 70 MB with 15 MB of shared strings; the caps leave room for twice that while
 * keeping the server's memory for one upload under about 150 MB.
 */
export const UPLOAD_READ_LIMITS: ReadLimits = {
  maxExpandedBytes: 256 * MB,
  maxSharedStringsBytes: 32 * MB,
  maxRows: 200_000,
};

/**
 * Caps of a file on disk (`dangvien import`, run by an operator on the server): higher, for a
 * province's file in one go, but still caps (the largest a zip without zip64 can declare).
 */
export const FILE_READ_LIMITS: ReadLimits = {
  maxExpandedBytes: 4095 * MB,
  maxSharedStringsBytes: 512 * MB,
  maxRows: 5_000_000,
};

/**
 * Most rows of an organizations or units file, from an upload or from disk alike. Such a file is
 * held whole (about 1 KB a row) because a row may name a parent further down; a province has
 * some 3,000 organizations and a few thousand units, the whole country about 300,000 of each:
 * import a country province by province.
 */
export const TREE_READ_LIMITS: Pick<ReadLimits, 'maxRows'> = { maxRows: 50_000 };

/** Cells of a row beyond this column are ignored (an .xlsx cell at XFD made each row 16,384 wide). */
export const MAX_COLUMNS = 256;

/**
 * Longest run of XML without a `<` (one text node or one tag): an Excel cell holds at most 32,767
 * characters, under 100 KB; a longer run is an attack on the XML parser's buffers.
 */
export const MAX_XML_RUN_BYTES = MB;

/** Most parts of an .xlsx (a workbook has a few dozen). */
export const MAX_ZIP_ENTRIES = 10_000;

/** "16 KB", "256 MB": a cap as people read it. */
export function formatBytes(bytes: number): string {
  return bytes >= MB
    ? `${formatNumber(bytes / MB, bytes % MB === 0 ? 0 : 1)} MB`
    : `${formatNumber(Math.ceil(bytes / 1024))} KB`;
}

/** The file inflates past `maxExpandedBytes`. */
export function tooLargeExpanded(limits: ReadLimits): AppError {
  const limit = formatBytes(limits.maxExpandedBytes);
  return new AppError(
    'validation',
    `Tệp Excel giải nén ra quá giới hạn ${limit} một lần nhập; hãy chia thành nhiều tệp nhỏ hơn`,
    [
      {
        field: 'file',
        message: `Tệp Excel giải nén ra quá giới hạn ${limit}`,
        messageEn: `The .xlsx inflates to more than the ${limit} limit`,
      },
    ],
  );
}

/** The shared strings inflate past `maxSharedStringsBytes`. */
export function tooManySharedStrings(limits: ReadLimits): AppError {
  const limit = formatBytes(limits.maxSharedStringsBytes);
  return new AppError(
    'validation',
    `Bảng chuỗi dùng chung của tệp Excel quá giới hạn ${limit}; hãy chia thành nhiều tệp nhỏ hơn`,
    [
      {
        field: 'file',
        message: `Bảng chuỗi dùng chung (sharedStrings.xml) quá giới hạn ${limit}`,
        messageEn: `The shared strings inflate to more than the ${limit} limit`,
      },
    ],
  );
}

/** A sheet (or a .csv) has more than `maxRows` rows. */
export function tooManyRows(limits: Pick<ReadLimits, 'maxRows'>): AppError {
  const limit = formatNumber(limits.maxRows);
  return new AppError(
    'validation',
    `Tệp có hơn ${limit} dòng, quá giới hạn ${limit} dòng một lần nhập; hãy chia thành nhiều tệp`,
    [
      {
        field: 'file',
        message: `Quá giới hạn ${limit} dòng`,
        messageEn: `More than the ${limits.maxRows} rows limit`,
      },
    ],
  );
}

/** A file the .xlsx reader refuses, with why (in the field message). */
export function unreadableXlsx(why: string, whyEn: string): AppError {
  return new AppError('validation', `Không đọc được tệp Excel (.xlsx): ${why}`, [
    { field: 'file', message: why, messageEn: whyEn },
  ]);
}
