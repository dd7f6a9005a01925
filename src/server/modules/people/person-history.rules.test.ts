import { describe, expect, it } from 'vitest';
import { placeRunSince, valueOn, type Period } from './person-history.rules.ts';

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

describe('placeRunSince: since when a person has been, without a break, in accepted places', () => {
  const moves: Period<number>[] = [
    { id: 1, value: 10, validFrom: '2000-01-01', validTo: '2020-01-01' },
    { id: 2, value: 11, validFrom: '2020-01-01', validTo: '2024-05-01' },
    { id: 3, value: 12, validFrom: '2024-05-01', validTo: OPEN },
  ];
  it('joins consecutive periods in accepted units and stops at the first one outside', () => {
    expect(placeRunSince(moves, '2025-01-01', (u) => u !== 10)).toBe('2020-01-01');
    expect(placeRunSince(moves, '2025-01-01', (u) => u === 12)).toBe('2024-05-01');
    expect(placeRunSince(moves, '2025-01-01', () => true)).toBe('2000-01-01');
  });
  it('is unknown when the place on the date is outside or not recorded', () => {
    expect(placeRunSince(moves, '2025-01-01', (u) => u === 10)).toBeNull();
    expect(placeRunSince(moves, '1999-01-01', () => true)).toBeNull();
  });
});
