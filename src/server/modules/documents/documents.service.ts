import { readFile } from 'node:fs/promises';
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
import { documentBasisOn } from '../regulations/regulations.service.ts';
import { decisionSignedAs } from '../candidates/candidates.rules.ts';
import { ancestorsAsOf, findOrganizationById } from '../organizations/organizations.repository.ts';
import { packDocx } from '../reports/render/docx.ts';
import { fileNames, placeOf, type ExportedFile } from '../reports/reports.export.ts';
import {
  findCandidateFacts,
  latestTransitions,
  linkedMemberNames,
  placesOf,
  probationaryRegister,
} from './documents.repository.ts';
import { personFactsOn } from '../people/person-history.repository.ts';
import {
  FORMS,
  printedForm,
  probationaryRegisterForm,
  renderForm,
  type CandidateDocumentKind,
  type DocumentContext,
  type FormInput,
} from './documents.forms.ts';
import { formsGuidanceOn } from './documents.guidance.ts';
import { zip, type ZipEntry } from '../../lib/zip.ts';
import { candidateScans } from '../dossier/dossier.service.ts';

/** The per-candidate document kinds, as the route's path parameter. */
export const candidateDocumentKind = z.enum(
  Object.keys(FORMS) as [CandidateDocumentKind, ...CandidateDocumentKind[]],
);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ZIP = 'application/zip';

/** A candidate in the actor's scope, with their transitions (not found outside it). */
async function scopedCandidate(ctx: AppContext, actor: Actor, candidateId: number) {
  assertCan(actor, 'readPersonalData');
  const facts = await findCandidateFacts(ctx.db, candidateId);
  if (!facts) throw notFound('người vào Đảng');
  await assertOrganizationInScope(ctx, actor, facts.organizationId);
  const transitions = await latestTransitions(ctx.db, candidateId);
  return { facts, transitions };
}

type Scoped = Awaited<ReturnType<typeof scopedCandidate>>;

/**
 * What a form is made from on its own date: the person's facts as they were then, the
 * organizations as the tree stood then, the regulations and the forms guidance in force then.
 */
async function formInput(
  ctx: AppContext,
  scoped: Scoped,
  kind: CandidateDocumentKind,
): Promise<FormInput> {
  return inputOn(ctx, scoped, datedOn(ctx, scoped, kind));
}

/** The date a form bears: the day of the step that records it, else today (a draft). */
function datedOn(ctx: AppContext, { transitions }: Scoped, kind: CandidateDocumentKind): string {
  return transitions.get(FORMS[kind].datedBy)?.on ?? ctx.clock.today();
}

/** What every form dated `on` is made from. */
async function inputOn(
  ctx: AppContext,
  { facts, transitions }: Scoped,
  on: string,
): Promise<FormInput> {
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
  const partial = ancestors.find((o) => o.level === 'partial');
  const grassroots = ancestors.find((o) => o.level === 'grassroots');
  const [introducers, helpers, places] = await Promise.all([
    linkedMemberNames(ctx.db, facts.id, 'introducer'),
    linkedMemberNames(ctx.db, facts.id, 'helper'),
    placesOf(ctx.db, facts.person.id),
  ]);
  const documentContext: DocumentContext = {
    cell: { name: cell.name },
    parent: ancestors[0] ? { name: ancestors[0].name } : null,
    partial: partial ? { name: partial.name } : null,
    grassroots: grassroots ? { name: grassroots.name } : null,
    deciding: deciding ? { name: deciding.name } : null,
    signedAs: decisionSignedAs(deciding ?? null),
    decidingSuperior: ancestors[decidingIndex + 1]
      ? { name: ancestors[decidingIndex + 1]?.name ?? '' }
      : null,
    place: await placeOf(ctx, deciding?.name ?? cell.name),
    // The texts in force on the document's own date, role by role (issue 16 finding 1).
    regulations: await documentBasisOn(ctx.db, on),
    guidance: formsGuidanceOn(on),
    introducers,
    helpers,
    places: places.filter((p) => p.validFrom <= on),
  };
  return { facts: dated, t: transitions, ctx: documentContext };
}

/** One form as a DOCX, named with its number first ("09-KNĐ Quyết định … - Nguyễn Văn A"). */
async function formFile(
  ctx: AppContext,
  actor: Actor,
  scoped: Scoped,
  kind: CandidateDocumentKind,
  built?: FormInput,
): Promise<{ body: Buffer; filename: string; asciiFilename: string; form: string }> {
  const input = built ?? (await formInput(ctx, scoped, kind));
  const form = printedForm(kind, input.ctx.guidance);
  const { title } = FORMS[kind];
  const body = await packDocx(`${form} ${title}`, actor.username, renderForm(kind, input));
  const padded = /^\d[A-Z-]/.test(form) ? `0${form}` : form;
  const names = fileNames(`${padded} ${title} - ${scoped.facts.person.fullName}`, 'docx');
  return { body, form, ...names };
}

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
  const scoped = await scopedCandidate(ctx, actor, candidateId);
  const file = await formFile(ctx, actor, scoped, kind);
  await recordEvent(ctx.db, actor, ctx.clock.now(), {
    action: 'document.export',
    entity: 'candidate',
    entityId: candidateId,
    organizationId: scoped.facts.organizationId,
    after: { kind, form: file.form, file: file.filename },
  });
  return {
    body: file.body,
    contentType: DOCX,
    filename: file.filename,
    asciiFilename: file.asciiFilename,
  };
}

/**
 * Extra files of a dossier ZIP after its forms (the scanned documents: s5-dossier fills this in).
 * Each name must be unique within the archive.
 */
export type DossierExtras = (
  ctx: AppContext,
  candidateId: number,
) => Promise<{ name: string; data: Buffer }[]>;

/**
 * The dossier's scans after its forms, in a folder "Bản quét": numbered, named by the checklist
 * item they belong to and the name they were uploaded with (path separators and dots removed,
 * so a name cannot climb out of the folder when unpacked).
 */
export const dossierScans: DossierExtras = async (ctx, candidateId) => {
  const scans = await candidateScans(ctx, candidateId);
  return Promise.all(
    scans.map(async (scan, index) => {
      const safe = scan.name
        .replace(/[\\/:*?"<>|\r\n]+/g, ' ')
        .replace(/^\.+/, '')
        .trim();
      const number = String(index + 1).padStart(2, '0');
      return {
        name: `Bản quét/${number} ${scan.label} - ${safe || 'tep'}`,
        data: await readFile(scan.path),
      };
    }),
  );
};

/**
 * The whole dossier as a ZIP: every form the dossier has reached, in the dossier's order, each
 * a DOCX named with its form number first, then the extras (scans). Same access as one document;
 * audited once, as an export of the dossier.
 */
export async function dossierZip(
  ctx: AppContext,
  actor: Actor,
  candidateId: number,
  extras: DossierExtras = dossierScans,
): Promise<ExportedFile> {
  const scoped = await scopedCandidate(ctx, actor, candidateId);
  const entries: ZipEntry[] = [];
  const now = new Date(ctx.clock.now());
  // Forms of the same day share what they are made from (a dossier has a handful of dates).
  const byDate = new Map<string, FormInput>();
  for (const kind of Object.keys(FORMS) as CandidateDocumentKind[]) {
    const on = datedOn(ctx, scoped, kind);
    const input = byDate.get(on) ?? (await inputOn(ctx, scoped, on));
    byDate.set(on, input);
    const definition: { included: (input: FormInput) => boolean } = FORMS[kind];
    if (!definition.included(input)) continue;
    const file = await formFile(ctx, actor, scoped, kind, input);
    entries.push({ name: file.filename, data: file.body, modifiedAt: now });
  }
  for (const extra of await extras(ctx, candidateId)) entries.push({ ...extra, modifiedAt: now });
  const names = fileNames(`Hồ sơ kết nạp đảng - ${scoped.facts.person.fullName}`, 'zip');
  await recordEvent(ctx.db, actor, ctx.clock.now(), {
    action: 'document.export',
    entity: 'candidate',
    entityId: candidateId,
    organizationId: scoped.facts.organizationId,
    after: { kind: 'dossier-zip', file: names.filename, files: entries.map((e) => e.name) },
  });
  return { body: zip(entries), contentType: ZIP, ...names };
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
