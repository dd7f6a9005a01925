/**
 * Place material for the demo installation "Điện Biên Đông 2016–2018" (SPEC §6).
 * Commune names are the district's real communes before 2025; the 2025 merger into six new
 * communes follows the province's plan in outline (which old communes went where is simplified).
 * Names come from ../names.ts, shared with the national generator.
 */

/** A commune (or the township) of the former district, with its number of villages. */
export interface DemoCommune {
  code: string;
  name: string;
  kind: 'commune' | 'township';
  villages: number;
  /** Code of the new commune committee it joins on 2025-07-01. */
  mergesInto: string;
}

/** The 14 communes and 1 township of Điện Biên Đông district before 2025. */
export const COMMUNES: readonly DemoCommune[] = [
  { code: 'TT', name: 'Điện Biên Đông', kind: 'township', villages: 8, mergesInto: 'X-DBD' },
  { code: 'KL', name: 'Keo Lôm', kind: 'commune', villages: 13, mergesInto: 'X-DBD' },
  { code: 'NS', name: 'Na Son', kind: 'commune', villages: 14, mergesInto: 'X-NS' },
  { code: 'PN', name: 'Phì Nhừ', kind: 'commune', villages: 13, mergesInto: 'X-NS' },
  { code: 'XD', name: 'Xa Dung', kind: 'commune', villages: 12, mergesInto: 'X-XD' },
  { code: 'PH', name: 'Pú Hồng', kind: 'commune', villages: 11, mergesInto: 'X-XD' },
  { code: 'PUN', name: 'Pú Nhi', kind: 'commune', villages: 14, mergesInto: 'X-PUN' },
  { code: 'NU', name: 'Noong U', kind: 'commune', villages: 10, mergesInto: 'X-PUN' },
  { code: 'ML', name: 'Mường Luân', kind: 'commune', villages: 12, mergesInto: 'X-ML' },
  { code: 'LG', name: 'Luân Giới', kind: 'commune', villages: 11, mergesInto: 'X-ML' },
  { code: 'CS', name: 'Chiềng Sơ', kind: 'commune', villages: 12, mergesInto: 'X-ML' },
  { code: 'TD', name: 'Tìa Dình', kind: 'commune', villages: 10, mergesInto: 'X-PG' },
  { code: 'PG', name: 'Phình Giàng', kind: 'commune', villages: 12, mergesInto: 'X-PG' },
  { code: 'HL', name: 'Háng Lìa', kind: 'commune', villages: 11, mergesInto: 'X-PG' },
  { code: 'SD', name: 'Sa Dung', kind: 'commune', villages: 11, mergesInto: 'X-XD' },
];

/** The new commune committees formed on 2025-07-01 directly under the province. */
export const NEW_COMMUNES: readonly { code: string; name: string }[] = [
  { code: 'X-DBD', name: 'Đảng bộ xã Điện Biên Đông' },
  { code: 'X-NS', name: 'Đảng bộ xã Na Son' },
  { code: 'X-XD', name: 'Đảng bộ xã Xa Dung' },
  { code: 'X-PUN', name: 'Đảng bộ xã Pu Nhi' },
  { code: 'X-ML', name: 'Đảng bộ xã Mường Luân' },
  { code: 'X-PG', name: 'Đảng bộ xã Phình Giàng' },
];

/** Village name stems ("bản …"); combined with the commune to stay unique. */
export const VILLAGE_NAMES: readonly string[] = [
  'Huổi Sông',
  'Pá Vạt',
  'Háng Tàu',
  'Co Mị',
  'Suối Lư',
  'Pu Cai',
  'Phì Cao',
  'Tào La',
  'Trống Giông',
  'Na Cô Sa',
  'Lao Chải',
  'Sái Lình',
  'Cang Tỷ',
  'Hua Sa',
  'Nậm Chim',
  'Ta Pô',
  'Pá Khoang',
  'Tìa Ghênh',
  'Háng Sua',
  'Chống Dú',
  'Pu Hao',
  'Xá Nhè',
  'Huổi Tao',
  'Nà Nếnh',
  'Sư Lư',
  'Pá Pao',
  'Lọng Cuông',
  'Kéo',
  'Na Sang',
  'Hồ Chim',
];

/** Ethnic groups of the district with their share among members (approximate). */
export const ETHNIC_GROUPS: readonly { name: string; weight: number }[] = [
  { name: 'Mông', weight: 46 },
  { name: 'Thái', weight: 20 },
  { name: 'Kinh', weight: 22 },
  { name: 'Khơ Mú', weight: 8 },
  { name: 'Lào', weight: 4 },
];

/** District-level organizations directly under the district committee (besides communes and schools). */
export const DISTRICT_BODIES: readonly {
  code: string;
  name: string;
  sector: string;
  unit: string;
  staff: number;
  share: number;
  mergesInto: string;
}[] = [
  {
    code: 'CQ-HU',
    name: 'Chi bộ Văn phòng Huyện ủy',
    sector: 'agencies',
    unit: 'Văn phòng Huyện ủy',
    staff: 30,
    share: 3,
    mergesInto: 'X-DBD',
  },
  {
    code: 'CQ-UB',
    name: 'Chi bộ Văn phòng HĐND - UBND huyện',
    sector: 'agencies',
    unit: 'Văn phòng HĐND - UBND huyện',
    staff: 45,
    share: 4,
    mergesInto: 'X-DBD',
  },
  {
    code: 'CQ-GD',
    name: 'Chi bộ Phòng Giáo dục và Đào tạo',
    sector: 'agencies',
    unit: 'Phòng Giáo dục và Đào tạo',
    staff: 20,
    share: 2,
    mergesInto: 'X-DBD',
  },
  {
    code: 'CQ-TTCT',
    name: 'Chi bộ Trung tâm Chính trị huyện',
    sector: 'agencies',
    unit: 'Trung tâm Chính trị huyện',
    staff: 10,
    share: 1,
    mergesInto: 'X-DBD',
  },
  {
    code: 'CA',
    name: 'Đảng bộ Công an huyện',
    sector: 'armed_forces',
    unit: 'Công an huyện',
    staff: 120,
    share: 9,
    mergesInto: 'X-DBD',
  },
  {
    code: 'QS',
    name: 'Đảng bộ Quân sự huyện',
    sector: 'armed_forces',
    unit: 'Ban Chỉ huy Quân sự huyện',
    staff: 60,
    share: 6,
    mergesInto: 'X-DBD',
  },
  {
    code: 'YT',
    name: 'Chi bộ Trung tâm Y tế huyện',
    sector: 'health',
    unit: 'Trung tâm Y tế huyện',
    staff: 140,
    share: 5,
    mergesInto: 'X-DBD',
  },
  {
    code: 'NH',
    name: 'Chi bộ Ngân hàng Nông nghiệp huyện',
    sector: 'enterprises',
    unit: 'Ngân hàng Nông nghiệp huyện',
    staff: 25,
    share: 2,
    mergesInto: 'X-DBD',
  },
];

/** School types with how many staff a school of that type has (base; varied per school). */
export const SCHOOL_TYPES: readonly { prefix: string; name: string; staff: number }[] = [
  { prefix: 'MN', name: 'Trường Mầm non', staff: 24 },
  { prefix: 'TH', name: 'Trường Tiểu học', staff: 34 },
  { prefix: 'THCS', name: 'Trường PTDTBT THCS', staff: 30 },
];
