import type { Dimension, Rating } from './ruleTable.js';

/**
 * Structured questions a clinician answers for each dimension, and what each rating means. Written
 * in our own words for OpenIOP (SPEC §3: a dimension model in the style of ASAM, not the ASAM
 * Criteria). Each answer carries the least rating it points to; suggestRating takes the highest.
 */

export interface ChoiceOption {
  id: string;
  text: string;
  suggests: Rating;
}

export type AnswerSpec =
  { type: 'yes_no'; yes: Rating; no: Rating } | { type: 'choice'; options: readonly ChoiceOption[] };

export interface DimensionQuestion {
  id: string;
  text: string;
  answer: AnswerSpec;
}

const yesNo = (yes: Rating, no: Rating = 0): AnswerSpec => ({ type: 'yes_no', yes, no });
const choice = (...options: [id: string, text: string, suggests: Rating][]): AnswerSpec => ({
  type: 'choice',
  options: options.map(([id, text, suggests]) => ({ id, text, suggests })),
});

export const DIMENSION_QUESTIONS: Readonly<Record<Dimension, readonly DimensionQuestion[]>> = {
  d1: [
    { id: 'd1.intoxicated_now', text: 'Is the patient intoxicated or impaired right now?', answer: yesNo(1) },
    {
      id: 'd1.withdrawal_now',
      text: 'Which withdrawal signs does the patient show now?',
      answer: choice(
        ['none', 'None', 0],
        ['mild', 'Mild: uncomfortable but functioning', 1],
        ['moderate', 'Moderate: will need medication to be comfortable and safe', 2],
        ['severe', 'Severe: needs round-the-clock nursing observation', 3],
      ),
    },
    {
      id: 'd1.daily_sedatives',
      text: 'Daily use of alcohol, benzodiazepines or other sedatives in the past 30 days?',
      answer: yesNo(2),
    },
    {
      id: 'd1.complicated_history',
      text: 'Has the patient ever had a withdrawal seizure or delirium tremens (DTs)?',
      answer: yesNo(3),
    },
    {
      id: 'd1.complicated_now',
      text: 'Seizure, hallucinations, confusion or unstable vital signs from withdrawal right now?',
      answer: yesNo(4),
    },
  ],
  d2: [
    {
      id: 'd2.conditions',
      text: 'How do physical health conditions affect care?',
      answer: choice(
        ['none', 'No physical health conditions of note', 0],
        ['stable', 'Conditions present and stable with their own doctor', 1],
        ['needs_attention', 'Conditions need attention that outpatient care can give', 2],
        ['needs_daily_care', 'Conditions need daily medical or nursing care', 3],
        ['needs_hospital', 'Conditions need hospital care now', 4],
      ),
    },
    {
      id: 'd2.recent_complication',
      text: 'An emergency visit or hospital stay for a use-related physical problem in the past 3 months?',
      answer: yesNo(2),
    },
    { id: 'd2.pregnant', text: 'Is the patient pregnant?', answer: yesNo(1) },
    {
      id: 'd2.cannot_self_care',
      text: 'Does physical health keep the patient from looking after themselves day to day?',
      answer: yesNo(3),
    },
  ],
  d3: [
    {
      id: 'd3.symptoms',
      text: 'How do mental health symptoms affect daily life?',
      answer: choice(
        ['none', 'No symptoms of note', 0],
        ['mild', 'Mild symptoms that do not get in the way', 1],
        ['interfering', 'Symptoms get in the way of daily life or recovery', 2],
        ['unstable', 'Unstable; needs daily structure to stay well', 3],
        ['acute', 'Psychosis, mania, or unable to stay safe without constant support', 4],
      ),
    },
    {
      id: 'd3.suicidal_thoughts',
      text: 'Thoughts of suicide or self-harm?',
      answer: choice(
        ['none', 'None', 0],
        ['passive', 'Passing thoughts of being better off dead, no plan', 2],
        ['plan_or_attempt', 'Thoughts with a plan, or an attempt in the past 3 months', 3],
        ['intent_now', 'Intends to act now (also set the imminent danger flag)', 4],
      ),
    },
    { id: 'd3.harm_to_others', text: 'Recent violence or threats to harm others?', answer: yesNo(3) },
    {
      id: 'd3.cognition',
      text: 'Do memory or thinking problems make it hard to follow a treatment plan?',
      answer: yesNo(2),
    },
  ],
  d4: [
    {
      id: 'd4.sees_problem',
      text: 'Does the patient see their substance use as a problem?',
      answer: choice(['yes', 'Yes', 0], ['unsure', 'Partly or unsure', 1], ['no', 'No', 2]),
    },
    {
      id: 'd4.wants_change',
      text: 'How ready is the patient to change their use?',
      answer: choice(
        ['ready', 'Ready and taking steps', 0],
        ['ambivalent', 'Wants change but torn', 1],
        ['not_now', 'Not interested in changing now', 2],
        ['refuses', 'Refuses to consider change', 3],
      ),
    },
    {
      id: 'd4.outside_pressure_only',
      text: 'Here only because of outside pressure (court, employer, family)?',
      answer: yesNo(2),
    },
    {
      id: 'd4.refuses_despite_danger',
      text: 'Refuses all help even though continued use puts them in immediate danger?',
      answer: yesNo(4),
    },
  ],
  d5: [
    {
      id: 'd5.recent_use',
      text: 'How often has the patient used in the past 30 days?',
      answer: choice(
        ['not_at_all', 'Not at all', 0],
        ['occasionally', 'Once or a few times', 1],
        ['weekly', 'Weekly', 2],
        ['daily', 'Daily or almost daily', 3],
      ),
    },
    {
      id: 'd5.cravings',
      text: 'How strong are cravings?',
      answer: choice(
        ['none', 'None', 0],
        ['manageable', 'Present but manageable', 1],
        ['strong', 'Strong and hard to resist', 2],
        ['overwhelming', 'Overwhelming; use feels unavoidable', 3],
      ),
    },
    {
      id: 'd5.relapse_after_treatment',
      text: 'Returned to use after earlier treatment or a period of recovery?',
      answer: yesNo(2),
    },
    {
      id: 'd5.coping_skills',
      text: 'Can the patient name ways that helped them avoid using before?',
      answer: yesNo(0, 1),
    },
    {
      id: 'd5.overdose_risk',
      text: 'An overdose in the past 3 months, or use that puts life at immediate risk?',
      answer: yesNo(4),
    },
  ],
  d6: [
    {
      id: 'd6.housing',
      text: 'What is the housing situation?',
      answer: choice(
        ['stable', 'Stable housing', 0],
        ['unstable', 'Unstable (staying with others, may lose housing)', 2],
        ['homeless', 'No housing', 3],
      ),
    },
    { id: 'd6.use_at_home', text: 'Do people at home use alcohol or drugs?', answer: yesNo(2) },
    { id: 'd6.unsafe_home', text: 'Violence, abuse or threats at home?', answer: yesNo(3) },
    {
      id: 'd6.support',
      text: 'Does anyone support their recovery?',
      answer: choice(
        ['strong', 'Yes, reliable support', 0],
        ['some', 'Some support', 1],
        ['none', 'No support', 2],
      ),
    },
    {
      id: 'd6.can_attend',
      text: 'Can the patient get to sessions several times a week?',
      answer: yesNo(0, 1),
    },
    {
      id: 'd6.immediate_danger',
      text: 'Does the living situation put the patient in immediate danger or make recovery impossible there?',
      answer: yesNo(4),
    },
  ],
};

/** What each rating means, per dimension, for the rater's reference. */
export const RATING_ANCHORS: Readonly<Record<Dimension, Readonly<Record<Rating, string>>>> = {
  d1: {
    0: 'Not intoxicated and no withdrawal expected.',
    1: 'Mild withdrawal possible; can be watched at home with check-ins.',
    2: 'Moderate withdrawal likely; manageable with medication as an outpatient.',
    3: 'Severe withdrawal likely or a history of seizures or DTs; needs 24-hour nursing observation.',
    4: 'Complicated withdrawal now (seizures, confusion, unstable vital signs); needs hospital care.',
  },
  d2: {
    0: 'No physical health issues that affect treatment.',
    1: 'Stable conditions followed by their own doctor.',
    2: 'Conditions that need attention but allow attending an outpatient program.',
    3: 'Conditions that need daily medical or nursing care.',
    4: 'Unstable conditions that need hospital care now.',
  },
  d3: {
    0: 'No mental health symptoms of note.',
    1: 'Mild symptoms that do not get in the way of treatment.',
    2: 'Symptoms that interfere with daily life or recovery; needs structured support.',
    3: 'Unstable symptoms or recent self-harm risk; needs daily structure and close watch.',
    4: 'Severe symptoms or risk that cannot be kept safe outside a hospital.',
  },
  d4: {
    0: 'Sees the problem and is taking steps to change.',
    1: 'Wants change but is torn about it.',
    2: 'Does not see use as a problem, or is here only because others insist.',
    3: 'Rejects the idea of change.',
    4: 'Refuses all help despite serious, immediate consequences.',
  },
  d5: {
    0: 'Not using and has solid skills to stay that way.',
    1: 'Some risk of use; has skills that have worked before.',
    2: 'Ongoing or returning use with limited skills to stop alone.',
    3: 'Frequent use with strong cravings and few working skills.',
    4: 'Use is out of control and puts life at immediate risk.',
  },
  d6: {
    0: 'Safe, stable home with people who support recovery.',
    1: 'Mostly stable; some gaps in support or getting to sessions.',
    2: 'Home makes recovery hard: unstable housing, others using, or no support.',
    3: 'Home is unsafe or there is no home.',
    4: 'The living situation is dangerous now or makes recovery impossible there.',
  },
};

export const findQuestion = (dimension: Dimension, id: string): DimensionQuestion | undefined =>
  DIMENSION_QUESTIONS[dimension].find((q) => q.id === id);
