import type {
  CreateCoverageBody,
  CreateInquiryBody,
  Coverage,
  Inquiry,
  UpdateCoverageBody,
  UpdateInquiryBody,
} from '../../../core/api/intake.js';
import {
  type InquirySubstance,
  isCalendarDate,
  isEmail,
  isPhone,
  MAX_AUTHORIZED_UNITS,
  type UnitKind,
} from '../../../core/intake/fields.js';
import type { PriorityPopulation } from '../../../core/intake/priority.js';

/** What the inquiry form holds: strings as typed, '' for "not given". */
export interface InquiryFormValues {
  source: 'phone' | 'referral';
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  preferredLanguage: 'en' | 'es';
  contactWindow: string;
  voicemailOk: boolean;
  textsOk: boolean;
  nameClinicOk: boolean;
  consentToContact: boolean;
  referrerName: string;
  referrerOrganization: string;
  presentingConcern: string;
  substances: InquirySubstance[];
  priorityPopulation: '' | PriorityPopulation;
  preferredSchedule: string;
  notes: string;
}

export const emptyInquiryForm = (): InquiryFormValues => ({
  source: 'phone',
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  phone: '',
  email: '',
  preferredLanguage: 'en',
  contactWindow: '',
  // Nothing is assumed: staff ask and tick what the caller agrees to.
  voicemailOk: false,
  textsOk: false,
  nameClinicOk: false,
  consentToContact: false,
  referrerName: '',
  referrerOrganization: '',
  presentingConcern: '',
  substances: [],
  priorityPopulation: '',
  preferredSchedule: '',
  notes: '',
});

export const inquiryFormFrom = (i: Inquiry): InquiryFormValues => ({
  source: i.source === 'referral' ? 'referral' : 'phone',
  firstName: i.firstName,
  lastName: i.lastName ?? '',
  dateOfBirth: i.dateOfBirth ?? '',
  phone: i.phone ?? '',
  email: i.email ?? '',
  preferredLanguage: i.preferredLanguage,
  contactWindow: i.contactWindow ?? '',
  voicemailOk: i.contactPreferences.voicemailOk,
  textsOk: i.contactPreferences.textsOk,
  nameClinicOk: i.contactPreferences.nameClinicOk,
  consentToContact: i.consentToContact,
  referrerName: i.referrerName ?? '',
  referrerOrganization: i.referrerOrganization ?? '',
  presentingConcern: i.presentingConcern ?? '',
  substances: [...i.substances],
  priorityPopulation: i.priorityPopulation ?? '',
  preferredSchedule: i.preferredSchedule ?? '',
  notes: i.notes ?? '',
});

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

const fieldsOf = (v: InquiryFormValues) => ({
  firstName: v.firstName.trim(),
  lastName: orNull(v.lastName),
  dateOfBirth: v.dateOfBirth === '' ? null : v.dateOfBirth,
  phone: orNull(v.phone),
  email: orNull(v.email),
  preferredLanguage: v.preferredLanguage,
  contactWindow: orNull(v.contactWindow),
  contactPreferences: { voicemailOk: v.voicemailOk, textsOk: v.textsOk, nameClinicOk: v.nameClinicOk },
  consentToContact: v.consentToContact,
  referrerName: orNull(v.referrerName),
  referrerOrganization: orNull(v.referrerOrganization),
  presentingConcern: orNull(v.presentingConcern),
  substances: [...v.substances],
  priorityPopulation: v.priorityPopulation === '' ? null : v.priorityPopulation,
  preferredSchedule: orNull(v.preferredSchedule),
  notes: orNull(v.notes),
});

export const toCreateInquiryBody = (v: InquiryFormValues, siteId: string): CreateInquiryBody => ({
  siteId,
  source: v.source,
  ...fieldsOf(v),
});

export const toUpdateInquiryBody = (v: InquiryFormValues, version: number): UpdateInquiryBody => ({
  version,
  ...fieldsOf(v),
});

/** Checks the browser can make before asking the server; keys match the server's field paths. */
export const checkInquiryForm = (v: InquiryFormValues, today: string): Record<string, string> => {
  const errors: Record<string, string> = {};
  if (!v.firstName.trim()) errors['firstName'] = 'Enter at least a first name.';
  if (v.dateOfBirth !== '' && (!isCalendarDate(v.dateOfBirth) || v.dateOfBirth > today))
    errors['dateOfBirth'] = 'The date of birth must be a real date, not in the future.';
  if (v.phone.trim() !== '' && !isPhone(v.phone.trim()))
    errors['phone'] = 'Enter a phone number (digits, spaces, + ( ) - .).';
  if (v.email.trim() !== '' && !isEmail(v.email.trim()))
    errors['email'] = 'Enter an email address like name@example.com.';
  if (v.phone.trim() === '' && v.email.trim() === '' && !errors['phone'])
    errors['phone'] = 'Give a phone number or an email address so someone can call back.';
  if (v.source === 'referral' && v.referrerName.trim() === '' && v.referrerOrganization.trim() === '')
    errors['referrerOrganization'] = 'Name who referred the person.';
  return errors;
};

/** Server field paths the inquiry form shows next to an input. */
export const INQUIRY_FORM_FIELDS = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'phone',
  'email',
  'preferredLanguage',
  'contactWindow',
  'contactPreferences/voicemailOk',
  'contactPreferences/textsOk',
  'contactPreferences/nameClinicOk',
  'consentToContact',
  'referrerName',
  'referrerOrganization',
  'presentingConcern',
  'substances',
  'priorityPopulation',
  'preferredSchedule',
  'notes',
  'siteId',
] as const;

export interface CoverageFormValues {
  payerName: string;
  memberId: string;
  authorizationNumber: string;
  authorizedUnits: string;
  unitKind: UnitKind;
  startsOn: string;
  endsOn: string;
  verified: boolean;
}

export const emptyCoverageForm = (): CoverageFormValues => ({
  payerName: '',
  memberId: '',
  authorizationNumber: '',
  authorizedUnits: '',
  unitKind: 'days',
  startsOn: '',
  endsOn: '',
  verified: false,
});

export const coverageFormFrom = (c: Coverage): CoverageFormValues => ({
  payerName: c.payerName,
  memberId: c.memberId ?? '',
  authorizationNumber: c.authorizationNumber ?? '',
  authorizedUnits: c.authorizedUnits === null ? '' : String(c.authorizedUnits),
  unitKind: c.unitKind,
  startsOn: c.startsOn ?? '',
  endsOn: c.endsOn ?? '',
  verified: c.verified,
});

const coverageFields = (v: CoverageFormValues) => ({
  payerName: v.payerName.trim(),
  memberId: orNull(v.memberId),
  authorizationNumber: orNull(v.authorizationNumber),
  authorizedUnits: v.authorizedUnits.trim() === '' ? null : Number(v.authorizedUnits),
  unitKind: v.unitKind,
  startsOn: v.startsOn === '' ? null : v.startsOn,
  endsOn: v.endsOn === '' ? null : v.endsOn,
  verified: v.verified,
});

export const toCreateCoverageBody = (v: CoverageFormValues): CreateCoverageBody => coverageFields(v);
export const toUpdateCoverageBody = (v: CoverageFormValues, version: number): UpdateCoverageBody => ({
  version,
  ...coverageFields(v),
});

export const checkCoverageForm = (v: CoverageFormValues): Record<string, string> => {
  const errors: Record<string, string> = {};
  if (!v.payerName.trim()) errors['payerName'] = 'Name the payer.';
  const units = v.authorizedUnits.trim();
  if (units !== '' && (!/^\d+$/.test(units) || Number(units) > MAX_AUTHORIZED_UNITS))
    errors['authorizedUnits'] = `Enter a whole number from 0 to ${MAX_AUTHORIZED_UNITS}.`;
  if (v.startsOn !== '' && v.endsOn !== '' && v.endsOn < v.startsOn)
    errors['endsOn'] = 'The end date cannot be before the start date.';
  return errors;
};
