import { patientSearchText } from '../../core/patients/searchText.js';
import type { PatientsTable } from '../schema.js';
import {
  FEMALE_GIVEN_NAMES,
  MALE_GIVEN_NAMES,
  PREFERRED_NAMES,
  SPANISH_FEMALE_GIVEN_NAMES,
  SPANISH_MALE_GIVEN_NAMES,
  SPANISH_SURNAMES,
  STREET_NAMES,
  SURNAMES,
} from './names.js';
import type { Random } from './random.js';
import type { SiteSpec } from './structure.js';

export type PriorityPopulation = 'pregnant' | 'injects_drugs';

export interface PatientTraits {
  language?: 'en' | 'es';
  sex?: 'female' | 'male';
  /** Inclusive range of birth years. */
  birthYears?: [number, number];
  priority?: PriorityPopulation | null;
}

export interface PatientRowInput {
  id: string;
  siteId: string;
  site: SiteSpec;
  mrn: string;
  status: 'intake' | 'active' | 'discharged';
  primaryClinicianId: string | null;
  createdAt: string;
}

export const formatMrn = (n: number): string => `MRN-${String(n).padStart(6, '0')}`;

const asciiLower = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * One synthetic patient row. Phones use the 555-01xx range reserved for fiction, emails the
 * example.com domain; names are random combinations of common names.
 */
export const syntheticPatient = (
  rng: Random,
  input: PatientRowInput,
  traits: PatientTraits = {},
): PatientsTable => {
  const language = traits.language ?? (rng.chance(0.12) ? 'es' : 'en');
  const sex = traits.sex ?? (rng.chance(0.45) ? 'female' : 'male');
  const spanishNames = language === 'es' || rng.chance(0.1);
  const givenNames =
    sex === 'female'
      ? spanishNames
        ? SPANISH_FEMALE_GIVEN_NAMES
        : FEMALE_GIVEN_NAMES
      : spanishNames
        ? SPANISH_MALE_GIVEN_NAMES
        : MALE_GIVEN_NAMES;
  const firstName = rng.pick(givenNames);
  const lastName = rng.pick(spanishNames ? SPANISH_SURNAMES : SURNAMES);
  const nickname = PREFERRED_NAMES[firstName];
  const preferredName = nickname !== undefined && rng.chance(0.5) ? nickname : null;
  const [fromYear, toYear] = traits.birthYears ?? [1960, 2006];
  const dateOfBirth = `${rng.int(fromYear, toYear)}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
  const nonBinary = rng.chance(0.03);
  const genderIdentity = nonBinary ? 'non-binary' : sex === 'female' ? 'woman' : 'man';
  const pronouns = nonBinary ? 'they/them' : sex === 'female' ? 'she/her' : 'he/him';

  // Contact preferences every reminder and callback must obey (SPEC §2); a few people opted out by STOP.
  const optedOut = rng.chance(0.05);
  const textsOk = !optedOut && rng.chance(0.75);
  const hasAddress = rng.chance(0.8);
  const mrn = input.mrn;
  return {
    id: input.id,
    site_id: input.siteId,
    mrn,
    first_name: firstName,
    last_name: lastName,
    preferred_name: preferredName,
    date_of_birth: dateOfBirth,
    sex_at_birth: sex,
    gender_identity: genderIdentity,
    pronouns,
    phone: `${input.site.areaCode}-555-01${pad2(rng.int(0, 99))}`,
    email: rng.chance(0.7)
      ? `${asciiLower(firstName)}.${asciiLower(lastName)}${rng.int(1, 99)}@example.com`
      : null,
    address_line: hasAddress ? `${rng.int(12, 4980)} ${rng.pick(STREET_NAMES)}` : null,
    city: hasAddress ? input.site.city : null,
    state: hasAddress ? input.site.state : null,
    postal_code: hasAddress ? input.site.postalCode : null,
    preferred_language: language,
    voicemail_ok: rng.chance(0.7) ? 1 : 0,
    texts_ok: textsOk ? 1 : 0,
    name_clinic_ok: rng.chance(0.4) ? 1 : 0,
    sms_opt_in: textsOk && rng.chance(0.8) ? 1 : 0,
    sms_opted_out_at: optedOut ? input.createdAt : null,
    status: input.status,
    primary_clinician_id: input.primaryClinicianId,
    priority_population: traits.priority ?? null,
    search_text: patientSearchText({ firstName, lastName, preferredName, mrn, dateOfBirth }),
    created_at: input.createdAt,
    updated_at: input.createdAt,
    version: 1,
  };
};
