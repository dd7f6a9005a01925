/**
 * Checking a person about to be registered against the people already on record (SPEC §8), so the
 * form asks "is this the same person?" before creating a second record. Shared by server and web.
 */
import { z } from 'zod';
import { code, isoDate, name, nationalId } from './contracts.ts';

/** What the form knows of the person it is about to register. */
export const duplicateCheckInput = z.object({
  fullName: name,
  birthDate: isoDate,
  nationalId: nationalId.optional(),
  unitCode: code.optional(),
});
export type DuplicateCheckInput = z.input<typeof duplicateCheckInput>;

/** One person on record who may be the same human, shown with a masked national ID. */
export interface PossibleDuplicate {
  id: number;
  fullName: string;
  birthDate: string;
  unitName: string | null;
  /** Only the last three digits, whatever the role: enough to tell two people apart. */
  nationalIdMasked: string | null;
  reason: 'national_id' | 'name_birth_date' | 'close_name';
  /** The reason in Vietnamese. */
  reasonText: string;
}

/** The answer of the check: people of the caller's scope only, strongest reasons first. */
export interface DuplicateCheckAnswer {
  items: PossibleDuplicate[];
}
