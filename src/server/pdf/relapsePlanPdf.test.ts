import { describe, expect, it } from 'vitest';
import type { PlanVersion } from '../../core/api/recovery.js';
import { asPrinted, readPdf } from '../testing/pdfText.js';
import { CONFIDENTIALITY_LINE } from './pdfDocument.js';
import { type RelapsePlanPrint, renderRelapsePlanPdf } from './relapsePlanPdf.js';

const PRINTED_AT = new Date('2026-11-24T15:00:00.000Z');

const version = (overrides: Partial<PlanVersion> = {}): PlanVersion => ({
  versionNumber: 2,
  savedAt: '2026-11-20T15:00:00.000Z',
  savedBy: { id: '7a1d4c8e-0000-4000-8000-000000000001', displayName: 'Dana Reyes' },
  current: true,
  content: {
    triggers: ['Payday', 'Driving past the old bar'],
    warningSigns: ['Skipping meetings'],
    copingStrategies: ['Call my sponsor', 'Walk the dog'],
    supportContacts: [
      {
        contactId: '7a1d4c8e-0000-4000-8000-000000000002',
        name: 'Sam Rivera',
        relationship: 'Sponsor',
        phone: '+18605550123',
      },
    ],
    otherSupports: ['Tuesday night meeting'],
    crisisSteps: ['Leave the place', 'Call someone on my list'],
    crisisLines: [{ name: '988 Suicide & Crisis Lifeline', number: '988' }],
    reasonsForRecovery: ['My kids'],
  },
  changes: [],
  ...overrides,
});

const printOf = (v: PlanVersion): RelapsePlanPrint => ({
  version: v,
  patient: { name: 'Jordan Avery', dateOfBirth: '1988-02-29', programName: 'Adult IOP' },
  timeZone: 'America/New_York',
  printedAt: PRINTED_AT,
});

describe('the relapse prevention plan PDF', () => {
  it('holds every section of the version in the chart’s order, with numbers to call', async () => {
    const pdf = await renderRelapsePlanPdf(printOf(version()));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pageCount, pages, text } = readPdf(pdf);
    expect(pageCount).toBe(1);
    const sections = [
      'My triggers • Payday • Driving past the old bar',
      'My warning signs • Skipping meetings',
      'What helps me cope • Call my sponsor • Walk the dog',
      'People I can call • Sam Rivera (Sponsor): (860) 555-0123 • Tuesday night meeting',
      'If I am in crisis • Leave the place • Call someone on my list',
      'If you are in danger or thinking of harming yourself • 988 Suicide & Crisis Lifeline: 988 • Emergency: 911',
      'My reasons for recovery • My kids',
    ];
    let from = 0;
    for (const section of sections) {
      const at = text.indexOf(section, from);
      expect(at, section).toBeGreaterThanOrEqual(from);
      from = at + section.length;
    }
    expect(text).toContain('Written Nov 20, 2026, 10:00 AM EST with Dana Reyes.');
    const page = asPrinted(pages[0] ?? '');
    expect(page).toContain('Relapse prevention plan: Jordan Avery');
    expect(page).toContain('Version 2 · Current version');
    expect(page).toContain('Date of birth: Feb 29, 1988');
    expect(page).toContain(CONFIDENTIALITY_LINE);
    expect(page).toContain('Page 1 of 1');
  });

  it('says on every page that an older version was replaced', async () => {
    const many = Array.from({ length: 70 }, (_, i) => `Trigger number ${i + 1}`);
    const old = version({ current: false, content: { ...version().content, triggers: many } });
    const { pageCount, pages, text } = readPdf(await renderRelapsePlanPdf(printOf(old)));
    expect(pageCount).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      expect(asPrinted(p)).toContain('Version 2 · Replaced by a newer version');
      expect(asPrinted(p)).toContain(`Page ${i + 1} of ${pageCount}`);
    });
    expect(text).toContain('A newer version of this plan replaces this one.');
    expect(text).toContain('Trigger number 70');
  });

  it('writes "Nothing written." under an empty section rather than leaving it out', async () => {
    const { text } = readPdf(
      await renderRelapsePlanPdf(printOf(version({ content: { ...version().content, warningSigns: [] } }))),
    );
    expect(text).toContain('My warning signs Nothing written. What helps me cope');
  });

  it('gives the same bytes for the same version printed at the same moment', async () => {
    const first = await renderRelapsePlanPdf(printOf(version()));
    expect((await renderRelapsePlanPdf(printOf(version()))).equals(first)).toBe(true);
  });
});
