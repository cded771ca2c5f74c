import { describe, expect, it } from 'vitest';
import { SELF_CHECK_MESSAGE_KEYS } from './selfCheckQuestions.js';
import { selfCheckMessages } from './selfCheckMessages.js';

const LANGUAGES = ['en', 'es'] as const;

/** Rough Flesch–Kincaid grade: enough to catch prose drifting well above the 6th–8th grade aim. */
const syllables = (word: string): number => {
  const w = word
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '')
    .replace(/^y/, '');
  return Math.max(1, w.match(/[aeiouy]{1,2}/g)?.length ?? 1);
};
const gradeLevel = (texts: string[]): number => {
  const text = texts.join(' ');
  const sentences = text.split(/[.!?]+/).filter((s) => s.trim() !== '').length;
  const words = text.split(/\s+/).filter((w) => /[a-z]/i.test(w));
  const syllableCount = words.reduce((sum, w) => sum + syllables(w), 0);
  return 0.39 * (words.length / sentences) + 11.8 * (syllableCount / words.length) - 15.59;
};

describe('selfCheckMessages', () => {
  it.each(LANGUAGES)('%s has every self-check key and no other', (language) => {
    expect(Object.keys(selfCheckMessages[language]).sort()).toEqual([...SELF_CHECK_MESSAGE_KEYS].sort());
  });

  it.each(LANGUAGES)('%s has no empty message', (language) => {
    const empty = Object.entries(selfCheckMessages[language]).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('translates the explanations rather than copying the English', () => {
    const copied = SELF_CHECK_MESSAGE_KEYS.filter(
      (key) => key.startsWith('selfCheck.reason.') && selfCheckMessages.es[key] === selfCheckMessages.en[key],
    );
    expect(copied).toEqual([]);
  });

  it('names 988 on the crisis screens in both languages', () => {
    for (const language of LANGUAGES) {
      expect(selfCheckMessages[language]['selfCheck.crisis.text']).toContain('988');
      expect(selfCheckMessages[language]['selfCheck.always.crisis']).toContain('988');
      expect(selfCheckMessages[language]['selfCheck.reason.crisis']).toContain('988');
    }
  });

  it('keeps the English explanations at about a 6th–8th grade reading level', () => {
    const prose = SELF_CHECK_MESSAGE_KEYS.filter((key) =>
      /^selfCheck\.(reason|likely|crisis|always)\./.test(key),
    ).map((key) => selfCheckMessages.en[key]);
    expect(gradeLevel(prose)).toBeLessThanOrEqual(8);
  });
});
