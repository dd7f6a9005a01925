import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import {
  assertCan,
  assertOrganizationInScope,
  resolveScopedOrganization,
} from '../../access/access.ts';
import { notFound } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { reportQuery } from '../../../shared/contracts.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { ruleSetOn } from '../candidates/rule-versions.ts';
import { decisionSignedAs } from '../candidates/candidates.rules.ts';
import { ancestorsAsOf, findOrganizationById } from '../organizations/organizations.repository.ts';
import { packDocx } from '../reports/render/docx.ts';
import { fileNames, placeOf, type ExportedFile } from '../reports/reports.export.ts';
import {
  findCandidateFacts,
  latestTransitions,
  probationaryRegister,
} from './documents.repository.ts';
import { personFactsOn } from '../people/person-history.repository.ts';
import {
  CANDIDATE_DOCUMENTS,
  admissionDecision,
  admissionResolution,
  probationaryRegisterForm,
  recognitionDecision,
  recognitionResolution,
  type CandidateDocumentKind,
  type DocumentContext,
} from './documents.forms.ts';

/** The per-candidate document kinds, as the route's path parameter. */
export const candidateDocumentKind = z.enum(
  Object.keys(CANDIDATE_DOCUMENTS) as [CandidateDocumentKind, ...CandidateDocumentKind[]],
);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The stage whose transition dates each document. */
const DATED_BY: Record<CandidateDocumentKind, string> = {
  'admission-resolution': 'cell_voted',
  'admission-decision': 'decided',
  'recognition-resolution': 'probation_review',
  'recognition-decision': 'official',
};

const BUILDERS = {
  'admission-resolution': admissionResolution,
  'admission-decision': admissionDecision,
  'recognition-resolution': recognitionResolution,
  'recognition-decision': recognitionDecision,
} as const;

/**
 * One procedure document of a candidate as a pre-filled DOCX. It shows personal data, so it needs
 * the personal-data ability; outside the actor's subtree the candidate is "not found". Audited.
 */
export async function candidateDocument(
  ctx: AppContext,
  actor: Actor,
  candidateId: number,
  kind: CandidateDocumentKind,
): Promise<ExportedFile> {
  assertCan(actor, 'readPersonalData');
  const facts = await findCandidateFacts(ctx.db, candidateId);
  if (!facts) throw notFound('người vào Đảng');
  await assertOrganizationInScope(ctx, actor, facts.organizationId);
  const transitions = await latestTransitions(ctx.db, candidateId);
  const on = transitions.get(DATED_BY[kind])?.on ?? ctx.clock.today();
  // The form states the person's education, occupation and place as they were on its own date.
  const asOf = await personFactsOn(ctx.db, facts.person.id, on);
  const dated = asOf
    ? {
        ...facts,
        person: {
          ...facts.person,
          educationLevel: asOf.educationLevel,
          politicalTheory: asOf.politicalTheory,
          occupation: asOf.occupation,
          unitName: asOf.unitName ?? facts.person.unitName,
        },
      }
    : facts;
  const cell = await findOrganizationById(ctx.db, facts.organizationId);
  if (!cell) throw notFound('chi bộ');
  const ancestors = await ancestorsAsOf(ctx.db, cell.id, on);
  const decidingIndex = ancestors.findIndex((o) => o.decidesAdmissions);
  const deciding = decidingIndex >= 0 ? ancestors[decidingIndex] : undefined;
  const documentContext: DocumentContext = {
    cell: { name: cell.name },
    parent: ancestors[0] ? { name: ancestors[0].name } : null,
    deciding: deciding ? { name: deciding.name } : null,
    signedAs: decisionSignedAs(deciding ?? null),
    decidingSuperior: ancestors[decidingIndex + 1]
      ? { name: ancestors[decidingIndex + 1]?.name ?? '' }
      : null,
    place: await placeOf(ctx, deciding?.name ?? cell.name),
    regulations: ruleSetOn(on).regulations.filter((r) => !r.startsWith('Điều lệ')),
  };
  const { form, title } = CANDIDATE_DOCUMENTS[kind];
  const body = await packDocx(
    `${form} ${title}`,
    actor.username,
    BUILDERS[kind](dated, transitions, documentContext),
  );
  const names = fileNames(`${form} ${title} - ${facts.person.fullName}`, 'docx');
  await recordEvent(ctx.db, actor, ctx.clock.now(), {
    action: 'document.export',
    entity: 'candidate',
    entityId: candidateId,
    organizationId: facts.organizationId,
    after: { kind, form, file: names.filename },
  });
  return { body, contentType: DOCX, ...names };
}

/**
 * The register of probationary members (18-KNĐ) of an organization for a period (default: the
 * current year): everyone admitted in it, with their recognition or how their probation ended.
 */
export async function probationaryRegisterDocument(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<ExportedFile> {
  assertCan(actor, 'readPersonalData');
  const query = parseInput(reportQuery, raw);
  const today = ctx.clock.today();
  const to = query.year ? `${query.year}-12-31` : (query.to ?? query.asOf ?? today);
  const from = query.year ? `${query.year}-01-01` : (query.from ?? `${to.slice(0, 4)}-01-01`);
  const organization = await resolveScopedOrganization(ctx, actor, query.org, to);
  const [rows, ancestors] = await Promise.all([
    probationaryRegister(ctx.db, organization.id, from, to),
    ancestorsAsOf(ctx.db, organization.id, to),
  ]);
  const body = await packDocx('18-KNĐ Sổ đảng viên dự bị', actor.username, [
    ...probationaryRegisterForm(rows, {
      organization: organization.name,
      superior: ancestors[0]?.name ?? null,
      place: await placeOf(ctx, organization.name),
      from,
      to,
      madeOn: today,
    }),
  ]);
  const names = fileNames(
    `18-KNĐ Sổ đảng viên dự bị - ${organization.code} - ${from} đến ${to}`,
    'docx',
  );
  await recordEvent(ctx.db, actor, ctx.clock.now(), {
    action: 'document.export',
    entity: 'organization',
    entityId: organization.id,
    organizationId: organization.id,
    after: { kind: 'probationary-register', form: '18-KNĐ', from, to, file: names.filename },
  });
  return { body, contentType: DOCX, ...names };
}
