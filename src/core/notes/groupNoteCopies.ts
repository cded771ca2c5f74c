export interface GroupNoteAttendee {
  patientId: string;
  minutes: number;
  section: string;
  objectiveIds: readonly string[];
}

export interface GroupNoteDraft {
  title: string;
  serviceDate: string;
  narrative: string;
  attendees: readonly GroupNoteAttendee[];
}

/** What one attendee's chart receives when the group note is signed. */
export interface GroupNoteCopy {
  patientId: string;
  title: string;
  serviceDate: string;
  minutes: number;
  sections: { narrative: string; individual: string };
  objectiveIds: string[];
}

/**
 * SPEC §7: each chart copy holds the shared narrative and that patient's own section only —
 * built from nothing but those, so no other attendee's name, id or section can reach it.
 */
export const groupNoteCopies = (draft: GroupNoteDraft): GroupNoteCopy[] =>
  draft.attendees.map((attendee) => ({
    patientId: attendee.patientId,
    title: draft.title,
    serviceDate: draft.serviceDate,
    minutes: attendee.minutes,
    sections: { narrative: draft.narrative.trim(), individual: attendee.section.trim() },
    objectiveIds: [...new Set(attendee.objectiveIds)],
  }));
