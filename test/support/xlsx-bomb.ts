import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A valid .xlsx whose one worksheet inflates to `expandedBytes` (a zip bomb), built in well under a
 * second: the sheet's deflate stream is the header, then the same compressed megabyte of filler
 * again and again (each piece ends with a sync flush, so pieces can be laid end to end), then the
 * closing tags. About 1 KB of file per MB of sheet, so 1 GB comes from a file of about 1 MB.
 *
 * `declared: 'honest'` writes the real sizes in the zip headers; `'lying'` declares the sheet at
 * `lyingSize` bytes (and a CRC of 0), as an attacker would to get past a check of declared sizes.
 */
export function xlsxBomb(options: {
  expandedBytes: number;
  declared: 'honest' | 'lying';
  lyingSize?: number;
}): Buffer {
  const MB = 1024 * 1024;
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>',
  );
  const tail = Buffer.from('</sheetData></worksheet>');
  // Empty elements the reader must parse but that hold no row: the worst kind of filler.
  const filler = Buffer.from('<x/>'.repeat(MB / 4));
  const pieces = Math.max(1, Math.ceil((options.expandedBytes - head.length - tail.length) / MB));
  const sync = { finishFlush: constants.Z_SYNC_FLUSH };
  const compressedFiller = deflateRawSync(filler, sync);
  const sheetData = Buffer.concat([
    deflateRawSync(head, sync),
    ...Array.from({ length: pieces }, () => compressedFiller),
    deflateRawSync(tail),
  ]);
  const size = head.length + pieces * filler.length + tail.length;
  let crc = 0;
  if (options.declared === 'honest') {
    crc = crc32(head);
    for (let i = 0; i < pieces; i++) crc = crc32(filler, crc);
    crc = crc32(tail, crc);
  }
  return zip([
    ...WORKBOOK_PARTS.map(([name, text]) => deflated(name, Buffer.from(text))),
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheetData,
      size: options.declared === 'honest' ? size : (options.lyingSize ?? 4096),
      crc,
    },
  ]);
}

const WORKBOOK_PARTS: [string, string][] = [
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  ],
  [
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  ],
  [
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Dữ liệu" sheetId="1" r:id="rId1"/></sheets></workbook>',
  ],
  [
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  ],
];

interface Part {
  name: string;
  /** Raw deflate data. */
  data: Buffer;
  /** Uncompressed size written in the headers. */
  size: number;
  crc: number;
}

function deflated(name: string, content: Buffer): Part {
  return { name, data: deflateRawSync(content), size: content.length, crc: crc32(content) };
}

/** A zip archive (deflated entries, no zip64) of parts whose data is already deflated. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(part.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    centrals.push(central, name);
    offset += local.length + name.length + part.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
