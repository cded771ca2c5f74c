import { Secret, TOTP } from 'otpauth';

/** RFC 6238 TOTP, 6 digits, 30-second steps, SHA-1: what every authenticator app accepts. */
const totpFor = (secretBase32: string, label = 'OpenIOP'): TOTP =>
  new TOTP({
    issuer: 'OpenIOP',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });

export const generateTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const totpCode = (secretBase32: string, at: Date): string =>
  totpFor(secretBase32).generate({ timestamp: at.getTime() });

/** Accepts the current code and one step either side, for clock drift. */
export const verifyTotp = (secretBase32: string, code: string, at: Date): boolean =>
  totpFor(secretBase32).validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null;

export const otpauthUri = (secretBase32: string, email: string): string =>
  totpFor(secretBase32, email).toString();
