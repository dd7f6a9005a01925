import type { z } from 'zod';
import { AppError, type FieldError } from './errors.ts';

/** Parses input with a Zod schema; on failure throws a `validation` AppError naming every field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  throw new AppError('validation', 'Dữ liệu không hợp lệ', errors);
}
