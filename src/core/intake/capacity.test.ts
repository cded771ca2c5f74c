import { describe, expect, it } from 'vitest';
import { capacityOfTrack, placesLeft, trackCapacitySetting } from './capacity.js';

describe('track capacity', () => {
  it('reads the clinic setting: a default and per-track values', () => {
    const setting = trackCapacitySetting({ default: 24, tracks: { t1: 18, t2: 'many', t3: -2 } });
    expect(setting).toEqual({ default: 24, tracks: { t1: 18 } });
    expect(capacityOfTrack(setting, 't1')).toBe(18);
    expect(capacityOfTrack(setting, 't2')).toBe(24);
  });

  it('treats a missing or malformed setting as unknown, never as zero places', () => {
    for (const value of [undefined, null, 'x', [], { default: 1.5 }, { tracks: [] }]) {
      const setting = trackCapacitySetting(value);
      expect(capacityOfTrack(setting, 't1')).toBeNull();
    }
  });

  it('counts places left without going below zero', () => {
    expect(placesLeft(12, 9)).toBe(3);
    expect(placesLeft(12, 15)).toBe(0);
    expect(placesLeft(null, 3)).toBeNull();
  });
});
