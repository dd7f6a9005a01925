import type { AppContext } from '../../context.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCanConfigure } from '../../access/access.ts';
import { AppError } from '../../lib/errors.ts';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../../shared/dates.ts';
import { recordEvent } from '../audit/audit.repository.ts';
import { findSetting, listSettings, saveSetting } from './progress.repository.ts';

/** The installation settings an administrator may change, with what each holds and its check. */
export const SETTINGS = {
  'report.place': {
    label: 'Địa danh ở dòng ngày tháng của báo cáo, văn bản ("Điện Biên Đông")',
    check: (value: string) => (value.trim().length > 0 ? null : 'không được để trống'),
    fallback: 'tên tổ chức đảng, bỏ "Đảng bộ", "xã"…',
  },
  'report.timeZone': {
    label: 'Múi giờ của thời điểm in trên báo cáo (tên IANA)',
    check: (value: string) =>
      isTimeZone(value) ? null : `"${value}" không phải múi giờ (ví dụ: ${DEFAULT_TIME_ZONE})`,
    fallback: DEFAULT_TIME_ZONE,
  },
} as const;

/** A setting an administrator may change. */
export type SettingKey = keyof typeof SETTINGS;

/** The settings with their values (or what applies when unset). */
export async function settingsList(ctx: AppContext, actor: Actor) {
  await assertCanConfigure(ctx, actor);
  const stored = new Map((await listSettings(ctx.db)).map((s) => [s.key, s.value]));
  return (Object.keys(SETTINGS) as SettingKey[]).map((key) => ({
    key,
    label: SETTINGS[key].label,
    value: stored.get(key) ?? null,
    whenUnset: SETTINGS[key].fallback,
  }));
}

/** Changes one setting, checked and audited with its former value. */
export async function changeSetting(
  ctx: AppContext,
  actor: Actor,
  key: string,
  value: string,
): Promise<{ key: SettingKey; value: string }> {
  await assertCanConfigure(ctx, actor);
  if (!(key in SETTINGS))
    throw new AppError('validation', `Không có thiết lập "${key}"`, [
      { field: 'key', message: `Chọn một trong: ${Object.keys(SETTINGS).join(', ')}` },
    ]);
  const known = key as SettingKey;
  const problem = SETTINGS[known].check(value);
  if (problem)
    throw new AppError('validation', `Giá trị không hợp lệ cho ${key}`, [
      { field: 'value', message: problem },
    ]);
  const clean = value.trim();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findSetting(trx, known);
    await saveSetting(trx, known, clean);
    await recordEvent(trx, actor, ctx.clock.now(), {
      action: 'setting.change',
      entity: 'setting',
      entityId: known,
      before: before === undefined ? null : { value: before },
      after: { value: clean },
    });
  });
  return { key: known, value: clean };
}
