import type {
  RollCallMarkBody,
  RollCallView,
  SaveRollCallBody,
  StoredRollCall,
} from '../../../core/api/attendance.js';
import { minutesAttended } from '../../../core/attendance/rollCall.js';

/**
 * The roll-call form as the user edits it: text as typed, one row per patient, so nothing is lost on
 * a bad value or a refused save. `toSaveBody` turns it into the request; the server checks the rest.
 */

export type Attendance = 'unmarked' | 'present' | 'absent-excused' | 'absent-unexcused';
export type Mode = 'in-person' | 'video' | 'audio-only';

export interface PatientDraft {
  patientId: string;
  name: string;
  mrn: string | null;
  attendance: Attendance;
  /** Minutes late, as typed ('' = on time). */
  lateMinutes: string;
  /** HH:MM at the site, '' = stayed to the end. */
  leftEarlyAt: string;
  mode: Mode;
  patientLocation: string;
  reason: string;
  /** Kept as stored for make-up and unscheduled attendees. */
  unbooked: SaveRollCallBody['entries'][number]['unbooked'];
}

export interface RollCallDraft {
  /** HH:MM at the site. */
  actualStart: string;
  actualEnd: string;
  leaderId: string;
  patients: PatientDraft[];
}

/** `2026-11-24T08:30:00-05:00` → `08:30`: the wall-clock time the server wrote, in the site's zone. */
export const wallTime = (isoWithOffset: string): string => isoWithOffset.slice(11, 16);

/** `2026-11-24T08:30:00-05:00` → `-05:00`. */
export const offsetOf = (isoWithOffset: string): string => {
  const match = /(Z|[+-]\d{2}:\d{2})$/.exec(isoWithOffset);
  return match?.[1] ?? 'Z';
};

/**
 * A wall-clock time on the session's date as a UTC instant, using the session's offset. (A session
 * that spans a daylight-saving change is off by the hour for times after the change: rare enough
 * for a roll call, and the server still checks the result.)
 */
export const instantAt = (localDate: string, time: string, offset: string): string | null => {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const ms = Date.parse(`${localDate}T${time}:00${offset === 'Z' ? 'Z' : offset}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

const inSessionZone = (instant: string, offset: string): string => {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return '';
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h = '0', m = '0'] = offset === 'Z' ? ['0', '0'] : offset.slice(1).split(':');
  const shifted = new Date(ms + sign * (Number(h) * 60 + Number(m)) * 60_000);
  return shifted.toISOString().slice(11, 16);
};

const fromMark = (
  mark: RollCallMarkBody,
  offset: string,
): Omit<PatientDraft, 'patientId' | 'name' | 'mrn' | 'unbooked'> =>
  mark.kind === 'present'
    ? {
        attendance: 'present',
        lateMinutes: mark.lateMinutes > 0 ? String(mark.lateMinutes) : '',
        leftEarlyAt: mark.leftEarlyAt ? inSessionZone(mark.leftEarlyAt, offset) : '',
        mode: mark.via.mode,
        patientLocation: mark.via.patientLocation ?? '',
        reason: '',
      }
    : {
        attendance: mark.excused ? 'absent-excused' : 'absent-unexcused',
        lateMinutes: '',
        leftEarlyAt: '',
        mode: 'in-person',
        patientLocation: '',
        reason: mark.reason ?? '',
      };

/** The form for a session: the stored roll call when there is one, else everyone booked, unmarked. */
export const draftFrom = (
  view: RollCallView,
  stored: StoredRollCall | null = view.rollCall,
): RollCallDraft => {
  const { occurrence } = view;
  const offset = offsetOf(occurrence.start);
  const defaultMode: Mode = occurrence.hasRoom ? 'in-person' : 'video';
  const rows = new Map<string, PatientDraft>();
  for (const p of view.roster) {
    rows.set(p.patientId, {
      patientId: p.patientId,
      name: p.preferredName ? `${p.name} (${p.preferredName})` : p.name,
      mrn: p.mrn,
      attendance: 'unmarked',
      lateMinutes: '',
      leftEarlyAt: '',
      mode: defaultMode,
      patientLocation: '',
      reason: '',
      unbooked: null,
    });
  }
  if (stored && stored.status === 'held') {
    for (const e of stored.entries) {
      const row = rows.get(e.patientId);
      rows.set(e.patientId, {
        patientId: e.patientId,
        name: row?.name ?? e.name,
        mrn: row?.mrn ?? null,
        unbooked: e.unbooked,
        ...fromMark(e.mark, offset),
      });
    }
  }
  const held = stored?.status === 'held';
  return {
    actualStart: held ? inSessionZone(stored.actualStart, offset) : wallTime(occurrence.start),
    actualEnd: held ? inSessionZone(stored.actualEnd, offset) : wallTime(occurrence.end),
    leaderId: stored?.leader.id ?? occurrence.leader.id,
    patients: [...rows.values()],
  };
};

/** The one-tap start: everyone not yet marked is present, on time, the usual way. */
export const markEveryonePresent = (draft: RollCallDraft): RollCallDraft => ({
  ...draft,
  patients: draft.patients.map((p) => (p.attendance === 'unmarked' ? { ...p, attendance: 'present' } : p)),
});

const wholeMinutes = (text: string): number | null => {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : null;
};

/** Field errors the form can tell before asking the server, keyed like the server's (`entries/0/mark/lateMinutes`). */
export const checkDraft = (draft: RollCallDraft): Record<string, string> => {
  const errors: Record<string, string> = {};
  if (!/^\d{2}:\d{2}$/.test(draft.actualStart)) errors['actualStart'] = 'Enter the time the session began.';
  if (!/^\d{2}:\d{2}$/.test(draft.actualEnd)) errors['actualEnd'] = 'Enter the time the session ended.';
  else if (draft.actualStart && draft.actualEnd <= draft.actualStart)
    errors['actualEnd'] = 'Must be after the start.';
  draft.patients.forEach((p, i) => {
    const at = `entries/${i}`;
    if (p.attendance === 'unmarked') errors[`${at}/mark`] = 'Mark present or absent.';
    if (p.attendance === 'present') {
      if (wholeMinutes(p.lateMinutes) === null)
        errors[`${at}/mark/lateMinutes`] = 'Whole minutes, or leave empty if on time.';
      if (p.mode !== 'in-person' && !p.patientLocation.trim())
        errors[`${at}/mark/via/patientLocation`] = 'Where was the patient? (city and state)';
    }
    if (p.attendance === 'absent-excused' && !p.reason.trim())
      errors[`${at}/mark/reason`] = 'Say why the absence is excused.';
  });
  return errors;
};

const markOf = (p: PatientDraft, localDate: string, offset: string): RollCallMarkBody =>
  p.attendance === 'present' || p.attendance === 'unmarked'
    ? {
        kind: 'present',
        lateMinutes: wholeMinutes(p.lateMinutes) ?? 0,
        leftEarlyAt: p.leftEarlyAt ? instantAt(localDate, p.leftEarlyAt, offset) : null,
        via:
          p.mode === 'in-person'
            ? { mode: 'in-person' }
            : { mode: p.mode, patientLocation: p.patientLocation.trim() },
      }
    : {
        kind: 'absent',
        excused: p.attendance === 'absent-excused',
        reason: p.reason.trim() || null,
      };

export const toSaveBody = (
  draft: RollCallDraft,
  view: RollCallView,
  version: number | undefined,
): SaveRollCallBody => {
  const { localDate, start } = view.occurrence;
  const offset = offsetOf(start);
  return {
    ...(version === undefined ? {} : { version }),
    status: 'held',
    cancellationReason: null,
    // Unchanged times go as null ("as scheduled"): a roll call taken mid-session may not name an end
    // in the future, but the scheduled end is fine.
    actualStart:
      draft.actualStart === wallTime(start) ? null : instantAt(localDate, draft.actualStart, offset),
    actualEnd:
      draft.actualEnd === wallTime(view.occurrence.end)
        ? null
        : instantAt(localDate, draft.actualEnd, offset),
    leaderId: draft.leaderId,
    entries: draft.patients.map((p) => ({
      patientId: p.patientId,
      mark: markOf(p, localDate, offset),
      ...(p.unbooked ? { unbooked: p.unbooked } : {}),
    })),
  };
};

export const toCancelBody = (
  reason: string,
  leaderId: string,
  version: number | undefined,
): SaveRollCallBody => ({
  ...(version === undefined ? {} : { version }),
  status: 'cancelled',
  cancellationReason: reason.trim(),
  actualStart: null,
  actualEnd: null,
  leaderId,
  entries: [],
});

/** What the patient's minutes will be if saved as is; null while the row is incomplete. */
export const previewMinutes = (p: PatientDraft, draft: RollCallDraft, view: RollCallView): number | null => {
  if (p.attendance === 'unmarked') return null;
  if (p.attendance !== 'present') return 0;
  const { localDate, start } = view.occurrence;
  const offset = offsetOf(start);
  const startIso = instantAt(localDate, draft.actualStart, offset);
  const endIso = instantAt(localDate, draft.actualEnd, offset);
  const late = wholeMinutes(p.lateMinutes);
  if (!startIso || !endIso || late === null) return null;
  const leftIso = p.leftEarlyAt ? instantAt(localDate, p.leftEarlyAt, offset) : null;
  if (p.leftEarlyAt && !leftIso) return null;
  return minutesAttended(
    {
      kind: 'present',
      lateMinutes: late,
      leftEarlyAtMs: leftIso ? Date.parse(leftIso) : null,
      via: { mode: 'in-person' },
    },
    { startMs: Date.parse(startIso), endMs: Date.parse(endIso) },
  );
};
