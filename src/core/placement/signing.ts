import type { CredentialScope } from '../access/actor.js';
import type { Role } from '../access/roles.js';
import type { FieldError } from '../errors/domainError.js';
import { type PlacementLevel } from './placementTypes.js';
import { DIMENSION_IDS, DIMENSIONS, type Dimension, type Rating } from './ruleTable.js';

export const NO_SIGNING_CREDENTIALS =
  'Your credentials do not allow you to sign placements. Save the draft; a clinician whose credentials allow it signs. An administrator updates credentials.';
export const ROLE_DOES_NOT_SIGN =
  'Your role screens and drafts placements; a clinician whose credentials allow it rates and signs.';

export type SignPlacementDecision =
  { allowed: true } | { allowed: false; code: 'FORBIDDEN' | 'CREDENTIAL_EXPIRED'; reason: string };

/**
 * SPEC §1 and §3: a clinician whose credentials allow it rates the dimensions and signs the
 * acceptance or override; an expired licence cannot sign. A licence is valid through its expiry
 * date, judged by `today` at the site of the person assessed.
 */
export const maySignPlacement = (
  credentials: CredentialScope | null,
  today: string,
): SignPlacementDecision => {
  if (!credentials?.maySignPlacements)
    return { allowed: false, code: 'FORBIDDEN', reason: NO_SIGNING_CREDENTIALS };
  if (credentials.licenceExpiresOn === null)
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason:
        'Your credentials allow signing placements but record no licence expiry date. Ask an administrator to enter your licence.',
    };
  if (credentials.licenceExpiresOn < today)
    return {
      allowed: false,
      code: 'CREDENTIAL_EXPIRED',
      reason: `Your licence expired on ${credentials.licenceExpiresOn}, so you may not sign placements until it is renewed and updated by an administrator.`,
    };
  return { allowed: true };
};

export type PartialRatings = Partial<Record<Dimension, Rating>>;
export type RatingNotes = Partial<Record<Dimension, string>>;

/**
 * The clinician may rate differently from the suggestion computed from the answers, with a note
 * saying why. Checks the dimensions listed (all six when signing).
 */
export const ratingNoteProblems = (
  ratings: PartialRatings,
  notes: RatingNotes,
  suggested: Readonly<Record<Dimension, Rating>>,
  dimensions: readonly Dimension[] = DIMENSION_IDS,
): FieldError[] =>
  dimensions.flatMap((dimension) => {
    const rating = ratings[dimension];
    if (rating === undefined || rating === suggested[dimension]) return [];
    if ((notes[dimension] ?? '').trim() !== '') return [];
    return [
      {
        field: `/ratingNotes/${dimension}`,
        message: `say why dimension ${DIMENSIONS[dimension].number} is rated ${rating} when the answers suggest ${suggested[dimension]}`,
      },
    ];
  });

/** Every dimension must be rated before the assessment is signed. */
export const missingRatings = (ratings: PartialRatings): FieldError[] =>
  DIMENSION_IDS.filter((d) => ratings[d] === undefined).map((d) => ({
    field: `/ratings/${d}`,
    message: `rate dimension ${DIMENSIONS[d].number} (${DIMENSIONS[d].label.toLowerCase()}) before signing`,
  }));

export interface SignatureChoice {
  decision: 'accepted' | 'overridden';
  finalLevel?: PlacementLevel | undefined;
  overrideReason?: string | undefined;
}

/**
 * Accept or override (SPEC §3): accepting takes the recommendation (a `finalLevel`, when sent, must
 * be it — the recommendation the signer saw may have changed with the rule table); an override names
 * a different level and says why. Returns the level to record, or the problems.
 */
export const checkSignatureChoice = (
  choice: SignatureChoice,
  recommended: PlacementLevel,
  tableVersion: string,
):
  | { ok: true; finalLevel: PlacementLevel; overrideReason: string | null }
  | { ok: false; fields: FieldError[] } => {
  const reason = choice.overrideReason?.trim() ?? '';
  if (choice.decision === 'accepted') {
    const fields: FieldError[] = [];
    if (choice.finalLevel !== undefined && choice.finalLevel !== recommended)
      fields.push({
        field: '/finalLevel',
        message: `the recommendation is ${recommended} (rule table ${tableVersion}); accept that level or override with a reason`,
      });
    if (reason !== '') fields.push({ field: '/overrideReason', message: 'is only given with an override' });
    return fields.length > 0
      ? { ok: false, fields }
      : { ok: true, finalLevel: recommended, overrideReason: null };
  }
  const fields: FieldError[] = [];
  if (choice.finalLevel === undefined)
    fields.push({ field: '/finalLevel', message: 'name the level chosen instead of the recommendation' });
  else if (choice.finalLevel === recommended)
    fields.push({
      field: '/finalLevel',
      message: `is the recommendation (${recommended}); accept it instead of overriding`,
    });
  if (reason === '') fields.push({ field: '/overrideReason', message: 'an override needs a reason' });
  if (fields.length > 0 || choice.finalLevel === undefined) return { ok: false, fields };
  return { ok: true, finalLevel: choice.finalLevel, overrideReason: reason };
};

/**
 * Overrides are reported (SPEC §3) to those who oversee clinical decisions (SPEC §1): program
 * directors (their sites) and clinical supervisors (their own and their supervisees' decisions).
 * Administrators are not among them: an override reason is clinical content, and the role holds no
 * placement access.
 */
export const OVERRIDE_REPORT_ROLES: readonly Role[] = ['program_director', 'clinical_supervisor'];
