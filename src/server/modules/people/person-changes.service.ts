import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan } from '../../access/access.ts';
import { isUnitInScope, unitIdByCode } from '../../access/scope.repository.ts';
import type { Db } from '../../db/database.ts';
import type { PersonTable } from '../../db/schema.ts';
import type { Updateable } from 'kysely';
import { AppError, notFound, type FieldError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { updatePersonInput, type UpdatePersonInput } from '../../../shared/contracts.ts';
import { formatDate } from '../../../shared/dates.ts';
import { TARGET_GROUP_LABELS, type TargetGroup } from '../../../shared/enums.ts';
import { foldText, nameSortKey, normalizeText } from '../../../shared/text.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import {
  findPeople,
  isPersonInSubtree,
  organizationsOfPeople,
  updatePersonAt,
  type PersonRecord,
} from './people.repository.ts';
import {
  changeFact,
  correctFact,
  correctPlace,
  correctTargetGroupStart,
  ensureHistory,
  joinTargetGroups,
  leaveTargetGroups,
  movePlace,
  openFactOf,
  openPlaceOf,
  openTargetGroupsOn,
  PERSON_FACT_FIELDS,
  shiftBirthStarts,
  targetGroupPeriodsOf,
} from './person-history.repository.ts';
import { historyDateErrors, personWithHistory } from './people.service.ts';

type Input = ReturnType<typeof parseUpdate>;
type Correction = NonNullable<Input['correction']>;
type Change = NonNullable<Input['change']>;

function parseUpdate(raw: UpdatePersonInput) {
  return parseInput(updatePersonInput, raw);
}

/** The identity fields a correction may rewrite (no history: they were always what they are). */
const IDENTITY_FIELDS = [
  'fullName',
  'gender',
  'birthDate',
  'ethnicity',
  'religion',
  'nationalId',
  'phone',
  'address',
] as const;

const TEXT_FIELDS = new Set([
  'fullName',
  'ethnicity',
  'religion',
  'address',
  'professionalLevel',
  'politicalTheory',
  'occupation',
]);

function groupLabel(group: string): string {
  return TARGET_GROUP_LABELS[group as TargetGroup] ?? group;
}

/** The value as stored: Vietnamese text normalized (NFC, Ð→Đ), empty text as none. */
function stored(field: string, value: unknown): unknown {
  if (typeof value !== 'string' || !TEXT_FIELDS.has(field)) return value;
  const text = normalizeText(value);
  return text === '' && field !== 'fullName' && field !== 'ethnicity' ? null : text;
}

/** Field errors a request has before anything is read: nothing to do, a future date, a group twice. */
function inputErrors(input: Input, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const { correction, change } = input;
  if (!correction && !change)
    errors.push({
      field: 'correction',
      message: 'Cần ghi một đính chính hoặc một thay đổi từ ngày',
      messageEn: 'Give a correction or a change',
    });
  if (correction) {
    const named = Object.keys(correction).filter(
      (k) => k !== 'reason' && correction[k as keyof Correction] !== undefined,
    );
    if (named.length === 0)
      errors.push({
        field: 'correction',
        message: 'Chưa ghi trường nào cần đính chính',
        messageEn: 'Nothing to correct',
      });
    if (correction.birthDate && correction.birthDate > today)
      errors.push({
        field: 'correction.birthDate',
        message: 'Ngày sinh không thể sau hôm nay',
        messageEn: 'The birth date cannot be after today',
      });
  }
  if (change) {
    const facts = [...PERSON_FACT_FIELDS, 'unitCode'].filter(
      (k) => change[k as keyof Change] !== undefined,
    );
    if (
      facts.length === 0 &&
      change.joinTargetGroups.length === 0 &&
      change.leaveTargetGroups.length === 0
    )
      errors.push({
        field: 'change',
        message: 'Chưa ghi điều gì thay đổi từ ngày này',
        messageEn: 'Nothing changes',
      });
    if (change.on > today)
      errors.push({
        field: 'change.on',
        message: `Ngày ${formatDate(change.on)} ở tương lai: chỉ ghi được thay đổi đã xảy ra, đến hôm nay (${formatDate(today)})`,
        messageEn: 'Only changes up to today can be recorded',
      });
    change.leaveTargetGroups.forEach((group, i) => {
      if (change.joinTargetGroups.includes(group))
        errors.push({
          field: `change.leaveTargetGroups.${i}`,
          message: `Nhóm "${groupLabel(group)}" vừa vào vừa rời cùng ngày`,
          messageEn: 'A group is both joined and left',
        });
    });
  }
  return errors;
}

/** A unit code of the request as an id, in the caller's scope; else a field error. */
async function unitOf(
  db: Db,
  actor: Actor,
  unitCode: string,
  field: string,
  today: string,
): Promise<number> {
  const unitId = await unitIdByCode(db, unitCode);
  if (
    unitId === undefined ||
    (actor.organizationId !== null &&
      !(await isUnitInScope(db, actor.organizationId, unitId, today)))
  )
    throw new AppError('validation', 'Không tìm thấy đơn vị', [
      {
        field,
        message: 'Không tìm thấy đơn vị trong phạm vi của bạn',
        messageEn: 'No such unit in your scope',
      },
    ]);
  return unitId;
}

function conflict(current: PersonRecord): AppError {
  return new AppError(
    'conflict',
    `Hồ sơ người này đã được cập nhật (phiên bản hiện tại ${current.version}); hãy tải lại rồi sửa`,
    [
      {
        field: 'version',
        message: `Phiên bản hiện tại là ${current.version}`,
        messageEn: `The current version is ${current.version}`,
      },
    ],
  );
}

/** What a correction writes: the `people` columns and the open periods it rewrites. */
async function applyCorrection(
  trx: Db,
  actor: Actor,
  person: PersonRecord,
  correction: Correction,
  today: string,
): Promise<{
  columns: Updateable<PersonTable>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}> {
  const columns: Updateable<PersonTable> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const current = person as unknown as Record<string, unknown>;
  for (const field of [...IDENTITY_FIELDS, ...PERSON_FACT_FIELDS]) {
    if (correction[field] === undefined) continue;
    const value = stored(field, correction[field]);
    if (current[field] === value) continue;
    before[field] = current[field];
    after[field] = value;
    (columns as Record<string, unknown>)[field] = value;
  }
  if (typeof after.fullName === 'string') {
    columns.nameFolded = foldText(after.fullName);
    columns.nameSort = nameSortKey(after.fullName);
  }
  if (typeof after.birthDate === 'string')
    await shiftBirthStarts(trx, person.id, person.birthDate, after.birthDate);
  for (const field of PERSON_FACT_FIELDS) {
    if (!(field in after)) continue;
    const open = await openFactOf(trx, person.id, field);
    if (open) await correctFact(trx, open.id, after[field] as string | null);
  }
  if (correction.targetGroupDates && correction.targetGroupDates.length > 0) {
    const birthDate = typeof after.birthDate === 'string' ? after.birthDate : person.birthDate;
    const periods = await targetGroupPeriodsOf(trx, person.id);
    const errors: FieldError[] = [];
    const moved: { group: string; from: string; to: string }[] = [];
    for (const [i, { group, from }] of correction.targetGroupDates.entries()) {
      const field = `correction.targetGroupDates.${i}.from`;
      const ofGroup = periods.filter((p) => p.targetGroup === group);
      const latest = ofGroup.at(-1);
      const earlier = ofGroup.at(-2);
      const refused = historyDateErrors(field, from, birthDate, today);
      if (!latest)
        refused.push({
          field: `correction.targetGroupDates.${i}.group`,
          message: `Chưa từng thuộc nhóm "${groupLabel(group)}"`,
          messageEn: 'Never in this group',
        });
      else if (from >= latest.validTo || (earlier && from < earlier.validTo))
        refused.push({
          field,
          message: `Ngày ${formatDate(from)} chồng lên giai đoạn khác của nhóm "${groupLabel(group)}"`,
          messageEn: 'The date overlaps another period of the group',
        });
      if (refused.length > 0 || !latest) errors.push(...refused);
      else if (latest.validFrom !== from) moved.push({ group, from: latest.validFrom, to: from });
    }
    if (errors.length > 0) throw new AppError('validation', 'Ngày vào nhóm không hợp lệ', errors);
    for (const m of moved) await correctTargetGroupStart(trx, person.id, m.group, m.from, m.to);
    if (moved.length > 0) {
      before.targetGroupDates = moved.map((m) => ({ group: m.group, from: m.from }));
      after.targetGroupDates = moved.map((m) => ({ group: m.group, from: m.to }));
    }
  }
  if (correction.unitCode !== undefined) {
    const unitId = await unitOf(trx, actor, correction.unitCode, 'correction.unitCode', today);
    if (unitId !== (await openPlaceOf(trx, person.id))?.unitId) {
      const open = await openPlaceOf(trx, person.id);
      if (open) await correctPlace(trx, open.id, unitId);
      else await movePlace(trx, person.id, undefined, unitId, person.birthDate);
      before.unitCode = person.unitCode;
      after.unitCode = correction.unitCode;
      columns.unitId = unitId;
    }
  }
  return { columns, before, after };
}

/** What a change from a date writes: new periods from `on`, the `people` columns of today. */
async function applyChange(
  trx: Db,
  actor: Actor,
  person: PersonRecord & { birthDate: string },
  change: Change,
  today: string,
): Promise<{
  columns: Updateable<PersonTable>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}> {
  const { on } = change;
  const errors: FieldError[] = historyDateErrors('change.on', on, person.birthDate, today);
  if (errors.length > 0) throw new AppError('validation', 'Ngày thay đổi không hợp lệ', errors);
  const columns: Updateable<PersonTable> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const startsAfter = (field: string, label: string, from: string) =>
    new AppError('validation', 'Ngày thay đổi trước giai đoạn hiện tại', [
      {
        field: 'change.on',
        message: `${label} hiện tại được ghi từ ngày ${formatDate(from)}; thay đổi phải từ ngày đó trở đi (sửa giai đoạn đã ghi sai bằng "Đính chính")`,
        messageEn: `The current ${field} starts on ${from}; a change must be on or after it`,
      },
    ]);
  if (change.unitCode !== undefined) {
    const unitId = await unitOf(trx, actor, change.unitCode, 'change.unitCode', today);
    const open = await openPlaceOf(trx, person.id);
    if (open && on < open.validFrom) throw startsAfter('unit', 'Nơi ở, làm việc', open.validFrom);
    if (open?.unitId !== unitId) {
      await movePlace(trx, person.id, open, unitId, on);
      before.unitCode = person.unitCode;
      after.unitCode = change.unitCode;
      columns.unitId = unitId;
    }
  }
  const current = person as unknown as Record<string, unknown>;
  for (const field of PERSON_FACT_FIELDS) {
    if (change[field] === undefined) continue;
    const value = stored(field, change[field]) as string | null;
    const open = await openFactOf(trx, person.id, field);
    if (open && on < open.validFrom) throw startsAfter(field, 'Giá trị', open.validFrom);
    if (open?.value === value && current[field] === value) continue;
    await changeFact(trx, person.id, field, open, value, on);
    before[field] = current[field];
    after[field] = value;
    (columns as Record<string, unknown>)[field] = value;
  }
  const held = await openTargetGroupsOn(trx, person.id, on);
  const groupErrors: FieldError[] = [];
  change.joinTargetGroups.forEach((group, i) => {
    const row = held.find((h) => h.targetGroup === group);
    if (row)
      groupErrors.push({
        field: `change.joinTargetGroups.${i}`,
        message: `Đã thuộc nhóm "${groupLabel(group)}" từ ngày ${formatDate(row.validFrom)}`,
        messageEn: 'Already in this group',
      });
  });
  change.leaveTargetGroups.forEach((group, i) => {
    const row = held.find((h) => h.targetGroup === group && h.validFrom < on);
    if (!row)
      groupErrors.push({
        field: `change.leaveTargetGroups.${i}`,
        message: `Không thuộc nhóm "${groupLabel(group)}" trước ngày ${formatDate(on)}`,
        messageEn: 'Not in this group before that date',
      });
  });
  if (groupErrors.length > 0)
    throw new AppError('validation', 'Nhóm đối tượng không hợp lệ', groupErrors);
  const joined = [...new Set(change.joinTargetGroups)];
  const left = [...new Set(change.leaveTargetGroups)];
  await joinTargetGroups(
    trx,
    joined.map((targetGroup) => ({ personId: person.id, targetGroup, validFrom: on })),
  );
  await leaveTargetGroups(trx, person.id, left, on);
  if (joined.length > 0) after.joinedTargetGroups = joined;
  if (left.length > 0) after.leftTargetGroups = left;
  return { columns, before, after };
}

/**
 * Corrects and/or changes a person (`PATCH /api/v1/people/{id}`), in one transaction: the
 * `people` columns (the current values) and the dated history move together, the version is
 * checked and bumped, and each part is audited (`person.correct` with before, after and reason;
 * `person.change` with its date).
 */
export async function updatePerson(
  ctx: AppContext,
  actor: Actor,
  id: number,
  raw: UpdatePersonInput,
) {
  assertCan(actor, 'write');
  const input = parseUpdate(raw);
  const today = ctx.clock.today();
  const errors = inputErrors(input, today);
  if (errors.length > 0) throw new AppError('validation', 'Dữ liệu sửa không hợp lệ', errors);
  return ctx.db.transaction().execute(async (trx) => {
    if (
      actor.organizationId !== null &&
      !(await isPersonInSubtree(trx, actor.organizationId, id, today))
    )
      throw notFound('người này');
    const [person] = await findPeople(trx, [id]);
    if (!person) throw notFound('người này');
    if (person.version !== input.version) throw conflict(person);
    await ensureHistory(trx, id);
    const now = ctx.clock.now();
    const organizationIds = await organizationsOfPeople(trx, [id]);
    let columns: Updateable<PersonTable> = {};
    let current = person;
    if (input.correction) {
      const corrected = await applyCorrection(trx, actor, current, input.correction, today);
      columns = corrected.columns;
      current = { ...current, ...corrected.after };
      if (Object.keys(corrected.after).length > 0)
        await recordEvent(trx, actor, now, {
          action: 'person.correct',
          entity: 'person',
          entityId: id,
          organizationIds,
          reason: input.correction.reason,
          before: corrected.before,
          after: corrected.after,
        });
    }
    if (input.change) {
      const changed = await applyChange(trx, actor, current, input.change, today);
      columns = { ...columns, ...changed.columns };
      if (Object.keys(changed.after).length > 0)
        await recordEvent(trx, actor, now, {
          action: 'person.change',
          entity: 'person',
          entityId: id,
          organizationIds,
          effectiveOn: input.change.on,
          reason: input.change.reason ?? null,
          before: changed.before,
          after: changed.after,
        });
    }
    if (!(await updatePersonAt(trx, id, input.version, columns, now))) throw conflict(person);
    return personWithHistory(trx, actor, id);
  });
}
