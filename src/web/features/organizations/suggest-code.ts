/**
 * A code for a new organization that the user may accept instead of inventing one: the parent's
 * code and the folded initials of the name's proper part ("Chi bộ bản Nậm Ty" under DBD-NH gives
 * DBD-NH-BNT), numbered when already taken. The server still refuses a code used anywhere.
 */
import { foldText } from '../../../shared/text.ts';

/** Words that open most organization names and say nothing of which one it is. */
const GENERIC_OPENINGS = ['dang bo bo phan', 'dang bo co so', 'chi bo co so', 'dang bo', 'chi bo'];

/** The longest a code may be (as the server's `code` contract says). */
const MAX_LENGTH = 40;

/** Suggests a code from the parent's code and the name; `taken` holds codes already in use. */
export function suggestCode(
  parentCode: string | null,
  name: string,
  taken: ReadonlySet<string>,
): string {
  let folded = foldText(name)
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const opening = GENERIC_OPENINGS.find((o) => folded === o || folded.startsWith(`${o} `));
  if (opening) folded = folded.slice(opening.length).trim();
  const initials = folded
    .split(' ')
    .filter(Boolean)
    .map((word) => (/^\d+$/.test(word) ? word : word[0]))
    .join('')
    .toUpperCase();
  const base = [parentCode, initials || 'M']
    .filter(Boolean)
    .join('-')
    .slice(0, MAX_LENGTH - 3);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const numbered = `${base}${n}`;
    if (!taken.has(numbered)) return numbered;
  }
}
