/**
 * Phone numbers of support contacts and crisis lines, stored in E.164 form (`+18605550123`) so that
 * a later texting or calling feature, and duplicate checks, see one spelling per number. Numbers
 * without a country code are taken as North American (the clinic's default); anything else must
 * start with `+` and its country code.
 */

export type PhoneCheck = { ok: true; e164: string } | { ok: false; message: string };

const NANP = /^[2-9]\d{2}[2-9]\d{6}$/;

export const normalisePhone = (input: string): PhoneCheck => {
  const trimmed = input.trim();
  if (trimmed.length === 0) return { ok: false, message: 'is required' };
  if (/[^\d\s()+.-]/.test(trimmed.replace(/^\+/, '')) || trimmed.indexOf('+') > 0)
    return { ok: false, message: 'may contain only digits, spaces, ( ) . - and a leading +' };
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) {
    if (digits.startsWith('1')) {
      return NANP.test(digits.slice(1))
        ? { ok: true, e164: `+${digits}` }
        : { ok: false, message: 'is not a valid North American number (+1 and 10 digits)' };
    }
    return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0')
      ? { ok: true, e164: `+${digits}` }
      : { ok: false, message: 'must be + and 8 to 15 digits with the country code' };
  }
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (NANP.test(national)) return { ok: true, e164: `+1${national}` };
  return {
    ok: false,
    message: 'must be a 10-digit number such as (860) 555-0123, or + and the country code',
  };
};

/**
 * Crisis lines are often short codes (988, 211) that are not E.164 numbers: three to six digits are
 * kept as dialled, anything longer must be a full phone number.
 */
export const normaliseCrisisNumber = (input: string): PhoneCheck => {
  const trimmed = input.trim();
  if (/^\d{3,6}$/.test(trimmed)) return { ok: true, e164: trimmed };
  return normalisePhone(trimmed);
};

/** `+18605550123` → `(860) 555-0123`; other numbers as stored. */
export const formatPhone = (stored: string): string => {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(stored);
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : stored;
};
