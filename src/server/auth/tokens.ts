import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Opaque random tokens; only their SHA-256 is stored. */
export const newToken = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};
