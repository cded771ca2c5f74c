import { Type, type Static } from '@sinclair/typebox';
import { IsoInstant, Nullable, StringEnum } from './common.js';

/** Signing re-authenticates (SPEC §7): the signer's password, or the current code of their authenticator. */
export const SignatureProof = Type.Union(
  [
    Type.Object(
      { method: Type.Literal('password'), password: Type.String({ minLength: 1, maxLength: 200 }) },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        method: Type.Literal('totp'),
        code: Type.String({ pattern: '^[0-9]{6}$', description: '6-digit code' }),
      },
      { additionalProperties: false },
    ),
  ],
  { description: 'Re-authentication for signing: the password, or a 6-digit authenticator code' },
);
export type SignatureProof = Static<typeof SignatureProof>;

/** A signature as charts and prints show it. */
export const SignatureView = Type.Object({
  purpose: StringEnum(['author', 'cosigner', 'patient'] as const),
  signerName: Type.String(),
  credential: Nullable(Type.String()),
  method: StringEnum(['password', 'totp', 'in_person', 'portal'] as const),
  contentHash: Type.String({ description: 'SHA-256 of the canonical JSON of the signed content' }),
  signedAt: IsoInstant,
});
export type SignatureView = Static<typeof SignatureView>;
