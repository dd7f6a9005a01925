import { describe, expect, it } from 'vitest';
import type { OrganizationNode } from '../api/types.ts';
import { apiUrl } from '../api/client.ts';
import { buildTree, matchesFilter } from './tree.ts';

const node = (code: string, name: string, parentCode: string | null): OrganizationNode => ({
  code,
  name,
  kind: 'committee',
  level: 'grassroots',
  parentCode,
  sector: null,
  combined: false,
  depth: 0,
  decidesAdmissions: false,
});

describe('organization tree for antd', () => {
  it('nests children under parents and keeps orphans as roots, in the given order', () => {
    const tree = buildTree([
      node('DB', 'Đảng bộ tỉnh Điện Biên', null),
      node('DBD', 'Đảng bộ huyện Điện Biên Đông', 'DB'),
      node('X', 'Chi bộ lạc', 'GONE'),
      node('DBD-KL', 'Đảng bộ xã Keo Lôm', 'DBD'),
    ]);
    expect(tree.map((t) => t.key)).toEqual(['DB', 'X']);
    expect(tree[0]?.children[0]?.children.map((c) => c.key)).toEqual(['DBD-KL']);
  });

  it('filters without accents, folding Đ and the look-alike Ð to d', () => {
    const dbd = node('DBD', 'Ðảng bộ huyện Ðiện Biên Ðông', 'DB');
    expect(matchesFilter(dbd, 'dien bien dong')).toBe(true);
    expect(matchesFilter(dbd, 'dbd')).toBe(true);
    expect(matchesFilter(dbd, 'keo lom')).toBe(false);
    expect(matchesFilter(dbd, '  ')).toBe(true);
  });
});

describe('API URLs', () => {
  it('drops empty values and encodes the rest', () => {
    expect(apiUrl('/people', { q: 'giàng a', org: undefined, limit: 20, x: '' })).toBe(
      '/api/v1/people?q=gi%C3%A0ng+a&limit=20',
    );
    expect(apiUrl('/members')).toBe('/api/v1/members');
  });
});
