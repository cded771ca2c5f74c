/**
 * The public, anonymous "Is IOP right for me?" self-check (SPEC §3): the seeds' decision factors
 * asked in plain language. Only ids live here; the wording is in message catalogues under stable
 * keys (`selfCheck.q.<question>` and `selfCheck.q.<question>.<option>`).
 */

const QUESTION_OPTIONS = {
  safety_now: ['no', 'yes'],
  main_substance: ['alcohol', 'opioids', 'stimulants', 'cannabis', 'sedatives', 'other', 'several'],
  use_frequency: ['not_at_all', 'monthly_or_less', 'weekly', 'several_days_a_week', 'daily'],
  // One option per DSM-5 SUD criterion, in plain words, so the count approximates the criteria count.
  past_year_problems: [
    'more_than_meant',
    'cant_cut_down',
    'lots_of_time',
    'cravings',
    'missed_duties',
    'relationship_trouble',
    'gave_up_activities',
    'risky_situations',
    'kept_using_despite_harm',
    'need_more',
    'withdrawal',
    'none',
  ],
  withdrawal: ['none', 'mild', 'severe', 'seizure_or_dts'],
  health: ['none', 'managed', 'need_care', 'very_sick'],
  pregnant: ['no', 'yes', 'prefer_not_to_say'],
  mood: ['okay', 'low_sometimes', 'low_most_days', 'thoughts_of_death'],
  home: ['safe', 'others_use', 'unsafe', 'no_stable_home'],
  support: ['yes', 'some', 'no'],
  past_treatment: ['never', 'yes_stayed_well', 'yes_used_again'],
  readiness: ['ready', 'unsure', 'not_ready'],
  responsibilities: ['work', 'school', 'caregiving', 'none'],
  schedule: ['day', 'evening', 'either'],
  coverage: ['insurance', 'medicaid', 'none', 'self_pay', 'not_sure'],
} as const;

/** Questions where the person may tick several options; `none` there excludes every other option. */
const MULTIPLE_CHOICE = ['past_year_problems', 'responsibilities'] as const;

export type SelfCheckQuestionId = keyof typeof QUESTION_OPTIONS;
export type SelfCheckOptionId<Q extends SelfCheckQuestionId> = (typeof QUESTION_OPTIONS)[Q][number];
type MultipleChoiceId = (typeof MULTIPLE_CHOICE)[number];

/** What a typed caller (the web form) sends; evaluateSelfCheck also accepts untyped JSON and checks it. */
export type SelfCheckAnswers = {
  readonly [Q in SelfCheckQuestionId]?: Q extends MultipleChoiceId
    ? readonly SelfCheckOptionId<Q>[]
    : SelfCheckOptionId<Q>;
};

export type SelfCheckQuestionKey = {
  [Q in SelfCheckQuestionId]: `selfCheck.q.${Q}` | `selfCheck.q.${Q}.${SelfCheckOptionId<Q>}`;
}[SelfCheckQuestionId];

export interface SelfCheckQuestion {
  id: SelfCheckQuestionId;
  key: SelfCheckQuestionKey;
  multiple: boolean;
  options: readonly { id: string; key: SelfCheckQuestionKey }[];
}

/** In the order they are asked: safety first, so a person in danger is routed before anything else. */
export const SELF_CHECK_QUESTIONS: readonly SelfCheckQuestion[] = (
  Object.keys(QUESTION_OPTIONS) as SelfCheckQuestionId[]
).map((id) => ({
  id,
  key: `selfCheck.q.${id}`,
  multiple: (MULTIPLE_CHOICE as readonly string[]).includes(id),
  options: QUESTION_OPTIONS[id].map((option: string) => ({
    id: option,
    key: `selfCheck.q.${id}.${option}` as SelfCheckQuestionKey,
  })),
}));

/** Why-lines of a result. */
export const SELF_CHECK_REASON_KEYS = [
  'selfCheck.reason.crisis',
  'selfCheck.reason.few_problems',
  'selfCheck.reason.problems_skipped',
  'selfCheck.reason.health_first',
  'selfCheck.reason.problems_some',
  'selfCheck.reason.problems_many',
  'selfCheck.reason.use_often',
  'selfCheck.reason.use_some',
  'selfCheck.reason.withdrawal_mild',
  'selfCheck.reason.withdrawal_severe',
  'selfCheck.reason.withdrawal_seizure',
  'selfCheck.reason.daily_alcohol_or_sedatives',
  'selfCheck.reason.health_managed',
  'selfCheck.reason.health_need_care',
  'selfCheck.reason.health_very_sick',
  'selfCheck.reason.pregnant',
  'selfCheck.reason.mood_low',
  'selfCheck.reason.mood_low_most_days',
  'selfCheck.reason.thoughts_of_death',
  'selfCheck.reason.home_others_use',
  'selfCheck.reason.home_unsafe',
  'selfCheck.reason.support_some',
  'selfCheck.reason.support_none',
  'selfCheck.reason.used_again',
  'selfCheck.reason.readiness_unsure',
  'selfCheck.reason.readiness_low',
  'selfCheck.reason.evening_track',
  'selfCheck.reason.day_track',
  'selfCheck.reason.time_away',
  'selfCheck.reason.check_coverage',
  'selfCheck.reason.no_coverage',
  'selfCheck.reason.self_pay',
] as const;
export type SelfCheckReasonKey = (typeof SELF_CHECK_REASON_KEYS)[number];

/** The headline of a placement result: the likely level. */
export const SELF_CHECK_LIKELY_KEYS = [
  'selfCheck.likely.NONE',
  'selfCheck.likely.OP',
  'selfCheck.likely.IOP',
  'selfCheck.likely.PHP',
  'selfCheck.likely.RES',
  'selfCheck.likely.INP',
] as const;
export type SelfCheckLikelyKey = (typeof SELF_CHECK_LIKELY_KEYS)[number];

/** Page text, and what every result page shows whatever the outcome (SPEC §3: crisis resources and "talk to a professional"). */
export const SELF_CHECK_PAGE_KEYS = [
  'selfCheck.title',
  'selfCheck.intro',
  'selfCheck.privacy',
  'selfCheck.multiple_hint',
  'selfCheck.submit',
  'selfCheck.crisis.title',
  'selfCheck.crisis.text',
  'selfCheck.always.crisis',
  'selfCheck.always.professional',
  'selfCheck.always.not_a_diagnosis',
  'selfCheck.callback.offer',
  'selfCheck.callback.consent',
] as const;
export type SelfCheckPageKey = (typeof SELF_CHECK_PAGE_KEYS)[number];

export const SELF_CHECK_ALWAYS_SHOWN: readonly SelfCheckPageKey[] = [
  'selfCheck.always.crisis',
  'selfCheck.always.professional',
  'selfCheck.always.not_a_diagnosis',
];

export type SelfCheckMessageKey =
  SelfCheckQuestionKey | SelfCheckReasonKey | SelfCheckLikelyKey | SelfCheckPageKey;

/** Every key the self-check uses, so each catalogue can be checked for completeness. */
export const SELF_CHECK_MESSAGE_KEYS: readonly SelfCheckMessageKey[] = [
  ...SELF_CHECK_PAGE_KEYS,
  ...SELF_CHECK_QUESTIONS.flatMap((q) => [q.key, ...q.options.map((o) => o.key)]),
  ...SELF_CHECK_LIKELY_KEYS,
  ...SELF_CHECK_REASON_KEYS,
];
