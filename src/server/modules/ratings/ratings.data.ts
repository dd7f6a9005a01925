/**
 * Rating schemes as data, one per regulation version, dated (issue 16, finding 8). The migration
 * `2026-12-06T10-30-ratings-366` seeds these same rows (it may not import app code; a test keeps
 * the two equal). Each scheme says how it decides (`scale`) and which rule set decides its levels
 * (ratings.levels.ts: conditions per level and the cases forcing "không hoàn thành nhiệm vụ", with
 * citations). 366-QĐ/TW's framework is two weighted groups, general criteria 30 points and task
 * results 70 (confirmed); how each group's points are split between criteria is for each level's
 * committee to set (the 10 points of member development inside the results group is OUR
 * assumption, kept so the system can propose them, SPEC §5.6), so an installation edits rows.
 */
import type { RatingScale } from '../../../shared/ratings.ts';

/** A criterion as installed. */
export interface CriterionData {
  code: string;
  name: string;
  maxPoints: number;
  metric?: string;
}

/** A weighted group of criteria as installed. */
export interface GroupData {
  subject: 'organization' | 'member';
  code: string;
  name: string;
  maxPoints: number;
  citation: string;
  criteria: CriterionData[];
}

/** A scheme as installed. */
export interface SchemeData {
  code: string;
  name: string;
  scale: RatingScale;
  regulation: string;
  guidance: string | null;
  maxPoints: number;
  excellentMin: number;
  goodMin: number;
  completedMin: number;
  validFrom: string;
  validTo: string;
  note: string;
  groups: GroupData[];
}

/** The metric of the member-development criterion the system proposes points for. */
export const DEVELOPMENT_METRIC = 'admissions_vs_plan';

const OPEN = '9999-12-31';

/** 132-QĐ/TW (8/3/2018) with 16-HD/BTCTW then 21-HD/BTCTW: levels by criteria, no central points. */
export const QD_132_2018: SchemeData = {
  code: '132-QĐ/TW',
  name: 'Quy định 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị (xếp loại theo tiêu chí, không chấm điểm)',
  scale: 'grades',
  regulation: '132-QĐ/TW',
  guidance: '21-HD/BTCTW',
  maxPoints: 0,
  excellentMin: 0,
  goodMin: 0,
  completedMin: 0,
  validFrom: '2018-03-08',
  validTo: '2023-10-04',
  note: 'Hướng dẫn 16-HD/BTCTW (24/9/2018), thay bằng 21-HD/BTCTW (18/10/2019). Mức do hội nghị đề xuất; hệ thống kiểm tra các điều kiện và trường hợp không hoàn thành nhiệm vụ.',
  groups: [],
};

/** 124-QĐ/TW (4/10/2023): the 2023 and 2024 ratings; levels by criteria, no central points. */
export const QD_124_2023: SchemeData = {
  code: '124-QĐ/TW',
  name: 'Quy định 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị (xếp loại theo tiêu chí, không chấm điểm)',
  scale: 'grades',
  regulation: '124-QĐ/TW',
  guidance: '25-HD/BTCTW',
  maxPoints: 0,
  excellentMin: 0,
  goodMin: 0,
  completedMin: 0,
  validFrom: '2023-10-04',
  validTo: '2025-08-30',
  note: 'Áp dụng cho xếp loại năm 2023 và 2024. Mức do hội nghị đề xuất; hệ thống kiểm tra các trường hợp không hoàn thành nhiệm vụ.',
  groups: [],
};

/** 366-QĐ/TW (30/8/2025): 100 points, general criteria 30 and task results 70. */
export const QD_366_2025: SchemeData = {
  code: '366-QĐ/TW',
  name: 'Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị (thang điểm 100)',
  scale: 'points',
  regulation: '366-QĐ/TW',
  guidance: '43-HD/BTCTW',
  maxPoints: 100,
  excellentMin: 90,
  goodMin: 70,
  completedMin: 50,
  validFrom: '2025-08-30',
  validTo: OPEN,
  note: 'Khung tiêu chí: nhóm tiêu chí chung 30 điểm, nhóm kết quả thực hiện nhiệm vụ 70 điểm. Phân bổ trong nhóm (phát triển đảng viên 10 điểm) do cấp ủy cụ thể hóa.',
  groups: [
    {
      subject: 'organization',
      code: 'general',
      name: 'Nhóm tiêu chí chung',
      maxPoints: 30,
      citation: '366-QĐ/TW, Điều 10 và Phụ lục 1',
      criteria: [
        {
          code: 'general',
          name: 'Chính trị tư tưởng, đoàn kết, tự phê bình và phê bình, khắc phục hạn chế',
          maxPoints: 30,
        },
      ],
    },
    {
      subject: 'organization',
      code: 'results',
      name: 'Nhóm tiêu chí kết quả thực hiện nhiệm vụ',
      maxPoints: 70,
      citation: '366-QĐ/TW, Điều 10 và Phụ lục 1',
      criteria: [
        {
          code: 'tasks',
          name: 'Kết quả thực hiện các chỉ tiêu, nhiệm vụ được giao',
          maxPoints: 60,
        },
        {
          code: 'development',
          name: 'Công tác phát triển đảng viên (kết nạp so với kế hoạch)',
          maxPoints: 10,
          metric: DEVELOPMENT_METRIC,
        },
      ],
    },
    {
      subject: 'member',
      code: 'general',
      name: 'Nhóm tiêu chí chung',
      maxPoints: 30,
      citation: '366-QĐ/TW, Điều 10 và Phụ lục 4',
      criteria: [
        {
          code: 'general',
          name: 'Chính trị, phẩm chất đạo đức, lối sống, ý thức tổ chức kỷ luật, trách nhiệm nêu gương',
          maxPoints: 30,
        },
      ],
    },
    {
      subject: 'member',
      code: 'results',
      name: 'Nhóm tiêu chí kết quả thực hiện nhiệm vụ',
      maxPoints: 70,
      citation: '366-QĐ/TW, Điều 10 và Phụ lục 4',
      criteria: [
        {
          code: 'results',
          name: 'Kết quả thực hiện chức trách, nhiệm vụ được giao',
          maxPoints: 70,
        },
      ],
    },
  ],
};

/** Every shipped version, oldest first. */
export const SCHEMES: SchemeData[] = [QD_132_2018, QD_124_2023, QD_366_2025];
