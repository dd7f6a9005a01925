/**
 * Contracts of the admission pipeline shared by the server and the web: stages with their
 * Vietnamese labels, dossier documents, alert kinds, and the Zod schemas of the candidate, course,
 * alert and holiday requests (SPEC §3, §9). The OpenAPI document is built from these schemas.
 */
import { z } from 'zod';
import { code, isoDate } from './contracts.ts';

/** The stages of a candidate, in order (SPEC §3). */
export const PIPELINE_STAGES = [
  'source',
  'fostering',
  'trained',
  'dossier',
  'cell_voted',
  'committee_reviewed',
  'decided',
  'admitted',
  'probation_review',
  'official',
] as const;

/** The ways out of the pipeline. */
export const PIPELINE_OFF_RAMPS = ['withdrawn', 'rejected', 'not_recognized'] as const;

/** Stages of a candidate in order, then the off-ramps. */
export const PIPELINE_STATES = [...PIPELINE_STAGES, ...PIPELINE_OFF_RAMPS] as const;

/** A stage or an off-ramp. */
export type PipelineStateName = (typeof PIPELINE_STATES)[number];

/** Vietnamese names of the stages and off-ramps. */
export const PIPELINE_STATE_LABELS: Record<PipelineStateName, string> = {
  source: 'Nguồn (quần chúng ưu tú)',
  fostering: 'Đang bồi dưỡng',
  trained: 'Đã học lớp nhận thức về Đảng',
  dossier: 'Hoàn thiện hồ sơ',
  cell_voted: 'Chi bộ đã xét',
  committee_reviewed: 'Đảng ủy cơ sở đã xét',
  decided: 'Có quyết định kết nạp',
  admitted: 'Đã kết nạp (dự bị)',
  probation_review: 'Chi bộ xét công nhận chính thức',
  official: 'Đảng viên chính thức',
  withdrawn: 'Rút khỏi danh sách',
  rejected: 'Không được kết nạp',
  not_recognized: 'Không được công nhận chính thức',
};

/** The dossier's documents (Hướng dẫn 12-HD/BTCTW forms), each received on a date. */
export const DOCUMENT_KINDS = [
  'application',
  'biography',
  'background_verification',
  'member_introduction',
  'youth_union_introduction',
  'mass_organization_comments',
  'residence_cell_comments',
  'trade_union_introduction',
] as const;

/** One kind of dossier document. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Vietnamese names of the dossier documents. */
export const DOCUMENT_LABELS: Record<DocumentKind, string> = {
  application: 'Đơn xin vào Đảng',
  biography: 'Lý lịch người xin vào Đảng',
  background_verification: 'Thẩm tra lý lịch (bản thân và người thân)',
  member_introduction: 'Giấy giới thiệu của đảng viên chính thức',
  youth_union_introduction: 'Nghị quyết giới thiệu của Đoàn',
  mass_organization_comments: 'Nhận xét của đoàn thể chính trị - xã hội',
  residence_cell_comments: 'Nhận xét của chi ủy nơi cư trú',
  trade_union_introduction: 'Nghị quyết giới thiệu đoàn viên công đoàn vào Đảng (4A-KNĐ)',
};

/** Kinds of pipeline alert (SPEC §9). */
export const ALERT_KINDS = [
  'decision_overdue',
  'ceremony_overdue',
  'probation_ending',
  'recognition_overdue',
  'certificate_expiring',
  'stage_idle',
  'request_overdue',
] as const;

/** One kind of alert. */
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Vietnamese names of the alert kinds. */
export const ALERT_LABELS: Record<AlertKind, string> = {
  decision_overdue: 'Quá hạn ra quyết định kết nạp',
  ceremony_overdue: 'Quá hạn tổ chức lễ kết nạp',
  probation_ending: 'Sắp hết thời gian dự bị',
  recognition_overdue: 'Quá hạn xét công nhận đảng viên chính thức',
  certificate_expiring: 'Giấy chứng nhận lớp nhận thức về Đảng sắp hết hạn',
  stage_idle: 'Hồ sơ dừng lâu ở một bước',
  request_overdue: 'Quá hạn trả lời văn bản đề nghị (thẩm tra lý lịch, nhận xét, giới thiệu)',
};

/** Kinds of area a unit lies in (dated facts of the unit): the lower education minimum applies there. */
export const AREA_KINDS = ['mountain', 'border', 'island', 'ethnic_minority', 'hardship'] as const;

/** Vietnamese names of the area kinds. */
export const AREA_KIND_LABELS: Record<(typeof AREA_KINDS)[number], string> = {
  mountain: 'Miền núi',
  border: 'Biên giới',
  island: 'Hải đảo',
  ethnic_minority: 'Vùng đồng bào dân tộc thiểu số',
  hardship: 'Vùng kinh tế - xã hội đặc biệt khó khăn',
};

/** Groups the education guidance treats apart: fishers working at sea, village elders and chiefs. */
export const EDUCATION_CASES = ['fisher', 'village_elder'] as const;

/** Why a former member left the Party, as re-admission needs it. */
export const EXIT_GROUNDS = [
  'left_party_life',
  'resigned',
  'resigned_family_hardship',
  'serious_disunity',
  'corruption_conviction',
  'serious_crime_conviction',
  'lesser_crime_conviction',
  'population_policy',
  'other',
] as const;

/** Grounds on which a person over 60 may be admitted. */
export const OVER60_GROUNDS = [
  'no_party_organization',
  'no_party_members',
  'special_requirement',
] as const;

const positiveId = z.number().int().positive();
const shortText = z.string().trim().min(1, 'Không được để trống').max(100, 'Dài quá 100 ký tự');

/** Starting a candidacy at stage `source` (SPEC §9 POST /candidates). */
export const createCandidateInput = z.object({
  personId: positiveId,
  organizationCode: code,
  identifiedOn: isoDate,
  /** Membership ids (as `GET /members` lists them) of the members assigned to help. */
  helperMemberIds: z.array(positiveId).max(5, 'Tối đa 5 người giúp đỡ').default([]),
});
/** Body of POST /candidates. */
export type CreateCandidateInput = z.input<typeof createCandidateInput>;

/** A vote: the cell's (officialMembers, present, inFavour) or the committee's (members, inFavour). */
export const voteInput = z.object({
  officialMembers: z.number().int().min(0).optional(),
  present: z.number().int().min(0).optional(),
  members: z.number().int().min(0).optional(),
  inFavour: z.number().int().min(0),
  resolutionNo: z.string().trim().max(50).optional(),
});

/** A numbered decision and its date. */
export const decisionInput = z.object({ number: shortText, on: isoDate });

/** One transition of a candidate (SPEC §9 POST /candidates/{id}/transitions). */
export const transitionInput = z.object({
  to: z.enum(PIPELINE_STATES, { message: 'Bước không hợp lệ' }),
  on: isoDate,
  reason: z.string().trim().max(1000).optional(),
  /** The version read with the candidate; a different current version answers 409. */
  version: z.number().int().positive().optional(),
  /** 'failed' records a vote below the threshold without moving the stage. */
  outcome: z.enum(['done', 'failed']).default('done'),
  certificate: z.object({ number: shortText, issuedOn: isoDate, issuer: shortText }).optional(),
  /** Membership ids of the official members introducing the person. */
  introducerMemberIds: z.array(positiveId).max(5).optional(),
  youthUnionIntroduction: z.object({ resolutionNo: shortText, on: isoDate }).optional(),
  backgroundCheckedOn: isoDate.optional(),
  documents: z
    .array(
      z.object({
        kind: z.enum(DOCUMENT_KINDS),
        receivedOn: isoDate,
        note: z.string().trim().max(500).optional(),
      }),
    )
    .max(20)
    .optional(),
  vote: voteInput.optional(),
  decision: decisionInput.optional(),
  /** Date of the provincial standing board's written approval to admit a person over 60. */
  over60ApprovalOn: isoDate.optional(),
  /** Over 60: the ground and the cell's attestation of health and prestige. */
  over60: z
    .object({
      ground: z.enum(OVER60_GROUNDS, { message: 'Lý do kết nạp người trên 60 tuổi không hợp lệ' }),
      healthAndPrestige: z.boolean(),
    })
    .optional(),
  /** The grassroots trade union executive's resolution introducing the person (4A-KNĐ). */
  tradeUnionIntroduction: z.object({ resolutionNo: shortText, on: isoDate }).optional(),
  /** A former member: when and why they left, a cleared record, the provincial consent. */
  readmission: z
    .object({
      /** When the former membership ended, where the system has no record of it. */
      formerEndedOn: isoDate.optional(),
      exitGround: z.enum(EXIT_GROUNDS, { message: 'Lý do ra khỏi Đảng không hợp lệ' }).optional(),
      criminalRecordClearedOn: isoDate.optional(),
      provincialConsentOn: isoDate.optional(),
    })
    .optional(),
  /** A group the education guidance treats apart (a fisher at sea, a village elder). */
  educationCase: z.enum(EDUCATION_CASES, { message: 'Trường hợp học vấn không hợp lệ' }).optional(),
  /** Date of the approval to admit a village elder below the lower education minimum. */
  educationApprovalOn: isoDate.optional(),
  /** Why a decision comes within the extension after its limit (special case). */
  extensionReason: z.string().trim().min(1).max(500).optional(),
});
/** Body of POST /candidates/{id}/transitions. */
export type TransitionInput = z.input<typeof transitionInput>;

/** Query of GET /candidates (list and board). */
export const candidateListQuery = z.object({
  org: code.optional(),
  stage: z.enum(PIPELINE_STATES).optional(),
  /** Include closed candidacies (official, withdrawn, rejected…). */
  all: z.enum(['true', 'false']).optional(),
  /** Only dossiers whose due date has passed (the board's "quá hạn" filter). */
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** Query of GET /alerts and `dangvien alerts`. */
export const alertsQuery = z.object({
  org: code.optional(),
  asOf: isoDate.optional(),
  kind: z.enum(ALERT_KINDS).optional(),
});

/** Query of GET /alerts: one page of them (a whole country has tens of thousands). */
export const alertsPageQuery = alertsQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** Creating a Party-awareness course. */
export const createCourseInput = z.object({
  organizationCode: code,
  name: z.string().trim().min(1).max(200),
  organizer: z.string().trim().min(1).max(200),
  startsOn: isoDate,
  endsOn: isoDate,
});
/** Body of POST /courses. */
export type CreateCourseInput = z.input<typeof createCourseInput>;

/** Adding participants (people) to a course. */
export const courseParticipantsInput = z.object({
  personIds: z.array(positiveId).min(1).max(500),
});

/** Recording results of a course. */
export const courseResultsInput = z.object({
  results: z
    .array(
      z.object({
        personId: positiveId,
        result: z.enum(['passed', 'failed']),
        score: z.number().min(0).max(10).optional(),
      }),
    )
    .min(1)
    .max(500),
});

/** Issuing the certificates of a course; numbers are `<prefix><n>` unless given per person. */
export const issueCertificatesInput = z.object({
  issuedOn: isoDate,
  numberPrefix: z.string().trim().min(1).max(40).default('GCN-'),
  version: z.number().int().positive().optional(),
});

/** Adding (or replacing) one day of the holiday calendar. */
export const holidayInput = z.object({
  date: isoDate,
  name: z.string().trim().min(1).max(200),
  nameVi: z.string().trim().min(1).max(200),
  kind: z.enum([
    'fixed',
    'lunar_new_year',
    'hung_kings',
    'compensatory',
    'bridge',
    'makeup_workday',
    'other',
  ]),
  /** True for a make-up working Saturday or Sunday. */
  working: z.boolean().default(false),
});
/** Body of POST /holidays. */
export type HolidayInput = z.input<typeof holidayInput>;

/** Dating a kind of area on a unit (POST /units/{code}/area-kinds). */
export const unitAreaKindInput = z.object({
  kind: z.enum(AREA_KINDS, { message: 'Loại vùng không hợp lệ' }),
  from: isoDate,
  reason: z.string().trim().max(500).optional(),
});
/** Body of POST /units/{code}/area-kinds. */
export type UnitAreaKindInput = z.input<typeof unitAreaKindInput>;

/** Ending a kind of area of a unit from a day (POST /units/{code}/area-kinds/end). */
export const endUnitAreaKindInput = z.object({
  kind: z.enum(AREA_KINDS, { message: 'Loại vùng không hợp lệ' }),
  on: isoDate,
  reason: z.string().trim().min(1, 'Cần ghi lý do').max(500),
});

/** The dated kinds of area of a unit (answer of the area-kind routes). */
export const unitAreaKindsAnswer = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  items: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(AREA_KINDS),
      label: z.string(),
      validFrom: isoDate,
      /** Null while open. */
      validTo: isoDate.nullable(),
    }),
  ),
});
/** The dated kinds of area of a unit. */
export type UnitAreaKinds = z.infer<typeof unitAreaKindsAnswer>;
