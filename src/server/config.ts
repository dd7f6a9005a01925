import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from './db/database.ts';

/** Environment variables the server reads, parsed once. */
const environment = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: or postgres://')
    .default(DEFAULT_DATABASE_URL),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when the server runs behind HTTPS so that cookies are marked Secure. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
});

/** The parsed configuration. */
export type Config = z.output<typeof environment>;

/** Parses the environment; lists every bad variable and exits on failure. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<keyof Config, string | number | undefined>> = {},
): Config {
  const merged: Record<string, unknown> = { ...env };
  for (const [key, value] of Object.entries(overrides))
    if (value !== undefined) merged[key] = value;
  const result = environment.safeParse(merged);
  if (!result.success) {
    for (const issue of result.error.issues)
      console.error(`dangvien: ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  return result.data;
}
