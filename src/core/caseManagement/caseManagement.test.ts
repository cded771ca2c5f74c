import { describe, expect, it } from 'vitest';
import { NEED_STATUSES, needOrder, needStatusRefusal, nextNeedStatuses } from './needs.js';
import {
  isReferralClosed,
  outcomeNoteRequired,
  REFERRAL_STATUSES,
  referralDatesAfter,
  referralStatusRefusal,
} from './referrals.js';

describe('case management need statuses', () => {
  it('allows exactly the listed moves, and staying put', () => {
    for (const from of NEED_STATUSES) {
      for (const to of NEED_STATUSES) {
        const allowed = from === to || nextNeedStatuses(from).includes(to);
        expect(needStatusRefusal(from, to) === null, `${from} → ${to}`).toBe(allowed);
      }
    }
    expect(needStatusRefusal('met', 'declined')).toBe('A met need can only become in progress.');
    expect(needStatusRefusal('met', 'in_progress')).toBeNull();
    expect(needStatusRefusal('declined', 'identified')).toBeNull();
  });

  it('puts open needs first, high priority first', () => {
    const needs = [
      { id: 'met-high', status: 'met', priority: 'high' },
      { id: 'open-low', status: 'identified', priority: 'low' },
      { id: 'open-high', status: 'in_progress', priority: 'high' },
    ] as const;
    expect([...needs].sort(needOrder).map((n) => n.id)).toEqual(['open-high', 'open-low', 'met-high']);
  });
});

describe('community referral statuses', () => {
  it('moves planned → sent → accepted → completed, with no-shows rebooked', () => {
    expect(referralStatusRefusal('planned', 'sent')).toBeNull();
    expect(referralStatusRefusal('sent', 'accepted')).toBeNull();
    expect(referralStatusRefusal('accepted', 'completed')).toBeNull();
    expect(referralStatusRefusal('accepted', 'no_show')).toBeNull();
    expect(referralStatusRefusal('no_show', 'accepted')).toBeNull();
    expect(referralStatusRefusal('planned', 'completed')).toBe(
      'A planned referral can only become sent or declined.',
    );
  });

  it('keeps declined and completed referrals final', () => {
    for (const to of REFERRAL_STATUSES) {
      if (to === 'completed') continue;
      expect(referralStatusRefusal('completed', to)).toContain('final');
    }
    expect(referralStatusRefusal('declined', 'planned')).toContain('make a new referral');
  });

  it('asks for an outcome note when a referral is declined or missed', () => {
    expect(REFERRAL_STATUSES.filter(outcomeNoteRequired)).toEqual(['declined', 'no_show']);
    expect(REFERRAL_STATUSES.filter(isReferralClosed)).toEqual(['declined', 'completed', 'no_show']);
  });

  it('fills the sent and closed dates from the status change', () => {
    const none = { sentOn: null, closedOn: null };
    expect(referralDatesAfter('sent', '2026-11-20', none)).toEqual({ sentOn: '2026-11-20', closedOn: null });
    expect(referralDatesAfter('accepted', '2026-11-22', { sentOn: '2026-11-20', closedOn: null })).toEqual({
      sentOn: '2026-11-20',
      closedOn: null,
    });
    expect(referralDatesAfter('no_show', '2026-11-24', { sentOn: '2026-11-20', closedOn: null })).toEqual({
      sentOn: '2026-11-20',
      closedOn: '2026-11-24',
    });
    expect(
      referralDatesAfter('accepted', '2026-11-25', { sentOn: '2026-11-20', closedOn: '2026-11-24' }),
    ).toEqual({ sentOn: '2026-11-20', closedOn: null });
  });
});
