import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { parseInput } from './validation.ts';

function refusal(schema: z.ZodType, input: unknown): AppError {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('parseInput accepted the input');
}

describe('parseInput refuses NUL, control and bidirectional characters in every string', () => {
  const schema = z.object({
    name: z.string(),
    steps: z.array(z.object({ note: z.string().optional(), code: z.string().regex(/^[A-Z]+$/) })),
  });

  it('names each field, however nested, once, for the character', () => {
    const error = refusal(schema, {
      name: 'Bản\u202E',
      steps: [{ code: 'AB' }, { code: 'A\u0000', note: 'x\u2067' }],
    });
    expect(error.code).toBe('validation');
    expect(error.errors.map((e) => e.field).sort()).toEqual([
      'name',
      'steps.1.code',
      'steps.1.note',
    ]);
    expect(error.errors.find((e) => e.field === 'steps.1.code')?.message).toContain('U+0000');
  });

  it('lists the schema’s own errors for the other fields beside them', () => {
    const error = refusal(schema, { name: '\u200F', steps: [{ code: 'lower' }] });
    expect(error.errors.map((e) => e.field).sort()).toEqual(['name', 'steps.0.code']);
  });

  it('checks fields the schema does not know, and leaves passwords alone', () => {
    expect(refusal(z.object({}).passthrough(), { extra: ['\u0000'] }).errors[0]?.field).toBe(
      'extra.0',
    );
    const login = z.object({ username: z.string(), password: z.string(), newPassword: z.string() });
    expect(
      parseInput(login, { username: 'a', password: 'p\u0000\u202E', newPassword: '\u200E' }),
    ).toMatchObject({ password: 'p\u0000\u202E' });
  });

  it('walks a body nested 100,000 levels deep without overflowing the stack', () => {
    let deep: unknown = 'đáy\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const error = refusal(z.unknown(), deep);
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]?.field).toBe(Array.from({ length: 100_000 }, () => '0').join('.'));
  });

  it('passes Vietnamese text, tabs and line breaks through', () => {
    expect(parseInput(z.string(), 'Điện Biên Đông\t\r\n')).toBe('Điện Biên Đông\t\r\n');
  });
});
