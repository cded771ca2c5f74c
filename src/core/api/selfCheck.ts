import { type Static, Type } from '@sinclair/typebox';
import { LEVELS_OF_CARE } from '../care/levels.js';
import { LOCALES, type Locale } from '../i18n/index.js';
import { LIMITS, PHONE_PATTERN } from '../intake/fields.js';
import { SELF_CHECK_QUESTIONS } from '../placement/selfCheckQuestions.js';
import { NonEmpty, StringEnum } from './common.js';

/**
 * The public, anonymous self-check ("Is IOP right for me?", SPEC §3). Nothing here identifies anyone
 * except the call-back request, which the person fills in and consents to.
 */

export const SelfCheckLanguage = StringEnum(LOCALES, { description: 'Language of the texts: en or es' });
const LanguageOrEnglish = Type.Unsafe<Locale>({
  type: 'string',
  enum: [...LOCALES],
  default: 'en',
  description: 'Language of the texts: en (the default) or es',
});

export const SelfCheckLanguageQuery = Type.Object(
  { lang: Type.Optional(LanguageOrEnglish) },
  { additionalProperties: false },
);
export type SelfCheckLanguageQuery = Static<typeof SelfCheckLanguageQuery>;

/** A message with its stable key, so a client can show it in another language without asking again. */
export const SelfCheckText = Type.Object({ key: Type.String(), text: Type.String() });
export type SelfCheckText = Static<typeof SelfCheckText>;

export const CrisisLine = Type.Object({
  kind: StringEnum(['call', 'text'] as const),
  number: Type.String(),
  href: Type.String({ description: '`tel:` or `sms:` link' }),
  label: Type.String(),
});

/** Shown on every step and every result (SPEC §16: crisis resources one tap away). */
export const CrisisResources = Type.Object({
  heading: Type.String(),
  text: Type.String(),
  lines: Type.Array(CrisisLine),
});
export type CrisisResources = Static<typeof CrisisResources>;

export const SelfCheckQuestionView = Type.Object({
  id: Type.String(),
  multiple: Type.Boolean({ description: 'Several options may be chosen; `none` excludes the others' }),
  text: Type.String(),
  options: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
});

export const SelfCheckQuestions = Type.Object({
  lang: SelfCheckLanguage,
  title: Type.String(),
  intro: Type.String(),
  privacy: Type.String(),
  multipleHint: Type.String(),
  /** In the order to ask them: the safety question first. */
  questions: Type.Array(SelfCheckQuestionView),
  crisis: CrisisResources,
});
export type SelfCheckQuestions = Static<typeof SelfCheckQuestions>;

/**
 * Answers by question id: one option id, or a list of them for multiple-choice questions. Checked
 * by the placement module rather than here, because "in danger now" must be answered with crisis
 * help even when something else in the request is malformed; every other fault is a 400 naming
 * `/answers/<question>`.
 */
export const SelfCheckAnswersSchema = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), {
  maxProperties: SELF_CHECK_QUESTIONS.length * 2,
  description: `Question ids: ${SELF_CHECK_QUESTIONS.map((q) => q.id).join(', ')} (see GET /api/v1/self-check/questions)`,
});

export const SelfCheckEvaluateBody = Type.Object(
  {
    answers: SelfCheckAnswersSchema,
    lang: Type.Optional(LanguageOrEnglish),
  },
  { additionalProperties: false },
);
export type SelfCheckEvaluateBody = Static<typeof SelfCheckEvaluateBody>;

export const SelfCheckLikelyLevel = StringEnum([...LEVELS_OF_CARE, 'NONE'] as const, {
  description: 'NONE: no treatment program is likely needed now',
});

export const SelfCheckEvaluation = Type.Object({
  lang: SelfCheckLanguage,
  /** `crisis`: show crisis help first and ask nothing more. */
  outcome: StringEnum(['crisis', 'placement'] as const),
  likelyLevel: Type.Union([SelfCheckLikelyLevel, Type.Null()]),
  /** The likely level in plain words; null for a crisis. */
  levelLabel: Type.Union([Type.String(), Type.Null()]),
  /** The crisis message, or the likely level and what it means. */
  headline: SelfCheckText,
  /** Why, in the person's own terms. */
  reasons: Type.Array(SelfCheckText),
  /** Always shown: crisis lines, "talk to a professional", "this is not a diagnosis". */
  notes: Type.Array(SelfCheckText),
  crisis: CrisisResources,
});
export type SelfCheckEvaluation = Static<typeof SelfCheckEvaluation>;

const Phone = Type.String({ maxLength: LIMITS.phone, pattern: PHONE_PATTERN });

/** A call-back request: only what is needed to reach the person, never their self-check answers. */
export const SelfCheckCallbackBody = Type.Object(
  {
    name: NonEmpty(LIMITS.name, 'A name we may ask for: a first name or a nickname is enough'),
    phone: Phone,
    contactWindow: Type.Optional(
      Type.String({ maxLength: LIMITS.contactWindow, description: 'When we may call, in their words' }),
    ),
    voicemailOk: Type.Boolean({ description: 'We may leave a voicemail' }),
    textsOk: Type.Boolean({ description: 'We may send text messages' }),
    nameClinicOk: Type.Optional(Type.Boolean({ description: 'We may name the clinic in messages' })),
    lang: SelfCheckLanguage,
    consent: Type.Literal(true, { description: 'The person agrees to be contacted; required' }),
  },
  { additionalProperties: false },
);
export type SelfCheckCallbackBody = Static<typeof SelfCheckCallbackBody>;

export const SelfCheckCallbackReceived = Type.Object({
  status: Type.Literal('received'),
  message: Type.String(),
});
export type SelfCheckCallbackReceived = Static<typeof SelfCheckCallbackReceived>;
