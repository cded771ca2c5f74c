import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeDraftSections } from './draftMerge.js';
import { groupNoteCopies } from './groupNoteCopies.js';
import { attendeesNamedIn } from './namedAttendees.js';
import { hoursOverdue, isLate, noteDueAt, sectionProblems, unsignableSections } from './noteRules.js';
import { defaultTemplateFor, noteTypesWrittenBy } from './noteTypes.js';
import { objectiveLinkProblems } from './objectiveLinks.js';
import { sectionKeyFrom, templateSectionProblems } from './templateRules.js';

describe('mergeDraftSections', () => {
  it('takes the side that changed each section and flags sections both changed', () => {
    const base = { data: 'a', assessment: 'b', plan: 'c' };
    const mine = { data: 'a mine', assessment: 'b', plan: 'c mine' };
    const theirs = { data: 'a', assessment: 'b theirs', plan: 'c theirs' };
    expect(mergeDraftSections(base, mine, theirs)).toEqual({
      merged: { data: 'a mine', assessment: 'b theirs', plan: 'c theirs' },
      conflicts: [{ key: 'plan', mine: 'c mine', theirs: 'c theirs' }],
    });
  });

  it('never drops text: every section is theirs, mine, or a conflict that keeps both', () => {
    const sections = fc.dictionary(
      fc.constantFrom('data', 'assessment', 'plan'),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(sections, sections, sections, (base, mine, theirs) => {
        const { merged, conflicts } = mergeDraftSections(base, mine, theirs);
        for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
          const m = mine[key] ?? '';
          const t = theirs[key] ?? '';
          const conflict = conflicts.find((c) => c.key === key);
          if (conflict) expect([conflict.mine, conflict.theirs]).toEqual([m, t]);
          else expect([m, t]).toContain(merged[key]);
          // A change made on only one side always survives.
          if (t === (base[key] ?? '')) expect(merged[key]).toBe(m);
        }
      }),
    );
  });
});

describe('attendeesNamedIn', () => {
  const attendees = [
    { patientId: 'p1', firstName: 'José', lastName: 'Rivera', preferredName: null },
    { patientId: 'p2', firstName: 'Ann', lastName: 'Lee', preferredName: 'Annie' },
    { patientId: 'p3', firstName: 'Al', lastName: 'Marshall', preferredName: null },
  ];
  it('finds first, preferred and last names as whole words, ignoring case and accents', () => {
    expect(attendeesNamedIn('Members discussed triggers; jose shared first.', attendees)).toEqual(['p1']);
    expect(attendeesNamedIn('ANNIE led the check-in. Marshall listened.', attendees)).toEqual(['p2', 'p3']);
  });
  it('does not match names inside other words or names too short to be distinctive', () => {
    expect(attendeesNamedIn('We planned the annual picnic; all members attended.', attendees)).toEqual([]);
    expect(attendeesNamedIn('Leeway for everyone.', attendees)).toEqual([]);
  });
});

describe('groupNoteCopies', () => {
  it('gives each attendee the narrative and their own section, nothing of the others', () => {
    const copies = groupNoteCopies({
      title: 'Relapse prevention group',
      serviceDate: '2026-11-24',
      narrative: ' Topic: high-risk situations. ',
      attendees: [
        { patientId: 'p1', minutes: 90, section: 'Shared a plan for weekends.', objectiveIds: ['o1', 'o1'] },
        { patientId: 'p2', minutes: 60, section: 'Left early for work.', objectiveIds: [] },
      ],
    });
    expect(copies).toEqual([
      {
        patientId: 'p1',
        title: 'Relapse prevention group',
        serviceDate: '2026-11-24',
        minutes: 90,
        sections: { narrative: 'Topic: high-risk situations.', individual: 'Shared a plan for weekends.' },
        objectiveIds: ['o1'],
      },
      {
        patientId: 'p2',
        title: 'Relapse prevention group',
        serviceDate: '2026-11-24',
        minutes: 60,
        sections: { narrative: 'Topic: high-risk situations.', individual: 'Left early for work.' },
        objectiveIds: [],
      },
    ]);
    expect(JSON.stringify(copies[0])).not.toContain('p2');
    expect(JSON.stringify(copies[0])).not.toContain('Left early');
  });
});

describe('note rules', () => {
  it('makes a note due 24 hours after the session and late once that passes unsigned', () => {
    const due = noteDueAt(new Date('2026-11-24T15:00:00.000Z'), 24);
    expect(due.toISOString()).toBe('2026-11-25T15:00:00.000Z');
    expect(isLate({ status: 'draft', dueAt: due.toISOString() }, new Date('2026-11-25T15:00:01.000Z'))).toBe(
      true,
    );
    expect(isLate({ status: 'draft', dueAt: due.toISOString() }, new Date('2026-11-25T14:59:59.000Z'))).toBe(
      false,
    );
    expect(isLate({ status: 'signed', dueAt: due.toISOString() }, new Date('2026-12-25T00:00:00.000Z'))).toBe(
      false,
    );
  });
  it('counts whole hours overdue, never below zero', () => {
    const now = new Date('2026-11-25T18:59:00.000Z');
    expect(hoursOverdue('2026-11-25T15:00:00.000Z', now)).toBe(3);
    expect(hoursOverdue('2026-11-25T18:30:00.000Z', now)).toBe(0);
    expect(hoursOverdue('2026-11-26T15:00:00.000Z', now)).toBe(0);
    expect(hoursOverdue('2026-11-20T18:59:00.000Z', now)).toBe(120);
  });

  it('checks sections against the template and asks for every section before signing', () => {
    const dap = defaultTemplateFor('individual').sections;
    expect(sectionProblems({ data: 'x', mood: 'y' }, dap)).toEqual([
      { field: '/sections/mood', message: 'is not a section of this note’s template' },
    ]);
    expect(unsignableSections({ data: 'x', assessment: '  ' }, dap).map((f) => f.field)).toEqual([
      '/sections/assessment',
      '/sections/plan',
    ]);
  });
  it('lets case managers write case management notes only', () => {
    expect(noteTypesWrittenBy('case_manager')).toEqual(['case_management']);
    expect(noteTypesWrittenBy('clinician')).not.toContain('group');
    expect(noteTypesWrittenBy('front_desk')).toEqual([]);
  });
});

describe('objectiveLinkProblems', () => {
  const plan = new Set(['o1', 'o2']);
  it('accepts the patient’s current objectives and refuses any other, by position', () => {
    expect(objectiveLinkProblems(['o2', 'o1'], plan, [], '/objectiveIds')).toEqual([]);
    expect(objectiveLinkProblems(['o1', 'x9', 'o2', 'x8'], plan, [], '/attendees/3/objectiveIds')).toEqual([
      {
        field: '/attendees/3/objectiveIds/1',
        message: 'is not an objective of this patient’s current treatment plan',
      },
      {
        field: '/attendees/3/objectiveIds/3',
        message: 'is not an objective of this patient’s current treatment plan',
      },
    ]);
  });
  it('keeps a link the draft already holds after a review dropped its objective', () => {
    expect(objectiveLinkProblems(['o1', 'old'], plan, ['old'], '/objectiveIds')).toEqual([]);
    expect(objectiveLinkProblems(['o1'], new Set(), [], '/objectiveIds')).toHaveLength(1);
  });
});

describe('note template rules', () => {
  it('asks for unique, well-formed keys, labels and at least one section', () => {
    expect(templateSectionProblems([])).toEqual([
      { field: '/sections', message: 'must have at least one section' },
    ]);
    expect(
      templateSectionProblems([
        { key: 'data', label: 'Data', hint: '' },
        { key: 'data', label: ' ', hint: '' },
        { key: 'Bad key', label: 'X', hint: '' },
      ]).map((p) => p.field),
    ).toEqual(['/sections/1/key', '/sections/1/label', '/sections/2/key']);
  });
  it('derives a free key for a new section from its label', () => {
    expect(sectionKeyFrom('Risk review', [])).toBe('risk_review');
    expect(sectionKeyFrom('Risk review', ['risk_review'])).toBe('risk_review_2');
    expect(sectionKeyFrom('¿Qué pasó?', [])).toBe('que_paso');
    expect(sectionKeyFrom('123', [])).toBe('section');
  });
});
