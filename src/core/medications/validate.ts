import type { FieldError } from '../errors/domainError.js';
import { isRealDate } from '../runtime.js';
import type { MatType } from './mat.js';

export interface MedicationDates {
  startedOn: string;
  stoppedOn?: string | null;
}

/** A start date that is real and not after `today` (the site's calendar date). */
export const checkStartedOn = (startedOn: string, today: string): FieldError[] => {
  if (!isRealDate(startedOn)) return [{ field: '/startedOn', message: 'is not a real calendar date' }];
  if (startedOn > today)
    return [{ field: '/startedOn', message: 'cannot be in the future; record the medication once started' }];
  return [];
};

/** A stop date that is real, on or after the start and not after `today`. */
export const checkStoppedOn = (stoppedOn: string, startedOn: string, today: string): FieldError[] => {
  if (!isRealDate(stoppedOn)) return [{ field: '/stoppedOn', message: 'is not a real calendar date' }];
  if (stoppedOn > today) return [{ field: '/stoppedOn', message: 'cannot be in the future' }];
  if (stoppedOn < startedOn)
    return [{ field: '/stoppedOn', message: `cannot be before the start date (${startedOn})` }];
  return [];
};

/** Methadone for opioid use disorder comes from an opioid treatment program: its name is recorded, and only then. */
export const checkOtpName = (matType: MatType | null, otpName: string | null | undefined): FieldError[] => {
  const named = (otpName ?? '').trim().length > 0;
  if (matType === 'methadone_otp' && !named)
    return [{ field: '/otpName', message: 'name the opioid treatment program that dispenses the methadone' }];
  if (matType !== 'methadone_otp' && named)
    return [{ field: '/otpName', message: 'only methadone from an opioid treatment program has one' }];
  return [];
};

/** Whether a medication was being taken on a calendar date: started by then and not yet stopped. */
export const activeOn = (med: MedicationDates, date: string): boolean =>
  med.startedOn <= date && (med.stoppedOn === null || med.stoppedOn === undefined || med.stoppedOn > date);
