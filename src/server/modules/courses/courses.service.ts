/**
 * Party-awareness courses (lớp bồi dưỡng nhận thức về Đảng): the political training centre
 * records a course, its participants and results, then issues the certificates. Issuing moves
 * every passing participant who is a candidate at `fostering` to `trained` in the same
 * transaction, through the same rule checks as a single transition; if any of them is refused,
 * nothing is issued. Participants at other stages only get the certificate on the course record.
 */
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import {
  assertCan,
  assertOrganizationInScope,
  resolveScopedOrganization,
} from '../../access/access.ts';
import { AppError, notFound, type FieldError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import {
  courseParticipantsInput,
  courseResultsInput,
  createCourseInput,
  issueCertificatesInput,
  type CreateCourseInput,
} from '../../../shared/pipeline.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { workingDayCalendar } from '../calendar/calendar.service.ts';
import { applyTransition } from '../candidates/candidates.service.ts';
import { findCandidate } from '../candidates/candidates.repository.ts';
import {
  addParticipants,
  existingPeople,
  findCourse,
  insertCourse,
  listCoursesIn,
  listParticipants,
  markCertificatesIssued,
  setCertificate,
  setResult,
} from './courses.repository.ts';

/** Records a course held for an organization's subtree. */
export async function createCourse(ctx: AppContext, actor: Actor, raw: CreateCourseInput) {
  assertCan(actor, 'train');
  const input = parseInput(createCourseInput, raw);
  if (input.endsOn < input.startsOn)
    throw new AppError('validation', 'Ngày kết thúc trước ngày bắt đầu', [
      { field: 'endsOn', message: 'Phải từ ngày bắt đầu trở đi' },
    ]);
  const organization = await resolveScopedOrganization(
    ctx,
    actor,
    input.organizationCode,
    input.startsOn,
  );
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const courseId = await insertCourse(trx, {
      organizationId: organization.id,
      name: input.name,
      organizer: input.organizer,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      createdAt: now,
      updatedAt: now,
    });
    await recordEvent(trx, actor, now, {
      action: 'course.create',
      entity: 'course',
      entityId: courseId,
      organizationId: organization.id,
      effectiveOn: input.startsOn,
      after: input,
    });
    return courseId;
  });
  return getCourse(ctx, actor, id);
}

/** One course with its participants, results and certificates. */
export async function getCourse(ctx: AppContext, actor: Actor, id: number) {
  const course = await findCourse(ctx.db, id);
  if (!course) throw notFound('lớp học này');
  await assertOrganizationInScope(ctx, actor, course.organizationId);
  return { ...course, participants: await listParticipants(ctx.db, id) };
}

/** Courses held in a subtree. */
export async function listCourses(
  ctx: AppContext,
  actor: Actor,
  query: { org?: string | undefined },
) {
  const today = ctx.clock.today();
  const root = await resolveScopedOrganization(ctx, actor, query.org, today);
  return { items: await listCoursesIn(ctx.db, root.id, today) };
}

async function writableCourse(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'train');
  const course = await findCourse(ctx.db, id);
  if (!course) throw notFound('lớp học này');
  await assertOrganizationInScope(ctx, actor, course.organizationId);
  return course;
}

/** Adds people to a course. */
export async function addCourseParticipants(
  ctx: AppContext,
  actor: Actor,
  id: number,
  raw: unknown,
) {
  const course = await writableCourse(ctx, actor, id);
  const input = parseInput(courseParticipantsInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const known = await existingPeople(trx, input.personIds);
    const errors: FieldError[] = input.personIds
      .map((personId, index) => ({ personId, index }))
      .filter(({ personId }) => !known.has(personId))
      .map(({ personId, index }) => ({
        field: `personIds.${index}`,
        message: `Không có người #${personId}`,
      }));
    if (errors.length > 0) throw new AppError('validation', 'Không tìm thấy người học', errors);
    const added = await addParticipants(trx, course.id, input.personIds);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'course.participants_add',
      entity: 'course',
      entityId: course.id,
      organizationId: course.organizationId,
      after: { personIds: input.personIds, added },
    });
  });
  return getCourse(ctx, actor, id);
}

/** Records participants' results (passed or failed). */
export async function recordCourseResults(ctx: AppContext, actor: Actor, id: number, raw: unknown) {
  const course = await writableCourse(ctx, actor, id);
  const input = parseInput(courseResultsInput, raw);
  if (course.certificatesIssuedOn)
    throw new AppError('rule.course_closed', 'Lớp đã cấp giấy chứng nhận; không sửa kết quả', [
      { field: 'results', message: 'Đã cấp giấy chứng nhận' },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    const errors: FieldError[] = [];
    for (const [index, r] of input.results.entries()) {
      if (!(await setResult(trx, course.id, r.personId, r.result, r.score ?? null)))
        errors.push({
          field: `results.${index}.personId`,
          message: `#${r.personId} không học lớp này`,
        });
    }
    if (errors.length > 0) throw new AppError('validation', 'Người không có trong lớp', errors);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'course.results',
      entity: 'course',
      entityId: course.id,
      organizationId: course.organizationId,
      after: input.results,
    });
  });
  return getCourse(ctx, actor, id);
}

/** Issues the certificates of a course and moves passing candidates at `fostering` to `trained`. */
export async function issueCourseCertificates(
  ctx: AppContext,
  actor: Actor,
  id: number,
  raw: unknown,
) {
  const course = await writableCourse(ctx, actor, id);
  const input = parseInput(issueCertificatesInput, raw);
  if (input.version !== undefined && input.version !== course.version)
    throw new AppError('conflict', 'Lớp học đã được cập nhật; hãy tải lại', [
      { field: 'version', message: `Phiên bản hiện tại là ${course.version}` },
    ]);
  if (course.certificatesIssuedOn)
    throw new AppError('rule.course_closed', 'Lớp đã cấp giấy chứng nhận', [
      { field: 'issuedOn', message: `Đã cấp ngày ${course.certificatesIssuedOn}` },
    ]);
  if (input.issuedOn < course.endsOn)
    throw new AppError('validation', 'Ngày cấp trước ngày kết thúc lớp', [
      { field: 'issuedOn', message: `Phải từ ${course.endsOn} trở đi` },
    ]);
  const calendar = await workingDayCalendar(ctx.db);
  const now = ctx.clock.now();
  const moved = await ctx.db.transaction().execute(async (trx) => {
    const participants = await listParticipants(trx, course.id);
    const errors: FieldError[] = [];
    const movedIds: number[] = [];
    let n = 0;
    for (const p of participants) {
      if (p.result !== 'passed') continue;
      n += 1;
      const number = `${input.numberPrefix}${course.id}-${String(n).padStart(3, '0')}`;
      await setCertificate(trx, course.id, p.personId, number, input.issuedOn);
      if (p.candidateId === null || p.candidateStage !== 'fostering') continue;
      const candidate = await findCandidate(trx, p.candidateId);
      if (!candidate) continue;
      try {
        await applyTransition(
          trx,
          ctx,
          actor,
          candidate,
          {
            to: 'trained',
            on: input.issuedOn,
            outcome: 'done',
            certificate: { number, issuedOn: input.issuedOn, issuer: course.organizer },
          },
          calendar,
        );
        movedIds.push(candidate.id);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422) throw error;
        errors.push({
          field: `participants.${p.personId}`,
          message: `${p.fullName}: ${error.message}`,
        });
      }
    }
    if (errors.length > 0)
      throw new AppError(
        'rule.course_certificates',
        'Không cấp được giấy chứng nhận cho một số học viên; chưa ghi gì',
        errors,
      );
    if (!(await markCertificatesIssued(trx, course.id, course.version, input.issuedOn, now)))
      throw new AppError('conflict', 'Lớp học đã được cập nhật; hãy tải lại');
    await recordEvent(trx, actor, now, {
      action: 'course.certificates_issue',
      entity: 'course',
      entityId: course.id,
      organizationId: course.organizationId,
      effectiveOn: input.issuedOn,
      after: { issued: n, candidatesTrained: movedIds },
    });
    return movedIds;
  });
  return { ...(await getCourse(ctx, actor, id)), candidatesTrained: moved };
}
