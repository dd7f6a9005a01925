import type { z } from 'zod';
import { refusedCharacter, refusedCharacterMessage } from '../../shared/text.ts';
import { AppError, type FieldError } from './errors.ts';

/**
 * Fields whose strings are secrets compared as they are, never shown or stored as text (the
 * password is hashed): any character may be in them.
 */
const SECRET_FIELD = /password$/i;

/** Most refused-character errors one answer lists (a hostile body may hold thousands). */
const MAX_REFUSED_ERRORS = 100;

/** A place in the input: its key and its parent's place (joined only when a field is named). */
interface Place {
  key: string;
  parent: Place | null;
}

function fieldOf(place: Place | null): string {
  const keys: string[] = [];
  for (let p = place; p; p = p.parent) keys.push(p.key);
  return keys.reverse().join('.') || '(body)';
}

/**
 * A field error for every string in `input` holding a character text input may not hold (NUL,
 * control and bidirectional characters, see shared/text.ts), however deeply nested. Walked with a
 * stack rather than by recursion, and with paths kept as parent links, so that a hostile body
 * nested a million levels deep costs linear time and is a 400, not a stack overflow.
 */
export function refusedCharacterErrors(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; place: Place | null }[] = [{ value: input, place: null }];
  while (stack.length > 0 && errors.length < MAX_REFUSED_ERRORS) {
    const { value, place } = stack.pop() as { value: unknown; place: Place | null };
    if (typeof value === 'string') {
      const found = refusedCharacter(value);
      if (found) errors.push({ field: fieldOf(place), ...refusedCharacterMessage(found) });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], place: { key: String(i), parent: place } });
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, inner] = entries[i] as [string, unknown];
        if (!SECRET_FIELD.test(key)) stack.push({ value: inner, place: { key, parent: place } });
      }
    }
  }
  return errors;
}

/**
 * Parses input with a Zod schema; on failure throws a `validation` AppError naming every field.
 * Every string of the input, whatever its schema, is first checked for refused characters: one
 * check here covers every body, query and path parameter of every route (they all pass through
 * here, as does the CLI's input), including fields a route declares with a bare `z.string()`.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const refused = refusedCharacterErrors(input);
  const result = schema.safeParse(input);
  if (result.success && refused.length === 0) return result.data;
  const named = new Set(refused.map((e) => e.field));
  const errors: FieldError[] = [
    ...refused,
    ...(result.success ? [] : result.error.issues)
      .map((issue) => ({
        field: issue.path.map(String).join('.') || '(body)',
        message: issue.message,
      }))
      // A field with a refused character is named once, for that character.
      .filter((e) => !named.has(e.field)),
  ];
  throw new AppError('validation', 'Dữ liệu không hợp lệ', errors);
}
