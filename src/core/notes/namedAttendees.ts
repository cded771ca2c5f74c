export interface AttendeeName {
  patientId: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
}

const normalise = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Attendees the shared narrative names (SPEC §7: the narrative goes into every attendee's chart,
 * so a name in it discloses that person to the others). Matches first, preferred or last names as
 * whole words, ignoring case and accents; names shorter than 3 letters are skipped to avoid noise.
 */
export const attendeesNamedIn = (narrative: string, attendees: readonly AttendeeName[]): string[] => {
  const text = normalise(narrative);
  return attendees
    .filter((a) =>
      [a.firstName, a.lastName, a.preferredName ?? '']
        .map((name) => normalise(name.trim()))
        .filter((name) => name.length >= 3)
        .some((name) => new RegExp(`(^|[^\\p{L}\\p{N}])${escape(name)}($|[^\\p{L}\\p{N}])`, 'u').test(text)),
    )
    .map((a) => a.patientId);
};
