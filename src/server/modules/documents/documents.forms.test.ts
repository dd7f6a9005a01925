import { describe, expect, it } from 'vitest';
import { packDocx } from '../reports/render/docx.ts';
import { cellCommitteeOf, committeeOf, decidingBody } from './documents.blocks.ts';
import {
  FORMS,
  renderForm,
  type CandidateDocumentKind,
  type FormInput,
} from './documents.forms.ts';
import { formsGuidanceOn, printedNumber } from './documents.guidance.ts';
import type { TransitionFacts } from './documents.repository.ts';
import JSZip from 'jszip';

async function text(kind: CandidateDocumentKind, input: FormInput): Promise<string> {
  const docx = await JSZip.loadAsync(await packDocx('t', 'test', renderForm(kind, input)));
  const xml = (await docx.file('word/document.xml')?.async('string')) ?? '';
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

function input(transitions: TransitionFacts[] = [], on = '2023-03-01'): FormInput {
  return {
    facts: {
      id: 1,
      organizationId: 1,
      stage: 'dossier',
      person: {
        id: 1,
        fullName: 'Lò Thị Mai',
        gender: 'female',
        birthDate: '2000-02-29',
        ethnicity: 'Thái',
        religion: null,
        address: null,
        educationLevel: 'upper_secondary',
        politicalTheory: null,
        occupation: null,
        unitName: null,
      },
      membership: null,
    },
    t: new Map(transitions.map((t) => [t.toStage, t])),
    ctx: {
      cell: { name: 'Chi bộ bản Na Son' },
      parent: { name: 'Đảng bộ xã Na Son' },
      grassroots: { name: 'Đảng bộ xã Na Son' },
      partial: null,
      deciding: { name: 'Đảng bộ xã Na Son' },
      decidingSuperior: { name: 'Đảng bộ tỉnh Điện Biên' },
      signedAs: 'T/M BAN THƯỜNG VỤ',
      place: 'Na Son',
      regulations: ['24-QĐ/TW (2021)', '01-HD/TW (2021)', '12-HD/BTCTW (2022)'],
      guidance: formsGuidanceOn(on),
    },
  };
}

describe('the dossier forms', () => {
  it('every form renders from a bare dossier with dotted lines, never an empty placeholder', async () => {
    for (const kind of Object.keys(FORMS) as CandidateDocumentKind[]) {
      const body = await text(kind, input());
      expect(body, kind).toContain(`Mẫu ${FORMS[kind].form}`);
      expect(body, kind).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(body, kind).toContain('Lò Thị Mai');
      for (const bad of ['undefined', 'null', 'NaN', '{', '...', '[object'])
        expect(body.includes(bad), `${kind}: ${bad}`).toBe(false);
    }
  });

  it('a decision is signed by the standing committee unless it records who signed', async () => {
    const decided = (decision: Record<string, unknown>): TransitionFacts => ({
      toStage: 'decided',
      on: '2023-03-01',
      details: { decision: { number: '12-QĐ/ĐU', on: '2023-03-01', ...decision } },
    });
    const standing = await text('admission-decision', input([decided({})]));
    expect(standing).toContain('T/M BAN THƯỜNG VỤ');
    expect(standing).toContain('BAN THƯỜNG VỤ ĐẢNG ỦY XÃ NA SON');
    // A grassroots committee delegated the power to admit: the whole committee decides and signs.
    for (const signedAs of ['committee', 'T/M ĐẢNG ỦY']) {
      const delegated = await text('admission-decision', input([decided({ signedAs })]));
      expect(delegated).toContain('T/M ĐẢNG ỦY');
      expect(delegated).not.toContain('BAN THƯỜNG VỤ');
      expect(delegated).toContain('\nĐẢNG ỦY XÃ NA SON\n');
    }
  });

  it('the forms guidance is the one in force on the date, and its numbering is data', () => {
    expect(formsGuidanceOn('2016-12-31').label).toBe('12-HD/BTCTW (2012)');
    expect(formsGuidanceOn('2017-06-04').label).toBe('12-HD/BTCTW (2012)');
    expect(formsGuidanceOn('2017-06-05').label).toBe('09-HD/BTCTW');
    expect(formsGuidanceOn('2022-01-17').label).toBe('09-HD/BTCTW');
    expect(formsGuidanceOn('2022-01-18').label).toBe('12-HD/BTCTW (2022)');
    expect(formsGuidanceOn('2026-11-27').label).toBe('12-HD/BTCTW (2022)');
    expect(printedNumber(formsGuidanceOn('2018-01-01'), '5A-KNĐ')).toBe('5C-KNĐ');
    expect(printedNumber(formsGuidanceOn('2023-01-01'), '5A-KNĐ')).toBe('5A-KNĐ');
  });

  it('a 2017 form prints its 2017 number in the corner', async () => {
    expect(await text('mass-organization-comments', input([], '2018-01-01'))).toContain(
      'Mẫu 5C-KNĐ',
    );
  });

  it('names committees as committees', () => {
    expect(committeeOf('Đảng bộ thị trấn Điện Biên Đông')).toBe('Đảng ủy thị trấn Điện Biên Đông');
    expect(committeeOf('Huyện ủy Điện Biên Đông')).toBe('Huyện ủy Điện Biên Đông');
    expect(committeeOf('Trường THPT Na Son')).toBe('Đảng ủy Trường THPT Na Son');
    expect(cellCommitteeOf('Chi bộ tổ dân phố 6')).toBe('Chi ủy chi bộ tổ dân phố 6');
    expect(decidingBody('standing', 'Đảng bộ huyện A')).toBe('BAN THƯỜNG VỤ ĐẢNG ỦY HUYỆN A');
    expect(decidingBody('committee', 'Đảng bộ xã B')).toBe('ĐẢNG ỦY XÃ B');
  });
});
