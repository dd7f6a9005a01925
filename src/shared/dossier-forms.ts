/**
 * The forms of the admission and recognition dossier the server fills in (Mẫu 1-KNĐ … 17-KNĐ),
 * in the dossier's order, with the stage from which each can be drafted. The server's builders
 * (server/modules/documents/documents.forms.ts) and the dossier screen both read this list.
 * Titles are the forms' official Vietnamese names.
 */
export const DOSSIER_FORMS = [
  { kind: 'application', form: '1-KNĐ', title: 'Đơn xin vào Đảng', from: 'fostering' },
  { kind: 'biography', form: '2-KNĐ', title: 'Lý lịch của người xin vào Đảng', from: 'fostering' },
  { kind: 'introduction', form: '3-KNĐ', title: 'Giấy giới thiệu người vào Đảng', from: 'trained' },
  {
    kind: 'youth-union-introduction',
    form: '4-KNĐ',
    title: 'Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng',
    from: 'trained',
  },
  {
    kind: 'trade-union-introduction',
    form: '4A-KNĐ',
    title: 'Nghị quyết giới thiệu đoàn viên công đoàn ưu tú vào Đảng',
    from: 'trained',
  },
  {
    kind: 'comments-summary',
    form: '5-KNĐ',
    title: 'Tổng hợp ý kiến nhận xét đối với người xin vào Đảng',
    from: 'dossier',
  },
  {
    kind: 'mass-organization-comments',
    form: '5A-KNĐ',
    title: 'Nhận xét của tổ chức đoàn thể chính trị - xã hội',
    from: 'dossier',
  },
  {
    kind: 'residence-comments',
    form: '5B-KNĐ',
    title: 'Nhận xét của chi ủy nơi cư trú',
    from: 'dossier',
  },
  {
    kind: 'admission-resolution',
    form: '6-KNĐ',
    title: 'Nghị quyết đề nghị kết nạp đảng viên',
    from: 'dossier',
  },
  {
    kind: 'partial-appraisal',
    form: '7-KNĐ',
    title: 'Báo cáo thẩm định đề nghị kết nạp đảng viên',
    from: 'cell_voted',
  },
  {
    kind: 'grassroots-admission-resolution',
    form: '8-KNĐ',
    title: 'Nghị quyết của đảng ủy cơ sở đề nghị kết nạp đảng viên',
    from: 'cell_voted',
  },
  {
    kind: 'admission-decision',
    form: '9-KNĐ',
    title: 'Quyết định kết nạp đảng viên',
    from: 'cell_voted',
  },
  {
    kind: 'self-review',
    form: '10-KNĐ',
    title: 'Bản tự kiểm điểm của đảng viên dự bị',
    from: 'admitted',
  },
  {
    kind: 'helper-comments',
    form: '11-KNĐ',
    title: 'Bản nhận xét đảng viên dự bị',
    from: 'admitted',
  },
  {
    kind: 'probation-comments-summary',
    form: '12-KNĐ',
    title: 'Tổng hợp ý kiến nhận xét đối với đảng viên dự bị',
    from: 'admitted',
  },
  {
    kind: 'recognition-resolution',
    form: '13-KNĐ',
    title: 'Nghị quyết đề nghị công nhận đảng viên chính thức',
    from: 'admitted',
  },
  {
    kind: 'partial-recognition-appraisal',
    form: '14-KNĐ',
    title: 'Báo cáo thẩm định đề nghị công nhận đảng viên chính thức',
    from: 'probation_review',
  },
  {
    kind: 'grassroots-recognition-resolution',
    form: '15-KNĐ',
    title: 'Nghị quyết của đảng ủy cơ sở đề nghị công nhận đảng viên chính thức',
    from: 'probation_review',
  },
  {
    kind: 'recognition-decision',
    form: '16-KNĐ',
    title: 'Quyết định công nhận đảng viên chính thức',
    from: 'probation_review',
  },
  {
    kind: 'probation-removal',
    form: '17-KNĐ',
    title: 'Quyết định xóa tên đảng viên dự bị',
    from: 'probation_review',
  },
] as const;

/** A form of the dossier, by the name the URL uses (`/candidates/{id}/documents/{kind}.docx`). */
export type DossierFormKind = (typeof DOSSIER_FORMS)[number]['kind'];

/** The form numbers as the current guidance prints them ("6-KNĐ"). */
export type DossierFormNumber = (typeof DOSSIER_FORMS)[number]['form'];
