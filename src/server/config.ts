import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from './db/database.ts';

/** Names proxy-addr (behind Fastify's `trustProxy`) accepts for address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or a range name. */
function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Which proxies in front of the server are trusted to say who the client is (X-Forwarded-For),
 * as Fastify's `trustProxy`: off (the default: the client is whoever connects), `true` (every
 * proxy: only when nothing but the proxy can reach the port), or the proxies' addresses and CIDR
 * ranges, comma-separated. A hop count is refused rather than passed on: Fastify 5 ignores it
 * (it cannot check who the nearest peer is), which would silently leave every user behind the
 * proxy sharing the proxy's address.
 */
const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): boolean | string[] => {
    if (value === '' || value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message:
          'a hop count is not supported (Fastify ignores it: it cannot check the nearest proxy); give the proxy addresses, e.g. 127.0.0.1 or 10.0.0.0/8',
      });
      return z.NEVER;
    }
    const entries = value.split(',').map((entry) => entry.trim());
    const bad = entries.filter((entry) => !isAddressOrRange(entry));
    if (bad.length > 0) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `must be true, false, a hop count or addresses/CIDR ranges separated by commas (bad: ${bad.join(', ') || '(empty)'})`,
      });
      return z.NEVER;
    }
    return entries;
  });

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
  /** The reverse proxies trusted for the client address (rate limits, lock-outs, audit). */
  TRUST_PROXY: trustProxy,
  /** The directory of scanned dossier files (default: `files/` beside the SQLite database). */
  FILES_DIR: z.string().trim().min(1).optional(),
  /** The largest scan accepted, in MB (default 20). */
  SCAN_MAX_MB: z.coerce.number().positive().max(1024).default(20),
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
