/**
 * Pure rules of duplicate detection (SPEC §8): when two person records are likely the same human.
 * Names are compared folded (accents, case and đ/Đ/Ð ignored), so "Lò Văn Ðức" and "Lo Van Duc"
 * are equal and "Lò Văn Đức" / "Lò Văn Đực" are equal too; "close" means one edit apart.
 */

/** Why two records are proposed as one person, strongest first. */
export type DuplicateReason = 'national_id' | 'name_birth_date' | 'close_name';

/** The fields the rules compare. */
export interface DuplicateFacts {
  nationalId: string | null;
  nameFolded: string;
  birthDate: string;
  unitId: number | null;
}

/** Whether two strings are at most one insertion, deletion or substitution apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < la && j < lb) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (la > lb) i += 1;
    else if (lb > la) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return edits + (la - i) + (lb - j) <= 1;
}

/**
 * Why `a` and `b` look like the same person, or null: the same national ID; the same folded
 * name and birth date; or, in the same unit, names one edit apart with the same birth year —
 * unless both carry national IDs and they differ, which proves two people.
 */
export function duplicateReason(a: DuplicateFacts, b: DuplicateFacts): DuplicateReason | null {
  // Two different national IDs prove two people, however alike the rest.
  if (a.nationalId && b.nationalId) return a.nationalId === b.nationalId ? 'national_id' : null;
  if (a.nameFolded === b.nameFolded && a.birthDate === b.birthDate) return 'name_birth_date';
  if (
    a.unitId !== null &&
    a.unitId === b.unitId &&
    a.birthDate.slice(0, 4) === b.birthDate.slice(0, 4) &&
    withinOneEdit(a.nameFolded, b.nameFolded)
  )
    return 'close_name';
  return null;
}

/** Vietnamese explanation of a reason, for review screens and import previews. */
export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, string> = {
  national_id: 'Trùng số định danh cá nhân',
  name_birth_date: 'Trùng họ tên và ngày sinh',
  close_name: 'Họ tên gần giống, cùng năm sinh, cùng đơn vị',
};
