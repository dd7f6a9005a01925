/**
 * Rating schemes as data. 366-QĐ/TW (Bộ Chính trị, 30/8/2025) sets a 100-point scale with
 * "hoàn thành xuất sắc" from 90, "tốt" from 70, "hoàn thành" from 50. The regulation names the
 * groups of criteria; the split of the 100 points between them below is OUR SIMPLIFIED OUTLINE
 * (the detailed framework is issued by each level's committee), so keep it editable: an
 * installation replaces these rows, it does not change code. Member development is its own
 * criterion (metric `admissions_vs_plan`) so that the system can propose its points (SPEC §5.6).
 */

/** A criterion as installed. */
export interface CriterionData {
  subject: 'organization' | 'member';
  code: string;
  name: string;
  maxPoints: number;
  metric?: string;
  sector?: string;
}

/** A scheme as installed. */
export interface SchemeData {
  code: string;
  name: string;
  maxPoints: number;
  excellentMin: number;
  goodMin: number;
  completedMin: number;
  validFrom: string;
  note: string;
  criteria: CriterionData[];
}

/** The metric of the member-development criterion the system proposes points for. */
export const DEVELOPMENT_METRIC = 'admissions_vs_plan';

/** 366-QĐ/TW in outline (see the file comment for what is simplified). */
export const QD_366_2025: SchemeData = {
  code: '366-QĐ/TW',
  name: 'Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị (thang điểm 100)',
  maxPoints: 100,
  excellentMin: 90,
  goodMin: 70,
  completedMin: 50,
  validFrom: '2025-08-30',
  note: 'Khung tiêu chí rút gọn; phân bổ điểm giữa các nhóm tiêu chí là giả định, cấp ủy có thể sửa',
  criteria: [
    {
      subject: 'organization',
      code: 'politics',
      name: 'Xây dựng Đảng về chính trị, tư tưởng, đạo đức, văn hóa',
      maxPoints: 20,
    },
    {
      subject: 'organization',
      code: 'tasks',
      name: 'Lãnh đạo thực hiện nhiệm vụ chính trị được giao',
      maxPoints: 30,
    },
    {
      subject: 'organization',
      code: 'organization',
      name: 'Xây dựng tổ chức đảng, quản lý cán bộ, đảng viên',
      maxPoints: 15,
    },
    {
      subject: 'organization',
      code: 'development',
      name: 'Công tác phát triển đảng viên (kết nạp so với kế hoạch)',
      maxPoints: 10,
      metric: DEVELOPMENT_METRIC,
    },
    {
      subject: 'organization',
      code: 'inspection',
      name: 'Công tác kiểm tra, giám sát, kỷ luật đảng',
      maxPoints: 15,
    },
    {
      subject: 'organization',
      code: 'remedies',
      name: 'Khắc phục hạn chế, khuyết điểm đã được chỉ ra',
      maxPoints: 10,
    },
    {
      subject: 'member',
      code: 'qualities',
      name: 'Phẩm chất chính trị, tư tưởng, đạo đức, lối sống, ý thức kỷ luật',
      maxPoints: 30,
    },
    {
      subject: 'member',
      code: 'results',
      name: 'Kết quả thực hiện chức trách, nhiệm vụ được giao',
      maxPoints: 50,
    },
    {
      subject: 'member',
      code: 'responsibility',
      name: 'Tinh thần trách nhiệm, đổi mới, sáng tạo, phục vụ nhân dân',
      maxPoints: 20,
    },
  ],
};
