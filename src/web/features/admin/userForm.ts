import type { CreateUserBody, Credentials, StaffUser, UpdateUserBody } from '../../../core/api/admin.js';
import type { StaffRole } from '../../../core/access/roles.js';

export interface CredentialValues {
  licenceType: string;
  licenceNumber: string;
  licenceState: string;
  licenceExpiresOn: string;
  npi: string;
  mayDiagnose: boolean;
  maySignPlacements: boolean;
  needsCosignature: boolean;
  supervisorId: string;
}

export interface UserFormValues {
  email: string;
  displayName: string;
  role: StaffRole;
  password: string;
  siteIds: string[];
  hasCredentials: boolean;
  credentials: CredentialValues;
}

const emptyCredentials = (): CredentialValues => ({
  licenceType: '',
  licenceNumber: '',
  licenceState: '',
  licenceExpiresOn: '',
  npi: '',
  mayDiagnose: false,
  maySignPlacements: false,
  needsCosignature: false,
  supervisorId: '',
});

export const emptyUserForm = (): UserFormValues => ({
  email: '',
  displayName: '',
  role: 'clinician',
  password: '',
  siteIds: [],
  hasCredentials: false,
  credentials: emptyCredentials(),
});

const asStaffRole = (role: StaffUser['role']): StaffRole =>
  role === 'patient' || role === 'family_member' ? 'front_desk' : role;

export const userFormFrom = (user: StaffUser): UserFormValues => ({
  email: user.email,
  displayName: user.displayName,
  role: asStaffRole(user.role),
  password: '',
  siteIds: [...user.siteIds],
  hasCredentials: user.credentials !== null,
  credentials: user.credentials
    ? {
        licenceType: user.credentials.licenceType ?? '',
        licenceNumber: user.credentials.licenceNumber ?? '',
        licenceState: user.credentials.licenceState ?? '',
        licenceExpiresOn: user.credentials.licenceExpiresOn ?? '',
        npi: user.credentials.npi ?? '',
        mayDiagnose: user.credentials.mayDiagnose,
        maySignPlacements: user.credentials.maySignPlacements,
        needsCosignature: user.credentials.needsCosignature,
        supervisorId: user.credentials.supervisorId ?? '',
      }
    : emptyCredentials(),
});

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

const toCredentials = (c: CredentialValues): Credentials => ({
  licenceType: orNull(c.licenceType),
  licenceNumber: orNull(c.licenceNumber),
  licenceState: orNull(c.licenceState.toUpperCase()),
  licenceExpiresOn: orNull(c.licenceExpiresOn),
  npi: orNull(c.npi),
  mayDiagnose: c.mayDiagnose,
  maySignPlacements: c.maySignPlacements,
  needsCosignature: c.needsCosignature,
  supervisorId: orNull(c.supervisorId),
});

export const toCreateUserBody = (v: UserFormValues): CreateUserBody => ({
  email: v.email.trim(),
  displayName: v.displayName.trim(),
  role: v.role,
  password: v.password,
  siteIds: v.siteIds,
  ...(v.hasCredentials ? { credentials: toCredentials(v.credentials) } : {}),
});

export const toUpdateUserBody = (v: UserFormValues, version: number): UpdateUserBody => ({
  version,
  displayName: v.displayName.trim(),
  role: v.role,
  siteIds: v.siteIds,
  credentials: v.hasCredentials ? toCredentials(v.credentials) : null,
  ...(v.password ? { password: v.password } : {}),
});

export const checkUserForm = (v: UserFormValues, creating: boolean): Record<string, string> => {
  const errors: Record<string, string> = {};
  if (creating && !/^\S+@\S+\.\S+$/.test(v.email.trim())) errors['email'] = 'Enter a valid email address.';
  if (!v.displayName.trim()) errors['displayName'] = 'Enter the name staff will see.';
  if ((creating || v.password) && v.password.length < 12) errors['password'] = 'Use at least 12 characters.';
  if (v.hasCredentials) {
    const c = v.credentials;
    if (c.npi && !/^\d{10}$/.test(c.npi)) errors['credentials/npi'] = 'An NPI has 10 digits.';
    if (c.licenceState && !/^[A-Za-z]{2}$/.test(c.licenceState)) {
      errors['credentials/licenceState'] = 'Use the 2-letter state code, e.g. NY.';
    }
  }
  return errors;
};

export const USER_FORM_FIELDS = [
  'email',
  'displayName',
  'role',
  'password',
  'siteIds',
  'credentials/licenceType',
  'credentials/licenceNumber',
  'credentials/licenceState',
  'credentials/licenceExpiresOn',
  'credentials/npi',
  'credentials/supervisorId',
];
