import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.ts';

/** Parses TRUST_PROXY alone; a refusal surfaces as the error lines loadConfig prints before exiting. */
function trustProxy(value: string | undefined) {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  vi.spyOn(process, 'exit').mockImplementation(() => {
    throw new Error(errors.join('\n'));
  });
  return loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY;
}

describe('TRUST_PROXY', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is off unless set', () => {
    expect(trustProxy(undefined)).toBe(false);
    expect(trustProxy('')).toBe(false);
    expect(trustProxy('false')).toBe(false);
  });

  it('takes true, or the proxies’ addresses and CIDR ranges separated by commas', () => {
    expect(trustProxy('true')).toBe(true);
    expect(trustProxy('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(trustProxy(' 10.0.0.1, 192.168.0.0/16 ,fd00::/8,loopback')).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses anything else, naming the bad entries', () => {
    expect(() => trustProxy('10.0.0.1,proxy.example')).toThrow(/TRUST_PROXY.*proxy\.example/);
    expect(() => trustProxy('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
    expect(() => trustProxy('10.0.0.1,')).toThrow(/TRUST_PROXY.*\(empty\)/);
  });

  it('refuses a hop count, which Fastify 5 ignores (every user would share the proxy’s address)', () => {
    expect(() => trustProxy('1')).toThrow(/TRUST_PROXY.*hop count/);
  });
});
