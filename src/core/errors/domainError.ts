/**
 * Stable error codes. Domain code throws `DomainError` and never chooses an HTTP status:
 * the server's single error handler maps each code to one (see server/plugins/errors.ts).
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  INVALID_STATE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  MFA_REQUIRED: 401,
  INVALID_TOTP: 401,
  SESSION_EXPIRED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  CREDENTIAL_EXPIRED: 403,
  NO_CONSENT_ON_FILE: 403,
  NOT_FOUND: 404,
  STALE_VERSION: 409,
  CONFLICT: 409,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** JSON pointer-ish path of the offending field, e.g. `/dateOfBirth`. */
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fields?: FieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fields = options.fields ?? [];
    this.extra = options.extra ?? {};
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
