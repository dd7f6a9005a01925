import { describe, expect, it } from 'vitest';
import { ageBandRange, membersHref } from './links.ts';

describe('members list addresses', () => {
  it('writes the filters in a fixed order and leaves empty ones out', () => {
    expect(
      membersHref({
        q: 'giang a',
        org: 'DBD',
        asOf: '2017-12-31',
        gender: 'female',
        ethnicity: '',
      }),
    ).toBe('/members?org=DBD&asOf=2017-12-31&gender=female&q=giang+a');
    expect(membersHref({})).toBe('/members');
    expect(membersHref({ ethnicity: 'Khơ Mú', ageMin: 0 })).toBe(
      '/members?ethnicity=Kh%C6%A1+M%C3%BA&ageMin=0',
    );
  });

  it('turns a statistics age band into ages, the last band open-ended', () => {
    expect(ageBandRange('18-30')).toEqual({ ageMin: 18, ageMax: 30 });
    expect(ageBandRange('61+')).toEqual({ ageMin: 61 });
    expect(ageBandRange('unknown')).toBeUndefined();
  });
});
