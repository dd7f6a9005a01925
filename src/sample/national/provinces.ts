/**
 * Place material for the synthetic national installation (`dangvien generate`). The 34
 * provinces and centrally-run cities are the ones in force after the 2025 merger (Nghị quyết
 * 202/2025/QH15, from 12 June 2025); the commune counts are approximately those of the 2025
 * commune merger (3,321 communes and wards in all) and only weight how communes and members are
 * spread. Ethnic shares are rough regional figures, good enough to give the statistics a shape.
 */

/** A province after the 2025 merger: code, name, approximate communes, and its member mix. */
export interface GeneratedProvince {
  code: string;
  name: string;
  /** 'thành phố' for the six centrally-run cities. */
  city: boolean;
  /** Communes and wards after the 2025 merger (approximate). */
  communes: number;
  /** Members per commune relative to the national mean (big cities hold more agencies). */
  memberWeight: number;
  /** Ethnic groups besides Kinh and their share of members. */
  minorities: readonly { name: string; share: number }[];
}

const NORTH_WEST = [
  { name: 'Thái', share: 0.3 },
  { name: 'Mông', share: 0.2 },
  { name: 'Khơ Mú', share: 0.05 },
];
const NORTH_EAST = [
  { name: 'Tày', share: 0.3 },
  { name: 'Nùng', share: 0.2 },
  { name: 'Mông', share: 0.05 },
];
const HIGHLANDS = [
  { name: 'Ê Đê', share: 0.08 },
  { name: 'Gia Rai', share: 0.08 },
];
const MEKONG = [{ name: 'Khmer', share: 0.08 }];
const LOWLAND = [{ name: 'Mường', share: 0.02 }];

/** The 34 provinces and cities in force since 12 June 2025. */
export const PROVINCES: readonly GeneratedProvince[] = [
  { code: 'HN', name: 'Hà Nội', city: true, communes: 126, memberWeight: 2.6, minorities: LOWLAND },
  { code: 'HUE', name: 'Huế', city: true, communes: 40, memberWeight: 1.2, minorities: LOWLAND },
  { code: 'HP', name: 'Hải Phòng', city: true, communes: 114, memberWeight: 1.2, minorities: [] },
  {
    code: 'DNG',
    name: 'Đà Nẵng',
    city: true,
    communes: 94,
    memberWeight: 1.1,
    minorities: LOWLAND,
  },
  {
    code: 'HCM',
    name: 'Hồ Chí Minh',
    city: true,
    communes: 168,
    memberWeight: 1.8,
    minorities: MEKONG,
  },
  { code: 'CT', name: 'Cần Thơ', city: true, communes: 103, memberWeight: 0.9, minorities: MEKONG },
  {
    code: 'LCU',
    name: 'Lai Châu',
    city: false,
    communes: 38,
    memberWeight: 0.8,
    minorities: NORTH_WEST,
  },
  {
    code: 'DB',
    name: 'Điện Biên',
    city: false,
    communes: 45,
    memberWeight: 0.9,
    minorities: NORTH_WEST,
  },
  {
    code: 'SL',
    name: 'Sơn La',
    city: false,
    communes: 75,
    memberWeight: 0.9,
    minorities: NORTH_WEST,
  },
  {
    code: 'LS',
    name: 'Lạng Sơn',
    city: false,
    communes: 65,
    memberWeight: 0.9,
    minorities: NORTH_EAST,
  },
  {
    code: 'QNI',
    name: 'Quảng Ninh',
    city: false,
    communes: 54,
    memberWeight: 1.4,
    minorities: NORTH_EAST,
  },
  {
    code: 'TH',
    name: 'Thanh Hóa',
    city: false,
    communes: 166,
    memberWeight: 1.0,
    minorities: LOWLAND,
  },
  {
    code: 'NA',
    name: 'Nghệ An',
    city: false,
    communes: 130,
    memberWeight: 1.0,
    minorities: LOWLAND,
  },
  { code: 'HT', name: 'Hà Tĩnh', city: false, communes: 69, memberWeight: 1.0, minorities: [] },
  {
    code: 'CB',
    name: 'Cao Bằng',
    city: false,
    communes: 56,
    memberWeight: 0.8,
    minorities: NORTH_EAST,
  },
  {
    code: 'TQ',
    name: 'Tuyên Quang',
    city: false,
    communes: 124,
    memberWeight: 0.8,
    minorities: NORTH_EAST,
  },
  {
    code: 'LCI',
    name: 'Lào Cai',
    city: false,
    communes: 99,
    memberWeight: 0.8,
    minorities: NORTH_WEST,
  },
  {
    code: 'TN',
    name: 'Thái Nguyên',
    city: false,
    communes: 92,
    memberWeight: 1.0,
    minorities: NORTH_EAST,
  },
  {
    code: 'PT',
    name: 'Phú Thọ',
    city: false,
    communes: 148,
    memberWeight: 0.9,
    minorities: LOWLAND,
  },
  { code: 'BN', name: 'Bắc Ninh', city: false, communes: 99, memberWeight: 1.0, minorities: [] },
  { code: 'HY', name: 'Hưng Yên', city: false, communes: 104, memberWeight: 0.9, minorities: [] },
  {
    code: 'NB',
    name: 'Ninh Bình',
    city: false,
    communes: 129,
    memberWeight: 0.9,
    minorities: LOWLAND,
  },
  { code: 'QT', name: 'Quảng Trị', city: false, communes: 78, memberWeight: 0.9, minorities: [] },
  {
    code: 'QNG',
    name: 'Quảng Ngãi',
    city: false,
    communes: 96,
    memberWeight: 0.8,
    minorities: HIGHLANDS,
  },
  {
    code: 'GL',
    name: 'Gia Lai',
    city: false,
    communes: 135,
    memberWeight: 0.8,
    minorities: HIGHLANDS,
  },
  {
    code: 'KH',
    name: 'Khánh Hòa',
    city: false,
    communes: 65,
    memberWeight: 1.0,
    minorities: HIGHLANDS,
  },
  {
    code: 'LD',
    name: 'Lâm Đồng',
    city: false,
    communes: 124,
    memberWeight: 0.8,
    minorities: HIGHLANDS,
  },
  {
    code: 'DLK',
    name: 'Đắk Lắk',
    city: false,
    communes: 102,
    memberWeight: 0.8,
    minorities: HIGHLANDS,
  },
  { code: 'DNI', name: 'Đồng Nai', city: false, communes: 95, memberWeight: 1.0, minorities: [] },
  {
    code: 'TNI',
    name: 'Tây Ninh',
    city: false,
    communes: 96,
    memberWeight: 0.8,
    minorities: MEKONG,
  },
  {
    code: 'VL',
    name: 'Vĩnh Long',
    city: false,
    communes: 124,
    memberWeight: 0.8,
    minorities: MEKONG,
  },
  { code: 'DT', name: 'Đồng Tháp', city: false, communes: 102, memberWeight: 0.8, minorities: [] },
  { code: 'CM', name: 'Cà Mau', city: false, communes: 64, memberWeight: 0.8, minorities: MEKONG },
  {
    code: 'AG',
    name: 'An Giang',
    city: false,
    communes: 102,
    memberWeight: 0.8,
    minorities: MEKONG,
  },
];

/** Syllables commune and village names are made of ("xã Tân Phú", "thôn Đông Hòa"). */
export const PLACE_SYLLABLES: readonly string[] = [
  'An',
  'Bình',
  'Phú',
  'Tân',
  'Hòa',
  'Thạnh',
  'Long',
  'Phước',
  'Hưng',
  'Thuận',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Quang',
  'Minh',
  'Đức',
  'Thịnh',
  'Xuân',
  'Hải',
  'Sơn',
  'Lộc',
  'Vĩnh',
  'Yên',
  'Mỹ',
  'Thái',
  'Lương',
  'Nghĩa',
  'Hiệp',
  'Tiến',
  'Thắng',
  'Hồng',
  'Kim',
  'Thượng',
  'Hạ',
  'Cẩm',
  'Lạc',
  'Phong',
  'Định',
  'Thành',
  'Quý',
  'Trường',
  'Hà',
  'Lâm',
  'Cát',
  'Điền',
  'Khánh',
];
