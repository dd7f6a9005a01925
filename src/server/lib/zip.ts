/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3.x): every entry "stored" (method 0, no compression —
 * DOCX and scans are already compressed), names in UTF-8 with general-purpose flag bit 11 set so
 * Vietnamese names open correctly in Windows Explorer, macOS and Python, plus the Info-ZIP
 * "Unicode Path" extra field (0x7075) that Info-ZIP `unzip` 6.0 reads instead of the flag. No ZIP64: an archive
 * and each entry stay under 4 GiB and 65,535 entries (a dossier is a few MB). jszip, archiver and
 * fflate sit in node_modules only as other packages' dependencies, not ours, so the project does
 * not import them.
 */

/** One file of an archive. */
export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Modification time written in DOS format (local fields, 2-second precision). */
  modifiedAt?: Date;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) as ZIP stores it. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getUTCFullYear());
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/** Version 2.0 needed to extract; flag bit 11 = names are UTF-8. */
const VERSION = 20;
const UTF8_FLAG = 0x0800;

/** The Info-ZIP Unicode Path extra field: version 1, CRC-32 of the header's name, the UTF-8 name. */
function unicodePath(name: Buffer): Buffer {
  const field = Buffer.alloc(9);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + name.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(crc32(name), 5);
  return Buffer.concat([field, name]);
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value, 0);
  return buffer;
}

/** Version needed, flags, method (0: stored), DOS time and date, CRC, sizes, name and extra lengths. */
function entryFields(
  at: { time: number; date: number; crc: number; size: number },
  name: Buffer,
  extra: Buffer,
): Buffer {
  const fields = Buffer.alloc(26);
  fields.writeUInt16LE(VERSION, 0);
  fields.writeUInt16LE(UTF8_FLAG, 2);
  fields.writeUInt16LE(0, 4);
  fields.writeUInt16LE(at.time, 6);
  fields.writeUInt16LE(at.date, 8);
  fields.writeUInt32LE(at.crc, 10);
  fields.writeUInt32LE(at.size, 14);
  fields.writeUInt32LE(at.size, 18);
  fields.writeUInt16LE(name.length, 22);
  fields.writeUInt16LE(extra.length, 24);
  return fields;
}

/** The archive of the entries, in their order. Duplicate names are refused. */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (seen.has(entry.name)) throw new Error(`ZIP: tên tệp trùng "${entry.name}"`);
    seen.add(entry.name);
    const name = Buffer.from(entry.name, 'utf8');
    const extra = unicodePath(name);
    const crc = crc32(entry.data);
    const size = entry.data.length;
    // The 26 bytes from "version needed" to "extra length" are the same in both headers.
    const fields = entryFields(
      { ...dosDateTime(entry.modifiedAt ?? new Date(0)), crc, size },
      name,
      extra,
    );
    const local = Buffer.concat([u32(0x04034b50), fields]);
    locals.push(local, name, extra, entry.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION, 4); // version made by
    fields.copy(central, 6);
    // comment length, disk number, internal attributes: 0
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += local.length + name.length + extra.length + size;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
