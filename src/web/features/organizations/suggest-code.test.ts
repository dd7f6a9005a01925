import { describe, expect, it } from 'vitest';
import { suggestCode } from './suggest-code.ts';

describe('suggestCode', () => {
  it("joins the parent's code and the folded initials of the name's proper part", () => {
    expect(suggestCode('DBD-NH', 'Chi bộ bản Nậm Ty', new Set())).toBe('DBD-NH-BNT');
    expect(suggestCode('DB', 'Đảng bộ xã Mường Luân', new Set())).toBe('DB-XML');
    expect(suggestCode('DB', 'Ðảng bộ xã Ðiện Biên Ðông', new Set())).toBe('DB-XDBD');
  });
  it('keeps numbers whole and works without a parent', () => {
    expect(suggestCode('X', 'Chi bộ Tổ dân phố 12', new Set())).toBe('X-TDP12');
    expect(suggestCode(null, 'Đảng bộ tỉnh Điện Biên', new Set())).toBe('TDB');
  });
  it('numbers a code already taken', () => {
    const taken = new Set(['DB-XML', 'DB-XML2']);
    expect(suggestCode('DB', 'Đảng bộ xã Mường Luân', taken)).toBe('DB-XML3');
  });
  it('falls back to M for a name of generic words only', () => {
    expect(suggestCode('DB', 'Chi bộ', new Set())).toBe('DB-M');
  });
});
