/** The text the patient search index holds: names, MRN and date of birth, lower-cased, single-spaced. */
export const patientSearchText = (p: {
  firstName: string;
  lastName: string;
  preferredName: string | null;
  mrn: string;
  dateOfBirth: string;
}): string =>
  `${p.firstName} ${p.lastName} ${p.preferredName ?? ''} ${p.mrn} ${p.dateOfBirth}`
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
