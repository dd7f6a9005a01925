import { describe, expect, it } from 'vitest';
import { hashPassword } from './accounts.service.ts';
import {
  ACCOUNT_POLICY,
  addMinutes,
  afterFailedLogin,
  hashToken,
  isLocked,
  newApiToken,
  passwordProblems,
  randomPassword,
  safeEqual,
  sessionExpiry,
  sessionProblem,
} from './accounts.rules.ts';

const NOW = '2026-11-27T03:00:00.000Z';

describe('account rules', () => {
  it('passwords are hashed with argon2id', async () => {
    expect(await hashPassword('Một-mật-khẩu-dài-2026')).toMatch(/^\$argon2id\$/);
  });

  it('tokens are random, prefixed, and stored as a SHA-256 hex digest', () => {
    const a = newApiToken();
    expect(a).toMatch(/^dvt_[A-Za-z0-9_-]{43}$/);
    expect(newApiToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
  });

  it('a session is valid until idle or absolute expiry, or revocation', () => {
    const session = { lastSeenAt: NOW, expiresAt: sessionExpiry(NOW), revokedAt: null };
    expect(sessionProblem(session, addMinutes(NOW, ACCOUNT_POLICY.sessionIdleMinutes - 1))).toBe(
      null,
    );
    expect(sessionProblem(session, addMinutes(NOW, ACCOUNT_POLICY.sessionIdleMinutes))).toBe(
      'idle',
    );
    const busy = { ...session, lastSeenAt: addMinutes(session.expiresAt, -1) };
    expect(sessionProblem(busy, session.expiresAt)).toBe('expired');
    expect(sessionProblem({ ...session, revokedAt: NOW }, NOW)).toBe('revoked');
  });

  it('the account locks at the limit of consecutive failures, for the lock time', () => {
    let state = { failedLogins: 0, lockedUntil: null as string | null };
    for (let i = 1; i < ACCOUNT_POLICY.maxFailedLogins; i++) {
      state = afterFailedLogin(state.failedLogins, NOW);
      expect(state).toEqual({ failedLogins: i, lockedUntil: null });
    }
    state = afterFailedLogin(state.failedLogins, NOW);
    expect(state.lockedUntil).toBe(addMinutes(NOW, ACCOUNT_POLICY.lockMinutes));
    expect(isLocked(state.lockedUntil, addMinutes(NOW, ACCOUNT_POLICY.lockMinutes - 1))).toBe(true);
    expect(isLocked(state.lockedUntil, addMinutes(NOW, ACCOUNT_POLICY.lockMinutes))).toBe(false);
  });

  it('weak passwords are refused with reasons', () => {
    expect(passwordProblems('ngắn', 'an')).toContain('Mật khẩu cần ít nhất 10 ký tự');
    expect(passwordProblems('nguyen.van.an-2026', 'nguyen.van.an')).toContain(
      'Mật khẩu không được chứa tên đăng nhập',
    );
    expect(passwordProblems('aaaaaaaaaaaa', 'an')).toContain('Mật khẩu quá đơn giản');
    expect(passwordProblems('Một-mật-khẩu-dài-2026', 'an')).toEqual([]);
    expect(passwordProblems(randomPassword(), 'admin')).toEqual([]);
  });

  it('CSRF tokens compare in constant time and only when equal', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
