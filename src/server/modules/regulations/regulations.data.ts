/**
 * The Party texts known at release time, shipped with the code (like the holiday calendar): the
 * register an installation starts with. An administrator adds later texts without a release
 * (`POST /api/v1/regulations`, `dangvien regulation add`); those rows are merged with these by
 * regulations.service.ts, a stored row winning over a shipped one of the same number and date.
 *
 * A number is not unique (01-HD/TW: 2012, 2016, 2021; 12-HD/BTCTW: 2012, 2022): a text is keyed
 * by its number and its date of signing. `confirmed` says whether the dates were read from the
 * text or a reliable public copy of it; `note` says what was and was not confirmed. No date here
 * is guessed: where the day a text took effect was not found, it is its date of signing (the
 * usual "có hiệu lực từ ngày ký") and the note says that this is unconfirmed.
 */
import type { RegulationGoverns } from '../../../shared/regulations.ts';

/** One shipped text. `replacedBy` names the text (number + signing date) that replaced it. */
export interface ShippedRegulation {
  readonly number: string;
  readonly title: string;
  readonly issuer: string;
  readonly signedOn: string;
  readonly effectiveFrom: string;
  readonly governs: RegulationGoverns;
  readonly replacedBy: { readonly number: string; readonly signedOn: string } | null;
  readonly source: string | null;
  readonly confirmed: boolean;
  readonly note: string;
}

const BCHTW = 'Ban Chấp hành Trung ương';
const BCT = 'Bộ Chính trị';
const BTCTW = 'Ban Tổ chức Trung ương';

/** Every shipped text, oldest first within each role. */
export const SHIPPED_REGULATIONS: readonly ShippedRegulation[] = [
  {
    number: 'Điều lệ Đảng',
    title: 'Điều lệ Đảng Cộng sản Việt Nam (Đại hội XI thông qua)',
    issuer: 'Đại hội đại biểu toàn quốc lần thứ XI',
    signedOn: '2011-01-19',
    effectiveFrom: '2011-01-19',
    governs: 'charter',
    replacedBy: null,
    source: null,
    confirmed: false,
    note: 'Điều 1 khoản 2, Điều 4, Điều 5 đã đối chiếu nội dung; ngày thông qua 19/01/2011 (bế mạc Đại hội XI) chưa đối chiếu bản gốc.',
  },
  // Quy định thi hành Điều lệ
  {
    number: '45-QĐ/TW',
    title: 'Quy định thi hành Điều lệ Đảng',
    issuer: BCHTW,
    signedOn: '2011-11-01',
    effectiveFrom: '2011-11-01',
    governs: 'charter_rules',
    replacedBy: { number: '29-QĐ/TW', signedOn: '2016-07-25' },
    source: null,
    confirmed: false,
    note: 'Ngày ký 01/11/2011 theo một trả lời hỏi đáp của lamdong.gov.vn trích dẫn văn bản; hiệu lực từ ngày ký và các điều khoản chưa đối chiếu.',
  },
  {
    number: '29-QĐ/TW',
    title: 'Quy định thi hành Điều lệ Đảng',
    issuer: BCHTW,
    signedOn: '2016-07-25',
    effectiveFrom: '2016-07-25',
    governs: 'charter_rules',
    replacedBy: { number: '24-QĐ/TW', signedOn: '2021-07-30' },
    source: null,
    confirmed: true,
    note: 'Ngày ký 25/7/2016, hiệu lực từ ngày ký: đã đối chiếu; các mục 1.1, 1.2, 3.2.1, 3.5.1, 4.1, 4.2, 4.3.1 đã đọc.',
  },
  {
    number: '24-QĐ/TW',
    title: 'Quy định thi hành Điều lệ Đảng',
    issuer: BCHTW,
    signedOn: '2021-07-30',
    effectiveFrom: '2021-07-30',
    governs: 'charter_rules',
    replacedBy: { number: '232-QĐ/TW', signedOn: '2025-01-20' },
    source: null,
    confirmed: true,
    note: 'Ngày ký 30/7/2021, hiệu lực từ ngày ký: đã đối chiếu.',
  },
  {
    number: '232-QĐ/TW',
    title: 'Quy định thi hành Điều lệ Đảng',
    issuer: BCHTW,
    signedOn: '2025-01-20',
    effectiveFrom: '2025-01-20',
    governs: 'charter_rules',
    replacedBy: { number: '294-QĐ/TW', signedOn: '2025-05-26' },
    source: null,
    confirmed: true,
    note: 'Ngày ký 20/01/2025, hiệu lực từ ngày ký: đã đối chiếu. Thay thế 24-QĐ/TW (SPEC §3); chỉ sửa đổi hay thay thế toàn bộ: chưa đọc điều khoản thi hành.',
  },
  {
    number: '294-QĐ/TW',
    title: 'Quy định thi hành Điều lệ Đảng',
    issuer: BCHTW,
    signedOn: '2025-05-26',
    effectiveFrom: '2025-07-01',
    governs: 'charter_rules',
    replacedBy: null,
    source: 'https://thads.moj.gov.vn/noidung/tintuc/Lists/CongTacDang/View_Detail.aspx?ItemID=288',
    confirmed: true,
    note: 'Ký ngày 26/5/2025, có hiệu lực từ 01/7/2025: đã đối chiếu (thads.moj.gov.vn, 04/6/2025). Các mục về kết nạp chưa đọc từng điều.',
  },
  // Hướng dẫn thi hành Điều lệ
  {
    number: '01-HD/TW',
    title: 'Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng',
    issuer: BCHTW,
    signedOn: '2012-01-05',
    effectiveFrom: '2012-01-05',
    governs: 'guidance',
    replacedBy: { number: '01-HD/TW', signedOn: '2016-09-20' },
    source: null,
    confirmed: false,
    note: 'Ngày ký 05/01/2012 theo tài liệu của dự án; chưa tìm được bản văn để đối chiếu ngày ký và hiệu lực.',
  },
  {
    number: '01-HD/TW',
    title: 'Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng',
    issuer: BCHTW,
    signedOn: '2016-09-20',
    effectiveFrom: '2016-09-20',
    governs: 'guidance',
    replacedBy: { number: '01-HD/TW', signedOn: '2021-09-28' },
    source:
      'http://dangbo.tnut.edu.vn/tin-tuc/2021-10-15/huong-dan-tieu-chuan-va-ho-so-xet-ket-nap-dang-vien-dt1267.html',
    confirmed: true,
    note: 'Ngày ký 20/9/2016: đã đối chiếu (được trích "Căn cứ" trong văn bản của một đảng ủy). Hiệu lực từ ngày ký: chưa đối chiếu.',
  },
  {
    number: '01-HD/TW',
    title: 'Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng',
    issuer: BCHTW,
    signedOn: '2021-09-28',
    effectiveFrom: '2021-09-28',
    governs: 'guidance',
    replacedBy: { number: '06-HD/TW', signedOn: '2025-06-09' },
    source: null,
    confirmed: false,
    note: 'Ngày ký 28/9/2021 theo tài liệu của dự án (mục 1.1, 1.2, 3.6c đã đọc); ngày ký và hiệu lực chưa tự đối chiếu.',
  },
  {
    number: '06-HD/TW',
    title: 'Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng',
    issuer: BCHTW,
    signedOn: '2025-06-09',
    effectiveFrom: '2025-07-01',
    governs: 'guidance',
    replacedBy: null,
    source:
      'https://thoidai.com.vn/quy-dinh-va-huong-dan-thi-hanh-dieu-le-dang-co-nhieu-doi-moi-dot-pha-214274.html',
    confirmed: false,
    note: 'Ký ngày 09/6/2025, hướng dẫn Quy định 294-QĐ/TW: đã đối chiếu. Ngày áp dụng lấy theo ngày 294-QĐ/TW có hiệu lực (01/7/2025), vì hướng dẫn một quy định chưa có hiệu lực; điều khoản hiệu lực của chính văn bản chưa đọc.',
  },
  // Hướng dẫn nghiệp vụ công tác đảng viên (các mẫu 1-KNĐ … 18-KNĐ)
  {
    number: '12-HD/BTCTW',
    title: 'Hướng dẫn nghiệp vụ công tác đảng viên',
    issuer: BTCTW,
    signedOn: '2012-05-17',
    effectiveFrom: '2012-05-17',
    governs: 'forms',
    replacedBy: { number: '09-HD/BTCTW', signedOn: '2017-06-05' },
    source: null,
    confirmed: false,
    note: 'Ngày ký 17/5/2012 theo tài liệu của dự án; chưa tìm được bản văn để đối chiếu.',
  },
  {
    number: '09-HD/BTCTW',
    title: 'Hướng dẫn nghiệp vụ công tác đảng viên',
    issuer: BTCTW,
    signedOn: '2017-06-05',
    effectiveFrom: '2017-06-05',
    governs: 'forms',
    replacedBy: { number: '12-HD/BTCTW', signedOn: '2022-01-18' },
    source:
      'http://dangbo.tnut.edu.vn/tin-tuc/2021-10-15/huong-dan-tieu-chuan-va-ho-so-xet-ket-nap-dang-vien-dt1267.html',
    confirmed: true,
    note: 'Ngày ký 05/6/2017: đã đối chiếu (được trích "Căn cứ" trong văn bản của một đảng ủy). Hiệu lực từ ngày ký: chưa đối chiếu.',
  },
  {
    number: '12-HD/BTCTW',
    title: 'Hướng dẫn nghiệp vụ công tác đảng viên',
    issuer: BTCTW,
    signedOn: '2022-01-18',
    effectiveFrom: '2022-01-18',
    governs: 'forms',
    replacedBy: null,
    source: null,
    confirmed: false,
    note: 'Ngày ký 18/01/2022 theo tài liệu của dự án; chưa tự đối chiếu. Chưa tìm thấy hướng dẫn nghiệp vụ năm 2025 thay thế văn bản này: nếu có, quản trị viên thêm văn bản mới với "thay thế" văn bản này.',
  },
  // Kiểm điểm, đánh giá, xếp loại chất lượng
  {
    number: '132-QĐ/TW',
    title:
      'Quy định về việc kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị',
    issuer: BCT,
    signedOn: '2018-03-08',
    effectiveFrom: '2018-03-08',
    governs: 'ratings',
    replacedBy: { number: '124-QĐ/TW', signedOn: '2023-10-04' },
    source:
      'https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Huong-dan-16-HD-BTCTW-2018-kiem-diem-danh-gia-chat-luong-to-chuc-dang-dang-vien-can-bo-396122.aspx',
    confirmed: true,
    note: 'Ngày ký 08/3/2018: đã đối chiếu (trích trong Hướng dẫn 16-HD/BTCTW ngày 24/9/2018). Hiệu lực từ ngày ký: chưa đối chiếu.',
  },
  {
    number: '124-QĐ/TW',
    title:
      'Quy định về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị',
    issuer: BCT,
    signedOn: '2023-10-04',
    effectiveFrom: '2023-10-04',
    governs: 'ratings',
    replacedBy: { number: '366-QĐ/TW', signedOn: '2025-08-30' },
    source:
      'https://thanhnien.vn/bo-chinh-tri-ban-hanh-tieu-chi-danh-gia-can-bo-dang-vien-theo-thang-diem-100-185250920111919699.htm',
    confirmed: false,
    note: 'Ngày ký 04/10/2023 theo báo Thanh Niên (20/9/2025) khi đưa tin Quy định 366 thay thế; chưa đối chiếu bản văn.',
  },
  {
    number: '366-QĐ/TW',
    title:
      'Quy định về việc kiểm điểm và đánh giá, xếp loại chất lượng đối với tập thể, cá nhân trong hệ thống chính trị',
    issuer: BCT,
    signedOn: '2025-08-30',
    effectiveFrom: '2025-08-30',
    governs: 'ratings',
    replacedBy: null,
    source:
      'https://news.laodong.vn/thoi-su/quy-dinh-moi-cua-bo-chinh-tri-ve-kiem-diem-danh-gia-xep-loai-tap-the-ca-nhan-1577427.ldo',
    confirmed: true,
    note: 'Ngày ký 30/8/2025, thay thế 124-QĐ/TW: đã đối chiếu (báo Lao Động). Hiệu lực từ ngày ký: chưa đối chiếu.',
  },
];
