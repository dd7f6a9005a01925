import JSZip from 'jszip';

/**
 * Whether an XML text is well-formed as far as its element structure goes: every start tag is
 * closed in order, attributes are quoted, and `&` only starts an entity. (No XML parser is a
 * dependency; the DOCX writer escapes text, this catches a broken writer or a stray tag.)
 */
export function wellFormedXml(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(body)) return false;
  const stack: string[] = [];
  for (const match of body.matchAll(
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g,
  )) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name ?? '');
  }
  const tags = body.match(/</g)?.length ?? 0;
  const matched = [...body.matchAll(/<\/?[A-Za-z_][^>]*>/g)].length;
  return stack.length === 0 && tags === matched;
}

/** The text of a DOCX's body (runs joined, paragraphs on their own lines). */
export function docxText(documentXml: string): string {
  return documentXml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The parts of a DOCX the tests read. */
export async function readDocx(data: Buffer | Uint8Array): Promise<{
  document: string;
  styles: string;
  text: string;
}> {
  const docx = await JSZip.loadAsync(data);
  const document = (await docx.file('word/document.xml')?.async('string')) ?? '';
  const styles = (await docx.file('word/styles.xml')?.async('string')) ?? '';
  return { document, styles, text: docxText(document) };
}

/** The cells' texts of each row of the first bordered table after `marker` in the body. */
export function tableRows(documentXml: string, marker: string): string[][] {
  const from = documentXml.indexOf(marker);
  const table = documentXml.slice(from).match(/<w:tbl>[\s\S]*?<\/w:tbl>/)?.[0] ?? '';
  return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => docxText(cell[0]).trim()),
  );
}
