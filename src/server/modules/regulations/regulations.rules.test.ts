import { describe, expect, it } from 'vitest';
import { REGULATION_GOVERNS } from '../../../shared/regulations.ts';
import { SHIPPED_REGULATIONS } from './regulations.data.ts';
import {
  documentBasis,
  inForceOn,
  mergeRegulations,
  regulationKey,
  type StoredRegulation,
} from './regulations.rules.ts';

/** The label of the text(s) of a role in force on a date: "01-HD/TW 2016-09-20". */
function label(
  date: string,
  governs: (typeof REGULATION_GOVERNS)[number],
  register = mergeRegulations([]),
) {
  return inForceOn(date, governs, register).map((r) => `${r.number} ${r.signedOn}`);
}

describe('the shipped register', () => {
  it('keys texts by number and date signed (01-HD/TW three times), with no duplicate key', () => {
    const keys = SHIPPED_REGULATIONS.map((r) => regulationKey(r.number, r.signedOn));
    expect(new Set(keys).size).toBe(keys.length);
    expect(
      SHIPPED_REGULATIONS.filter((r) => r.number === '01-HD/TW').map((r) => r.signedOn),
    ).toEqual(['2012-01-05', '2016-09-20', '2021-09-28']);
  });

  it('every replacement names a text of the same role that takes effect later', () => {
    const register = mergeRegulations([]);
    for (const item of register) {
      if (!item.replacedBy) continue;
      const successor = register.find(
        (r) => r.number === item.replacedBy && r.signedOn === item.replacedBySignedOn,
      );
      expect(successor, item.number).toBeDefined();
      expect(successor?.governs).toBe(item.governs);
      expect((successor?.effectiveFrom ?? '') > item.effectiveFrom).toBe(true);
    }
  });

  it('each role has exactly one text in force on any day after its first text', () => {
    const register = mergeRegulations([]);
    for (const governs of REGULATION_GOVERNS) {
      const first = register.find((r) => r.governs === governs)?.effectiveFrom ?? '';
      for (let year = 2012; year <= 2026; year += 1)
        for (const day of ['01-01', '06-30', '07-01', '12-31']) {
          const date = `${year}-${day}`;
          if (date < first) continue;
          expect(inForceOn(date, governs, register), `${governs} ${date}`).toHaveLength(1);
        }
    }
  });
});

describe('inForceOn: the text of each role on each edge date', () => {
  it('implementing regulation: 45 → 29 (25/7/2016) → 24 (30/7/2021) → 232 (20/01/2025) → 294 (01/7/2025)', () => {
    expect(label('2016-07-24', 'charter_rules')).toEqual(['45-QĐ/TW 2011-11-01']);
    expect(label('2016-07-25', 'charter_rules')).toEqual(['29-QĐ/TW 2016-07-25']);
    expect(label('2021-07-29', 'charter_rules')).toEqual(['29-QĐ/TW 2016-07-25']);
    expect(label('2021-07-30', 'charter_rules')).toEqual(['24-QĐ/TW 2021-07-30']);
    expect(label('2025-01-19', 'charter_rules')).toEqual(['24-QĐ/TW 2021-07-30']);
    expect(label('2025-01-20', 'charter_rules')).toEqual(['232-QĐ/TW 2025-01-20']);
    // 294-QĐ/TW was signed on 26/5/2025 but is in force only from 01/7/2025.
    expect(label('2025-06-30', 'charter_rules')).toEqual(['232-QĐ/TW 2025-01-20']);
    expect(label('2025-07-01', 'charter_rules')).toEqual(['294-QĐ/TW 2025-05-26']);
  });

  it('guidance: 01-HD/TW (2012) until 19/9/2016, (2016) until 27/9/2021, (2021), then 06-HD/TW with 294', () => {
    expect(label('2016-08-15', 'guidance')).toEqual(['01-HD/TW 2012-01-05']);
    expect(label('2016-09-19', 'guidance')).toEqual(['01-HD/TW 2012-01-05']);
    expect(label('2016-09-20', 'guidance')).toEqual(['01-HD/TW 2016-09-20']);
    expect(label('2021-09-27', 'guidance')).toEqual(['01-HD/TW 2016-09-20']);
    expect(label('2021-09-28', 'guidance')).toEqual(['01-HD/TW 2021-09-28']);
    // 06-HD/TW (signed 09/6/2025) guides 294-QĐ/TW: before 294 is in force the 2021 guidance is cited.
    expect(label('2025-06-09', 'guidance')).toEqual(['01-HD/TW 2021-09-28']);
    expect(label('2025-06-30', 'guidance')).toEqual(['01-HD/TW 2021-09-28']);
    expect(label('2025-07-01', 'guidance')).toEqual(['06-HD/TW 2025-06-09']);
  });

  it('forms: 12-HD/BTCTW (2012) until 04/6/2017, 09-HD/BTCTW until 17/01/2022, 12-HD/BTCTW (2022)', () => {
    expect(label('2017-06-04', 'forms')).toEqual(['12-HD/BTCTW 2012-05-17']);
    expect(label('2017-06-05', 'forms')).toEqual(['09-HD/BTCTW 2017-06-05']);
    expect(label('2022-01-17', 'forms')).toEqual(['09-HD/BTCTW 2017-06-05']);
    expect(label('2022-01-18', 'forms')).toEqual(['12-HD/BTCTW 2022-01-18']);
    expect(label('2026-12-06', 'forms')).toEqual(['12-HD/BTCTW 2022-01-18']);
  });

  it('nothing is in force before a role’s first text', () => {
    expect(label('2011-10-31', 'charter_rules')).toEqual([]);
  });
});

describe('documentBasis: the "Căn cứ" lines of a document by its own date', () => {
  it('a document of 15/8/2016 cites 29-QĐ/TW, not the 2016 guidance signed on 20/9/2016', () => {
    const lines = documentBasis('2016-08-15');
    expect(lines[0]).toBe(
      'Quy định số 29-QĐ/TW ngày 25/7/2016 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng',
    );
    expect(lines.join('; ')).not.toContain('20/9/2016');
    expect(lines.join('; ')).toContain('Hướng dẫn số 01-HD/TW ngày 5/1/2012');
    expect(lines.join('; ')).toContain('Hướng dẫn số 12-HD/BTCTW ngày 17/5/2012');
  });

  it('a 2017 document after 5/6/2017 cites only texts in force in 2017', () => {
    expect(documentBasis('2017-08-01')).toEqual([
      'Quy định số 29-QĐ/TW ngày 25/7/2016 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng',
      'Hướng dẫn số 01-HD/TW ngày 20/9/2016 của Ban Chấp hành Trung ương về một số vấn đề cụ thể thi hành Điều lệ Đảng',
      'Hướng dẫn số 09-HD/BTCTW ngày 5/6/2017 của Ban Tổ chức Trung ương về nghiệp vụ công tác đảng viên',
    ]);
  });

  it('a 2026 document cites 294-QĐ/TW and 06-HD/TW', () => {
    const lines = documentBasis('2026-03-16').join('; ');
    expect(lines).toContain('Quy định số 294-QĐ/TW ngày 26/5/2025');
    expect(lines).toContain('Hướng dẫn số 06-HD/TW ngày 9/6/2025');
    expect(lines).not.toContain('01-HD/TW');
    expect(lines).not.toContain('232-QĐ/TW');
  });
});

describe('a text added by an administrator', () => {
  const forms2026: StoredRegulation = {
    number: '99-HD/BTCTW',
    signedOn: '2026-03-02',
    title: 'Hướng dẫn nghiệp vụ công tác đảng viên',
    issuer: 'Ban Tổ chức Trung ương',
    effectiveFrom: '2026-04-01',
    governs: 'forms',
    replaces: { number: '12-HD/BTCTW', signedOn: '2022-01-18' },
    source: null,
    confirmed: true,
    note: '',
  };

  it('replaces the earlier text from its own effective date, not from its signing', () => {
    const register = mergeRegulations([forms2026]);
    const replaced = register.find(
      (r) => r.number === '12-HD/BTCTW' && r.signedOn === '2022-01-18',
    );
    expect(replaced?.replacedBy).toBe('99-HD/BTCTW');
    expect(replaced?.replacedFrom).toBe('2026-04-01');
    expect(label('2026-03-31', 'forms', register)).toEqual(['12-HD/BTCTW 2022-01-18']);
    expect(label('2026-04-01', 'forms', register)).toEqual(['99-HD/BTCTW 2026-03-02']);
    expect(documentBasis('2026-04-01', register)[2]).toContain('99-HD/BTCTW');
  });

  it('without `replaces`, stands beside the text in force (an amendment)', () => {
    const register = mergeRegulations([{ ...forms2026, replaces: null }]);
    expect(label('2026-04-01', 'forms', register)).toEqual([
      '12-HD/BTCTW 2022-01-18',
      '99-HD/BTCTW 2026-03-02',
    ]);
  });
});
