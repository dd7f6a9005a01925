import { CONTENT_TYPES } from '../../../shared/content-types.ts';
/**
 * The outgoing letter of a dossier request (issue 17): the background verification request
 * (thẩm tra lý lịch), the request for the residence cell's comments, or for the youth or trade
 * union's introduction, as a pre-filled DOCX built from the documents' building blocks. The
 * issuing committee is the one that decides admissions above the candidate's cell.
 */
import { AlignmentType, type Paragraph, type Table } from 'docx';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan, assertOrganizationInScope } from '../../access/access.ts';
import { notFound } from '../../lib/errors.ts';
import { formatDate } from '../../../shared/dates.ts';
import { REQUEST_LABELS, type RequestKind } from '../../../shared/dossier.ts';
import { defineRoute, type RouteDeps } from '../../http/routes.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { findRequest } from '../dossier/dossier.repository.ts';
import { ancestorsAsOf, findOrganizationById } from '../organizations/organizations.repository.ts';
import { officialHeader, para, packDocx } from '../reports/render/docx.ts';
import {
  contentDisposition,
  fileNames,
  placeOf,
  type ExportedFile,
} from '../reports/reports.export.ts';
import { findCandidateFacts } from './documents.repository.ts';
import { BLANK } from './documents.forms.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What each kind of letter asks for, after "Đề nghị … ". */
const ASKS: Record<RequestKind, string> = {
  background_verification:
    'thẩm tra, xác minh lý lịch của quần chúng và những người thân (cha, mẹ, vợ hoặc chồng…) đang cư trú, công tác tại địa phương, đơn vị; cho biết ý kiến về lịch sử chính trị, chính trị hiện nay và việc chấp hành chủ trương, chính sách, pháp luật',
  residence_cell_comments:
    'chi ủy (chi bộ) nơi cư trú nhận xét về việc chấp hành chủ trương, chính sách của Đảng, pháp luật của Nhà nước và nghĩa vụ công dân nơi cư trú của quần chúng',
  youth_union_introduction:
    'Ban Chấp hành Đoàn cơ sở xem xét, giới thiệu đoàn viên ưu tú vào Đảng bằng nghị quyết',
  trade_union_introduction:
    'Ban Chấp hành Công đoàn cơ sở xem xét, giới thiệu đoàn viên công đoàn ưu tú vào Đảng bằng nghị quyết',
};

/** The DOCX of a request's outgoing letter; personal data, so the personal-data ability. Audited. */
export async function requestLetter(
  ctx: AppContext,
  actor: Actor,
  candidateId: number,
  requestId: number,
): Promise<ExportedFile> {
  assertCan(actor, 'readPersonalData');
  const facts = await findCandidateFacts(ctx.db, candidateId);
  if (!facts) throw notFound('hồ sơ');
  await assertOrganizationInScope(ctx, actor, facts.organizationId);
  const request = await findRequest(ctx.db, candidateId, requestId);
  if (!request) throw notFound('văn bản đề nghị');
  const cell = await findOrganizationById(ctx.db, facts.organizationId);
  if (!cell) throw notFound('chi bộ');
  const ancestors = await ancestorsAsOf(ctx.db, cell.id, request.sentOn);
  const issuerIndex = ancestors.findIndex((o) => o.decidesAdmissions);
  const issuer = issuerIndex >= 0 ? ancestors[issuerIndex] : cell;
  const superior = issuerIndex >= 0 ? ancestors[issuerIndex + 1] : ancestors[0];
  const kind = request.kind as RequestKind;
  const p = facts.person;
  const children: (Paragraph | Table)[] = [
    officialHeader({
      superior: superior?.name ?? null,
      organization: issuer?.name ?? cell.name,
      numberLine: `Số ${BLANK}`,
      place: await placeOf(ctx, issuer?.name ?? cell.name),
      date: request.sentOn,
    }),
    para('', { after: 240 }),
    para('GIẤY ĐỀ NGHỊ', { bold: true, align: AlignmentType.CENTER, size: 30, after: 0 }),
    para(REQUEST_LABELS[kind] ?? kind, { bold: true, align: AlignmentType.CENTER, after: 240 }),
    para(`Kính gửi: ${request.sentTo}`, { align: AlignmentType.CENTER, after: 240 }),
    para(
      `${issuer?.name ?? cell.name} đang xem xét hồ sơ đề nghị kết nạp vào Đảng của quần chúng ${p.fullName}, ` +
        `${p.gender === 'female' ? 'nữ' : 'nam'}, sinh ngày ${formatDate(p.birthDate)}, ` +
        `nơi cư trú: ${p.address ?? p.unitName ?? BLANK}, sinh hoạt tại ${cell.name}.`,
      { indent: true },
    ),
    para(`Đề nghị ${ASKS[kind]}.`, { indent: true }),
    para(
      `Văn bản trả lời xin gửi về ${issuer?.name ?? cell.name} trước ngày ${formatDate(request.dueOn)}.`,
      { indent: true },
    ),
    ...(request.note ? [para(request.note, { indent: true, italics: true })] : []),
    para('', { after: 240 }),
    para('T/M ' + (issuer?.name ?? cell.name).toUpperCase(), {
      bold: true,
      align: AlignmentType.RIGHT,
      after: 0,
    }),
    para('(Ký tên, đóng dấu)', { italics: true, align: AlignmentType.RIGHT, after: 600 }),
    para(BLANK, { align: AlignmentType.RIGHT }),
    para('Nơi nhận:', { bold: true, italics: true, size: 24, after: 0 }),
    para(`- Như trên;`, { size: 22, after: 0 }),
    para(`- ${cell.name};`, { size: 22, after: 0 }),
    para('- Lưu hồ sơ người vào Đảng.', { size: 22, after: 0 }),
  ];
  const title = `Giấy đề nghị ${REQUEST_LABELS[kind] ?? kind}`;
  const body = await packDocx(title, actor.username, children);
  const names = fileNames(`${title} - ${p.fullName}`, 'docx');
  await recordEvent(ctx.db, actor, ctx.clock.now(), {
    action: 'document.export',
    entity: 'candidate',
    entityId: candidateId,
    organizationId: facts.organizationId,
    after: { kind: 'request-letter', requestId, file: names.filename },
  });
  return { body, contentType: DOCX, ...names };
}

/** `GET /api/v1/candidates/{id}/requests/{requestId}/letter.docx`. */
export function requestLetterRoutes(app: FastifyInstance, deps: RouteDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/candidates/{id}/requests/{requestId}/letter.docx',
    references: { 'params.id': 'candidate' },
    notReferences: {
      'params.requestId':
        'a request of this dossier: looked up among params.id’s own requests (404 otherwise)',
    },
    summary:
      'The outgoing letter of a dossier request (verification, comments, introduction) as DOCX',
    tag: 'documents',
    params: z.object({
      id: z.coerce.number().int().positive(),
      requestId: z.coerce.number().int().positive(),
    }),
    example: { params: { id: '1', requestId: '1' } },
    raw: true,
    contentTypes: [CONTENT_TYPES.docx],
    handler: async ({ actor, params, reply }) => {
      const file = await requestLetter(deps.ctx, actor, params.id, params.requestId);
      return reply
        .code(200)
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', contentDisposition(file))
        .send(file.body);
    },
  });
}
