import type {
  SelfCheckCallbackBody,
  SelfCheckCallbackReceived,
  SelfCheckEvaluation,
} from '../../../core/api/selfCheck.js';
import type { Locale } from '../../../core/i18n/index.js';

/** Why a self-check request failed, in terms the page can explain in the person's language. */
export type SelfCheckFailure = 'rate_limited' | 'network' | 'invalid' | 'failed';

export class SelfCheckRequestError extends Error {
  constructor(
    readonly failure: SelfCheckFailure,
    /** Fields the server named, without the leading slash (`phone`, `name` …). */
    readonly fields: readonly string[] = [],
  ) {
    super(`self-check request failed: ${failure}`);
    this.name = 'SelfCheckRequestError';
  }
}

const failureOf = (status: number): SelfCheckFailure =>
  status === 429 ? 'rate_limited' : status === 400 ? 'invalid' : 'failed';

/**
 * The self-check talks to the server without cookies: it is anonymous, so a staff member's session
 * (if this browser has one) is neither needed nor touched, and nothing ties the answers to anyone.
 */
const post = async <T>(path: string, body: unknown): Promise<T> => {
  let response: Response;
  try {
    response = await fetch(`/api/v1/self-check/${path}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      body: JSON.stringify(body),
    });
  } catch {
    throw new SelfCheckRequestError('network');
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const fields =
      typeof payload === 'object' && payload !== null && 'fields' in payload && Array.isArray(payload.fields)
        ? payload.fields.flatMap((f: unknown) =>
            typeof f === 'object' && f !== null && 'field' in f && typeof f.field === 'string'
              ? [f.field.replace(/^\//, '')]
              : [],
          )
        : [];
    throw new SelfCheckRequestError(failureOf(response.status), fields);
  }
  return payload as T;
};

/** Answers by question id, as the form holds them. */
export type AnswerMap = Readonly<Record<string, string | readonly string[]>>;

export const evaluateAnswers = (answers: AnswerMap, lang: Locale): Promise<SelfCheckEvaluation> =>
  post('evaluate', { answers, lang });

export const requestCallback = (body: SelfCheckCallbackBody): Promise<SelfCheckCallbackReceived> =>
  post('callback', body);
