import type {
  CrisisResources,
  SelfCheckCallbackBody,
  SelfCheckCallbackReceived,
  SelfCheckEvaluation,
  SelfCheckQuestions,
  SelfCheckText,
} from '../../core/api/selfCheck.js';
import { DomainError } from '../../core/errors/domainError.js';
import { type Locale, type MessageKey, t } from '../../core/i18n/index.js';
import {
  evaluateSelfCheck,
  SELF_CHECK_ALWAYS_SHOWN,
  SELF_CHECK_QUESTIONS,
} from '../../core/placement/selfCheck.js';
import type { AppDeps } from '../deps.js';
import { createInquiryFromCallback } from './inquiries.js';

/**
 * The public self-check (SPEC §3). Questions and evaluation are pure: no database, no audit, no log
 * line — the answers live only for the duration of the request. Only a call-back request, which the
 * person fills in and consents to, is stored, and then only its own fields.
 */

const text = (locale: Locale, key: MessageKey): SelfCheckText => ({ key, text: t(locale, key) });

export const crisisResourcesFor = (locale: Locale): CrisisResources => ({
  heading: t(locale, 'crisis.heading'),
  text: t(locale, 'crisis.text'),
  lines: [
    { kind: 'call', number: '988', href: 'tel:988', label: t(locale, 'crisis.call988') },
    { kind: 'text', number: '988', href: 'sms:988', label: t(locale, 'crisis.text988') },
    { kind: 'call', number: '911', href: 'tel:911', label: t(locale, 'crisis.call911') },
  ],
});

export const selfCheckQuestionsFor = (locale: Locale): SelfCheckQuestions => ({
  lang: locale,
  title: t(locale, 'selfCheck.title'),
  intro: t(locale, 'selfCheck.intro'),
  privacy: t(locale, 'selfCheck.privacy'),
  multipleHint: t(locale, 'selfCheck.multiple_hint'),
  questions: SELF_CHECK_QUESTIONS.map((q) => ({
    id: q.id,
    multiple: q.multiple,
    text: t(locale, q.key),
    options: q.options.map((o) => ({ id: o.id, text: t(locale, o.key) })),
  })),
  crisis: crisisResourcesFor(locale),
});

/**
 * Evaluates answers and explains the result in the person's language. Throws VALIDATION_FAILED
 * naming `/answers/<question>` for an unknown question or option.
 */
export const evaluateSelfCheckFor = (
  answers: Readonly<Record<string, unknown>>,
  locale: Locale,
): SelfCheckEvaluation => {
  const result = evaluateSelfCheck(answers);
  const notes = SELF_CHECK_ALWAYS_SHOWN.map((key) => text(locale, key));
  const crisis = crisisResourcesFor(locale);
  if (result.outcome === 'crisis') {
    return {
      lang: locale,
      outcome: 'crisis',
      likelyLevel: null,
      levelLabel: null,
      headline: text(locale, 'selfCheck.crisis.text'),
      reasons: result.reasons.map((key) => text(locale, key)),
      notes,
      crisis,
    };
  }
  const [headline, ...why] = result.reasons;
  return {
    lang: locale,
    outcome: 'placement',
    likelyLevel: result.likelyLevel,
    levelLabel: t(locale, `selfCheck.level.${result.likelyLevel}`),
    headline: text(locale, headline ?? `selfCheck.likely.${result.likelyLevel}`),
    reasons: why.map((key) => text(locale, key)),
    notes,
    crisis,
  };
};

/**
 * A call-back request becomes a `new` inquiry with source `self_check`, holding only what the person
 * typed to be reached. The audit event has no actor and no address: the person is anonymous, and the
 * self-check promises to keep nothing but the call-back fields.
 */
export const requestSelfCheckCallback = async (
  deps: Pick<AppDeps, 'db' | 'clock'>,
  body: SelfCheckCallbackBody,
  requestId: string,
): Promise<SelfCheckCallbackReceived> => {
  const contactWindow = body.contactWindow?.trim();
  try {
    await createInquiryFromCallback(deps, {
      firstName: body.name,
      phone: body.phone,
      contactWindow: contactWindow ? contactWindow : null,
      voicemailOk: body.voicemailOk,
      textsOk: body.textsOk,
      nameClinicOk: body.nameClinicOk ?? false,
      consentToContact: body.consent,
      preferredLanguage: body.lang,
      origin: { ip: null, requestId },
    });
  } catch (error) {
    // The inquiry calls the name `firstName`; this request calls it `name`.
    if (error instanceof DomainError && error.fields.length > 0) {
      throw new DomainError(error.code, error.message, {
        fields: error.fields.map((f) => (f.field === '/firstName' ? { ...f, field: '/name' } : f)),
        extra: error.extra,
      });
    }
    throw error;
  }
  return { status: 'received', message: t(body.lang, 'selfCheck.callback.done.text') };
};
