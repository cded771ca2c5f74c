import { describe, expect, it } from 'vitest';
import {
  diffPlans,
  EMPTY_DRAFT,
  isEmptyPlan,
  normaliseDraft,
  type PlanContent,
  samePlanContent,
  summariseChanges,
} from './relapsePlan.js';

const content = (overrides: Partial<PlanContent> = {}): PlanContent => ({
  triggers: ['Payday'],
  warningSigns: ['Skipping meals'],
  copingStrategies: ['Call my sponsor'],
  supportContacts: [{ contactId: 'c1', name: 'Sam Rivera', relationship: 'Sponsor', phone: '+18605550123' }],
  otherSupports: ['Tuesday night meeting'],
  crisisSteps: ['Leave the place'],
  crisisLines: [{ name: '988 Suicide & Crisis Lifeline', number: '988' }],
  reasonsForRecovery: ['My daughter'],
  ...overrides,
});

describe('relapse prevention plan drafts', () => {
  it('cleans every list, de-duplicates contacts and crisis lines, and stores numbers in one form', () => {
    const { draft, problems } = normaliseDraft({
      ...EMPTY_DRAFT,
      triggers: [' Payday', 'payday ', ''],
      supportContactIds: ['a', 'b', 'a'],
      crisisLines: [
        { name: ' 988 Lifeline ', number: '988' },
        { name: 'Same line again', number: ' 988' },
        { name: 'Helpline', number: '(800) 662-4357' },
      ],
    });
    expect(problems).toEqual([]);
    expect(draft.triggers).toEqual(['Payday']);
    expect(draft.supportContactIds).toEqual(['a', 'b']);
    expect(draft.crisisLines).toEqual([
      { name: '988 Lifeline', number: '988' },
      { name: 'Helpline', number: '+18006624357' },
    ]);
  });

  it('names each wrong field', () => {
    const { problems } = normaliseDraft({
      ...EMPTY_DRAFT,
      copingStrategies: ['fine', 'x'.repeat(301)],
      crisisLines: [{ name: '', number: '12' }],
    });
    expect(problems.map((p) => p.field)).toEqual([
      '/copingStrategies/1',
      '/crisisLines/0/name',
      '/crisisLines/0/number',
    ]);
  });
});

describe('relapse prevention plan versions', () => {
  it('treats identical content as unchanged and any edit, reorder or new phone as a change', () => {
    expect(samePlanContent(content(), content())).toBe(true);
    expect(samePlanContent(content(), content({ triggers: ['Payday', 'Loneliness'] }))).toBe(false);
    expect(samePlanContent(content({ triggers: ['A', 'B'] }), content({ triggers: ['B', 'A'] }))).toBe(false);
    const moved = content({
      supportContacts: [
        { contactId: 'c1', name: 'Sam Rivera', relationship: 'Sponsor', phone: '+18605550199' },
      ],
    });
    expect(samePlanContent(content(), moved)).toBe(false);
  });

  it('lists what each section gained and lost, and says it in one line', () => {
    const after = content({
      triggers: ['Payday', 'Old friends'],
      crisisLines: [],
      reasonsForRecovery: ['my daughter'],
    });
    const changes = diffPlans(content(), after);
    expect(changes).toEqual([
      { section: 'triggers', added: ['Old friends'], removed: [] },
      { section: 'crisisLines', added: [], removed: ['988 Suicide & Crisis Lifeline: 988'] },
    ]);
    expect(summariseChanges(changes)).toBe('triggers: 1 added; crisis lines: 1 removed');
    expect(summariseChanges([])).toBe('No changes');
  });

  it('knows an empty plan', () => {
    expect(
      isEmptyPlan({
        triggers: [],
        warningSigns: [],
        copingStrategies: [],
        supportContacts: [],
        otherSupports: [],
        crisisSteps: [],
        crisisLines: [],
        reasonsForRecovery: [],
      }),
    ).toBe(true);
    expect(isEmptyPlan(content())).toBe(false);
  });
});
