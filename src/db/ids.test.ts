import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './ids.js';

describe('timeOrderedId', () => {
  it('is a version-7 UUID whose text sorts by creation time', () => {
    const earlier = timeOrderedId(Date.UTC(2026, 10, 24, 9, 0, 0));
    const later = timeOrderedId(Date.UTC(2026, 10, 24, 9, 0, 1));
    for (const id of [earlier, later]) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(earlier < later).toBe(true);
    expect(timeOrderedId()).not.toBe(timeOrderedId());
  });
});
