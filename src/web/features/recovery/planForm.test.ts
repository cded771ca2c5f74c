import { describe, expect, it } from 'vitest';
import type { PlanVersion, SupportContact } from '../../../core/api/recovery.js';
import { EMPTY_DRAFT } from '../../../core/recovery/relapsePlan.js';
import { addItem, draftFromVersion, restoreItem, sameDraft } from './planForm.js';

const version = (contactIds: string[]): PlanVersion => ({
  versionNumber: 3,
  savedAt: '2026-11-20T15:00:00.000Z',
  savedBy: { id: 'u', displayName: 'Dana' },
  current: true,
  changes: [],
  content: {
    triggers: ['Payday'],
    warningSigns: [],
    copingStrategies: [],
    supportContacts: contactIds.map((id) => ({
      contactId: id,
      name: id,
      relationship: 'Friend',
      phone: '+18605550123',
    })),
    otherSupports: [],
    crisisSteps: [],
    crisisLines: [],
    reasonsForRecovery: [],
  },
});

describe('relapse prevention plan editor state', () => {
  it('starts a new plan with 988 and an existing one from its current version', () => {
    expect(draftFromVersion(null, []).crisisLines.map((l) => l.number)).toEqual(['988']);
    const active = [{ id: 'a' }, { id: 'c' }] as SupportContact[];
    const draft = draftFromVersion(version(['a', 'b']), active);
    expect(draft.triggers).toEqual(['Payday']);
    expect(draft.supportContactIds).toEqual(['a']);
  });

  it('sees no change when only spacing or repeats differ', () => {
    expect(
      sameDraft(
        { ...EMPTY_DRAFT, triggers: ['Payday'] },
        { ...EMPTY_DRAFT, triggers: [' Payday', 'payday'] },
      ),
    ).toBe(true);
    expect(
      sameDraft({ ...EMPTY_DRAFT, triggers: ['Payday'] }, { ...EMPTY_DRAFT, triggers: ['Paydays'] }),
    ).toBe(false);
  });

  it('adds typed items, refusing empty, repeated and overlong ones with a reason', () => {
    expect(addItem(['Payday'], '  Old  friends ')).toEqual({ ok: true, items: ['Payday', 'Old friends'] });
    expect(addItem(['Payday'], 'PAYDAY')).toEqual({ ok: false, message: '“PAYDAY” is already in the list.' });
    expect(addItem([], '   ')).toMatchObject({ ok: false });
    expect(addItem([], 'x'.repeat(301))).toMatchObject({ ok: false });
  });

  it('puts an undone removal back in its place', () => {
    expect(restoreItem(['a', 'c'], 'b', 1)).toEqual(['a', 'b', 'c']);
    expect(restoreItem(['a'], 'b', 9)).toEqual(['a', 'b']);
    expect(restoreItem(['a', 'b'], 'B', 0)).toEqual(['a', 'b']);
  });
});
