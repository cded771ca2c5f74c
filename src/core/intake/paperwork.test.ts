import { describe, expect, it } from 'vitest';
import {
  PAPERWORK_ITEMS,
  PAPERWORK_LABELS,
  checkPaperworkEntry,
  incompletePaperworkProblem,
  listOfItems,
  paperworkGate,
  type PaperworkEntry,
} from './paperwork.js';

const all = (status: string, waivedReason: string | null = null): PaperworkEntry[] =>
  PAPERWORK_ITEMS.map((item) => ({ item, status, waivedReason }));

describe('the admission paperwork checklist (SPEC §2)', () => {
  it('has the five documents SPEC §2 names, each with a label', () => {
    expect(PAPERWORK_ITEMS.map((i) => PAPERWORK_LABELS[i])).toEqual([
      'Consent to treatment',
      'Part 2 patient notice',
      'Privacy-notice acknowledgment',
      'Patient rights and grievance procedure',
      'Program agreement',
    ]);
  });

  it('is incomplete with nothing recorded, listing every item in checklist order', () => {
    expect(paperworkGate([])).toEqual({ complete: false, missing: [...PAPERWORK_ITEMS] });
  });

  it('is complete when every item is complete, or waived with a reason', () => {
    expect(paperworkGate(all('complete'))).toEqual({ complete: true, missing: [] });
    expect(paperworkGate(all('waived', 'Patient is deaf; interpreter booked for Thursday.'))).toEqual({
      complete: true,
      missing: [],
    });
  });

  it('counts neither pending items nor waivers without a reason', () => {
    const entries = all('complete').map((e) =>
      e.item === 'part2_notice'
        ? { ...e, status: 'pending' }
        : e.item === 'program_agreement'
          ? { ...e, status: 'waived', waivedReason: '   ' }
          : e,
    );
    expect(paperworkGate(entries)).toEqual({
      complete: false,
      missing: ['part2_notice', 'program_agreement'],
    });
  });

  it('ignores entries for unknown items and unknown statuses', () => {
    const entries = [...all('complete'), { item: 'photo_release', status: 'complete', waivedReason: null }];
    expect(paperworkGate(entries).complete).toBe(true);
    const odd = all('complete').map((e) =>
      e.item === 'consent_to_treatment' ? { ...e, status: 'signed' } : e,
    );
    expect(paperworkGate(odd).missing).toEqual(['consent_to_treatment']);
  });

  it('every subset of items recorded complete leaves exactly the rest missing', () => {
    for (let mask = 0; mask < 1 << PAPERWORK_ITEMS.length; mask += 1) {
      const done = PAPERWORK_ITEMS.filter((_, i) => (mask & (1 << i)) !== 0);
      const gate = paperworkGate(done.map((item) => ({ item, status: 'complete', waivedReason: null })));
      expect(gate.missing).toEqual(PAPERWORK_ITEMS.filter((item) => !done.includes(item)));
      expect(gate.complete).toBe(done.length === PAPERWORK_ITEMS.length);
    }
  });

  it('names the missing items in the refusal, one field each', () => {
    expect(listOfItems(['part2_notice'])).toBe('Part 2 patient notice');
    expect(listOfItems(['consent_to_treatment', 'part2_notice', 'program_agreement'])).toBe(
      'Consent to treatment, Part 2 patient notice and Program agreement',
    );
    const problem = incompletePaperworkProblem(['consent_to_treatment', 'program_agreement']);
    expect(problem.message).toContain(
      'Consent to treatment and Program agreement are neither complete nor waived',
    );
    expect(problem.fields.map((f) => f.field)).toEqual([
      '/paperwork/consent_to_treatment',
      '/paperwork/program_agreement',
    ]);
  });

  it('needs a reason to waive, and keeps reasons for waivers only', () => {
    expect(checkPaperworkEntry('waived', undefined)).toEqual([
      { field: '/waivedReason', message: expect.stringContaining('required') },
    ]);
    expect(checkPaperworkEntry('waived', '  ')).toHaveLength(1);
    expect(
      checkPaperworkEntry('waived', 'Reviewed verbally; signature after the interpreter visit.'),
    ).toEqual([]);
    expect(checkPaperworkEntry('complete', undefined)).toEqual([]);
    expect(checkPaperworkEntry('pending', undefined)).toEqual([]);
    expect(checkPaperworkEntry('complete', 'Why?')).toEqual([
      { field: '/waivedReason', message: expect.stringContaining('only') },
    ]);
  });
});
