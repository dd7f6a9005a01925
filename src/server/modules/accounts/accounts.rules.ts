import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Pure account policy: token formats, expiry and lock-out arithmetic, password strength. No
 * database and no clock of its own: callers pass "now", so tests can move time.
 */

/** Policy values; kept together so docs/security.md and the tests can quote them. */
export const ACCOUNT_POLICY = {
  /** A session ends after this long without a request. */
  sessionIdleMinutes: 30,
  /** A session ends this long after sign-in whatever happens. */
  sessionAbsoluteHours: 12,
  /** Consecutive failed sign-ins of one username from one client address that lock that pair. */
  maxFailedLogins: 5,
  /** How long a sign-in lock lasts. */
  lockMinutes: 15,
  /** Consecutive wrong current passwords (password change) that lock the user's password change. */
  maxFailedPasswordChecks: 5,
  /** How long a password-change lock lasts. */
  passwordCheckLockMinutes: 15,
  /** Failure counts untouched this long are forgotten (the rows are pruned). */
  throttleForgetHours: 24,
  /** Sign-in requests allowed per client address per window (HTTP rate limit). */
  loginRateLimitMax: 10,
  /** The rate limit's window. */
  loginRateLimitWindow: '1 minute',
  /** Password-change requests allowed per client address per window (HTTP rate limit). */
  passwordRateLimitMax: 10,
  /** The rate limit's window. */
  passwordRateLimitWindow: '1 minute',
  /** Shortest password accepted. */
  minPasswordLength: 10,
  /** Longest password accepted (argon2 input bound; stops hashing megabytes). */
  maxPasswordLength: 256,
} as const;

/** The session cookie's name (SPEC §9: cookie security scheme in the OpenAPI document). */
export const SESSION_COOKIE = 'dangvien_session';

/** The header that carries the CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = 'x-csrf-token';

/** Prefix of API bearer tokens, so a leaked one is recognisable by secret scanners. */
export const API_TOKEN_PREFIX = 'dvt_';

/** A new random secret (256 bits), URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A new API token: the prefix and a random secret. */
export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${newSecret()}`;
}

/**
 * The stored form of a session or API token. Tokens are 256-bit random, so a fast hash is enough
 * (no dictionary to attack) and lets the lookup be one indexed equality.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time string comparison (CSRF tokens). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** An ISO instant `minutes` after `now`. */
export function addMinutes(now: string, minutes: number): string {
  return new Date(Date.parse(now) + minutes * 60_000).toISOString();
}

/** When a session signed in at `now` ends at the latest. */
export function sessionExpiry(now: string): string {
  return addMinutes(now, ACCOUNT_POLICY.sessionAbsoluteHours * 60);
}

/** Why a stored session no longer authenticates, or null while it does. */
export function sessionProblem(
  session: { lastSeenAt: string; expiresAt: string; revokedAt: string | null },
  now: string,
): 'revoked' | 'expired' | 'idle' | null {
  if (session.revokedAt !== null) return 'revoked';
  if (now >= session.expiresAt) return 'expired';
  if (now >= addMinutes(session.lastSeenAt, ACCOUNT_POLICY.sessionIdleMinutes)) return 'idle';
  return null;
}

/** Whether a user is locked out at `now`. */
export function isLocked(lockedUntil: string | null, now: string): boolean {
  return lockedUntil !== null && now < lockedUntil;
}

/** What a throttle counts: sign-ins (per username and address) or a signed-in user's password checks. */
export type ThrottlePurpose = 'sign_in' | 'password_check';

const THROTTLE_LIMITS: Record<ThrottlePurpose, { max: number; lockMinutes: number }> = {
  sign_in: { max: ACCOUNT_POLICY.maxFailedLogins, lockMinutes: ACCOUNT_POLICY.lockMinutes },
  password_check: {
    max: ACCOUNT_POLICY.maxFailedPasswordChecks,
    lockMinutes: ACCOUNT_POLICY.passwordCheckLockMinutes,
  },
};

/** When the lock that `failures` consecutive failures start ends, or null below the limit. */
export function lockAfterFailures(
  purpose: ThrottlePurpose,
  failures: number,
  now: string,
): string | null {
  const limits = THROTTLE_LIMITS[purpose];
  return failures >= limits.max ? addMinutes(now, limits.lockMinutes) : null;
}

/**
 * Whether a sign-in lock is set aside: an administrator is never locked out from an address they
 * have signed in from before, so an attacker sharing (or spoofing) no such address cannot shut the
 * administrators out; anyone else stays locked.
 */
export function lockSetAside(role: string, knownAddress: boolean): boolean {
  return role === 'admin' && knownAddress;
}

/** Whether an organization exists on a day: established on or before it, not dissolved by then. */
export function organizationExistsOn(
  organization: { establishedOn: string; dissolvedOn: string | null },
  day: string,
): boolean {
  return (
    organization.establishedOn <= day &&
    (organization.dissolvedOn === null || day < organization.dissolvedOn)
  );
}

/** Problems with a new password (Vietnamese messages), empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < ACCOUNT_POLICY.minPasswordLength)
    problems.push(`Mật khẩu cần ít nhất ${ACCOUNT_POLICY.minPasswordLength} ký tự`);
  if (password.length > ACCOUNT_POLICY.maxPasswordLength)
    problems.push(`Mật khẩu dài quá ${ACCOUNT_POLICY.maxPasswordLength} ký tự`);
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('Mật khẩu không được chứa tên đăng nhập');
  if (new Set(password).size < 4) problems.push('Mật khẩu quá đơn giản');
  return problems;
}

/** A random password for generated accounts (demo): 20 characters without look-alikes. */
export function randomPassword(length = 20): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
