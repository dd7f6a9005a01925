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
export const possibleDuplicate = z.object({
  id: z.number(),
  fullName: z.string(),
  birthDate: z.string(),
  unitName: z.string().nullable(),
  /** Only the last three digits, whatever the role: enough to tell two people apart. */
  nationalIdMasked: z.string().nullable(),
  reason: z.enum(['national_id', 'name_birth_date', 'close_name']),
  /** The reason in Vietnamese. */
  reasonText: z.string(),
});
export type PossibleDuplicate = z.infer<typeof possibleDuplicate>;

/** The answer of the check: people of the caller's scope only, strongest reasons first. */
export const duplicateCheckAnswer = z.object({ items: z.array(possibleDuplicate) });
export type DuplicateCheckAnswer = z.infer<typeof duplicateCheckAnswer>;
