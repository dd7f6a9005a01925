import { describe, expect, it } from 'vitest';
import { hashPassword } from './accounts.service.ts';
import {
  ACCOUNT_POLICY,
  addMinutes,
  hashToken,
  isLocked,
  lockAfterFailures,
  lockSetAside,
  newApiToken,
  organizationExistsOn,
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

  it('a username and address lock at the limit of consecutive failures, for the lock time', () => {
    for (let i = 1; i < ACCOUNT_POLICY.maxFailedLogins; i++)
      expect(lockAfterFailures('sign_in', i, NOW)).toBeNull();
    const lockedUntil = lockAfterFailures('sign_in', ACCOUNT_POLICY.maxFailedLogins, NOW);
    expect(lockedUntil).toBe(addMinutes(NOW, ACCOUNT_POLICY.lockMinutes));
    expect(isLocked(lockedUntil, addMinutes(NOW, ACCOUNT_POLICY.lockMinutes - 1))).toBe(true);
    expect(isLocked(lockedUntil, addMinutes(NOW, ACCOUNT_POLICY.lockMinutes))).toBe(false);
    expect(lockAfterFailures('password_check', ACCOUNT_POLICY.maxFailedPasswordChecks, NOW)).toBe(
      addMinutes(NOW, ACCOUNT_POLICY.passwordCheckLockMinutes),
    );
  });

  it('only an administrator at an address they signed in from before is never locked out', () => {
    expect(lockSetAside('admin', true)).toBe(true);
    expect(lockSetAside('admin', false)).toBe(false);
    expect(lockSetAside('officer', true)).toBe(false);
  });

  it('an organization exists from its establishment until the day it is dissolved', () => {
    const organization = { establishedOn: '2010-01-01', dissolvedOn: '2025-07-01' };
    expect(organizationExistsOn(organization, '2009-12-31')).toBe(false);
    expect(organizationExistsOn(organization, '2010-01-01')).toBe(true);
    expect(organizationExistsOn(organization, '2025-06-30')).toBe(true);
    expect(organizationExistsOn(organization, '2025-07-01')).toBe(false);
    expect(organizationExistsOn({ ...organization, dissolvedOn: null }, '2099-01-01')).toBe(true);
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
