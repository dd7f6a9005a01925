/** Shared vocabularies of SPEC §2, with their Vietnamese labels. */

/** Kinds of organization. */
export const ORGANIZATION_KINDS = ['committee', 'cell'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Levels: top committee, upper committee (e.g. a former district), grassroots committee, partial committee, grassroots cell, cell under a committee. */
export const ORGANIZATION_LEVELS = [
  'top',
  'upper',
  'grassroots',
  'partial',
  'grassroots_cell',
  'cell',
] as const;
export type OrganizationLevel = (typeof ORGANIZATION_LEVELS)[number];

/** Whether a stored level (text in the database and the answers) is one of the levels. */
export function isOrganizationLevel(value: string): value is OrganizationLevel {
  return (ORGANIZATION_LEVELS as readonly string[]).includes(value);
}

/**
 * Vietnamese names of the levels, as import templates write them (the web app's tree shows its
 * own longer labels from i18n). A level decides the kind: committees have sub-organizations.
 */
export const ORGANIZATION_LEVEL_LABELS: Record<OrganizationLevel, string> = {
  top: 'Đảng bộ cấp cao nhất',
  upper: 'Đảng bộ cấp trên cơ sở',
  grassroots: 'Đảng bộ cơ sở',
  partial: 'Đảng bộ bộ phận',
  grassroots_cell: 'Chi bộ cơ sở',
  cell: 'Chi bộ trực thuộc',
};

/** The kind each level is: a committee (đảng bộ) or a cell (chi bộ). */
export const ORGANIZATION_LEVEL_KINDS: Record<OrganizationLevel, OrganizationKind> = {
  top: 'committee',
  upper: 'committee',
  grassroots: 'committee',
  partial: 'committee',
  grassroots_cell: 'cell',
  cell: 'cell',
};

/** Sectors used by reports. */
export const SECTORS = [
  'commune',
  'education',
  'health',
  'armed_forces',
  'agencies',
  'enterprises',
] as const;
export type Sector = (typeof SECTORS)[number];

/** Whether a stored sector (text in the database and the answers) is one of the sectors. */
export function isSector(value: string | null): value is Sector {
  return value !== null && (SECTORS as readonly string[]).includes(value);
}

/** Vietnamese names of the sectors. */
export const SECTOR_LABELS: Record<Sector, string> = {
  commune: 'Xã, thị trấn',
  education: 'Giáo dục',
  health: 'Y tế',
  armed_forces: 'Lực lượng vũ trang',
  agencies: 'Cơ quan',
  enterprises: 'Doanh nghiệp',
};

/** Kinds of unit (places and bodies). */
export const UNIT_KINDS = [
  'village',
  'commune',
  'township',
  'school',
  'agency',
  'enterprise',
  'armed_forces',
  'health',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Vietnamese names of unit kinds. */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  village: 'Bản',
  commune: 'Xã',
  township: 'Thị trấn',
  school: 'Trường',
  agency: 'Cơ quan',
  enterprise: 'Doanh nghiệp',
  armed_forces: 'Đơn vị vũ trang',
  health: 'Cơ sở y tế',
};

/** Target groups (đối tượng) used by plans and reports. */
export const TARGET_GROUPS = [
  'youth_union',
  'ethnic_minority',
  'woman',
  'armed_forces',
  'militia',
  'reserve_force',
  'village_head',
  'teacher',
  'religious',
  'worker',
  'business_owner',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Vietnamese names of target groups. */
export const TARGET_GROUP_LABELS: Record<TargetGroup, string> = {
  youth_union: 'Đoàn viên thanh niên',
  ethnic_minority: 'Dân tộc thiểu số',
  woman: 'Nữ',
  armed_forces: 'Lực lượng vũ trang',
  militia: 'Dân quân tự vệ',
  reserve_force: 'Dự bị động viên',
  village_head: 'Trưởng bản',
  teacher: 'Giáo viên',
  religious: 'Người có đạo',
  worker: 'Công nhân',
  business_owner: 'Chủ doanh nghiệp tư nhân',
};

/** English names of target groups (server prose in English; the web app has its own in i18n). */
export const TARGET_GROUP_LABELS_EN: Record<TargetGroup, string> = {
  youth_union: 'youth union members',
  ethnic_minority: 'ethnic minorities',
  woman: 'women',
  armed_forces: 'armed forces',
  militia: 'militia',
  reserve_force: 'reserve force',
  village_head: 'village heads',
  teacher: 'teachers',
  religious: 'religious followers',
  worker: 'workers',
  business_owner: 'private business owners',
};

/** General education levels, lowest first. */
export const EDUCATION_LEVELS = ['none', 'primary', 'lower_secondary', 'upper_secondary'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** Vietnamese names of education levels. */
export const EDUCATION_LABELS: Record<EducationLevel, string> = {
  none: 'Chưa tốt nghiệp tiểu học',
  primary: 'Tiểu học',
  lower_secondary: 'Trung học cơ sở',
  upper_secondary: 'Trung học phổ thông',
};

/** Membership statuses. */
export const MEMBER_STATUSES = ['probationary', 'official'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Ways a membership ends. */
export const MEMBERSHIP_END_REASONS = [
  'transferred_out',
  'died',
  'removed',
  'expelled',
  'left',
] as const;
export type MembershipEndReason = (typeof MEMBERSHIP_END_REASONS)[number];

/** Gender as recorded. */
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** Age bands of the statistics report (upper bound inclusive). */
export const AGE_BANDS = [
  { key: '18-30', min: 18, max: 30 },
  { key: '31-40', min: 31, max: 40 },
  { key: '41-50', min: 41, max: 50 },
  { key: '51-60', min: 51, max: 60 },
  { key: '61+', min: 61, max: 200 },
] as const;

/** Rating levels, best first (hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ). */
export const RATING_LEVELS = ['excellent', 'good', 'completed', 'not_completed'] as const;

/** One rating level. */
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** Vietnamese names of the levels. */
export const RATING_LEVEL_LABELS: Record<RatingLevel, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  completed: 'Hoàn thành nhiệm vụ',
  not_completed: 'Không hoàn thành nhiệm vụ',
};
