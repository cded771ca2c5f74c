import type { Occurrence, SessionKind } from '../schedule/recurrence.js';

/**
 * What a calendar feed says about each session (SPEC §5, §10). A feed leaves the clinic: it sits in
 * a phone's calendar, on lock screens, in shared family calendars and in the calendar provider's
 * servers, so for a patient it is a disclosure of SUD treatment (42 CFR Part 2). Unless the patient's
 * contact preferences let us name the clinic, a patient's event says "Appointment" and at most
 * whether it is in person or by video — never the session's title, the program, the level of care,
 * the clinician, the room or other patients. A clinician's feed names the kind of session and the
 * room (they work there) but never a patient.
 */

export type FeedOwnerKind = 'patient' | 'clinician';

/** One occurrence as the calendar shows it, closures and single-session changes applied. */
export interface FeedOccurrence {
  /** The occurrence key, `<series id>@<scheduled date>`: stable when the session moves. */
  key: string;
  kind: SessionKind;
  /** Staff-facing title, e.g. "Relapse prevention". */
  title: string;
  startMs: number;
  endMs: number;
  siteName: string | null;
  roomName: string | null;
  telehealth: boolean;
  moved: boolean;
  /** Cancelled on its own or by a clinic closure. */
  cancelled: boolean;
}

export interface FeedEvent {
  uid: string;
  summary: string;
  location: string | null;
  startMs: number;
  endMs: number;
  status: 'CONFIRMED' | 'CANCELLED';
  sequence: number;
}

export const GENERIC_PATIENT_TITLE = 'Appointment';

/** What a clinician's feed calls a session: its kind, never the series title. */
export const SESSION_KIND_TITLES: Readonly<Record<SessionKind, string>> = Object.freeze({
  group: 'Group session',
  individual: 'Individual session',
  family: 'Family session',
  medication: 'Medication appointment',
  'case-management': 'Case management appointment',
});

/**
 * Calendar apps replace an event when its SEQUENCE grows. Nothing about an occurrence's history is
 * stored, so the sequence counts the changes that can be seen in it: scheduled, then moved, then
 * cancelled. A cancellation that is withdrawn goes back a step; clients then keep the cancelled copy
 * until the next refresh of the whole feed replaces it, which subscriptions do anyway.
 */
export const sequenceOf = (o: Pick<FeedOccurrence, 'moved' | 'cancelled'>): number =>
  (o.moved ? 1 : 0) + (o.cancelled ? 1 : 0);

/** Unique per owner kind, so a clinician who also subscribes to a patient's feed sees two events, not a merge. */
export const feedUid = (ownerKind: FeedOwnerKind, occurrenceKey: string): string => {
  const [seriesId = '', date = ''] = occurrenceKey.split('@');
  return `${seriesId}-${date.replaceAll('-', '')}-${ownerKind}@openiop`;
};

type Place = Pick<FeedOccurrence, 'siteName' | 'roomName' | 'telehealth'>;

const whereGeneric = (o: Place): string | null => {
  if (o.telehealth && o.roomName === null) return 'Telehealth';
  if (o.roomName !== null) return 'In person';
  return null;
};

const whereNamed = (o: Place): string | null => {
  const place = [o.siteName, o.roomName].filter((p): p is string => p !== null && p.trim() !== '');
  if (place.length > 0) return place.join(', ');
  return o.telehealth ? 'Telehealth' : null;
};

const cancelledPrefix = (o: FeedOccurrence, summary: string): string =>
  o.cancelled ? `Cancelled: ${summary}` : summary;

/**
 * The privacy rule for what a patient's session is called and where it is, wherever it leaves the
 * clinic (the feed, the patient's "this week"): generic unless the patient lets us name the clinic.
 */
export const patientSessionWording = (
  o: Place & Pick<FeedOccurrence, 'title'>,
  preferences: { nameClinicOk: boolean },
): { title: string; location: string | null } =>
  preferences.nameClinicOk
    ? { title: o.title, location: whereNamed(o) }
    : { title: GENERIC_PATIENT_TITLE, location: whereGeneric(o) };

export const patientFeedEvent = (o: FeedOccurrence, preferences: { nameClinicOk: boolean }): FeedEvent => {
  const { title, location } = patientSessionWording(o, preferences);
  return {
    uid: feedUid('patient', o.key),
    summary: cancelledPrefix(o, title),
    location,
    startMs: o.startMs,
    endMs: o.endMs,
    status: o.cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: sequenceOf(o),
  };
};

/** A clinician's own sessions: by kind and room; the series title can name a diagnosis-specific group, so it stays out. */
export const clinicianFeedEvent = (o: FeedOccurrence): FeedEvent => ({
  uid: feedUid('clinician', o.key),
  summary: cancelledPrefix(o, SESSION_KIND_TITLES[o.kind]),
  location: o.roomName ?? (o.telehealth ? 'Telehealth' : null),
  startMs: o.startMs,
  endMs: o.endMs,
  status: o.cancelled ? 'CANCELLED' : 'CONFIRMED',
  sequence: sequenceOf(o),
});

/** Calendar names as the subscribing app shows them; generic for the same reason as the events. */
export const feedName = (ownerKind: FeedOwnerKind, clinicName: string | null): string =>
  ownerKind === 'clinician' ? 'My sessions' : clinicName ? `${clinicName} appointments` : 'Appointments';

/** An expanded occurrence with the names the feed may need and whether a closure cancelled it. */
export const toFeedOccurrence = (
  o: Occurrence,
  extra: { siteName: string | null; roomName: string | null; closed: boolean },
): FeedOccurrence => ({
  key: o.key,
  kind: o.kind,
  title: o.title,
  startMs: o.startMs,
  endMs: o.endMs,
  siteName: extra.siteName,
  roomName: extra.roomName,
  telehealth: o.telehealthUrl !== null,
  moved: o.moved,
  cancelled: o.cancellation !== null || extra.closed,
});
