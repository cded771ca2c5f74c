import { describe, expect, it } from 'vitest';
import type { PlanVersion } from '../../core/api/plans.js';
import { asPrinted, readPdf } from '../testing/pdfText.js';
import { CONFIDENTIALITY_LINE } from './pdfDocument.js';
import { renderTreatmentPlanPdf, type TreatmentPlanPrint } from './treatmentPlanPdf.js';

const CLINICIAN = '7a1d4c8e-0000-4000-8000-000000000001';
const PRINTED_AT = new Date('2026-11-24T15:00:00.000Z');

/** Version 3 of a plan: a signed review of version 2, with progress, the notes behind it and three signatures. */
const reviewVersion = (): PlanVersion => ({
  id: '7a1d4c8e-0000-4000-8000-000000000010',
  planId: '7a1d4c8e-0000-4000-8000-000000000011',
  number: 3,
  kind: 'review',
  status: 'signed',
  content: {
    problems: [
      {
        id: '7a1d4c8e-0000-4000-8000-000000000020',
        statement: 'Drinks most evenings after work; two lapses after outpatient care.',
        dimensions: ['d5'],
        diagnosisIds: [],
        goals: [
          {
            id: '7a1d4c8e-0000-4000-8000-000000000021',
            statement: 'I want to stop drinking so I can keep my job.',
            objectives: [
              {
                id: '7a1d4c8e-0000-4000-8000-000000000022',
                statement: 'Names 5 triggers and a coping response for each in a written plan.',
                targetDate: '2026-12-24',
                interventions: [
                  {
                    id: '7a1d4c8e-0000-4000-8000-000000000023',
                    description: 'Relapse prevention group',
                    modality: 'group',
                    frequency: '3 times a week',
                    responsibleUserId: CLINICIAN,
                  },
                ],
              },
              {
                id: '7a1d4c8e-0000-4000-8000-000000000024',
                statement: 'Attends 4 mutual-help meetings a week, shown by a signed attendance sheet.',
                targetDate: '2027-01-15',
                interventions: [],
              },
            ],
          },
        ],
      },
      {
        id: '7a1d4c8e-0000-4000-8000-000000000030',
        statement: 'Sleeps four hours a night since losing housing.',
        dimensions: ['d6', 'd3'],
        diagnosisIds: [],
        goals: [
          {
            id: '7a1d4c8e-0000-4000-8000-000000000031',
            statement: 'A bed of my own by spring.',
            objectives: [
              {
                id: '7a1d4c8e-0000-4000-8000-000000000032',
                statement: 'Completes a sober-living application with the case manager.',
                targetDate: '2026-12-10',
                interventions: [
                  {
                    id: '7a1d4c8e-0000-4000-8000-000000000033',
                    description: 'Housing referral and follow-up',
                    modality: 'case-management',
                    frequency: 'Weekly',
                    responsibleUserId: null,
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
  progress: [
    {
      objectiveId: '7a1d4c8e-0000-4000-8000-000000000022',
      status: 'progressing',
      comment: 'Three triggers named so far; payday is the hardest.',
    },
  ],
  reviewOf: {
    versionId: '7a1d4c8e-0000-4000-8000-000000000040',
    number: 2,
    signedAt: '2026-10-26T14:00:00.000Z',
    objectives: [
      {
        objectiveId: '7a1d4c8e-0000-4000-8000-000000000022',
        statement: 'Names 5 triggers and a coping response for each in a written plan.',
        targetDate: '2026-12-24',
        goal: 'I want to stop drinking so I can keep my job.',
        problem: 'Drinks most evenings after work; two lapses after outpatient care.',
        notes: [
          {
            noteId: '7a1d4c8e-0000-4000-8000-000000000050',
            serviceDate: '2026-11-03',
            title: 'Relapse prevention group',
            noteType: 'group_progress',
            authorName: 'Dana Reyes',
          },
        ],
      },
    ],
  },
  authorName: 'Dana Reyes',
  updatedByName: 'Dana Reyes',
  createdAt: '2026-11-20T14:00:00.000Z',
  updatedAt: '2026-11-20T14:30:00.000Z',
  signedAt: '2026-11-20T15:00:00.000Z',
  needsCosignature: true,
  cosignerName: 'Morgan Lee',
  cosignedAt: '2026-11-21T16:00:00.000Z',
  patientSignedAt: '2026-11-20T15:10:00.000Z',
  signatures: [
    {
      purpose: 'author',
      signerName: 'Dana Reyes',
      credential: 'LMSW 12345 (CT), valid through 2027-06-30',
      method: 'password',
      contentHash: 'ab'.repeat(32),
      signedAt: '2026-11-20T15:00:00.000Z',
    },
    {
      purpose: 'patient',
      signerName: 'Jordan Avery',
      credential: null,
      method: 'in_person',
      contentHash: 'ab'.repeat(32),
      signedAt: '2026-11-20T15:10:00.000Z',
    },
    {
      purpose: 'cosigner',
      signerName: 'Morgan Lee',
      credential: 'LCSW 777 (CT)',
      method: 'totp',
      contentHash: 'ab'.repeat(32),
      signedAt: '2026-11-21T16:00:00.000Z',
    },
  ],
  staffNames: { [CLINICIAN]: 'Dana Reyes' },
  version: 4,
});

const printOf = (version: PlanVersion, printedAt = PRINTED_AT): TreatmentPlanPrint => ({
  version,
  patient: { name: 'Jordan Avery', dateOfBirth: '1988-02-29', programName: 'Adult IOP' },
  timeZone: 'America/New_York',
  printedAt,
});

const draftOf = (version: PlanVersion): PlanVersion => ({
  ...version,
  status: 'draft',
  signedAt: null,
  cosignedAt: null,
  patientSignedAt: null,
  needsCosignature: false,
  cosignerName: null,
  signatures: [],
});

describe('the treatment plan PDF', () => {
  it('is a PDF holding every objective, intervention, review judgement and signer line', async () => {
    const pdf = await renderTreatmentPlanPdf(printOf(reviewVersion()));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pageCount, text } = readPdf(pdf);
    expect(pageCount).toBeGreaterThanOrEqual(1);
    for (const expected of [
      'Treatment plan, version 3',
      'Review of version 2.',
      'Problem 1: Drinks most evenings after work; two lapses after outpatient care.',
      'Dimensions: 5 (Relapse or continued-use potential)',
      'Goal 1.1: “I want to stop drinking so I can keep my job.”',
      'Objective 1.1.1: Names 5 triggers and a coping response for each in a written plan.',
      'Target date: Dec 24, 2026',
      'Relapse prevention group — Group, 3 times a week (responsible: Dana Reyes)',
      'Objective 1.1.2: Attends 4 mutual-help meetings a week, shown by a signed attendance sheet.',
      'Interventions: none listed',
      'Objective 2.1.1: Completes a sober-living application with the case manager.',
      'Housing referral and follow-up — Case management, Weekly',
      'Progress since version 2 (signed Oct 26, 2026, 10:00 AM EDT)',
      'Progress: Progressing',
      'Comment: Three triggers named so far; payday is the hardest.',
      'Nov 3, 2026 — Relapse prevention group (Group progress, Dana Reyes)',
      'Clinician: Dana Reyes, LMSW 12345 (CT), valid through 2027-06-30 — signed Nov 20, 2026, 10:00 AM EST (re-entered password)',
      'Patient: Jordan Avery — signed Nov 20, 2026, 10:10 AM EST (in person, witnessed)',
      'Supervisor (co-signature): Morgan Lee, LCSW 777 (CT) — signed Nov 21, 2026, 11:00 AM EST (authenticator code)',
    ])
      expect(text).toContain(asPrinted(expected));
    expect(text).not.toContain('Awaiting co-signature');
    expect(text).not.toContain('DRAFT');
  });

  it('puts the header and the confidential footer with the page count on every page', async () => {
    const version = reviewVersion();
    const [problem] = version.content.problems;
    // Enough problems to run over several pages.
    const long: PlanVersion = {
      ...version,
      content: {
        problems: Array.from({ length: 12 }, (_, i) => ({ ...problem!, statement: `Problem text ${i + 1}` })),
      },
    };
    const { pageCount, pages } = readPdf(await renderTreatmentPlanPdf(printOf(long)));
    expect(pageCount).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      const text = asPrinted(page);
      expect(text).toContain('Treatment plan: Jordan Avery');
      expect(text).toContain('Date of birth: Feb 29, 1988');
      expect(text).toContain('Program: Adult IOP');
      expect(text).toContain('Version 3 · Signed');
      expect(text).toContain(CONFIDENTIALITY_LINE);
      expect(text).toContain(`Page ${i + 1} of ${pageCount}`);
    });
    expect(asPrinted(pages.join(' '))).toContain('Problem 12: Problem text 12');
  });

  it('marks a draft as not signed on every page and in the body', async () => {
    const { pages, text } = readPdf(await renderTreatmentPlanPdf(printOf(draftOf(reviewVersion()))));
    for (const page of pages) expect(asPrinted(page)).toContain('Version 3 · Draft — not signed');
    expect(text).toContain('DRAFT — NOT SIGNED.');
    expect(text).toContain('Signatures Not signed yet.');
    expect(text).not.toContain('· Signed');
  });

  it('says when the co-signature and the patient’s signature are still missing', async () => {
    const version = reviewVersion();
    const { text } = readPdf(
      await renderTreatmentPlanPdf(
        printOf({
          ...version,
          cosignedAt: null,
          signatures: version.signatures.filter((s) => s.purpose === 'author'),
        }),
      ),
    );
    expect(text).toContain('Awaiting co-signature by Morgan Lee.');
    expect(text).toContain('The patient has not signed this version.');
  });

  it('gives the same bytes for the same version printed at the same moment, and differs with the clock', async () => {
    const first = await renderTreatmentPlanPdf(printOf(reviewVersion()));
    const again = await renderTreatmentPlanPdf(printOf(reviewVersion()));
    expect(again.equals(first)).toBe(true);
    const later = await renderTreatmentPlanPdf(
      printOf(reviewVersion(), new Date('2026-11-25T15:00:00.000Z')),
    );
    expect(later.equals(first)).toBe(false);
    expect(first.toString('latin1')).toContain('(D:20261124150000Z)');
  });

  it('prints text the standard fonts lack as its nearest plain form instead of breaking the file', async () => {
    const version = reviewVersion();
    const [problem] = version.content.problems;
    const { text } = readPdf(
      await renderTreatmentPlanPdf(
        printOf({
          ...version,
          content: { problems: [{ ...problem!, statement: 'Łódź → Kraków 😀 in 3\u202fdays' }] },
        }),
      ),
    );
    expect(text).toContain('Problem 1: Lódz -> Kraków ? in 3 days');
  });
});
