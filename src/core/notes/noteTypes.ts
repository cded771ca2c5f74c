import type { Role } from '../access/roles.js';

/** SPEC §7 note types (the discharge summary arrives with discharge). */
export const NOTE_TYPES = [
  'intake_assessment',
  'individual',
  'group',
  'family',
  'case_management',
  'medication_management',
] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

export const NOTE_TYPE_LABELS: Record<NoteType, string> = {
  intake_assessment: 'Intake assessment',
  individual: 'Individual session',
  group: 'Group session',
  family: 'Family session',
  case_management: 'Case management',
  medication_management: 'Medication management',
};

export interface NoteSection {
  key: string;
  label: string;
  hint: string;
}

export interface NoteTemplate {
  key: string;
  noteType: NoteType;
  name: string;
  sections: readonly NoteSection[];
}

const s = (key: string, label: string, hint: string): NoteSection => ({ key, label, hint });

/** The templates every clinic starts with; the clinic may edit their sections (note_templates). */
export const DEFAULT_NOTE_TEMPLATES: readonly NoteTemplate[] = [
  {
    key: 'dap',
    noteType: 'individual',
    name: 'Individual — DAP',
    sections: [
      s(
        'data',
        'Data',
        'What happened in the session: what the patient said and did, observations, measures.',
      ),
      s('assessment', 'Assessment', 'Your clinical reading: progress on plan objectives, risk, readiness.'),
      s('plan', 'Plan', 'Next steps, homework, next session, referrals.'),
    ],
  },
  {
    key: 'soap',
    noteType: 'individual',
    name: 'Individual — SOAP',
    sections: [
      s('subjective', 'Subjective', 'The patient’s report in their words: use, cravings, mood, events.'),
      s('objective', 'Objective', 'What you observed: presentation, screens, measures, attendance.'),
      s('assessment', 'Assessment', 'Clinical impression and progress on plan objectives.'),
      s('plan', 'Plan', 'Interventions, homework, next session, referrals.'),
    ],
  },
  {
    key: 'intake_assessment',
    noteType: 'intake_assessment',
    name: 'Intake assessment',
    sections: [
      s('presenting_problem', 'Presenting problem', 'Why now, in the patient’s words; referral source.'),
      s(
        'substance_history',
        'Substance use history',
        'Substances, route, frequency, last use, withdrawal, treatment history.',
      ),
      s('mental_health', 'Mental health', 'Diagnoses, symptoms, risk, current care.'),
      s('medical', 'Medical', 'Conditions, medications, pregnancy, infectious disease risk.'),
      s('social', 'Social and family', 'Housing, work, legal, relationships, supports.'),
      s('strengths', 'Strengths and preferences', 'What helps; goals in the patient’s words.'),
      s('summary', 'Summary and recommendations', 'Clinical formulation and recommended level of care.'),
    ],
  },
  {
    key: 'group',
    noteType: 'group',
    name: 'Group session',
    sections: [
      s('narrative', 'Group narrative', 'Topic, curriculum and process of the group. Do not name attendees.'),
      s('individual', 'Individual participation', 'This patient’s participation, progress and plan.'),
    ],
  },
  {
    key: 'family',
    noteType: 'family',
    name: 'Family session',
    sections: [
      s('participants', 'Participants', 'Who took part and their relationship to the patient.'),
      s('focus', 'Session focus', 'Topics, communication, boundaries, support for recovery.'),
      s('observations', 'Observations and assessment', 'Family dynamics, progress, risk.'),
      s('plan', 'Plan', 'Next steps for the patient and family.'),
    ],
  },
  {
    key: 'case_management',
    noteType: 'case_management',
    name: 'Case management',
    sections: [
      s('contact', 'Contact', 'With whom, how (phone, in person), about what.'),
      s('needs', 'Needs addressed', 'Housing, employment, legal, transport, benefits …'),
      s('actions', 'Actions taken', 'Referrals made, forms completed, calls placed.'),
      s('follow_up', 'Follow-up', 'What happens next and by when.'),
    ],
  },
  {
    key: 'medication_management',
    noteType: 'medication_management',
    name: 'Medication management',
    sections: [
      s('medications', 'Medications reviewed', 'Current medications and MAT, doses, changes.'),
      s('adherence', 'Adherence and response', 'Adherence, cravings, screen results, benefit.'),
      s('side_effects', 'Side effects and risks', 'Side effects, interactions, overdose risk, naloxone.'),
      s('plan', 'Plan', 'Changes, prescriptions, next review.'),
    ],
  },
];

export const defaultTemplateFor = (noteType: NoteType): NoteTemplate => {
  const template = DEFAULT_NOTE_TEMPLATES.find((t) => t.noteType === noteType);
  if (!template) throw new Error(`no default template for ${noteType}`);
  return template;
};

/**
 * Which note types each role writes. Case managers document case management only; group notes
 * are written from the session's roll call, never as a single-chart note.
 */
export const noteTypesWrittenBy = (role: Role): NoteType[] => {
  switch (role) {
    case 'clinician':
    case 'clinical_supervisor':
    case 'program_director':
      return NOTE_TYPES.filter((t) => t !== 'group');
    case 'case_manager':
      return ['case_management'];
    case 'admin':
    case 'intake_coordinator':
    case 'front_desk':
    case 'biller':
    case 'patient':
    case 'family_member':
      return [];
  }
};

/** Longest text a section holds: long enough for an intake assessment, bounded for storage. */
export const SECTION_MAX_CHARS = 20_000;
