import { describe, expect, it } from 'vitest';
import type { SummaryReport } from '../../../shared/report-answers.ts';
import { summaryProse, summaryProseEn } from './reports.prose.ts';

const district: Omit<SummaryReport, 'text' | 'textEn'> = {
  organization: { code: 'DBD', name: 'Đảng bộ huyện Điện Biên Đông' },
  organizationKind: 'committee',
  from: '2017-01-01',
  to: '2017-12-31',
  membersAtStart: 2871,
  membersAtEnd: 3040,
  netChange: 169,
  admissions: 160,
  plannedAdmissions: 100,
  planPercent: 160,
  focusGroups: [],
  admissionsByTargetGroup: { ethnic_minority: 110 },
  admissionsByMonth: {},
  admissionsByOrganization: [],
  unitsWithoutMembers: { village: 0 },
  unitsWithoutCell: {},
  unitsCovered: { village: 120 },
  comparison: {} as SummaryReport['comparison'],
};

describe('summaryProse', () => {
  it('says the plan once, as the article does ("đạt 160% kế hoạch", no "vượt 60%")', () => {
    const text = summaryProse(district);
    expect(text).toContain(
      'Năm 2017, toàn Đảng bộ đã kết nạp 160 đảng viên mới, đạt 160% kế hoạch, nâng tổng số đảng viên lên 3.040 người.',
    );
    expect(text).not.toContain('vượt');
    expect(text).toContain('So với đầu kỳ (2.871 đảng viên), số đảng viên tăng 169 người.');
    expect(text).toContain('Đảng bộ không còn bản chưa có đảng viên.');
  });

  it('a school cell speaks of itself and says nothing of villages it does not have', () => {
    const text = summaryProse({
      ...district,
      organization: { code: 'DBD-THPT', name: 'Chi bộ Trường THPT Điện Biên Đông' },
      organizationKind: 'cell',
      unitsWithoutMembers: { village: 0 },
      unitsCovered: {},
      plannedAdmissions: null,
      planPercent: null,
    });
    expect(text).toMatch(/^Năm 2017, Chi bộ đã kết nạp 160 đảng viên mới, nâng tổng số/);
    expect(text).not.toContain('toàn Đảng bộ');
    expect(text).not.toContain('bản');
  });

  it('a commune with villages still lacking members counts them', () => {
    const text = summaryProse({ ...district, unitsWithoutMembers: { village: 3 } });
    expect(text).toContain('Còn 3 bản chưa có đảng viên.');
  });
});

describe('summaryProseEn', () => {
  it('says the same in English for the English screen', () => {
    expect(summaryProseEn(district)).toBe(
      'In 2017, the whole Party organization admitted 160 new members, 160% of the plan, bringing the membership to 3,040. Against the start of the period (2,871 members), membership rose by 169. Among the new members: ethnic minorities 110. Every village now has Party members.',
    );
  });
});
