import { LEVEL_LABELS, type LevelOfCare } from '../../core/care/levels.js';

export const levelLabel = (level: LevelOfCare | null | undefined): string =>
  level ? `${level} · ${LEVEL_LABELS[level]}` : '—';

export const patientName = (p: {
  firstName: string;
  lastName: string;
  preferredName?: string | null;
}): string => `${p.lastName}, ${p.firstName}`;

/** `snake_case` → `Snake case`, for codes without a label table. */
export const humanize = (code: string | null | undefined): string => {
  if (!code) return '—';
  const text = code.replace(/[_.]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export const orDash = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === '' ? '—' : String(value);
