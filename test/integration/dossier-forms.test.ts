import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { PROBATIONARY_REGISTER_COLUMNS } from '../../src/server/modules/documents/documents.forms.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { useDemoApp, type DemoFixture } from '../support/demo.ts';
import { readDocx, tableRows, wellFormedXml } from '../support/docx.ts';

/** `soffice` on the PATH, if LibreOffice is installed (CI does not install it). */
function soffice(): string | null {
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** A demo candidate made official whose decision day falls in [from, to]. */
async function officialCandidate(demo: DemoFixture, from: string, to: string) {
  const row = await demo.ctx.db
    .selectFrom('candidates as k')
    .innerJoin('candidateTransitions as t', 't.candidateId', 'k.id')
    .innerJoin('people as p', 'p.id', 'k.personId')
    .select(['k.id', 'p.fullName'])
    .where('k.stage', '=', 'official')
    .where('t.toStage', '=', 'decided')
    .where('t.on', '>=', from)
    .where('t.on', '<=', to)
    .orderBy('k.id')
    .executeTakeFirst();
  if (!row) throw new Error(`no official candidate decided in ${from}..${to}`);
  return row;
}

async function dossier(demo: DemoFixture, id: number) {
  const response = await demo.app.inject({
    method: 'GET',
    url: `/api/v1/candidates/${id}/dossier.zip`,
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/zip');
  expect(String(response.headers['content-disposition'])).toContain("filename*=UTF-8''");
  return { raw: response.rawPayload, zip: await JSZip.loadAsync(response.rawPayload) };
}

/** What a form must not show where a value was expected. */
const PLACEHOLDERS = ['{', '}', 'undefined', 'null', 'NaN', '...', '[object Object]'];

describeEachDialect('the dossier forms and the dossier ZIP', (dialect) => {
  const demo = useDemoApp(dialect);

  it('the ZIP of an official candidate holds every form of the dossier in order, each a clean DOCX', async () => {
    const candidate = await officialCandidate(demo, '2023-01-01', '2026-12-31');
    const { raw, zip } = await dossier(demo, candidate.id);
    if (process.env.FORMS_DUMP) writeFileSync(join(process.env.FORMS_DUMP, `${dialect}.zip`), raw);
    // Local header of the first entry: general-purpose flag bit 11 (names in UTF-8).
    expect(raw.readUInt32LE(0)).toBe(0x04034b50);
    expect(raw.readUInt16LE(6) & 0x0800).toBe(0x0800);
    const names = Object.keys(zip.files);
    const forms = names.map((n) => n.split(' ')[0]);
    for (const form of [
      '01-KNĐ',
      '02-KNĐ',
      '03-KNĐ',
      '05-KNĐ',
      '05A-KNĐ',
      '05B-KNĐ',
      '06-KNĐ',
      '09-KNĐ',
      '10-KNĐ',
      '11-KNĐ',
      '12-KNĐ',
      '13-KNĐ',
      '16-KNĐ',
    ])
      expect(forms, form).toContain(form);
    expect(forms).not.toContain('17-KNĐ');
    // In the dossier's order: admission forms, then recognition.
    const order = forms.map((f) => parseInt(f ?? '', 10));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const name of names) {
      expect(name).toMatch(/^\d\d[AB]?-KNĐ .+ - .+\.docx$/);
      expect(name).toContain(candidate.fullName);
      const docx = await readDocx(await zip.file(name)!.async('uint8array'));
      expect(wellFormedXml(docx.document), name).toBe(true);
      expect(wellFormedXml(docx.styles), name).toBe(true);
      expect(docx.document + docx.styles, name).toContain('Times New Roman');
      expect(docx.text, name).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(docx.text, name).toContain(`Mẫu ${name.split(' ')[0]!.replace(/^0/, '')}`);
      for (const placeholder of PLACEHOLDERS)
        expect(docx.text.includes(placeholder), `${name}: "${placeholder}"`).toBe(false);
    }
    const decision = await readDocx(
      await zip.file(names.find((n) => n.startsWith('09-KNĐ'))!)!.async('uint8array'),
    );
    expect(decision.text).toContain(candidate.fullName);
    expect(decision.text).toMatch(/T\/M (BAN THƯỜNG VỤ|ĐẢNG ỦY)/);
    const audit = await demo.ctx.db
      .selectFrom('events')
      .select(['after'])
      .where('action', '=', 'document.export')
      .where('entityId', '=', String(candidate.id))
      .execute();
    expect(audit.some((e) => String(e.after).includes('dossier-zip'))).toBe(true);
  });

  it('a 2017 dossier cites no text signed after its documents and prints the 2017 forms numbers', async () => {
    const candidate = await officialCandidate(demo, '2017-06-05', '2017-10-31');
    const { zip } = await dossier(demo, candidate.id);
    const names = Object.keys(zip.files);
    // 09-HD/BTCTW (2017) numbered the workplace organizations' comments 5C-KNĐ.
    expect(names.some((n) => n.startsWith('05C-KNĐ'))).toBe(true);
    for (const name of names) {
      const { text } = await readDocx(await zip.file(name)!.async('uint8array'));
      for (const later of ['24-QĐ/TW', '232-QĐ/TW', '294-QĐ/TW', '(2021)', '(2022)', '(2025)'])
        expect(text.includes(later), `${name} cites ${later}`).toBe(false);
    }
  });

  it('18-KNĐ has the columns of the form, column 9 the admission day', async () => {
    const response = await demo.app.inject({
      method: 'GET',
      url: '/api/v1/documents/probationary-register.docx?org=DBD&year=2017',
    });
    expect(response.statusCode).toBe(200);
    const docx = await readDocx(response.rawPayload);
    const rows = tableRows(docx.document, 'SỔ ĐẢNG VIÊN DỰ BỊ');
    expect(rows[0]).toEqual([...PROBATIONARY_REGISTER_COLUMNS]);
    expect(rows.length).toBeGreaterThan(1);
    const admitted = await demo.ctx.db
      .selectFrom('memberships')
      .select('admittedOn')
      .where('admittedOn', '>=', '2017-01-01')
      .where('admittedOn', '<=', '2017-12-31')
      .execute();
    const days = new Set(admitted.map((m) => m.admittedOn.split('-').reverse().join('/')));
    for (const row of rows.slice(1)) {
      expect(row).toHaveLength(10);
      expect(days.has(row[8] ?? '')).toBe(true);
    }
  });

  it.skipIf(!soffice())('LibreOffice converts a form of the ZIP to PDF', async () => {
    const candidate = await officialCandidate(demo, '2023-01-01', '2026-12-31');
    const { zip } = await dossier(demo, candidate.id);
    const dir = mkdtempSync(join(tmpdir(), 'forms-'));
    try {
      const name = Object.keys(zip.files).find((n) => n.startsWith('02-KNĐ'))!;
      const file = join(dir, 'form.docx');
      writeFileSync(file, await zip.file(name)!.async('nodebuffer'));
      execFileSync(soffice()!, ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
        timeout: 120_000,
      });
      expect(existsSync(join(dir, 'form.pdf'))).toBe(true);
      expect(readFileSync(join(dir, 'form.pdf')).subarray(0, 4).toString()).toBe('%PDF');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the dossier ZIP of an unknown candidate is not found', async () => {
    const response = await demo.app.inject({
      method: 'GET',
      url: '/api/v1/candidates/999999/dossier.zip',
    });
    expect(response.statusCode).toBe(404);
  });
});
