import { describe, expect, it } from 'vitest';
import { valueOn, type Period } from './person-history.rules.ts';

const OPEN = '9999-12-31';
const periods: Period<string>[] = [
  { id: 2, value: 'B', validFrom: '2024-03-01', validTo: OPEN },
  { id: 1, value: 'A', validFrom: '2015-01-01', validTo: '2024-03-01' },
];

describe('valueOn: the value of a dated history on a date', () => {
  it('takes the period covering the date, the day of a change belonging to the new one', () => {
    expect(valueOn(periods, '2023-12-31', 'B', 'none')).toBe('A');
    expect(valueOn(periods, '2024-03-01', 'B', 'none')).toBe('B');
    expect(valueOn(periods, '2026-11-27', 'B', 'none')).toBe('B');
  });
  it('before the first period: nothing for a place, the first value for a fact', () => {
    expect(valueOn(periods, '2014-12-31', 'B', 'none')).toBeNull();
    expect(valueOn(periods, '2014-12-31', 'B', 'first')).toBe('A');
  });
  it('without any period the current value holds at every date', () => {
    expect(valueOn([], '1990-01-01', 'C', 'none')).toBe('C');
  });
});
